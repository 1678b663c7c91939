"""The progress report document (Báo cáo) in the layout of Nghị định 30/2020/NĐ-CP.

`build(report)` computes the whole content once (header of the reporting body, title, the three
sections with the indicator and funding tables, recipients, signature); the HTML page and the PDF
draw the same object, as the plan document does (reports.documents.plan).
"""
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from povertyplan.lib.names import person_name
from povertyplan.lib.numbers import format_number, rate
from povertyplan.models import OfficeKind, Tier
from povertyplan.routing import office_name
from programmes.models import AgencyKind, ReportFunding, ReportState, ReportValue
from programmes.text import doc_date
from reports.documents.plan import ROMAN, Para, paras

UBND = "ỦY BAN NHÂN DÂN"
# Who signs for an agency of each kind: (TM. line or "", position). Name unknown: left blank to sign.
AGENCY_SIGNATURE = {
    AgencyKind.COMMITTEE: (f"TM. {UBND}", "CHỦ TỊCH"),
    AgencyKind.DEPARTMENT: ("", "TRƯỞNG PHÒNG"),
    AgencyKind.BANK: ("", "GIÁM ĐỐC"),
    AgencyKind.FRONT: ("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"),
    AgencyKind.STEERING: ("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"),
    AgencyKind.OFFICIAL: ("", "NGƯỜI BÁO CÁO"),
}
SERVICE_HEADS = [("trung tâm", "GIÁM ĐỐC"), ("trạm", "TRƯỞNG TRẠM"), ("đài", "TRƯỞNG ĐÀI")]


@dataclass
class Table:
    kind: str       # "values" or "funding" (the stylesheet aligns their columns)
    title: str
    columns: list   # header labels
    rows: list      # [[cells as text]]
    total: list | None = None


@dataclass
class Section:
    numeral: str
    heading: str
    paras: list
    tables: list = field(default_factory=list)


@dataclass
class ReportDocument:
    is_draft: bool
    superior_body: str
    issuing_body: str
    number_line: str
    place_date: str
    doc_type: str
    title: str
    sections: list
    recipients: list
    authority: list
    signer_name: str
    filename: str = "bao-cao"

    @property
    def issuing_body_lines(self):
        """"ỦY BAN NHÂN DÂN" on its own line with the unit's name under it; other bodies on one line."""
        if self.issuing_body.startswith(f"{UBND} "):
            return [UBND, self.issuing_body[len(UBND) + 1:]]
        return [self.issuing_body]

    @property
    def values(self):
        return self.sections[0].tables[0]

    @property
    def funding(self):
        return self.sections[0].tables[1]


def _day(report, unit):
    """The day whose bodies the report names: its period's last day, within the unit's life (a body's
    name is data on the unit, valid from/to: Phòng LĐ-TB&XH huyện before 1 July 2025, Sở … tỉnh after)."""
    day = report.period.end
    if unit.valid_to and day > unit.valid_to:
        day = unit.valid_to
    if unit.valid_from and day < unit.valid_from:
        day = unit.valid_from
    return day


def _committee_name(unit, report):
    """"Ủy ban nhân dân huyện Tân Yên": the committee recorded on the unit for the report's day, else built."""
    return office_name(unit, OfficeKind.COMMITTEE, _day(report, unit)) or f"Ủy ban nhân dân {_in_sentence(unit)}"


def _committee(unit, report):
    return _committee_name(unit, report).upper()


def _ubnd(name):
    """"UBND huyện Tân Yên" for "Ủy ban nhân dân huyện Tân Yên" (the short form of a superior or a recipient)."""
    return re.sub(r"^ủy ban nhân dân\s+", "UBND ", name, flags=re.IGNORECASE)


