"""Reads of the reports module: every figure comes from the registry (``core.figures``) through
``figure_values`` / ``figure_rows``, and the typed rows below serve the page, the xlsx, the docx and
the API alike, so two outputs cannot disagree.

The scope of a request (``scope_read``) is checked once: the unit out of the actor's reach is 404
(today's reach, or the reach on the date the figures are read, for a unit closed since); an "as of"
date in the future or before the period, and a unit that did not exist on that date, are refused
with a message naming the field."""

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from congdoan.core import figures
from congdoan.core.dates import display, today
from congdoan.core.periods import Period, read_as_of
from congdoan.core.rollup import RollupRow
from congdoan.documents.models import Status
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy
from congdoan.organizations.selectors import dashboard_scope

from . import definitions
from .formatting import shown
from .models import IssuedReport, Narrative
from .permissions import VIEW


@dataclass(frozen=True)
class Scope:
    """A unit, a period and the date the figures are read at (``as_of``), checked."""

    unit: Unit
    name: str  # the unit's name on ``as_of``
    period: Period
    as_of: dt.date
    path: str = ""  # the unit's path on ``as_of``

    @property
    def unit_id(self) -> int:
        return self.unit.pk

    def query(self) -> dict[str, str]:
        return {"unit": str(self.unit.pk), **self.period.query(), "as_of": display(self.as_of)}


def scope_read(*, actor, unit_id: int, period: Period, as_of: dt.date | None = None) -> Scope:
    """The checked scope; ``as_of`` defaults to the period's last day, or today while it runs
    (``core.periods.read_as_of``: not after today, not before the period, errors on ``as_of``). 404
    out of reach; a unit that did not exist on ``as_of`` is refused on ``unit``."""
    now = today()
    as_of = read_as_of(period, as_of, now=now)
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None or not (policy.can(actor, VIEW, unit, now) or policy.can(actor, VIEW, unit, as_of)):
        raise Http404
    problem = unit.lifetime_error(as_of)
    if problem:
        raise ValidationError({"unit": problem})
    version = unit.version_on(as_of)
    return Scope(unit, version.name, period, as_of, version.path)


def default_unit_id(*, actor) -> int | None:
    """The unit a page or the API reads when none is asked: the actor's own if they see it, else the
    first unit at the top of their reach (the dashboard's rule)."""
    found = dashboard_scope(actor=actor)
    return found.unit_id


def check_names(names: Iterable[str]) -> list[str]:
    """Names as asked, each registered, else a message naming the first unknown one."""
    names = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    for name in names:
        try:
            figures.get(name)
        except figures.UnknownFigure:
            raise ValidationError({"names": _("Không có số liệu tên '%(n)s'.") % {"n": name}}) from None
    return names


def figure_values(*, actor, scope: Scope, names: Iterable[str] | None = None) -> dict[str, int | None]:
    """The totals of the unit's subtree. Every registered figure the actor may read on the unit
    when ``names`` is None (those it may not read are left out); else exactly ``names``, 403 for one
    it may not read."""
    explicit = names is not None
    names = check_names(names) if explicit else [f.name for f in figures.catalogue()]
    values = figures.compute(
        actor=actor,
        unit_id=scope.unit_id,
        names=names,
        period=scope.period,
        as_of=scope.as_of,
        readable_only=not explicit,
    )
    return {name: values[name] for name in names if name in values}


def figure_rows(*, actor, scope: Scope, names: Iterable[str]) -> list[RollupRow[dict[str, int | None]]]:
    """Every unit of the subtree with its own and total values of the readable ``names``."""
    return figures.rows(
        actor=actor,
        unit_id=scope.unit_id,
        names=list(names),
        period=scope.period,
        as_of=scope.as_of,
        readable_only=True,
    )


# -- reports ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureLine:
    name: str
    label: str
    measure: str
    value: int | None
    word: str = ""  # what the value counts ("sáng kiến", "người", "đồng"): ``Figure.word``
    against_target: bool = False  # a percentage of a target: above 100 % not flagged


@dataclass(frozen=True)
class SectionData:
    code: str
    title: str
    lines: tuple[FigureLine, ...]
    narrative: str = ""


TEXT, POINTS = "text", "points"  # a table cell's measure besides the figures' (``figures.Measure``)


