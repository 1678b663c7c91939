"""History in words (issue 12 item 1): every kind of audit event reads as words on /audit/ and on the household
page; no action code, Python dict, boolean or thousands-dotted year reaches the HTML.

The action codes are found in the source (every `action=` written through povertyplan/audit.py, the review and
report transitions, the sign-in events, one per editable part of a plan), so a new action without a label fails here.
"""
import html as html_lib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from households.services.registry import household_snapshot, member_snapshot
from households.services.reviews import review_snapshot
from povertyplan.audit import unit_ref
from povertyplan.audit_display import describe, unlabelled
from povertyplan.models import AuditEvent
from povertyplan.services import AuthAction
from programmes.services.rows import ROW_SPECS

SOURCE_DIRS = ("povertyplan", "households", "programmes", "reports", "support")
ACTION_ARG = re.compile(r"""action=(?:f?)["']([a-z_]+)\.""")
CODE = re.compile(r"""["']([a-z]+(?:\.[a-z_]+|\.\{spec\.related_name\}\.save)+)["']""")
RAW = re.compile(r"\b[a-z]+(?:[_.][a-z]+)+\b")  # review.recognise, no_stable_job, health_insurance


def _names_code(literal):
    """A model or module of an app whose label is also an action's first word ("support.policy", "support.urls")."""
    try:
        apps.get_model(literal)
        return True
    except (LookupError, ValueError):
        pass
    path = Path(settings.BASE_DIR, *literal.split("."))
    return path.is_dir() or path.with_suffix(".py").exists()


def discovered_actions():
    """Action codes written anywhere in the apps: literals whose first word is one that `action=` uses."""
    sources = [p.read_text() for d in SOURCE_DIRS for p in (Path(settings.BASE_DIR) / d).rglob("*.py")
               if "migrations" not in p.parts]
    prefixes = {m for text in sources for m in ACTION_ARG.findall(text)}
    codes = set()
    for text in sources:
        for code in CODE.findall(text):
            if code.split(".")[0] in prefixes and not _names_code(code):
                codes.add(code)
    for code in [c for c in codes if "{spec.related_name}" in c]:
        codes.discard(code)
        codes.update(code.replace("{spec.related_name}", spec.related_name) for spec in ROW_SPECS.values())
    return codes | set(AuthAction.values)


def test_discovery_finds_the_actions_of_every_app():
    codes = discovered_actions()
    assert {"review.recognise", "review.import", "household.export", "member.remove", "plan.recipients.save",
            "report.approve", "report.remind", "unit.import", "officer.deactivate", "auth.login_failed",
            "round.lock", "standard.change", "target.allocate", "request.refuse", "round.follow_procedure",
            "household.carry", "unit.mapping_import", "job.cancel", "programme.structure_import", "support.create",
            "support.import", "support.eligibility_export"} <= codes
    assert not {c for c in codes if c.startswith(("households.", "programmes.", "django."))}
    assert not {"support.policy", "support.supportrecord", "support.urls"} & codes


