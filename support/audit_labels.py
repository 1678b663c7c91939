"""How the support app's audit events read (registered in SupportConfig.ready)."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from povertyplan.audit_display import ids_as_ints, register_actions, register_fields, register_object, register_values
from support.models import Period, SupportRecord

register_actions({
    "support.create": _("Ghi nhận hỗ trợ"),
    "support.import": _("Ghi nhận hỗ trợ từ danh sách đã điền"),
    "support.eligibility_export": _("Xuất danh sách đối tượng được hỗ trợ"),
})


def _record_urls(ids):
    """A support record is shown on its household's page."""
    pairs = SupportRecord.objects.filter(pk__in=ids_as_ints(ids)).values_list("pk", "household_id")
    return {str(pk): reverse("households:household_detail", args=[household]) for pk, household in pairs}


register_object("support.supportrecord", urls=_record_urls)
register_object("support.policy")  # no page of its own: its list is per unit (support:eligibility)

register_fields("support.policy", {
    "as_of": _("tại ngày"), "rows": _("số đối tượng trong danh sách"), "id_numbers": _("kèm số CCCD"),
})


def _period(value):
    """A record's period: a year, or Policy.period_of's "once" for a policy given once."""
    return Period.ONCE.label if value == Period.ONCE else value


register_values("support.supportrecord", {"period": _period})
