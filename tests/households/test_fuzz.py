"""Hypothesis against the household import and forms: any cell or field value gives a result or a
message naming its cell or field — never an exception — and a refused file changes nothing."""
import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from households.forms import MemberForm, ReviewForm
from households.models import PovertyStandard
from households.services import member_create
from households.services.imports import households_import
from povertyplan.lib.tabular import ImportFailed
from tests.households.test_excel import state, upload, workbook

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# text as an .xlsx can hold it (no control characters)
cells = st.one_of(st.text(max_size=40).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)),
                  st.integers(min_value=-2 ** 70, max_value=2 ** 70),
                  st.floats(allow_nan=False, allow_infinity=False), st.none(),
                  st.sampled_from(["1.500.000", "1500000.5", "2024", "29/02/2024", "31/02/2024", "024070001234",
                                   "=1+1", "Có", "x" * 300]))


class _Rollback(Exception):
    pass


def _isolated(run):
    """Run one example in a savepoint rolled back afterwards, so examples do not see each other's rows."""
    try:
        with transaction.atomic():
            run()
            raise _Rollback
    except _Rollback:
        pass


@pytest.mark.django_db
@FUZZ
@given(code=cells, head=cells, year=cells, income=cells, deprivations=cells, decision=cells,
       birth_date=cells, birth_year=cells, id_number=cells, sex=cells)
def test_household_import_answers_every_cell(officer, units, code, head, year, income, deprivations, decision,
                                             birth_date, birth_year, id_number, sex):
    households = [[code, "07339-01", head, "", "", "", "", "", year, income, deprivations, "", decision, ""]]
    members = [[code, head, sex, birth_date, birth_year, id_number, "Chủ hộ", "", "", "", ""]]

    def run():
        before = state()
        try:
            households_import(actor=officer, commune=units["07339"], file=upload(workbook(households, members)))
        except ImportFailed as failure:
            assert failure.errors and all(e.row and e.column and e.message for e in failure.errors)
            assert state() == before

    _isolated(run)


@pytest.mark.django_db
@FUZZ
@given(data=st.fixed_dictionaries({
    "full_name": st.text(max_size=200), "sex": st.sampled_from(["male", "female", "x", ""]),
    "birth_date": st.one_of(st.text(max_size=12), st.dates().map(lambda d: d.strftime("%d/%m/%Y"))),
    "birth_year": st.one_of(st.text(max_size=8), st.integers(min_value=-10 ** 40, max_value=10 ** 40).map(str)),
    "id_number": st.text(max_size=14), "relation": st.sampled_from(["head", "child", "nope"]),
    "ethnicity": st.text(max_size=60), "income_per_capita": st.text(max_size=45),
}))
def test_member_and_review_forms_and_services_answer_every_value(household, officer, data):
    standard = PovertyStandard.objects.order_by("valid_from").last()
    review = ReviewForm({"income_per_capita": data["income_per_capita"]}, standard=standard)
    if not review.is_valid():
        assert "income_per_capita" in review.errors
    form = MemberForm(data)

    def run():
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                member_create(actor=officer, household=household, **values)
            except Exception as exc:  # only a ValidationError naming a field is acceptable
                assert exc.__class__.__name__ == "ValidationError" and exc.message_dict
        else:
            assert set(form.errors) <= set(form.fields) | {"__all__"}

    _isolated(run)
