"""Documents of the review procedure (QĐ 24/2021/QĐ-TTg) in the layout of Nghị định 30/2020/NĐ-CP:
the reply refusing a household's request, the minutes of a village meeting, the posted list, the
chairman's recognition decision with its annex by village, and the household certificates.

Each builder computes the document once (a ProcedureDocument); one template draws it for the PDF,
with the header and footer the plan and the report use (reports/_doc_header.html, _doc_footer.html).
"""
import datetime
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from households.models import (
    RECOGNISED_STATES,
    Relation,
    Review,
    ReviewState,
    RoundKind,
    Sex,
)
from households.statuses import Classification, StatusChange
from povertyplan.lib.numbers import format_number
from programmes.text import doc_date
from reports.documents.plan import ROMAN, Para

UBND = "ỦY BAN NHÂN DÂN"
BLANK_NUMBER = "\u00a0" * 6
REFORM_DATE = datetime.date(2025, 7, 1)


@dataclass
class Table:
    title: str
    columns: list
    rows: list            # [[cells]]; a row of one cell is a group heading (a village)
    total: list | None = None
    kind: str = "list"


@dataclass
class ProcedureDocument:
    superior_body: str
    issuing_body: str
    number_line: str
    place_date: str
    doc_type: str
    title: str
    summary: str = ""              # ô 5b of a công văn ("V/v …"), under the number
    addressee: str = ""            # "Kính gửi: …"
    authority_heading: str = ""    # "CHỦ TỊCH ỦY BAN NHÂN DÂN …" above the Căn cứ of a decision
    legal_bases: list = field(default_factory=list)
    decides: bool = False          # "QUYẾT ĐỊNH:" between the Căn cứ and the articles
    paras: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    closing: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    authority: list = field(default_factory=list)
    signer_name: str = ""
    second_signature: list = field(default_factory=list)  # [position, name] at the left (a minutes' secretary)
    annex_title: str = ""
    annex_subtitle: str = ""
    annex_tables: list = field(default_factory=list)
    copy_labels: list = field(default_factory=lambda: [""])  # the minutes print twice
    is_draft: bool = False
    filename: str = "van-ban"

    @property
    def issuing_body_lines(self):
        if self.issuing_body.startswith(f"{UBND} "):
            return [UBND, self.issuing_body[len(UBND) + 1:]]
        return [self.issuing_body]


def _vi(build):
    def wrapper(*args, **kwargs):
        with translation.override("vi"):
            return build(*args, **kwargs)
    wrapper.__doc__ = build.__doc__
    return wrapper


def committee(commune):
    return f"{UBND} {commune.full_name.upper()}"


def _place(commune, day):
    return f"{commune.full_name}, {doc_date(day, None if day else datetime.date.today().year)}"


def _in_sentence(unit):
    name = unit.full_name
    return name[0].lower() + name[1:]


def _round_words(review_round):
    if review_round.kind == RoundKind.REGULAR:
        return _("rà soát thường xuyên tháng %(m)s/%(y)s") % {"m": review_round.month, "y": review_round.year}
    return _("rà soát định kỳ năm %(y)s") % {"y": review_round.year}


def _head_word(household_members):
    head = next((m for m in household_members if m.relation == Relation.HEAD), None)
    return _("bà") if head is not None and head.sex == Sex.FEMALE else _("ông")


