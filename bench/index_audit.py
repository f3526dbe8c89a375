"""What each index of the member register's tables serves: the indexes of ``members_person``,
``members_membership`` and ``core_auditentry`` (the tables an import writes) with their size and
how often they were scanned (``pg_stat_user_indexes``, since the statistics were last reset), and,
with ``--explain``, the indexes the plans of the daily reads use (docs/scaling.md, "Indexes of the
member tables", keeps the result).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cd_imp_bench .venv/bin/python bench/index_audit.py
    … bench/index_audit.py --reset          # zero the counters (then run the bench, then print)
    … bench/index_audit.py --explain        # EXPLAIN each read on the bench data

The reads (``--explain``) are run once as the bench's officers (``bench/members.py``: the root's
and a province's chủ tịch), their SQL captured and each statement EXPLAINed (not ANALYZEd); an
index an ``Index Scan``/``Bitmap Index Scan``/``Index Only Scan`` names counts as used by the read.
"""

import argparse
import io
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TABLES = ("members_person", "members_membership", "core_auditentry")


def _indexes(cursor) -> list[tuple]:
    cursor.execute(
        """
        SELECT s.relname, s.indexrelname, pg_size_pretty(pg_relation_size(s.indexrelid)), s.idx_scan,
               i.indisunique, pg_get_indexdef(s.indexrelid)
        FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
        WHERE s.relname = ANY(%s) ORDER BY s.relname, s.indexrelname
        """,
        [list(TABLES)],
    )
    return cursor.fetchall()


def _used(plan: dict) -> set[str]:
    names = {plan["Index Name"]} if "Index Name" in plan else set()
    for child in plan.get("Plans", ()):
        names |= _used(child)
    return names


def _reads() -> dict:
    """name -> a callable doing the read as an officer does it."""
    from django.db.models import Q

    from congdoan.accounts.models import User
    from congdoan.core.dates import today
    from congdoan.members import selectors
    from congdoan.members.exporting import write_members_xlsx
    from congdoan.members.importing import _people_by
    from congdoan.members.models import Person
    from congdoan.members.selectors import MemberFilters
    from congdoan.organizations.models import RoleAssignment, UnitVersion

    root, province = User.objects.get(username="bench-root"), User.objects.get(username="bench-province")
    top = RoleAssignment.objects.filter(user=province).first().unit
    path = UnitVersion.objects.active(today()).get(unit=top).path
    grassroots = UnitVersion.objects.active(today()).filter(path__startswith=path, kind__is_grassroots=True)
    unit = grassroots.first().unit
    someone = Person.objects.filter(unit_path__startswith=path).exclude(id_number=None).order_by("id")[500]

    def page(actor, **filters):
        return lambda: list(selectors.member_search(actor=actor, filters=MemberFilters(**filters))[:50])

    return {
        "list first page, root": page(root),
        "list first page, province": page(province),
        "list by family name, root": page(root, sort="family"),
        "list by card, root": page(root, sort="card"),
        "list by unit, root": page(root, sort="unit"),
        "list of one CĐCS (not its sub-units)": page(province, unit=unit, descendants=False),
        "search a name, root": page(root, q="nguyen lan"),
        "search a name, province": page(province, q="lan"),
        "search a phone prefix, province": page(province, q=someone.phone[:6]),
        "search an ID number, root": page(root, q=someone.id_number),
        "search a card prefix, root": page(root, q=someone.card_number[:5]),
        "member page": lambda: selectors.member_history(
            actor=province, person=selectors.member_get(actor=province, person_id=someone.pk)
        ),
        "statistics of the province": lambda: selectors.membership_statistics(
            actor=province, unit=top, on=today()
        ),
        "export (province, one chunk)": lambda: write_members_xlsx(
            io.BytesIO(), actor=province, filters=MemberFilters(unit=unit)
        ),
        "import duplicate checks (ID, card)": lambda: (
            _people_by("id_number", [someone.id_number]),
            _people_by("card_number", [someone.card_number]),
        ),
        "members of a unit (tree moves, counts)": lambda: list(
            Person.objects.filter(Q(unit_id=unit.pk), status="active").values_list("pk")[:10]
        ),
    }


def explain() -> dict[str, set[str]]:
    """index name -> the reads whose plans use it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    used = defaultdict(set)
    for name, read in _reads().items():
        with CaptureQueriesContext(connection) as queries:
            read()
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
            for index in _used((plan[0] if isinstance(plan, list) else plan)["Plan"]):
                used[index].add(name)
    return used


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reset", action="store_true", help="zero pg_stat_user_indexes' counters")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN the daily reads")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        if args.reset:
            cursor.execute("SELECT pg_stat_reset()")
            print("index statistics reset")
            return
        rows = _indexes(cursor)
    used = explain() if args.explain else {}
    for table, index, size, scans, unique, definition in rows:
        reads = "; ".join(sorted(used.get(index, ()))) if args.explain else ""
        flag = " UNIQUE" if unique else ""
        print(f"{table:20} {index:40} {size:>8} scans={scans:<8}{flag}\n    {definition}")
        if args.explain:
            print(f"    used by: {reads or '-'}")


if __name__ == "__main__":
    main()
