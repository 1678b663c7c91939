"""Loading the poverty standards fixture and finding the standard in force on a date."""
import datetime
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from povertyplan.lib.db import update_or_create_changed

FIXTURE = "fixtures/standards/poverty_standards.json"
_FIELDS = ["name", "legal_basis", "valid_from", "valid_to", "poor_line_rural", "poor_line_urban",
           "average_line_rural", "average_line_urban", "min_deprivations", "notes"]


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
        standard, _created = update_or_create_changed(
            standard_model.objects, code=item["code"], defaults={key: item.get(key) or ("" if key in ("notes", "legal_basis") else None)
                                         for key in _FIELDS})
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
