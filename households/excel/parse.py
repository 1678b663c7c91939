"""Reading the rows of the household workbook into plain values, collecting every error with its cell.

Nothing here touches the database except through the lookups the caller passes in (`Lookups`),
so that the whole file is checked before anything is written.
"""
import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from households import rules
from households.excel.columns import HOUSEHOLD_COLUMNS, MEMBER_COLUMNS, REVIEW_COLUMNS, parse_flag
from households.models import FLAG_FIELDS, Household, Member, PovertyCause, Relation, Schooling, Sex, Work
from povertyplan.lib.parsing import ParseError, parse_date, parse_year
from povertyplan.lib.tabular import CellError, column_letter


def _norm(text):
    return unicodedata.normalize("NFC", str(text or "")).strip().lower()


def _choice_map(choices, aliases=None):
    mapping = {}
    for value, label in choices:
        mapping[_norm(value)] = value
        mapping[_norm(label)] = value
    for alias, value in (aliases or {}).items():
        mapping[_norm(alias)] = value
    return mapping


with translation.override("vi"):  # the file's values are the Vietnamese labels, whatever the reader's language
    SEXES = _choice_map(Sex.choices)
    RELATIONS = _choice_map(Relation.choices, {
        "vợ": Relation.SPOUSE, "chồng": Relation.SPOUSE, "con dâu": Relation.CHILD_IN_LAW, "con rể": Relation.CHILD_IN_LAW,
        "bố": Relation.PARENT, "mẹ": Relation.PARENT, "cha": Relation.PARENT, "ông": Relation.GRANDPARENT,
        "bà": Relation.GRANDPARENT, "anh": Relation.SIBLING, "chị": Relation.SIBLING, "em": Relation.SIBLING,
    })
    SCHOOLING = _choice_map(Schooling.choices)
    WORK = _choice_map(Work.choices)
    CAUSES = _choice_map(PovertyCause.choices)

def _parsed(parse, value, err, row, column):
    """parse(value), or None with the parser's message on the cell."""
    try:
        return parse(value)
    except ParseError as exc:
        err.add(row, column, exc.message)
        return None


@dataclass
class Lookups:
    """What the parser needs to know about the commune, loaded once by the import service."""

    villages: dict            # village code → unit (villages of the commune)
    existing_codes: set       # household codes already in the commune
    indicators_for_year: object  # year → {code: indicator} or None when no standard applies


@dataclass
class ReviewRow:
    year: int
    income: int
    indicators: list
    causes: list
    decision_number: str = ""
    decision_date: datetime.date | None = None


@dataclass
class HouseholdRow:
    row: int
    code: str
    values: dict
    review: ReviewRow | None = None


@dataclass
class MemberRow:
    row: int
    household_code: str
    values: dict


@dataclass
class Parsed:
    households: list = field(default_factory=list)
    members: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # CellErrors that do not stop the import (a rounded income)


class _Errors:
    def __init__(self, table, errors, notes=None):
        self.table, self.errors, self.notes = table, errors, notes

    def add(self, row, column, message):
        # rule messages are sentences for forms ("Cần ghi…"); after "cột E (năm sinh):" they read lower case
        if len(message) > 1 and message[0].isupper() and message[1].islower():
            message = message[0].lower() + message[1:]
        self.errors.append(self.cell(row, column, message))

    def note(self, row, column, message):
        self.notes.append(self.cell(row, column, message))

    def cell(self, row, column, message):
        return CellError(row, column_letter(self.table, column.name), message, self.table.sheet)


def _model_errors(instance, columns_by_field, row, err, exclude):
    """Field validation of the model (lengths, code format, CCCD digits) reported on the file's cells."""
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            column = columns_by_field.get(name)
            if column is not None:
                for message in messages:
                    err.add(row, column, message)


def _getter(cells, col):
    def get(key):
        return cells.get(col[key].name, "")
    return get


