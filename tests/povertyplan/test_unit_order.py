"""Units in their codes' natural order everywhere a list of units is offered (issue 12 item 3)."""
import re

import pytest
from django.db import transaction
from django.urls import reverse

from povertyplan.ordering import natural_key, sort_in_tree_order
from povertyplan.services import unit_create


def test_natural_key_compares_numbers_as_numbers():
    codes = ["07336-10", "07336-9", "07336-02", "07339", "07336"]
    assert sorted(codes, key=natural_key) == ["07336", "07336-02", "07336-9", "07336-10", "07339"]


@pytest.fixture
def late_villages(units, users):
    """Villages of xã Cao Xá created out of code order: their ids (and so their paths) sort the wrong way."""
    commune = units["07336"]
    kind = units["07336-01"].kind
    with transaction.atomic():
        return [unit_create(actor=users["admin"], code=code, name=name, kind=kind, parent=commune,
                            valid_from=commune.valid_from, valid_to=commune.valid_to)
                for code, name in (("07336-10", "Thôn Mười"), ("07336-9", "Thôn Chín"), ("07336-04", "Thôn Bốn"))]


def _options(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="\d+"[^>]*>[^<]*\((\S+)\)</option>', select)


def test_village_choice_and_unit_filter_follow_the_codes(late_villages, units, users, client_for):
    assert [u.pk for u in late_villages] == sorted(u.pk for u in late_villages)  # ids in creation order
    client = client_for(users["caoxa"])
    villages = _options(client.get(reverse("households:household_create")).content.decode(), "village")
    assert villages == ["07336-01", "07336-02", "07336-03", "07336-04", "07336-9", "07336-10"]
    units_filter = _options(client.get(reverse("households:household_list")).content.decode(), "unit")
    assert units_filter == ["07336", "07336-01", "07336-02", "07336-03", "07336-04", "07336-9", "07336-10"]


def test_tree_order_keeps_children_under_their_parent(units):
    town = [u for u in units.values() if u.path.startswith(units["07339"].path)]
    ordered = [u.code for u in sort_in_tree_order(town)]
    assert ordered[:3] == ["07339", "07339-01", "07339-02"] and ordered[-1] == "07339-26"
    district = [units["216"], units["07339"], units["07336"], units["07336-02"], units["07336-01"], units["07339-01"]]
    assert [u.code for u in sort_in_tree_order(district)] == ["216", "07336", "07336-01", "07336-02", "07339",
                                                             "07339-01"]


def test_paginated_lists_follow_the_tree_of_codes(late_villages, units, users):
    """SQL order for paginated lists (officers, agencies, plans): the tree by codes, whatever the ids."""
    from povertyplan.models import AdministrativeUnit, Role
    from povertyplan.ordering import tree_code
    from povertyplan.selectors import officers
    from tests.conftest import make_officer

    ten, _nine, four = late_villages  # 07336-10 was created before 07336-04: a smaller id
    make_officer("thon10", Role.COMMUNE, ten)
    make_officer("thon04", Role.COMMUNE, four)
    listed = [o.user.username for o in officers(users["tanyen"]) if o.unit.code.startswith("07336")]
    assert listed == ["caoxa", "caoxa_ld", "thon04", "thon10"]
    tree = list(AdministrativeUnit.objects.filter(path__startswith=units["216"].path, valid_to__isnull=False)
                .order_by(tree_code()).values_list("code", flat=True))
    assert tree[:5] == ["216", "07336", "07336-01", "07336-02", "07336-03"]
    assert tree.index("07336-04") < tree.index("07336-10") < tree.index("07339") < tree.index("07339-01")
    assert tree.index("07339-01") == tree.index("07339") + 1 and tree[-1] == "07339-26"
