"""Text conventions of administrative documents (Nghị định 30/2020/NĐ-CP) shared by forms and documents.

Plan texts are typed the way officials type them in Word, one paragraph per line:
"1. Mục đích:" or "1.1. Chính sách đào tạo nghề" or "a) Tiểu dự án 1: …" (short, no final full stop)
are sub-headings; "- …" and "+ …" are list items; everything else is an ordinary paragraph.
"""
import re
from dataclasses import dataclass

HEADING_MAX = 120
# "1." "1.1." "2.1" (a bare "2023 …" is not a heading: one number needs its full stop).
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.|\d{1,2}(?:\.\d{1,2})+)\s+(.+)$")
_LETTERED = re.compile(r"^([a-zđ]\))\s+(.+)$")


def doc_day(day):
    """Days below 10 get a leading zero (ngày 05)."""
    return f"{day:02d}"


def doc_month(month):
    """Months 1 and 2 get a leading zero (tháng 01, tháng 02), the others not (tháng 12)."""
    return f"{month:02d}" if month < 3 else str(month)


def doc_date(date, year=None):
    """"ngày 25 tháng 01 năm 2024"; without a date, blanks to fill by hand: "ngày … tháng … năm 2024"."""
    if date is None:
        return f"ngày\u00a0\u00a0\u00a0\u00a0 tháng\u00a0\u00a0\u00a0\u00a0 năm {year or ''}".rstrip()
    return f"ngày {doc_day(date.day)} tháng {doc_month(date.month)} năm {date.year}"


@dataclass(frozen=True)
class Block:
    """One paragraph of a plan text. kind: heading (level 1 "1.", level 2 "1.1."/"a)"), dash, plus, text."""

    kind: str
    text: str
    level: int = 0


def _is_heading(rest):
    rest = rest.rstrip()
    return len(rest) <= HEADING_MAX and not rest.endswith((".", ";", ","))


def parse_blocks(text):
    """Split a plan text into blocks (see the module docstring); blank lines are dropped."""
    blocks = []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        numbered, lettered = _NUMBERED.match(line), _LETTERED.match(line)
        if line[0] in "-+" and (len(line) == 1 or line[1] in " \t" or line[1].isalpha()):
            blocks.append(Block("dash" if line[0] == "-" else "plus", line[1:].strip()))
        elif numbered and _is_heading(numbered.group(2)):
            level = 1 if numbered.group(1).rstrip(".").count(".") == 0 else 2
            blocks.append(Block("heading", line, level))
        elif lettered and _is_heading(lettered.group(2)):
            blocks.append(Block("heading", line, 2))
        else:
            blocks.append(Block("text", line))
    return blocks
