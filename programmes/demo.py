"""Demo data of the programmes app: agencies of huyện Tân Yên and thị trấn Cao Thượng, an agency
officer (ttyte, Trung tâm Y tế huyện Tân Yên) and the seed 003 plan of thị trấn Cao Thượng for 2024.

Idempotent: rows are matched by natural keys, so `load_demo` can run again and again.
"""
from django.contrib.auth import get_user_model

from povertyplan.demo import DEMO_PASSWORD
from povertyplan.models import AdministrativeUnit, Officer, Role
from programmes import reference
from programmes.models import Agency, AgencyKind

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
    "07297": [
        ("Ban Chỉ đạo giảm nghèo thị trấn", "BCĐ giảm nghèo", K.STEERING),
        ("Công chức Văn hóa - Xã hội", "Công chức VH-XH", K.OFFICIAL),
        ("Ủy ban MTTQ thị trấn", "UBMTTQ", K.FRONT),
        ("Đài truyền thanh thị trấn", "Đài truyền thanh", K.SERVICE),
        ("Các ngành đoàn thể", "Đoàn thể", K.FRONT),
        ("Trạm Y tế thị trấn", "Trạm Y tế", K.SERVICE),
        ("Ủy ban nhân dân thị trấn", "UBND thị trấn", K.COMMITTEE),
    ],
    "07339": [
        ("Ủy ban MTTQ xã", "UBMTTQ", K.FRONT),
        ("Ủy ban nhân dân xã", "UBND xã", K.COMMITTEE),
    ],
}
AGENCY_OFFICER = ("ttyte", "Đỗ Thị", "Lan", "216", "Trung tâm Y tế", "Chuyên viên Trung tâm Y tế")


def _unit(code):
    """The unit of the demo tree before 1 July 2025 (the seed plans are of 2023–2024)."""
    return AdministrativeUnit.objects.get(code=code, valid_to__isnull=False)


def load_agencies():
    for code, rows in AGENCIES.items():
        unit = _unit(code)
        for name, short_name, kind in rows:
            Agency.objects.update_or_create(unit=unit, name=name, defaults={"short_name": short_name, "kind": kind})


def load_agency_officer():
    username, last, first, code, agency_name, position = AGENCY_OFFICER
    unit = _unit(code)
    user, created = get_user_model().objects.get_or_create(username=username, defaults={
        "last_name": last, "first_name": first})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    Officer.objects.update_or_create(user=user, defaults={"role": Role.AGENCY, "unit": unit, "position": position})
    Agency.objects.get(unit=unit, name=agency_name).members.add(user)
    return user


def load(stdout):
    reference.load_reference()
    load_agencies()
    stdout.write(f"  {Agency.objects.count()} cơ quan, đơn vị")
    load_agency_officer()
    stdout.write(f"  cán bộ cơ quan: {AGENCY_OFFICER[0]} ({AGENCY_OFFICER[4]} huyện Tân Yên)")
