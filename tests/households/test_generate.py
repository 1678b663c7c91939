import io

import pytest
from django.core.management import CommandError, call_command
from django.db import models
from django.db.models import Count

from households.models import Household, Member, Review, ReviewRound


def test_generate_spreads_households_over_the_villages_with_several_years(units, standards):
    out = io.StringIO()
    call_command("generate_households", unit="07336", households=31, seed=5, years="2023,2024", stdout=out)
    assert "Đã sinh 31 hộ" in out.getvalue()
    per_village = dict(Household.objects.values("village__code").annotate(n=Count("pk")).values_list("village__code", "n"))
    assert per_village == {"07336-01": 11, "07336-02": 10, "07336-03": 10}
    assert Review.objects.count() == 62 and Review.objects.filter(state="recognised").count() == 62
    assert set(ReviewRound.objects.values_list("year", flat=True)) == {2023, 2024}
    assert not Household.objects.filter(current_review__isnull=True).exists()
    assert set(Household.objects.values_list("current_review__round__year", flat=True)) == {2024}
    assert Member.objects.filter(household__isnull=False).count() >= 31
    # a second run adds households under new codes, never clashing with the first
    call_command("generate_households", unit="07336-01", households=5, seed=5, years="2024", stdout=io.StringIO())
    assert Household.objects.filter(village__code="07336-01").count() == 16
    assert Household.objects.values("commune", "code").distinct().count() == 36


def test_generate_refuses_unknown_units_and_bad_years(units, standards):
    with pytest.raises(CommandError, match="Không có đơn vị mã 99999"):
        call_command("generate_households", unit="99999", households=1)
    with pytest.raises(CommandError, match="--years"):
        call_command("generate_households", unit="07336", households=1, years="năm ngoái")
    with pytest.raises(CommandError, match="--years"):
        call_command("generate_households", unit="07336", households=1, years=",")
    assert not Household.objects.exists()


def generate(unit="216", households=300, seed=1, years="2022,2023,2024"):
    out = io.StringIO()
    call_command("generate_households", unit=unit, households=households, seed=seed, years=years, stdout=out)
    return out.getvalue()


def snapshot():
    """What refresh_histories derives: each review's change and each household's current review."""
    return (dict(Review.objects.values_list("pk", "change")),
            dict(Household.objects.values_list("pk", "current_review_id")))


def test_generated_rows_satisfy_the_models_classify_and_the_history(units, standards):
    """Runs the bulk_create path on SQLite and the COPY path on PostgreSQL (CI): same guarantees."""
    from django.db import connection

    from households.classification import classify
    from households.services.history import refresh_histories

    generate()
    connection.check_constraints()  # foreign keys (deferred on PostgreSQL) hold now, not only at commit
    assert Household.objects.count() == 300
    assert set(Household.objects.values_list("commune__code", flat=True)) == {"07339", "07336"}
    reviews = list(Review.objects.select_related("household__village", "round", "standard")
                   .annotate(n=Count("deprivations", distinct=True), causes_n=Count("causes", distinct=True)).order_by("pk"))
    assert len(reviews) == 900 and {r.state for r in reviews} == {"recognised"}
    per_year = Review.objects.order_by().values("round__year").annotate(n=Count("household", distinct=True))
    assert {row["round__year"]: row["n"] for row in per_year} == {2022: 300, 2023: 300, 2024: 300}
    for review in reviews:
        assert review.n == review.deprivation_count
        assert classify(income_per_capita=review.income_per_capita, deprivation_count=review.n,
                        area=review.household.village.area, on_date=review.round.standard_date()) == review.classification
        assert (1 <= review.causes_n <= 2) if review.classification in ("poor", "near_poor") else review.causes_n == 0
        assert review.standard.valid_from <= review.round.standard_date()
    assert {r.classification for r in reviews} >= {"poor", "near_poor", "average", "above_average"}
    # the deprivations belong to the standard of the review's round
    assert not Review.deprivations.through.objects.exclude(
        deprivationindicator__standard=models.F("review__standard")).exists()
    # the derived fields are what the services compute: refreshing them changes nothing
    before = snapshot()
    assert set(before[1].values()) == set(Review.objects.filter(round__year=2024).values_list("pk", flat=True))
    refresh_histories(Household.objects.values_list("pk", flat=True))
    assert snapshot() == before
    # one active head per household, named as the household's head; CCCD numbers valid and unique
    heads = dict(Member.objects.filter(relation="head", is_active=True).values_list("household", "full_name"))
    assert heads == dict(Household.objects.values_list("pk", "head_name"))
    numbers = list(Member.objects.exclude(id_number="").values_list("id_number", flat=True))
    assert numbers and len(set(numbers)) == len(numbers) and all(n.isdigit() and n.startswith("024") for n in numbers)
    for household in Household.objects.order_by("pk")[::37]:
        household.full_clean()
        for member in household.members.all():
            member.full_clean()
    for review in reviews[::53]:
        review.full_clean()


