"""`make run`'s preparation (issue 12 item 8): a second run finds nothing to do and writes nothing."""
import io
import re

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from povertyplan.models import AuditEvent

# Writes, but not the M2M `add` of a link already there (INSERT OR IGNORE / ON CONFLICT DO NOTHING writes nothing).
WRITES = re.compile(r"^\s*(INSERT(?! OR IGNORE)(?!.*ON CONFLICT DO NOTHING)|UPDATE|DELETE)\b", re.I | re.S)


def test_second_demo_prepare_writes_nothing_and_prints_the_accounts(db, settings):
    settings.DEBUG = True
    call_command("demo_prepare", stdout=io.StringIO())
    events = AuditEvent.objects.count()
    User = get_user_model()
    # The demo accounts share one hash of the public password, so listing them costs one check, not one each.
    assert User.objects.filter(officer__isnull=False).values("password").distinct().count() == 1
    User.objects.filter(username="caoxa").update(password="!changed")  # a user who set their own password

    out = io.StringIO()
    with CaptureQueriesContext(connection) as queries:
        call_command("demo_prepare", url="http://127.0.0.1:8000", stdout=out)
    assert [q["sql"] for q in queries.captured_queries if WRITES.match(q["sql"])] == []
    assert AuditEvent.objects.count() == events
    text = out.getvalue()
    assert "Cơ sở dữ liệu đã cập nhật." in text and "Cập nhật cơ sở dữ liệu" not in text
    assert re.search(r"^  caothuong +Nguyễn Thị Hoa, Cán bộ xã, phường — Thị trấn Cao Thượng \(07339\)$", text, re.M)
    assert "  caoxa " not in text
    assert text.rstrip().endswith("Mở http://127.0.0.1:8000  (dừng: Ctrl+C)")