def parse_households(table, lookups, parsed, seen=None, validated=False):
    """`seen` (code → first row) carries the duplicate check across the chunks of a large file. `validated`: a
    first pass over the same rows found no error, so the model's field validation (the costly part) is skipped."""
    err = _Errors(table, parsed.errors, parsed.notes)
    col = {c.key: c for c in HOUSEHOLD_COLUMNS + REVIEW_COLUMNS}
    seen = {} if seen is None else seen
    for row, cells in table.rows:
        get = _getter(cells, col)
        before = len(parsed.errors)
        code, village_code, head = get("code"), get("village"), get("head_name")
        for key in ("code", "village", "head_name"):
            if not get(key):
                err.add(row, col[key], _("bắt buộc, không được để trống."))
        if code and code in seen:
            err.add(row, col["code"], _("mã hộ %(code)s trùng với dòng %(other)s.") % {"code": code, "other": seen[code]})
        seen.setdefault(code, row)
        village = lookups.villages.get(village_code)
        if village_code and village is None:
            err.add(row, col["village"], _("không có thôn, tổ dân phố mã %(code)s trong xã.") % {"code": village_code})
        elif village is not None and not village.area:
            err.add(row, col["village"], _("thôn, tổ dân phố %(code)s chưa có khu vực (thành thị/nông thôn).")
                    % {"code": village_code})
        values = {"village": village, "head_name": head, "address": get("address")}
        for flag in FLAG_FIELDS:
            value = parse_flag(get(flag))
            if value is None:
                err.add(row, col[flag], _("ghi “Có” hoặc để trống (đang là “%(value)s”).") % {"value": get(flag)})
            values[flag] = bool(value)
        if not validated:
            probe = Household(code=code, **{k: v for k, v in values.items() if k != "village"})
            blank = [key for key in ("code", "head_name") if not get(key)]  # already reported above
            _model_errors(probe, col, row, err, exclude=["commune", "village", "current_review", *blank])
        review = _parse_review(get, col, row, err, lookups)
        if len(parsed.errors) == before:
            parsed.households.append(HouseholdRow(row, code, values, review))


def _parse_review(get, col, row, err, lookups):
    keys = ("year", "income", "deprivations", "causes", "decision_number", "decision_date")
    if not any(get(k) for k in keys):
        return None
    year, indicators = None, None
    if not get("year"):
        err.add(row, col["year"], _("cần ghi năm rà soát (ví dụ 2025) khi có kết quả rà soát."))
    else:
        year = _parsed(lambda v: parse_year(v, minimum=rules.ROUND_YEAR_MIN, maximum=rules.review_year_max()),
                       get("year"), err, row, col["year"])
    if year is not None:
        indicators = lookups.indicators_for_year(year)
        if indicators is None:
            err.add(row, col["year"], _("chưa có chuẩn nghèo áp dụng cho đợt rà soát năm %(year)s.") % {"year": year})
    income = None
    if not get("income"):
        err.add(row, col["income"], _("cần ghi thu nhập bình quân là số nguyên đồng (ví dụ 1.800.000)."))
    else:
        number = _parsed(rules.parse_income, get("income"), err, row, col["income"])
        if number is not None:
            income = number.value
            if number.note:
                err.note(row, col["income"], number.note)
    chosen = []
    for code in [c for c in re.split(r"[,;\s]+", get("deprivations")) if c]:
        if indicators is not None and code not in indicators:
            err.add(row, col["deprivations"], _("không có chỉ số thiếu hụt mã “%(code)s”.") % {"code": code})
        elif indicators is not None and indicators[code] not in chosen:
            chosen.append(indicators[code])
    causes = []
    for text in [c.strip() for c in get("causes").split(";") if c.strip()]:
        cause = CAUSES.get(_norm(text))
        if cause is None:
            err.add(row, col["causes"], _("nguyên nhân nghèo “%(text)s” không có trong danh mục (xem trang Hướng dẫn).")
                    % {"text": text})
        elif cause not in causes:
            causes.append(cause)
    number, date_text = get("decision_number"), get("decision_date")
    decided = _parsed(parse_date, date_text, err, row, col["decision_date"]) if date_text else None
    if number and year is not None and year >= rules.review_year_max():
        # separation of duties: this year's list is recognised in the app by the commune leader, not by a file
        err.add(row, col["decision_number"], _("kết quả năm %(year)s do lãnh đạo UBND xã công nhận trên hệ thống: để "
                                               "trống số và ngày quyết định (kết quả được nhập là bản nháp).")
                % {"year": year})
    unreadable = bool(date_text) and decided is None  # its own message is given; the pairing rule still applies
    for name, message in rules.decision_errors(number, datetime.date.min if unreadable else decided).items():
        if not (unreadable and name == "decision_date"):
            err.add(row, col[name], message)
    if year is None or income is None:
        return None
    return ReviewRow(year, income, chosen, sorted(causes), number, decided)