def test_the_household_list_and_its_filters_see_the_generated_rows(units, standards, users, client_for):
    generate()
    response = client_for(users["tanyen"]).get("/households/")
    page = response.content.decode()
    assert "300 hộ" in page and "hiển thị 1–50" in page
    first = Household.objects.order_by("village__code", "code").first()
    assert first.code == "01-0001" and first.head_name in page
    poor_2024 = Review.objects.filter(round__year=2024, classification="poor").count()
    assert poor_2024 > 0
    page = client_for(users["tanyen"]).get("/households/?status=poor&year=2024").content.decode()
    assert f"{poor_2024} hộ" in page
    caoxa = Household.objects.filter(commune__code="07336").count()
    assert f"{caoxa} hộ" in client_for(users["caoxa"]).get("/households/").content.decode()


def test_a_second_run_with_another_seed_adds_households_and_leaves_the_first_alone(units, standards):
    from households.services.history import refresh_histories

    generate(seed=1)
    first = {h["pk"]: h for h in Household.objects.values("pk", "code", "head_name", "current_review", "village")}
    first_reviews = set(Review.objects.values_list("pk", "household", "income_per_capita", "classification", "change"))
    generate(seed=2)
    assert Household.objects.count() == 600 and Review.objects.count() == 1800
    assert {h["pk"]: h for h in Household.objects.filter(pk__in=first).values(
        "pk", "code", "head_name", "current_review", "village")} == first
    assert first_reviews <= set(Review.objects.values_list("pk", "household", "income_per_capita", "classification",
                                                           "change"))
    assert Household.objects.values("commune", "code").distinct().count() == 600
    assert Household.objects.filter(village__code="07339-01", code="01-0012").exists()  # numbering went on
    numbers = list(Member.objects.filter(is_active=True).exclude(id_number="").values_list("id_number", flat=True))
    assert len(set(numbers)) == len(numbers)
    assert not Household.objects.filter(current_review__isnull=True).exists()
    before = snapshot()
    refresh_histories(Household.objects.values_list("pk", flat=True))
    assert snapshot() == before


def test_the_copy_generator_refuses_databases_without_copy(units, standards):
    from django.db import connection, transaction

    from households.synthetic_copy import CopyGenerator

    if connection.vendor == "postgresql":
        pytest.skip("on PostgreSQL CopyGenerator is the path taken (test_generate_copy.py)")
    with transaction.atomic(), pytest.raises(RuntimeError, match="PostgreSQL"):
        CopyGenerator(seed=1, years=[2024]).run([])


def test_cccd_numbers_already_active_in_the_registry_are_drawn_again(units, standards, make_household, add_member):
    from django.db import transaction

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():  # learn which numbers seed 1 draws, then undo the run
        generate(households=60)
        drawn = list(Member.objects.exclude(id_number="").order_by("pk").values_list("id_number", flat=True))
        raise Undo
    existing = add_member(make_household("HS-001"), id_number=drawn[0])
    generate(households=60)
    numbers = list(Member.objects.filter(is_active=True).exclude(id_number="").values_list("id_number", flat=True))
    assert len(set(numbers)) == len(numbers) and numbers.count(drawn[0]) == 1
    assert Member.objects.get(id_number=drawn[0]) == existing
    assert Household.objects.count() == 61
