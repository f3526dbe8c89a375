"""Reporting periods: a year, half a year, a quarter or any run of days, read "as of" a date.

Reports, emulation (thi đua) and funds all speak of periods: "Năm 2025", "6 tháng đầu năm 2025",
"Quý III năm 2025", "Từ 01/01/2025 đến 30/06/2025". A ``Period`` holds both ends **inclusive**
(``end`` is the last day of the period, as written on paper; the tree's ``valid_to`` is exclusive,
so a period's ``end_exclusive`` is what a ``[valid_from, valid_to)`` filter wants).

A period is read as of ``as_of()``: its last day, or today while it is still running (the figures
of an unfinished year are those of today).

In URLs a period is ``?ky=2025`` (year), ``?ky=2025-h1`` / ``-h2`` (half), ``?ky=2025-q3``
(quarter) or ``?tu=01/01/2025&den=30/06/2025`` (any dates, dd/mm/yyyy or yyyy-mm-dd):
``Period.from_query(request.GET)`` reads it, ``period.query()`` writes it, ``PeriodForm`` offers it.
Bad input raises ``ValidationError({"ky" | "tu" | "den": message})`` in Vietnamese.

A list or page filtered by year also takes its year as ``?year=2022`` (its filter form's field) or
``?nam=2022`` (the reports' links): ``query_period`` reads every spelling, and ``QueryPeriodMixin`` gives a
filter form with a ``year`` field the period (``form.period``) so no spelling is silently ignored.
"""

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .dates import display, parse_date, today
from .forms import DateField, DateInput, StyledForm

MIN_YEAR, MAX_YEAR = 1900, 2100
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_KEY = re.compile(r"(?P<year>\d{4})(?:-(?P<part>[hq])(?P<n>\d))?", re.IGNORECASE)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            {"ky": _("Năm %(y)s nằm ngoài khoảng %(a)s–%(b)s.") % {"y": year, "a": MIN_YEAR, "b": MAX_YEAR}}
        )


def _last_day_of_month(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """Days ``start`` to ``end``, both included, with the Vietnamese ``label`` shown for it."""

    start: dt.date
    end: dt.date
    label: str

    # -- constructors ---------------------------------------------------------------------------

    @classmethod
    def year(cls, year: int) -> "Period":
        _check_year(year)
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), _("Năm %(y)s") % {"y": year})

    @classmethod
    def half_year(cls, year: int, half: int) -> "Period":
        """``half`` 1: January to June ("6 tháng đầu năm"), 2: July to December ("6 tháng cuối năm")."""
        _check_year(year)
        if half not in (1, 2):
            raise ValidationError({"ky": _("Nửa năm phải là 1 hoặc 2.")})
        label = _("6 tháng đầu năm %(y)s") if half == 1 else _("6 tháng cuối năm %(y)s")
        first = 1 if half == 1 else 7
        return cls(dt.date(year, first, 1), _last_day_of_month(year, first + 5), label % {"y": year})

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        _check_year(year)
        if quarter not in ROMAN:
            raise ValidationError({"ky": _("Quý phải từ 1 đến 4.")})
        first = 3 * quarter - 2
        label = _("Quý %(q)s năm %(y)s") % {"q": ROMAN[quarter], "y": year}
        return cls(dt.date(year, first, 1), _last_day_of_month(year, first + 2), label)

    @classmethod
    def custom(cls, start: dt.date, end: dt.date) -> "Period":
        """Any run of days; ``end`` before ``start`` is refused (error on ``den``)."""
        if end < start:
            raise ValidationError(
                {
                    "den": _("Ngày kết thúc (%(e)s) không được trước ngày bắt đầu (%(s)s).")
                    % {"e": display(end), "s": display(start)}
                }
            )
        label = _("Từ %(s)s đến %(e)s") % {"s": display(start), "e": display(end)}
        return cls(start, end, label)

    @classmethod
    def from_key(cls, key: str) -> "Period":
        """``"2025"``, ``"2025-h1"``, ``"2025-q3"``; anything else: ``ValidationError`` on ``ky``."""
        match = _KEY.fullmatch((key or "").strip())
        if match is None:
            raise ValidationError(
                {"ky": _("'%(k)s' không phải là kỳ hợp lệ (ví dụ 2025, 2025-h1, 2025-q3).") % {"k": key}}
            )
        year, part, n = int(match["year"]), (match["part"] or "").lower(), int(match["n"] or 0)
        if part == "h":
            return cls.half_year(year, n)
        if part == "q":
            return cls.quarter(year, n)
        return cls.year(year)

    @classmethod
    def from_query(cls, params: Mapping[str, str], default: "Period | None" = None) -> "Period | None":
        """The period a query string names (``ky``, or ``tu`` and ``den``), else ``default``.

        With only one of ``tu``/``den``, the other end is the same year's first or last day."""
        key, start, end = params.get("ky") or "", params.get("tu") or "", params.get("den") or ""
        if key:
            return cls.from_key(key)
        if not (start or end):
            return default
        return period_between(parse_date(start, field="tu"), parse_date(end, field="den"))

    # -- reading --------------------------------------------------------------------------------

    @property
    def end_exclusive(self) -> dt.date:
        """The first day after the period, for ``[valid_from, valid_to)`` comparisons."""
        return self.end + dt.timedelta(days=1)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def as_of(self, now: dt.date | None = None) -> dt.date:
        """The date the period's figures are read at: its last day, or today while it runs."""
        return min(self.end, now or today())

    @property
    def key(self) -> str:
        """``"2025"``, ``"2025-h1"``, ``"2025-q3"`` for a calendar period; ``""`` for custom dates."""
        y = self.start.year
        if (
            self.start.day != 1
            or self.end != _last_day_of_month(self.end.year, self.end.month)
            or self.end.year != y
        ):
            return ""
        months = (self.start.month, self.end.month)
        if months == (1, 12):
            return str(y)
        if months in ((1, 6), (7, 12)):
            return f"{y}-h{1 if months[0] == 1 else 2}"
        if months[1] - months[0] == 2 and months[0] % 3 == 1:
            return f"{y}-q{(months[0] + 2) // 3}"
        return ""

    def query(self) -> dict[str, str]:
        """The query string parameters that name this period (what ``from_query`` reads)."""
        return {"ky": self.key} if self.key else {"tu": display(self.start), "den": display(self.end)}

    def __str__(self) -> str:
        return self.label


