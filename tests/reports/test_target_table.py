"""Chỉ tiêu giao giảm nghèo (issue 9, item 3): the seed-003 annex reproduced from the demo data, as a page,
an .xlsx reopened with openpyxl and a PDF; scope and query counts."""
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from households import demo as households_demo
from programmes.demo_seed003 import SEED_003_GROUPS
from reports.tables import target_table
from reports.tables.target_table import Source

# Seed 003's totals row, as printed: 3898 15032 3924 | 90 2.31 | 54 1.39 | 135 3.46 | 110 2.80.
SEED_RATES = {  # name → (poor 2023 rate, poor 2024 rate, near-poor 2023 rate, near-poor 2024 rate) as printed
    "Hoà Sơn": ("3.69", "1.82", "4.61", "2.73"), "H. Hoa Thám": ("-", "-", "1.78", "1.76"),
    "Phố Mới": ("0.94", "0.56", "-", "0.00"), "Đông": ("2.00", "1.25", "4.67", "3.13"),
    "Tổng": ("2.31", "1.39", "3.46", "2.80"),
}
# Where the seed's own arithmetic differs from count / households × 100 (half up; "-" for zero), the app
# shows the computed value: (row, column) → (seed, computed).
SEED_DIFFERS = {("Tổng", "poor_rate"): ("1.39", "1.38"), ("Phố Mới", "near_poor_rate"): ("0.00", "-")}


@pytest.fixture
def seeded(seed_plan):
    households_demo.load(io.StringIO())
    return seed_plan


def _seed_rate(count, households):
    from povertyplan.lib.numbers import rate

    return "-" if not count else str(rate(count, households))


def test_the_seed_table_comes_back_from_the_registry_and_the_plan(seeded):
    table = target_table.build(seeded)
    assert [r.name for r in table.rows] == [g[0] for g in SEED_003_GROUPS]
    for row, (name, before, people, households, poor_before, poor, near_before, near) in zip(
            table.rows, SEED_003_GROUPS, strict=True):
        assert row.source == Source.REGISTRY, name  # the demo registry holds the 2023 review of every group
        v = row.values
        assert (v["households_before"], v["people"], v["households"], v["poor_before"], v["poor"],
                v["near_poor_before"], v["near_poor"]) == (before, people, households, poor_before, poor, near_before, near)
    total = table.total.values
    assert (total["households_before"], total["people"], total["households"], total["poor_before"], total["poor"],
            total["near_poor_before"], total["near_poor"]) == (3898, 15032, 3924, 90, 54, 135, 110)
    assert (total["poor_before_rate"], total["poor_rate"], total["near_poor_before_rate"], total["near_poor_rate"]) == (
        Decimal("2.31"), Decimal("1.38"), Decimal("3.46"), Decimal("2.80"))


def test_rates_are_recomputed_and_the_cells_where_the_seed_differs_are_named(seeded):
    table = target_table.build(seeded)
    rows = {r.name: r for r in [*table.rows, table.total]}
    keys = ["poor_before_rate", "poor_rate", "near_poor_before_rate", "near_poor_rate"]
    differing = {}
    for name, printed in SEED_RATES.items():
        texts = dict(zip(target_table.KEYS, rows[name].texts(), strict=True))
        for key, seed_value in zip(keys, printed, strict=True):
            if texts[key].replace(",", ".") != seed_value:
                differing[(name, key)] = (seed_value, texts[key].replace(",", "."))
    assert differing == SEED_DIFFERS
    # every other rate of the seed is what the app computes
    for name, before, _people, households, poor_before, _poor, _near_before, near in SEED_003_GROUPS:
        texts = dict(zip(target_table.KEYS, rows[name].texts(), strict=True))
        assert texts["poor_before_rate"].replace(",", ".") == _seed_rate(poor_before, before)
        assert texts["near_poor_rate"].replace(",", ".") == _seed_rate(near, households)


def test_units_whose_registry_is_incomplete_use_the_entered_baselines(seed_plan):
    # no households loaded: every group's 2023 figures are the plan's baselines, and the table says so
    table = target_table.build(seed_plan)
    assert {r.source for r in table.rows} == {Source.ENTERED}
    assert table.rows[0].values["poor_before"] == 8 and table.rows[0].values["households_before"] == 217
    assert "Số liệu nhập" in table.source_text(table.rows[0])


def test_the_page_shows_every_number_of_the_seed(client_for, users, seeded):
    body = client_for(users["caothuong"]).get(f"/reports/plans/{seeded.pk}/target-table/").content.decode()
    assert "CHỈ TIÊU GIAO GIẢM NGHÈO NĂM 2024" in body and "ngày 25 tháng 01 năm 2024" in body
    for name, *numbers in SEED_003_GROUPS:
        row = body.split(f'<td class="name">{name}</td>')[1].split("</tr>")[0]
        cells = [c.split("</td>")[0] for c in row.split('<td class="num">')[1:]]
        assert [cells[i] for i in (0, 1, 2, 3, 5, 7, 9)] == [
            f"{n:,}".replace(",", ".") for n in numbers[:3] + [numbers[3], numbers[4], numbers[5], numbers[6]]], name
    total = body.split('id="target-total"')[1].split("</tr>")[0]
    assert [c.split("</td>")[0] for c in total.split('<td class="num">')[1:]] == [
        "3.898", "15.032", "3.924", "90", "2,31", "54", "1,38", "135", "3,46", "110", "2,80"]
    assert 'data-source="registry"' in body and "Sổ hộ (rà soát 2023)" in body


def _workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))


