"""Reports of a 58-CĐCS union (the size of CĐVC TP Hà Nội, seed 001) on the generated tree: the
dashboard and the year-end report pages (Django's test client, end to end), the report's xlsx, and
the registry's figures alone; baselines measured in the same run:

- ``naive_loop``: ``members.total`` of the union summed over its units, one count query per unit (what
  a report that walks the tree does);
- ``raw_sql``: the same figure as one SQL aggregate over the person rows by the path index (the floor);
- ``registry``: the same figure through ``core.figures.compute`` (what every output reads).

The union chosen is the unit whose subtree holds closest to 58 grassroots unions.

``run_root`` (``bench/run.py --only reports-root``): the same pages for the ROOT of the generated
tree (10,000 units, 1,000,000 members: issue 15 §6, target 2 s) as the root's chủ tịch, each with
p50/p95, its queries, the HTML's bytes and its own SQL replayed through a cursor in the same run
(bench/pages.py), and the raw SQL aggregate of ``members.total`` over the whole tree; the registry's
every figure of the root (``figure_values``, what the pages read) against that floor.
"""

from django.db import connection
from django.test import Client

from congdoan.accounts.models import User
from congdoan.core import figures
from congdoan.core.dates import today
from congdoan.core.periods import Period
from congdoan.demo.data import FOUNDED
from congdoan.members.models import IN_UNIT, Membership
from congdoan.organizations.models import RoleAssignment, RoleKind, Unit, UnitVersion
from congdoan.organizations.selectors import subtree_nodes

TARGET_MS = 300
ROOT_TARGET_MS = 2000
SIZE = 58


def _union() -> tuple[Unit, int]:
    """The unit whose subtree holds closest to 58 grassroots unions."""
    on = today()
    best = None
    for version in UnitVersion.objects.active(on).exclude(kind__code="cdcs").select_related("unit")[:2000]:
        n = UnitVersion.objects.active(on).filter(path__startswith=version.path, kind__code="cdcs").count()
        if n and (best is None or abs(n - SIZE) < abs(best[1] - SIZE)):
            best = (version.unit, n)
        if best and best[1] == SIZE:
            break
    return best


def _officer(unit: Unit) -> User:
    user, created = User.objects.get_or_create(
        username="bench-reports", defaults={"full_name": "bench-reports"}
    )
    if created:
        RoleAssignment.objects.create(
            user=user, role=RoleKind.objects.get(code="chu-tich"), unit=unit, valid_from=FOUNDED
        )
    return user


def _ratio(a: dict, b: dict) -> dict:
    return {k: round(a[k] / b[k], 2) if b[k] else None for k in ("p50_ms", "p95_ms")}


def run(timed, repeat: int) -> dict:
    unit, grassroots = _union()
    actor = _officer(unit)
    client = Client(SERVER_NAME="localhost")
    client.force_login(actor)
    year = today().year
    period, as_of = Period.year(year), today()
    nodes = subtree_nodes(unit.pk, as_of)
    path = nodes[0].path

    def page(url, params):
        def call():
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code
            return response

        return call

    def registry():
        return figures.compute(
            actor=actor, unit_id=unit.pk, names=["members.total"], period=period, as_of=as_of
        )

    def naive():
        return sum(
            Membership.objects.active(as_of).filter(unit_id=node.id, status__in=IN_UNIT).count()
            for node in nodes
        )

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM members_person WHERE unit_path LIKE %s AND status = ANY(%s)",
                [path + "%", [str(s) for s in IN_UNIT]],
            )
            return cursor.fetchone()[0]

    results = {
        "unit": unit.code,
        "grassroots": grassroots,
        "units": len(nodes),
        "members": registry()["members.total"],
        "target_ms": TARGET_MS,
        "dashboard": timed(page("/bao-cao/", {"unit": unit.pk, "ky": year}), repeat),
        "year_end": timed(page("/bao-cao/tong-ket/", {"unit": unit.pk, "nam": year}), repeat),
        "year_end_xlsx": timed(page("/bao-cao/tong-ket/xlsx/", {"unit": unit.pk, "nam": year}), repeat),
        "registry": timed(registry, repeat),
        "naive_loop": timed(naive, repeat),
        "raw_sql": timed(raw, repeat),
    }
    results["ratio_naive_over_registry"] = _ratio(results["naive_loop"], results["registry"])
    results["ratio_registry_over_raw"] = _ratio(results["registry"], results["raw_sql"])
    return results


def run_root(timed, repeat: int) -> dict:
    """The dashboard and year-end report of the root (see the module's docstring)."""
    from bench.members import _officer as officer
    from bench.pages import _page
    from congdoan.reports import selectors

    root = UnitVersion.objects.active(today()).get(parent__isnull=True)
    actor = officer("bench-root", root.unit)
    client = Client(SERVER_NAME="localhost")
    client.force_login(actor)
    year = today().year
    scope = selectors.scope_read(actor=actor, unit_id=root.unit_id, period=Period.year(year))

    def every_figure():
        return selectors.figure_values(actor=actor, scope=scope)

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM members_person WHERE unit_path LIKE %s AND status = ANY(%s)",
                [root.path + "%", [str(s) for s in IN_UNIT]],
            )
            return cursor.fetchone()[0]

    results = {
        "unit": root.unit.code,
        "units": UnitVersion.objects.active(today()).filter(path__startswith=root.path).count(),
        "members": raw(),
        "target_ms": ROOT_TARGET_MS,
    }
    pages = {
        "dashboard": f"/bao-cao/?unit={root.unit_id}&ky={year}",
        "year_end": f"/bao-cao/tong-ket/?unit={root.unit_id}&nam={year}",
        "year_end_xlsx": f"/bao-cao/tong-ket/xlsx/?unit={root.unit_id}&nam={year}",
        # Last year's report reads the figures as of 31/12 (the periods, not today's summary).
        "year_end_last_year": f"/bao-cao/tong-ket/?unit={root.unit_id}&nam={year - 1}",
    }
    for name, url in pages.items():
        results[name] = figures_ = _page(client, url, repeat)
        print(
            f"root {name:14} p50 {figures_['page']['p50_ms']:8.1f} p95 {figures_['page']['p95_ms']:8.1f}"
            f" sql p95 {figures_['sql']['p95_ms']:7.1f} q {figures_['queries']:3} {figures_['bytes']:8} B",
            flush=True,
        )
    results["every_figure"] = timed(every_figure, repeat)
    results["raw_sql_members_total"] = timed(raw, repeat)
    results["ratio_every_figure_over_raw"] = _ratio(results["every_figure"], results["raw_sql_members_total"])
    for name in pages:
        results[f"ratio_{name}_over_raw"] = _ratio(results[name]["page"], results["raw_sql_members_total"])
        results[f"ratio_{name}_over_target"] = round(results[name]["page"]["p95_ms"] / ROOT_TARGET_MS, 2)
    return results
