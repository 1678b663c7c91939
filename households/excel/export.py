"""Xuất danh sách hộ ra Excel: the filtered list as the two sheets of the import template, plus status.

A builder streams the rows as plain tuples (one query for the households, three per chunk of 2,000:
members, deprivations, causes); the renderer writes them through the streamed book of
povertyplan.lib.spreadsheet (constant memory, whatever the length) with a bold header, widths, a frozen header row, an autofilter and A4
landscape print set-up, after a first sheet "Thông tin" (what, which unit, which filters, when, by
whom) that a clerk can hand over with the file; the data sheets keep the template's layout, so the
file imports again. CCCD numbers are masked for the roles that do not need them.
"""
import io

from django.utils import translation

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
from households.excel.workbook import COVER_SHEET
from households.models import (
    FLAG_FIELDS,
    Member,
    PovertyCause,
    Relation,
    Review,
    ReviewCause,
    ReviewRound,
    ReviewState,
    RoundKind,
    Schooling,
    Sex,
    StatusChange,
    Work,
    mask_id_number,
)
from povertyplan.lib.spreadsheet import streamed_workbook
from povertyplan.lib.spreadsheet_stream import BOLD, EXCEL_MAX_ROWS, HEADER, PLAIN, TITLE

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


HOUSEHOLD_FIELDS = ("pk", "code", "village__code", "village__name", "head_name", "address", *FLAG_FIELDS)
REVIEW_FIELDS = ("round__year", "income_per_capita", "decision_number", "decision_date", "classification", "change",
                 "state")
MEMBER_FIELDS = ("household_id", "full_name", "sex", "birth_date", "birth_year", "id_number", "relation", "ethnicity",
                 "health_insurance", "schooling", "work")
CHUNK = 2000  # households per chunk: members, reviews, deprivations and causes are read once per chunk


def _chunks(rows, size):
    chunk = []
    for item in rows:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def household_rows(households, *, mask, current_round=False, chunk_size=CHUNK):
    """(household row, [member rows]) for each household; `households` is a selector queryset. With
    `current_round`, the result of the commune's latest periodic round in whatever state (a draft too)
    instead of the recognised current one, and its state in one more column.

    Plain tuples, no model instances: the households stream from one server-side cursor (PostgreSQL),
    the current result joined in the same query; per chunk of `chunk_size` households one query each
    for their members, deprivations and causes (and, for the current round, their results) — a
    constant number of queries per chunk, whatever the size of the export."""
    sex, relation, schooling, work = _labels(Sex), _labels(Relation), _labels(Schooling), _labels(Work)
    classification, change, cause_label = _labels(Classification), _labels(StatusChange), _labels(PovertyCause)
    state_label = _labels(ReviewState)
    rounds = latest_rounds(households) if current_round else None
    review_fields = () if current_round else tuple(f"current_review__{f}" for f in ("pk", *REVIEW_FIELDS))
    rows = households.values_list(*HOUSEHOLD_FIELDS, *review_fields).iterator(chunk_size=chunk_size)
    width = len(HOUSEHOLD_FIELDS)
    for chunk in _chunks(rows, chunk_size):
        ids = [row[0] for row in chunk]
        if current_round:
            results = {review[0]: review[1:] for review in Review.objects.filter(
                round_id__in=rounds, household_id__in=ids).order_by().values_list("household_id", "pk", *REVIEW_FIELDS)}
        else:
            results = {row[0]: row[width:] for row in chunk if row[width] is not None}
        review_ids = [result[0] for result in results.values()]
        deprivations, causes = _review_lists(review_ids, cause_label)
        members = {}
        for m in (Member.objects.filter(household_id__in=ids, is_active=True).order_by("household_id", "pk")
                  .values_list(*MEMBER_FIELDS)):
            members.setdefault(m[0], []).append(m)
        for row in chunk:
            pk, code = row[0], row[1]
            review = results.get(pk)
            review_cells, status = ["", "", "", "", "", ""], ["", ""]
            if review is not None:
                review_pk, year, income, decision_number, decision_date, kind, changed, state = review
                review_cells = [year, income, ", ".join(deprivations.get(review_pk, ())),
                                "; ".join(causes.get(review_pk, ())), decision_number, decision_date]
                status = [classification[kind], change.get(changed, "")]
            if current_round:
                status.append(state_label[review[-1]] if review is not None else "")
            own = members.get(pk, ())
            household = [code, row[2], row[3], row[4], row[5], *[_flag(flag) for flag in row[6:width]], len(own),
                         *review_cells, *status]
            yield household, [[code, m[1], sex[m[2]], m[3], m[4], mask_id_number(m[5]) if mask else m[5],
                               relation[m[6]], m[7], YES if m[8] else NO, schooling.get(m[9], ""), work.get(m[10], "")]
                              for m in own]