@_vi
def refusal_letter(request):
    """Văn bản trả lời (công văn) refusing a household's request, with its reasons (QĐ 24 Art. 5)."""
    household = request.household
    commune = household.commune
    members = list(household.members.filter(is_active=True))
    who = _("Hộ %(title)s %(name)s") % {"title": _head_word(members), "name": household.head_name}
    residence = ", ".join(p for p in (household.address, household.village.name, _in_sentence(commune)) if p)
    paras = [
        Para("text", _("Ngày %(day)s, Ủy ban nhân dân %(commune)s nhận được %(kind)s của %(who)s (mã hộ %(code)s), "
                       "nơi cư trú: %(residence)s; hình thức nộp: %(channel)s.")
             % {"day": request.received_on.strftime("%d/%m/%Y"), "commune": _in_sentence(commune),
                "kind": request.get_kind_display()[0].lower() + request.get_kind_display()[1:],
                "who": who[0].lower() + who[1:], "code": household.code, "residence": residence,
                "channel": request.get_channel_display().lower()}),
        Para("text", _("Căn cứ Quyết định số 24/2021/QĐ-TTg ngày 16 tháng 7 năm 2021 của Thủ tướng Chính phủ quy định "
                       "quy trình rà soát hộ nghèo, hộ cận nghèo hằng năm, sau khi rà soát, Ủy ban nhân dân %(commune)s "
                       "không công nhận theo đề nghị của hộ gia đình.") % {"commune": _in_sentence(commune)}),
        Para("text", _("Lý do: %(reason)s") % {"reason": request.refusal_reason}),
        Para("text", _("Trường hợp không đồng ý, hộ gia đình có quyền khiếu nại theo quy định của pháp luật về khiếu nại.")),
        Para("text", _("Ủy ban nhân dân %(commune)s trả lời để hộ gia đình được biết.") % {"commune": _in_sentence(commune)}),
    ]
    return ProcedureDocument(
        superior_body="", issuing_body=committee(commune),
        number_line=f"Số: {BLANK_NUMBER}/UBND",
        summary=_("V/v trả lời đề nghị của hộ %(name)s") % {"name": household.head_name},
        place_date=_place(commune, request.refused_on), doc_type="", title="",
        addressee=f"{who}, {residence}.", paras=paras,
        recipients=[_("Như trên;"), _("Lưu: VT.")], authority=[f"TM. {UBND}", _("CHỦ TỊCH")],
        filename=f"tra-loi-de-nghi-{household.code}-{request.pk}")


def _classification(review):
    return review.get_classification_display()


@_vi
def meeting_minutes(meeting):
    """Biên bản họp dân (QĐ 24 Art. 4.3), in two copies: one kept by the village, one for the commune."""
    review_round, village, commune = meeting.round, meeting.village, meeting.round.commune
    votes = list(meeting.votes.select_related("household").order_by("household__code"))
    results = {r.household_id: r for r in Review.objects.filter(round=review_round,
                                                                 household__in=[v.household_id for v in votes])}
    rows = []
    for i, vote in enumerate(votes, 1):
        review = results.get(vote.household_id)
        share = vote.agreed_count * 100 / meeting.present_count
        rows.append([str(i), vote.household.code, vote.household.head_name,
                     _classification(review) if review else "", format_number(vote.agreed_count),
                     format_number(share, 1),
                     _("Thống nhất") if share >= 50 else _("Rà soát lại")])
    paras = [
        Para("text", _("Hôm nay, %(day)s, tại %(village)s, %(commune)s, tổ chức họp dân bình xét kết quả %(round)s.")
             % {"day": doc_date(meeting.held_on), "village": _in_sentence(village), "commune": _in_sentence(commune),
                "round": _round_words(review_round)}),
        Para("dash", _("Chủ trì: %(chair)s.") % {"chair": meeting.chair}),
        Para("dash", _("Số người dự họp: %(n)s người (đại diện hộ gia đình, Ban Chỉ đạo rà soát cấp xã, cán bộ giảm "
                       "nghèo, Bí thư chi bộ, các đoàn thể và rà soát viên; Ủy ban Mặt trận Tổ quốc xã giám sát).")
             % {"n": format_number(meeting.present_count)}),
        Para("dash", _("Nội dung: bình xét %(n)s hộ; hộ có dưới 50%% số người dự đồng ý được rà soát lại "
                       "(Quyết định số 24/2021/QĐ-TTg, Điều 4 khoản 3).") % {"n": len(votes)}),
    ]
    if meeting.notes:
        paras.append(Para("dash", _("Ý kiến khác: %(notes)s") % {"notes": meeting.notes}))
    closing = [Para("text", _("Biên bản lập thành 02 bản: 01 bản lưu tại thôn, 01 bản gửi Ủy ban nhân dân %(commune)s.")
                    % {"commune": _in_sentence(commune)})]
    return ProcedureDocument(
        superior_body=f"UBND {commune.full_name.upper()}", issuing_body=village.full_name.upper(),
        number_line=f"Số: {BLANK_NUMBER}/BB", place_date=f"{village.name}, {doc_date(meeting.held_on)}",
        doc_type=_("BIÊN BẢN"), title=_("Họp dân bình xét hộ nghèo, hộ cận nghèo"), paras=paras,
        tables=[Table(_("Kết quả bình xét"), ["TT", _("Mã hộ"), _("Họ và tên chủ hộ"), _("Kết quả rà soát"),
                                              _("Số người đồng ý"), _("Tỷ lệ (%)"), _("Kết luận")], rows)],
        closing=closing, recipients=[], authority=[_("CHỦ TRÌ")], signer_name=meeting.chair,
        second_signature=[_("THƯ KÝ"), ""],
        copy_labels=[_("Bản số 01 (lưu tại thôn)"), _("Bản số 02 (gửi Ủy ban nhân dân xã)")],
        filename=f"bien-ban-hop-dan-{village.code}-{meeting.held_on:%Y%m%d}")


