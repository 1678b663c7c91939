"""Exports of personal data are audited acts (NĐ 13/2023): the file is built and the event recorded together."""
import re

from django.db import transaction

from households.access import can_see_id_numbers
from households.excel.export import household_rows, render_xlsx
from households.models import mask_id_number
from povertyplan.access import scope_unit
from povertyplan.audit import record


def household_list_export(*, actor, households, filters, target=None, progress=None):
    """The .xlsx bytes of a filtered household list (or the file written to `target`, for a job);
    CCCD masked unless the actor's role needs it. Rows are read in chunks (a server-side cursor on
    PostgreSQL) outside any transaction; the audit row is written once the file is complete."""
    mask = not can_see_id_numbers(actor)
    if progress is not None:
        progress.start(households.count())
    content, count = render_xlsx(household_rows(households, mask=mask), target=target, progress=progress)
    _record_export(actor, filters, count, mask)
    return content


@transaction.atomic
def _record_export(actor, filters, count, mask):
    record(actor=actor, action="household.export", object_type="households.household", unit=scope_unit(actor),
           after={"filters": {k: _masked(str(v)) for k, v in filters.items()}, "households": count,
                  "id_numbers_masked": mask})


def _masked(text):
    """A searched CCCD (or any run of 5+ digits) kept as the screens show it: ********4567."""
    return re.sub(r"\d{5,}", lambda match: mask_id_number(match.group()), text)
