"""The dashboard and the year-end report on the generated tree with a year of work
(``generate_scale --work``: 2022), issue 15 §6:

- ``run`` (``--only reports``): the 58-CĐCS union ``BENCH-M0001`` (Công đoàn Viên chức thành phố Hà
  Nội of the generated tree, the size of CĐVC TP Hà Nội in seed 001) as its chủ tịch; target 300 ms;
- ``run_root`` (``--only reports-root``): the root (10,000 units, 1,000,000 members) as its chủ
  tịch; target 2 s.

For each, through Django's test client: the dashboard (``/bao-cao/?ky=2022``), the year-end page and
its xlsx (``nam=2022``) and the figures API (every figure, bearer token), each with p50/p95, its
queries, its bytes and its own SELECTs replayed through a cursor (``bench/pages.py``); every figure
through the registry (``reports.selectors.figure_values``, what those outputs read). Then per module
group one figure three ways, in the same run:

- ``registry``: ``core.figures.compute`` of that figure alone (the group's compute, the roll-up);
- ``raw_sql``: the same figure as one hand-written SQL statement over the subtree's units (the floor);
- ``naive_loop``: the figure of each unit of the subtree by the ORM (one or two queries a unit),
  summed in Python (what a report that walks the tree does). At the root it runs once (about
  fifteen queries for each of 10,000 units), not ``repeat`` times.

The three values must agree (``agree``): the raw SQL is the figure, not an approximation of it.
``markdown(results)`` gives the tables of bench/results.md.
"""

import datetime as dt
import time

from django.db import connection
from django.db.models import F, Sum
from django.test import Client

from congdoan.accounts.models import ApiToken
from congdoan.awards.models import Award
from congdoan.core import figures
from congdoan.core.periods import Period
from congdoan.demo.scale_work import WORK_YEAR
from congdoan.emulation.models import Rating, Registration
from congdoan.funds.models import Contribution
from congdoan.initiatives.models import Initiative
from congdoan.meetings.models import Conference, ConferenceDuty, ConferenceKind
from congdoan.members.models import IN_UNIT, Membership, WorkforceCount
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.selectors import subtree_nodes
from congdoan.welfare.models import GiftItem, SupportCase
from congdoan.welfare.models import Programme as WelfareProgramme

TARGET_MS = 300
ROOT_TARGET_MS = 2000
UNION_CODE = "BENCH-M0001"  # generate_scale gives this mid-level union exactly 58 CĐCS
PERIOD = Period.year(WORK_YEAR)
AS_OF = dt.date(WORK_YEAR, 12, 31)


def _t(model) -> str:
    return model._meta.db_table


UNITS_CTE = (
    f"WITH u AS (SELECT unit_id FROM {_t(UnitVersion)} WHERE path LIKE %(path)s"
    " AND valid_from <= %(d)s AND (valid_to IS NULL OR valid_to > %(d)s)) "
)
ACTIVE = "valid_from <= %(d)s AND (valid_to IS NULL OR valid_to > %(d)s)"
IN_PERIOD = "BETWEEN %(start)s AND %(end)s"


def _sum(qs, expression) -> int:
    return qs.aggregate(v=Sum(expression))["v"] or 0


