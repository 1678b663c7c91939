# ruff: noqa: F811  (the Tân Yên fixtures are imported and taken as arguments)
"""households.demo_procedure on a periodic round made in the test (the present-day demo makes the real one)."""
import io

import pytest

from households import selectors
from households.home import panels
from households.models import Posting, Review, ReviewState, VillageMeeting
from households.services import missing_steps, review_create, review_submit, round_create
from tests.households.tan_yen import leader, make_household, make_round, officer  # noqa: F401  (today's xã Tân Yên)

pytestmark = pytest.mark.usefixtures("on_26_11_2026")  # deadlines are written against that day



def test_the_demo_leaves_the_procedure_half_done(units, officer, leader, make_household):
    from households import demo_procedure

    commune = units["07339@2025"]
    review_round = round_create(actor=officer, commune=commune, year=2026)
    villages = ["07339-01", "07339-02", "07339-03", "07339-04"]
    for i, code in enumerate(villages):
        for j in range(2):
            household = make_household(f"HS-{i}{j}", village=f"{code}@2025")
            review_submit(actor=officer, review=review_create(actor=officer, household=household, round=review_round,
                                                              income_per_capita=1_000_000))
    make_household("HS-90", village="07339-05@2025")  # no result in the round: the requests go to the first codes
    out = io.StringIO()
    assert demo_procedure.load(out, commune) == review_round
    review_round.refresh_from_db()
    assert review_round.follows_procedure
    met = set(VillageMeeting.objects.filter(round=review_round).values_list("village__code", flat=True))
    assert met == {"07339-01", "07339-02"}
    assert not Posting.objects.filter(round=review_round).exists()
    assert Review.objects.get(household__code="HS-01").state == ReviewState.RETURNED  # under half agreed
    assert Review.objects.filter(round=review_round, state=ReviewState.SUBMITTED).count() == 7
    [panel] = [p for t, p in panels(leader) if t == "households/_home_requests.html"]
    assert (panel["count"], panel["overdue"]) == (2, 1)
    assert len(selectors.open_requests(leader)) == 2
    missing = missing_steps(review_round)
    assert missing[0].startswith("Chưa họp dân ở: ") and "Chưa niêm yết công khai kết quả." in missing
    assert demo_procedure.load(io.StringIO(), commune) == review_round  # run again: nothing added
    assert VillageMeeting.objects.filter(round=review_round).count() == 2
