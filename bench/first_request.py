"""How much slower a gunicorn worker's first request is than its second (issue 16 leftovers, item 3).

Done as gunicorn does with ``preload_app``: this process loads the WSGI application with the
production settings (the master), then forks a child (a worker) that answers the same anonymous
public page several times through the WSGI callable, timing each; ``--profile`` writes the first
request's cProfile to bench/out/first_request.prof and prints its top entries. Run it against a
database holding the demo (``load_demo``) and with Redis up:

    DATABASE_URL=postgres://…/db .venv/bin/python bench/first_request.py [--path /tin-tuc/…] [--profile]

Prints the master's load time, the child's first and second request times and their ratio.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARTICLE = "/tin-tuc/2023/01/05/hoi-nghi-tong-ket-cong-tac-cong-doan-nam-2022/"


def _environ(path: str) -> dict:
    from wsgiref.util import setup_testing_defaults

    environ = {
        "PATH_INFO": path,
        "REQUEST_METHOD": "GET",
        "HTTP_HOST": "localhost",
        "wsgi.url_scheme": "http",
    }
    setup_testing_defaults(environ)
    environ["wsgi.input"] = io.BytesIO(b"")
    return environ


def _call(application, path: str) -> tuple[float, str]:
    status = []
    started = time.perf_counter()
    body = application(_environ(path), lambda s, h, exc_info=None: status.append(s))
    for _chunk in body:
        pass
    if hasattr(body, "close"):
        body.close()
    return time.perf_counter() - started, status[0]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--path", default=ARTICLE)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="without the warm-up (WSGI_WARM_UP=0)")
    args = parser.parse_args()
    if args.cold:
        os.environ["WSGI_WARM_UP"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
    os.environ.setdefault("SECRET_KEY", "x" * 64)
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("SECURE_COOKIES", "0")
    started = time.perf_counter()
    import config.gunicorn as gunicorn_conf  # the master's hooks, as gunicorn runs them
    from config.wsgi import application

    if getattr(gunicorn_conf, "when_ready", None):
        gunicorn_conf.when_ready(None)
    loaded = time.perf_counter() - started
    # A first worker answers the page once and exits: the page is then in the cache (Redis) for
    # the measured worker, as on a running site. The master itself never serves (as gunicorn's).
    for measured in (False, True):
        pid = os.fork()
        if pid == 0:
            _worker(application, gunicorn_conf, args, loaded, measured)
            os._exit(0)
        os.waitpid(pid, 0)


def _worker(application, gunicorn_conf, args, loaded: float, measured: bool) -> None:
    if getattr(gunicorn_conf, "post_fork", None):
        gunicorn_conf.post_fork(None, None)
    if not measured:
        _call(application, args.path)
        return
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        first, status = _call(application, args.path)
        profiler.disable()
        out = ROOT / "bench" / "out"
        out.mkdir(exist_ok=True)
        profiler.dump_stats(out / "first_request.prof")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    else:
        first, status = _call(application, args.path)
    second = min(_call(application, args.path)[0] for _ in range(args.repeat))
    from congdoan.core.warmup import LAST

    print("master warm-up: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in LAST.items()))
    print(
        f"master load {loaded:.3f} s; worker: first {first * 1000:.1f} ms ({status}), "
        f"second {second * 1000:.1f} ms, ratio {first / second:.1f}"
    )


if __name__ == "__main__":
    main()
