"""Exports of personal data are audited acts (NĐ 13/2023): the file is built and the event recorded together."""
import re

from django.db import transaction

from households.access import can_see_id_numbers
from households.excel.export import household_rows, render_xlsx
from households.models import mask_id_number
from povertyplan.access import scope_unit
from povertyplan.audit import record


@transaction.atomic
def household_list_export(*, actor, households, filters):
    """The .xlsx bytes of a filtered household list; CCCD masked unless the actor's role needs it."""
    mask = not can_see_id_numbers(actor)
    content, count = render_xlsx(household_rows(households, mask=mask))
    record(actor=actor, action="household.export", object_type="households.household", unit=scope_unit(actor),
           after={"filters": {k: _masked(str(v)) for k, v in filters.items()}, "households": count,
                  "id_numbers_masked": mask})
    return content


def _masked(text):
    """A searched CCCD (or any run of 5+ digits) kept as the screens show it: ********4567."""
    return re.sub(r"\d{5,}", lambda match: mask_id_number(match.group()), text)