# One figure per registered group: (group, figure, the raw SQL after the units' CTE, the figure of
# one unit by the ORM). ``%(...)s`` are the path, the as-of day ``d``, the period's ``start``/``end``.
GROUPS = [
    (
        "units",
        "units.grassroots",
        f"SELECT count(*) FROM {_t(UnitVersion)} v JOIN organizations_unitkind k ON k.id = v.kind_id"
        f" WHERE v.path LIKE %(path)s AND v.{ACTIVE} AND k.is_grassroots",
        lambda uid: UnitVersion.objects.active(AS_OF).filter(unit_id=uid, kind__is_grassroots=True).count(),
    ),
    (
        "members",
        "members.total",
        f"SELECT count(*) FROM {_t(Membership)} m WHERE m.unit_id IN (SELECT unit_id FROM u)"
        f" AND m.{ACTIVE} AND m.status = ANY(%(in_unit)s)",
        lambda uid: Membership.objects.active(AS_OF).filter(unit_id=uid, status__in=IN_UNIT).count(),
    ),
    (
        "workforce",
        "workforce.total",
        f"SELECT coalesce(sum(total), 0) FROM (SELECT DISTINCT ON (unit_id) total FROM {_t(WorkforceCount)}"
        ' WHERE unit_id IN (SELECT unit_id FROM u) AND "on" <= %(d)s ORDER BY unit_id, "on" DESC) t',
        lambda uid: (
            WorkforceCount.objects.filter(unit_id=uid, on__lte=AS_OF)
            .order_by("-on")
            .values_list("total", flat=True)
            .first()
            or 0
        ),
    ),
    (
        "meetings",
        "conferences.cbccvc.held",
        f"SELECT count(*) FROM {_t(ConferenceDuty)} d WHERE d.unit_id IN (SELECT unit_id FROM u)"
        f" AND d.kind = 'cbccvc' AND d.{ACTIVE} AND EXISTS (SELECT 1 FROM {_t(Conference)} c"
        " WHERE c.unit_id = d.unit_id AND c.kind = 'cbccvc' AND c.year = %(year)s AND c.held_on <= %(end)s)",
        lambda uid: int(
            ConferenceDuty.objects.active(AS_OF)
            .filter(unit_id=uid, kind=ConferenceKind.PUBLIC_EMPLOYEES)
            .exists()
            and Conference.objects.filter(
                unit_id=uid, kind=ConferenceKind.PUBLIC_EMPLOYEES, year=WORK_YEAR, held_on__lte=AS_OF
            ).exists()
        ),
    ),
    (
        "emulation",
        "emulation.registrations",
        f"SELECT count(*) FROM {_t(Registration)} WHERE unit_id IN (SELECT unit_id FROM u)"
        " AND year = %(year)s AND state <> 'draft'",
        lambda uid: Registration.objects.filter(unit_id=uid, year=WORK_YEAR).exclude(state="draft").count(),
    ),
    (
        "ratings",
        "ratings.total",
        f"SELECT count(*) FROM {_t(Rating)} WHERE unit_id IN (SELECT unit_id FROM u)"
        " AND year = %(year)s AND state = 'decided'",
        lambda uid: Rating.objects.filter(unit_id=uid, year=WORK_YEAR, state="decided").count(),
    ),
    (
        "initiatives",
        "initiatives.recognised",
        f"SELECT count(*) FROM {_t(Initiative)} WHERE unit_id IN (SELECT unit_id FROM u)"
        f" AND registered_on {IN_PERIOD} AND state = 'recognised' AND decided_on <= %(d)s",
        lambda uid: Initiative.objects.filter(
            unit_id=uid, registered_on__range=(PERIOD.start, AS_OF), state="recognised", decided_on__lte=AS_OF
        ).count(),
    ),
    (
        "welfare",
        "welfare.amount",
        f"SELECT (SELECT coalesce(sum(amount), 0) FROM {_t(SupportCase)} WHERE unit_id IN (SELECT unit_id FROM u)"
        f" AND decided_on {IN_PERIOD}) + (SELECT coalesce(sum(g.count * g.unit_value), 0)"
        f" FROM {_t(GiftItem)} g JOIN {_t(WelfareProgramme)} p ON p.id = g.programme_id"
        f" WHERE p.unit_id IN (SELECT unit_id FROM u) AND g.given_on {IN_PERIOD})",
        lambda uid: (
            _sum(SupportCase.objects.filter(unit_id=uid, decided_on__range=(PERIOD.start, AS_OF)), "amount")
            + _sum(
                GiftItem.objects.filter(programme__unit_id=uid, given_on__range=(PERIOD.start, AS_OF)),
                F("count") * F("unit_value"),
            )
        ),
    ),
    (
        "funds",
        "funds.amount",
        f"SELECT coalesce(sum(amount), 0) FROM {_t(Contribution)} WHERE unit_id IN (SELECT unit_id FROM u)"
        f" AND contributed_on {IN_PERIOD}",
        lambda uid: _sum(
            Contribution.objects.filter(unit_id=uid, contributed_on__range=(PERIOD.start, AS_OF)), "amount"
        ),
    ),
    (
        "awards",
        "awards.individual",
        f"SELECT count(*) FROM {_t(Award)} WHERE home_id IN (SELECT unit_id FROM u)"
        f" AND decided_on {IN_PERIOD} AND person_id IS NOT NULL",
        lambda uid: Award.objects.filter(
            home_id=uid, decided_on__range=(PERIOD.start, AS_OF), person__isnull=False
        ).count(),
    ),
]


