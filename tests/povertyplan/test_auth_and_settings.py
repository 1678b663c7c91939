import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from povertyplan.models import AdministrativeUnit, AuditEvent


def test_login_page_is_vietnamese(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "<h1 class=\"h4 mb-3\">Đăng nhập</h1>" in html
    assert 'lang="vi"' in html


def test_login_with_demo_account_and_wrong_password(client, users):
    bad = client.post(reverse("login"), {"username": "caothuong", "password": "sai"})
    assert "mật khẩu chính xác" in bad.content.decode()
    good = client.post(reverse("login"), {"username": "caothuong", "password": "povertyplan-demo"})
    assert good["Location"] == reverse("home")


def test_repeated_failures_lock_the_login(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "caothuong", "password": "sai"})
    locked = client.post(reverse("login"), {"username": "caothuong", "password": "povertyplan-demo"})
    assert locked.status_code == 429
    assert "tạm bị khóa" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # another account from the same address is not locked
    other = client.post(reverse("login"), {"username": "caoxa", "password": "povertyplan-demo"})
    assert other["Location"] == reverse("home")


def test_deactivated_officer_cannot_log_in(client, users):
    user = users["caothuong"]
    user.is_active = False
    user.save()
    response = client.post(reverse("login"), {"username": "caothuong", "password": "povertyplan-demo"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_english_is_available(client_for, users):
    client = client_for(users["caothuong"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("home")).content.decode()
    assert ">Home</a>" in html and "Residential group</td>" in html and 'lang="en"' in html
    assert "Sustainable poverty reduction" in html


def test_numbers_and_dates_follow_vietnamese_conventions():
    from django.template import Context, Template

    out = Template("{% load vn %}{{ a|vn_number }}|{% vn_rate 5 160 %}|{% vn_rate 0 169 %}|{{ d|date:'SHORT_DATE_FORMAT' }}").render(
        Context({"a": 1500000, "d": __import__("datetime").date(2025, 7, 1)}))
    assert out == "1.500.000|3,13|-|01/07/2025"


def _manage(*args, **env):
    # settings_test puts test-only values in os.environ; the subprocess must not inherit them.
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "SECURE_SSL_REDIRECT", "DEBUG",
                             "DJANGO_ALLOW_ASYNC_UNSAFE")}
    full_env.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=full_env,
                          capture_output=True, text=True, timeout=120)


def test_production_profile_passes_check_deploy():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="false",
                     SECRET_KEY="prod-" + "k3y-" * 15, ALLOWED_HOSTS="povertyplan.example.gov.vn")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_profile_refuses_to_start_without_secret_key():
    result = _manage("check", DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_bad_boolean_in_environment_fails_loudly():
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0 and "DEBUG='maybe' is not a boolean" in result.stderr


def test_admin_unit_upload_reports_errors_and_saves_nothing(client_for, users):
    client = client_for(users["admin"])
    url = reverse("admin:unit_import")
    before = AdministrativeUnit.objects.count()
    bad = SimpleUploadedFile("units.csv", "code,name,kind,parent_code\n99001,Xã Lạ,xã,77\n".encode())
    html = client.post(url, {"file": bad}).content.decode()
    assert "Tệp có 1 lỗi, chưa nhập dòng nào" in html
    assert "dòng 2, cột D (parent_code): không tìm thấy đơn vị cha có mã 77." in html
    assert AdministrativeUnit.objects.count() == before
    good = SimpleUploadedFile("units.csv", "code,name,kind,parent_code\n07339-27,Thôn Mới,thôn,07339\n".encode())
    response = client.post(url, {"file": good}, follow=True)
    assert "Đã nhập: 1 đơn vị mới, 0 cập nhật, 0 không đổi." in response.content.decode()
    assert AdministrativeUnit.objects.get(code="07339-27").parent.name == "Xã Tân Yên"
    assert AuditEvent.objects.filter(action="unit.import", actor=users["admin"]).count() == 1


def test_admin_is_closed_to_officers(client_for, users):
    response = client_for(users["tanyen"]).get(reverse("admin:unit_import"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_browser_language_does_not_switch_the_interface(client_for, users):
    html = client_for(users["caothuong"]).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert ">Trang chủ</a>" in html and 'lang="vi"' in html


def test_language_menu_switches_to_english(client_for, users):
    client = client_for(users["caothuong"])
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response["Location"] == "/"
    assert ">Home</a>" in client.get("/").content.decode()


def test_dotenv_file_fills_in_unset_variables(tmp_path):
    """A .env beside manage.py is read; the real environment wins over it."""
    import shutil

    for name in ("manage.py", "povertyplan"):
        src = settings.BASE_DIR / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    for app in ("households", "programmes", "support", "reports"):
        shutil.copytree(settings.BASE_DIR / app, tmp_path / app)
    (tmp_path / ".env").write_text("DEBUG=true   # developer machine\nALLOWED_HOSTS=from-dotenv.example\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS")}
    env["ALLOWED_HOSTS"] = "from-environment.example"
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c",
                             "from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True ['from-environment.example']"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="JIT is a PostgreSQL setting")
def test_the_apps_postgresql_connections_run_without_jit(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
