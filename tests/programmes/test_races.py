"""Double submits and simultaneous saves: a unique rule hit by a race comes back as the form error a
single user would see (or as a version conflict), never as an IntegrityError (a 500)."""
import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from programmes import reference, services
from programmes.models import Agency, AgencyKind, Assignment, AssignmentRole, Indicator, Plan, PlanStatus, Project, Target
from programmes.services import RowChange
from programmes.services import agencies as agency_services
from programmes.services import plans as plan_services
from programmes.services.conflicts import VersionConflict

N = 5
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers on one file lock; row locks and unique-index waits need PostgreSQL")


def at_once(call, n=N):
    """Run call(i) in n threads released together, each on its own connection; [(ok, result or error)]."""
    barrier, results = threading.Barrier(n), [None] * n

    def worker(i):
        try:
            barrier.wait(timeout=10)
            results[i] = (True, call(i))
        except Exception as exc:  # collected and asserted on below
            results[i] = (False, exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def split(results):
    return [r for ok, r in results if ok], [r for ok, r in results if not ok]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_creates_of_one_agency_name_give_one_agency_and_form_errors(units, users):
    actor, unit = users["tanyen"], units["216"]
    results = at_once(lambda i: services.agency_create(actor=actor, unit=unit, name="Hội Cựu chiến binh huyện",
                                                       kind=AgencyKind.FRONT))
    done, refused = split(results)
    assert len(done) == 1 and len(refused) == N - 1
    assert all(isinstance(e, ValidationError) for e in refused), refused
    assert {tuple(e.message_dict["name"]) for e in refused} == {("Đơn vị này đã có cơ quan cùng tên.",)}
    assert Agency.objects.filter(unit=unit, name="Hội Cựu chiến binh huyện").count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_issues_with_one_number_give_one_issued_plan_and_form_errors(make_plan, users):
    plans = [make_plan("07339", title=f"Kế hoạch {i} năm 2024") for i in range(N)]
    actor = users["caothuong"]
    results = at_once(lambda i: services.plan_issue(actor=actor, plan=plans[i], version=1, number="12",
                                                    document_date=datetime.date(2024, 1, 25), signer_name="Vũ Ngọc Vân"))
    done, refused = split(results)
    assert len(done) == 1 and len(refused) == N - 1
    assert all(isinstance(e, ValidationError) for e in refused), refused
    issued = Plan.objects.get(status=PlanStatus.ISSUED)
    assert all(e.message_dict["number"] == [f"Số 12/KH-UBND đã dùng cho kế hoạch “{issued.title}”."] for e in refused)
    assert Plan.objects.filter(status=PlanStatus.DRAFT, number="").count() == N - 1


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("what", ["assignment", "target"])
def test_simultaneous_saves_of_one_plan_give_one_change_and_version_conflicts(make_plan, users, agencies, programme,
                                                                              what):
    plan, actor = make_plan("216"), users["tanyen"]
    if what == "assignment":
        lead = {"project": Project.objects.get(programme=programme, code="DA3-TDA2"),
                "agency": agencies[("216", "Trung tâm Y tế")], "role": AssignmentRole.LEAD}
        results = at_once(lambda i: services.plan_rows_save(actor=actor, plan=plan, version=1, part="assignments",
                                                            rows=[RowChange(None, lead)]))
        rows = Assignment.objects.filter(plan=plan).count()
    else:
        reference.load_indicators()
        poor = Indicator.objects.get(code="ho_ngheo")
        results = at_once(lambda i: services.target_set(actor=actor, plan=plan, version=1, unit=plan.issuing_unit,
                                                        indicator=poor, value=Decimal(100 + i)))
        rows = Target.objects.filter(plan=plan).count()
    done, refused = split(results)
    assert len(done) == 1 and len(refused) == N - 1
    assert all(isinstance(e, VersionConflict) and e.current_version == 2 for e in refused), refused
    assert rows == 1 and Plan.objects.get(pk=plan.pk).version == 2


# The branch a race takes, made to happen on any database: the check before the insert saw nothing,
# the database then refused the row.

def test_an_agency_name_taken_after_the_check_is_the_same_form_error(users, units, agencies, monkeypatch):
    real, calls = agency_services._name_taken, []

    def blind_once(agency):
        calls.append(agency.name)
        return False if len(calls) == 1 else real(agency)

    monkeypatch.setattr(agency_services, "_name_taken", blind_once)
    count = Agency.objects.count()
    with pytest.raises(ValidationError) as error:
        services.agency_create(actor=users["tanyen"], unit=units["216"], name="trung tâm y tế", kind=AgencyKind.SERVICE)
    assert error.value.message_dict == {"name": ["Đơn vị này đã có cơ quan cùng tên."]}
    assert len(calls) == 2 and Agency.objects.count() == count


def test_a_plan_number_taken_after_the_check_is_the_same_form_error(make_plan, users, monkeypatch):
    first, second = make_plan(title="Kế hoạch A năm 2024"), make_plan(title="Kế hoạch B năm 2024")
    services.plan_issue(actor=users["caothuong"], plan=first, version=1, number="12",
                        document_date=datetime.date(2024, 1, 25), signer_name="Vũ Ngọc Vân")
    real, calls = plan_services._number_taken, []

    def blind_once(plan, number, date):
        calls.append(number)
        return None if len(calls) == 1 else real(plan, number, date)

    monkeypatch.setattr(plan_services, "_number_taken", blind_once)
    with pytest.raises(ValidationError) as error:
        services.plan_issue(actor=users["caothuong"], plan=second, version=1, number="12",
                            document_date=datetime.date(2024, 6, 1), signer_name="Vũ Ngọc Vân")
    assert error.value.message_dict == {"number": ["Số 12/KH-UBND đã dùng cho kế hoạch “Kế hoạch A năm 2024”."]}
    second.refresh_from_db()
    assert (second.status, second.number, second.version) == (PlanStatus.DRAFT, "", 1)


def test_a_double_submitted_agency_form_gives_the_form_error(client_for, users, units, agencies):
    client = client_for(users["tanyen"])
    data = {"unit": units["216"].pk, "name": "Hội Liên hiệp Phụ nữ huyện", "kind": AgencyKind.FRONT}
    assert client.post("/programmes/agencies/new/", data).status_code == 302
    response = client.post("/programmes/agencies/new/", data)
    assert response.status_code == 200 and "Đơn vị này đã có cơ quan cùng tên." in response.content.decode()
    assert Agency.objects.filter(name="Hội Liên hiệp Phụ nữ huyện").count() == 1
