"""Demo data of the core app: the seed 003 town (thị trấn Cao Thượng), today's xã Tân Yên, and their users.

The tree before 1 July 2025 (tỉnh Bắc Giang → huyện Tân Yên → thị trấn Cao Thượng → 26 tổ dân phố,
plus xã Cao Xá) closed on 30/06/2025; the arrangement (fixtures/demo/arrangement-2025.csv, the rows of
Nghị quyết 1658/NQ-UBTVQH15 item 56 from the official file) makes them xã Tân Yên of tỉnh Bắc Ninh,
which takes over their villages and tổ dân phố. The offices of each unit, with their validity, are
data (fixtures/demo/offices.csv): documents name the one in force on their date.
"""
import csv
import datetime
import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from povertyplan.lib.db import update_or_create_changed
from povertyplan.models import AdministrativeUnit, Officer, Role, UnitOffice, UnitSuccession
from povertyplan.services import units_import, villages_carry

DEMO_PASSWORD = "povertyplan-demo"
FILES = ["units-before-2025.csv", "units-2025.csv"]
USERS = [
    # username, last name (họ đệm), first name (tên), role, unit code, position, staff
    ("caothuong", "Nguyễn Thị", "Hoa", Role.COMMUNE, "07339", "Công chức Văn hóa - Xã hội", False),
    ("caoxa", "Trần Văn", "Bình", Role.COMMUNE, "07336", "Công chức Văn hóa - Xã hội", False),
    # The commune leaders who recognise what the officers submit (QĐ 24/2021).
    ("caothuong_ld", "Hoàng Văn", "Đức", Role.LEADER, "07339", "Phó Chủ tịch UBND thị trấn", False),
    ("caoxa_ld", "Vũ Thị", "Lan", Role.LEADER, "07336", "Chủ tịch UBND xã", False),
    ("tanyen", "Lê Văn", "Minh", Role.SUPERVISOR, "216", "Chuyên viên Phòng Lao động - TB&XH", False),
    ("admin", "Phạm Quốc", "Anh", Role.ADMINISTRATOR, None, "Quản trị hệ thống", True),
    # Today (after 1 July 2025): xã Tân Yên and the province that supervises it.
    ("xatanyen", "Đỗ Thị", "Thu", Role.COMMUNE, "07339@2025", "Công chức Văn hóa - Xã hội", False),
    ("xatanyen_ld", "Ngô Văn", "Hải", Role.LEADER, "07339@2025", "Phó Chủ tịch UBND xã", False),
    ("bacninh", "Phan Thị", "Mai", Role.SUPERVISOR, "24@2025", "Chuyên viên Sở Nông nghiệp và Môi trường", False),
]
# Which account shows what (printed by demo_logins).
SHOWS = {
    "caothuong": "lịch sử 2022–2024 của thị trấn Cao Thượng (đã hết hiệu lực)",
    "xatanyen": "đợt rà soát định kỳ 2026 của xã Tân Yên theo quy trình QĐ 24: nhập, gửi kết quả, họp dân "
                "(2 trên 4 thôn đã họp), niêm yết (chưa bắt đầu); 2 đề nghị của hộ, 1 quá hạn",
    "xatanyen_ld": "kết quả 2025 và biến động 2026 đã công nhận của xã Tân Yên; đợt 2026 chờ họp dân, niêm yết "
                   "trước khi công nhận; đề nghị của hộ chờ trả lời (1 quá hạn)",
    "bacninh": "tiến độ rà soát 2026 các xã của tỉnh Bắc Ninh; số liệu xã Tân Yên 2022–2025 "
               "(2022–2024 tổng hợp lại từ các đơn vị cũ)",
    "tanyen": "giám sát cấp huyện trước ngày 01/07/2025 (lịch sử)",
}


@functools.cache
def demo_password_hash():
    """One hash of the public demo password for every demo account: `demo_logins` then checks it once, not
    once per account (a PBKDF2 check costs about half a second)."""
    return make_password(DEMO_PASSWORD)


def _unit(code, before_2025=True):
    if code.endswith("@2025"):
        code, before_2025 = code.removesuffix("@2025"), False
    units = AdministrativeUnit.objects.filter(code=code)
    return (units.filter(valid_to__isnull=False) if before_2025 else units.filter(valid_to__isnull=True)).get()


def load(stdout):
    folder = settings.BASE_DIR / "fixtures" / "demo"
    for name in FILES:
        with (folder / name).open("rb") as handle:
            result = units_import(actor=None, file=handle, filename=name)
        stdout.write(f"  {name}: {result.created} mới, {result.updated} cập nhật, {result.unchanged} không đổi")
    tan_yen = _unit("07339", before_2025=False)
    _arrange(folder / "arrangement-2025.csv", tan_yen)
    for code in ("07339", "07336"):
        villages_carry(actor=None, old_commune=_unit(code), new_commune=tan_yen)
    _load_offices(folder / "offices.csv")

    User = get_user_model()
    for username, last, first, role, code, position, staff in USERS:
        user, created = User.objects.get_or_create(username=username, defaults={
            "last_name": last, "first_name": first, "is_staff": staff, "is_superuser": staff})
        if created:
            user.password = demo_password_hash()
            user.save()
        update_or_create_changed(Officer.objects, user=user, defaults={
            "role": role, "unit": _unit(code) if code else None, "position": position})


def _arrange(path, tan_yen):
    """The demo's rows of the arrangement (NQ 1658, item 56), for the units the demo holds: xã Việt Lập
    and xã Ngọc Lý are left out (as communes of huyện Tân Yên they would owe the district plan's 2024
    reports that the demo's reporting is built without). Importing the file itself would create them."""
    with path.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["old_code"] in ("07339", "07336")]
    for row in rows:
        UnitSuccession.objects.update_or_create(predecessor=_unit(row["old_code"]), successor=tan_yen,
                                                defaults={"resolution": row["resolution"],
                                                          "confidence": row["confidence"]})
    UnitSuccession.objects.get_or_create(predecessor=_unit("24"), successor=_unit("24", before_2025=False))


def _date(text):
    return datetime.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def _load_offices(path):
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            unit = _unit(row["unit_code"], before_2025=row["open"] == "0")
            UnitOffice.objects.update_or_create(unit=unit, kind=row["kind"], valid_from=_date(row["valid_from"]),
                                                defaults={"name": row["name"], "valid_to": _date(row["valid_to"])})
