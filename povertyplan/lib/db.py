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


def update_or_create_changed(manager, defaults, **lookup):
    """update_or_create that writes only what differs: reloading reference or demo data that is already there
    (a second `make run`) reads and writes nothing. Works with migrations' historical models too."""
    obj = manager.filter(**lookup).first()
    if obj is None:
        return manager.create(**lookup, **defaults), True
    changed = []
    for name, value in defaults.items():
        field = obj._meta.get_field(name)
        current = getattr(obj, field.attname)
        wanted = value.pk if field.is_relation and value is not None and hasattr(value, "pk") else value
        if current != wanted:
            setattr(obj, name, value)
            changed.append(name)
    if changed:
        obj.save(update_fields=changed)
    return obj, False