def test_the_xlsx_has_the_layout_numbers_formats_and_print_settings(client_for, users, seeded):
    response = client_for(users["caothuong"]).get(f"/reports/plans/{seeded.pk}/target-table.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = _workbook(response).active
    assert sheet["A1"].value == "CHỈ TIÊU GIAO GIẢM NGHÈO NĂM 2024"
    assert sheet["A2"].value.startswith("(Kèm theo Kế hoạch số:") and "25 tháng 01 năm 2024" in sheet["A2"].value
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:N1", "A2:N2", "A4:A6", "B4:B6", "C4:E4", "C5:C6", "F4:M4", "F5:G5", "H5:I5", "J5:K5", "L5:M5",
            "N4:N6"} <= merged
    assert (sheet["F5"].value, sheet["H5"].value, sheet["J5"].value, sheet["L5"].value) == (
        "Hộ nghèo 2023", "Hộ nghèo dự kiến 2024", "Hộ cận nghèo 2023", "Hộ cận nghèo dự kiến 2024")
    assert [c.value for c in sheet[7]][:13] == ["A", "B", *[str(n) for n in range(1, 12)]]
    first = [c.value for c in sheet[8]]
    assert first[:13] == [1, "Hoà Sơn", 217, 818, 220, 8, 3.69, 4, 1.82, 10, 4.61, 6, 2.73]
    assert sheet["C8"].number_format == "#,##0" and sheet["G8"].number_format == '#,##0.00;-#,##0.00;"-"'
    assert sheet["C8"].border.left.style == "thin" and sheet["D5"].border.bottom.style == "thin"
    for (name, *numbers), row in zip(SEED_003_GROUPS, sheet.iter_rows(min_row=8, max_row=33, values_only=True),
                                     strict=True):
        assert row[1] == name
        assert [row[i] for i in (2, 3, 4, 5, 7, 9, 11)] == [numbers[0], numbers[1], numbers[2], numbers[3], numbers[4],
                                                          numbers[5], numbers[6]]
    total = [c.value for c in sheet[34]]
    assert total[1:13] == ["Tổng", 3898, 15032, 3924, 90, 2.31, 54, 1.38, 135, 3.46, 110, 2.8]
    assert sheet["I34"].value == 1.38  # the seed prints 1.39 (SEED_DIFFERS)
    hoa_tham = [c.value for c in sheet[26]]  # TT 19: no poor household, rate 0 drawn as "-" by its format
    assert hoa_tham[1] == "H. Hoa Thám" and hoa_tham[5:7] == [0, 0]
    assert sheet.freeze_panes == "C8" and sheet.print_title_rows == "$4:$7"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["B"].width == 22
    # the file is the import's template: the counts it reads back (columns 1-4, 6, 8, 10) take whole numbers only
    counts = {str(v.sqref): (v.type, v.formula1, v.formula2) for v in sheet.data_validations.dataValidation}
    assert counts == {f"{letter}8:{letter}33": ("whole", "0", "10000000") for letter in "CDEFHJL"}


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)"])
def test_a_unit_name_that_looks_like_a_formula_stays_text(client_for, users, seeded, units, name):
    from povertyplan.models import AdministrativeUnit

    AdministrativeUnit.objects.filter(pk=units["07339-01"].pk).update(name=name)
    sheet = _workbook(client_for(users["caothuong"]).get(f"/reports/plans/{seeded.pk}/target-table.xlsx")).active
    assert sheet["B8"].value == name and sheet["B8"].data_type == "s"


def test_the_pdf_is_a_pdf_of_the_table(client_for, users, seeded):
    response = client_for(users["caothuong"]).get(f"/reports/plans/{seeded.pk}/target-table.pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert 'filename="chi-tieu-giam-ngheo-07339-2024-' in response["Content-Disposition"]


@pytest.mark.parametrize("suffix", ["target-table/", "target-table.xlsx", "target-table.pdf"])
def test_outside_the_scope_every_view_is_404(client_for, users, seeded, units, suffix):
    assert client_for(users["caoxa"]).get(f"/reports/plans/{seeded.pk}/{suffix}").status_code == 404
    # a unit outside the plan's area, asked for by id, is 404 too
    other = units["07336"].pk
    assert client_for(users["caothuong"]).get(f"/reports/plans/{seeded.pk}/{suffix}?unit={other}").status_code == 404


def test_the_plan_and_targets_pages_link_the_table(client_for, users, seeded):
    client = client_for(users["caothuong"])
    url = f"/reports/plans/{seeded.pk}/target-table/"
    assert f'href="{url}" id="target-table-link"' in client.get(f"/programmes/plans/{seeded.pk}/").content.decode()
    assert f'href="{url}" id="target-table-link"' in client.get(f"/reports/plans/{seeded.pk}/targets/").content.decode()


@pytest.mark.parametrize("count", [1, 26])
def test_query_count_does_not_grow_with_the_units(client_for, users, make_plan, units, count,
                                                  django_assert_num_queries):
    from programmes import reference
    from programmes.models import Indicator
    from tests.programmes.test_targets import allocate_seed

    reference.load_reference()
    plan = make_plan("07339")
    allocate_seed(plan, units, {i.code: i for i in Indicator.objects.all()}, count=count)
    client = client_for(users["caothuong"])
    client.get(f"/reports/plans/{plan.pk}/target-table/")
    # session, user, officer, plan, child units, targets, kept figures
    with django_assert_num_queries(7):
        body = client.get(f"/reports/plans/{plan.pk}/target-table/").content.decode()
    assert body.count('<tr data-unit="') == 26
    with django_assert_num_queries(7):
        client.get(f"/reports/plans/{plan.pk}/target-table.xlsx")
