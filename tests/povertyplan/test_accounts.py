"""Accounts: sign-in events in the audit trail, the password form's attempt limit, locking ends sessions."""
import datetime
import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from povertyplan import services
from povertyplan.models import AuditEvent

PASSWORD = "povertyplan-demo"
WRONG = "sai-mat-khau-7Q"


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_login_failed_login_and_logout_are_audited_without_the_password(client, users):
    hoa = users["caothuong"]
    client.post(reverse("login"), {"username": "caothuong", "password": WRONG})
    client.post(reverse("login"), {"username": "khong-co-ai", "password": WRONG})
    client.post(reverse("login"), {"username": "caothuong", "password": PASSWORD})
    client.post(reverse("logout"))

    known, unknown = events("auth.login_failed")
    assert (known.actor, known.object_type, known.object_id, known.unit) == (None, "auth.user", str(hoa.pk), hoa.officer.unit)
    assert known.after == {"username": "caothuong", "ip": "127.0.0.1"}
    assert (unknown.object_id, unknown.object_repr, unknown.unit, unknown.after["username"]) == ("", "khong-co-ai", None, "khong-co-ai")
    [login] = events("auth.login")
    [logout] = events("auth.logout")
    assert (login.actor, login.unit, logout.actor, logout.object_id) == (hoa, hoa.officer.unit, hoa, str(hoa.pk))
    everything = json.dumps(list(AuditEvent.objects.values()), default=str)
    assert WRONG not in everything and PASSWORD not in everything


def test_the_audit_page_shows_sign_in_events_to_the_supervisor(client, users):
    client.post(reverse("login"), {"username": "caothuong", "password": WRONG})
    client.post(reverse("login"), {"username": "caothuong", "password": PASSWORD})
    client.post(reverse("logout"))
    client.force_login(users["tanyen"])
    rows = client.get(reverse("audit_list")).content.decode().split("<tr>")
    hoa_rows = [r for r in rows if "caothuong" in r]
    labels = ("Đăng xuất", "Đăng nhập", "Đăng nhập sai")  # newest first, as words (issue 12)
    assert [a for r in hoa_rows for a in labels if f"<td>{a}</td>" in r] == ["Đăng xuất", "Đăng nhập", "Đăng nhập sai"]


def test_a_lockout_is_audited(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "caoxa", "password": WRONG})
    [lockout] = events("auth.lockout")
    assert (lockout.actor, lockout.object_id, lockout.after) == (None, str(users["caoxa"].pk), {"username": "caoxa", "ip": "127.0.0.1"})
    assert len(events("auth.login_failed")) == settings.AXES_FAILURE_LIMIT


# --- the password form ----------------------------------------------------------------------------


def change(client, old, new="Mat-khau-moi-2025!"):
    return client.post(reverse("password_change"), {"old_password": old, "new_password1": new, "new_password2": new})


def test_password_change_is_audited_and_keeps_this_session(client_for, users):
    client = client_for(users["caothuong"])
    response = change(client, PASSWORD)
    assert response["Location"] == reverse("password_change_done")
    hoa = get_user_model().objects.get(username="caothuong")
    assert hoa.check_password("Mat-khau-moi-2025!")
    [event] = events("auth.password_change")
    assert (event.actor, event.object_id, event.unit) == (hoa, str(hoa.pk), hoa.officer.unit)
    assert client.get(reverse("home")).status_code == 200


def test_wrong_old_passwords_are_limited_like_the_login(client_for, users):
    client = client_for(users["caothuong"])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        html = change(client, WRONG).content.decode()
        assert "Mật khẩu cũ không đúng." in html
    refused = change(client, PASSWORD)  # the right password, too late
    assert refused.status_code == 200
    assert "Đã nhập sai mật khẩu cũ 5 lần: tạm thời không đổi được mật khẩu, hãy thử lại sau 30 phút." in refused.content.decode()
    assert get_user_model().objects.get(username="caothuong").check_password(PASSWORD)
    assert len(events("auth.password_change_failed")) == settings.AXES_FAILURE_LIMIT
    assert len(events("auth.password_change_blocked")) == 1
    assert events("auth.password_change") == []


def test_the_limit_holds_across_sessions_and_servers(users):
    """The count lives in the database: another browser (or app server) sees the same failures."""
    first, second = Client(), Client()
    first.force_login(users["caothuong"])
    second.force_login(users["caothuong"])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        change(first, WRONG)
    assert "tạm thời không đổi được mật khẩu" in change(second, PASSWORD).content.decode()
    assert get_user_model().objects.get(username="caothuong").check_password(PASSWORD)


