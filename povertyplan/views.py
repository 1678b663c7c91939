from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from povertyplan import access, figures, panels, selectors, services
from povertyplan.audit_display import describe
from povertyplan.forms import AuditFilterForm, OfficerCreateForm, OfficerDeactivateForm, PasswordChangeForm
from povertyplan.models import Role

SUPERVISORS = (Role.SUPERVISOR, Role.ADMINISTRATOR)


@access.officer_required()
def home(request):
    root, children = selectors.home_units(request.user)
    # an agency officer works on plans, not on the units under theirs: their panels are their start
    show_units = access.role_of(request.user) != Role.AGENCY
    children = list(children) if show_units else []
    columns = figures.unit_columns(request.user, children + ([root] if root else [])) if show_units else []
    figures.attach(children + ([root] if root else []), columns)
    return render(request, "povertyplan/home.html", {
        "root": root, "children": children, "columns": columns, "panels": panels.home_panels(request.user),
        "show_units": show_units,
        "child_counts": any(child.child_count for child in children),  # villages have none: no column of zeros
    })


@access.officer_required()
def unit_detail(request, pk):
    unit = access.get_unit_for_user(request.user, pk)
    children = list(selectors.unit_children(unit))
    columns = figures.unit_columns(request.user, children + [unit])
    figures.attach(children + [unit], columns)
    return render(request, "povertyplan/unit_detail.html", {
        "unit": unit,
        "columns": columns,
        "ancestors": [a for a in selectors.unit_ancestors(unit) if access.in_scope(request.user, a)],
        "children": children,
        "child_counts": any(child.child_count for child in children),
        "successors": unit.successors.all(),
        "predecessors": unit.predecessors.all(),
    })


@access.officer_required(*SUPERVISORS)
def audit_list(request):
    form = AuditFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.audit_events(request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "povertyplan/audit_list.html", {"form": form, "page": page, "events": describe(page),
                                                           "query": query.urlencode()})


@access.officer_required(*SUPERVISORS)
def officer_list(request):
    page = Paginator(selectors.officers(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "povertyplan/officer_list.html", {"page": page})


@access.officer_required(*SUPERVISORS)
def officer_create(request):
    form = OfficerCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            officer = services.officer_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Đã tạo tài khoản %(name)s.") % {"name": officer})
            return redirect("officer_list")
    return render(request, "povertyplan/officer_form.html", {"form": form})


@require_POST
@access.officer_required(*SUPERVISORS)
def officer_set_active(request, pk, active):
    officer = access.get_officer_for_user(request.user, pk, write=True)
    form = OfficerDeactivateForm(request.POST)
    if not active and not form.is_valid():
        messages.error(request, _("Cần ghi lý do khóa tài khoản."))
        return redirect("officer_list")
    try:
        services.officer_set_active(actor=request.user, officer=officer, active=active,
                                    reason=form.cleaned_data.get("reason", "") if form.is_valid() else "")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, (_("Đã mở khóa %(name)s.") if active else _("Đã khóa %(name)s.")) % {"name": officer})
    return redirect("officer_list")


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.password_change(actor=request.user, old_password=form.cleaned_data["old_password"],
                                            new_password=form.cleaned_data["new_password1"], request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            update_session_auth_hash(request, user)  # this session stays; the account's others end
            return redirect("password_change_done")
    return render(request, "registration/password_change_form.html", {"form": form})
