"""Views of the review procedure: household requests and refusals, village meetings, the list to review,
posting and complaints. Thin: access helper, form, one service call, redirect."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from households import selectors, services
from households.access import (
    READ_ROLES,
    WRITE_ROLES,
    can_recognise,
    can_write,
    get_complaint_for_user,
    get_household_for_user,
    get_meeting_for_user,
    get_request_for_user,
    get_round_for_user,
)
from households.forms_procedure import (
    CertificateForm,
    ComplaintForm,
    ListAddForm,
    MeetingForm,
    PostingForm,
    RefusalForm,
    RequestForm,
    ResolutionForm,
)
from households.models import Household, Review
from households.services.procedure import request_answered
from households.views.common import add_errors
from povertyplan.access import officer_required

REQUESTS_SHOWN = 200


@officer_required(*READ_ROLES)
def request_list(request):
    today = timezone.localdate()
    rows = [{"request": r, "overdue": not r.answered and today > r.deadline}
            for r in selectors.requests(request.user)[:REQUESTS_SHOWN]]
    return render(request, "households/request_list.html", {"rows": rows})


@officer_required(*WRITE_ROLES)
def request_create(request, pk):
    household = get_household_for_user(request.user, pk, write=True)
    form = RequestForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_create(actor=request.user, household=household, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi đề nghị của hộ; hạn trả lời %(date)s.")
                             % {"date": created.deadline.strftime("%d/%m/%Y")})
            return redirect("households:request_detail", created.pk)
    return render(request, "households/request_form.html", {"form": form, "household": household})


@officer_required(*READ_ROLES)
def request_detail(request, pk):
    review_request = get_request_for_user(request.user, pk)
    answered = request_answered(review_request)
    review = Review.objects.filter(household=review_request.household, round=review_request.round).first()
    village = review_request.household.village
    return render(request, "households/request_detail.html", {
        "req": review_request, "answered": answered, "review": review,
        "overdue": not answered and timezone.localdate() > review_request.deadline,
        "can_refuse": not answered and can_recognise(request.user, village),
        "can_review": review is None and can_write(request.user, village),
        "refusal_form": RefusalForm(initial={"refused_on": timezone.localdate()})})


@require_POST
@officer_required(*READ_ROLES)
def request_refuse(request, pk):
    review_request = get_request_for_user(request.user, pk)
    form = RefusalForm(request.POST)
    if form.is_valid():
        try:
            services.request_refuse(actor=request.user, request=review_request, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã ghi văn bản từ chối; in văn bản trả lời hộ."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("households:request_detail", review_request.pk)


def _village_households(review_round, village):
    """The households of the village with a result in the round: those a meeting discusses."""
    return (Household.objects.filter(village=village, reviews__round=review_round)
            .order_by("code").only("pk", "code", "head_name", "village_id"))


@officer_required(*WRITE_ROLES)
def meeting_create(request, pk):
    review_round = get_round_for_user(request.user, pk, write=True)
    villages = list(review_round.commune.children.order_by("code"))
    village = next((v for v in villages if str(v.pk) == (request.POST.get("village") or request.GET.get("village"))),
                   None)
    form = None
    if village is not None:
        form = MeetingForm(request.POST or None, households=_village_households(review_round, village))
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            data = {k: v for k, v in data.items() if not k.startswith("agreed_")}
            try:
                meeting = services.meeting_record(actor=request.user, round=review_round, village=village,
                                                  votes=form.votes(), **data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi cuộc họp dân."))
                return redirect("households:meeting_detail", meeting.pk)
    return render(request, "households/meeting_form.html", {
        "round": review_round, "villages": villages, "village": village, "form": form})


@officer_required(*READ_ROLES)
def meeting_detail(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    votes = list(meeting.votes.select_related("household").order_by("household__code"))
    for vote in votes:
        vote.meeting = meeting  # share reads present_count without a query per row
    return render(request, "households/meeting_detail.html", {"meeting": meeting, "votes": votes})


def _post_form(request, form, on_valid, success):
    """Run a POSTed form of the round page through its service; errors come back as messages."""
    if form.is_valid():
        try:
            on_valid(form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, success)
    else:
        messages.error(request, " ".join(f"{form.fields[name].label if name in form.fields else ''}: {e}"
                                         for name, errors in form.errors.items() for e in errors))


@require_POST
@officer_required(*WRITE_ROLES)
def round_list_build(request, pk):
    review_round = get_round_for_user(request.user, pk, write=True)
    try:
        count = services.round_list_build(actor=request.user, round=review_round)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã lập danh sách hộ cần rà soát: thêm %(count)s hộ.") % {"count": count})
    return redirect("households:round_progress", review_round.pk)


@require_POST
@officer_required(*WRITE_ROLES)
def round_list_add(request, pk):
    review_round = get_round_for_user(request.user, pk, write=True)
    form = ListAddForm(request.POST, households=Household.objects.filter(commune=review_round.commune))
    _post_form(request, form, lambda data: services.round_list_add(actor=request.user, round=review_round, **data),
               _("Đã bổ sung hộ vào danh sách cần rà soát."))
    return redirect("households:round_progress", review_round.pk)


@require_POST
@officer_required(*WRITE_ROLES)
def round_posting(request, pk):
    review_round = get_round_for_user(request.user, pk, write=True)
    _post_form(request, PostingForm(request.POST),
               lambda data: services.posting_set(actor=request.user, round=review_round, **data),
               _("Đã ghi thời gian niêm yết."))
    return redirect("households:round_progress", review_round.pk)


@require_POST
@officer_required(*WRITE_ROLES)
def complaint_create(request, pk):
    review_round = get_round_for_user(request.user, pk, write=True)
    form = ComplaintForm(request.POST, households=Household.objects.filter(commune=review_round.commune))
    _post_form(request, form, lambda data: services.complaint_create(actor=request.user, round=review_round, **data),
               _("Đã ghi khiếu nại."))
    return redirect("households:round_progress", review_round.pk)


@require_POST
@officer_required(*WRITE_ROLES)
def complaint_resolve(request, pk):
    complaint = get_complaint_for_user(request.user, pk, write=True)
    _post_form(request, ResolutionForm(request.POST),
               lambda data: services.complaint_resolve(actor=request.user, complaint=complaint, **data),
               _("Đã ghi kết quả giải quyết khiếu nại."))
    return redirect("households:round_progress", complaint.round_id)


@require_POST
@officer_required(*READ_ROLES)
def certificates_issue(request, pk):
    """The leader issues the certificates of the round's recognised poor and near-poor households."""
    review_round = get_round_for_user(request.user, pk)
    form = CertificateForm(request.POST)

    def issue(data):
        issued = services.certificates_issue(actor=request.user, round=review_round, **data)
        messages.info(request, _("Đã cấp %(count)s giấy chứng nhận.") % {"count": len(issued)})

    _post_form(request, form, issue, _("Đã ghi cấp giấy chứng nhận."))
    return redirect("households:round_progress", review_round.pk)
