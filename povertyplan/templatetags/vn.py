"""Template filters for numbers and rates in the Vietnamese official style."""
from django import template

from povertyplan.lib.names import person_name
from povertyplan.lib.numbers import format_number, rate

register = template.Library()


@register.filter
def vn_number(value, places=0):
    """1500000 → 1.500.000; 3.125 with places=2 → 3,13; None → -."""
    return format_number(value, int(places))


@register.simple_tag
def vn_rate(count, total):
    """count / total as a percentage with two decimals, '-' when there is nothing to divide."""
    value = rate(count, total)
    return "-" if value is None or value == 0 else format_number(value, 2)


@register.filter
def person(user):
    """{{ user|person }} → "Nguyễn Thị Hoa" (họ đệm before tên)."""
    return person_name(user) or "-"
