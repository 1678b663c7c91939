"""{{ standard|unconfirmed_notice }}: the one warning for a standard not yet law (households.standards)."""
from django import template

from households.standards import unconfirmed_notice as notice_for

register = template.Library()


@register.filter
def unconfirmed_notice(standard):
    return notice_for(standard)
