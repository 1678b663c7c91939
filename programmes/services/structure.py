"""Nhập cơ cấu chương trình: the nội dung thành phần / dự án, tiểu dự án and the programme's own
indicators from one CSV/XLSX table, all rows or none.

One table (the first sheet), one row per item, columns:

    kind            "dự án" (also "nội dung thành phần", "thành phần"), "tiểu dự án" or "chỉ tiêu"
    number          the number of a dự án, or of a tiểu dự án within its dự án (1, 2, …)
    parent_number   for a tiểu dự án: the number of its dự án (a row of the same file)
    code            for a chỉ tiêu: its code (lower-case letters, digits, _ and -)
    name            the name
    unit_of_measure for a chỉ tiêu: hộ, người, %, …
    source          for a chỉ tiêu, optional: "báo cáo" (default) or "sổ hộ" (computed from the registry)

The file is the programme's whole structure: rows already stored and missing from the file are
removed, unless a plan or report uses them (then the import is refused, naming them). Importing the
same file again changes nothing. The sample fixtures/programmes/sample-structure-*.csv shows the layout.
"""
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from povertyplan.audit import record
from povertyplan.lib.parsing import ParseError, parse_whole_number
from povertyplan.lib.tabular import CellError, ImportFailed, column_letter, read_tables, require_columns
from programmes.models import Indicator, IndicatorSource, Programme, Project

REQUIRED = ["kind", "number", "parent_number", "code", "name"]
OPTIONAL = ["unit_of_measure", "source"]
COMPONENT, SUBCOMPONENT, INDICATOR = "component", "subcomponent", "indicator"
KINDS = {
    "dự án": COMPONENT, "dự án thành phần": COMPONENT, "nội dung thành phần": COMPONENT, "thành phần": COMPONENT,
    "component": COMPONENT,
    "tiểu dự án": SUBCOMPONENT, "nội dung": SUBCOMPONENT, "subcomponent": SUBCOMPONENT,
    "chỉ tiêu": INDICATOR, "indicator": INDICATOR,
}
SOURCES = {"": IndicatorSource.REPORTED, "báo cáo": IndicatorSource.REPORTED, "reported": IndicatorSource.REPORTED,
           "sổ hộ": IndicatorSource.REGISTRY, "registry": IndicatorSource.REGISTRY}
CODE = re.compile(r"^[a-z0-9_-]+$")
MAX_NUMBER = 99
PROJECT_NAME_MAX = Project._meta.get_field("name").max_length
INDICATOR_NAME_MAX = Indicator._meta.get_field("name").max_length
INDICATOR_CODE_MAX = Indicator._meta.get_field("code").max_length
UOM_MAX = Indicator._meta.get_field("unit_of_measure").max_length


@dataclass
class StructureRows:
    components: dict = field(default_factory=dict)     # number → (row, name)
    subcomponents: dict = field(default_factory=dict)  # (parent number, number) → (row, name)
    indicators: dict = field(default_factory=dict)     # code → (row, name, unit of measure, source)
    code_column: str = "code"                          # its Excel letter, for later messages


@dataclass
class StructureImportResult:
    projects: int
    indicators: int
    removed: int


def _key(text):
    return unicodedata.normalize("NFC", str(text)).strip().lower()


def validate_structure_table(table):
    """Every row checked; the rows by kind, or ImportFailed listing every error with its row and column."""
    errors = require_columns(table, REQUIRED)
    if errors:
        raise ImportFailed(errors)
    col = {c: column_letter(table, c) for c in REQUIRED + OPTIONAL}
    rows, parents_wanted = StructureRows(code_column=col["code"]), []

    def err(row, column, message):
        errors.append(CellError(row, col[column], message, table.sheet))

    def number(row, values, column):
        try:
            return parse_whole_number(values.get(column, ""), minimum=1, maximum=MAX_NUMBER).value
        except ParseError as exc:
            err(row, column, exc.message)

    def name(row, values, limit):
        text = values.get("name", "")
        if not text:
            err(row, "name", _("chưa ghi tên."))
        elif len(text) > limit:
            err(row, "name", _("tên dài %(length)s ký tự, tối đa %(limit)s.") % {"length": len(text), "limit": limit})
        return text

    for row, values in table.rows:
        kind = KINDS.get(_key(values.get("kind", "")))
        if kind is None:
            err(row, "kind", _("“%(value)s” không phải là loại dòng; ghi “dự án”, “tiểu dự án” hoặc “chỉ tiêu”.")
                % {"value": values.get("kind", "")[:50]})
            continue
        if kind == COMPONENT:
            n, text = number(row, values, "number"), name(row, values, PROJECT_NAME_MAX)
            if n in rows.components:
                err(row, "number", _("dự án %(n)s đã có ở dòng %(row)s.") % {"n": n, "row": rows.components[n][0]})
            elif n:
                rows.components[n] = (row, text)
        elif kind == SUBCOMPONENT:
            parent, n = number(row, values, "parent_number"), number(row, values, "number")
            text = name(row, values, PROJECT_NAME_MAX)
            if parent and n and (parent, n) in rows.subcomponents:
                err(row, "number", _("tiểu dự án %(n)s của dự án %(parent)s đã có ở dòng %(row)s.")
                    % {"n": n, "parent": parent, "row": rows.subcomponents[(parent, n)][0]})
            elif parent and n:
                rows.subcomponents[(parent, n)] = (row, text)
                parents_wanted.append((row, parent))
        else:
            _indicator_row(row, values, rows, err, name)
    for row, parent in parents_wanted:
        if parent not in rows.components:
            err(row, "parent_number", _("không có dòng “dự án” số %(n)s trong tệp.") % {"n": parent})
    if not errors and not rows.components:
        errors.append(CellError(None, "", _("Tệp không có dòng “dự án” nào: chương trình cần ít nhất một dự án "
                                            "(nội dung thành phần)."), table.sheet))
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: e.row or 0))
    return rows


