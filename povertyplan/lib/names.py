def person_name(user):
    """A Vietnamese full name: họ đệm (last_name) before tên (first_name), e.g. "Nguyễn Thị Hoa"."""
    if user is None:
        return ""
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


def search_key(text):
    """A name as searched: lower case, without diacritics, đ as d ("Nguyễn Văn Đức" → "nguyen van duc"), so that
    an officer typing on a keyboard without Vietnamese input finds it; the same function for the stored key
    and for the search term."""
    import unicodedata

    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())
