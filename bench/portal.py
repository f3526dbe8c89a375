"""Load on the public news site with the production settings (gunicorn's workers, settings prod, Redis
cache): anonymous article and list pages against a static file served by the same server, at 1 and 8
concurrent clients from this second process, on loopback, bounded in time and count (bench/load.py).

    .venv/bin/python bench/portal.py                 # PORTAL_BENCH_DATABASE_URL, default …/cd_portal_bench
    .venv/bin/python bench/portal.py --seconds 3 --clients 1,8

The database is recreated and the demo loaded (its five articles, with images). Writes
bench/out/portal.json and prints a Markdown table with each target's rps and p95 as ratios to the
static file's (bench/results.md holds a run's).
"""

import argparse
import json
import os
import platform
import secrets
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"

from bench.load import measure, wait_ready  # noqa: E402
from bench.stack import _free_port, _manage, _serve  # noqa: E402

TARGETS = [
    # Seed 001's article has a figures box: kept under the newest audit entry (portal.cache.live_page).
    ("article page", "/tin-tuc/2023/01/05/hoi-nghi-tong-ket-cong-tac-cong-doan-nam-2022/"),
    # Seed 000's has none: served from the page cache.
    (
        "article, no figures box",
        "/tin-tuc/2022/07/26/doan-cong-tac-cdvc-viet-nam-lam-viec-tai-phu-yen-khanh-hoa-va-ninh-thuan/",
    ),
    ("home (list)", "/tin-tuc/"),
    ("category list", "/tin-tuc/chuyen-muc/hoi-nghi-dai-hoi/"),
    ("search", "/tin-tuc/tim-kiem/?q=hoi+nghi"),
    ("RSS feed", "/tin-tuc/rss/"),
]


def _recreate(url: str, env: dict) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    dev = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    _manage(dev, "migrate", "--noinput", "-v0")
    _manage(dev, "load_demo", "--force")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", default="1,8")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--keep", action="store_true", help="reuse the database as it is")
    args = parser.parse_args()
    clients = [int(c) for c in args.clients.split(",")]
    url = os.environ.get("PORTAL_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cd_portal_bench")
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PORT")}
    env.update(
        DATABASE_URL=url,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        REDIS_URL=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/14"),
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        CLIENT_IP_PROXY_COUNT="0",
        LOG_LEVEL="WARNING",
    )
    if not args.keep:
        _recreate(url, env)
    _manage({**env, "DJANGO_SETTINGS_MODULE": "config.settings.prod"}, "collectstatic", "--noinput", "-v0")
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())["paths"]
    static = "/static/" + manifest["core/app.css"]
    port = _free_port()
    process = _serve("gunicorn", env, port)
    base = f"http://127.0.0.1:{port}"
    results = []
    try:
        wait_ready(base, "/healthz", timeout=90)
        for name, path in [("static file", static), *TARGETS]:
            for n in clients:
                if n == clients[0]:
                    # Warm up every worker (a worker's first article page costs seconds: see results.md).
                    measure(base, name, path, 8, seconds=15, max_requests=80)
                r = measure(base, name, path, n, seconds=args.seconds, max_requests=args.max_requests)
                results.append(asdict(r))
                print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    finally:
        process.terminate()
        try:  # gunicorn's graceful stop waits up to graceful_timeout (30 s) for slow requests in flight
            process.wait(timeout=45)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    report = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end",
        "seconds_per_level": args.seconds,
        "results": results,
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "portal.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(markdown(report))


def markdown(report: dict) -> str:
    static = {r["clients"]: r for r in report["results"] if r["target"] == "static file"}
    lines = [
        "| target | clients | requests | errors | rps | p50 ms | p95 ms | rps / static's | p95 / static's |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["results"]:
        base = static.get(r["clients"])
        rps = f"{r['rps'] / base['rps']:.3f}" if base and base["rps"] else "—"
        p95 = f"{r['p95_ms'] / base['p95_ms']:.1f}" if base and base["p95_ms"] else "—"
        lines.append(
            f"| {r['target']} | {r['clients']} | {r['requests']} | {r['errors']} | {r['rps']} | {r['p50_ms']} "
            f"| {r['p95_ms']} | {rps} | {p95} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
