"""Demo data of the programmes app: agencies of huyện Tân Yên and thị trấn Cao Thượng, an agency
officer (ttyte, Trung tâm Y tế huyện Tân Yên) and the seed 003 plan of thị trấn Cao Thượng for 2024.

Idempotent: rows are matched by natural keys, so `load_demo` can run again and again.
Everything is written through the services, as the demo's system administrator (the core demo's
national administrator): the services have no actor-less path, and the audit trail says who.
"""
import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from povertyplan.demo import demo_password_hash
from povertyplan.lib.db import update_or_create_changed
from povertyplan.models import AdministrativeUnit, Officer, Role
from programmes import demo_seed003 as seed
from programmes import reference, services
from programmes.models import Agency, AgencyKind, AssignmentRole, Indicator, Plan, Programme, Project
from programmes.services import RowChange

K = AgencyKind
AGENCIES = {
    # unit code → (name, short name, kind)
    "216": [
        ("Phòng Lao động - Thương binh và Xã hội", "Phòng LĐ-TB&XH", K.DEPARTMENT),
        ("Phòng Tài chính - Kế hoạch", "Phòng TC-KH", K.DEPARTMENT),
        ("Phòng Kinh tế", "Phòng KT", K.DEPARTMENT),
        ("Phòng Giáo dục và Đào tạo", "Phòng GD&ĐT", K.DEPARTMENT),
        ("Phòng Văn hóa và Thông tin", "Phòng VH&TT", K.DEPARTMENT),
        ("Phòng Tư pháp", "Phòng TP", K.DEPARTMENT),
        ("Trung tâm Y tế", "TTYT", K.SERVICE),
        ("Ngân hàng Chính sách xã hội", "NHCSXH", K.BANK),
        ("Ủy ban MTTQ huyện", "UBMTTQ huyện", K.FRONT),
        ("Ủy ban nhân dân các xã, thị trấn", "UBND xã, thị trấn", K.COMMITTEE),
    ],
    "07339": [
        ("Ban Chỉ đạo giảm nghèo thị trấn", "BCĐ giảm nghèo", K.STEERING),
        ("Công chức Văn hóa - Xã hội", "Công chức VH-XH", K.OFFICIAL),
        ("Ủy ban MTTQ thị trấn", "UBMTTQ", K.FRONT),
        ("Đài truyền thanh thị trấn", "Đài truyền thanh", K.SERVICE),
        ("Các ngành đoàn thể", "Đoàn thể", K.FRONT),
        ("Trạm Y tế thị trấn", "Trạm Y tế", K.SERVICE),
        ("Ủy ban nhân dân thị trấn", "UBND thị trấn", K.COMMITTEE),
    ],
    "07336": [
        ("Ủy ban MTTQ xã", "UBMTTQ", K.FRONT),
        ("Ủy ban nhân dân xã", "UBND xã", K.COMMITTEE),
    ],
}
AGENCY_OFFICER = ("ttyte", "Đỗ Thị", "Lan", "216", "Trung tâm Y tế", "Chuyên viên Trung tâm Y tế")


def _unit(code):
    """The unit of the demo tree before 1 July 2025 (the seed plans are of 2023–2024)."""
    return AdministrativeUnit.objects.get(code=code, valid_to__isnull=False)


def demo_actor():
    """The user the demo writes as: the core demo's national administrator (povertyplan.demo)."""
    officer = (Officer.objects.filter(role=Role.ADMINISTRATOR, unit__isnull=True, user__is_active=True)
               .select_related("user").order_by("pk").first())
    if officer is None:
        raise RuntimeError("The programmes demo needs the core demo's administrator: load povertyplan's demo first.")
    return officer.user


def load_agencies():
    actor = demo_actor()
    for code, rows in AGENCIES.items():
        unit = _unit(code)
        existing = {a.name: a for a in Agency.objects.filter(unit=unit)}
        for name, short_name, kind in rows:
            agency = existing.get(name)
            if agency is None:
                services.agency_create(actor=actor, unit=unit, name=name, short_name=short_name, kind=kind)
            elif (agency.short_name, agency.kind) != (short_name, kind):
                services.agency_update(actor=actor, agency=agency, version=agency.version, short_name=short_name,
                                       kind=kind)


