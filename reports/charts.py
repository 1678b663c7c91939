"""Charts of the dashboard, drawn here as SVG (no JS library, no CDN: offline LANs), readable when printed
in black and white: poor and near-poor differ by fill pattern and marker shape, not by colour alone, and
every value is written as text beside its bar or point. Each chart is shown with its table beside it.
"""
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from povertyplan.lib.numbers import format_number

WIDTH = 640
FONT = 'font-family="sans-serif" font-size="13"'


def _nice_max(value):
    """The smallest 1, 2, 5 × 10ⁿ step times 5 that covers value (axis ends on a round number)."""
    value = Decimal(value or 0)
    if value <= 0:
        return Decimal(1), Decimal("0.2")
    step = Decimal("0.01")
    while step * 5 < value:
        for factor in (2, Decimal("2.5"), 2):
            step *= factor
            if step * 5 >= value:
                break
    return step * 5, step


def _text(x, y, text, anchor="start", extra=""):
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {FONT}{extra}>{escape(text)}</text>'


def _defs(prefix):
    """A hatch pattern for near-poor (diagonal lines): still distinct from solid when printed in grey."""
    return (f'<defs><pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2.5"/></pattern></defs>')


def _legend(prefix, x, y, line=False):
    if line:
        poor = (f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="#000" stroke-width="2"/>'
                f'<circle cx="{x + 12}" cy="{y}" r="4" fill="#000"/>')
        near = (f'<line x1="{x + 150}" y1="{y}" x2="{x + 174}" y2="{y}" stroke="#000" stroke-width="2" '
                f'stroke-dasharray="5 3"/><rect x="{x + 158}" y="{y - 4}" width="8" height="8" fill="#fff" '
                f'stroke="#000" stroke-width="1.5"/>')
    else:
        poor = f'<rect x="{x}" y="{y - 6}" width="24" height="12" fill="#333" stroke="#000"/>'
        near = f'<rect x="{x + 150}" y="{y - 6}" width="24" height="12" fill="url(#{prefix}-hatch)" stroke="#000"/>'
    return (f'<g class="legend">{poor}{_text(x + 30, y + 4, _("Hộ nghèo"))}'
            f'{near}{_text(x + 180, y + 4, _("Hộ cận nghèo"))}</g>')


def _svg(prefix, height, title, body):
    return mark_safe(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{prefix}" role="img" '
                  f'viewBox="0 0 {WIDTH} {height}" preserveAspectRatio="xMinYMin meet">'
                  f'<title>{escape(title)}</title>{_defs(prefix)}{body}</svg>')


def unit_bars(rows, *, title, prefix="units"):
    """Horizontal bars, two per unit (poor solid, near-poor hatched), rates in %; rows: (name, poor_rate,
    near_poor_rate) with None for a unit without households. Empty string when there is nothing to draw."""
    if not rows:
        return mark_safe("")
    left, right, top, bar, gap = 170, 60, 40, 11, 10
    band = 2 * bar + gap
    plot = WIDTH - left - right
    top_value, step = _nice_max(max((v or 0) for _name, *values in rows for v in values))
    height = top + band * len(rows) + 46
    scale = plot / float(top_value)
    parts = [_legend(prefix, left, 16)]
    bottom = top + band * len(rows)
    tick = Decimal(0)
    while tick <= top_value:
        x = left + float(tick) * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" stroke="#bbb" '
                     f'stroke-width="0.5"/>')
        parts.append(_text(x, bottom + 14, format_number(tick, 2 if step < 1 else 0), "middle"))
        tick += step
    parts.append(f'<line x1="{left}" y1="{bottom}" x2="{left + plot}" y2="{bottom}" stroke="#000"/>')
    parts.append(f'<line x1="{left}" y1="{top - 4}" x2="{left}" y2="{bottom}" stroke="#000"/>')
    parts.append(_text(left + plot / 2, bottom + 34, _("Tỷ lệ (%)"), "middle", ' class="axis-label"'))
    for index, (name, poor, near_poor) in enumerate(rows):
        y = top + index * band
        short = name if len(name) <= 24 else name[:23] + "…"
        parts.append(f'<g class="unit"><title>{escape(name)}</title>'
                     + _text(left - 6, y + bar + 4, short, "end"))
        for offset, value, fill, kind in ((0, poor, "#333", "poor"), (bar, near_poor, f"url(#{prefix}-hatch)",
                                                                        "near_poor")):
            width = float(value or 0) * scale
            parts.append(f'<rect class="bar {kind}" x="{left}" y="{y + offset}" width="{width:.1f}" '
                         f'height="{bar}" fill="{fill}" stroke="#000" stroke-width="0.8"/>')
            label = "-" if not value else format_number(value, 2)
            parts.append(_text(left + width + 4, y + offset + bar - 2, label, extra=f' class="value {kind}"'))
        parts.append("</g>")
    return _svg(prefix, height, title, "".join(parts))


