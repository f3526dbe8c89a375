"""Counts, amounts and percentages as people read them: one rule for every page, job page,
export, message and API text.

The rule is Vietnamese writing (TCVN and administrative practice): a dot between thousands and a
comma before decimals — ``1.863``, ``20.000``, ``94,2 %``, ``1.104,8 %``. The English interface
keeps the same separators, on purpose: amounts are typed the Vietnamese way in both languages
(``core.money.parse_vnd`` reads ``1.000.000`` and refuses ``1,5``), documents and exports are
Vietnamese, and a figure must not change meaning when someone switches language (``1.000`` would
read as one in one language and a thousand in the other). ``config/formats/en`` follows the same
rule, so Django's own ``floatformat``/``localize`` agree with these helpers.

- ``format_number(1863) -> "1.863"`` (counts; ``None -> ""``).
- ``format_decimal(1104.84, 1) -> "1.104,8"``.
- ``format_percent(94.2) -> "94,2 %"`` (one decimal by default, non-breaking space before ``%``).
- ``format_ratio(1863, 20000) -> "1.863/20.000"`` (work done out of a total).
- ``over_full(rate)``: a percentage of a whole above 100 (more members than the workforce) is a
  figure to check, never shown silently: ``{{ rate|percent }}`` flags it (templatetags/formats).

Money is ``core.money.format_vnd``, the same digits with ``đ`` where the filter ``vnd`` shows it.
"""

from decimal import ROUND_HALF_UP, Decimal

THOUSANDS = "."
DECIMAL = ","
NBSP = "\u00a0"


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    return THOUSANDS.join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def format_decimal(value: int | float | Decimal | None, places: int = 0) -> str:
    """``value`` rounded half up to ``places`` decimals, dots between thousands and a comma before
    the decimals: ``format_decimal(1104.84, 1) -> "1.104,8"``, ``format_decimal(-1234) ->
    "-1.234"``. ``None -> ""``. Raises ``TypeError`` for anything that is not a number."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"not a number: {value!r}")
    exponent = Decimal(1).scaleb(-places)
    rounded = Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    return f"{sign}{_group(whole)}{DECIMAL + fraction if fraction else ''}"


def format_number(value: int | float | Decimal | None) -> str:
    """A count: ``1863 -> "1.863"``, ``20000 -> "20.000"``; ``None -> ""``."""
    return format_decimal(value, 0)


def format_percent(value: int | float | Decimal | None, places: int = 1) -> str:
    """A percentage already multiplied by 100, with ``places`` decimals: ``94.2 -> "94,2 %"``,
    ``1104.8 -> "1.104,8 %"``, ``(45, 0) -> "45 %"``; ``None -> ""``."""
    if value is None:
        return ""
    return f"{format_decimal(value, places)}{NBSP}%"


def format_ratio(done: int | None, total: int | None) -> str:
    """Work done out of a total: ``(1863, 20000) -> "1.863/20.000"``; without a total, the count."""
    if total is None:
        return format_number(done)
    return f"{format_number(done or 0)}/{format_number(total)}"


def over_full(value: int | float | Decimal | None) -> bool:
    """A share of a whole above 100 %: impossible for a membership rate unless a figure is wrong."""
    return value is not None and value > 100