def load_agency_officer():
    username, last, first, code, agency_name, position = AGENCY_OFFICER
    unit = _unit(code)
    user, created = get_user_model().objects.get_or_create(username=username, defaults={
        "last_name": last, "first_name": first})
    if created:
        user.password = demo_password_hash()
        user.save()
    update_or_create_changed(Officer.objects, user=user, defaults={"role": Role.AGENCY, "unit": unit, "position": position})
    agency = Agency.objects.get(unit=unit, name=agency_name)
    members = list(agency.members.all())
    if user not in members:
        services.agency_update(actor=demo_actor(), agency=agency, version=agency.version, members=[*members, user])
    return user


def _number(value):
    return None if value is None else Decimal(str(value))


def _version(plan):
    """The plan's version now (each service call raises it, as a page would read it anew)."""
    return Plan.objects.values_list("version", flat=True).get(pk=plan.pk)


def _rows(actor, plan, part, rows):
    services.plan_rows_save(actor=actor, plan=plan, version=_version(plan), part=part,
                            rows=[RowChange(None, r) for r in rows])


def load_seed003_plan():
    """Seed 003: Kế hoạch of UBND thị trấn Cao Thượng for 2024 with its annex, issued on 25/01/2024."""
    unit = _unit("07339")
    existing = Plan.objects.filter(issuing_unit=unit, year_from=2024, title=seed.TITLE).first()
    if existing is not None:
        return existing
    actor = demo_actor()
    plan = services.plan_create(actor=actor, programme=Programme.objects.get(code="gnbv-2021-2025"),
                                issuing_unit=unit, year_from=2024, title=seed.TITLE, **seed.HEADER, **seed.SIGNATURE)
    services.plan_update(actor=actor, plan=plan, version=_version(plan), **seed.CONTENT)
    _rows(actor, plan, "legal-bases", [{"order": i, "text": t} for i, t in enumerate(seed.LEGAL_BASES, start=1)])
    agencies = {a.name: a for a in Agency.objects.filter(unit=unit)}
    _rows(actor, plan, "responsibilities", [
        {"order": i, "agency": agencies[name] if name else None, "heading": heading, "text": text}
        for i, (name, heading, text) in enumerate(seed.RESPONSIBILITIES, start=1)])
    _rows(actor, plan, "recipients", [{"order": i, "text": t} for i, t in enumerate(seed.RECIPIENTS, start=1)])
    _rows(actor, plan, "reporting", [{"order": i, **r} for i, r in enumerate(seed.REPORTING_RULES, start=1)])
    indicators = {i.code: i for i in Indicator.objects.all()}
    for code, (value, baseline) in seed.TOWN_TARGETS.items():
        services.target_set(actor=actor, plan=plan, version=_version(plan), unit=unit, indicator=indicators[code],
                            value=_number(value), baseline=_number(baseline))
    groups = list(unit.children.order_by("code"))
    for code, (value_col, baseline_col) in seed.GROUP_COLUMNS.items():
        services.target_allocate(actor=actor, plan=plan, version=_version(plan), indicator=indicators[code],
                                 parent=unit, values={
            group: (_number(row[value_col]) if value_col else None, _number(row[baseline_col]))
            for group, row in zip(groups, seed.SEED_003_GROUPS, strict=True)})
    return services.plan_issue(actor=actor, plan=plan, version=_version(plan), number="",
                               document_date=datetime.date(2024, 1, 25), signer_name=seed.SIGNER)


DISTRICT_TITLE = "Triển khai thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững trên địa bàn huyện " \
                 "Tân Yên năm 2024"
# (project code, agency name, role), after the pattern of seed 001 (section VI of thị xã Hương Trà's plan).
DISTRICT_ASSIGNMENTS = [
    ("DA2", "Ủy ban nhân dân các xã, thị trấn", AssignmentRole.LEAD),
    ("DA2", "Phòng Kinh tế", AssignmentRole.SUPPORT),
    ("DA3-TDA1", "Phòng Kinh tế", AssignmentRole.LEAD),
    ("DA3-TDA2", "Trung tâm Y tế", AssignmentRole.LEAD),
    ("DA3-TDA2", "Phòng Giáo dục và Đào tạo", AssignmentRole.SUPPORT),
    ("DA4-TDA3", "Phòng Lao động - Thương binh và Xã hội", AssignmentRole.LEAD),
    ("DA6-TDA1", "Phòng Văn hóa và Thông tin", AssignmentRole.LEAD),
    ("DA6-TDA2", "Phòng Lao động - Thương binh và Xã hội", AssignmentRole.LEAD),
    ("DA7-TDA1", "Phòng Lao động - Thương binh và Xã hội", AssignmentRole.LEAD),
    ("DA7-TDA2", "Phòng Lao động - Thương binh và Xã hội", AssignmentRole.LEAD),
]


