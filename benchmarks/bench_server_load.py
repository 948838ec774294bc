"""Load on the xlwings Server of ``xladdin serve``: 200 concurrent custom-function calls over loopback HTTP.

The real app (``xladdin.excel.server.create_app``) runs under uvicorn on a free 127.0.0.1 port with a random
token; an httpx AsyncClient posts the JSON bodies Excel's custom-functions runtime sends (``BURSARY`` on one
applicant each, all different, so the result cache does not answer), all at once. Prints the number of errors
and the median, 95th percentile and maximum latency of one call; asserts nothing (timings are not tests —
``tests/hardening/test_server_load.py`` asserts zero errors and the order of completions).

    .venv/bin/python -m benchmarks.bench_server_load [--calls 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import socket
import statistics
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

os.environ["XLWINGS_ON_SERVER"] = "true"
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CALL = "/xlwings/custom-functions-call"


@contextmanager
def serve(app):
    """Run ``app`` with uvicorn on a free loopback port; yields its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False,
                                           backlog=1024))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@contextmanager
def serve_process(token: str, log: Path, *options: str, env: dict | None = None):
    """``xladdin serve`` in its own process on a free loopback port (``options`` added to its command line, its
    output in ``log``); yields ``(base URL, port, process)`` once it answers, stops it afterwards."""
    import subprocess

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**(os.environ if env is None else env), "XLADDIN_TOKEN": token, "XLWINGS_LICENSE_KEY": "noncommercial"}
    command = Path(sys.executable).with_name("xladdin")               # the venv's console script
    with open(log, "wb") as out:
        process = subprocess.Popen([str(command), "serve", "--port", str(port), *options], env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(base + "/xlwings/custom-functions-meta", headers={"Authorization": f"Bearer {token}"},
                             timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "xladdin serve did not start: " + log.read_text()
            time.sleep(0.2)
        yield base, port, process
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(15)


def payload(func_name: str, *args) -> dict:
    """The body Excel's custom-functions runtime posts through xladdin's JS bridge (as JSON carries it)."""
    import xlwings

    body = {"func_name": func_name, "args": list(args), "caller_address": "Office.js[Dossiers.xlsx]Feuil1!A1",
            "version": xlwings.__version__, "runtime": "1.4", "client": "Office.js"}
    return json.loads(json.dumps(body))


@dataclass
class Call:
    index: int
    status: int
    seconds: float
    finished: int                  # completion order, 0 = first answered
    result: object


async def fire(base: str, token: str, bodies: list[dict], timeout: float = 300) -> list[Call]:
    """Post every body at once (one connection each); returns the calls in input order."""
    import httpx

    order = iter(range(len(bodies)))
    limits = httpx.Limits(max_connections=len(bodies) + 10, max_keepalive_connections=len(bodies) + 10)
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=timeout,
                                 limits=limits) as client:
        async def one(i: int, body: dict) -> Call:
            started = time.perf_counter()
            response = await client.post(CALL, json=body)
            seconds = time.perf_counter() - started
            result = response.json().get("result") if response.status_code == 200 else response.text
            return Call(i, response.status_code, seconds, next(order), result)

        return list(await asyncio.gather(*(one(i, b) for i, b in enumerate(bodies))))


def summary(calls: list[Call]) -> dict:
    times = sorted(c.seconds for c in calls)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"calls": len(calls), "errors": sum(c.status != 200 or _is_error(c.result) for c in calls),
            "median_ms": round(statistics.median(times) * 1000, 1), "p95_ms": round(p95 * 1000, 1),
            "max_ms": round(times[-1] * 1000, 1)}


def _is_error(result) -> bool:
    return isinstance(result, list) and bool(result) and isinstance(result[0], list) and bool(result[0]) and \
        isinstance(result[0][0], str) and result[0][0].startswith("#XLADDIN!")


def bursary_bodies(n: int, seed: int = 11) -> list[dict]:
    """``n`` BURSARY calls, each on a different applicant (a header row over one row of cells)."""
    from benchmarks.synthetic import applicant_range

    _, cells = applicant_range(n, seed=seed)
    cells = json.loads(json.dumps(cells))
    return [payload("bursary", [cells[0], cells[i + 1]]) for i in range(n)]


def run(calls: int = 200) -> dict:
    from xladdin.excel import cache
    from xladdin.excel.server import create_app

    token = secrets.token_urlsafe(24)
    bodies = bursary_bodies(calls)
    cache.results.clear()
    with serve(create_app(token)) as base:
        started = time.perf_counter()
        got = asyncio.run(fire(base, token, bodies))
        wall = time.perf_counter() - started
    out = summary(got)
    out["wall_s"] = round(wall, 2)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args(argv if argv is not None else [])
    got = run(args.calls)
    print(f"{got['calls']} concurrent BURSARY calls over loopback: {got['errors']} errors, median "
          f"{got['median_ms']} ms, p95 {got['p95_ms']} ms, max {got['max_ms']} ms, all answered in {got['wall_s']} s")


if __name__ == "__main__":
    main(sys.argv[1:])
