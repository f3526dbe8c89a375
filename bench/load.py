"""A bounded HTTP load on loopback: requests per second and p50/p95 per target and concurrency.

    .venv/bin/python bench/load.py --base http://127.0.0.1:8000 --clients 1,8,32 --seconds 5 \\
        --target static=/static/core/app.css --target healthz=/healthz

Each client is a thread with its own keep-alive connection (reopened when the server closes it),
sending GETs to one target back to back for ``--seconds`` or ``--max-requests``, whichever comes
first. Only loopback addresses are accepted. ``--header 'Authorization: Bearer …'`` and
``--cookie sessionid=…`` are sent with every request. ``measure()`` is what bench/stack.py calls.
"""

import argparse
import http.client
import ipaddress
import json
import socket
import statistics
import threading
import time
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit


@dataclass
class Result:
    target: str
    clients: int
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float


def loopback_only(base: str) -> tuple[str, int]:
    parts = urlsplit(base)
    host = parts.hostname or ""
    address = ipaddress.ip_address(socket.gethostbyname(host) if host == "localhost" else host)
    if not address.is_loopback:
        raise SystemExit(f"{base}: only loopback addresses (127.0.0.0/8, ::1) are load targets here")
    return host, parts.port or 80


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def wait_ready(base: str, path: str = "/healthz", timeout: float = 60.0) -> None:
    """Until ``path`` answers 200 (the server is up), at most ``timeout`` seconds."""
    host, port = loopback_only(base)
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn = http.client.HTTPConnection(host, port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                conn.close()
                return
        except (OSError, http.client.HTTPException):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{base}{path} did not answer 200 within {timeout:.0f} s")
        time.sleep(0.2)


def measure(
    base: str,
    name: str,
    path: str,
    clients: int,
    *,
    seconds: float = 5.0,
    max_requests: int = 20_000,
    headers: dict | None = None,
) -> Result:
    """``clients`` threads GET ``path`` until ``seconds`` pass or ``max_requests`` are sent."""
    host, port = loopback_only(base)
    headers = {"Connection": "keep-alive", **(headers or {})}
    latencies: list[float] = []
    errors = [0]
    budget = [max_requests]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection(host, port, timeout=30)
        mine, failed = [], 0
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                time.sleep(0.05)  # a refused connection must not spin
                conn = http.client.HTTPConnection(host, port, timeout=30)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return Result(
        target=name,
        clients=clients,
        requests=len(latencies),
        errors=errors[0],
        seconds=round(elapsed, 2),
        rps=round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        p50_ms=round(_percentile(latencies, 50), 1),
        p95_ms=round(_percentile(latencies, 95), 1),
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--target", action="append", required=True, help="name=/path")
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--header", action="append", default=[], help="'Name: value'")
    args = parser.parse_args()
    headers = dict(h.split(": ", 1) for h in args.header)
    wait_ready(args.base)
    for target in args.target:
        name, path = target.split("=", 1)
        for n in (int(c) for c in args.clients.split(",")):
            result = measure(
                args.base,
                name,
                path,
                n,
                seconds=args.seconds,
                max_requests=args.max_requests,
                headers=headers,
            )
            print(json.dumps(asdict(result)), flush=True)


if __name__ == "__main__":
    main()