def _header(report):
    """(superior body, issuing body, symbol) of the reporter: a commune's People's Committee, or an
    agency under its unit's People's Committee ("UBND HUYỆN TÂN YÊN" / "TRUNG TÂM Y TẾ")."""
    if report.unit_id:
        return "", _committee(report.unit, report), "BC-UBND"
    agency = report.agency
    if agency.kind == AgencyKind.COMMITTEE:
        parent = agency.unit.parent
        superior = _ubnd(_committee(parent, report)) if parent else ""
        return superior, _committee(agency.unit, report), "BC-UBND"
    short = re.sub(r"^(phòng|ban)\s+", "", agency.short_name or "", flags=re.IGNORECASE)
    words = short.split() or agency.name.split()
    # "BCĐ giảm nghèo" → BCĐ, "Công chức VH-XH" → VH-XH, "Đài truyền thanh" → ĐTT: the acronym officials write
    acronyms = [w for w in words if w.upper() == w and any(c.isalpha() for c in w)]
    short = acronyms[0] if acronyms else ("".join(w[0] for w in words if w[0].isalpha()) if len(words) > 1 else words[0])
    short = re.sub(r"[^\w-]", "", short)
    return _ubnd(_committee(agency.unit, report)), agency.name.upper(), f"BC-{short.upper()}"


def _authority(report):
    """Signature lines above the name and the name when known (the officer who sends it for a công chức)."""
    if report.unit_id:
        return [f"TM. {UBND}", "CHỦ TỊCH"], ""
    agency = report.agency
    on_behalf, position = AGENCY_SIGNATURE.get(agency.kind, ("", ""))
    if agency.kind == AgencyKind.SERVICE:
        name = agency.name.lower()
        position = next((head for start, head in SERVICE_HEADS if name.startswith(start)), "THỦ TRƯỞNG ĐƠN VỊ")
    position = position or "THỦ TRƯỞNG CƠ QUAN"
    signer = ""
    if agency.kind == AgencyKind.OFFICIAL and report.submitted_by_id:
        signer = person_name(report.submitted_by)
    return [line for line in (on_behalf, position) if line], signer


def _lower_first(text):
    return text[:1].lower() + text[1:] if text else text


def short_title(plan):
    """The plan's title without its leading verb or its period: "chương trình giảm nghèo và giải quyết
    việc làm" for "Thực hiện chương trình giảm nghèo và giải quyết việc làm năm 2024"."""
    title = plan.title.strip()
    title = re.sub(r"^(thực hiện|triển khai|ban hành)\s+", "", title, flags=re.IGNORECASE)
    period = str(plan.period_label)
    if title.lower().endswith(" " + period.lower()):
        title = title[:-len(period) - 1]
    return title  # as the plan writes it: "Chương trình MTQG" keeps its capital


def _value_table(report):
    rows = []
    for n, value in enumerate(report.values.all(), start=1):
        indicator = value.indicator
        # a pre-filled value names where it came from (the sổ hộ, or the support records' coverage)
        note = (value.source or _("Sổ theo dõi hộ")) if value.from_registry else value.source
        rows.append([str(n), indicator.name, indicator.unit_of_measure, format_number(value.value, indicator.places),
                     note])
    return Table("values", _("Biểu 1. Kết quả thực hiện các chỉ tiêu"),
                 ["TT", _("Chỉ tiêu"), _("Đơn vị tính"), _("Kết quả"), _("Ghi chú")], rows)


def _percent(disbursed, allocated):
    value = rate(disbursed, allocated)
    return "-" if value is None else format_number(value, 2)


def _funding_table(report):
    rows, allocated, disbursed = [], 0, 0
    for n, line in enumerate(report.funding.all(), start=1):
        project = line.project
        rows.append([str(n), f"{project.full_label}: {project.name}", format_number(line.allocated),
                     format_number(line.disbursed), _percent(line.disbursed, line.allocated)])
        allocated += line.allocated
        disbursed += line.disbursed
    return Table("funding", _("Biểu 2. Kinh phí thực hiện (đồng)"),
                 ["TT", _("Dự án, tiểu dự án"), _("Kinh phí được giao"), _("Đã giải ngân"), _("Tỷ lệ giải ngân (%)")],
                 rows, ["", _("Tổng cộng"), format_number(allocated), format_number(disbursed),
                            _percent(disbursed, allocated)])


