"""Benchmarks on generated data. Every figure is reported as a ratio to a baseline measured in the
same run, because this machine is shared and noisy: only ratios travel.

    make bench                      # PostgreSQL at DATABASE_URL (default 127.0.0.1:5432/congdoan)
    .venv/bin/python bench/run.py --units 10000 --repeat 30

The script (re)creates its own database `<name>_bench`, migrates it, generates the data with
`generate_scale`, and writes bench/out/results.json.
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


def timed(fn, repeat: int) -> dict:
    fn()  # warm the cache and the plan
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 3),
        "p95_ms": round(samples[max(0, int(len(samples) * 0.95) - 1)], 3),
        "runs": repeat,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="reuse the existing bench database")
    args = parser.parse_args()

    url = _bench_database_url()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    if not args.keep and url.startswith("postgres"):
        _recreate_postgres(url)

    import django

    django.setup()
    from django.core.management import call_command

    from bench import tree

    if not args.keep:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("generate_scale", units=args.units, prefix="BENCH", verbosity=0)
        print(f"generated {args.units} units in {time.perf_counter() - started:.1f} s")

    results = {"database": url.rsplit("@", 1)[-1], "units": args.units, "tree": tree.run(timed, args.repeat)}
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