def trend_chart(points, *, title, prefix="trend"):
    """Rates over the years: poor a solid line with filled dots, near-poor a dashed line with hollow squares,
    each point labelled with its value; points: (year, poor_rate, near_poor_rate), oldest first."""
    if not points:
        return mark_safe("")
    left, right, top, bottom_margin, height = 56, 30, 40, 50, 300
    plot_w, plot_h = WIDTH - left - right, height - top - bottom_margin
    bottom = top + plot_h
    top_value, step = _nice_max(max((v or 0) for _year, *values in points for v in values))
    y_of = lambda value: bottom - float(value or 0) / float(top_value) * plot_h  # noqa: E731
    x_of = (lambda i: left + plot_w / 2) if len(points) == 1 else (lambda i: left + 20 + i * (plot_w - 40) / (len(points) - 1))
    parts = [_legend(prefix, left, 16, line=True)]
    tick = Decimal(0)
    while tick <= top_value:
        y = y_of(tick)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#bbb" '
                     f'stroke-width="0.5"/>')
        parts.append(_text(left - 6, y + 4, format_number(tick, 2 if step < 1 else 0), "end"))
        tick += step
    parts.append(f'<line x1="{left}" y1="{bottom}" x2="{left + plot_w}" y2="{bottom}" stroke="#000"/>')
    parts.append(f'<line x1="{left}" y1="{top - 4}" x2="{left}" y2="{bottom}" stroke="#000"/>')
    parts.append(_text(left + plot_w / 2, height - 8, _("Năm"), "middle", ' class="axis-label"'))
    parts.append(_text(14, top + plot_h / 2, _("Tỷ lệ (%)"), "middle",
                       f' class="axis-label" transform="rotate(-90 14 {top + plot_h / 2:.1f})"'))
    for index, (year, *_values) in enumerate(points):
        parts.append(_text(x_of(index), bottom + 16, str(year), "middle", ' class="year"'))
    for column, kind, dash in ((1, "poor", ""), (2, "near_poor", ' stroke-dasharray="5 3"')):
        coords = [(x_of(i), y_of(p[column])) for i, p in enumerate(points)]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(f'<polyline class="line {kind}" points="{path}" fill="none" stroke="#000" '
                         f'stroke-width="2"{dash}/>')
        for (x, y), point in zip(coords, points, strict=True):
            if kind == "poor":
                parts.append(f'<circle class="point poor" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#000"/>')
            else:
                parts.append(f'<rect class="point near_poor" x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" '
                             f'fill="#fff" stroke="#000" stroke-width="1.5"/>')
            label = "-" if not point[column] else format_number(point[column], 2)
            # the higher series' label above its point, the lower one's below: the two never collide
            other = point[3 - column] or 0
            higher = (point[column] or 0) > other or ((point[column] or 0) == other and kind == "poor")
            dy = -9 if higher else 18
            parts.append(_text(x, y + dy, label, "middle", f' class="value {kind}"'))
    return _svg(prefix, height, title, "".join(parts))