def parse_members(table, known_codes, parsed, validated=False):
    """`validated`: as for parse_households."""
    err = _Errors(table, parsed.errors)
    col = {c.key: c for c in MEMBER_COLUMNS}
    this_year = timezone.localdate().year  # once per chunk: the time zone lookup cost more than the row's checks
    for row, cells in table.rows:
        get = _getter(cells, col)
        before = len(parsed.errors)
        for key in ("household", "full_name", "sex", "relation"):
            if not get(key):
                err.add(row, col[key], _("bắt buộc, không được để trống."))
        code = get("household")
        if code and code not in known_codes:
            err.add(row, col["household"], _("không có hộ mã %(code)s ở trang “Hộ gia đình” hay trong sổ hộ của xã.")
                    % {"code": code})
        values = {"full_name": get("full_name"), "ethnicity": get("ethnicity") or "Kinh"}
        for key, mapping in (("sex", SEXES), ("relation", RELATIONS), ("schooling", SCHOOLING), ("work", WORK)):
            text = get(key)
            values[key] = mapping.get(_norm(text), None) if text else ""
            if values[key] is None:
                err.add(row, col[key], _("giá trị “%(text)s” không có trong danh mục (xem trang Hướng dẫn).") % {"text": text})
        insured = parse_flag(get("health_insurance"))
        if insured is None:
            err.add(row, col["health_insurance"], _("ghi “Có” hoặc để trống."))
        values["health_insurance"] = bool(insured)
        values.update(_birth(get, col, row, err, this_year))
        number = get("id_number")
        if number and not (number.isdigit() and len(number) == 12):
            hint = _(" Nếu số bắt đầu bằng 0, hãy để ô ở dạng Văn bản.") if number.isdigit() and len(number) < 12 else ""
            err.add(row, col["id_number"], _("số CCCD “%(number)s” phải gồm đúng 12 chữ số.") % {"number": number} + hint)
        values["id_number"] = number
        if not validated:
            probe = Member(**{k: v for k, v in values.items() if v is not None})
            _model_errors(probe, col, row, err, exclude=["household", "id_number", "sex", "relation", "schooling",
                                                         "work", "birth_year", "left_reason",
                                                         *([] if get("full_name") else ["full_name"])])
        if len(parsed.errors) == before:
            parsed.members.append(MemberRow(row, code, values))


def _birth(get, col, row, err, this_year):
    date_text, year_text = get("birth_date"), get("birth_year")
    birth_date = _parsed(parse_date, date_text, err, row, col["birth_date"]) if date_text else None
    year = _parsed(lambda v: parse_year(v, minimum=rules.BIRTH_YEAR_MIN, maximum=this_year),
                   year_text, err, row, col["birth_year"]) if year_text else None
    unreadable = {name for name, text, value in (("birth_date", date_text, birth_date), ("birth_year", year_text, year))
                  if text and value is None}
    for name, message in rules.birth_errors(birth_date, year).items():
        if name not in unreadable and not (unreadable and birth_date is None and year is None):
            err.add(row, col[name], message)
    return {"birth_date": birth_date, "birth_year": birth_date.year if birth_date else year}