def test_failures_older_than_the_cool_off_no_longer_count(client_for, users):
    client = client_for(users["caothuong"])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        change(client, WRONG)
    past = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    for event in AuditEvent.objects.filter(action="auth.password_change_failed"):
        AuditEvent.objects.filter(pk=event.pk).update(at=event.at - past)
    assert change(client, PASSWORD)["Location"] == reverse("password_change_done")


def test_a_successful_change_resets_the_count(client_for, users):
    client = client_for(users["caothuong"])
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        change(client, WRONG)
    assert change(client, PASSWORD, new="Mat-khau-moi-2025!")["Location"] == reverse("password_change_done")
    change(client, WRONG, new="Mat-khau-khac-2026!")
    assert change(client, "Mat-khau-moi-2025!", new="Mat-khau-khac-2026!")["Location"] == reverse("password_change_done")


# --- locking an account ---------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["force_login", "login_form"])
def test_locking_ends_sessions_for_good(how, users):
    hoa, supervisor = users["caothuong"], users["tanyen"]
    old = Client()
    if how == "force_login":
        old.force_login(hoa)
    else:
        old.post(reverse("login"), {"username": "caothuong", "password": PASSWORD})
    other = Client()
    other.force_login(users["caoxa"])
    assert old.get(reverse("home")).status_code == 200

    services.officer_set_active(actor=supervisor, officer=hoa.officer, active=False, reason="nghỉ việc")
    services.officer_set_active(actor=supervisor, officer=hoa.officer, active=True)

    response = old.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert old.get(reverse("home")).status_code == 302  # the session is gone, not just skipped once
    assert other.get(reverse("home")).status_code == 200  # other accounts keep their sessions
    again = Client()
    again.post(reverse("login"), {"username": "caothuong", "password": PASSWORD})
    assert again.get(reverse("home")).status_code == 200  # a login after the unlock works


def test_locking_through_the_officer_page_ends_the_session(client_for, users):
    hoa = users["caothuong"]
    old = Client()
    old.force_login(hoa)
    supervisor = client_for(users["tanyen"])
    supervisor.post(reverse("officer_deactivate", args=[hoa.officer.pk]), {"reason": "chuyển công tác"})
    supervisor.post(reverse("officer_activate", args=[hoa.officer.pk]))
    assert get_user_model().objects.get(pk=hoa.pk).is_active
    assert old.get(reverse("home")).status_code == 302


# --- production settings --------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["x", "short-but-not-50-" + "a1b2c3" * 5, "x" * 64])
def test_production_refuses_a_weak_secret_key(key):
    from tests.povertyplan.test_auth_and_settings import _manage

    result = _manage("check", DEBUG="false", SECRET_KEY=key, ALLOWED_HOSTS="povertyplan.example.gov.vn")
    assert result.returncode != 0
    assert ("SECRET_KEY is too weak for DEBUG=false: it needs at least 50 characters, 5 of them different "
            f"(it has {len(key)}).") in result.stderr
    if len(key) > 10:
        assert key not in result.stderr  # the message never shows the key


def test_a_short_key_is_fine_on_a_developer_machine():
    from tests.povertyplan.test_auth_and_settings import _manage

    result = _manage("check", DEBUG="true", SECRET_KEY="x")
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_cannot_slip_past_the_limit():
    """Requests on several app servers at once: each attempt waits for the account's row lock, so
    with one attempt left, N at once give one more failure and N−1 refusals."""
    import threading

    from django.core.exceptions import ValidationError
    from django.db import connection

    user = get_user_model().objects.create_user(username="song-song", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        with pytest.raises(ValidationError):
            services.password_change(actor=user, old_password=WRONG, new_password="Mat-khau-moi-2025!")
    outcomes, start = [], threading.Barrier(8)

    def attempt():
        start.wait()
        try:
            services.password_change(actor=user, old_password=WRONG, new_password="Mat-khau-moi-2025!")
        except ValidationError as exc:
            outcomes.append("wrong" if hasattr(exc, "error_dict") else "refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused"] * 7 + ["wrong"]
    assert len(events("auth.password_change_failed")) == settings.AXES_FAILURE_LIMIT