@dataclass(frozen=True)
class Column:
    label: str
    measure: str = TEXT  # TEXT, POINTS (a score, one decimal) or a ``figures.Measure``


@dataclass(frozen=True)
class TableRow:
    cells: tuple
    figures: tuple[str, ...] = ()  # per cell, the registry's figure it equals ("" for none)

    def shown(self) -> list[tuple[object, str]]:
        """(value, figure name) per cell, for the page's ``data-figure``."""
        names = self.figures or ("",) * len(self.cells)
        return list(zip(self.cells, names, strict=True))


@dataclass(frozen=True)
class TableData:
    """A table of records below a report's figures (``definitions.Report.listing``): columns, rows
    and a last row of totals (its first cell the label), shown alike on the page, xlsx and docx."""

    code: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    total: TableRow | None = None
    empty: str = ""

    def _cells(self, row: TableRow) -> list[tuple[object, str, str, str]]:
        return [
            (v, name, c.measure, shown(v, c.measure))
            for (v, name), c in zip(row.shown(), self.columns, strict=True)
        ]

    @property
    def shown_rows(self) -> list[list[tuple[object, str, str, str]]]:
        """Per row, per cell: (value, figure name or "", measure, the value in words), for the page."""
        return [self._cells(r) for r in self.rows]

    @property
    def shown_total(self) -> list[tuple[object, str, str, str]]:
        return self._cells(self.total) if self.total else []


@dataclass(frozen=True)
class ReportData:
    """One report of one unit: its sections, each with its figures and the officer's text, and the
    tables of records of a listing report."""

    report: definitions.Report
    scope: Scope
    sections: tuple[SectionData, ...]
    issued: tuple[IssuedReport, ...] = field(default=())
    tables: tuple[TableData, ...] = field(default=())

    def values(self) -> dict[str, int | None]:
        return {line.name: line.value for s in self.sections for line in s.lines}

    @property
    def in_force(self) -> IssuedReport | None:
        """The issued report that stands (the last of the chain, its document not cancelled), if
        any: issuing again is then refused (``services.report_issue``)."""
        replaced = {i.replaces_id for i in self.issued}
        last = next((i for i in self.issued if i.pk not in replaced), None)
        if last is not None and last.document.status != Status.CANCELLED:
            return last
        return None


def report_period(report: definitions.Report, year: int) -> Period:
    return Period.half_year(year, 1) if report.half_year else Period.year(year)


def lines_of(names: Iterable[str], values: dict[str, int | None]) -> tuple[FigureLine, ...]:
    return tuple(
        FigureLine(n, str(f.label), f.measure, values[n], f.word, f.against_target)
        for n, f in ((n, figures.get(n)) for n in names if n in values)
    )


def report_data(*, actor, report: definitions.Report, scope: Scope) -> ReportData:
    """The report's sections with the registry's figures (those registered and readable) and the
    narratives stored for the unit, report and year of the period."""
    values = figure_values(actor=actor, scope=scope, names=None)
    year = scope.period.start.year
    texts = dict(
        Narrative.objects.filter(unit=scope.unit, report=report.code, year=year).values_list(
            "section", "text"
        )
    )
    sections = tuple(
        SectionData(s.code, str(s.title), lines_of(s.shown(values), values), texts.get(s.code, ""))
        for s in report.sections
    )
    issued = tuple(
        IssuedReport.objects.filter(unit=scope.unit, report=report.code, year=year).select_related("document")
    )
    tables = LISTINGS[report.listing](actor, scope) if report.listing else ()
    return ReportData(report, scope, sections, issued, tables)