def _by_village_rows(reviews, cells):
    """Rows grouped by village: a heading row per village, then numbered rows."""
    rows, village, n = [], None, 0
    for review in reviews:
        if review.household.village_id != village:
            village = review.household.village_id
            rows.append([review.household.village.name])
        n += 1
        rows.append([str(n), *cells(review)])
    return rows


@_vi
def posting_list(review_round):
    """Danh sách niêm yết công khai kết quả rà soát (QĐ 24 Art. 4.4): the results sent for recognition."""
    commune, posting = review_round.commune, getattr(review_round, "posting", None)
    reviews = list(Review.objects.filter(round=review_round, state__in=(ReviewState.SUBMITTED, *RECOGNISED_STATES))
                   .select_related("household__village").order_by("household__village__code", "household__code"))
    rows = _by_village_rows(reviews, lambda r: [r.household.code, r.household.head_name, _classification(r),
                                                r.get_change_display()])
    period = (_("Thời gian niêm yết: từ ngày %(start)s đến ngày %(end)s, tại trụ sở Ủy ban nhân dân %(commune)s và "
                "nhà văn hóa các thôn, tổ dân phố.") % {"start": posting.starts_on.strftime("%d/%m/%Y"),
                                                      "end": posting.ends_on.strftime("%d/%m/%Y"),
                                                      "commune": _in_sentence(commune)}) if posting else ""
    paras = [Para("text", period)] if period else []
    paras.append(Para("text", _("Mọi ý kiến, khiếu nại về kết quả rà soát gửi Ủy ban nhân dân %(commune)s trong thời gian "
                                "niêm yết.") % {"commune": _in_sentence(commune)}))
    return ProcedureDocument(
        superior_body="", issuing_body=committee(commune), number_line=f"Số: {BLANK_NUMBER}/TB-UBND",
        place_date=_place(commune, posting.starts_on if posting else None), doc_type=_("THÔNG BÁO"),
        title=_("Niêm yết công khai kết quả %(round)s") % {"round": _round_words(review_round)}, paras=paras,
        tables=[Table(_("Danh sách hộ"), ["TT", _("Mã hộ"), _("Họ và tên chủ hộ"), _("Kết quả rà soát"), _("Biến động")],
                      rows)],
        recipients=[_("Các thôn, tổ dân phố (để niêm yết);"), _("Lưu: VT.")],
        authority=[f"TM. {UBND}", _("CHỦ TỊCH")], filename=f"niem-yet-{commune.code}-{review_round.pk}")


DECISION_GROUPS = [
    ("poor", gettext_lazy("HỘ NGHÈO"), lambda r: r.classification == Classification.POOR),
    ("near_poor", gettext_lazy("HỘ CẬN NGHÈO"), lambda r: r.classification == Classification.NEAR_POOR),
    ("escaped_poverty", gettext_lazy("HỘ THOÁT NGHÈO"), lambda r: r.change == StatusChange.ESCAPED_POVERTY),
    ("escaped_near_poverty", gettext_lazy("HỘ THOÁT CẬN NGHÈO"), lambda r: r.change == StatusChange.ESCAPED_NEAR_POVERTY),
]


def decision_counts(reviews):
    """{group: count} of the decision's Điều 1 and annex, from the recognised reviews."""
    return {key: sum(1 for r in reviews if test(r)) for key, _label, test in DECISION_GROUPS}


def _standard_basis(standard):
    if "07/2021" in (standard.legal_basis or ""):
        return _("Căn cứ Nghị định số 07/2021/NĐ-CP ngày 27 tháng 01 năm 2021 của Chính phủ quy định chuẩn nghèo đa "
                 "chiều giai đoạn 2021 - 2025;")
    return _("Căn cứ %(basis)s;") % {"basis": standard.legal_basis or standard.name}


