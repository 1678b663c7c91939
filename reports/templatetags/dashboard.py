"""Filters of the dashboard: changes written with their sign, as officials compare years (+3, -0,25)."""
from django import template

from povertyplan.lib.numbers import format_number

register = template.Library()


@register.filter
def signed(value, places=0):
    """3 → +3, -0.25 with places=2 → -0,25, 0 → 0, None → -."""
    if value is None:
        return "-"
    text = format_number(value, int(places))
    return f"+{text}" if value > 0 else text
