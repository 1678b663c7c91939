"""The plan document (Kế hoạch) in the layout of Nghị định 30/2020/NĐ-CP.

`build(plan)` computes the whole content once (numbered sections, generated lines for assignments,
targets and reporting rules, the annex table); the HTML page and the PDF draw the same object.
"""
import string
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from povertyplan.lib.numbers import format_number
from programmes import selectors
from programmes.models import AssignmentRole, Part
from programmes.text import doc_date, parse_blocks
from reports.tables.target_matrix import TargetMatrix

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
LETTERS = [c for c in string.ascii_lowercase if c not in "fjwz"]  # a) b) … as Vietnamese texts letter them


@dataclass(frozen=True)
class Para:
    """A paragraph: kind h2 ("1. …"), h3 ("1.1. …", "a) …"), dash, plus or text; `lead` is an
    italic lead-in such as "- Mục tiêu:" printed before the text."""

    kind: str
    text: str = ""
    lead: str = ""


@dataclass
class Section:
    numeral: str
    heading: str
    paras: list


@dataclass
class Annex:
    title: str
    subtitle: str
    header_groups: list   # [(label, colspan)]
    header_columns: list  # labels under the groups
    column_codes: list    # "A", "B", "1", "2", …
    rows: list            # [[cells as text]]
    total: list


@dataclass
class PlanDocument:
    is_draft: bool
    superior_body: str
    issuing_body: str
    number_line: str
    place_date: str
    doc_type: str
    title: str
    legal_bases: list
    introduction: list
    sections: list
    closing: list
    recipients: list
    authority: list  # signature lines above the name, e.g. ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    signer_name: str
    annex: Annex | None = None
    filename: str = field(default="ke-hoach")

    @property
    def issuing_body_lines(self):
        """"ỦY BAN NHÂN DÂN" on its own line, the unit's name under it, as the issuing body is set."""
        for head in ("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN "):
            if self.issuing_body.startswith(head) and len(self.issuing_body) > len(head):
                return [head.strip(), self.issuing_body[len(head):]]
        return [self.issuing_body]


def paras(text):
    """A plan text as paragraphs (see programmes.text.parse_blocks)."""
    kinds = {"heading": None, "dash": "dash", "plus": "plus", "text": "text"}
    out = []
    for block in parse_blocks(text):
        kind = kinds[block.kind] or ("h2" if block.level == 1 else "h3")
        out.append(Para(kind, block.text))
    return out


def labelled(lead, text):
    """"- Mục tiêu: first line" then the following lines as their own paragraphs."""
    body = paras(text)
    if not body:
        return []
    if body[0].kind == "text":
        return [Para("text", body[0].text, lead)] + body[1:]
    return [Para("text", "", lead)] + body


def _numbered(parts):
    """Sub-parts (title, paras) numbered 1., 2. when there are several; unnumbered when alone."""
    filled = [(title, body) for title, body in parts if body]
    if len(filled) == 1:
        return filled[0][1]
    out = []
    for i, (title, body) in enumerate(filled, start=1):
        out.append(Para("h2", f"{i}. {title}"))
        out.extend(body)
    return out


def _amount(value, indicator):
    number = format_number(value, indicator.places)
    return f"{number}%" if indicator.unit_of_measure == "%" else f"{number} {indicator.unit_of_measure}"


def _target_lines(plan, matrix):
    lines = []
    for t in matrix.own:
        if t.value is None:
            continue
        text = f"{t.indicator.name}: {_amount(t.value, t.indicator)}"
        if t.baseline is not None:
            text += _(" (năm %(year)s: %(value)s)") % {"year": plan.year_from - 1,
                                                       "value": _amount(t.baseline, t.indicator)}
        lines.append(Para("dash", text + ";"))
    if lines:
        lines[-1] = Para("dash", lines[-1].text[:-1] + ".")
    if matrix.has_allocation:
        lines.append(Para("text", _("(Có biểu phụ lục kèm theo)")))
    return lines


def agency_name(agency, plan):
    """The agency as the plan names it: its own name inside the issuing unit, with the unit's name
    when it belongs elsewhere ("Trung tâm Y tế huyện Tân Yên" in a commune's plan)."""
    return agency.name if agency.unit_id == plan.issuing_unit_id else agency.full_name


def _agency_list(assignments):
    return ", ".join(agency_name(a.agency, a.plan) for a in assignments)


