"""The dashboard's SVG charts: one bar per unit and series with its value written beside it, axis labels,
series told apart without colour (solid vs hatched bars, filled dots vs hollow squares), names escaped."""
import re
from decimal import Decimal
from xml.etree import ElementTree

from reports.charts import _nice_max, trend_chart, unit_bars

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg, cls):
    return [t.text for t in ElementTree.fromstring(svg).iter(f"{SVG}text") if cls in (t.get("class") or "").split()]


def test_unit_bars_draw_one_bar_per_unit_and_series_with_its_value():
    svg = unit_bars([("Hoà Sơn", Decimal("3.69"), Decimal("4.61")), ("Chám", Decimal("2.11"), None),
                     ("H. Hoa Thám", None, Decimal("1.78"))], title="Tỷ lệ năm 2023")
    tree = ElementTree.fromstring(svg)  # well-formed XML
    assert tree.find(f"{SVG}title").text == "Tỷ lệ năm 2023"
    bars = [r for r in tree.iter(f"{SVG}rect") if "bar" in (r.get("class") or "").split()]
    assert [r.get("class") for r in bars] == ["bar poor", "bar near_poor"] * 3
    assert _texts(svg, "poor") == ["3,69", "2,11", "-"]
    assert _texts(svg, "near_poor") == ["4,61", "-", "1,78"]
    assert bars[0].get("fill") == "#333" and bars[1].get("fill") == "url(#units-hatch)"  # pattern, not colour
    widths = [float(r.get("width")) for r in bars]
    assert widths[2] < widths[0] < widths[1] and widths[3] == 0  # proportional to the values
    assert _texts(svg, "axis-label") == ["Tỷ lệ (%)"]
    assert [t.text for t in tree.iter(f"{SVG}text")][:2] == ["Hộ nghèo", "Hộ cận nghèo"]  # the legend


def test_unit_names_are_escaped_and_long_ones_shortened_with_the_full_name_kept():
    svg = unit_bars([("<script>alert(1)</script> Tổ dân phố rất dài tên", Decimal("1"), Decimal("2"))], title="x")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ElementTree.fromstring(svg)
    assert re.search(r"<title>&lt;script&gt;alert\(1\)&lt;/script&gt; Tổ dân phố rất dài tên</title>", svg)


def test_trend_chart_marks_each_year_and_labels_every_point():
    svg = trend_chart([(2022, Decimal("3.80"), Decimal("4.56")), (2023, Decimal("2.40"), Decimal("3.55"))],
                      title="Qua các năm")
    tree = ElementTree.fromstring(svg)
    assert _texts(svg, "year") == ["2022", "2023"]
    assert _texts(svg, "poor") == ["3,80", "2,40"] and _texts(svg, "near_poor") == ["4,56", "3,55"]
    assert len([c for c in tree.iter(f"{SVG}circle") if c.get("class") == "point poor"]) == 2
    assert len([r for r in tree.iter(f"{SVG}rect") if r.get("class") == "point near_poor"]) == 2
    lines = {p.get("class"): p for p in tree.iter(f"{SVG}polyline")}
    assert lines["line near_poor"].get("stroke-dasharray") == "5 3" and lines["line poor"].get("stroke-dasharray") is None
    assert _texts(svg, "axis-label") == ["Năm", "Tỷ lệ (%)"]


def test_nothing_to_draw_and_the_axis_ends_on_a_round_number():
    assert unit_bars([], title="x") == "" and trend_chart([], title="x") == ""
    assert _nice_max(Decimal("9.21")) == (Decimal("10"), Decimal("2"))
    assert _nice_max(Decimal("4.56")) == (Decimal("5"), Decimal("1"))
    assert _nice_max(Decimal("0.3")) == (Decimal("0.5"), Decimal("0.1"))
    assert _nice_max(Decimal("100")) == (Decimal("100"), Decimal("20"))
    assert _nice_max(None) == (Decimal(1), Decimal("0.2"))