@_vi
def recognition_decision(review_round, decision_number):
    """Quyết định công nhận hộ nghèo, hộ cận nghèo, hộ thoát nghèo, hộ thoát cận nghèo of the chairman
    (QĐ 24 Art. 4.5), from the reviews recognised under `decision_number`; None when there are none."""
    commune = review_round.commune
    reviews = list(Review.objects.filter(round=review_round, decision_number=decision_number,
                                         state__in=RECOGNISED_STATES)
                   .select_related("household__village", "standard")
                   .order_by("household__village__code", "household__code"))
    if not reviews:
        return None
    decision_date, standard = reviews[0].decision_date, reviews[0].standard
    counts = decision_counts(reviews)
    place = _in_sentence(commune)
    law = (_("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;") if decision_date >= REFORM_DATE
           else _("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"))
    bases = [
        law,
        _standard_basis(standard),
        _("Căn cứ Quyết định số 24/2021/QĐ-TTg ngày 16 tháng 7 năm 2021 của Thủ tướng Chính phủ quy định quy trình rà "
          "soát hộ nghèo, hộ cận nghèo hằng năm;"),
        _("Căn cứ Thông tư số 07/2021/TT-BLĐTBXH ngày 18 tháng 7 năm 2021 của Bộ trưởng Bộ Lao động - Thương binh và "
          "Xã hội hướng dẫn phương pháp rà soát, phân loại hộ nghèo, hộ cận nghèo;"),
        _("Xét đề nghị của Ban Chỉ đạo rà soát hộ nghèo, hộ cận nghèo %(place)s và kết quả họp dân, niêm yết công "
          "khai.") % {"place": place},
    ]
    paras = [
        Para("article", _("Công nhận %(poor)s hộ nghèo, %(near)s hộ cận nghèo, %(esc)s hộ thoát nghèo, %(esc_near)s hộ "
                       "thoát cận nghèo trên địa bàn %(place)s theo kết quả %(round)s (có danh sách kèm theo).")
             % {"poor": counts["poor"], "near": counts["near_poor"], "esc": counts["escaped_poverty"],
                "esc_near": counts["escaped_near_poverty"], "place": place, "round": _round_words(review_round)},
             lead=_("Điều 1.")),
        Para("article", _("Quyết định này có hiệu lực kể từ ngày ký. Hộ nghèo, hộ cận nghèo có tên tại Điều 1 được cấp "
                       "Giấy chứng nhận hộ nghèo, hộ cận nghèo và hưởng các chính sách theo quy định."), lead=_("Điều 2.")),
        Para("article", _("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, công chức phụ trách giảm nghèo, Trưởng các thôn, "
                       "tổ dân phố và các hộ gia đình có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."),
             lead=_("Điều 3.")),
    ]
    villages, per_village = [], {}
    for review in reviews:
        village = review.household.village
        if village.pk not in per_village:
            villages.append(village)
            per_village[village.pk] = []
        per_village[village.pk].append(review)
    count_rows = []
    for i, village in enumerate(villages, 1):
        c = decision_counts(per_village[village.pk])
        count_rows.append([str(i), village.name, *(format_number(c[key]) for key, _l, _t in DECISION_GROUPS)])
    annex = [Table(_("Tổng hợp theo thôn, tổ dân phố"),
                   ["TT", _("Thôn, tổ dân phố"), _("Hộ nghèo"), _("Hộ cận nghèo"), _("Hộ thoát nghèo"),
                    _("Hộ thoát cận nghèo")], count_rows,
                   ["", _("Tổng cộng"), *(format_number(counts[key]) for key, _l, _t in DECISION_GROUPS)], kind="counts")]
    for i, (_key, label, test) in enumerate(DECISION_GROUPS):
        chosen = [r for r in reviews if test(r)]
        if chosen:
            annex.append(Table(f"{ROMAN[i]}. {label}", ["TT", _("Mã hộ"), _("Họ và tên chủ hộ"), _("Địa chỉ")],
                               _by_village_rows(chosen, lambda r: [r.household.code, r.household.head_name,
                                                                   r.household.address])))
    number = decision_number.split("/")[0]
    recipients = [_("Như Điều 3;")]
    if commune.parent_id and decision_date < REFORM_DATE:
        recipients.append(_("UBND %(parent)s (để báo cáo);") % {"parent": _in_sentence(commune.parent)})
    recipients.append(_("Lưu: VT."))
    return ProcedureDocument(
        superior_body="", issuing_body=committee(commune), number_line=f"Số: {decision_number}",
        place_date=_place(commune, decision_date), doc_type=_("QUYẾT ĐỊNH"),
        title=_("Về việc công nhận hộ nghèo, hộ cận nghèo, hộ thoát nghèo, hộ thoát cận nghèo trên địa bàn %(place)s")
        % {"place": place},
        authority_heading=_("CHỦ TỊCH ỦY BAN NHÂN DÂN %(commune)s") % {"commune": commune.full_name.upper()},
        legal_bases=bases, decides=True, paras=paras, recipients=recipients, authority=[_("CHỦ TỊCH")],
        annex_title=_("DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO, HỘ THOÁT NGHÈO, HỘ THOÁT CẬN NGHÈO"),
        annex_subtitle=_("(Kèm theo Quyết định số %(number)s ngày %(day)s của Chủ tịch Ủy ban nhân dân %(place)s)")
        % {"number": decision_number, "day": decision_date.strftime("%d/%m/%Y"), "place": place},
        annex_tables=annex, filename=f"quyet-dinh-cong-nhan-{commune.code}-{number}-{decision_date.year}")