@pytest.fixture
def history(household, add_member, recognised_review, units):
    """One event of every discovered kind, with the payload its service writes, about `household` and its rows."""
    member = add_member(household, full_name="Trần Văn Bình", relation="child", birth_year=2012,
                        health_insurance=False)
    review = recognised_review(household)
    village = units["07339-01"]
    samples = {
        "household": ("households.household", household.pk, None, household_snapshot(household)),
        "member": ("households.member", member.pk, {**member_snapshot(member), "health_insurance": True},
                   member_snapshot(member)),
        "review": ("households.review", review.pk, review_snapshot(review, [], []),
                   review_snapshot(review, ["1", "4"], ["no_stable_job", "illness"])),
        "round": ("households.reviewround", review.round_id, None, {"year": 2025, "kind": "periodic"}),
        "standard": ("households.povertystandard", 1, None, {"name": "Chuẩn nghèo 2022–2025"}),
        "plan": ("programmes.plan", 7, {"status": "draft", "version": 1, "recipients": [{"order": "1", "text": "A"}]},
                 {"status": "issued", "number": "12/KH-UBND", "document_date": "2025-03-05", "version": 2,
                  "issuing_unit": units["07339"].pk, "year_from": 2025, "copied_from": 3, "activities": 4,
                  "recipients": [{"order": "1", "text": "A"}, {"order": "2", "text": "B"}]}),
        "target": ("programmes.plan", 7, {"value_baseline": ["10", None], "version": 1},
                   {"indicator": "1.1", "indicator_name": "Tỷ lệ hộ nghèo", "parent": "07339",
                    "value_baseline": ["12", "9"], "changes": {"07339-01": {"unit_name": "Tổ dân phố Hoà Sơn",
                                                                           "before": None, "after": ["3", "2"]}},
                    "version": 2}),
        "agency": ("programmes.agency", 2, None, {"unit": "07339", "name": "Hội Nông dân", "short_name": "HND",
                                                  "kind": "front", "members": ["vhxh"], "version": 1}),
        "report": ("programmes.progressreport", 5, {"state": "draft", "version": 1},
                   {"state": "submitted", "number": 1, "deadline": "2025-06-20", "values": 4, "from_registry": 2,
                    "funding": ["DA1"], "attachment": "Biên bản", "content_type": "application/pdf", "size": 1200,
                    "version": 2}),
        "unit": ("povertyplan.administrativeunit", village.pk, None,
                 {"created": 3, "updated": 0, "unchanged": 26, "file": "Danh mục", "valid_from": "2025-07-01"}),
        "officer": ("povertyplan.officer", 1, {"is_active": True},
                    {"is_active": False, "username": "vhxh2", "full_name": "Đỗ Thị Lan", "role": "commune"}),
        "auth": ("auth.user", 1, None, {"username": "caothuong", "ip": "127.0.0.1"}),
        # the review procedure (households/services/procedure.py)
        "request": ("households.reviewrequest", 3, None,
                    {"kind": "review", "channel": "in_person", "received_on": "05/03/2025",
                     "round": "Rà soát thường xuyên tháng 2/2025"}),
        "meeting": ("households.villagemeeting", 4, None,
                    {"held_on": "10/10/2025", "present": 40, "votes": {household.code: 35, "HN-002": 12}}),
        "posting": ("households.posting", 5, None, {"starts_on": "11/10/2025", "ends_on": "17/10/2025"}),
        "complaint": ("households.complaint", 6, None,
                      {"complainant": "Lê Văn Cường", "content": "Hộ có xe máy mới"}),
        "certificate": ("households.certificate", 7, None, {"number": "12/GCN", "issued_on": "20/12/2025"}),
        "job": ("povertyplan.job", 8, None, {"kind": "household_export", "title": "Xuất danh sách hộ – Cao Thượng"}),
        "programme": ("programmes.programme", 1, None,
                      {"file": "Cơ cấu chương trình", "confirmed": False, "projects": 12, "indicators": 30,
                       "removed": 1}),
        "support": ("support.supportrecord", 9, None,
                    {"policy": 1, "household": household.pk, "member": member.pk, "given_on": "2025-03-05",
                     "period": "2025", "quantity": 1, "amount": 1500000, "document": "Quyết định 15/QĐ-UBND",
                     "is_repeat": False, "agency": 1}),
    }
    special = {"household.export": {"filters": {"status": "poor", "flag": "is_ethnic_minority", "q": "An"},
                                    "households": 12, "id_numbers_masked": True},
               "household.import": {"households_created": 2, "members_updated": 1, "file": "Danh sách hộ"},
               "household.generate": {"households": 30, "members": 90, "reviews": 60, "years": [2023, 2024],
                                      "seed": 7},
               "report.remind": {"kind": "before", "period": "Quý I/2025", "reporter": "Hội Nông dân",
                                 "recipients": ["Hội Nông dân"], "deadline": "2025-04-05"},
               "household.carry": ({"village": unit_ref(village), "commune": unit_ref(units["07339"]),
                                    "code": household.code, "version": 1},
                                   {"village": unit_ref(village), "commune": unit_ref(units["07339@2025"]),
                                    "code": f"CT-{household.code}", "version": 2}),
               "request.refuse": {"refused_on": "12/03/2025"},
               "complaint.resolve": {"resolution": "Đã kiểm tra lại, giữ kết quả", "resolved_on": "20/10/2025"},
               "round.follow_procedure": ({"follows_procedure": False}, {"follows_procedure": True}),
               "round.list_build": {"added": 14, "total": 20},
               "round.list_add": {"household": household.code},
               "job.cancel": None,
               "unit.carry": {"from": unit_ref(units["07339"]), "to": unit_ref(units["07339@2025"]),
                              "villages": [unit_ref(village), unit_ref(units["07339-02"])], "on": "2025-07-01"},
               "unit.mapping_import": {"created_units": 2, "successions": 3, "updated": 0, "unchanged": 1,
                                       "file": "Bảng sắp xếp", "effective_on": "2025-07-01"},
               "support.eligibility_export": {"as_of": "2025-03-05", "rows": 14, "id_numbers": True},
               "support.period": {"policy": 1, "household": household.pk, "member": None, "given_on": "2025-03-05",
                                  "period": "once", "quantity": 1, "amount": 40000000,
                                  "document": "Quyết định 16/QĐ-UBND", "is_repeat": True, "agency": 1}}
    special["support.import"] = special.pop("support.period")  # a policy given once (a house)
    object_types = {"report.remind": "programmes.remindersent", "unit.mapping_import": "povertyplan.unitsuccession",
                    "support.eligibility_export": "support.policy"}
    codes = sorted(discovered_actions())
    missing = {c.split(".")[0] for c in codes} - set(samples)
    assert not missing, f"add a sample payload for the actions of {missing}"
    events = []
    for code in codes:
        object_type, object_id, before, after = samples[code.split(".")[0]]
        if code in special:
            before, after = special[code] if isinstance(special[code], tuple) else (None, special[code])
        object_type = object_types.get(code, object_type)
        events.append(AuditEvent(action=code, object_type=object_type, object_id=str(object_id),
                                 object_repr="Hộ Nguyễn Văn An" if object_type.startswith("households") else "Bản ghi",
                                 unit=village, before=before, after=after, reason="Sai năm sinh"))
    AuditEvent.objects.bulk_create(events)
    return {"household": household, "member": member, "review": review, "codes": codes}