def _ratio(a: dict, b: dict) -> dict:
    return {k: round(a[k] / b[k], 2) if b[k] else None for k in ("p50_ms", "p95_ms")}


def _once(fn) -> dict:
    started = time.perf_counter()
    fn()
    ms = round((time.perf_counter() - started) * 1000, 3)
    return {"p50_ms": ms, "p95_ms": ms, "runs": 1}


def _groups(timed, repeat: int, actor, unit: Unit, naive_repeat: int | None) -> dict:
    """Per group: registry, raw SQL and naive loop of its figure, their values and ratios."""
    path = subtree_nodes(unit.pk, AS_OF)[0].path
    params = {
        "path": path + "%",
        "d": AS_OF,
        "start": PERIOD.start,
        "end": AS_OF,
        "year": WORK_YEAR,
        "in_unit": [str(s) for s in IN_UNIT],
    }
    out = {}
    for group, name, sql, one in GROUPS:
        statement = UNITS_CTE + sql

        def registry(name=name):
            return figures.compute(actor=actor, unit_id=unit.pk, names=[name], period=PERIOD, as_of=AS_OF)[
                name
            ]

        def raw(statement=statement):
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                return int(cursor.fetchone()[0])  # sum() of integers is numeric in PostgreSQL

        def naive(one=one):
            return sum(one(node.id) for node in subtree_nodes(unit.pk, AS_OF))

        values = {"registry": registry(), "raw_sql": raw()}
        r = {"figure": name, "registry": timed(registry, repeat), "raw_sql": timed(raw, repeat)}
        if naive_repeat is None:
            values["naive_loop"] = naive()
            r["naive_loop"] = timed(naive, repeat)
        else:
            r["naive_loop"] = _once(lambda naive=naive, values=values: values.update(naive_loop=naive()))
        r["values"] = values
        r["agree"] = len(set(values.values())) == 1
        r["ratio_registry_over_raw"] = _ratio(r["registry"], r["raw_sql"])
        r["ratio_naive_over_registry"] = _ratio(r["naive_loop"], r["registry"])
        out[group] = r
        print(
            f"  {group:12} {name:26} value {values['registry']:>14} agree {r['agree']!s:5}"
            f" registry p95 {r['registry']['p95_ms']:8.1f} raw p95 {r['raw_sql']['p95_ms']:8.1f}"
            f" naive p95 {r['naive_loop']['p95_ms']:9.1f}",
            flush=True,
        )
    return out


