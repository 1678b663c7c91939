"""Điều kiện thụ hưởng: a policy's eligibility rule as data, and its translation into one SQL condition.

A rule is JSON in a small whitelisted grammar, built by an administrator in the policy form:

    {"all": [rule, …]}        every part holds          {"any": [rule, …]}   at least one part holds
    {"not": rule}
    {"status": ["poor", "near_poor", "newly_escaped"]}  the household's recognised status on the date
    {"flag": "is_ethnic_minority"}                       a household flag (households.models.FLAG_FIELDS)
    {"deprivation": "7"}                                 a deprivation counted in the latest recognised result
    {"income_at_most_poor_line": "national"|"province"}  the latest recognised income per person is at most the
                                                         poor line (by area) of the national standard, or of the
                                                         province's own standard for its support policies where
                                                         it set one (households.standards.standard_for, the
                                                         province's word: LocalUse.OWN_SUPPORT)
    {"member": {"age_min": 0, "age_max": 4, "schooling": ["attending"], "health_insurance": false,
                "sex": "female", "work": ["none"]}}      an active member (age in whole years on the date)

`rule_q(rule, beneficiary, as_of)` turns it into a Q on Household (household policies) or Member (person
policies): nothing is evaluated in Python and nothing is eval'd. The status parts reuse households.status
(`classification_on_q`, `newly_escaped_q`): the window of "newly escaped" is written there only.
Anything outside the grammar raises RuleError with a Vietnamese message, so a rule that cannot be
evaluated is refused when it is saved, not when a list is asked for.

For a person policy every "member" part speaks of the person listed; for a household policy each
"member" part asks whether the household has such a member (two parts may be met by two members).
"""
import datetime

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext as _

from households.models import FLAG_FIELDS, Member, Schooling, Sex, Work
from households.status import (
    add_months,
    classification_on_q,
    deprivation_on_q,
    latest_recognised,
    newly_escaped_q,
)
from households.statuses import Classification
from povertyplan.models import Area

LINES = ("national", "province")
STATUSES = (Classification.POOR, Classification.NEAR_POOR, "newly_escaped")
MEMBER_KEYS = ("age_min", "age_max", "schooling", "health_insurance", "sex", "work")
MAX_DEPTH = 5
MAX_AGE = 130
HOUSEHOLD, PERSON = "household", "person"


class RuleError(ValueError):
    def __init__(self, message):
        self.message = message
        super().__init__(message)


def rule_q(rule, beneficiary, as_of, unit=None):
    """The rule as a Q on Household (beneficiary "household") or Member ("person"); RuleError if it is
    not a rule of the grammar. `unit`: the list's unit, whose province's standard a "province" line reads
    (None: only checked, nothing read)."""
    if beneficiary not in (HOUSEHOLD, PERSON):
        raise RuleError(_("Đối tượng hỗ trợ phải là hộ gia đình hoặc cá nhân."))
    if not isinstance(rule, dict) or not rule:
        raise RuleError(_("Chưa có điều kiện thụ hưởng."))
    q = _node(rule, beneficiary, as_of, 1, unit)
    return q & Q(is_active=True) if beneficiary == PERSON else q  # members who left receive nothing


def check_rule(rule, beneficiary):
    """Raise RuleError unless `rule` can be evaluated (any date will do for the check), including that
    every deprivation code names an indicator of a standard (one query; rule_q itself runs none)."""
    from households.models import DeprivationIndicator

    rule_q(rule, beneficiary, datetime.date(2000, 1, 1))
    codes = set(_deprivation_codes(rule))
    known = set(DeprivationIndicator.objects.filter(code__in=codes).values_list("code", flat=True))
    for code in sorted(codes - known):
        raise RuleError(_("Không có chỉ số thiếu hụt mã “%(code)s”.") % {"code": code})


