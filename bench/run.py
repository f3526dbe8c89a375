"""Benchmarks on generated data. Every figure is reported as a ratio to a baseline measured in the
same run, because this machine is shared and noisy: only ratios travel.

    make bench                      # PostgreSQL at DATABASE_URL (default 127.0.0.1:5432/congdoan)
    .venv/bin/python bench/run.py --units 10000 --members 1000000 --repeat 30
    .venv/bin/python bench/run.py --keep            # measure again on the data already generated

The script (re)creates its own database `<name>_bench`, migrates it, generates the tree and the
member register and a year of work (2022) with `generate_scale --work`, runs the tree, member and page benchmarks (bench/tree.py,
bench/members.py, bench/pages.py) and writes bench/out/results.json. See bench/README.md for what each figure means.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"


def _bench_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/congdoan")
    base, _, name = url.rpartition("/")
    return f"{base}/{name.split('?')[0]}_bench"


def _recreate_postgres(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _vacuum() -> None:
    """What autovacuum does within minutes of a bulk load (index-only scans need the visibility map),
    done now so that no measurement races it."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def summarize(samples: list[float]) -> dict:
    samples = sorted(samples)
    return {
        "p50_ms": round(statistics.median(samples), 3),
        "p95_ms": round(samples[max(0, int(len(samples) * 0.95) - 1)], 3),
        "runs": len(samples),
    }


def sample(fn, repeat: int) -> list[float]:
    fn()  # warm the cache and the plan
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def timed(fn, repeat: int) -> dict:
    return summarize(sample(fn, repeat))


def _previous_generation(url: str, units: int, members: int) -> dict | None:
    """With --keep, the generation figures of the run that built the data (if it is the same data)."""
    try:
        previous = json.loads((OUT / "results.json").read_text())
    except (OSError, ValueError):
        return None
    generated = previous.get("generated")
    same = previous.get("database") == url.rsplit("@", 1)[-1] and generated
    return (
        generated
        if same and generated.get("units") == units and generated.get("members") == members
        else None
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="reuse the existing bench database")
    parser.add_argument(
        "--only",
        choices=("tree", "search", "import", "export", "reports", "reports-root", "pages"),
        action="append",
        help="run only these parts",
    )
    args = parser.parse_args()

    url = _bench_database_url()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    if not args.keep and url.startswith("postgres"):
        _recreate_postgres(url)

    import django

    django.setup()
    from django.core.management import call_command

    from bench import members, pages, reports, tree

    generated = _previous_generation(url, args.units, args.members) if args.keep else None
    if not args.keep:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command(
            "generate_scale", units=args.units, members=args.members, prefix="BENCH", work=True, verbosity=0
        )
        seconds = time.perf_counter() - started
        generated = {"units": args.units, "members": args.members, "work": True, "seconds": round(seconds, 1)}
        print(
            f"generated {args.units} units, {args.members} members and a year of work in {seconds:.1f} s",
            flush=True,
        )
        _vacuum()

    parts = set(args.only or ("tree", "search", "import", "export", "reports", "reports-root", "pages"))
    results = {
        "database": url.rsplit("@", 1)[-1],
        "units": args.units,
        "members": args.members,
        "generated": generated,
    }
    if "tree" in parts:
        results["tree"] = tree.run(timed, args.repeat)
    if parts & {"search", "import", "export"}:
        results["members"] = members.run(args.repeat, parts)
    if "reports" in parts:
        results["reports"] = reports.run(timed, args.repeat)
    if "reports-root" in parts:
        results["reports_root"] = reports.run_root(timed, args.repeat)
    if "pages" in parts:
        results["pages"] = pages.run(args.repeat)
    OUT.mkdir(exist_ok=True)
    if parts & {"reports", "reports-root"}:
        (OUT / "reports.md").write_text(reports.markdown(results))
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
