"""The support an agency recorded, for pre-filling its progress report (collected by
programmes.progress.prefill.support_figures): per sub-project of the report, the people (person policies)
or households (household policies) supported and the money given, with where the figures came from; and
the coverage of the policies that measure a plan indicator (indicator_figures: BHYT → ty_le_bhyt)."""
from django.utils.translation import gettext as _

from povertyplan.lib.numbers import format_number, rate
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


def indicator_figures(*, indicators, unit, as_of):
    """{indicator code: (rate, supported, eligible, source)} of the indicators among `indicators` that a policy
    measures (Policy.indicator): its coverage in `unit` on `as_of`, supported / eligible × 100. Policies
    measuring the same indicator are counted together. Three queries at most (policies, kept, fresh counts)."""
    from support.selectors import coverage

    codes = {i.pk: i.code for i in indicators}
    policies = list(Policy.objects.filter(indicator__in=codes, is_active=True).order_by("name"))
    counts = {}
    for policy, row in coverage(policies, unit, as_of):
        supported, eligible, names = counts.get(policy.indicator_id, (0, 0, []))
        counts[policy.indicator_id] = (supported + row.supported, eligible + row.eligible, [*names, policy.name])
    figures = {}
    for pk, (supported, eligible, names) in counts.items():
        if not eligible:
            continue  # nobody qualifies: no rate to say
        source = _("Kết quả hỗ trợ ngày %(day)s – %(policies)s: %(supported)s/%(eligible)s đối tượng đủ điều kiện "
                   "đã được hỗ trợ") % {"day": as_of.strftime("%d/%m/%Y"), "policies": "; ".join(names),
                                         "supported": format_number(supported), "eligible": format_number(eligible)}
        figures[codes[pk]] = (rate(supported, eligible), supported, eligible, source[:255])
    return figures
