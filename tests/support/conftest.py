"""Fixtures of the support tests: the households fixtures, and a small hand-counted registry.

The registry (`registry` fixture), in thị trấn Cao Thượng (urban: poor below 2,000,000 đồng with 3+
deprivations, near-poor below it with fewer), decisions on 20/12 of each year:

| household | village | 2023 result | 2024 result | members |
|---|---|---|---|---|
| H1 | 07339-01 | poor (1,4,7) | – | head 1980; child born 01/05/2022 |
| H2 | 07339-01 | near-poor (1) | – | head 1985; child born 10/01/2020 (turns 5 on 10/01/2025) |
| H3 | 07339-01 | – | – | head 1990; child born 2023 (birth year only); no result |
| H4 | 07339-01 | poor (1,4,7) | above average (escaped 20/12/2024) | head 1975; child born 03/03/2023 |
| H5 | 07339-02 | poor (1,4,8) | – | head 1970, no BHYT; child born 2021 (year only), BHYT |
| H6 | 07339-01 | – | poor (1,4,7) (newly poor 20/12/2024) | head 1992; child born 15/08/2024 |
"""
import datetime

import pytest

from tests.households.conftest import (  # noqa: F401  (fixtures)
    add_member,
    indicators,
    leader,
    make_household,
    make_round,
    officer,
    recognised_review,
    standards,
)

BEFORE = datetime.date(2024, 6, 30)   # after the 2023 decisions, before the 2024 ones
AFTER = datetime.date(2025, 1, 15)    # after the 2024 decisions


@pytest.fixture
def registry(make_household, add_member, recognised_review):  # noqa: F811 (fixtures imported above)
    h = {}

    def household(code, village="07339-01"):
        h[code] = make_household(code, village=village, head_name=f"Chủ hộ {code}")
        return h[code]

    def child(household, name, born=None, year=None, **extra):
        return add_member(household, full_name=name, relation="child", sex="female", birth_year=year or born.year,
                          birth_date=born, schooling="not_yet", **extra)

    for code, year in (("H1", 1980), ("H2", 1985), ("H3", 1990), ("H4", 1975), ("H6", 1992)):
        add_member(household(code), full_name=f"Chủ hộ {code}", birth_year=year)
    add_member(household("H5", village="07339-02"), full_name="Chủ hộ H5", birth_year=1970)
    h["c1"] = child(h["H1"], "Con H1", datetime.date(2022, 5, 1))
    h["c2"] = child(h["H2"], "Con H2", datetime.date(2020, 1, 10))
    h["c3"] = child(h["H3"], "Con H3", year=2023)
    h["c4"] = child(h["H4"], "Con H4", datetime.date(2023, 3, 3))
    h["c5"] = child(h["H5"], "Con H5", year=2021, health_insurance=True)
    h["c6"] = child(h["H6"], "Con H6", datetime.date(2024, 8, 15))
    recognised_review(h["H1"], 2023, 1_800_000, ("1", "4", "7"))
    recognised_review(h["H2"], 2023, 1_800_000, ("1",))
    recognised_review(h["H4"], 2023, 1_800_000, ("1", "4", "7"))
    recognised_review(h["H5"], 2023, 1_800_000, ("1", "4", "8"))
    recognised_review(h["H4"], 2024, 5_000_000, ())
    recognised_review(h["H6"], 2024, 1_800_000, ("1", "4", "7"))
    return h


@pytest.fixture
def agencies(units):
    """Agency officers: `yte` of Trung tâm Y tế huyện Tân Yên (service: BHYT, nutrition) with the district as
    scope; `yte_cx` of a health station of xã Cao Xá (service, scope Cao Xá only); `gd` of Phòng GD&ĐT
    (department: tuition, training, information)."""
    from povertyplan.models import Role
    from programmes.models import Agency, AgencyKind
    from tests.conftest import make_officer

    officers = {}
    for username, unit, name, kind in (("yte", "216", "Trung tâm Y tế", AgencyKind.SERVICE),
                                       ("yte_cx", "07336", "Trạm Y tế", AgencyKind.SERVICE),
                                       ("gd", "216", "Phòng Giáo dục và Đào tạo", AgencyKind.DEPARTMENT)):
        user = make_officer(username, Role.AGENCY, units[unit])
        Agency.objects.create(unit=units[unit], name=name, kind=kind).members.add(user)
        officers[username] = user
    return officers
