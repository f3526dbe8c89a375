"""Numbers and money on pages: ``{% load formats %}``. The rule is ``congdoan.core.numbers``
(dots between thousands, a comma before decimals, in both languages).

- ``{{ n|number }}``: an integer with dots between thousands (``12345 -> "12.345"``); anything
  that is not an integer (``None``, text) is shown unchanged.
- ``{{ done|ratio:total }}``: work done out of a total, ``"1.863/20.000"``.
- ``{{ rate|percent }}`` / ``{{ rate|percent:0 }}``: a percentage, ``"94,2 %"``; above 100 it
  is flagged (a warning badge with a title saying to check the figures). Not a number: unchanged.
- ``{{ amount|vnd }}``: an amount in đồng, ``1000000 -> "1.000.000 đ"``.
- ``{{ amount|vnd_words }}``: ``"Một triệu đồng"``.
"""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from congdoan.core.money import format_vnd, vnd_in_words
from congdoan.core.numbers import format_number, format_percent, format_ratio, over_full

register = template.Library()


def _integer(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _real(value) -> int | float | Decimal | None:
    return value if isinstance(value, int | float | Decimal) and not isinstance(value, bool) else None


@register.filter
def number(value):
    n = _integer(value)
    return value if n is None else format_number(n)


@register.filter
def ratio(done, total):
    if _integer(done) is None or (total is not None and _integer(total) is None):
        return done
    return format_ratio(done, total)


@register.filter
def percent(value, places=None):
    x = _real(value)
    if x is None:
        return value
    if places is None:
        # A rate stored as a whole percent (core.figures.percent) shows no decimals: "98,0 %" would
        # claim a precision the figure does not have.
        places = 0 if isinstance(value, int) else 1
    text = format_percent(x, int(places))
    if not over_full(x):
        return text
    note = _("Trên 100 %: hãy kiểm tra lại số liệu.")
    return format_html(
        '<span class="badge text-bg-warning" title="{}" data-over-full>{} '
        '<i class="bi bi-exclamation-triangle-fill" aria-hidden="true"></i>'
        '<span class="visually-hidden"> {}</span></span>',
        note,
        text,
        note,
    )


@register.filter
def target_percent(value):
    """A whole percentage of a target (``core.figures.Figure.against_target``: "127 %" of the
    initiatives target): above 100 % is good news, shown as it is, never flagged like ``percent``."""
    x = _real(value)
    return value if x is None else format_percent(x, 0)


@register.filter
def vnd(value):
    n = _integer(value)
    return value if n is None else f"{format_vnd(n)}\u00a0đ"


@register.filter
def vnd_words(value):
    n = _integer(value)
    return value if n is None else vnd_in_words(n)