def certificate(cert, *, show_id_numbers):
    """Giấy chứng nhận hộ nghèo, hộ cận nghèo of one household (QĐ 24 Art. 4.5)."""
    with translation.override("vi"):
        return _certificate(cert, show_id_numbers)


def _certificate(cert, show_id_numbers):
    review = cert.review
    household, commune = review.household, cert.commune
    members = list(household.members.filter(is_active=True))
    members.sort(key=lambda m: (m.relation != Relation.HEAD, m.birth_year or 0, m.pk))
    head = next((m for m in members if m.relation == Relation.HEAD), None)
    id_number = ""
    if head is not None and head.id_number:
        id_number = head.id_number if show_id_numbers else head.masked_id_number
    kind = _("hộ nghèo") if review.classification == Classification.POOR else _("hộ cận nghèo")
    residence = ", ".join(p for p in (household.address, household.village.name, _in_sentence(commune)) if p)
    paras = [
        Para("text", _("Chủ tịch Ủy ban nhân dân %(place)s chứng nhận:") % {"place": _in_sentence(commune)}),
        Para("dash", _("Họ và tên chủ hộ: %(name)s") % {"name": household.head_name}),
        Para("dash", _("Dân tộc: %(e)s") % {"e": head.ethnicity if head else ""}),
        Para("dash", _("Số định danh cá nhân/CCCD: %(n)s; ngày cấp: ……………") % {"n": id_number or "……………"}),
        Para("dash", _("Nơi thường trú: %(r)s") % {"r": residence}),
        Para("text", _("Là %(kind)s theo Quyết định số %(number)s ngày %(day)s (kết quả %(round)s).")
             % {"kind": kind, "number": review.decision_number, "day": review.decision_date.strftime("%d/%m/%Y"),
                "round": _round_words(review.round)}),
    ]
    rows = []
    for i, m in enumerate(members, 1):
        year = str(m.birth_year or (m.birth_date.year if m.birth_date else ""))
        rows.append([str(i), m.full_name, m.ethnicity, m.get_relation_display(),
                     year if m.sex == Sex.MALE else "", year if m.sex != Sex.MALE else "", ""])
    return ProcedureDocument(
        superior_body="", issuing_body=committee(commune), number_line=f"Số: {cert.number_text}",
        place_date=_place(commune, cert.issued_on), doc_type=_("GIẤY CHỨNG NHẬN"),
        title=_("Hộ nghèo, hộ cận nghèo"), paras=paras,
        tables=[Table(_("Thành viên trong hộ"), ["TT", _("Họ và tên"), _("Dân tộc"), _("Quan hệ với chủ hộ"),
                                                 _("Năm sinh (Nam)"), _("Năm sinh (Nữ)"), _("Ghi chú")], rows,
                      kind="members")],
        authority=[f"TM. {UBND}", _("CHỦ TỊCH")],
        filename=f"giay-chung-nhan-{cert.number}-{cert.year}-{household.code}")


__all__ = ["certificate", "meeting_minutes", "posting_list", "recognition_decision",
           "refusal_letter"]
