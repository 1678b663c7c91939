"""{{ standard|unconfirmed_notice }}: the one warning for a standard not yet law (households.standards)."""
from django import template

from households.standards import review_year_standard
from households.standards import unconfirmed_notice as notice_for

register = template.Library()


@register.filter
def unconfirmed_notice(standard):
    return notice_for(standard)


@register.inclusion_tag("households/_standard_notice.html")
def review_year_standard_notice(year):
    """The notice for the standard a periodic review of `year` classifies with (pages that show a year's
    figures, not one review)."""
    return {"standard": review_year_standard(year) if year else None}
