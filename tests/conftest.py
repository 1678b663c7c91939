"""Shared fixtures: the demo tree (thị trấn Cao Thượng and its neighbours) and its officers."""
import io

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.utils import translation

from povertyplan import demo as core_demo
from povertyplan.models import AdministrativeUnit, Officer, Role


@pytest.fixture(autouse=True)
def vietnamese():
    """Each test starts in Vietnamese, whatever language an earlier request switched to."""
    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture
def units(db):
    """The demo units by code; units closed in 2025 under their own code, the new ones as "<code>@2025"."""
    core_demo.load(io.StringIO())
    by_code = {}
    for unit in AdministrativeUnit.objects.all():
        key = unit.code if unit.valid_to else f"{unit.code}@2025"
        by_code[key] = unit
    return by_code


@pytest.fixture
def users(units):
    """The demo users by username: caothuong, caoxa (commune), tanyen (supervisor), admin."""
    return {u.username: u for u in get_user_model().objects.filter(officer__isnull=False)}


def make_officer(username, role, unit, **extra):
    user = get_user_model().objects.create_user(username=username, password="x", **extra)
    Officer.objects.create(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def agency_officer(units):
    return make_officer("yte", Role.AGENCY, units["216"])


@pytest.fixture
def client_for(client):
    """client_for(user) → the test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


def _bad_file_names():
    from tests.data.bad import names

    return names()


@pytest.fixture(params=_bad_file_names())
def bad_file(request):
    """(name, bytes) of one file of the bad-file corpus (tests/data/bad/); a test using it runs once per file."""
    from tests.data.bad import read

    return request.param, read(request.param)


@pytest.fixture
def on_26_11_2026():
    """Today is Thursday 26/11/2026, 09:00 in Việt Nam (the clock moves on from there): for tests whose
    deadlines, overdue marks and "not after today" rules are written against that day."""
    import datetime
    import zoneinfo

    import time_machine

    moment = datetime.datetime(2026, 11, 26, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(moment, tick=True):
        yield moment


# The database aliases of a transactional test whose jobs report progress on their own connection, as in
# production: mark it `@pytest.mark.django_db(transaction=True, databases=JOBS_DATABASES)` and use
# `jobs_connection`. "jobs" exists on PostgreSQL only (a TEST MIRROR of default); SQLite has one connection.
JOBS_DATABASES = ["default", "jobs"] if "jobs" in django_settings.DATABASES else ["default"]


@pytest.fixture
def jobs_connection(settings):
    """Job progress written on the "jobs" connection (autocommit) while the job's own transaction is open, so a
    page polled meanwhile sees it. Only for transactional tests: inside a test's transaction the job row is
    not committed, so another connection cannot see it (settings_test keeps progress on "default")."""
    settings.JOBS_PROGRESS_DB = JOBS_DATABASES[-1]


def before_the_reform():
    """A context in which today is 01/06/2025, 09:00 in Việt Nam: households of thị trấn Cao Thượng's tổ dân
    phố (closed 30/06/2025) are entered as they were, before the reform (household_create refuses a closed
    village after its end)."""
    import datetime
    import zoneinfo

    import time_machine

    return time_machine.travel(datetime.datetime(2025, 6, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")),
                               tick=True)


def create_household(**values):
    """household_create, before the reform when the village has closed since (the seed 003 town's history)."""
    from django.utils import timezone

    from households.services import household_create

    if values["village"].is_open_on(timezone.localdate()):
        return household_create(**values)
    with before_the_reform():
        return household_create(**values)
