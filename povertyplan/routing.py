"""Who supervises now: the unit a commune's reviews, reports and approvals go to on a date follows the unit
tree valid on that date (before 1 July 2025 thị trấn Cao Thượng → huyện Tân Yên; after, xã Tân Yên →
tỉnh Bắc Ninh), and the offices named in documents are the unit's offices in force on that date."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from povertyplan.models import AdministrativeUnit, UnitOffice, UnitSuccession


def unit_on(unit, on_date):
    """`unit` if open on the date, else the unit that stood for its territory then: a successor
    (after it closed) or a predecessor (before it existed), following the arrangement."""
    seen = set()
    while unit is not None and not unit.is_open_on(on_date) and unit.pk not in seen:
        seen.add(unit.pk)
        later = unit.valid_to is not None and on_date > unit.valid_to
        links = (UnitSuccession.objects.filter(predecessor=unit).select_related("successor") if later
                 else UnitSuccession.objects.filter(successor=unit).select_related("predecessor"))
        candidates = [link.successor if later else link.predecessor for link in links]
        unit = next((c for c in candidates if c.is_open_on(on_date)), candidates[0] if candidates else None)
    return unit


def supervisor_of(unit, on_date):
    """The unit a commune reports to on `on_date`: the parent, in the tree valid that day."""
    current = unit_on(unit, on_date)
    if current is None or current.parent_id is None:
        return None
    return AdministrativeUnit.objects.get(pk=current.parent_id)


def office_name(unit, kind, on_date):
    """The name of the unit's office of `kind` (OfficeKind) in force on `on_date`; "" when none is recorded."""
    office = _office_on(unit, kind, on_date)
    return office.name if office is not None else ""


def _office_on(unit, kind, on_date):
    from django.db.models import Q

    return (UnitOffice.objects.filter(unit=unit, kind=kind)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on_date))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on_date)).order_by("-valid_from").first())


def require_open(unit, on_date, what):
    """A closed unit can be looked at but takes no new rounds, plans or reports after its end date."""
    if not unit.is_open_on(on_date):
        end = unit.valid_to or unit.valid_from
        raise ValidationError(
            _("%(unit)s đã hết hiệu lực từ sau ngày %(end)s: không tạo %(what)s mới cho đơn vị này; hãy dùng "
              "đơn vị kế thừa.") % {"unit": unit.full_name, "end": end.strftime("%d/%m/%Y"), "what": what}
            if unit.valid_to is not None and on_date > unit.valid_to else
            _("%(unit)s chưa có hiệu lực ngày %(date)s: không tạo %(what)s cho đơn vị này.")
            % {"unit": unit.full_name, "date": on_date.strftime("%d/%m/%Y"), "what": what})


def today():
    from django.utils import timezone

    return timezone.localdate()

