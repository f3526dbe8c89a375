"""One way to write a figure in words and text, for the page, the Word body and the e-mails:
counts "1.863", money "100.000.000 đồng", percentages "127 %" (``core.numbers``, ``core.money``)."""

from django.utils.translation import gettext as _

from congdoan.core.figures import Measure
from congdoan.core.money import format_vnd
from congdoan.core.numbers import format_number, format_percent

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def shown(value: int | None, measure: str) -> str:
    """A figure as written in a report; "—" when nobody recorded it."""
    if value is None:
        return "—"
    if measure == Measure.PERCENT:
        return format_percent(value, 0)
    if measure == Measure.VND:
        return f"{format_vnd(value)} đồng"
    return format_number(value)


def body_text(data) -> str:
    """The body of the Word report (``selectors.ReportData``): per section its numbered title, the
    officer's text, then one line per figure. Written in Vietnamese whatever the interface language,
    as documents are."""
    lines = [
        _("Số liệu tính đến ngày %(d)s, gồm %(u)s và các đơn vị trực thuộc.")
        % {"d": data.scope.as_of.strftime("%d/%m/%Y"), "u": data.scope.name}
    ]
    for n, section in enumerate(data.sections):
        if not section.lines and not section.narrative:
            continue
        lines.append(f"{ROMAN[n]}. {section.title.upper()}")
        lines += [line for line in section.narrative.splitlines() if line.strip()]
        lines += [f"- {line.label}: {shown(line.value, line.measure)}" for line in section.lines]
    return "\n".join(lines)
