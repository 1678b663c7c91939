"""Saving under unique constraints that a concurrent request may hit first."""
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction


def save_or_clash(obj, clash):
    """Save in a savepoint; if a unique constraint is hit (another request saved the same thing between our
    check and our INSERT), raise `clash()` — the ValidationError a single user would have got — instead of
    an IntegrityError, and leave the caller's transaction usable."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise clash() from None


def full_clean_on(obj, field):
    """full_clean(), with the model's constraint messages (non-field errors) put on `field`, the form field a
    user would correct, so a clash reads the same whether the check or the database found it."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        errors = exc.message_dict
        if NON_FIELD_ERRORS in errors:
            errors.setdefault(field, []).extend(errors.pop(NON_FIELD_ERRORS))
        raise ValidationError(errors) from None
