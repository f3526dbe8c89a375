"""Reports of a 58-CĐCS union (the size of CĐVC TP Hà Nội, seed 001) on the generated tree: the
dashboard and the year-end report pages (Django's test client, end to end), the report's xlsx, and
the registry's figures alone; baselines measured in the same run:

- ``naive_loop``: ``members.total`` of the union summed over its units, one count query per unit (what
  a report that walks the tree does);
- ``raw_sql``: the same figure as one SQL aggregate over the person rows by the path index (the floor);
- ``registry``: the same figure through ``core.figures.compute`` (what every output reads).

The union chosen is the unit whose subtree holds closest to 58 grassroots unions. The 10,000-unit /
1,000,000-member root within 2 s (issue 15 §6) is not measured here.
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
