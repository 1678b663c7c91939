"""Households across the 2025 reform: they move with their village to the successor commune.

Their reviews do not move: a review belongs to its round, and the round to the commune of its time
(thị trấn Cao Thượng's 2023 round stays thị trấn Cao Thượng's). The figures of the years before the
successor village existed stay on the old village (households.services.figures.recount).
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from households.models import Household
from households.services.figures import figures_refresh
from households.services.registry import lock_commune
from povertyplan import audit
from povertyplan.services import villages_carry


@transaction.atomic
def households_carry(*, actor, old_commune, new_commune, on_date=None, code_prefix=""):
    """Chuyển hộ của xã cũ sang xã kế thừa cùng thôn, tổ dân phố (povertyplan.services.villages_carry).

    Household codes are unique in a commune, and merged communes often numbered alike: `code_prefix`
    ("CX-") goes before every carried code. Refused whole when a code (with its prefix) is already
    used in the new commune or is not a valid code. Returns the number of households moved; carrying
    again moves none.
    """
    from django.db.models import Value
    from django.db.models.functions import Concat

    from households.models.registry import household_code_validator

    if code_prefix:
        try:
            household_code_validator(code_prefix + "0")
        except ValidationError:
            raise ValidationError({"code_prefix": household_code_validator.message}) from None
    pairs = villages_carry(actor=actor, old_commune=old_commune, new_commune=new_commune, on_date=on_date)
    lock_commune(new_commune.pk)
    moving = Household.objects.filter(village__in=list(pairs)).select_for_update()
    clashes = sorted({code_prefix + code for code in moving.values_list("code", flat=True)}
                     & set(Household.objects.filter(commune=new_commune).values_list("code", flat=True)))
    if clashes:
        raise ValidationError(_("%(new)s đã có hộ mang mã %(codes)s: đổi mã hộ trước khi chuyển.")
                              % {"new": new_commune.full_name, "codes": ", ".join(clashes[:10])})
    events, moved = [], 0
    for old, new in pairs.items():
        households = list(Household.objects.filter(village=old).only("pk", "code", "head_name", "version"))
        events += [audit.event(actor=actor, action="household.carry", obj=h, unit=new,
                               before={"village": audit.unit_ref(old), "commune": audit.unit_ref(old_commune),
                                       "code": h.code, "version": h.version},
                               after={"village": audit.unit_ref(new), "commune": audit.unit_ref(new_commune),
                                      "code": code_prefix + h.code, "version": h.version + 1})
                   for h in households]
        moved += Household.objects.filter(village=old).update(
            village=new, commune=new_commune, version=F("version") + 1,
            code=Concat(Value(code_prefix), F("code")) if code_prefix else F("code"))
    audit.record_many(events)
    figures_refresh([v.pk for pair in pairs.items() for v in pair])
    return moved