def _assignment_line(assignments, lead="- "):
    lead_agencies = [a for a in assignments if a.role == AssignmentRole.LEAD]
    support = [a for a in assignments if a.role == AssignmentRole.SUPPORT]
    bits = []
    if lead_agencies:
        bits.append(_("Cơ quan chủ trì: %(agencies)s") % {"agencies": _agency_list(lead_agencies)})
    if support:
        bits.append(_("cơ quan phối hợp: %(agencies)s") % {"agencies": _agency_list(support)})
    return [Para("text", "; ".join(bits) + ".", lead)] if bits else []


def _activity_paras(activity, letters):
    leads = [_("Mục tiêu:"), _("Đối tượng:"), _("Nội dung hỗ trợ:")]
    texts = [activity.objective, activity.beneficiaries, activity.support_content] if activity else ["", "", ""]
    out = []
    for lead, text in zip(leads, texts, strict=True):
        if text.strip():
            out.extend(labelled(f"{next(letters)} {lead}" if letters else f"- {lead}", text))
    return out


def _activities(parts):
    """Nội dung hoạt động: each project with an activity or an assignment, its sub-projects lettered."""
    activity_of = {a.project_id: a for a in parts.activities}
    assigned = {}
    for a in parts.assignments:
        assigned.setdefault(a.project_id, []).append(a)
    projects = {a.project.pk: a.project for a in parts.activities}
    projects.update({a.project.pk: a.project for a in parts.assignments})
    tops = {}
    for project in projects.values():
        top = project.parent if project.is_subproject else project
        tops.setdefault(top.pk, (top, []))
        if project.is_subproject:
            tops[top.pk][1].append(project)
    out = []
    for number, (top, subs) in enumerate(sorted(tops.values(), key=lambda t: t[0].position), start=1):
        out.append(Para("h2", f"{number}. {top.label}: {top.name}"))
        if top.pk in projects:
            letters = iter(f"{c})" for c in LETTERS)
            own = _activity_paras(activity_of.get(top.pk), letters)
            out.extend(own)
            out.extend(_assignment_line(assigned.get(top.pk, []), lead=f"{next(letters)} " if own else "- "))
        for letter, sub in zip(LETTERS, sorted(subs, key=lambda p: p.position), strict=False):
            out.append(Para("h3", f"{letter}) {sub.label}: {sub.name}"))
            out.extend(_activity_paras(activity_of.get(sub.pk), None))
            out.extend(_assignment_line(assigned.get(sub.pk, [])))
    return out


def _assigned_projects(assignments, role):
    return "; ".join(a.project.full_label for a in assignments if a.role == role)


def _organisation(plan, parts):
    """Trách nhiệm các cơ quan, numbered; agencies with assignments but no entry get a generated one."""
    out = paras(plan.organisation)
    covered = {r.agency_id for r in parts.responsibilities if r.agency_id}
    number = 0
    for r in parts.responsibilities:
        number += 1
        out.append(Para("h2", f"{number}. {r.title}"))
        out.extend(paras(r.text))
    by_agency = {}
    for a in parts.assignments:
        if a.agency_id not in covered:
            by_agency.setdefault(a.agency_id, []).append(a)
    for assignments in by_agency.values():
        number += 1
        out.append(Para("h2", f"{number}. {agency_name(assignments[0].agency, plan)}"))
        sentences = []
        lead_projects = _assigned_projects(assignments, AssignmentRole.LEAD)
        support_projects = _assigned_projects(assignments, AssignmentRole.SUPPORT)
        if lead_projects:
            sentences.append(_("Chủ trì, triển khai thực hiện %(projects)s.") % {"projects": lead_projects})
        if support_projects:
            sentences.append(_("Phối hợp thực hiện %(projects)s.") % {"projects": support_projects})
        out.extend(Para("text", s) for s in sentences)
        out.extend(Para("text", a.tasks) for a in assignments if a.tasks.strip())
    return out


def _budget(plan, parts):
    out = paras(plan.budget)
    for line in parts.budget_lines:
        text = str(line.get_source_display())
        if line.project:
            text += f" ({line.project.full_label})"
        if line.amount:
            text += _(": %(amount)s đồng") % {"amount": format_number(line.amount)}
        if line.note:
            text += f"; {line.note}"
        out.append(Para("dash", text + "."))
    return out


def _reporting(plan, parts):
    if plan.reporting.strip():
        return paras(plan.reporting)
    out = []
    for rule in parts.reporting_rules:
        who = f"{rule.reporter} " if rule.reporter else ""
        what = rule.content or _("kết quả thực hiện Kế hoạch")
        to = _(" về %(recipient)s") % {"recipient": rule.recipient} if rule.recipient else ""
        out.append(Para("text", f"{who}{_('báo cáo')} {what}{to} {rule.describe()}.",
                        f"- {rule.get_frequency_display()}:"))
    return out


