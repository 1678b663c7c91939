"""Checks a drafter sees before issuing (ban hành): what the printed document would get wrong.

The document numbers only the parts that have content (I, II, … in the order printed), so a text written as
"Các đơn vị nêu tại Mục VI" can point to a part that was dropped, or to another part once an earlier one is empty.
"""
import re

from django.utils.translation import gettext as _

from programmes import selectors
from programmes.allocation import plan_targets_summary

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
REFERENCE = re.compile(r"\bMục\s+([IVX]+)\b")
TEXT_FIELDS = ["introduction", "purpose", "requirements", "general_objective", "specific_objectives", "scope",
               "beneficiaries", "solutions", "budget", "organisation", "reporting", "closing"]


def printed_sections(plan, parts=None, matrix=None):
    """The headings the document prints, in order (its sections I, II, …)."""
    parts = parts if parts is not None else selectors.plan_parts(plan)
    matrix = matrix if matrix is not None else plan_targets_summary(plan)
    return [heading for heading, filled in selectors.plan_outline(plan, parts, matrix) if filled]


def _texts(plan, parts):
    for name in TEXT_FIELDS:
        yield plan._meta.get_field(name).verbose_name, getattr(plan, name)
    for row in parts.responsibilities:
        yield _("trách nhiệm"), f"{row.heading} {row.text}"
    for row in parts.recipients:
        yield _("nơi nhận"), row.text


def section_reference_warnings(plan, parts=None, matrix=None):
    """One message per "Mục …" in the plan's texts that the printed numbering does not back: a number past the
    last printed section, or one that now names another part than in the full list of parts."""
    parts = parts if parts is not None else selectors.plan_parts(plan)
    printed = printed_sections(plan, parts, matrix)
    every = [heading for _part, heading in plan.headings_in_order()]
    warnings = []
    for where, text in _texts(plan, parts):
        for numeral in dict.fromkeys(REFERENCE.findall(text or "")):
            if numeral not in ROMAN:
                continue
            index = ROMAN.index(numeral)
            meant = every[index] if index < len(every) else None
            if index >= len(printed):
                warnings.append(_("Phần “%(where)s” nhắc tới Mục %(numeral)s, nhưng văn bản in chỉ có %(count)s mục "
                                  "(các phần trống không in). Hãy sửa lại số mục trước khi ban hành.") % {
                    "where": where, "numeral": numeral, "count": len(printed)})
            elif meant is not None and printed[index] != meant:
                warnings.append(_("Phần “%(where)s” nhắc tới Mục %(numeral)s: văn bản in đánh số lại vì bỏ phần "
                                  "trống, nên Mục %(numeral)s là “%(printed)s” (không phải “%(meant)s”). Hãy kiểm "
                                  "tra số mục trước khi ban hành.") % {
                    "where": where, "numeral": numeral, "printed": printed[index], "meant": meant})
    return warnings
