"""Django admin for the review procedure (QĐ 24/2021): requests, the list to review, meetings and votes,
postings, complaints, recognition decisions, certificates and the numbering counters.

View only: every step is written by the app's services, which check the rules (15-day clock, 50% rule,
steps before recognition, numbering without gaps) and write the audit row in the same transaction. An
admin edit or delete would bypass both and leave the trail broken (a certificate without its decision,
a recognised round without its meeting), so the admin adds, changes and deletes nothing; corrections go
through the app's pages (return a review, resolve a complaint, record a new meeting).
"""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from households.models import (
    Certificate,
    Complaint,
    DocumentCounter,
    MeetingVote,
    Posting,
    RecognitionDecision,
    ReviewRequest,
    ReviewRound,
    RoundListEntry,
    VillageMeeting,
)
from povertyplan.models import AdministrativeUnit


def _picked(value):
    return value if value and value.isdigit() else None


def unit_filter(path):
    """A filter by commune listing only the communes the model's rows refer to (one query)."""

    class UnitFilter(admin.SimpleListFilter):
        parameter_name = "commune"

        def lookups(self, request, model_admin):
            used = model_admin.model.objects.order_by().values(path)
            return [(u.pk, u.name) for u in AdministrativeUnit.objects.filter(pk__in=used).order_by("code")]

        def queryset(self, request, queryset):
            picked = _picked(self.value())
            return queryset.filter(**{path: picked}) if picked else queryset

    UnitFilter.title = _("xã, phường")
    return UnitFilter


def round_filter(path):
    """A filter by round naming its commune, limited to the commune picked in the commune filter."""

    class RoundFilter(admin.SimpleListFilter):
        title = _("đợt rà soát")
        parameter_name = "round"

        def lookups(self, request, model_admin):
            rounds = ReviewRound.objects.filter(pk__in=model_admin.model.objects.order_by().values(path))
            commune = _picked(request.GET.get("commune"))
            if commune:
                rounds = rounds.filter(commune_id=commune)
            rounds = rounds.select_related("commune").order_by("commune__code", "-year", "-month")
            return [(r.pk, f"{r.commune.name} – {r}") for r in rounds]

        def queryset(self, request, queryset):
            picked = _picked(self.value())
            return queryset.filter(**{path: picked}) if picked else queryset

    return RoundFilter


class ViewOnlyAdmin(admin.ModelAdmin):
    """See the module's docstring: the procedure's rows are read here, written by the services."""

    list_per_page = 50
    show_full_result_count = False  # one COUNT less on big tables

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.display(description=_("đợt rà soát"))
def round_name(obj):
    review_round = obj.round
    return f"{review_round.commune.name} – {review_round}"


@admin.register(ReviewRequest)
class ReviewRequestAdmin(ViewOnlyAdmin):
    list_display = ["household", "kind", "channel", "received_on", "deadline", "refused_on", round_name]
    list_filter = [unit_filter("round__commune"), round_filter("round"), "kind", "channel"]
    list_select_related = ["household", "round__commune"]
    search_fields = ["household__code", "household__head_name"]
    date_hierarchy = "received_on"


@admin.register(RoundListEntry)
class RoundListEntryAdmin(ViewOnlyAdmin):
    list_display = ["household", "source", "reason", round_name]
    list_filter = [unit_filter("round__commune"), round_filter("round"), "source"]
    list_select_related = ["household", "round__commune"]
    search_fields = ["household__code", "household__head_name"]


class MeetingVoteInline(admin.TabularInline):
    model = MeetingVote
    fields = ["household", "agreed_count"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(VillageMeeting)
class VillageMeetingAdmin(ViewOnlyAdmin):
    list_display = ["village", "held_on", "chair", "present_count", round_name]
    list_filter = [unit_filter("round__commune"), round_filter("round")]
    list_select_related = ["village", "round__commune"]
    date_hierarchy = "held_on"
    inlines = [MeetingVoteInline]


@admin.register(MeetingVote)
class MeetingVoteAdmin(ViewOnlyAdmin):
    list_display = ["household", "agreed_count", "meeting", "meeting_present"]
    list_filter = [unit_filter("meeting__round__commune"), round_filter("meeting__round")]
    list_select_related = ["household", "meeting__village"]
    search_fields = ["household__code", "household__head_name"]

    @admin.display(description=_("số người dự"))
    def meeting_present(self, obj):
        return obj.meeting.present_count


@admin.register(Posting)
class PostingAdmin(ViewOnlyAdmin):
    list_display = [round_name, "starts_on", "ends_on"]
    list_filter = [unit_filter("round__commune"), round_filter("round")]
    list_select_related = ["round__commune"]


@admin.register(Complaint)
class ComplaintAdmin(ViewOnlyAdmin):
    list_display = ["household", "complainant", "received_on", "resolved_on", round_name]
    list_filter = [unit_filter("round__commune"), round_filter("round")]
    list_select_related = ["household", "round__commune"]
    search_fields = ["household__code", "complainant"]
    date_hierarchy = "received_on"


@admin.register(RecognitionDecision)
class RecognitionDecisionAdmin(ViewOnlyAdmin):
    list_display = ["decision_number", "decision_date", "household", "classification", "state", round_name]
    list_filter = [unit_filter("round__commune"), round_filter("round"), "classification"]
    list_select_related = ["household", "round__commune"]
    search_fields = ["decision_number", "household__code"]
    date_hierarchy = "decision_date"
    fields = ["household", "round", "classification", "state", "decision_number", "decision_date", "recognised_at"]


@admin.register(Certificate)
class CertificateAdmin(ViewOnlyAdmin):
    list_display = ["number_text", "issued_on", "household", "commune", "review_round"]
    list_filter = [unit_filter("commune"), round_filter("review__round"), "year"]
    list_select_related = ["commune", "review__household", "review__round"]
    search_fields = ["review__household__code"]
    date_hierarchy = "issued_on"

    @admin.display(description=_("hộ"))
    def household(self, obj):
        return obj.review.household

    @admin.display(description=_("đợt rà soát"))
    def review_round(self, obj):
        return obj.review.round


@admin.register(DocumentCounter)
class DocumentCounterAdmin(ViewOnlyAdmin):
    list_display = ["unit", "series", "year", "last"]
    list_filter = [unit_filter("unit"), "series", "year"]
    list_select_related = ["unit"]
