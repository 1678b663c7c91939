"""Fixtures of the programmes tests: reference data loaded by the same functions as the migrations."""
import pytest

from programmes import reference
from programmes.models import Programme


@pytest.fixture
def programme(db):
    """The 2021–2025 programme; loaded again because live_server/transactional tests flush the DB."""
    reference.load_programmes()
    return Programme.objects.get(code="gnbv-2021-2025")


@pytest.fixture
def agencies(units):
    """The demo agencies by (unit code, name)."""
    from programmes import demo
    from programmes.models import Agency

    demo.load_agencies()
    return {(a.unit.code, a.name): a for a in Agency.objects.select_related("unit")}


@pytest.fixture
def ttyte(agencies):
    """The demo agency officer of Trung tâm Y tế huyện Tân Yên."""
    from programmes import demo

    return demo.load_agency_officer()


@pytest.fixture
def make_plan(programme, units, users):
    """make_plan(unit_code="07339", year=2024, **values) → a draft plan created through the service."""
    from programmes import services

    def make(unit_code="07339", year=2024, title=None, actor=None, **values):
        return services.plan_create(actor=actor or users["tanyen"], programme=programme,
                                    issuing_unit=units[unit_code], year_from=year,
                                    title=title or f"Thực hiện chương trình giảm nghèo năm {year}", **values)

    return make


@pytest.fixture
def district_plan(make_plan, agencies, programme):
    """A draft plan of huyện Tân Yên that gives Tiểu dự án 2 of Dự án 3 to Trung tâm Y tế (lead)."""
    from programmes.models import Assignment, AssignmentRole, Project

    plan = make_plan("216", title="Triển khai Chương trình MTQG giảm nghèo bền vững huyện Tân Yên năm 2024")
    Assignment.objects.create(plan=plan, project=Project.objects.get(programme=programme, code="DA3-TDA2"),
                              agency=agencies[("216", "Trung tâm Y tế")], role=AssignmentRole.LEAD)
    return plan


def formset_post(rows, initial=0, prefix="form"):
    """POST data of a formset: `rows` is a list of dicts of field values (with "id" for existing rows)."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = "" if value is None else value
    return data


def version_of(obj):
    """The version stored now, as a page opened at this moment would carry it."""
    return type(obj).objects.values_list("version", flat=True).get(pk=obj.pk)


# --- progress reports (issue 8): the report workflow ---
@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def issued_plan(district_plan, units, users, ttyte, agencies, programme):
    """huyện Tân Yên's 2024 plan, issued: Trung tâm Y tế leads DA3-TDA2 and supports DA3-TDA1, a reported
    target (lao động qua đào tạo) and a registry one (hộ nghèo), monthly reports before the 25th from
    agencies and communes."""
    import datetime
    from decimal import Decimal

    from programmes import reference, services
    from programmes.models import Assignment, AssignmentRole, Indicator, Project, Reporters, Timing
    from programmes.services.rows import RowChange

    reference.load_reference()
    tanyen = users["tanyen"]
    Assignment.objects.create(plan=district_plan, project=Project.objects.get(programme=programme, code="DA3-TDA1"),
                              agency=agencies[("216", "Trung tâm Y tế")], role=AssignmentRole.SUPPORT)
    for code, value in (("lao_dong_qua_dao_tao", 500), ("ho_ngheo", 400)):
        services.target_set(actor=tanyen, plan=district_plan, version=version_of(district_plan), unit=units["216"],
                            indicator=Indicator.objects.get(code=code), value=Decimal(value))
    services.plan_rows_save(actor=tanyen, plan=district_plan, part="reporting", version=version_of(district_plan),
                            rows=[RowChange(None, {"order": 1, "frequency": "monthly", "timing": Timing.BEFORE,
                                                   "day": 25, "month_offset": 0, "reporters": Reporters.BOTH})])
    return services.plan_issue(actor=tanyen, plan=district_plan, version=version_of(district_plan), number="12",
                               document_date=datetime.date(2024, 1, 20), signer_name="Nguyễn Văn Bình")


@pytest.fixture
def tty(agencies):
    return agencies[("216", "Trung tâm Y tế")]