def load_district_plan():
    """A draft plan of huyện Tân Yên for 2024 that assigns the district's agencies (so the demo agency
    officer has a plan to read)."""
    unit = _unit("216")
    existing = Plan.objects.filter(issuing_unit=unit, year_from=2024, title=DISTRICT_TITLE).first()
    if existing is not None:
        return existing
    programme = Programme.objects.get(code="gnbv-2021-2025")
    actor = demo_actor()
    plan = services.plan_create(
        actor=actor, programme=programme, issuing_unit=unit, year_from=2024, title=DISTRICT_TITLE,
        introduction="Ủy ban nhân dân huyện Tân Yên ban hành Kế hoạch triển khai thực hiện Chương trình mục tiêu "
                     "quốc gia giảm nghèo bền vững năm 2024 trên địa bàn huyện, với các nội dung sau:",
        general_objective="Thực hiện mục tiêu giảm nghèo bền vững, hạn chế tái nghèo; góp phần tăng trưởng kinh tế, "
                          "đảm bảo an sinh xã hội, cải thiện đời sống vật chất, tinh thần, tăng thu nhập của người "
                          "dân.",
        objectives_heading="MỤC TIÊU", sign_for="CHỦ TỊCH", signer_position="PHÓ CHỦ TỊCH")
    _rows(actor, plan, "legal-bases", [{"order": 1, "text": "Căn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng "
                                                     "Chính phủ phê duyệt Chương trình mục tiêu quốc gia giảm nghèo "
                                                     "bền vững giai đoạn 2021 - 2025;"}])
    projects = {p.code: p for p in Project.objects.filter(programme=programme)}
    agencies = {a.name: a for a in Agency.objects.filter(unit=unit)}
    _rows(actor, plan, "assignments", [{"project": projects[code], "agency": agencies[name], "role": role}
                                for code, name, role in DISTRICT_ASSIGNMENTS])
    _rows(actor, plan, "reporting", [{"order": 1, "frequency": "monthly", "timing": "before", "day": 25, "month_offset": 0,
                               "reporter": "Ủy ban nhân dân các xã, thị trấn và các cơ quan được phân công",
                               "recipient": "Ủy ban nhân dân huyện (qua Phòng Lao động - Thương binh và Xã hội)",
                               "content": "tiến độ triển khai thực hiện"}])
    services.target_set(actor=actor, plan=plan, version=_version(plan), unit=unit,
                        indicator=Indicator.objects.get(code="giam_ty_le_ho_ngheo"), value=Decimal("0.5"))
    _rows(actor, plan, "recipients", [{"order": 1, "text": "Sở LĐ-TB&XH;"}, {"order": 2, "text": "Các đơn vị nêu tại Mục VI;"},
                               {"order": 3, "text": "Lưu: VT."}])
    return plan


def load(stdout):
    reference.load_reference()
    load_agencies()
    stdout.write(f"  {Agency.objects.count()} cơ quan, đơn vị")
    load_agency_officer()
    stdout.write(f"  cán bộ cơ quan: {AGENCY_OFFICER[0]} ({AGENCY_OFFICER[4]} huyện Tân Yên)")
    plan = load_seed003_plan()
    stdout.write(f"  kế hoạch: {plan} — {plan.targets.count()} chỉ tiêu")
    plan = load_district_plan()
    stdout.write(f"  kế hoạch: {plan} — {plan.assignments.count()} phân công")
    load_reports(stdout)
    from programmes.demo_2026 import load_tan_yen_2026_plan

    plan = load_tan_yen_2026_plan()
    stdout.write(f"  kế hoạch: {plan} — {plan.programme} — {plan.targets.count()} chỉ tiêu (mốc năm 2025)")


def load_reports(stdout):
    """A year of monthly reports under the seed-003 plan; the district plan issued for Trung tâm Y tế."""
    from programmes import demo_reports

    actor = demo_actor()
    reviewer = Officer.objects.get(user__username="caothuong").user
    made = demo_reports.load_seed003_reports(load_seed003_plan(), reviewer, actor)
    demo_reports.issue_district_plan(load_district_plan(), actor)
    stdout.write(f"  báo cáo tiến độ: {made} báo cáo năm 2024 của thị trấn Cao Thượng; kế hoạch huyện đã ban hành")
