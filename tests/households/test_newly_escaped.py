"""Hộ mới thoát nghèo: the Python rule (one household's history) and the SQL rule (querysets: the
list filter, the year filter, the list badge) evaluated on the same households and dates must
agree household by household, and give the sets written out below by hand."""
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from households.models import Household, PovertyStandard, Review, ReviewRound, RoundKind
from households.selectors import household_filter, with_list_columns
from households.services.history import recognised_order, refresh_histories
from households.status import Result, history, is_newly_escaped, newly_escaped_q, status_on

P, N, A = "poor", "near_poor", "average"
D = datetime.date.fromisoformat

# code: recognised results (decision date, classification[, round]); the round is the regular
# round of the decision's month unless named ("P2022": the periodic round of 2022).
HISTORIES = {
    "INSIDE": [("2022-01-20", P), ("2022-03-01", N)],
    "AT-EDGE": [("2022-01-20", P), ("2022-02-28", A)],
    "OUTSIDE": [("2022-01-20", P), ("2022-02-27", N)],
    "LEAP-DAY": [("2023-12-20", P), ("2024-02-29", N)],
    "JAN-31": [("2023-12-20", P), ("2024-01-31", N)],
    "POOR-AGAIN": [("2022-12-20", P), ("2023-12-20", N), ("2024-12-20", P)],
    "ESCAPED-TWICE": [("2022-01-20", P), ("2022-06-20", A), ("2022-12-20", P), ("2023-12-20", N)],
    "NEAR-ESCAPE": [("2022-12-20", N), ("2023-12-20", A)],            # escaped near-poverty only
    "STILL-POOR": [("2022-12-20", P), ("2023-12-20", P)],
    "THEN-AVERAGE": [("2022-12-20", P), ("2023-06-20", N), ("2023-12-20", A)],
    "NEVER": [],
    "DRAFT-POOR": [("2022-12-20", P), ("2023-12-20", N)],            # + a poor review not recognised yet
    # escape (periodic round) and poor again (regular round of December) decided the same day: the
    # periodic round comes first, so the household is poor on that day and after, on every database;
    # the regular result is entered first (lower id), so an order by date and id alone gets it wrong
    "SAME-DAY": [("2021-12-20", P, "P2021"), ("2022-12-20", P), ("2022-12-20", N, "P2022")],
    "LATER": [("2024-06-20", P), ("2025-06-20", A)],
}

# (date asked about, window in months): the newly escaped households, by hand.
EXPECTED = [
    # 28/02/2025 − 36 months = 28/02/2022: an escape on that day is 36 months old, out
    (D("2025-02-28"), 36, ["DRAFT-POOR", "ESCAPED-TWICE", "INSIDE", "JAN-31", "LEAP-DAY", "THEN-AVERAGE"]),
    (D("2025-03-01"), 36, ["DRAFT-POOR", "ESCAPED-TWICE", "JAN-31", "LEAP-DAY", "THEN-AVERAGE"]),
    # asked on 29/02: 24 months before is 28/02/2022 (no 29/02 in 2022); LEAP-DAY escaped that very day
    (D("2024-02-29"), 24, ["DRAFT-POOR", "ESCAPED-TWICE", "INSIDE", "JAN-31", "LEAP-DAY", "POOR-AGAIN",
                           "THEN-AVERAGE"]),
    (D("2024-02-28"), 24, ["DRAFT-POOR", "ESCAPED-TWICE", "INSIDE", "JAN-31", "POOR-AGAIN", "THEN-AVERAGE"]),
    # an escape on 29/02/2024 with a 12-month window: still new on 28/02/2025, no longer on 01/03/2025
    (D("2025-02-28"), 12, ["LEAP-DAY"]),
    (D("2025-03-01"), 12, []),
    # escaped on 31/01/2024, 1-month window: 29/02/2024 − 1 month = 29/01, still new; 01/03 − 1 month = 01/02, not
    (D("2024-02-29"), 1, ["JAN-31", "LEAP-DAY"]),
    (D("2024-03-01"), 1, ["LEAP-DAY"]),
    (D("2025-12-31"), 36, ["DRAFT-POOR", "ESCAPED-TWICE", "JAN-31", "LATER", "LEAP-DAY", "THEN-AVERAGE"]),
    (D("2022-12-20"), 36, ["AT-EDGE", "INSIDE", "OUTSIDE"]),
    (D("2022-12-31"), 36, ["AT-EDGE", "INSIDE", "OUTSIDE"]),
]


def _round(commune, key, decided):
    if key and key.startswith("P"):
        found, _created = ReviewRound.objects.get_or_create(commune=commune, year=int(key[1:]), kind=RoundKind.PERIODIC)
    else:
        found, _created = ReviewRound.objects.get_or_create(commune=commune, year=decided.year, month=decided.month,
                                                            kind=RoundKind.REGULAR)
    return found