class PeriodForm(StyledForm):
    """The period of a list or a report: a named period (``ky``) or two dates (``tu``, ``den``).

    Always bound (an empty query gives ``default``, by default this year); after ``is_valid()``
    the ``period`` attribute holds the ``Period`` (``None`` when invalid).
    """

    ky = forms.CharField(
        label=gettext_lazy("Kỳ"),
        required=False,
        max_length=10,
        help_text=gettext_lazy("Ví dụ: 2025 (cả năm), 2025-h1 (6 tháng đầu năm), 2025-q3 (quý III)."),
    )
    # Text read by ``Period.from_query`` (which names the field in its errors), typed as dates.
    tu = forms.CharField(label=gettext_lazy("Từ ngày"), required=False, max_length=10, widget=DateInput())
    den = forms.CharField(label=gettext_lazy("Đến ngày"), required=False, max_length=10, widget=DateInput())

    def __init__(self, data=None, *, default: Period | None = None, **kwargs):
        super().__init__(data or {}, **kwargs)
        self.default = default or Period.year(today().year)
        self.period: Period | None = None

    def clean(self):
        data = super().clean()
        data["period"] = self.period = Period.from_query(data, self.default)
        return data


# -- the one parser of a report's period, year and "as of" date (issue 15, "Bad input") ---------------
# Pages, files and the API of the reports read their period through these, each naming the field the
# caller shows (``ky``/``tu``/``den`` on a page, ``from``/``to`` in the API, ``nam`` or ``year``).


def parse_year(raw, *, field: str, future: bool = False, now: dt.date | None = None) -> int:
    """A year as typed (``"2022"`` or ``2022``): digits, within ``MIN_YEAR``–``MAX_YEAR`` and, unless
    ``future``, not after this year (the figures of a year not begun are nothing). Otherwise
    ``ValidationError({field: message})`` quoting the value."""
    text = str(raw if raw is not None else "").strip()
    if not text.isdigit():
        raise ValidationError({field: _("'%(v)s' không phải là năm (ví dụ 2022).") % {"v": text}})
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            {field: _("Năm %(y)s nằm ngoài khoảng %(a)s–%(b)s.") % {"y": year, "a": MIN_YEAR, "b": MAX_YEAR}}
        )
    this_year = (now or today()).year
    if not future and year > this_year:
        raise ValidationError(
            {field: _("Năm %(y)s chưa đến (năm nay là %(n)s).") % {"y": year, "n": this_year}}
        )
    return year


def period_started(period: "Period", *, field: str, now: dt.date | None = None) -> "Period":
    """``period`` if it has begun by today (a running one is read as of today), else
    ``ValidationError({field: message})``."""
    if period.start > (now or today()):
        raise ValidationError({field: _("Kỳ báo cáo (%(p)s) chưa bắt đầu.") % {"p": period.label}})
    return period


