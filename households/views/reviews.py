from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from households import services
from households.access import (
    READ_ROLES,
    WRITE_ROLES,
    get_household_for_user,
    get_review_for_user,
    review_actions,
    round_actions,
    rounds_in_scope,
)
from households.classification import classify
from households.forms import DecisionForm, ReasonForm, ReviewForm
from households.services.reviews import closed_round_message
from households.standards import standard_in_force
from households.views.common import add_errors
from povertyplan.access import officer_required


def _review_data(form):
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data["deprivations"] = list(data["deprivations"])
    return data


@officer_required(*WRITE_ROLES)
def review_create(request, pk, round_pk):
    household = get_household_for_user(request.user, pk, write=True)
    review_round = rounds_in_scope(request.user).filter(pk=round_pk, commune=household.commune).first()
    if review_round is None:
        raise Http404
    if not round_actions(request.user, review_round).add_results:
        messages.error(request, closed_round_message())
        return redirect("households:household_detail", household.pk)
    try:
        standard = standard_in_force(review_round.standard_date())
    except ValidationError as exc:  # a round opened before the service checked the standard
        messages.error(request, " ".join(exc.messages))
        return redirect("households:household_detail", household.pk)
    form = ReviewForm(request.POST or None, standard=standard)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_create(actor=request.user, household=household, round=review_round,
                                            **_review_data(form))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi kết quả rà soát: %(result)s.") % {
                "result": review.get_classification_display()})
            return redirect("households:review_detail", review.pk)
    return render(request, "households/review_form.html", {
        "form": form, "household": household, "round": review_round, "standard": standard,
        "result": _live_result(form, household, review_round, standard)})


@officer_required(*WRITE_ROLES)
def review_edit(request, pk):
    review = get_review_for_user(request.user, pk, write=True)
    if not review.is_editable:
        messages.error(request, _("Kết quả rà soát ở trạng thái “%(state)s” không sửa được.")
                       % {"state": review.get_state_display()})
        return redirect("households:review_detail", review.pk)
    form = ReviewForm(request.POST or None, standard=review.standard, initial=ReviewForm.initial_for(review))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.review_update(actor=request.user, review=review, version=form.cleaned_data["version"],
                                   **_review_data(form))
        except services.VersionConflict as exc:
            conflict = exc
            data = form.data.copy()
            data["version"] = exc.current_version
            form.data = data
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu kết quả rà soát."))
            return redirect("households:review_detail", review.pk)
    return render(request, "households/review_form.html", {
        "form": form, "household": review.household, "round": review.round, "standard": review.standard,
        "review": review, "conflict": conflict,
        "result": _live_result(form, review.household, review.round, review.standard, review)})


def _live_result(form, household, review_round, standard, review=None):
    """The classification to show next to the form: of the typed values, else of the saved review."""
    if form.is_bound:
        return classify_form(form.data, household, review_round, standard)
    if review is not None:
        return {"classification": review.classification, "label": review.get_classification_display(),
                "income": review.income_per_capita, "count": review.deprivation_count,
                **_lines(household, standard)}
    return None


def _lines(household, standard):
    return {"line": standard.poor_line(household.area), "average_line": standard.average_line(household.area),
            "minimum": standard.min_deprivations, "area": household.village.get_area_display()}


def classify_form(data, household, review_round, standard):
    """classify() on whatever the officer has typed so far; None until the income is a number."""
    form = ReviewForm(data, standard=standard)
    form.is_valid()
    income = form.cleaned_data.get("income_per_capita")
    if income is None:
        return None
    count = len(form.cleaned_data.get("deprivations") or [])
    result = classify(income_per_capita=income, deprivation_count=count, area=household.area,
                      on_date=review_round.standard_date(), standard=standard)
    return {"classification": result.value, "label": result.label, "income": income, "count": count,
            **_lines(household, standard)}


@require_POST
@officer_required(*READ_ROLES)
def review_classify(request, pk, round_pk):
    """htmx: the live classification of the review form (the result is computed again on save)."""
    household = get_household_for_user(request.user, pk)
    review_round = rounds_in_scope(request.user).filter(pk=round_pk, commune=household.commune).first()
    if review_round is None:
        raise Http404
    try:
        standard = standard_in_force(review_round.standard_date())
    except ValidationError:
        return render(request, "households/_classification.html", {"result": None})
    return render(request, "households/_classification.html", {
        "result": classify_form(request.POST, household, review_round, standard)})


@officer_required(*READ_ROLES)
def review_detail(request, pk):
    review = get_review_for_user(request.user, pk)
    return render(request, "households/review_detail.html", {
        "review": review, "household": review.household,
        "deprivations": review.deprivations.order_by("order"), "causes": review.causes.all(),
        "actions": review_actions(request.user, review),
        "decision_form": DecisionForm(), "reason_form": ReasonForm(),
    })


def _act(request, pk, action, form_class=None):
    review = get_review_for_user(request.user, pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("households:review_detail", review.pk)
    try:
        action(review, **(form.cleaned_data if form else {}))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("households:review_detail", review.pk)


# The actions answer 404 outside the scope for every role; inside it the service refuses (403)
# whoever the workflow does not allow.
@require_POST
@officer_required(*READ_ROLES)
def review_submit(request, pk):
    def act(review):
        services.review_submit(actor=request.user, review=review)
        messages.success(request, _("Đã gửi kết quả rà soát."))
    return _act(request, pk, act)


@require_POST
@officer_required(*READ_ROLES)
def review_recognise(request, pk):
    def act(review, decision_number, decision_date):
        services.review_recognise(actor=request.user, review=review, decision_number=decision_number,
                                  decision_date=decision_date)
        messages.success(request, _("Đã ghi quyết định công nhận."))
    return _act(request, pk, act, DecisionForm)


@require_POST
@officer_required(*READ_ROLES)
def review_return(request, pk):
    def act(review, reason):
        services.review_return(actor=request.user, review=review, reason=reason)
        messages.success(request, _("Đã trả lại kết quả rà soát."))
    return _act(request, pk, act, ReasonForm)


@require_POST
@officer_required(*READ_ROLES)
def review_reopen(request, pk):
    def act(review, reason):
        services.review_reopen(actor=request.user, review=review, reason=reason)
        messages.success(request, _("Đã mở lại kết quả rà soát."))
    return _act(request, pk, act, ReasonForm)