def _indicator_row(row, values, rows, err, name):
    code = values.get("code", "")
    text = name(row, values, INDICATOR_NAME_MAX)
    uom = values.get("unit_of_measure", "")
    source = SOURCES.get(_key(values.get("source", "")))
    if not code:
        err(row, "code", _("chưa ghi mã chỉ tiêu."))
    elif len(code) > INDICATOR_CODE_MAX or not CODE.match(code):
        err(row, "code", _("mã “%(code)s” chỉ được gồm chữ thường không dấu, chữ số, “_” và “-”, tối đa %(limit)s ký tự.")
            % {"code": code[:60], "limit": INDICATOR_CODE_MAX})
    elif code in rows.indicators:
        err(row, "code", _("mã %(code)s đã có ở dòng %(row)s.") % {"code": code, "row": rows.indicators[code][0]})
    if not uom:
        err(row, "unit_of_measure", _("chưa ghi đơn vị tính của chỉ tiêu."))
    elif len(uom) > UOM_MAX:
        err(row, "unit_of_measure", _("đơn vị tính dài quá %(limit)s ký tự.") % {"limit": UOM_MAX})
    if source is None:
        err(row, "source", _("nguồn số liệu ghi “báo cáo” hoặc “sổ hộ”."))
    if code and CODE.match(code) and code not in rows.indicators:
        rows.indicators[code] = (row, text, uom, source)


def _check_codes_free(rows, programme):
    """An indicator code of the common catalogue or of another programme cannot be taken over."""
    taken = Indicator.objects.filter(code__in=list(rows.indicators)).exclude(programme=programme)
    errors = []
    for indicator in taken.select_related("programme"):
        owner = indicator.programme or _("danh mục chỉ tiêu chung")
        errors.append(CellError(rows.indicators[indicator.code][0], rows.code_column,
                                _("mã %(code)s đã là chỉ tiêu “%(name)s” của %(owner)s.")
                                % {"code": indicator.code, "name": indicator.name, "owner": owner}))
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: e.row))


def _remove(queryset, describe, kept_parents=()):
    """Delete the rows the file no longer has; those a plan or report uses stop the import. Returns the
    errors, how many were removed and the pks kept (a dự án kept for its tiểu dự án is not named twice)."""
    errors, removed, kept = [], 0, set()
    for obj in queryset:
        try:
            with transaction.atomic():
                obj.delete()
                removed += 1
        except ProtectedError:
            kept.add(getattr(obj, "parent_id", None))
            if obj.pk in kept_parents:
                continue
            errors.append(CellError(None, "", _("%(item)s không có trong tệp nhưng đang được dùng trong kế hoạch "
                                                "hoặc báo cáo, nên không xóa được: hãy giữ dòng này trong tệp.")
                                    % {"item": describe(obj)}))
    return errors, removed, kept


@transaction.atomic
def programme_structure_import(*, actor, programme, file, filename=None, confirmed=False):
    """Load a programme's dự án, tiểu dự án and own chỉ tiêu from a file: all rows or none (ImportFailed)."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    tables = read_tables(file, filename)
    rows = validate_structure_table(next(iter(tables.values())))
    _check_codes_free(rows, programme)

    tops = {}
    for n, (_row, name) in sorted(rows.components.items()):
        tops[n], _created = Project.objects.update_or_create(
            programme=programme, code=f"DA{n}", defaults={"parent": None, "number": n, "name": name, "position": n * 100})
    keep = {f"DA{n}" for n in tops}
    for (parent, n), (_row, name) in sorted(rows.subcomponents.items()):
        code = f"DA{parent}-TDA{n}"
        Project.objects.update_or_create(programme=programme, code=code, defaults={
            "parent": tops[parent], "number": n, "name": name, "position": parent * 100 + n})
        keep.add(code)
    for position, (code, (_row, name, uom, source)) in enumerate(rows.indicators.items(), start=1):
        Indicator.objects.update_or_create(code=code, defaults={
            "programme": programme, "name": name, "short_name": name[:100], "unit_of_measure": uom, "source": source,
            "additive": uom.strip() != "%", "position": 10_000 + position * 10})

    stale = Project.objects.filter(programme=programme).exclude(code__in=keep).select_related("parent")
    errors, removed, kept = _remove(stale.filter(parent__isnull=False), lambda p: p.full_label)  # sub-projects first
    more, gone, _kept = _remove(stale.filter(parent__isnull=True), lambda p: p.full_label, kept)
    errors, removed = errors + more, removed + gone
    more, gone, _kept = _remove(Indicator.objects.filter(programme=programme).exclude(code__in=list(rows.indicators)),
                         lambda i: _("Chỉ tiêu %(code)s") % {"code": i.code})
    if errors or more:
        raise ImportFailed(errors + more)
    if programme.structure_confirmed != confirmed:
        programme.structure_confirmed = confirmed
        programme.save(update_fields=["structure_confirmed"])
    result = StructureImportResult(projects=len(keep), indicators=len(rows.indicators), removed=removed + gone)
    record(actor=actor, action="programme.structure_import", obj=programme,
           after={"file": filename or getattr(file, "name", ""), "confirmed": confirmed, **result.__dict__})
    return result