def _text_of(page, table_id="audit-table"):
    """The visible text of the history table (tags, and so links' addresses, removed)."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', page, re.S).group(0)
    text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", table)).split())
    return text.replace(" :", ":")


def _assert_in_words(text):
    assert not RAW.findall(text), RAW.findall(text)
    for raw in ("True", "False", "None", "{", "}", "'", "[", "2.012", "1.970", "2.025"):
        assert raw not in text, raw


def test_every_kind_of_event_has_labels(history):
    assert [(e.action, unlabelled(e)) for e in AuditEvent.objects.all() if unlabelled(e)] == []


def test_audit_list_shows_every_kind_in_words(history, client_for, users):
    client = client_for(users["tanyen"])
    text, number = "", 1
    while True:
        page = client.get(reverse("audit_list"), {"page": number}).content.decode()
        text += _text_of(page)
        if f"page={number + 1}" not in page:
            break
        number += 1
    _assert_in_words(text)
    for event in describe(AuditEvent.objects.filter(action__in=history["codes"])):
        assert event.action in text
    assert "Công nhận kết quả rà soát" in text and "Sửa nơi nhận của kế hoạch" in text
    assert ("Nguyên nhân nghèo: — → Có người ốm đau, bệnh nặng, tai nạn, Không có người có việc làm ổn định"
            in text)
    assert "Bộ lọc: Tìm kiếm: An; Tình trạng: Hộ nghèo; Đối tượng: Hộ dân tộc thiểu số" in text
    assert "Có thẻ BHYT: Có → Không" in text and "Che số CCCD: Có" in text
    assert "Tình trạng: Dự thảo → Đã ban hành" in text and "Nơi nhận: 1 dòng → 2 dòng" in text
    assert "Ngày ban hành: 05/03/2025" in text and "Đơn vị ban hành: Thị trấn Cao Thượng" in text
    assert "Các năm: 2023, 2024" in text and "Lần gửi: 1" in text
    # units by the name they had: the two 07339 are told apart
    assert "Từ đơn vị cũ: Thị trấn Cao Thượng (07339)" in text and "Sang đơn vị kế thừa: Xã Tân Yên (07339)" in text
    assert "Thôn, tổ dân phố chuyển sang: Tổ dân phố Hoà Sơn (07339-01), Tổ dân phố" in text

    # The kind of object is chosen by its name, and filters.
    page = client.get(reverse("audit_list"), {"object_type": "households.member"}).content.decode()
    select = re.search(r'<select name="object_type".*?</select>', page, re.S).group(0)
    assert '<option value="households.member" selected>Thành viên</option>' in select
    assert '<option value="programmes.plan">Kế hoạch</option>' in select
    members = _text_of(page)
    assert "Thêm thành viên" in members and "Thêm hộ" not in members


def test_household_history_in_words_with_links(history, client_for, users):
    household, member, review = history["household"], history["member"], history["review"]
    page = client_for(users["caothuong"]).get(reverse("households:household_detail", args=[household.pk])).content.decode()
    text = _text_of(page)
    _assert_in_words(text)
    assert "Ghi nhận thành viên rời hộ" in text and "Công nhận kết quả rà soát" in text
    assert "Năm sinh: 2012" in text and "Quan hệ với chủ hộ: Con" in text and "Có thẻ BHYT: Không" in text
    assert "Trạng thái: Đã gửi → Đã công nhận" in text and "Số quyết định công nhận: — → 2025/QĐ-UBND" in text
    table = re.search(r'<table[^>]*id="audit-table".*?</table>', page, re.S).group(0)
    assert f'<a href="{reverse("households:review_detail", args=[review.pk])}">' in table
    member_link = f'<a href="{reverse("households:household_detail", args=[household.pk])}">{member.full_name}</a>'
    assert member_link in table
