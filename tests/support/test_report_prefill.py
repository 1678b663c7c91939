"""Progress reports pre-filled from support records (issue 14, item 4): an agency's report of a period gets,
per sub-project, the people supported and the money given under that sub-project's policies, marked and
sourced, and editable; nothing outside the period, of another agency, or of a regular policy."""
import datetime
import re

import pytest

from households.models import Member
from povertyplan.models import Role
from programmes import services as programme_services
from programmes.models import Agency, AgencyKind, ReportFunding
from support.models import Policy
from support.services import support_record_create
from tests.conftest import make_officer
from tests.programmes.conftest import (  # noqa: F401  (fixtures: the programmes' agencies replace support's here)
    agencies,
    district_plan,
    issued_plan,
    make_plan,
    programme,
    tty,
    ttyte,
    version_of,
)
from tests.programmes.reporting_setup import start

pytestmark = pytest.mark.django_db


def give(user, code, name, day, amount=0):
    member = Member.objects.select_related("household__village").get(full_name=name)
    return support_record_create(actor=user, policy=Policy.objects.get(code=code), household=member.household,
                                 member=member, given_on=day, amount=amount, document="QĐ 5/2024")


@pytest.fixture
def supported(registry, ttyte, units):  # noqa: F811 (fixtures imported above)
    """March 2024: Trung tâm Y tế gives nutrition support (DA3-TDA2) to Con H1 and Con H5, and a BHYT card (no
    sub-project) to Chủ hộ H1; in April, Con H2; a health station of Cao Thượng (another agency) Con H4 in March."""
    give(ttyte, "dinh-duong-duoi-5", "Con H1", datetime.date(2024, 3, 10), amount=500_000)
    give(ttyte, "dinh-duong-duoi-5", "Con H5", datetime.date(2024, 3, 20), amount=300_000)
    give(ttyte, "bhyt", "Chủ hộ H1", datetime.date(2024, 3, 10), amount=1_000_000)
    give(ttyte, "dinh-duong-duoi-5", "Con H2", datetime.date(2024, 4, 2), amount=700_000)
    station = make_officer("tram_yte", Role.AGENCY, units["07339"])
    Agency.objects.create(unit=units["07339"], name="Trạm Y tế", kind=AgencyKind.SERVICE).members.add(station)
    give(station, "dinh-duong-duoi-5", "Con H4", datetime.date(2024, 3, 25), amount=900_000)


def test_agency_report_is_prefilled_per_sub_project_from_its_support_records(issued_plan, ttyte, tty, supported):  # noqa: F811 (fixtures imported above)
    report = start(issued_plan, ttyte, month=3, agency=tty)
    lines = {f.project.code: f for f in report.funding.select_related("project")}
    nutrition = lines["DA3-TDA2"]
    assert (nutrition.supported, nutrition.support_amount, nutrition.from_support) == (2, 800_000, True)
    assert nutrition.source == ("Kết quả hỗ trợ đã ghi nhận từ 01/03/2024 đến 31/03/2024 – Hỗ trợ cải thiện dinh "
                                "dưỡng cho trẻ em dưới 5 tuổi thuộc hộ nghèo, hộ cận nghèo: 2 người, 800.000 đồng")
    assert (nutrition.allocated, nutrition.disbursed) == (0, 0)  # allocated is the agency's to say
    other = lines["DA3-TDA1"]
    assert (other.supported, other.support_amount, other.from_support, other.source) == (None, None, False, "")


def test_april_report_counts_april_only(issued_plan, ttyte, tty, supported):  # noqa: F811 (fixtures imported above)
    report = start(issued_plan, ttyte, month=4, agency=tty)
    nutrition = report.funding.get(project__code="DA3-TDA2")
    assert (nutrition.supported, nutrition.support_amount) == (1, 700_000)


def test_the_form_offers_the_figures_marked_and_editable(issued_plan, ttyte, tty, supported, client_for):  # noqa: F811 (fixtures imported above)
    report = start(issued_plan, ttyte, month=3, agency=tty)
    line = report.funding.get(project__code="DA3-TDA2")
    client = client_for(ttyte)
    page = client.get(f"/programmes/reports/{report.pk}/edit/").content.decode()
    assert re.search(rf'name="disbursed_{line.project_id}" value="800.000"', page)
    assert re.search(rf'name="supported_{line.project_id}" value="2"', page)
    assert "lấy từ kết quả hỗ trợ" in page and "2 người, 800.000 đồng" in page
    # the officer gives the allocation, keeps the money and corrects the count
    programme_services.report_save(actor=ttyte, report=report, version=version_of(report),
                                   funding={line.project_id: (1_000_000, 800_000)}, supported={line.project_id: 3})
    line = ReportFunding.objects.get(pk=line.pk)
    assert (line.allocated, line.disbursed, line.supported, line.from_support) == (1_000_000, 800_000, 3, False)
    assert line.source.startswith("Sửa tay; kết quả hỗ trợ ghi 2 (Kết quả hỗ trợ đã ghi nhận từ 01/03/2024")
    page = client.get(f"/programmes/reports/{report.pk}/edit/").content.decode()
    assert re.search(rf'name="disbursed_{line.project_id}" value="800.000"', page)
    assert re.search(rf'name="supported_{line.project_id}" value="3"', page)
