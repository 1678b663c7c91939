"""The household list's markup for phones (issue 12): the filters fold behind a button, each row is a card
whose cells carry their labels, and a writer has the edit action on every row (the layout itself is checked
in a browser: tests/e2e/test_phone_screens.py)."""
import re

from django.urls import reverse

LIST = reverse("households:household_list")


def test_the_list_folds_its_filters_and_keeps_the_edit_action(make_household, users, client_for):
    household = make_household("HS-001")
    html = client_for(users["caothuong"]).get(LIST).content.decode()
    assert 'data-bs-target="#household-filter"' in html and 'id="filter-toggle"' in html
    assert re.search(r'<form [^>]*class="[^"]*collapse filter-collapse[^"]*" id="household-filter"', html)
    row = html[html.index("<tbody>", html.index('id="household-table"')):html.index("</tbody>")]
    assert 'data-label="Tình trạng hiện tại"' in row and 'data-label="Chủ hộ">Nguyễn Văn An<' in row
    assert f'<a class="household-edit" href="{reverse("households:household_edit", args=[household.pk])}">Sửa</a>' in row

    leader = client_for(users["caothuong_ld"]).get(LIST).content.decode()
    assert "HS-001" in leader and 'class="household-edit"' not in leader  # read only: no edit action
