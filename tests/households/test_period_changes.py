"""What the registry recognised between two dates (the movements a progress report carries)."""
import datetime

from households.selectors import period_changes

D = datetime.date


def test_movements_recognised_in_a_period(make_household, recognised_review, units):
    poor, escaped, near = make_household("HS-001"), make_household("HS-002"), make_household("HS-003")
    recognised_review(poor, year=2024, income=1_200_000)                       # newly poor on 20/12/2024
    recognised_review(escaped, year=2024, income=1_200_000)                    # newly poor too
    recognised_review(near, year=2024, income=1_800_000, codes=("1",))         # near-poor
    recognised_review(escaped, year=2025, income=4_000_000, codes=())          # escaped on 20/12/2025
    recognised_review(near, year=2025, income=4_000_000, codes=())             # escaped near-poverty
    town = units["07339"]
    assert period_changes(town, D(2024, 12, 1), D(2024, 12, 31)) == {
        "newly_poor": 2, "escaped_poverty": 0, "escaped_near_poverty": 0, "regular": 0, "newly_escaped": 0}
    assert period_changes(town, D(2025, 12, 1), D(2025, 12, 31)) == {
        "newly_poor": 0, "escaped_poverty": 1, "escaped_near_poverty": 1, "regular": 0, "newly_escaped": 1}
    assert period_changes(town, D(2025, 1, 1), D(2025, 11, 30))["escaped_poverty"] == 0
