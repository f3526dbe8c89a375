"""The member register at 1,000,000 members: folded search through the API, a 100,000-row Excel
import, a streamed export of everyone. Each figure comes with baselines measured in the same run.

Search: ``GET /api/v1/members?q=`` through Django's test client (middleware, bearer token, ninja,
JSON), as three actors: the chủ tịch of a province-sized subtree (~16k members), the chủ tịch of
the root (a role reaching the whole tree) and a superuser (no scope filter at all). Baselines:
- ``raw_sql``: the statements the request ran on members_person (the capped count and the page),
  captured and executed again through a cursor: the floor under the ORM, ninja and JSON;
- ``ilike``: the same count and page with ``full_name ILIKE '%term%'`` (the name as written, no
  usable index) instead of the folded search, in the same scope: what the naive search costs. It
  also finds less: unaccented input never matches an accented name.

Import: ``import_file`` (read, check, write, one audit row each; as the "ghi" job does) of a
generated 100,000-row file by the province's chủ tịch, committed, with the time of each step;
baseline: a raw COPY of the same person rows (and of every row the import wrote) into the same
table. The rows are deleted again and the tables vacuumed, so the data stays as generated.

Export: the export job (``members_export_work`` → ``write_members_xlsx``) of every member (all
statuses) started by the root's chủ tịch, in a subprocess (its time and peak RSS); baselines: the
job's read of the member table as ``COPY (SELECT ...) TO STDOUT``, and fetched through a server-side
cursor in the job's chunks (the database and driver share of the job).
"""

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.db import connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.run import ROOT, sample, summarize
from congdoan.accounts.models import ApiToken, User
from congdoan.core.dates import today
from congdoan.core.models import AuditEntry
from congdoan.core.text import fold
from congdoan.demo.data import FOUNDED
from congdoan.demo.import_files import build_import_file
from congdoan.members import selectors
from congdoan.members.exporting import CHUNK as EXPORT_CHUNK
from congdoan.members.import_write import import_file
from congdoan.members.models import IN_UNIT, Membership, Person
from congdoan.organizations.models import RoleAssignment, RoleKind, Unit, UnitVersion

PROVINCE_SIZE = 16_000  # members an officer of a "province-sized" subtree sees
TARGET_P95_MS = {"province": 50, "root": 120, "superuser": 120}
IMPORT_ROWS = 100_000
IMPORT_TARGET_S = 15
EXPORT_TARGET_S = 90
EXPORT_RSS_MB = 200
PAGE_SIZE = 50  # the API's default page
PERSON_TABLE = Person._meta.db_table


# -- the actors and what they search for ------------------------------------------------------------


def _officer(username: str, unit: Unit) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"full_name": username})
    if created:
        RoleAssignment.objects.create(
            user=user, role=RoleKind.objects.get(code="chu-tich"), unit=unit, valid_from=FOUNDED
        )
    return user


def _province(root: Unit) -> tuple[Unit, str, int]:
    """The province whose subtree holds closest to PROVINCE_SIZE members."""
    sizes = {
        version: Person.objects.filter(unit_path__startswith=version.path).count()
        for version in UnitVersion.objects.active(today()).filter(parent=root).select_related("unit")
    }
    version = min(sizes, key=lambda v: abs(sizes[v] - PROVINCE_SIZE))
    return version.unit, version.path, sizes[version]