def _deprivation_codes(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "deprivation":
                yield value
            else:
                yield from _deprivation_codes(value)
    elif isinstance(node, list):
        for part in node:
            yield from _deprivation_codes(part)


def _node(node, beneficiary, as_of, depth, unit=None):
    if depth > MAX_DEPTH:
        raise RuleError(_("Điều kiện lồng nhau quá %(n)s cấp.") % {"n": MAX_DEPTH})
    if not isinstance(node, dict) or len(node) != 1:
        raise RuleError(_("Mỗi điều kiện phải có đúng một loại (all, any, not, status, flag, deprivation, member)."))
    (key, value), = node.items()
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise RuleError(_("“%(key)s” cần một danh sách điều kiện không rỗng.") % {"key": key})
        parts = [_node(part, beneficiary, as_of, depth + 1, unit) for part in value]
        result = parts[0]
        for part in parts[1:]:
            result = (result & part) if key == "all" else (result | part)
        return result
    if key == "not":
        return ~_node(value, beneficiary, as_of, depth + 1, unit)
    if key == "member":
        q = _member_q(value, as_of)
        if beneficiary == PERSON:
            return q
        return Q(Exists(Member.objects.filter(q, household=OuterRef("pk"))))
    if key == "income_at_most_poor_line":
        return _income_q(value, as_of, "pk" if beneficiary == HOUSEHOLD else "household", unit)
    builders = {"status": _status_q, "flag": _flag_q, "deprivation": _deprivation_q}
    if key not in builders:
        raise RuleError(_("Không có loại điều kiện “%(key)s”: chỉ dùng được all, any, not, status, flag, "
                          "deprivation, member.") % {"key": str(key)[:40]})
    # on members, a household condition reaches the household through the member's own column (no IN
    # subquery per member: that took 77 s for a province of 100,000 households)
    return builders[key](value, as_of, "pk" if beneficiary == HOUSEHOLD else "household")


def _status_q(value, as_of, ref):
    values = value if isinstance(value, list) else [value]
    unknown = [v for v in values if v not in STATUSES]
    if not values or unknown:
        raise RuleError(_("Tình trạng hộ phải là: %(choices)s.") % {"choices": ", ".join(STATUSES)})
    classes = [v for v in values if v != "newly_escaped"]
    q = classification_on_q(as_of, classes, ref=ref) if classes else Q(pk__in=[])
    if "newly_escaped" in values:
        q |= newly_escaped_q(as_of, ref=ref)
    return q


def _flag_q(value, as_of, ref):
    if value not in FLAG_FIELDS:
        raise RuleError(_("Đặc điểm hộ phải là một trong: %(choices)s.") % {"choices": ", ".join(FLAG_FIELDS)})
    return Q(**{value if ref == "pk" else f"{ref}__{value}": True})


def _deprivation_q(value, as_of, ref):
    if not isinstance(value, str) or not value.isdigit() or len(value) > 10:
        raise RuleError(_("Không có chỉ số thiếu hụt mã “%(code)s”.") % {"code": str(value)[:20]})
    return deprivation_on_q(as_of, value, ref=ref)


def _income_q(value, as_of, ref, unit):
    """Income per person of the latest recognised result at most the poor line of the household's area."""
    if value not in LINES:
        raise RuleError(_("Chuẩn để so thu nhập phải là: %(choices)s.") % {"choices": ", ".join(LINES)})
    if unit is None:  # only checking the rule
        return Q(pk__in=[])
    from households.models.standards import LocalUse
    from households.standards import standard_for, standard_in_force

    standard = (standard_for(unit=unit, on_date=as_of, use=LocalUse.OWN_SUPPORT) if value == "province"
                else standard_in_force(as_of))
    prefix = "" if ref == "pk" else f"{ref}__"
    if as_of >= timezone.localdate():  # the kept current result (households.status._is_current)
        income = F(f"{prefix}current_review__income_per_capita")
    else:
        income = Subquery(latest_recognised(as_of, household=OuterRef(ref)).values("income_per_capita"))
    return (Q(**{f"{prefix}village__area": Area.URBAN}) & Q(LessThanOrEqual(income, standard.poor_line_urban))
            | Q(**{f"{prefix}village__area": Area.RURAL}) & Q(LessThanOrEqual(income, standard.poor_line_rural)))


def _choices(value, allowed, label):
    values = value if isinstance(value, list) else [value]
    if not values or any(v not in allowed for v in values):
        raise RuleError(_("%(label)s phải là một trong: %(choices)s.") % {"label": label,
                                                                        "choices": ", ".join(allowed)})
    return values


def _member_q(spec, as_of):
    if not isinstance(spec, dict) or not spec:
        raise RuleError(_("Điều kiện về thành viên cần ít nhất một tiêu chí."))
    unknown = [k for k in spec if k not in MEMBER_KEYS]
    if unknown:
        raise RuleError(_("Không có tiêu chí thành viên “%(key)s”: chỉ dùng được %(keys)s.")
                        % {"key": str(unknown[0])[:40], "keys": ", ".join(MEMBER_KEYS)})
    q = Q(is_active=True)
    ages = [spec.get("age_min"), spec.get("age_max")]
    for age in ages:
        if age is not None and (isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= MAX_AGE):
            raise RuleError(_("Tuổi phải là số nguyên từ 0 đến %(max)s.") % {"max": MAX_AGE})
    if ages[0] is not None and ages[1] is not None and ages[0] > ages[1]:
        raise RuleError(_("Tuổi từ (%(a)s) lớn hơn tuổi đến (%(b)s).") % {"a": ages[0], "b": ages[1]})
    q &= _age_q(as_of, *ages)
    if "schooling" in spec:
        q &= Q(schooling__in=_choices(spec["schooling"], Schooling.values, _("Tình trạng đi học")))
    if "work" in spec:
        q &= Q(work__in=_choices(spec["work"], Work.values, _("Việc làm")))
    if "sex" in spec:
        q &= Q(sex__in=_choices(spec["sex"], Sex.values, _("Giới tính")))
    if "health_insurance" in spec:
        if not isinstance(spec["health_insurance"], bool):
            raise RuleError(_("Có thẻ BHYT phải là true hoặc false."))
        q &= Q(health_insurance=spec["health_insurance"])
    return q


def _age_q(as_of, age_min, age_max):
    """Age in whole years on `as_of`; a member with only a birth year is as old as the years between."""
    q = Q()
    if age_min is not None:
        q &= (Q(birth_date__isnull=False, birth_date__lte=add_months(as_of, -12 * age_min))
              | Q(birth_date__isnull=True, birth_year__lte=as_of.year - age_min))
    if age_max is not None:
        q &= (Q(birth_date__isnull=False, birth_date__gt=add_months(as_of, -12 * (age_max + 1)))
              | Q(birth_date__isnull=True, birth_year__gte=as_of.year - age_max))
    return q