@pytest.fixture
def households(make_household, settings):
    """The households of HISTORIES, their results stored as the bulk import and the generators store
    them (rows, then refresh_histories): decision dates are free here, whoever may recognise."""
    settings.NEWLY_ESCAPED_WINDOW_MONTHS = 36
    created, reviews = {}, []
    for number, (code, results) in enumerate(HISTORIES.items()):
        household = created[code] = make_household(code, village=f"07339-{number % 3 + 1:02d}")
        for n, (decided, classification, *key) in enumerate(results):
            decided = D(decided)
            review_round = _round(household.commune, key[0] if key else None, decided)
            reviews.append(Review(
                household=household, round=review_round, classification=classification,
                standard=PovertyStandard.objects.in_force(review_round.standard_date()).get(),
                income_per_capita=1_000_000 if classification != A else 2_500_000,
                deprivation_count=3 if classification == P else 0, state="recognised",
                decision_number=f"{n + 1}/QĐ-UBND", decision_date=decided))
    draft = created["DRAFT-POOR"]
    draft_round = _round(draft.commune, None, D("2025-03-20"))
    reviews.append(Review(household=draft, round=draft_round, classification=P, income_per_capita=900_000,
                          deprivation_count=4, state="submitted",
                          standard=PovertyStandard.objects.in_force(draft_round.standard_date()).get()))
    Review.objects.bulk_create(reviews)
    refresh_histories(h.pk for h in created.values())
    return created


def python_rule(as_of):
    """{code: newly escaped?} from each household's history, read back from the database."""
    answers = {}
    for household in Household.objects.order_by("code"):
        entries = history(Result(r.classification, r.decision_date, r.pk)
                          for r in recognised_order(household.reviews.all()))
        assert status_on(entries, as_of).newly_escaped is is_newly_escaped(entries, as_of)
        answers[household.code] = is_newly_escaped(entries, as_of)
    return answers


def sql_rule(as_of):
    """{code: newly escaped?} from the queryset condition, as a filter and as the list's annotation."""
    chosen = set(Household.objects.filter(newly_escaped_q(as_of)).values_list("code", flat=True))
    annotated = {h.code: h.newly_escaped for h in with_list_columns(Household.objects.all(), as_of=as_of)}
    assert {code for code, newly in annotated.items() if newly} == chosen
    return {code: code in chosen for code in annotated}


def test_the_stored_changes_follow_the_order_of_the_results(households):
    changes = list(Review.objects.filter(household=households["SAME-DAY"], state="recognised")
                   .order_by("decision_date", "round__year", "round__kind").values_list("round__kind", "change"))
    assert changes == [("periodic", "newly_poor"), ("periodic", "escaped_poverty"), ("regular", "re_poor")]
    same_day = Household.objects.get(code="SAME-DAY")
    assert (same_day.current_review.round.kind, same_day.current_review.classification) == ("regular", P)
    assert Household.objects.get(code="DRAFT-POOR").current_review.classification == N


@pytest.mark.parametrize("as_of, months, expected", EXPECTED)
def test_python_and_sql_agree_household_by_household(households, settings, as_of, months, expected):
    settings.NEWLY_ESCAPED_WINDOW_MONTHS = months
    python, sql = python_rule(as_of), sql_rule(as_of)
    assert sql == python
    assert sorted(code for code, newly in python.items() if newly) == expected


@pytest.mark.parametrize("year, expected", [
    (2022, ["AT-EDGE", "INSIDE", "OUTSIDE"]),
    (2024, ["AT-EDGE", "DRAFT-POOR", "ESCAPED-TWICE", "INSIDE", "JAN-31", "LEAP-DAY", "OUTSIDE", "THEN-AVERAGE"]),
    (2025, ["DRAFT-POOR", "ESCAPED-TWICE", "JAN-31", "LATER", "LEAP-DAY", "THEN-AVERAGE"]),
])
def test_the_year_filter_asks_about_the_31st_of_december(households, users, year, expected):
    found = household_filter(users["caothuong"], status="newly_escaped", year=year)
    assert sorted(found.values_list("code", flat=True)) == expected
    assert sorted(code for code, newly in python_rule(datetime.date(year, 12, 31)).items() if newly) == expected


def test_the_list_page_filter_and_badge_agree_with_the_rule_today(households, client_for, users):
    expected = sorted(code for code, newly in python_rule(timezone.localdate()).items() if newly)
    assert expected  # LATER escaped on 20/06/2025: new until 20/06/2028
    client = client_for(users["caothuong"])
    response = client.get(reverse("households:household_list"), {"status": "newly_escaped"})
    assert sorted(h.code for h in response.context["page"].object_list) == expected
    html = client.get(reverse("households:household_list")).content.decode()
    body = html[html.index('id="household-table"'):]
    rows = re.findall(r"<tr>(.*?)</tr>", body[body.index("<tbody>"):body.index("</tbody>")], re.S)
    badges = {re.search(r'<a href="/households/\d+/">([^<]+)</a>', row).group(1): "Hộ mới thoát nghèo" in row
              for row in rows}
    assert len(badges) == len(HISTORIES)
    assert sorted(code for code, badge in badges.items() if badge) == expected
