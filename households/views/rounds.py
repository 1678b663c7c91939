from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from households import selectors, selectors_procedure, services
from households.access import READ_ROLES, WRITE_ROLES, get_round_for_user, is_commune_officer, round_actions
from households.forms import DecisionForm, RoundForm
from households.forms_procedure import (
    CertificateForm,
    ComplaintForm,
    ListAddForm,
    NumberedDecisionForm,
    PostingForm,
    ResolutionForm,
)
from households.models import Household, PovertyStandard, ReviewState
from households.standards import unconfirmed_standards_of
from households.views.common import add_errors, querystring_without_page
from povertyplan.access import officer_required

ROUND_PAGE_SIZE = 30


@officer_required(*READ_ROLES)
def round_list(request):
    page = selectors.round_page(request.user, request.GET.get("page"), ROUND_PAGE_SIZE)
    return render(request, "households/round_list.html", {
        "page": page, "rounds": page.object_list, "query": querystring_without_page(request),
        "can_create": is_commune_officer(request.user), "unconfirmed": unconfirmed_standards_of(page.object_list)})


@officer_required(*WRITE_ROLES)
def round_create(request):
    form = RoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            review_round = services.round_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã mở %(round)s.") % {"round": review_round})
            return redirect("households:round_progress", review_round.pk)
    return render(request, "households/round_form.html", {"form": form})


@officer_required(*READ_ROLES)
def round_progress(request, pk):
    review_round = get_round_for_user(request.user, pk)
    rows, total = selectors.round_progress(review_round)
    actions = round_actions(request.user, review_round)
    context = {"round": review_round, "rows": rows, "total": total, "window": review_round.window(),
               "actions": actions, "standard": PovertyStandard.objects.in_force(review_round.standard_date()).first(),
               "decision_form": NumberedDecisionForm() if review_round.follows_procedure else DecisionForm()}
    if review_round.follows_procedure:
        households = Household.objects.filter(commune=review_round.commune).order_by("code")
        procedure = selectors.round_procedure(review_round)
        posting = procedure["posting"]
        context.update(procedure=procedure,
                       posting_form=PostingForm(initial={"starts_on": posting.starts_on, "ends_on": posting.ends_on}
                                                if posting else None),
                       complaint_form=ComplaintForm(households=households),
                       list_add_form=ListAddForm(households=households), resolution_form=ResolutionForm(),
                       can_write=actions.lock, certificate_form=CertificateForm(),
                       decisions=selectors.round_decisions(review_round),
                       history=selectors_procedure.round_history(review_round))
    return render(request, "households/round_progress.html", context)


@require_POST
@officer_required(*READ_ROLES)
def round_recognise(request, pk):
    """The leader's decision for every submitted review of the round (the service refuses anyone else)."""
    review_round = get_round_for_user(request.user, pk)
    form = (NumberedDecisionForm if review_round.follows_procedure else DecisionForm)(request.POST)
    if form.is_valid():
        data = {"decision_number": "", **form.cleaned_data}
        try:
            count = services.round_recognise(actor=request.user, round=review_round, **data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            number = review_round.reviews.filter(decision_date=data["decision_date"]).exclude(
                decision_number="").order_by("-recognised_at").values_list("decision_number", flat=True).first()
            messages.success(request, _("Đã công nhận %(count)s hộ theo quyết định %(number)s.")
                             % {"count": count, "number": number})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("households:round_progress", review_round.pk)


@officer_required(*READ_ROLES)
def round_lock(request, pk):
    """GET: what the lock would leave open, and a confirmation; POST: lock with the ids the page showed."""
    review_round = get_round_for_user(request.user, pk, write=True)
    if request.method == "POST":
        try:
            count = services.round_lock(actor=request.user, round=review_round,
                                        leave_open=_ids(request.POST.get("leave_open", "")))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("households:round_lock", review_round.pk)
        messages.success(request, _("Đã khóa sổ %(round)s: %(count)s kết quả đã công nhận được khóa.")
                         % {"round": review_round, "count": count})
        return redirect("households:round_progress", review_round.pk)
    open_reviews = review_round.open_reviews().select_related("household__village").order_by(
        "household__village__code", "household__code")
    open_ids = list(open_reviews.values_list("pk", flat=True))
    return render(request, "households/round_lock.html", {
        "round": review_round, "open_reviews": open_reviews[:LOCK_LIST_ROWS],
        "open_ids": ",".join(map(str, open_ids)), "open_count": len(open_ids),
        "recognised": review_round.reviews.filter(state=ReviewState.RECOGNISED).count()})


LOCK_LIST_ROWS = 200  # the page names this many open reviews; the confirmation covers all of them


def _ids(text):
    # One hidden field of comma-separated ids: a round may leave thousands open (form field limit 1000).
    return [int(part) for part in text.split(",") if part.isascii() and part.isdigit()]
