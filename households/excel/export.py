"""Xuất danh sách hộ ra Excel: the filtered list as the two sheets of the import template, plus status.

A builder computes the rows once (two queries per chunk of households, whatever the length);
the renderer writes them with a bold header, widths and a frozen header row. CCCD numbers are
masked for the roles that do not need them.
"""
import io

from django.db.models import Prefetch
from django.utils import translation
from openpyxl import Workbook

from households.classification import Classification
from households.excel.columns import (
    EXPORT_HOUSEHOLD_EXTRA,
    HOUSEHOLD_COLUMNS,
    HOUSEHOLD_SHEET,
    MEMBER_COLUMNS,
    MEMBER_SHEET,
    NO,
    REVIEW_COLUMNS,
    YES,
)
from households.excel.workbook import add_sheet
from households.models import (
    FLAG_FIELDS,
    Member,
    PovertyCause,
    Relation,
    Schooling,
    Sex,
    StatusChange,
    Work,
    mask_id_number,
)

HOUSEHOLD_EXPORT_COLUMNS = HOUSEHOLD_COLUMNS[:2] + EXPORT_HOUSEHOLD_EXTRA[:1] + HOUSEHOLD_COLUMNS[2:] + \
    EXPORT_HOUSEHOLD_EXTRA[1:2] + REVIEW_COLUMNS + EXPORT_HOUSEHOLD_EXTRA[2:]


def _flag(value):
    return YES if value else ""


def _labels(choices):
    # translated once per export, not once per cell (gettext is the slowest part of a big export);
    # in Vietnamese whatever the reader's language, like the headers, so that the file imports again
    with translation.override("vi"):
        return {value: str(label) for value, label in choices.choices}


def household_rows(households, *, mask):
    """(household row, [member rows]) for each household; `households` is a selector queryset."""
    sex, relation, schooling, work = _labels(Sex), _labels(Relation), _labels(Schooling), _labels(Work)
    classification, change, cause = _labels(Classification), _labels(StatusChange), _labels(PovertyCause)
    queryset = households.prefetch_related(
        Prefetch("members", queryset=Member.objects.filter(is_active=True).order_by("pk")),
        "current_review__deprivations", "current_review__causes",
    )
    for household in queryset.iterator(chunk_size=2000):
        review = household.current_review
        review_cells = ["", "", "", "", "", ""]
        status = ["", ""]
        if review is not None:
            review_cells = [review.round.year, review.income_per_capita,
                            ", ".join(d.code for d in sorted(review.deprivations.all(), key=lambda d: d.order)),
                            "; ".join(cause[c.cause] for c in sorted(review.causes.all(), key=lambda c: c.cause)),
                            review.decision_number, review.decision_date.strftime("%d/%m/%Y") if review.decision_date else ""]
            status = [classification[review.classification], change.get(review.change, "")]
        row = [household.code, household.village.code, household.village.name, household.head_name, household.address,
               *[_flag(getattr(household, f)) for f in FLAG_FIELDS], len(household.members.all()),
               *review_cells, *status]
        members = [[household.code, m.full_name, sex[m.sex],
                    m.birth_date.strftime("%d/%m/%Y") if m.birth_date else "", m.birth_year,
                    mask_id_number(m.id_number) if mask else m.id_number, relation[m.relation], m.ethnicity,
                    YES if m.health_insurance else NO, schooling.get(m.schooling, ""), work.get(m.work, "")]
                   for m in household.members.all()]
        yield row, members


def render_xlsx(rows, target=None, progress=None):
    """Write the workbook to `target` (a path or file; bytes returned when None), both sheets streamed
    (write-only: openpyxl keeps no cell in memory), one household at a time; returns (bytes or None, count)."""
    workbook = Workbook(write_only=True)
    _sheet, write_household = add_sheet(workbook, HOUSEHOLD_SHEET, HOUSEHOLD_EXPORT_COLUMNS)
    _sheet, write_member = add_sheet(workbook, MEMBER_SHEET, MEMBER_COLUMNS)
    count = 0
    for row, members in rows:
        write_household(row)
        for member in members:
            write_member(member)
        count += 1
        if progress is not None:
            progress.advance()
    if target is not None:
        workbook.save(target)
        return None, count
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count
