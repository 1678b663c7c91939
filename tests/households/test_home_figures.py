"""The home and unit pages show each unit's households, poor and near-poor counts of the latest
recognised periodic review, computed from the registry: 2024 in the demo, seed 003's expected counts
(Hoà Sơn 217 households, 4 poor, 6 near-poor)."""
import io
import re

from django.urls import reverse

from households import demo


def _row(html, name):
    row = re.search(r"<tr>\s*<td[^>]*>[^<]*</td>\s*<td><a[^>]*>" + re.escape(name) + r"</a>.*?</tr>", html, re.S).group(0)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r'<td class="num">(.*?)</td>', row, re.S)]


def test_commune_home_shows_seed_counts_per_group_and_total(units, users, client_for, django_assert_num_queries):
    demo.load(io.StringIO())
    client = client_for(users["caothuong"])
    # session, user, officer, children, latest year, one GROUP BY for the counts, the home panels' issued plans;
    # the dashboard panel (reports/home.py): its year, child units, trend of all years, plan targets, the year's
    # transitions and deprivations and the standard's indicators; the round panel's rounds taking results (none);
    # the households' open requests (households/home.py); the predecessors the unit may have (re-aggregation)
    with django_assert_num_queries(18):
        html = client.get(reverse("home")).content.decode()
    assert "Hộ nghèo 2024" in html and "Hộ cận nghèo 2024" in html
    # households, poor, rate, near-poor, rate: no "Đơn vị trực thuộc" column of zeros (villages have no sub-units)
    assert _row(html, "Hoà Sơn") == ["217", "4", "1,84", "6", "2,76"]
    assert _row(html, "H. Hoa Thám") == ["169", "0", "-", "3", "1,78"]
    assert "Đơn vị trực thuộc</th>" not in html
    total = re.search(r"<tfoot>.*?</tfoot>", html, re.S).group(0)
    assert [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r'<td class="num">(.*?)</td>', total, re.S)] == [
        "3.898", "54", "1,39", "110", "2,82"]


def test_supervisor_sees_rolled_up_counts_and_agency_officer_sees_none(units, users, client_for, agency_officer):
    demo.load(io.StringIO())
    html = client_for(users["tanyen"]).get(reverse("unit_detail", args=[units["216"].pk])).content.decode()
    assert _row(html, "Thị trấn Cao Thượng")[:3] == ["3.898", "54", "1,39"]
    assert '<td class="num d-none d-md-table-cell">26</td>' in html  # a commune's villages: this column counts
    assert "Hộ nghèo 2024" not in client_for(agency_officer).get(reverse("home")).content.decode()
