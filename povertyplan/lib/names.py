def person_name(user):
    """A Vietnamese full name: họ đệm (last_name) before tên (first_name), e.g. "Nguyễn Thị Hoa"."""
    if user is None:
        return ""
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()
