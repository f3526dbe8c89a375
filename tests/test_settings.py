"""Production settings read secrets from the environment and pass Django's deployment checks."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "SECRET_KEY": "k" * 20 + "-production-secret-for-the-deploy-check-only-0123456789",
    "ALLOWED_HOSTS": "congdoan.example.vn",
    "DATABASE_URL": "postgres://congdoan@db.example.vn:5432/congdoan",
}
# Set by the browser tests for Playwright's event loop; a production process never has it.
TEST_ONLY_ENV = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args, env):
    base = {k: v for k, v in os.environ.items() if k not in PROD_ENV and k not in TEST_ONLY_ENV}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_prod_passes_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_prod_refuses_to_start_without_secret_key():
    result = manage("check", env={**PROD_ENV, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_prod_refuses_to_start_without_database_url():
    result = manage("check", env={**PROD_ENV, "DATABASE_URL": ""})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_procfile_runs_gunicorn_and_the_queue_consumer_with_its_scheduler():
    lines = dict(
        line.split(": ", 1)
        for line in (ROOT / "Procfile").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert set(lines) == {"web", "worker"}
    assert "gunicorn -c config/gunicorn.py" in lines["web"]
    assert "manage.py run_huey" in lines["worker"] and "--no-periodic" not in lines["worker"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_run_serves_the_error_pages_and_the_static_files(tmp_path):
    """`make run` (config.settings.run): a new user's first 404 is the application's page, not
    Django's debug page listing the URL patterns, and the vendored assets are served."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in PROD_ENV and k not in TEST_ONLY_ENV}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'run.sqlite3'}", DJANGO_SETTINGS_MODULE="config.settings.run"
    )
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/static/core/app.css", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/khong-co-trang-nay/", timeout=10)
        html = missing.value.read().decode()
        assert missing.value.code == 404
        assert 'data-testid="error-page"' in html and "Không tìm thấy trang" in html
        assert "URLconf" not in html and "urlpatterns" not in html
        with urllib.request.urlopen(f"{base}/static/vendor/bootstrap/bootstrap.min.css", timeout=10) as css:
            assert css.status == 200 and css.headers["Content-Type"].startswith("text/css")
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize(("args", "port"), [([], "8000"), (["PORT=8123"], "8123")])
def test_make_run_takes_the_port_and_says_where_it_serves(args, port):
    env = {k: v for k, v in os.environ.items() if k not in ("PORT", "DEBUG")}
    result = subprocess.run(
        ["make", "-n", "run", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert f"runserver 127.0.0.1:{port} --settings=config.settings.run" in result.stdout
    assert f"http://127.0.0.1:{port}/" in result.stdout
