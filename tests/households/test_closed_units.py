"""Closed units can be looked at but take nothing new after their end date (issue 10 item 2): thị trấn Cao Thượng
and its tổ dân phố closed on 30/06/2025 take no round, plan, report, household or result of a later period, each
refused with the same message (povertyplan.routing.require_open), through the service and through the page."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from households.models import Household, Review, ReviewRound
from households.services import household_create, review_create, round_create
from povertyplan.models import AuditEvent

CLOSED = "Thị trấn Cao Thượng đã hết hiệu lực từ sau ngày 30/06/2025: không tạo {what} mới cho đơn vị này; " \
         "hãy dùng đơn vị kế thừa."


def test_a_closed_commune_refuses_a_new_round_and_its_successor_takes_it(units, users, standards):
    for year, month, kind in ((2026, None, "periodic"), (2025, 7, "regular")):
        with pytest.raises(ValidationError) as refused:
            round_create(actor=users["caothuong"], commune=units["07339"], year=year, kind=kind, month=month)
        assert refused.value.message_dict["commune"] == [CLOSED.format(what="đợt rà soát")]
    assert not ReviewRound.objects.exists()
    assert not AuditEvent.objects.filter(action="round.create").exists()
    # what began before the end stays possible (the town's own 2025 round, June's regular review) …
    round_create(actor=users["caothuong"], commune=units["07339"], year=2025)
    round_create(actor=users["caothuong"], commune=units["07339"], year=2025, kind="regular", month=6)
    # … and xã Tân Yên, open from 01/07/2025, takes the 2025 review and the later ones
    for year in (2025, 2026):
        round_create(actor=users["xatanyen"], commune=units["07339@2025"], year=year)
    assert ReviewRound.objects.count() == 4


def test_the_round_page_shows_the_message_and_saves_nothing(units, users, client_for, standards):
    response = client_for(users["caothuong"]).post(reverse("households:round_create"), {
        "commune": units["07339"].pk, "year": 2026, "kind": "periodic"})
    assert response.status_code == 200
    assert CLOSED.format(what="đợt rà soát") in response.content.decode()
    assert not ReviewRound.objects.exists()


def test_a_closed_village_takes_no_new_household_through_the_service_and_the_page(units, users, client_for,
                                                                                 standards):
    message = "Tổ dân phố Hoà Sơn đã hết hiệu lực từ sau ngày 30/06/2025: không tạo hộ mới cho đơn vị này; " \
              "hãy dùng đơn vị kế thừa."
    assert units["07339-01"].full_name == "Tổ dân phố Hoà Sơn"
    with pytest.raises(ValidationError) as refused:
        household_create(actor=users["caothuong"], village=units["07339-01"], code="HS-900", head_name="Lê Văn Tư")
    assert refused.value.message_dict["village"] == [message]
    response = client_for(users["caothuong"]).post(reverse("households:household_create"), {
        "code": "HS-900", "village": units["07339-01"].pk, "head_name": "Lê Văn Tư"})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Household.objects.exists()
    # its successor, the carried tổ dân phố of xã Tân Yên, takes it
    household = household_create(actor=users["xatanyen"], village=units["07339-01@2025"], code="HS-900",
                                 head_name="Lê Văn Tư")
    assert household.commune == units["07339@2025"]


def test_a_round_of_a_period_after_the_end_takes_no_result(units, users, household, indicators):
    # a round that predates the rule (written directly, as old data may hold one)
    stray = ReviewRound.objects.create(commune=units["07339"], year=2026)
    with pytest.raises(ValidationError) as refused:
        review_create(actor=users["caothuong"], household=household, round=stray, income_per_capita=1_000_000,
                      deprivations=indicators(2026, "1"))
    assert refused.value.message_dict["commune"] == [CLOSED.format(what="đợt rà soát")]
    assert not Review.objects.exists()
    assert datetime.date(2025, 6, 30) == units["07339"].valid_to
