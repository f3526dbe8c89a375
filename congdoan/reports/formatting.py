"""One way to write a figure in words and text, for the page, the Word body and the e-mails:
counts "1.863", money "100.000.000 đồng", percentages "127 %" (``core.numbers``, ``core.money``)."""

from django.utils.translation import gettext as _

from congdoan.core.figures import Measure
from congdoan.core.money import format_vnd
from congdoan.core.numbers import format_decimal, format_number, format_percent

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def shown(value, measure: str) -> str:
    """A figure as written in a report; "—" when nobody recorded it. A table's text cell as it is,
    a score with one decimal ("92,5")."""
    if measure == "text":
        return "" if value is None else str(value)
    if value is None:
        return "—"
    if measure == "points":
        return format_decimal(value, 1)
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
    for n, table in enumerate(data.tables, start=len(data.sections)):
        lines.append(f"{ROMAN[n]}. {table.title.upper()}")
        if not table.rows:
            lines.append(table.empty)
        lines += [
            "- " + table_line(table, row) for row in (*table.rows, *([table.total] if table.total else []))
        ]
    return "\n".join(lines)


def table_line(table, row) -> str:
    """A table's row in words: its text cells joined by " — ", then each number named by its column
    ("Bằng khen — Tổng Liên đoàn — Tập thể: 1; Cá nhân: 0; Tiền thưởng: 1.000.000 đồng")."""
    words = [
        shown(v, c.measure) for v, c in zip(row.cells, table.columns, strict=True) if c.measure == "text"
    ]
    numbers = [
        f"{c.label}: {shown(v, c.measure)}"
        for v, c in zip(row.cells, table.columns, strict=True)
        if c.measure != "text"
    ]
    return " — ".join([w for w in words if w] + (["; ".join(numbers)] if numbers else []))
