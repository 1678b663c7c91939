"""Races on PostgreSQL: simultaneous saves from separate connections give one success and clear messages.

SQLite serialises every write on the whole database, so these races cannot happen there; the tests
run on PostgreSQL only (CI runs them).
"""
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from households.models import Household, Member, Review, ReviewRound
from households.services import household_create, member_create, review_create, round_create
from households.services.imports import households_import
from tests.conftest import before_the_reform
from tests.households.test_excel import GOOD_HOUSEHOLDS, GOOD_MEMBERS, upload, workbook

pytestmark = [
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                       reason="races need PostgreSQL's concurrent connections"),
    pytest.mark.django_db(transaction=True),
]
N = 5


def race(work, n=N):
    """Run work(i) in n threads released together; returns [(result or None, exception or None)]."""
    barrier, outcomes = threading.Barrier(n), [None] * n

    def run(i):
        try:
            barrier.wait()
            outcomes[i] = (work(i), None)
        except Exception as exc:  # collected and asserted by the test
            outcomes[i] = (None, exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_simultaneous_households_with_one_code_give_one_success(units, users, standards):
    village = units["07339-01"]
    with before_the_reform():  # the town's tổ dân phố closed on 30/06/2025
        outcomes = race(lambda i: household_create(actor=users["caothuong"], village=village, code="HS-777",
                                                   head_name=f"Người {i}"))
    errors = [exc for _result, exc in outcomes if exc is not None]
    assert len([r for r, _exc in outcomes if r is not None]) == 1
    assert [type(e) for e in errors] == [ValidationError] * (N - 1)
    assert {e.message_dict["code"][0] for e in errors} == {"Mã hộ HS-777 đã có trong xã."}
    assert Household.objects.filter(code="HS-777").count() == 1


def test_simultaneous_members_with_one_cccd_give_one_success(make_household, users):
    households = [make_household(f"HS-{i:03}") for i in range(N)]
    outcomes = race(lambda i: member_create(actor=users["caothuong"], household=households[i], full_name=f"Người {i}",
                                            sex="male", birth_year=1980, relation="head", id_number="024080000001"))
    errors = [exc for _result, exc in outcomes if exc is not None]
    assert len([r for r, _exc in outcomes if r is not None]) == 1
    assert [type(e) for e in errors] == [ValidationError] * (N - 1)
    assert all(e.message_dict["id_number"][0].startswith("Số CCCD 024080000001 đã có ở ") for e in errors)
    assert Member.objects.filter(id_number="024080000001").count() == 1


def test_the_same_file_imported_three_times_at_once_is_written_once(users, units, standards):
    content = workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)
    outcomes = race(lambda i: households_import(actor=users["caothuong"], commune=units["07339"],
                                                file=upload(content)), n=3)
    assert [exc for _result, exc in outcomes] == [None, None, None]
    assert sorted(result.households_created for result, _exc in outcomes) == [0, 0, 3]
    assert Household.objects.count() == 3 and Member.objects.count() == 4


def test_simultaneous_rounds_of_one_year_give_one_round(units, users, standards):
    outcomes = race(lambda i: round_create(actor=users["caothuong"], commune=units["07339"], year=2025))
    errors = [exc for _result, exc in outcomes if exc is not None]
    assert len([r for r, _exc in outcomes if r is not None]) == 1
    assert [type(e) for e in errors] == [ValidationError] * (N - 1)
    assert [e.message_dict for e in errors] == [{"year": ["Xã đã có đợt rà soát định kỳ năm này."]}] * (N - 1)
    assert ReviewRound.objects.filter(commune=units["07339"], year=2025).count() == 1


def test_simultaneous_results_of_one_household_in_one_round_give_one_review(household, make_round, users):
    review_round = make_round(2025)
    outcomes = race(lambda i: review_create(actor=users["caothuong"], household=household, round=review_round,
                                            income_per_capita=1_000_000 + i))
    errors = [exc for _result, exc in outcomes if exc is not None]
    assert len([r for r, _exc in outcomes if r is not None]) == 1
    assert [e.message_dict for e in errors] == [{"round": ["Hộ đã có kết quả rà soát trong đợt này."]}] * (N - 1)
    assert Review.objects.filter(household=household).count() == 1


def test_simultaneous_results_in_one_village_keep_its_round_counts(make_household, make_round, users):
    """Five officers' results of one village at once: each recount waits for the village's lock, then counts
    the others' committed results, so the kept counts end equal to a fresh count (not 1 where 5 are)."""
    from tests.households.test_kept_round_counts import kept_equals_fresh

    households = [make_household(f"HS-{i:03}") for i in range(N)]
    review_round = make_round(2025)
    outcomes = race(lambda i: review_create(actor=users["caothuong"], household=households[i], round=review_round,
                                            income_per_capita=9_000_000))
    assert [exc for _result, exc in outcomes] == [None] * N
    assert kept_equals_fresh() == {(2025, "07339-01", "draft", "above_average", ""): N}
