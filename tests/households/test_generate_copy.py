"""The PostgreSQL-only fast path of generate_households (COPY). CI runs the suite on PostgreSQL, so
these run there; on SQLite they are skipped (the bulk_create path is tested by test_generate.py)."""
import io

import pytest
from django.core.management import call_command
from django.db import connection

from households.models import Household, Member, Review, ReviewCause, ReviewRound
from households.synthetic_copy import CopyGenerator, copy_text


@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("COPY is the PostgreSQL path of the generator (run with DATABASE_URL=postgres://…)")


def generate(households=300, seed=1, unit="216"):
    out = io.StringIO()
    call_command("generate_households", unit=unit, households=households, seed=seed, years="2022,2023,2024", stdout=out)
    return out.getvalue()


def test_copy_loads_the_province_path_and_moves_the_sequences_past_its_ids(postgresql, units, standards, make_household):
    before = make_household("TRUOC-001")  # the sequence's last id is taken: the block must start after it
    assert "(COPY, PostgreSQL)" in generate()
    connection.check_constraints()
    assert (Household.objects.exclude(pk=before.pk).count(), Review.objects.count()) == (300, 900)
    assert Member.objects.count() >= 300 and ReviewCause.objects.exists()
    # ids were reserved as blocks: consecutive, and what the services create next comes after them
    ids = sorted(Household.objects.exclude(pk=before.pk).values_list("pk", flat=True))
    assert ids[0] > before.pk
    assert ids == list(range(ids[0], ids[0] + 300))
    review_ids = sorted(Review.objects.values_list("pk", flat=True))
    assert review_ids == list(range(review_ids[0], review_ids[0] + 900))
    assert make_household("MOI-001").pk > ids[-1]
    # the kept round counts of the villages it filled equal a fresh count (900 reviews, none missed)
    from tests.households.test_kept_round_counts import kept_equals_fresh

    assert sum(kept_equals_fresh().values()) == 900
    # a household's reviews are consecutive, its current review the last (2024) one
    for household in Household.objects.filter(pk__in=ids).order_by("pk")[::29]:
        years = list(household.reviews.order_by("pk").values_list("pk", "round__year"))
        assert [year for _pk, year in years] == [2022, 2023, 2024] and household.current_review_id == years[-1][0]


def test_copy_run_is_all_or_nothing(postgresql, units, standards, monkeypatch):
    """A failure after some chunks were loaded leaves no household, member, review or round behind."""
    monkeypatch.setattr(CopyGenerator, "CHUNK", 40)
    made = []
    people = CopyGenerator._people

    def failing(self, *args):
        made.append(1)
        if len(made) == 130:  # in the fourth chunk, after three were loaded
            raise RuntimeError("hỏng giữa chừng")
        return people(self, *args)

    monkeypatch.setattr(CopyGenerator, "_people", failing)
    with pytest.raises(RuntimeError, match="hỏng giữa chừng"):
        generate()
    assert len(made) == 130
    assert (Household.objects.count(), Member.objects.count(), Review.objects.count(), ReviewRound.objects.count()) == \
        (0, 0, 0, 0)


def test_copy_text_escapes_what_would_break_the_rows():
    assert copy_text("Thôn\tA\\B\nC\r") == "Thôn\\tA\\\\B\\nC\\r"
