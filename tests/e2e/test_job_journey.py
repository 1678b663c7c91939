"""A province supervisor starts the province's household export, watches the progress bar move, and
downloads the file when the job is done (jobs run in a thread of the live server, as with `make run`)."""
import io
import re
import time

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from households.models import Household
from households.standards import load_standards
from povertyplan.jobs import progress as progress_module
from povertyplan.jobs.progress import Progress
from povertyplan.models import Role
from tests.conftest import JOBS_DATABASES, make_officer

pytestmark = pytest.mark.e2e


@pytest.fixture
def province_data(transactional_db, jobs_connection, units, settings, tmp_path, monkeypatch):
    load_standards()
    call_command("generate_households", unit="07339", households=600, seed=3, years="2024", stdout=io.StringIO())
    settings.JOBS_RUNNER = "thread"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setattr(progress_module, "PROGRESS_EVERY", 0.2)
    advance = Progress.advance

    def slowed(self, count=1):  # 600 households export in well under a second: give the eye time to see it
        time.sleep(0.008)
        return advance(self, count)

    monkeypatch.setattr(Progress, "advance", slowed)
    # "07339" is the closed town (tỉnh Bắc Giang) and today's xã Tân Yên (tỉnh Bắc Ninh): the generator takes
    # the open one on PostgreSQL, the closed one on SQLite; the supervisor is the one of the households' province
    province = Household.objects.select_related("commune").first().commune
    while province.parent_id:
        province = province.parent
    user = make_officer("bacgiang", Role.SUPERVISOR, province)
    user.set_password("mat-khau-tinh-2026")
    user.save()
    user.province_name = province.full_name
    return user


@pytest.mark.django_db(transaction=True, databases=JOBS_DATABASES)  # on PostgreSQL progress goes through "jobs"
def test_supervisor_exports_the_province_watching_the_progress(page, login, province_data):
    login("bacgiang", "mat-khau-tinh-2026")
    page.goto(f"{page.base_url}/households/")
    page.get_by_role("link", name="Xuất Excel", exact=True).click()
    expect(page.locator("h1")).to_contain_text(f"Xuất danh sách hộ – {province_data.province_name}")
    bar = page.locator("#job-bar")
    seen = set()
    for _ in range(200):
        if page.locator("#job-download").count():
            break
        if bar.count():
            seen.add(int(re.search(r"width: (\d+)%", bar.get_attribute("style")).group(1)))
        page.wait_for_timeout(100)
    assert any(0 < width < 100 for width in seen), seen  # it moved while the page stayed open
    expect(page.locator("#job-state")).to_have_text("Đã xong")
    expect(bar).to_have_attribute("style", "width: 100%")
    page.screenshot(path="/tmp/h11-job-done.png")
    with page.expect_download() as info:
        page.locator("#job-download").click()
    download = info.value
    assert re.fullmatch(r"ho-gia-dinh-\d{8}\.xlsx", download.suggested_filename)
    book = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    assert book["Thông tin"]["B3"].value == province_data.province_name
    assert book["Hộ gia đình"].max_row == 1 + 600
    # the job stays in "my jobs" with its file
    page.locator("#nav-more").click()  # under "Thêm" in the navigation bar
    page.get_by_role("link", name="Việc chạy nền", exact=True).click()
    expect(page.locator("#job-table")).to_contain_text(f"Xuất danh sách hộ – {province_data.province_name}")