def _review_lists(review_ids, cause_label):
    """{review pk: [deprivation codes in the standard's order]}, {review pk: [causes in words, by code]}."""
    deprivations, causes = {}, {}
    through = Review.deprivations.through
    for review_id, code in (through.objects.filter(review_id__in=review_ids)
                            .order_by("review_id", "deprivationindicator__order")
                            .values_list("review_id", "deprivationindicator__code")):
        deprivations.setdefault(review_id, []).append(code)
    for review_id, cause in (ReviewCause.objects.filter(review_id__in=review_ids).order_by("review_id", "cause")
                             .values_list("review_id", "cause")):
        causes.setdefault(review_id, []).append(cause_label[cause])
    return deprivations, causes


def render_xlsx(rows, target=None, progress=None, *, cover=(), current_round=False):
    """Write the workbook to `target` (a path or file; bytes returned when None), both sheets streamed
    (povertyplan.lib.spreadsheet's streamed book: constant memory whatever the number of rows), one
    household at a time; returns (bytes or None, count). `cover`: the (label, value) lines of the first sheet."""
    book = streamed_workbook()
    if cover:
        add_cover(book, cover)
    title = cover[0] if cover else ""
    columns = HOUSEHOLD_EXPORT_COLUMNS + ([STATE_COLUMN] if current_round else [])
    households_sheet = ListSheets(book, HOUSEHOLD_SHEET, columns, title)
    members_sheet = ListSheets(book, MEMBER_SHEET, MEMBER_COLUMNS, title)
    count = 0
    for row, members in rows:
        households_sheet.append(row)
        for member in members:
            members_sheet.append(member)
        count += 1
        if progress is not None:
            progress.advance()
    households_sheet.finish()
    members_sheet.finish()
    if target is not None:
        book.save(target)
        return None, count
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), count


class ListSheets:
    """A list sheet that continues on "Thành viên (2)", "Thành viên (3)"… (header repeated) past the rows
    an Excel sheet holds: a province's 3.6 million members would otherwise not open."""

    def __init__(self, book, title, columns, page_title):
        self.book, self.title, self.columns, self.page_title = book, title, columns, page_title
        self.sheets = [add_sheet(book, title, columns)]

    def append(self, values):
        if self.sheets[-1].rows >= EXCEL_MAX_ROWS:
            self.sheets.append(add_sheet(self.book, f"{self.title} ({len(self.sheets) + 1})", self.columns,
                                         after=self.sheets[-1]))
        self.sheets[-1].append(values)

    def finish(self):
        for sheet in self.sheets:
            sheet.finish_list(title=self.page_title)


def add_sheet(book, title, columns, after=None):
    """A streamed list sheet with the import template's header (bold, shaded), widths and text columns."""
    sheet = book.create_sheet(title, [column.width for column in columns], after=after,
                              text_columns=[index for index, column in enumerate(columns) if column.text],
                              number_columns=[index for index, column in enumerate(columns) if column.number_format])
    sheet.append([column.header for column in columns], style=HEADER)
    return sheet


def add_cover(book, lines):
    """The first sheet "Thông tin": a bold title, then (label, value) lines (what, unit, filters, when,
    who). The data sheets after it keep the import layout (header on row 1)."""
    sheet = book.create_sheet(COVER_SHEET, [24, 70], freeze_header=False)
    title, *rest = lines
    sheet.append([title], style=TITLE)
    sheet.append([])
    for label, value in rest:
        sheet.append([label, value], style=(BOLD, PLAIN))
    return sheet
