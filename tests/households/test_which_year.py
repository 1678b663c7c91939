"""Which year the aggregate pages show: the latest periodic review complete (recognised with nothing
open, or locked) in every commune of the scope. A round begun in one commune changes nothing until it
is complete in all of them, unless the year is picked explicitly (issue 9: the district's poor
households went from 102 to 1 when one commune recognised one result of a new round)."""

from django.urls import reverse

from households.figures import unit_columns
from households.selectors import ReviewYears, complete_year, open_rounds, poverty_counts
from households.services import review_create, round_lock
from povertyplan.access import officer_of


def _district(make_household, recognised_review):
    """Two poor households in the town, one in xã Cao Xá, all recognised in the 2024 round."""
    town = [make_household(f"HS-{n}", village=f"07339-0{n}") for n in (1, 2)]
    cao_xa = make_household("CX-1", village="07336-01")
    for household in [*town, cao_xa]:
        recognised_review(household, year=2024, income=1_200_000)
    return town, cao_xa


def _poor_column(user, unit):
    columns = unit_columns(user, [unit])
    return columns[1].title, columns[1].values[unit.pk]


def test_a_new_round_in_one_commune_changes_nothing_until_complete_in_all(
        make_household, recognised_review, make_round, units, users):
    town, cao_xa = _district(make_household, recognised_review)
    supervisor, district = users["tanyen"], units["216"]
    assert complete_year(supervisor) == 2024
    assert _poor_column(supervisor, district) == ("Hộ nghèo 2024", 3)

    # The town recognises one result of 2025 (not poor any more); its other household is still a draft.
    recognised_review(town[0], year=2025, income=5_000_000, codes=())
    round_2025 = town[0].reviews.get(round__year=2025).round
    review_create(actor=users["caothuong"], household=town[1], round=round_2025, income_per_capita=1_200_000)
    assert complete_year(supervisor) == 2024
    assert _poor_column(supervisor, district) == ("Hộ nghèo 2024", 3)
    # …unless the year is picked: the 2025 figures are there, for those who ask for them.
    assert poverty_counts([district], 2025)[district.pk]["poor"] == 0
    [row] = open_rounds(supervisor)
    assert (row["commune"], row["year"], row["reviewed"], row["recognised"], row["households"]) == (
        units["07339"], 2025, 2, 1, 2)

    # The town completes its round by locking it (the draft left open); Cao Xá has no 2025 round yet.
    round_lock(actor=users["caothuong"], round=round_2025, leave_open=list(round_2025.open_reviews()
                                                                          .values_list("pk", flat=True)))
    assert complete_year(supervisor) == 2024
    assert complete_year([units["07339"]]) == 2025  # the town alone is complete
    assert complete_year([units["07339-01"]]) == 2025  # a village's scope is its commune's
    assert [r["commune"] for r in open_rounds(supervisor)] == []

    recognised_review(cao_xa, year=2025, income=1_200_000)
    assert complete_year(supervisor) == 2025
    assert _poor_column(supervisor, district) == ("Hộ nghèo 2025", 1)
    assert open_rounds(supervisor) == []


def test_recognised_results_with_a_submitted_one_left_are_not_complete(make_household, recognised_review, users,
                                                                       units):
    from households.services import review_submit

    town, _cao_xa = _district(make_household, recognised_review)
    recognised_review(town[0], year=2025, income=1_200_000)
    round_2025 = town[0].reviews.get(round__year=2025).round
    review = review_create(actor=users["caothuong"], household=town[1], round=round_2025, income_per_capita=1_200_000)
    review_submit(actor=users["caothuong"], review=review)
    town_unit = units["07339"]
    assert complete_year([town_unit]) == 2024
    years = ReviewYears([town_unit])
    assert years.years == [2025, 2024]
    assert [(r["year"], r["reviewed"], r["recognised"], r["households"]) for r in years.open_rounds] == [(2025, 2, 1, 2)]


def test_no_round_no_year_and_the_home_shows_no_columns(make_household, users, client_for):
    make_household("HS-1")
    assert complete_year(users["tanyen"]) is None
    assert open_rounds(users["tanyen"]) == []
    html = client_for(users["tanyen"]).get(reverse("home")).content.decode()
    assert "Hộ nghèo 20" not in html


def test_users_outside_read_roles_get_no_year(make_household, recognised_review, agency_officer):
    recognised_review(make_household("HS-1"), year=2024, income=1_200_000)
    assert complete_year(agency_officer) is None


def test_year_reads_one_query_and_progress_two_more(make_household, recognised_review, make_round, users, units,
                                                    django_assert_num_queries):
    _district(make_household, recognised_review)
    review = recognised_review(make_household("HS-9", village="07339-03"), year=2025, income=1_200_000)
    review_create(actor=users["caothuong"], household=make_household("HS-8"), round=review.round,
                  income_per_capita=1_200_000)  # a draft: the town's 2025 round is open
    officer_of(users["tanyen"])  # fetched once per request, before
    with django_assert_num_queries(1):
        years = ReviewYears(users["tanyen"])
        assert years.complete_year == 2024
    with django_assert_num_queries(2):
        assert len(years.open_rounds) == 1
