"""Loading the poverty standards fixture, finding the standard in force on a date, choosing the
standards that apply to a unit (the national one and a province's own higher one) and saying
plainly when a standard is not yet law."""
import datetime
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from povertyplan.lib.db import update_or_create_changed

FIXTURE = "fixtures/standards/poverty_standards.json"
_FIELDS = ["name", "legal_basis", "valid_from", "valid_to", "poor_line_rural", "poor_line_urban",
           "average_line_rural", "average_line_urban", "min_deprivations", "notes"]
_FLAGS = ["confirmed", "average_confirmed"]  # default True: only a standard not yet law says otherwise


def read_fixture(path=None):
    with open(path or settings.BASE_DIR / FIXTURE, encoding="utf-8") as handle:
        data = json.load(handle)
    for item in data["standards"]:
        for key in ("valid_from", "valid_to"):
            item[key] = datetime.date.fromisoformat(item[key]) if item.get(key) else None
        if isinstance(item["indicators"], str):
            item["indicators"] = data[item["indicators"]]
    return data["standards"]


def load_standards(standard_model=None, indicator_model=None, path=None):
    """Create or update every standard and indicator of the fixture (idempotent).

    Takes the model classes so the data migration can pass its historical models; tests that
    flush the database (live_server) call it with no arguments.
    """
    if standard_model is None:
        from households.models import DeprivationIndicator as indicator_model
        from households.models import PovertyStandard as standard_model
    for item in read_fixture(path):
        defaults = {key: item.get(key) or ("" if key in ("notes", "legal_basis") else None) for key in _FIELDS}
        model_fields = {f.name for f in standard_model._meta.get_fields()}
        defaults.update({key: item.get(key, True) for key in _FLAGS if key in model_fields})  # after migration 0010
        standard, _created = update_or_create_changed(standard_model.objects, code=item["code"], defaults=defaults)
        for order, indicator in enumerate(item["indicators"], start=1):
            update_or_create_changed(
                indicator_model.objects, standard=standard, code=indicator["code"],
                defaults={"service": indicator["service"], "name": indicator["name"], "order": order},
            )


def standard_in_force(on_date):
    """The PovertyStandard valid on `on_date`; a ValidationError when the data has none."""
    from households.models import PovertyStandard

    standard = PovertyStandard.objects.in_force(on_date).first()
    if standard is None:
        raise ValidationError(_("Chưa có chuẩn nghèo áp dụng cho ngày %(date)s.") % {"date": on_date.strftime("%d/%m/%Y")})
    return standard


def province_of(unit):
    """The tỉnh above (or at) a unit in its own tree: the tree valid when the unit was."""
    from povertyplan.models import AdministrativeUnit, Tier

    for candidate in AdministrativeUnit.objects.filter(pk__in=[*unit.ancestor_ids(), unit.pk]).order_by("path"):
        if candidate.tier == Tier.PROVINCE:
            return candidate
    return None


def applicable_standards(*, unit, on_date, use=None):
    """The standards that apply to a unit on a date: the national one first, then the province's own
    standards valid then (only those for `use`, a LocalUse, when given). Rà soát and the national
    figures take the first; a province's programme or policy takes its own where there is one."""
    from households.models import PovertyStandard

    national = standard_in_force(on_date)
    province = province_of(unit)
    local = PovertyStandard.objects.none()
    if province is not None:
        local = PovertyStandard.objects.valid_on(on_date).filter(province=province).order_by("local_use", "code")
        if use:
            local = local.filter(local_use=use)
    return [national, *local]


def standard_for(*, unit, on_date, use=None):
    """The one standard to classify with: the province's own for `use` if it set one, else the national."""
    return applicable_standards(unit=unit, on_date=on_date, use=use)[-1] if use else standard_in_force(on_date)


def check_local_standard(standard):
    """A provincial standard belongs to a tỉnh, says where it applies, is at least the national one and
    does not overlap another of the same province and use (model clean, so the admin shows the errors)."""
    from households.models import PovertyStandard
    from povertyplan.models import Tier

    if standard.province_id is None:
        if standard.local_use:
            raise ValidationError({"local_use": _("Chỉ chuẩn riêng của tỉnh mới ghi nơi áp dụng.")})
        return
    errors = {}
    if standard.province.tier != Tier.PROVINCE:
        errors["province"] = _("%(unit)s không phải là tỉnh, thành phố trực thuộc trung ương.") % {
            "unit": standard.province.full_name}
    if not standard.local_use:
        errors["local_use"] = _("Ghi tỉnh áp dụng chuẩn riêng này cho việc gì.")
    national = PovertyStandard.objects.in_force(standard.valid_from).first() if standard.valid_from else None
    if national is not None:
        for field in ("poor_line_rural", "poor_line_urban"):
            if getattr(standard, field) is not None and getattr(standard, field) < getattr(national, field):
                errors[field] = _("Chuẩn của tỉnh không được thấp hơn chuẩn quốc gia (%(line)s đồng).") % {
                    "line": f"{getattr(national, field):,}".replace(",", ".")}
    if standard.valid_from and standard.local_use:
        end = standard.valid_to or datetime.date.max
        clash = (PovertyStandard.objects.filter(province=standard.province_id, local_use=standard.local_use,
                                                valid_from__lte=end)
                 .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=standard.valid_from)).exclude(pk=standard.pk).first())
        if clash is not None:
            errors["valid_from"] = _("Trùng thời gian với %(other)s.") % {"other": clash.name}
    if errors:
        raise ValidationError(errors)


def unconfirmed_notice(standard):
    """The plain warning for a standard not yet law (empty when it is): one sentence, used by every
    screen, export and document that classifies with it."""
    if standard is None or standard.fully_confirmed:
        return ""
    if not standard.confirmed:
        return _("%(name)s chưa được ban hành chính thức (theo dự thảo); kết quả phân loại theo chuẩn này là tạm "
                 "tính.") % {"name": standard.name}
    return _("Chuẩn hộ có mức sống trung bình của %(name)s chưa được ban hành chính thức; phân loại hộ có mức sống "
             "trung bình là tạm tính.") % {"name": standard.name}


def review_year_standard(year):
    """The national standard a periodic review of `year` classifies with (None when the data has none)."""
    from households.models import PovertyStandard, ReviewRound, RoundKind

    return PovertyStandard.objects.in_force(ReviewRound(year=year, kind=RoundKind.PERIODIC).standard_date()).first()


def unconfirmed_standards_of(rounds):
    """The national standards not yet law that any of `rounds` classifies with, oldest first (one query of the
    few unconfirmed rows): the list pages say so once, above the rounds."""
    from households.models import PovertyStandard

    dates = {r.standard_date() for r in rounds}
    drafts = (PovertyStandard.objects.filter(province__isnull=True)
              .filter(Q(confirmed=False) | Q(average_confirmed=False)).order_by("valid_from"))
    return [s for s in drafts if any(s.valid_from <= d and (s.valid_to is None or d <= s.valid_to) for d in dates)]