def award_tables(actor, scope: Scope) -> tuple[TableData, ...]:
    """The commendation list (danh sách khen thưởng) of the scope's subtree and period, read through
    ``awards.selectors.given_awards`` (the rows the ``awards.*`` figures count): the totals by form
    or title (its issuer level, collectives, individuals, bonuses), each count the figure
    ``awards.by_form.<code>.*`` of the registry; then every award. None without ``awards.view``."""
    from congdoan.awards import selectors as awards
    from congdoan.awards.levels import IssuerLevel
    from congdoan.awards.permissions import VIEW as AWARDS_VIEW

    if not policy.can(actor, AWARDS_VIEW, scope.unit):
        return ()
    given = awards.given_awards(
        actor=actor,
        unit=scope.unit,
        path=scope.path,
        as_of=scope.as_of,
        start=scope.period.start,
        end=scope.period.end,
    )
    known = {f.name for f in figures.catalogue()}
    by_form: dict[str, list] = {}
    listed = []
    for n, award in enumerate(given, start=1):
        thing = award.form or award.title
        level = str(IssuerLevel(thing.issuer_level).label)
        row = by_form.setdefault(thing.code, [str(thing), level, 0, 0, 0])
        row[3 if award.person_id else 2] += 1
        row[4] += award.amount
        document = award.decision.document
        listed.append(
            TableRow(
                (
                    n,
                    str(thing),
                    _("Cá nhân") if award.person_id else _("Tập thể"),
                    award.person.full_name if award.person_id else award.home_name,
                    award.home_name,
                    document.number_symbol,
                    display(award.decided_on),
                    award.amount,
                )
            )
        )

    def named(code: str, kind: str) -> str:
        name = f"awards.by_form.{code}.{kind}"
        return name if name in known else ""

    summary = tuple(
        TableRow(tuple(row), ("", "", named(code, "collective"), named(code, "individual"), ""))
        for code, row in by_form.items()
    )
    sums = [sum(r.cells[i] for r in summary) for i in (2, 3, 4)]
    people, units, money = figures.Measure.PEOPLE, figures.Measure.UNITS, figures.Measure.VND
    return (
        TableData(
            "by_form",
            _("Tổng hợp theo hình thức khen thưởng"),
            (
                Column(_("Hình thức khen thưởng")),
                Column(_("Cấp khen")),
                Column(_("Tập thể"), units),
                Column(_("Cá nhân"), people),
                Column(_("Tiền thưởng"), money),
            ),
            summary,
            TableRow(
                (_("Tổng cộng"), "", *sums),
                ("", "", "awards.collective", "awards.individual", "awards.amount"),
            ),
            _("Không có khen thưởng nào trong kỳ."),
        ),
        TableData(
            "awards",
            _("Danh sách tập thể, cá nhân được khen thưởng"),
            (
                Column(_("STT")),
                Column(_("Hình thức khen thưởng")),
                Column(_("Đối tượng")),
                Column(_("Tập thể, cá nhân")),
                Column(_("Đơn vị")),
                Column(_("Quyết định số")),
                Column(_("Ngày quyết định")),
                Column(_("Tiền thưởng"), money),
            ),
            tuple(listed),
            TableRow((_("Tổng cộng"), "", "", "", "", "", "", sums[2])),
            _("Không có khen thưởng nào trong kỳ."),
        ),
    )


def rating_tables(actor, scope: Scope) -> tuple[TableData, ...]:
    """The rating summary (tổng hợp xếp loại CĐCS) of the year of the scope, read through
    ``emulation.selectors.rating_counts`` / ``rating_summary`` (the grassroots unions of the subtree on
    the scope's "as of" date, as the ``ratings.*`` figures): the count per grade (decided ratings), those not rated yet, and every union
    with its state, points and grade. None without ``emulation.view``."""
    from congdoan.core.labels import localized
    from congdoan.emulation import selectors as emulation
    from congdoan.emulation.permissions import VIEW as EMULATION_VIEW

    if not policy.can(actor, EMULATION_VIEW, scope.unit):
        return ()
    year = scope.period.start.year
    counts = emulation.rating_counts(actor=actor, unit=scope.unit, year=year, as_of=scope.as_of)
    units = counts["units"]
    top = counts["grades"][0][0].pk if counts["grades"] else None
    grades = [
        TableRow(
            (localized(g.name, g.name_en), n, figures.percent(n, units)),
            ("", "ratings.excellent" if g.pk == top else "", ""),
        )
        for g, n in counts["grades"]
    ]
    grades.append(
        TableRow(
            (_("Chưa xếp loại"), units - counts["rated"], figures.percent(units - counts["rated"], units))
        )
    )
    listed = tuple(
        TableRow(
            (
                n,
                r.name,
                emulation.rating_state_label(r.rating_state),
                r.rating_self,
                r.rating_total,
                localized(r.grade_name or "", r.grade_name_en or "") if r.rating_state == "decided" else "",
            )
        )
        for n, r in enumerate(
            emulation.rating_summary(actor=actor, unit=scope.unit, year=year, as_of=scope.as_of), start=1
        )
    )
    count, share = figures.Measure.UNITS, figures.Measure.PERCENT
    return (
        TableData(
            "by_grade",
            _("Số công đoàn cơ sở theo xếp loại"),
            (Column(_("Xếp loại")), Column(_("Số CĐCS"), count), Column(_("Tỷ lệ"), share)),
            tuple(grades),
            TableRow((_("Tổng số CĐCS"), units, 100 if units else None), ("", "units.grassroots", "")),
        ),
        TableData(
            "unions",
            _("Danh sách công đoàn cơ sở và xếp loại"),
            (
                Column(_("STT")),
                Column(_("Công đoàn cơ sở")),
                Column(_("Tình trạng")),
                Column(_("Điểm tự chấm"), POINTS),
                Column(_("Điểm cấp trên chấm"), POINTS),
                Column(_("Xếp loại")),
            ),
            listed,
            None,
            _("Không có công đoàn cơ sở nào vào cuối năm."),
        ),
    )


