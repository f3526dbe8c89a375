"""Load on the served application, in one run: the production stack (gunicorn's workers, settings
prod) and `runserver` (settings run), each measured on the same targets and on a static file
served the same way, at 1, 8 and 32 concurrent clients (bench/load.py, loopback only).

    .venv/bin/python bench/stack.py                      # on LOAD_DATABASE_URL (default …/cd_load)
    .venv/bin/python bench/stack.py --generate 1000000   # (re)create that database first
    .venv/bin/python bench/stack.py --seconds 4 --clients 1,8,32

Targets: the member API search (``q=nguyen van``) and the member list page as the chủ tịch of the
province closest to 16,000 members, the dashboard as that officer and as the chủ tịch of the root,
and the public news (anonymous): an article page (a province's, with a figures box) and the news
list ``/tin-tuc/``, whose articles bench/articles.py writes through the portal's services when
they are missing.
Writes bench/out/stack.json and prints a Markdown table (bench/results.md holds a run's).
"""

import argparse
import json
import os
import platform
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"

from bench.load import measure, wait_ready  # noqa: E402

SEARCH = "/api/v1/members?q=nguyen+van"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _generate(url: str, members: int, env: dict) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    dev = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    _manage(dev, "migrate", "--noinput", "-v0")
    units = max(100, min(10_000, members // 100))
    _manage(dev, "generate_scale", "--units", str(units), "--members", str(members), "--prefix", "BENCH")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def _credentials(secret_keys: dict[str, str]) -> dict:
    """Officers of the province and of the root; per server, session cookies signed with its key."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test.utils import override_settings

    from bench.articles import ensure_articles
    from bench.members import _officer, _province
    from congdoan.accounts.services import token_issue
    from congdoan.core.dates import today
    from congdoan.members.models import Person
    from congdoan.organizations.models import Unit, UnitVersion
    from congdoan.portal.models import Article

    root = UnitVersion.objects.filter(parent__isnull=True).select_related("unit").first().unit
    province, _, size = _province(root)
    provinces = [
        v.unit for v in UnitVersion.objects.active(today()).filter(parent=root).select_related("unit")
    ]
    article, news = ensure_articles(root, sorted(provinces, key=lambda u: u.pk)[:9])
    officers = {"province": _officer("load_province", province), "root": _officer("load_root", root)}
    sessions: dict[str, dict[str, str]] = {}
    for server, key in secret_keys.items():
        with override_settings(SECRET_KEY=key):
            for who, user in officers.items():
                store = SessionStore()
                store[SESSION_KEY] = str(user.pk)
                store[BACKEND_SESSION_KEY] = "congdoan.accounts.backends.UsernameOrEmailBackend"
                store[HASH_SESSION_KEY] = user.get_session_auth_hash()
                store.create()
                sessions.setdefault(server, {})[who] = store.session_key
    _, token = token_issue(actor=officers["province"], name="load")
    return {
        "sessions": sessions,
        "token": token,
        "members": Person.objects.count(),
        "units": Unit.objects.count(),
        "province_members": size,
        "article": article,
        "news": news,
        "articles": Article.objects.public().count(),
    }


def _targets(server: str, creds: dict, static_path: str) -> list[tuple[str, str, dict]]:
    cookie = creds["sessions"][server]
    return [
        ("static file", static_path, {}),
        ("member API search", SEARCH, {"Authorization": f"Bearer {creds['token']}"}),
        ("member list page", "/doan-vien/", {"Cookie": f"sessionid={cookie['province']}"}),
        ("dashboard, province", "/", {"Cookie": f"sessionid={cookie['province']}"}),
        ("dashboard, root", "/", {"Cookie": f"sessionid={cookie['root']}"}),
        ("news article page", creds["article"], {}),
        ("news list", creds["news"], {}),
    ]


def _serve(server: str, env: dict, port: int) -> subprocess.Popen:
    if server == "gunicorn":
        args = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-c",
            "config/gunicorn.py",
            "--bind",
            f"127.0.0.1:{port}",
        ]
        env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.prod"}
    else:
        args = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"]
        env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.run"}
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", type=int, default=0, help="(re)create the database with N members")
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--max-requests", type=int, default=20_000)
    args = parser.parse_args()
    clients = [int(c) for c in args.clients.split(",")]

    url = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cd_load")
    prod_key = secrets.token_urlsafe(60)
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PORT")}
    env.update(
        DATABASE_URL=url,
        SECRET_KEY=prod_key,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        REDIS_URL=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/13"),
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        CLIENT_IP_PROXY_COUNT="0",
        LOG_LEVEL="WARNING",
    )
    if args.generate:
        _generate(url, args.generate, env)
    os.environ.update(env, DJANGO_SETTINGS_MODULE="config.settings.prod")
    _manage({**env, "DJANGO_SETTINGS_MODULE": "config.settings.prod"}, "collectstatic", "--noinput", "-v0")
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())["paths"]
    static = {"gunicorn": "/static/" + manifest["core/app.css"], "runserver": "/static/core/app.css"}
    creds = _credentials({"gunicorn": prod_key, "runserver": "dev-only-not-secret"})

    # Both servers up at once; each target and client count is measured on one then the other, so
    # that the load the rest of the machine adds drifts over both alike.
    servers = {name: _free_port() for name in ("gunicorn", "runserver")}
    processes = [_serve(name, env, port) for name, port in servers.items()]
    results = []
    try:
        for port in servers.values():
            wait_ready(f"http://127.0.0.1:{port}", "/healthz", timeout=90)
        for i, (name, _, _) in enumerate(_targets("gunicorn", creds, "")):
            for n in clients:
                for server, port in servers.items():
                    _, path, headers = _targets(server, creds, static[server])[i]
                    base = f"http://127.0.0.1:{port}"
                    if n == clients[0]:
                        # Warm up every worker (a gunicorn worker's first page of a kind costs seconds).
                        measure(base, name, path, 8, seconds=20, max_requests=16, headers=headers)
                    r = measure(
                        base,
                        name,
                        path,
                        n,
                        seconds=args.seconds,
                        max_requests=args.max_requests,
                        headers=headers,
                    )
                    results.append({"server": server, **asdict(r)})
                    print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
    results.sort(key=lambda r: r["server"] != "gunicorn")

    report = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the end",
        "members": creds["members"],
        "units": creds["units"],
        "province_members": creds["province_members"],
        "articles": creds["articles"],
        "seconds_per_level": args.seconds,
        "results": results,
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "stack.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(markdown(report))


def markdown(report: dict) -> str:
    static = {(r["server"], r["clients"]): r for r in report["results"] if r["target"] == "static file"}
    lines = [
        "| server | target | clients | requests | errors | rps | p50 ms | p95 ms "
        "| rps / static's | p50 / static's | p95 / static's |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]

    def ratio(r, base, key, digits):
        return f"{r[key] / base[key]:.{digits}f}" if base and base[key] else "—"

    for r in report["results"]:
        base = static.get((r["server"], r["clients"]))
        lines.append(
            f"| {r['server']} | {r['target']} | {r['clients']} | {r['requests']} | {r['errors']} | {r['rps']} "
            f"| {r['p50_ms']} | {r['p95_ms']} | {ratio(r, base, 'rps', 4)} | {ratio(r, base, 'p50_ms', 1)} "
            f"| {ratio(r, base, 'p95_ms', 1)} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
