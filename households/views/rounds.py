from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from households import selectors, services
from households.access import READ_ROLES, WRITE_ROLES, can_write, get_round_for_user, is_commune_officer
from households.forms import DecisionForm, RoundForm
from households.views.common import add_errors
from povertyplan.access import officer_required


@officer_required(*READ_ROLES)
def round_list(request):
    return render(request, "households/round_list.html", {
        "rounds": selectors.rounds(request.user), "can_create": is_commune_officer(request.user)})


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
    return render(request, "households/round_progress.html", {
        "round": review_round, "rows": rows, "total": total, "window": review_round.window(),
        "can_write": can_write(request.user, review_round.commune), "decision_form": DecisionForm()})


@require_POST
@officer_required(*WRITE_ROLES)
def round_recognise(request, pk):
    review_round = get_round_for_user(request.user, pk, write=True)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            count = services.round_recognise(actor=request.user, round=review_round, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã công nhận %(count)s hộ theo quyết định %(number)s.")
                             % {"count": count, "number": form.cleaned_data["decision_number"]})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("households:round_progress", review_round.pk)


@require_POST
@officer_required(*WRITE_ROLES)
def round_lock(request, pk):
    review_round = get_round_for_user(request.user, pk, write=True)
    count = services.round_lock(actor=request.user, round=review_round)
    messages.success(request, _("Đã khóa %(count)s kết quả đã công nhận.") % {"count": count})
    return redirect("households:round_progress", review_round.pk)