def period_between(
    start: dt.date | None,
    end: dt.date | None,
    *,
    fields: tuple[str, str] = ("tu", "den"),
    started: bool = False,
    now: dt.date | None = None,
) -> "Period":
    """The period from ``start`` to ``end`` (either may be missing: the other's first or last day of
    its year; both missing: this year). Errors name ``fields`` (start, end): a year outside
    ``MIN_YEAR``–``MAX_YEAR``, an end before the start and, with ``started``, a period not begun."""
    if start is None and end is None:
        start = (now or today()).replace(month=1, day=1)
    start = start or end.replace(month=1, day=1)
    end = end or start.replace(month=12, day=31)
    for day, name in ((start, fields[0]), (end, fields[1])):
        parse_year(day.year, field=name, future=True)
    try:
        period = Period.custom(start, end)
    except ValidationError as error:  # the period's own message, on the caller's field
        raise ValidationError({fields[1]: error.message_dict["den"]}) from None
    return period_started(period, field=fields[0], now=now) if started else period


def read_as_of(
    period: "Period", as_of: dt.date | None, *, field: str = "as_of", now: dt.date | None = None
) -> dt.date:
    """The date a period's figures are read at: ``as_of`` if given, not after today and not before
    the period's first day; by default the period's last day, or today while it runs. Errors name
    ``field``."""
    now = now or today()
    if as_of is not None and as_of > now:
        raise ValidationError(
            {field: _("Ngày số liệu (%(d)s) không được sau hôm nay.") % {"d": display(as_of)}}
        )
    as_of = as_of or period.as_of(now)
    if as_of < period.start:
        raise ValidationError(
            {
                field: _("Ngày số liệu (%(d)s) không được trước ngày đầu kỳ (%(s)s).")
                % {"d": display(as_of), "s": display(period.start)}
            }
        )
    return as_of


class AsOfField(DateField):
    """``as_of`` in a list's query string (a figure's ``records_url``): the date the records are read
    at, dd/mm/yyyy or yyyy-mm-dd, not after today ("Ngày số liệu (…) không được sau hôm nay.")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Số liệu đến ngày"))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        if value is not None and value > today():
            raise ValidationError(_("Ngày số liệu (%(d)s) không được sau hôm nay.") % {"d": display(value)})


YEAR_KEYS = ("year", "nam")  # a year in a page's address: the filter's field, the reports' spelling


def query_period(params: Mapping[str, str], default: "Period | None" = None) -> "Period | None":
    """The period a page's query string names in any spelling: ``ky`` or ``tu``/``den``
    (``Period.from_query``), else a year as ``year`` or ``nam``; else ``default``. A bad value raises
    ``ValidationError`` naming its parameter."""
    found = Period.from_query(params)
    if found is not None:
        return found
    for key in YEAR_KEYS:
        raw = str(params.get(key) or "").strip()
        if not raw:
            continue
        return Period.year(parse_year(raw, field=key, future=True))
    return default


class QueryPeriodMixin:
    """A filter form (bound to ``request.GET``) with a ``year`` field: ``form.period`` is the period of
    the query string in any spelling (``query_period``; ``None`` for none or a bad one, whose message is
    shown on its field, or on ``year``). A whole year given as ``nam`` or ``ky`` fills the ``year``
    field, so the form shows it and its links carry it; another period is carried by ``period_query``."""

    period: "Period | None" = None

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if hasattr(data, "copy") else dict(data or {})
        if not data.get("year"):
            key = str(data.get("ky") or "").strip()
            whole = key if key.isdigit() else ""
            if data.get("nam") or whole:
                data["year"] = data.get("nam") or whole
                data.pop("nam", None)
                if whole:
                    data.pop("ky", None)
        super().__init__(data, *args, **kwargs)

    def clean(self):
        data = super().clean()
        try:
            self.period = query_period(self.data)
        except ValidationError as error:
            self.period = None
            for key, messages in error.message_dict.items():
                field = key if key in self.fields else "year"
                if field not in self.errors:
                    self.add_error(field, messages)
        data["period"] = self.period
        return data

    def period_query(self) -> dict[str, str]:
        """The query parameters of the period when the ``year`` field does not say it (``ky``,
        ``tu``/``den``)."""
        period, year = self.period, getattr(self, "cleaned_data", {}).get("year")
        if period is None or (year is not None and period.key == str(year)):
            return {}
        return period.query()