def _sections(plan, parts, matrix):
    specific = paras(plan.specific_objectives) or _target_lines(plan, matrix)
    content = {
        Part.PURPOSE: _numbered([(_("Mục đích:"), paras(plan.purpose)), (_("Yêu cầu:"), paras(plan.requirements))]),
        Part.OBJECTIVES: _numbered([(_("Mục tiêu tổng quát"), paras(plan.general_objective)),
                                    (_("Mục tiêu cụ thể"), specific)]),
        Part.SCOPE: _numbered([(_("Phạm vi, thời gian thực hiện"), paras(plan.scope)),
                               (_("Đối tượng"), paras(plan.beneficiaries))]),
        Part.SOLUTIONS: paras(plan.solutions),
        Part.ACTIVITIES: _activities(parts),
        Part.BUDGET: _budget(plan, parts),
        Part.ORGANISATION: _organisation(plan, parts),
        Part.REPORTING: _reporting(plan, parts),
    }
    sections = []
    for part in plan.ordered_parts():
        if content[part]:
            sections.append(Section(ROMAN[len(sections)], plan.heading(part).upper(), content[part]))
    return sections


def _annex(plan, matrix):
    if not matrix.has_allocation:
        return None
    before, during = plan.year_from - 1, plan.period_label
    groups, columns, getters = [], [], []
    for indicator in matrix.indicators:
        cols = []
        has_baseline = any(r.cell(indicator).baseline is not None for r in matrix.rows)
        has_value = any(r.cell(indicator).value is not None for r in matrix.rows)
        rated = indicator.denominator_id is not None
        if has_baseline:
            cols.append((_("Năm %(year)s") % {"year": before}, indicator, "baseline"))
            if rated:
                cols.append((_("Tỷ lệ (%)"), indicator, "baseline_rate"))
        if has_value:
            cols.append((_("Kế hoạch %(period)s") % {"period": during}, indicator, "value"))
            if rated:
                cols.append((_("Tỷ lệ (%)"), indicator, "value_rate"))
        groups.append((f"{indicator.short_name} ({indicator.unit_of_measure})", len(cols)))
        columns.extend(label for label, _i, _a in cols)
        getters.extend((i, attr) for _l, i, attr in cols)

    def cells(row):
        out = []
        for indicator, attr in getters:
            value = getattr(row.cell(indicator), attr)
            if attr.endswith("rate"):
                out.append("-" if not value else format_number(value, 2))
            else:
                out.append(format_number(value, indicator.places))
        return out

    rows = [[str(n), row.unit.name, *cells(row)] for n, row in enumerate(matrix.rows, start=1)]
    title = plan.annex_title or _("CHỈ TIÊU GIAO %(period)s") % {"period": plan.period_label.upper()}
    subtitle = _("(Kèm theo Kế hoạch số %(number)s %(date)s)") % {
        "number": plan.number_symbol, "date": doc_date(plan.document_date, plan.year_from)}
    return Annex(title=title.upper(), subtitle=subtitle, header_groups=groups, header_columns=columns,
                 column_codes=["A", "B", *[str(i) for i in range(1, len(columns) + 1)]], rows=rows,
                 total=["", _("Tổng cộng"), *cells(matrix.total_row)])


def _authority(plan):
    lines = []
    if plan.sign_on_behalf:
        lines.append(f"TM. {plan.sign_on_behalf.upper()}")
    if plan.sign_for:
        lines.append(f"KT. {plan.sign_for.upper()}")
    if plan.signer_position:
        lines.append(plan.signer_position.upper())
    return lines


def build(plan):
    """The whole document of `plan`, computed once, in Vietnamese whatever the reader's language."""
    with translation.override("vi"):
        return _build(plan)


def _build(plan):
    parts = selectors.plan_parts(plan)
    matrix = TargetMatrix(plan)
    return PlanDocument(
        is_draft=plan.is_draft,
        superior_body=plan.superior_body.upper(),
        issuing_body=plan.issuing_body.upper(),
        number_line=f"Số: {plan.number_symbol}",
        place_date=f"{plan.place}, {doc_date(plan.document_date, plan.year_from)}",
        doc_type="KẾ HOẠCH",
        title=plan.title,
        legal_bases=[b.text for b in parts.legal_bases],
        introduction=paras(plan.introduction),
        sections=_sections(plan, parts, matrix),
        closing=paras(plan.closing),
        recipients=[r.text for r in parts.recipients],
        authority=_authority(plan),
        signer_name=plan.signer_name,
        annex=_annex(plan, matrix),
        filename=f"ke-hoach-{plan.issuing_unit.code}-{plan.year_from}-{plan.pk}",
    )
