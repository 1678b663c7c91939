"""The unconfirmed-standard notice on the round list, the dashboard and the household export (issue 10 item 5):
shown when what the screen or file classifies with is the 2027–2030 draft, absent for the 2025 review."""
import pytest
from django.urls import reverse
from django.utils import timezone

from povertyplan.models import Role
from tests.conftest import make_officer
from tests.households.test_excel import _export
from tests.households.test_standards_unconfirmed import WARNING, rounds_and_reviews, tan_yen  # noqa: F401

NOTICE_LINE = "Chuẩn nghèo chưa chính thức"


def _recognise(tan_yen, review):  # noqa: F811
    from households.services import review_recognise, review_submit

    leader = make_officer(f"ld_{review.pk}", Role.LEADER, tan_yen["commune"])
    review = review_submit(actor=tan_yen["officer"], review=review)
    return review_recognise(actor=leader, review=review, decision_number=f"{review.round.year}/QĐ-UBND",
                            decision_date=timezone.localdate())


def test_the_round_list_says_so_once_a_round_classifies_with_the_draft(tan_yen, indicators, client_for):  # noqa: F811
    from households.services import round_create

    client = client_for(tan_yen["officer"])
    round_create(actor=tan_yen["officer"], commune=tan_yen["commune"], year=2025)
    page = client.get(reverse("households:round_list")).content.decode()
    assert "Rà soát định kỳ năm 2025" in page and WARNING not in page
    round_create(actor=tan_yen["officer"], commune=tan_yen["commune"], year=2026)
    page = client.get(reverse("households:round_list")).content.decode()
    assert page.count(WARNING) == 1


@pytest.mark.parametrize("path", ["reports:dashboard", "home"])
def test_the_dashboard_of_2026_says_so_and_that_of_2025_does_not(tan_yen, indicators, client_for, path):  # noqa: F811
    made = rounds_and_reviews(tan_yen, indicators)
    _recognise(tan_yen, made[2025][1])
    client = client_for(tan_yen["officer"])
    page = client.get(reverse(path)).content.decode()
    assert 'id="headline"' in page and WARNING not in page  # 2025: the 2026 standard, law
    _recognise(tan_yen, made[2026][1])
    page = client.get(reverse(path)).content.decode()  # the default year is now 2026
    assert 'id="headline"' in page and page.count(WARNING) == 1
    assert WARNING not in client.get(reverse("reports:dashboard"), {"year": 2025}).content.decode()


def test_the_household_exports_title_sheet_names_the_draft_standard(tan_yen, indicators, client_for):  # noqa: F811
    made = rounds_and_reviews(tan_yen, indicators)
    client = client_for(tan_yen["officer"])

    def cover(**params):
        book = _export(client, **params)
        return {row[0]: row[1] for row in book["Thông tin"].iter_rows(min_row=3, values_only=True)}

    assert NOTICE_LINE not in cover()  # nothing recognised yet
    assert cover(results="round")[NOTICE_LINE].startswith(WARNING)  # the 2026 round's draft results
    _recognise(tan_yen, made[2025][1])
    assert NOTICE_LINE not in cover()  # the recognised 2025 result: the 2026 standard
    _recognise(tan_yen, made[2026][1])
    assert cover()[NOTICE_LINE].startswith(WARNING)
