"""Small helpers shared by the households views."""


def add_errors(form, exc):
    """Put a service's ValidationError on the form fields it names (others on the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def querystring_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
