"""Searching head names without diacritics, as officers type on keyboards without Vietnamese input."""
import pytest
from django.db import connection
from django.urls import reverse

from households.models import Household
from households.selectors import household_filter, household_list
from povertyplan.lib.names import search_key


def test_search_key_drops_diacritics_and_case():
    assert search_key("  Nguyễn   Văn ĐỨC ") == "nguyen van duc"
    assert search_key("Hoàng Thị Thuỷ") == search_key("hoang thi thuy")


def test_a_name_typed_without_diacritics_finds_the_household(make_household, officer, client_for, users):
    make_household("HS-001", head_name="Nguyễn Văn Đức")
    make_household("HS-002", head_name="Nguyễn Văn An")
    make_household("HS-003", head_name="Trần Thị Ánh")
    assert [h.code for h in household_list(officer, q="nguyen van duc")] == ["HS-001"]
    assert [h.code for h in household_list(officer, q="Nguyễn Văn")] == ["HS-001", "HS-002"]
    assert [h.code for h in household_list(officer, q="ANH")] == ["HS-003"]
    body = client_for(users["caothuong"]).get(reverse("households:household_list"), {"q": "van duc"}).content.decode()
    assert "HS-001" in body and "HS-002" not in body


def test_a_renamed_or_imported_head_is_found_by_the_new_name(make_household, officer):
    from households.services import household_update

    household = make_household("HS-001", head_name="Lê Văn Bình")
    household_update(actor=officer, household=household, version=household.version, head_name="Lê Thị Hằng")
    assert Household.objects.get().search_name == "le thi hang"
    assert [h.code for h in household_list(officer, q="le thi hang")] == ["HS-001"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def test_the_search_uses_the_trigram_index(make_household, officer):
    make_household("HS-001", head_name="Nguyễn Văn Đức")
    queryset = Household.objects.filter(search_name__contains="van duc").order_by()  # the list orders among the matches
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "household_search_name_trgm" in plan


def test_a_code_is_still_found_and_a_name_does_not_search_the_codes(make_household, officer):
    make_household("HS-001", head_name="Nguyễn Văn Đức")
    make_household("VAN-DUC", head_name="Trần Thị Ánh")
    assert [h.code for h in household_list(officer, q="hs-00")] == ["HS-001"]
    assert [h.code for h in household_list(officer, q="van-duc")] == ["VAN-DUC"]
    # "van duc" (a space) is in no code: only the names are searched
    assert [h.code for h in household_list(officer, q="van duc")] == ["HS-001"]
    where = str(household_filter(officer, q="van duc").query).split(" WHERE ", 1)[1].split(" ORDER BY ")[0]
    assert '"households_household"."search_name"' in where and '"households_household"."code"' not in where
    where = str(household_filter(officer, q="van-duc").query).split(" WHERE ", 1)[1].split(" ORDER BY ")[0]
    assert '"households_household"."code"' in where
