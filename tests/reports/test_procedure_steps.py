# ruff: noqa: F811  (the households fixtures are imported below and taken as arguments)
"""The dates of the QĐ 24 steps (issue 13 item 6) in the round's history and in the review summary (page
and .xlsx, one builder): list built, meetings, posting, complaints, decision, certificates; queries pinned."""
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from households.services import (
    certificates_issue,
    complaint_create,
    complaint_resolve,
    meeting_record,
    posting_set,
    review_create,
    review_submit,
    round_create,
    round_list_build,
    round_recognise,
)
from povertyplan.models import Tier
from reports import summaries
from tests.households.conftest import make_household, standards  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("on_26_11_2026")  # every step is dated on or before that day

D = datetime.date


# Thị trấn Cao Thượng closed on 30/06/2025 and takes no 2026 round: the procedure runs in today's xã Tân Yên.
@pytest.fixture
def officer(users):
    return users["xatanyen"]


@pytest.fixture
def leader(users):
    return users["xatanyen_ld"]


@pytest.fixture
def done_round(units, officer, leader, make_household):
    """The 2026 round of xã Tân Yên through every step: list built today (26/11), Hoà Sơn met on
    02/11 and 09/11, posting 10–20/11, a complaint received 12/11 and resolved 16/11, decision 1/QĐ-UBND
    of 25/11, certificates issued 26/11. Chám has a result but only its meeting of 05/11."""
    review_round = round_create(actor=officer, commune=units["07339@2025"], year=2026, follows_procedure=True)
    round_list_build(actor=officer, round=review_round)
    hoa_son, cham = make_household("HS-001", village="07339-01@2025"), make_household("HS-002", village="07339-02@2025")
    for household in (hoa_son, cham):
        review_submit(actor=officer, review=review_create(actor=officer, household=household, round=review_round,
                                                          income_per_capita=1_000_000))
    for day, village, household in ((D(2026, 11, 9), "07339-01@2025", hoa_son), (D(2026, 11, 2), "07339-01@2025", hoa_son),
                                    (D(2026, 11, 5), "07339-02@2025", cham)):
        meeting_record(actor=officer, round=review_round, village=units[village], held_on=day, chair="Tổ trưởng",
                       present_count=20, votes={household: 15})
    posting_set(actor=officer, round=review_round, starts_on=D(2026, 11, 10), ends_on=D(2026, 11, 20))
    complaint = complaint_create(actor=officer, round=review_round, household=hoa_son, complainant="Lê Văn Ba",
                                 received_on=D(2026, 11, 12), content="Hộ có xe.")
    complaint_resolve(actor=officer, complaint=complaint, resolution="Phúc tra: xe đã bán.", resolved_on=D(2026, 11, 16))
    round_recognise(actor=leader, round=review_round, decision_number="", decision_date=D(2026, 11, 25))
    certificates_issue(actor=leader, round=review_round, issued_on=D(2026, 11, 26),
                       village=units["07339-01@2025"])
    return review_round


def test_the_round_history_lists_each_step_with_its_date_in_order(client_for, officer, done_round):
    html = client_for(officer).get(reverse("households:round_progress", args=[done_round.pk])).content.decode()
    section = html[html.index('id="round-history"'):]
    rows = [" ".join(r.split("</tr>")[0].replace("</td><td>", " | ").replace("<td>", "").replace("</td>", "").split())
            for r in section.split('<tr class="history-step">')[1:]]
    assert rows == [
        "02/11/2026 | Hoà Sơn | Họp dân: 20 người dự, 1 hộ bình xét",
        "05/11/2026 | Chám | Họp dân: 20 người dự, 1 hộ bình xét",
        "09/11/2026 | Hoà Sơn | Họp dân: 20 người dự, 1 hộ bình xét",
        "10/11/2026 | | Bắt đầu niêm yết công khai",
        "12/11/2026 | Hoà Sơn | Nhận khiếu nại của Lê Văn Ba về hộ HS-001",
        "16/11/2026 | Hoà Sơn | Giải quyết khiếu nại về hộ HS-001",
        "20/11/2026 | | Kết thúc niêm yết công khai",
        "25/11/2026 | | Quyết định công nhận số 1/QĐ-UBND: 2 hộ",
        "26/11/2026 | | Lập (cập nhật) danh sách hộ cần rà soát",
        "26/11/2026 | | Cấp 1 giấy chứng nhận hộ nghèo, hộ cận nghèo",
    ]


def test_a_round_with_no_step_says_so(client_for, officer, units):
    review_round = round_create(actor=officer, commune=units["07339@2025"], year=2026, follows_procedure=True)
    html = client_for(officer).get(reverse("households:round_progress", args=[review_round.pk])).content.decode()
    assert "Chưa có bước nào được ghi." in html and 'class="history-step"' not in html


def _by_village(steps):
    return {s.village.code: s for s in steps}


