"""Xuất danh sách hộ ra Excel: the filtered list as the two sheets of the import template, plus status.

A builder computes the rows once (two queries per chunk of households, whatever the length);
the renderer writes them with a bold header, widths, a frozen header row, an autofilter and A4
landscape print set-up, after a first sheet "Thông tin" (what, which unit, which filters, when, by
whom) that a clerk can hand over with the file; the data sheets keep the template's layout, so the
file imports again. CCCD numbers are masked for the roles that do not need them.
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
    Column,
)
from households.excel.workbook import add_cover, add_sheet, finish
from households.models import (
    FLAG_FIELDS,
    Member,
    PovertyCause,
    Relation,
    Review,
    ReviewRound,
    ReviewState,
    RoundKind,
    Schooling,
    Sex,
    StatusChange,
    Work,
    mask_id_number,
)

HOUSEHOLD_EXPORT_COLUMNS = HOUSEHOLD_COLUMNS[:2] + EXPORT_HOUSEHOLD_EXTRA[:1] + HOUSEHOLD_COLUMNS[2:] + \
    EXPORT_HOUSEHOLD_EXTRA[1:2] + REVIEW_COLUMNS + EXPORT_HOUSEHOLD_EXTRA[2:]
# With the current round's results (not only recognised ones) each row says how far its result has come.
STATE_COLUMN = Column("review_state", "Trạng thái kết quả", 16)


def _flag(value):
    return YES if value else ""


def _labels(choices):
    # translated once per export, not once per cell (gettext is the slowest part of a big export);
    # in Vietnamese whatever the reader's language, like the headers, so that the file imports again
    with translation.override("vi"):
        return {value: str(label) for value, label in choices.choices}


def latest_rounds(households):
    """The pk of each commune's latest periodic round among the communes of `households` (few rows)."""
    communes = households.order_by().values("commune_id").distinct()
    latest = {}
    for pk, commune_id, year in (ReviewRound.objects.filter(commune_id__in=communes, kind=RoundKind.PERIODIC)
                                 .values_list("pk", "commune_id", "year")):
        if commune_id not in latest or year > latest[commune_id][1]:
            latest[commune_id] = (pk, year)
    return [pk for pk, _year in latest.values()]


def household_rows(households, *, mask, current_round=False):
    """(household row, [member rows]) for each household; `households` is a selector queryset. With
    `current_round`, the result of the commune's latest periodic round in whatever state (a draft too)
    instead of the recognised current one, and its state in one more column."""
    sex, relation, schooling, work = _labels(Sex), _labels(Relation), _labels(Schooling), _labels(Work)
    classification, change, cause = _labels(Classification), _labels(StatusChange), _labels(PovertyCause)
    state_label = _labels(ReviewState)
    members_prefetch = Prefetch("members", queryset=Member.objects.filter(is_active=True).order_by("pk"))
    if current_round:
        reviews = (Review.objects.filter(round_id__in=latest_rounds(households)).select_related("round")
                   .prefetch_related("deprivations", "causes"))
        queryset = households.prefetch_related(members_prefetch, Prefetch("reviews", queryset=reviews,
                                                                          to_attr="round_reviews"))
    else:
        queryset = households.prefetch_related(members_prefetch, "current_review__deprivations",
                                               "current_review__causes")
    for household in queryset.iterator(chunk_size=2000):
        if current_round:
            review = household.round_reviews[0] if household.round_reviews else None
        else:
            review = household.current_review
        review_cells = ["", "", "", "", "", ""]
        status = ["", ""]
        if review is not None:
            review_cells = [review.round.year, review.income_per_capita,
                            ", ".join(d.code for d in sorted(review.deprivations.all(), key=lambda d: d.order)),
                            "; ".join(cause[c.cause] for c in sorted(review.causes.all(), key=lambda c: c.cause)),
                            review.decision_number, review.decision_date]
            status = [classification[review.classification], change.get(review.change, "")]
        if current_round:
            status.append(state_label[review.state] if review is not None else "")
        row = [household.code, household.village.code, household.village.name, household.head_name, household.address,
               *[_flag(getattr(household, f)) for f in FLAG_FIELDS], len(household.members.all()),
               *review_cells, *status]
        members = [[household.code, m.full_name, sex[m.sex], m.birth_date, m.birth_year,
                    mask_id_number(m.id_number) if mask else m.id_number, relation[m.relation], m.ethnicity,
                    YES if m.health_insurance else NO, schooling.get(m.schooling, ""), work.get(m.work, "")]
                   for m in household.members.all()]
        yield row, members


def render_xlsx(rows, target=None, progress=None, *, cover=(), current_round=False):
    """Write the workbook to `target` (a path or file; bytes returned when None), both sheets streamed
    (write-only: openpyxl keeps no cell in memory), one household at a time; returns (bytes or None, count).
    `cover`: the (label, value) lines of the first sheet."""
    workbook = Workbook(write_only=True)
    if cover:
        add_cover(workbook, cover)
    columns = HOUSEHOLD_EXPORT_COLUMNS + ([STATE_COLUMN] if current_round else [])
    households_sheet, write_household = add_sheet(workbook, HOUSEHOLD_SHEET, columns)
    members_sheet, write_member = add_sheet(workbook, MEMBER_SHEET, MEMBER_COLUMNS)
    count = member_count = 0
    for row, members in rows:
        write_household(row)
        for member in members:
            write_member(member)
        count += 1
        member_count += len(members)
        if progress is not None:
            progress.advance()
    title = cover[0] if cover else ""
    finish(households_sheet, columns, count, title)
    finish(members_sheet, MEMBER_COLUMNS, member_count, title)
    if target is not None:
        workbook.save(target)
        return None, count
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count
