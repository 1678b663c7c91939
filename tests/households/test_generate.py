import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from households.models import Household, Member, Review, ReviewRound


def test_generate_spreads_households_over_the_villages_with_several_years(units, standards):
    out = io.StringIO()
    call_command("generate_households", unit="07339", households=31, seed=5, years="2023,2024", stdout=out)
    assert "Đã sinh 31 hộ" in out.getvalue()
    per_village = dict(Household.objects.values("village__code").annotate(n=Count("pk")).values_list("village__code", "n"))
    assert per_village == {"07339-01": 11, "07339-02": 10, "07339-03": 10}
    assert Review.objects.count() == 62 and Review.objects.filter(state="recognised").count() == 62
    assert set(ReviewRound.objects.values_list("year", flat=True)) == {2023, 2024}
    assert not Household.objects.filter(current_review__isnull=True).exists()
    assert set(Household.objects.values_list("current_review__round__year", flat=True)) == {2024}
    assert Member.objects.filter(household__isnull=False).count() >= 31
    # a second run adds households under new codes, never clashing with the first
    call_command("generate_households", unit="07339-01", households=5, seed=5, years="2024", stdout=io.StringIO())
    assert Household.objects.filter(village__code="07339-01").count() == 16
    assert Household.objects.values("commune", "code").distinct().count() == 36


def test_generate_refuses_unknown_units_and_bad_years(units, standards):
    with pytest.raises(CommandError, match="Không có đơn vị mã 99999"):
        call_command("generate_households", unit="99999", households=1)
    with pytest.raises(CommandError, match="--years"):
        call_command("generate_households", unit="07339", households=1, years="năm ngoái")
