from django import template

register = template.Library()


@register.filter
def source_of(table, row):
    """The row's "Ghi chú": where its previous-year figures come from."""
    return table.source_text(row)