def _proper_name(unit):
    """"Tân Yên" for "Huyện Tân Yên"; a name that is a number keeps its kind ("Quận 1")."""
    kind = str(unit.get_kind_display())
    full = unit.full_name
    rest = full[len(kind):].strip() if full.lower().startswith(kind.lower() + " ") else full
    return full if rest.isdigit() else rest


def _in_sentence(unit):
    """"huyện Tân Yên": the unit named inside a sentence."""
    return f"{str(unit.get_kind_display()).lower()} {_proper_name(unit)}"


def _recipients(report):
    """The recipient's committee, then its poverty-reduction office as recorded for the report's day."""
    plan, rule, unit = report.plan, report.rule, report.recipient_unit
    if rule.recipient and report.recipient_unit_id == plan.issuing_unit_id:
        to = rule.recipient
    else:
        to = _ubnd(_committee_name(unit, report))
    lines = [_("%(to)s (để báo cáo);") % {"to": to}]
    labour = office_name(unit, OfficeKind.LABOUR, _day(report, unit))
    if labour and labour.lower() not in to.lower():
        lines.append(_("%(to)s (để tổng hợp);") % {"to": labour})
    return [*lines, _("Lưu: VT.")]


def _place(report):
    """Địa danh (Nghị định 30/2020): a commune's name with its kind, as the commune's own plans write it
    ("Thị trấn Cao Thượng"); a district's or province's name alone ("Tân Yên")."""
    unit = report.unit if report.unit_id else report.agency.unit
    return unit.full_name if unit.tier >= Tier.COMMUNE else _proper_name(unit)


def build(report):
    """The whole document of `report`, computed once, in Vietnamese whatever the reader's language.

    `report` comes from programmes.progress.access.get_report_for_user (plan, rule, reporter and
    recipient already joined); the values and funding lines are read here, two queries."""
    with translation.override("vi"):
        return _build(report)


def _build(report):
    prefetch_related_objects([report], Prefetch("values", queryset=ReportValue.objects.select_related("indicator")),
                             Prefetch("funding", queryset=ReportFunding.objects.select_related("project__parent")))
    superior, issuer, symbol = _header(report)
    authority, signer = _authority(report)
    period = report.period
    sent = timezone.localtime(report.submitted_at).date() if report.submitted_at else None
    sections = [
        Section(ROMAN[0], _("KẾT QUẢ ĐẠT ĐƯỢC"), paras(report.results),
                [_value_table(report), _funding_table(report)]),
        Section(ROMAN[1], _("KHÓ KHĂN, VƯỚNG MẮC"), paras(report.difficulties) or [Para("text", _("Không."))]),
        Section(ROMAN[2], _("ĐỀ XUẤT, KIẾN NGHỊ"), paras(report.proposals) or [Para("text", _("Không."))]),
    ]
    return ReportDocument(
        is_draft=report.state in (ReportState.DRAFT, ReportState.RETURNED),
        superior_body=superior,
        issuing_body=issuer,
        number_line=f"Số: {chr(0xA0) * 6}/{symbol}",
        place_date=f"{_place(report)}, {doc_date(sent, period.end.year if sent is None else None)}",
        doc_type=_("BÁO CÁO"),
        title=_("Kết quả thực hiện %(plan)s %(period)s") % {"plan": short_title(report.plan),
                                                            "period": _lower_first(period.label)},
        sections=sections,
        recipients=_recipients(report),
        authority=authority,
        signer_name=signer,
        filename=f"bao-cao-{report.plan_id}-{period.year}-{period.index:02d}-{report.pk}",
    )
