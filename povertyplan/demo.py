"""Demo data of the core app: the seed 003 town (thị trấn Cao Thượng) and its users.

The tree is the one before 1 July 2025 (tỉnh Bắc Giang → huyện Tân Yên → thị trấn Cao Thượng →
26 tổ dân phố, plus xã Cao Xá as an outsider), closed on 30/06/2025 and succeeded by xã Tân Yên
of tỉnh Bắc Ninh (Nghị quyết 1658/NQ-UBTVQH15).
"""
import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from povertyplan.lib.db import update_or_create_changed
from povertyplan.models import AdministrativeUnit, Officer, Role
from povertyplan.services import units_import

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
]


@functools.cache
def demo_password_hash():
    """One hash of the public demo password for every demo account: `demo_logins` then checks it once, not
    once per account (a PBKDF2 check costs about half a second)."""
    return make_password(DEMO_PASSWORD)


def _unit(code, before_2025=True):
    units = AdministrativeUnit.objects.filter(code=code)
    return (units.filter(valid_to__isnull=False) if before_2025 else units.filter(valid_to__isnull=True)).get()


def load(stdout):
    folder = settings.BASE_DIR / "fixtures" / "demo"
    for name in FILES:
        with (folder / name).open("rb") as handle:
            result = units_import(actor=None, file=handle, filename=name)
        stdout.write(f"  {name}: {result.created} mới, {result.updated} cập nhật, {result.unchanged} không đổi")
    tan_yen = _unit("07339", before_2025=False)
    _unit("07339").successors.add(tan_yen)
    _unit("07336").successors.add(tan_yen)
    _unit("24").successors.add(_unit("24", before_2025=False))

    User = get_user_model()
    for username, last, first, role, code, position, staff in USERS:
        user, created = User.objects.get_or_create(username=username, defaults={
            "last_name": last, "first_name": first, "is_staff": staff, "is_superuser": staff})
        if created:
            user.password = demo_password_hash()
            user.save()
        update_or_create_changed(Officer.objects, user=user, defaults={
            "role": role, "unit": _unit(code) if code else None, "position": position})
