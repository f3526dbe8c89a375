"""The pages an officer opens daily, at 1,000,000 members, through Django's test client (sessions,
middleware, views, templates), as the whole tree's chủ tịch (``root``) and a province's
(``province``, the one bench/members.py picks): the dashboard, the tree, the member list (first page
and a search), a member page, the statistics of a union with about 58 CĐCS below it and of the
root (the root's officer only; the province's officer opens its own).

For each page: p50/p95 over the timed runs, the number of queries, the HTML's bytes, and the
page's own SQL (every statement the request ran, captured with its parameters inlined) replayed
through a cursor in the same run: ``ratio_page_over_sql`` is the share of Python (ORM, views,
templates) over the database's.
"""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.members import _officer, _province
from bench.run import sample, summarize
from congdoan.core.dates import today
from congdoan.members.models import Person
from congdoan.organizations.models import Unit, UnitVersion

CDCS = "cdcs"
UNION_CDCS = 58  # "statistics of a 58-CĐCS union"
TARGET_P95_MS = 300
ROOT_STATS_TARGET_P95_MS = 1000
LIST_HTML_BYTES = 200_000


def _union(path: str) -> tuple[UnitVersion, int]:
    """The unit strictly inside the subtree at ``path`` with closest to UNION_CDCS CĐCS in its
    subtree, and that number."""
    active = UnitVersion.objects.active(today())
    cdcs_paths = list(active.filter(kind__code=CDCS).values_list("path", flat=True))

    def closest(candidates):
        counts = {v: sum(1 for p in cdcs_paths if p.startswith(v.path)) for v in candidates}
        return min(counts, key=lambda v: abs(counts[v] - UNION_CDCS)), counts

    inside = active.filter(path__startswith=path).exclude(path=path).exclude(kind__code=CDCS)
    best, counts = closest(list(inside))
    return best, counts[best]


def _replay(statements: list[str]):
    def run():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()

    return run


def _selects(queries) -> list[str]:
    """The statements of a request worth replaying: its reads (session and savepoint writes are
    the framework's, and replaying a write would change the data)."""
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]


def _page(client: Client, url: str, repeat: int, **headers) -> dict:
    def get():
        response = client.get(url, **headers)
        assert response.status_code == 200, (url, response.status_code)
        return response

    connection.queries_log.clear()  # a full log (DEBUG keeps the last 9,000) would capture nothing
    with CaptureQueriesContext(connection) as captured:
        response = get()
    statements = _selects(captured.captured_queries)
    page = summarize(sample(get, repeat))
    sql = summarize(sample(_replay(statements), repeat))
    return {
        "url": url,
        "queries": len(captured.captured_queries),
        "bytes": len(response.content),
        "page": page,
        "sql": sql,
        "ratio_page_over_sql": {
            k: round(page[k] / sql[k], 2) if sql[k] else None for k in ("p50_ms", "p95_ms")
        },
    }


def run(repeat: int) -> dict:
    root = Unit.objects.get(code="BENCH")
    province, path, size = _province(root)
    member = Person.objects.filter(unit_path__startswith=path, status="active").order_by("id")
    member = member[member.count() // 2]
    actors = {
        "root": (_officer("bench-root", root), root),
        "province": (_officer("bench-province", province), province),
    }
    results = {
        "province": {"code": province.code, "members": size},
        "targets": {
            "p95_ms": TARGET_P95_MS,
            "root_stats_p95_ms": ROOT_STATS_TARGET_P95_MS,
            "list_html_bytes": LIST_HTML_BYTES,
        },
    }
    for name, (actor, unit) in actors.items():
        union, union_cdcs = _union(UnitVersion.objects.active(today()).get(unit=unit).path)
        results[f"{name}_union"] = {"unit_id": union.unit_id, "name": union.name, "cdcs": union_cdcs}
        client = Client(SERVER_NAME="localhost")
        client.force_login(actor)
        pages = {
            "dashboard": "/",
            "tree": "/don-vi/",
            "member list": "/doan-vien/",
            "member search": "/doan-vien/?q=nguyen+van+a",
            "member page": f"/doan-vien/{member.pk}/",
            "statistics (a union)": f"/doan-vien/thong-ke/?unit={union.unit_id}",
            "statistics (own top unit)": f"/doan-vien/thong-ke/?unit={unit.pk}",
        }
        results[name] = {}
        for label, url in pages.items():
            results[name][label] = figures = _page(client, url, repeat)
            print(
                f"{name:9} {label:28} p50 {figures['page']['p50_ms']:8.1f} p95 {figures['page']['p95_ms']:8.1f}"
                f" sql p95 {figures['sql']['p95_ms']:7.1f} q {figures['queries']:3} {figures['bytes']:8} B",
                flush=True,
            )
    return results