def _terms(path: str) -> dict[str, str]:
    """Short terms, names folded or as typed, and one member's identifiers (a member of the
    province, so that every actor may see them)."""
    people = Person.objects.filter(unit_path__startswith=path, status="active").exclude(id_number=None)
    member = people.exclude(phone="").order_by("id")[people.count() // 2]
    return {
        "1 letter": "a",
        "2 letters": "th",
        "part of a name": "uyen",
        "rare name": "khuc",
        "nguyen van a": "nguyen van a",
        "NGUYỄN văn": "NGUYỄN văn",
        "full name, folded": fold(member.full_name),
        "card number": member.card_number,
        "ID number": member.id_number,
        "phone": member.phone,
    }


# -- search -----------------------------------------------------------------------------------------


def _captured(fn) -> list[str]:
    """The SQL ``fn`` runs on the member table, as executed (parameters inlined)."""
    with CaptureQueriesContext(connection) as queries:
        fn()
    return [q["sql"] for q in queries.captured_queries if f'FROM "{PERSON_TABLE}"' in q["sql"]]


def _replay(statements: list[str]):
    def run():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()

    return run


def _ilike(actor, q: str):
    """The API's count and page, but searching the name as written with ILIKE."""
    qs = (
        selectors.members_in_scope(actor=actor)
        .filter(status__in=IN_UNIT)
        .filter(RawSQL(f'"{PERSON_TABLE}"."full_name" ILIKE %s', (f"%{q}%",), output_field=BooleanField()))
        .order_by(*selectors.SORTS["name"])
    )
    return lambda: (selectors.capped_count(qs, selectors.COUNT_CAP), list(qs[:PAGE_SIZE]))


def _ratio(a: dict, b: dict) -> dict:
    return {k: round(a[k] / b[k], 2) if b[k] else None for k in ("p50_ms", "p95_ms")}


def _search_actor(actor: User, terms: dict[str, str], repeat: int, target: int) -> dict:
    client = Client(SERVER_NAME="localhost")
    token = ApiToken.issue(actor, "bench")[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def api(q):
        def call():
            response = client.get("/api/v1/members", {"q": q}, **headers)
            assert response.status_code == 200, response.content
            return response

        return call

    pooled = {"api": [], "raw_sql": [], "ilike": []}
    per_term = {}
    for label, q in terms.items():
        call = api(q)
        body = call().json()
        statements = _captured(call)
        samples = {
            "api": sample(call, repeat),
            "raw_sql": sample(_replay(statements), repeat),
            # The naive search scans the whole scope: fewer runs, it is slow and only a baseline.
            "ilike": sample(_ilike(actor, q), max(5, repeat // 2)),
        }
        found = {name: summarize(s) for name, s in samples.items()}
        per_term[label] = {
            "q": q,
            "matches": body["count"] if body["count_exact"] else f">{body['count']}",
            "statements": len(statements),
            **found,
            "ratio_api_over_raw": _ratio(found["api"], found["raw_sql"]),
            "ratio_ilike_over_api": _ratio(found["ilike"], found["api"]),
        }
        for name, s in samples.items():
            pooled[name] += s
    overall = {name: summarize(s) for name, s in pooled.items()}
    return {
        **overall,
        "target_p95_ms": target,
        "meets_target": overall["api"]["p95_ms"] <= target,
        "worst_term_p95_ms": max(t["api"]["p95_ms"] for t in per_term.values()),
        "ratio_api_over_raw": _ratio(overall["api"], overall["raw_sql"]),
        "ratio_ilike_over_api": _ratio(overall["ilike"], overall["api"]),
        "terms": per_term,
    }


def bench_search(actors: dict[str, User], scopes: dict[str, int], terms: dict[str, str], repeat: int) -> dict:
    return {
        name: {
            "members_in_scope": scopes[name],
            **_search_actor(actor, terms, repeat, TARGET_P95_MS[name]),
        }
        for name, actor in actors.items()
    }


# -- import -----------------------------------------------------------------------------------------

WRITTEN = (Person, Membership, AuditEntry)  # the tables an import writes, in insert order


def _high_marks() -> dict:
    return {
        model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0 for model in WRITTEN
    }


def _copy_out(model, above: int) -> bytes:
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f'COPY (SELECT * FROM "{model._meta.db_table}" WHERE id > {above} ORDER BY id) TO STDOUT'
        ) as copy,
    ):
        return b"".join(bytes(block) for block in copy)


def _copy_in(dumps: dict) -> float:
    """COPY the dumped rows back, in one transaction; seconds including the commit."""
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for model, data in dumps.items():
            with cursor.cursor.copy(f'COPY "{model._meta.db_table}" FROM STDIN') as copy:
                copy.write(data)
    return time.perf_counter() - started


def _delete_above(marks: dict) -> None:
    with connection.cursor() as cursor:
        for model in reversed(WRITTEN):
            cursor.execute(f'DELETE FROM "{model._meta.db_table}" WHERE id > %s', [marks[model]])
        # Dead rows and a full GIN pending list would slow whatever is measured next.
        for model in WRITTEN:
            cursor.execute(f'VACUUM ANALYZE "{model._meta.db_table}"')


class _Steps:
    """Stands in for a job's progress: records when each step (read, check, write) starts."""

    def __init__(self):
        self.marks: list[tuple[str, float]] = []

    def start(self, step: str, total: int | None = None) -> None:
        self.marks.append((str(step), time.perf_counter()))

    def advance(self, n: int = 1) -> None:
        pass

    def seconds(self, end: float) -> dict[str, float]:
        ends = [at for _step, at in self.marks[1:]] + [end]
        return {step: round(stop - at, 2) for (step, at), stop in zip(self.marks, ends, strict=True)}


def bench_import(actor: User, province_path: str) -> dict:
    """The province's chủ tịch imports 100,000 new members into the province's CĐCS."""
    codes = list(
        UnitVersion.objects.active(today())
        .filter(path__startswith=province_path, kind__is_grassroots=True)
        .values_list("unit__code", flat=True)
    )
    steps = _Steps()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "import.xlsx"
        started = time.perf_counter()
        build_import_file(path, IMPORT_ROWS, unit_codes=codes)
        built = time.perf_counter() - started
        marks = _high_marks()
        started = time.perf_counter()
        plan = import_file(actor=actor, path=path, progress=steps)
        ended = time.perf_counter()
    total = ended - started
    summary = plan.summary()
    assert summary["create"] == IMPORT_ROWS, summary
    dumps = {model: _copy_out(model, marks[model]) for model in WRITTEN}
    _delete_above(marks)
    copy_people = _copy_in({Person: dumps[Person]})
    _delete_above(marks)
    copy_all = _copy_in(dumps)
    _delete_above(marks)
    return {
        "rows": IMPORT_ROWS,
        "units": len(codes),
        "file_built_s": round(built, 2),
        "total_s": round(total, 2),
        "steps_s": steps.seconds(ended),
        "target_s": IMPORT_TARGET_S,
        "meets_target": total <= IMPORT_TARGET_S,
        "raw_copy_people_s": round(copy_people, 2),
        "raw_copy_all_rows_s": round(copy_all, 2),
        "ratio_over_copy_people": round(total / copy_people, 1),
        "ratio_over_copy_all_rows": round(total / copy_all, 1),
    }


# -- export -----------------------------------------------------------------------------------------

# The child runs the export job as the list page starts it, and reports its own peak RSS (VmHWM:
# ru_maxrss would carry over the parent's high-water mark across fork and exec).
EXPORT_CHILD = """
import json, os, shutil, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
import django
django.setup()
from django.db import connection
from django.test.utils import CaptureQueriesContext
from congdoan.accounts.models import User
from congdoan.core import jobs
from congdoan.members.exporting import members_export_work

def peak_kb():
    with open("/proc/self/status") as status:
        return int(next(line for line in status if line.startswith("VmHWM")).split()[1])

actor = User.objects.get(pk={actor_id})
ready = peak_kb()
started, cpu = time.perf_counter(), time.process_time()
with CaptureQueriesContext(connection) as queries:
    job = jobs.job_start(
        user=actor, work=members_export_work, label="bench", params={{"filters": {{"status": "all", "descendants": "on"}}}}
    )
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
job.refresh_from_db()
path = jobs.result_path(job)
print(json.dumps({{
    "state": job.state, "message": job.message, "rows": job.total, "seconds": seconds, "cpu_s": cpu,
    "xlsx_bytes": path.stat().st_size if path else 0, "rss_before_kb": ready, "peak_rss_kb": peak_kb(),
    "statements": [q["sql"] for q in queries.captured_queries],
}}))
shutil.rmtree(jobs.job_dir(job))
"""
DECLARE = re.compile(r"^DECLARE .*? CURSOR (?:WITH(?:OUT)? HOLD )?FOR ", re.S)


def _copy_to_stdout(sql: str) -> tuple[float, int]:
    started = time.perf_counter()
    size = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY ({sql}) TO STDOUT") as copy:
        for block in copy:
            size += len(block)
    return time.perf_counter() - started, size


def _fetch_in_chunks(sql: str) -> tuple[float, float]:
    """The same read as the export: a server-side cursor fetched in chunks into Python tuples;
    seconds, and the seconds of this process's CPU."""
    started, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic(), connection.connection.cursor(name="bench_export") as cursor:
        cursor.itersize = EXPORT_CHUNK
        cursor.execute(sql)
        for _row in cursor:
            pass
    return time.perf_counter() - started, time.process_time() - cpu


def bench_export(actor: User) -> dict:
    """Every member (all statuses) exported by the root's chủ tịch through the export job."""
    script = EXPORT_CHILD.format(root=str(ROOT), actor_id=actor.pk)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        return {"failed": done.stderr[-2000:]}
    child = json.loads(done.stdout.strip().splitlines()[-1])
    if child["state"] != "succeeded":
        return {"failed": child["message"]}
    # The baseline: the export's read of the member table (a server-side cursor), as one COPY.
    reads = [DECLARE.sub("", s) for s in child["statements"] if f'FROM "{PERSON_TABLE}"' in s]
    main = max(reads, key=len)
    copy_s, copy_bytes = _copy_to_stdout(main)
    fetch_s, fetch_cpu_s = _fetch_in_chunks(main)
    peak_mb = child["peak_rss_kb"] / 1024
    return {
        "rows": child["rows"],
        "seconds": round(child["seconds"], 1),
        "process_wall_s": round(wall, 1),
        "xlsx_mb": round(child["xlsx_bytes"] / 2**20, 1),
        "peak_rss_mb": round(peak_mb, 1),
        "rss_before_export_mb": round(child["rss_before_kb"] / 1024, 1),
        "target_s": EXPORT_TARGET_S,
        "target_rss_mb": EXPORT_RSS_MB,
        "meets_target": child["seconds"] <= EXPORT_TARGET_S and peak_mb < EXPORT_RSS_MB,
        "raw_copy_s": round(copy_s, 2),
        "raw_copy_mb": round(copy_bytes / 2**20, 1),
        "ratio_over_copy": round(child["seconds"] / copy_s, 1),
        "raw_fetch_s": round(fetch_s, 2),
        "ratio_over_fetch": round(child["seconds"] / fetch_s, 1),
        # CPU seconds (the exporting process's own; the fetch's Python side): what a loaded machine
        # does not stretch, unlike the wall times above.
        "cpu_s": round(child["cpu_s"], 1),
        "wall_over_cpu": round(child["seconds"] / child["cpu_s"], 2) if child["cpu_s"] else None,
        "raw_fetch_cpu_s": round(fetch_cpu_s, 2),
        "cpu_ratio_over_fetch_cpu": round(child["cpu_s"] / fetch_cpu_s, 1) if fetch_cpu_s else None,
    }


# -- all of it --------------------------------------------------------------------------------------


def run(repeat: int, parts: set[str]) -> dict:
    root = Unit.objects.get(code="BENCH")
    province, path, size = _province(root)
    superuser = User.objects.filter(username="bench").first() or User.objects.create(
        username="bench", is_superuser=True, is_staff=True
    )
    actors = {
        "province": _officer("bench-province", province),
        "root": _officer("bench-root", root),
        "superuser": superuser,
    }
    everyone = Person.objects.count()
    results = {"province": {"code": province.code, "members": size}}
    if "search" in parts:
        scopes = {"province": size, "root": everyone, "superuser": everyone}
        results["search"] = bench_search(actors, scopes, _terms(path), repeat)
    if "import" in parts:
        results["import"] = bench_import(actors["province"], path)
    if "export" in parts:
        results["export"] = bench_export(actors["root"])
    return results
