"""The support an agency recorded, for pre-filling its progress report (collected by
programmes.progress.prefill.support_figures): per sub-project of the report, the people (person policies)
or households (household policies) supported and the money given, with where the figures came from."""
from django.utils.translation import gettext as _

from povertyplan.lib.numbers import format_number
from support.models import Policy
from support.selectors import support_totals


def figures(*, agency, projects, start, end):
    """{project pk: (supported, amount, source)}: one query for the totals, one for the policies."""
    ids = {p.pk for p in projects}
    totals = support_totals(agency.unit, start, end, agencies=[agency])
    if not totals:
        return {}
    lines = {}
    for policy in Policy.objects.filter(pk__in=totals).select_related("project").order_by("name"):
        project = policy.project
        line = project.pk if project and project.pk in ids else project.parent_id if project else None
        if line not in ids:
            continue  # a regular policy, or another sub-project's
        row = totals[policy.pk]
        count = row["people"] if policy.is_personal else row["households"]
        supported, amount, parts = lines.get(line, (0, 0, []))
        parts.append(_("%(policy)s: %(n)s %(who)s, %(amount)s đồng") % {
            "policy": policy.name, "n": format_number(count),
            "who": _("người") if policy.is_personal else _("hộ"), "amount": format_number(row["amount"])})
        lines[line] = (supported + count, amount + row["amount"], parts)
    period = _("Kết quả hỗ trợ đã ghi nhận từ %(start)s đến %(end)s") % {
        "start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}
    return {pk: (n, amount, f"{period} – {'; '.join(parts)}"[:255]) for pk, (n, amount, parts) in lines.items()}