def _measure(timed, repeat: int, actor, unit: Unit, target_ms: int, naive_repeat: int | None) -> dict:
    from bench.pages import _page
    from congdoan.reports import selectors

    client = Client(SERVER_NAME="localhost")
    client.force_login(actor)
    token = ApiToken.issue(actor, "bench-reports")[1]
    api = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    nodes = subtree_nodes(unit.pk, AS_OF)
    results = {
        "unit": unit.code,
        "units": len(nodes),
        "grassroots": UnitVersion.objects.active(AS_OF)
        .filter(path__startswith=nodes[0].path, kind__code="cdcs")
        .count(),
        "year": WORK_YEAR,
        "target_ms": target_ms,
        "pages": {},
    }
    pages = {
        "dashboard": (f"/bao-cao/?unit={unit.pk}&ky={WORK_YEAR}", {}),
        "year_end": (f"/bao-cao/tong-ket/?unit={unit.pk}&nam={WORK_YEAR}", {}),
        "year_end_xlsx": (f"/bao-cao/tong-ket/xlsx/?unit={unit.pk}&nam={WORK_YEAR}", {}),
        "figures_api": (f"/api/v1/reports/figures?unit={unit.pk}&from={PERIOD.start}&to={PERIOD.end}", api),
    }
    for name, (url, headers) in pages.items():
        results["pages"][name] = found = _page(client, url, repeat, **headers)
        found["ratio_p95_over_target"] = round(found["page"]["p95_ms"] / target_ms, 2)
        print(
            f"  {unit.code} {name:14} p50 {found['page']['p50_ms']:8.1f} p95 {found['page']['p95_ms']:8.1f}"
            f" sql p95 {found['sql']['p95_ms']:7.1f} q {found['queries']:3} {found['bytes']:8} B",
            flush=True,
        )
    scope = selectors.scope_read(actor=actor, unit_id=unit.pk, period=PERIOD)
    results["every_figure"] = timed(lambda: selectors.figure_values(actor=actor, scope=scope), repeat)
    results["groups"] = _groups(timed, repeat, actor, unit, naive_repeat)
    floor = sum(g["raw_sql"]["p50_ms"] for g in results["groups"].values())
    results["raw_sql_all_groups_p50_ms"] = round(floor, 3)
    for found in results["pages"].values():
        found["ratio_p50_over_raw_all_groups"] = round(found["page"]["p50_ms"] / floor, 2) if floor else None
    return results


def run(timed, repeat: int) -> dict:
    from bench.members import _officer

    union = Unit.objects.get(code=UNION_CODE)
    return _measure(timed, repeat, _officer("bench-reports", union), union, TARGET_MS, None)


def run_root(timed, repeat: int) -> dict:
    from bench.members import _officer

    root = Unit.objects.get(pk=UnitVersion.objects.active(AS_OF).get(parent__isnull=True).unit_id)
    return _measure(timed, repeat, _officer("bench-root", root), root, ROOT_TARGET_MS, 1)


def markdown(results: dict) -> str:
    """The tables of bench/results.md for ``results["reports"]`` and ``results["reports_root"]``."""
    lines = []
    for key in ("reports", "reports_root"):
        r = results.get(key)
        if not r:
            continue
        lines += [
            f"**{r['unit']}** ({r['units']:,} units, {r['grassroots']:,} CĐCS, year {r['year']}; target"
            f" {r['target_ms']:,} ms at p95), ms:",
            "",
            "| output | p50 / p95 | p95 ÷ target | own SQL p50 / p95 | page ÷ own SQL (p50) | queries | bytes"
            " | page ÷ raw SQL of all groups (p50) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name, p in r["pages"].items():
            lines.append(
                f"| {name} | {p['page']['p50_ms']:,.0f} / {p['page']['p95_ms']:,.0f} | {p['ratio_p95_over_target']}"
                f" | {p['sql']['p50_ms']:,.0f} / {p['sql']['p95_ms']:,.0f} | {p['ratio_page_over_sql']['p50_ms']}"
                f" | {p['queries']} | {p['bytes']:,} | {p['ratio_p50_over_raw_all_groups']} |"
            )
        e = r["every_figure"]
        lines += [
            f"| every figure, registry | {e['p50_ms']:,.0f} / {e['p95_ms']:,.0f} | | | | | | |",
            "",
            "| group | figure | value | registry p50 / p95 | raw SQL p50 / p95 | naive loop p50 / p95"
            " | registry ÷ raw (p50) | naive ÷ registry (p50) |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for group, g in r["groups"].items():
            value = f"{g['values']['registry']:,}" if g["agree"] else f"{g['values']} (DISAGREE)"
            lines.append(
                f"| {group} | `{g['figure']}` | {value} | {g['registry']['p50_ms']:,.1f} / {g['registry']['p95_ms']:,.1f}"
                f" | {g['raw_sql']['p50_ms']:,.1f} / {g['raw_sql']['p95_ms']:,.1f}"
                f" | {g['naive_loop']['p50_ms']:,.0f} / {g['naive_loop']['p95_ms']:,.0f}"
                f" | {g['ratio_registry_over_raw']['p50_ms']} | {g['ratio_naive_over_registry']['p50_ms']} |"
            )
        lines.append("")
    return "\n".join(lines)