LISTINGS = {"awards": award_tables, "ratings": rating_tables}


def issued_in_force(*, unit, report: definitions.Report, year: int) -> IssuedReport | None:
    """The last issued report of the kind, unit and year (the one no later one replaces), with its
    document; its document may have been cancelled in the register since."""
    return (
        IssuedReport.objects.filter(unit=unit, report=report.code, year=year, replaced_by__isnull=True)
        .select_related("document")
        .first()
    )


@dataclass(frozen=True)
class ComparisonRow:
    unit_id: int
    name: str
    values: tuple[int | None, ...]


def comparison(*, actor, scope: Scope, names: list[str], depth: int = 1) -> list[ComparisonRow]:
    """The units ``depth`` levels below the scope's unit side by side: each unit's subtree totals."""
    rows = figure_rows(actor=actor, scope=scope, names=names)
    return [
        ComparisonRow(r.unit.id, r.unit.name, tuple(r.total.get(n) for n in names))
        for r in rows
        if r.indent == depth
    ]


def block_comparison(*, actor, block, scope: Scope, names: list[str]) -> tuple[list[ComparisonRow], dict]:
    """The member units of an emulation block (khối, cụm thi đua) on the scope's date side by side,
    each unit's subtree figures from the registry (a unit whose figures the actor may not read is
    left out),
    and the block's totals: additive and own-or-sum figures added, computed ones worked out from
    those totals by the figure's own formula."""
    from congdoan.emulation.selectors import block_members

    rows, totals = [], {}
    members = [m for m in block_members(block, scope.as_of.year) if m.valid_from <= scope.as_of]
    for member in members:
        if member.valid_to is not None and member.valid_to <= scope.as_of:
            continue
        values = figures.compute(
            actor=actor,
            unit_id=member.unit_id,
            names=names,
            period=scope.period,
            as_of=scope.as_of,
            readable_only=True,
        )
        if not values:  # a member unit out of the actor's reach (the block is seen through another)
            continue
        rows.append(ComparisonRow(member.unit_id, member.unit_name, tuple(values.get(n) for n in names)))
        for name, value in values.items():
            if value is not None and figures.get(name).rule != figures.Rollup.COMPUTED:
                totals[name] = totals.get(name, 0) + value
    for name in names:
        figure = figures.get(name)
        if figure.rule == figures.Rollup.COMPUTED and all(i in totals for i in figure.inputs):
            totals[name] = figure.formula(*(totals[i] for i in figure.inputs))
    return rows, totals


def _months(period: Period, until: dt.date) -> list[Period]:
    months, start = [], period.start
    while start <= min(period.end, until):
        month = Period.custom(start, min(_month_end(start), period.end))
        months.append(month)
        start = month.end_exclusive
    return months


