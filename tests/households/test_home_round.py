"""A commune's home starts with the round that takes results and how far its villages have got
(households/home.py through povertyplan.panels); other roles do not get the panel."""
import re

from django.urls import reverse

from households.services import review_create, review_submit

HOME = reverse("home")


def _panel(html):
    return html[html.index('id="panel-round"'):html.index("</div>\n</div>", html.index('id="panel-round"'))]


def _count(panel, key):
    return re.search(rf'data-key="{key}">([^<]*)<', panel).group(1)


def _review(household, review_round, users, submit=False):
    review = review_create(actor=users["caothuong"], household=household, round=review_round,
                           income_per_capita=1_800_000)
    if submit:
        review_submit(actor=users["caothuong"], review=review)
    return review


def test_the_commune_home_follows_the_open_round(make_household, make_round, users, client_for,
                                                 django_assert_num_queries):
    hoa_son = [make_household(f"HS-{n}") for n in range(1, 4)]
    cham = make_household("HS-9", village="07339-02")
    review_round = make_round(2025)
    make_round(2025, commune="07336")  # Cao Xá's round is not the town's business
    _review(hoa_son[0], review_round, users)
    _review(hoa_son[1], review_round, users, submit=True)
    client = client_for(users["caothuong"])
    client.get(HOME)
    # session, user, officer, children, the figures' year; the round panel: rounds taking results, villages,
    # households per village, reviews per village and state; the report panels' plans; the dashboard's year; the open requests
    with django_assert_num_queries(12):
        html = client.get(HOME).content.decode()
    panel = _panel(html)
    assert "Đang rà soát: Rà soát định kỳ năm 2025 – Thị trấn Cao Thượng" in panel and "Xã Cao Xá" not in panel
    assert "Thời gian rà soát: 01/09/2025 – 14/12/2025" in panel
    assert [_count(panel, key) for key in ("households", "reviewed", "draft", "returned", "submitted", "recognised")] \
        == ["4", "2", "1", "0", "1", "0"]
    assert 'aria-valuenow="50"' in panel and "2 thôn, tổ dân phố chưa rà soát xong:\n      Hoà Sơn, Chám" in panel
    assert f'href="{reverse("households:round_progress", args=[review_round.pk])}"' in panel
    assert html.index('id="panel-round"') < html.index('<h1 class="h3">')  # it comes first

    _review(hoa_son[2], review_round, users)
    _review(cham, review_round, users)
    with django_assert_num_queries(12):  # more households and results, the same queries
        panel = _panel(client.get(HOME).content.decode())
    assert _count(panel, "reviewed") == "4" and 'aria-valuenow="100"' in panel and "chưa rà soát xong" not in panel

    leader = _panel(client_for(users["caothuong_ld"]).get(HOME).content.decode())
    assert _count(leader, "submitted") == "1"
    assert 'id="panel-round"' not in client_for(users["tanyen"]).get(HOME).content.decode()


def test_no_open_round_says_so_and_offers_a_new_one(make_round, users, client_for):
    review_round = make_round(2024)
    type(review_round).objects.filter(pk=review_round.pk).update(locked_at="2025-01-10T09:00:00+07:00")
    panel = _panel(client_for(users["caothuong"]).get(HOME).content.decode())
    assert "Không có đợt rà soát nào đang mở." in panel and "Đang rà soát" not in panel
    assert f'href="{reverse("households:round_create")}"' in panel
    leader = _panel(client_for(users["caothuong_ld"]).get(HOME).content.decode())
    assert "Không có đợt rà soát nào đang mở." in leader and reverse("households:round_create") not in leader