def test_the_summary_has_the_step_dates_of_each_village(done_round, units):
    steps = _by_village(summaries.build(units["07339@2025"], 2026).steps)
    assert set(steps) == {u.code for u in units["07339@2025"].children.all()}
    hoa_son, cham = steps["07339-01"], steps["07339-02"]  # carried: same codes
    assert (hoa_son.list_built_on, hoa_son.meetings, hoa_son.posting_starts_on, hoa_son.posting_ends_on) == (
        D(2026, 11, 26), [D(2026, 11, 2), D(2026, 11, 9)], D(2026, 11, 10), D(2026, 11, 20))
    assert (hoa_son.complaints, hoa_son.complaints_open, hoa_son.last_resolved_on) == (1, 0, D(2026, 11, 16))
    assert (hoa_son.decision_numbers, hoa_son.decision_date, hoa_son.certificates, hoa_son.certificates_on) == (
        "1/QĐ-UBND", D(2026, 11, 25), 1, D(2026, 11, 26))
    assert (cham.meetings, cham.complaints, cham.decision_numbers, cham.certificates, cham.certificates_on) == (
        [D(2026, 11, 5)], 0, "1/QĐ-UBND", 0, None)
    assert summaries.build(units["07339@2025"], 2025).steps == []  # no round of 2025 follows the procedure


def test_the_summary_page_and_xlsx_show_the_dates(done_round, client_for, users, units):
    town = units["07339@2025"]
    client = client_for(users["xatanyen"])
    html = client.get(reverse("reports:review_summary", args=[town.pk]), {"year": "2026"}).content.decode()
    row = next(r.split("</tr>")[0] for r in html[html.index('id="steps"'):].split('<tr class="steps-row">')[1:]
               if "Hoà Sơn" in r.split("</tr>")[0])
    assert ("<td>Hoà Sơn</td> <td>26/11/2026</td>" in " ".join(row.split())
            and "<td>02/11/2026</td><td>09/11/2026</td>" in row and "<td>1/QĐ-UBND</td><td>25/11/2026</td>" in row)
    response = client.get(reverse("reports:review_summary_xlsx", args=[town.pk]), {"year": "2026"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[-1] == "Các bước"
    sheet = book["Các bước"]
    first = next(r for r in range(1, 12) if sheet.cell(row=r, column=1).value == "1")
    rows = {sheet.cell(row=r, column=3).value: [c for c in sheet[r]] for r in range(first, sheet.max_row + 1)}
    steps = _by_village(summaries.build(town, 2026).steps)
    for village, cells in rows.items():
        data = next(s for s in steps.values() if s.village.name == village)
        expected = [data.list_built_on, data.first_meeting, data.last_meeting, data.posting_starts_on,
                    data.posting_ends_on, data.last_resolved_on, data.decision_date, data.certificates_on]
        dates = [cells[i] for i in (3, 5, 6, 7, 8, 11, 13, 15)]
        assert [c.value.date() if c.value else None for c in dates] == expected, village
        assert {c.number_format for c in dates} == {"DD/MM/YYYY"}
        assert [cells[i].value for i in (4, 9, 10, 12, 14)] == [len(data.meetings), data.complaints,
                                                                data.complaints_open, data.decision_numbers or None,
                                                                data.certificates]
    hoa_son = rows["Hoà Sơn"]
    assert hoa_son[5].value == datetime.datetime(2026, 11, 2) and hoa_son[13].value == datetime.datetime(2026, 11, 25)
    assert hoa_son[5].is_date and len(rows) == len(steps)


def test_outsiders_get_404_on_the_summary_with_steps(done_round, client_for, users, units):
    client = client_for(users["caoxa"])
    for name in ("reports:review_summary", "reports:review_summary_xlsx"):
        assert client.get(reverse(name, args=[units["07339@2025"].pk]), {"year": "2026"}).status_code == 404


def test_the_summary_with_steps_pins_its_queries(done_round, client_for, users, units, officer, make_household,
                                                  django_assert_num_queries):
    client = client_for(users["bacninh"])
    queries = {}
    for extra in (False, True):
        if extra:  # more meetings, complaints and villages with steps: the same queries
            for n, village in enumerate(("07339-02@2025", "07339-03@2025")):
                household = make_household(f"HS-1{n}", village=village)
                meeting_record(actor=officer, round=done_round, village=units[village], held_on=D(2026, 11, 3),
                               chair="Tổ trưởng", present_count=10, votes={household: 9})
                complaint_create(actor=officer, round=done_round, household=household, complainant="A",
                                 received_on=D(2026, 11, 12), content="B")
        for unit in (units["24@2025"], units["07339@2025"]):
            for name in ("reports:review_summary", "reports:review_summary_xlsx"):
                if unit.tier == Tier.PROVINCE and name.endswith("xlsx"):
                    continue  # a province's workbook is a background job (tests/reports/test_jobs.py)
                url = reverse(name, args=[unit.pk])
                client.get(url, {"year": "2026"})  # warm the session
                # the summary's 13 (test_review_summary) and the steps' 7: audit, postings, villages,
                # meetings, complaints, decisions, certificates
                with django_assert_num_queries(20):
                    response = client.get(url, {"year": "2026"})
                queries[extra, unit.code, name] = response
    html = queries[True, "07339", "reports:review_summary"].content.decode()
    assert html.count('class="steps-row"') == units["07339@2025"].children.count()
