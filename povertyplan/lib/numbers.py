"""Numbers as the official tables show them."""
from decimal import ROUND_HALF_UP, Decimal


def rate(count, total, places=2):
    """count / total × 100 rounded half up (5 / 160 → 3.13); None when total is 0."""
    if not total:
        return None
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(count) * 100 / Decimal(total)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value, places=0):
    """Vietnamese separators: 1.500.000 and 3,13. None → "-"."""
    if value is None:
        return "-"
    value = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):.{places}f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join(groups) or "0"
    return f"{sign}{text},{frac}" if frac else f"{sign}{text}"
