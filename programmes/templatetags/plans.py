"""Filters for plan pages and documents."""
from django import template

from povertyplan.lib.numbers import format_number

register = template.Library()


@register.filter
def rate_or_dash(value):
    """A computed rate with two decimals; "-" for none or zero, as the official tables print it."""
    return "-" if not value else format_number(value, 2)


@register.filter
def cell_of(row, indicator):
    return row.cell(indicator)


@register.filter
def check_of(matrix, indicator):
    return matrix.check_for(indicator)


@register.filter
def deadlines_of(rule, plan):
    return rule.deadlines(plan.year_from, plan.year_to)