def monthly(*, actor, scope: Scope, names: list[str], readable: Iterable[str]) -> tuple[list[str], dict]:
    """Additive (``SUM``) flow figures month by month over the scope's period: a group that offers
    ``by_month`` is asked once for the whole period, any other once per month, for the subtree; only figures the actor was already found
    to read on the unit (``readable``, from ``figure_values``) are asked. A month's total is every
    unit's own value added, as ``core.figures.compute`` adds a ``SUM`` figure."""
    readable = set(readable)
    wanted = [n for n in names if n in readable and figures.get(n).rule == figures.Rollup.SUM]
    months = _months(scope.period, scope.as_of)
    if not wanted or not months:
        return [], {}
    series: dict[str, list[int]] = {n: [] for n in wanted}
    groups: dict[str, list[str]] = {}
    for name in wanted:
        groups.setdefault(figures.get(name).group, []).append(name)
    whole = Period.custom(months[0].start, months[-1].end)
    by_month: dict[str, dict] = {}  # a group that gives every month in one pass is asked once
    for key, group_names in groups.items():
        group = figures.GROUPS[key]
        if group.by_month is not None:
            query = figures.FigureQuery(
                actor, scope.unit_id, scope.path, whole, scope.as_of, frozenset(group_names)
            )
            by_month[key] = group.by_month(query)
    for month in months:
        totals = dict.fromkeys(wanted, 0)
        first = month.start.replace(day=1)
        for key, group_names in groups.items():
            if key in by_month:
                counted = [by_month[key].get(first, {})]
            else:
                query = figures.FigureQuery(
                    actor, scope.unit_id, scope.path, month, scope.as_of, frozenset(group_names)
                )
                counted = figures.GROUPS[key].compute(query).values()
            for values in counted:
                for name in group_names:
                    totals[name] += values.get(name) or 0
        for name in wanted:
            series[name].append(totals[name])
    return [m.start.strftime("%m/%Y") for m in months], series


def charts(*, actor, scope: Scope, totals: dict[str, int | None]) -> dict:
    """The dashboard's pictures, each from the registry: members by unit below, joins and leavers
    by month, and, when their modules are registered, initiatives against target, awards by form and
    conferences held against expected (``totals``: the figures of the scope's unit the actor reads).
    A chart whose figures are not registered or not readable is left out."""
    known = {f.name for f in figures.catalogue()}
    out: dict = {}
    if "members.total" in totals:
        below = figures.below(
            actor=actor,
            unit_id=scope.unit_id,
            names=["members.total"],
            period=scope.period,
            as_of=scope.as_of,
            readable_only=True,
        )
        if below:
            out["members"] = {
                "labels": [node.name for node, _total in below],
                "values": [total["members.total"] for _node, total in below],
            }
    labels, series = monthly(
        actor=actor, scope=scope, names=["members.joined", "members.left"], readable=totals
    )
    if len(series) == 2:
        out["flows"] = {"labels": labels, "joined": series["members.joined"], "left": series["members.left"]}
    pairs = [
        ("initiatives.recognised", "initiatives.target"),
        ("conferences.cbccvc.held", "conferences.cbccvc.expected"),
        ("conferences.workers.held", "conferences.workers.expected"),
        ("dialogues.held", "dialogues.expected"),
    ]
    bars = [
        (str(figures.get(done).label), totals[done] or 0, totals[due] or 0)
        for done, due in pairs
        if done in totals and due in totals
    ]
    if bars:
        out["targets"] = {
            "labels": [b[0] for b in bars],
            "done": [b[1] for b in bars],
            "due": [b[2] for b in bars],
        }
    # Only the forms given in the period: a bar per catalogue row would be mostly zeros.
    forms = sorted({n.rsplit(".", 1)[0] for n, v in totals.items() if n.startswith("awards.by_form.") and v})
    if forms:
        out["awards"] = {
            "labels": [_form_name(f, known) for f in forms],
            "collective": [totals.get(f + ".collective") or 0 for f in forms],
            "individual": [totals.get(f + ".individual") or 0 for f in forms],
        }
    return out


def _form_name(prefix: str, known: set[str]) -> str:
    """The form's name for a chart of both its bars: what its collective and individual figures'
    labels share ("Giấy khen của …: tập thể" / "…: cá nhân" → "Giấy khen của …"), not one of them."""
    names = (f"{prefix}.collective", f"{prefix}.individual")
    labels = [str(figures.get(n).label) for n in names if n in known]
    if len(labels) < 2:
        return labels[0] if labels else prefix
    return os.path.commonprefix(labels).rstrip(" :(") or labels[0]


def _month_end(day: dt.date) -> dt.date:
    first_next = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)
