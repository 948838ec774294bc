"""The xlwings Server against hostile bodies and connections (issue 16 §1), through the real ``xladdin serve``
started as a subprocess on a loopback port, so its peak memory is read from ``/proc/<pid>/status`` (``VmHWM``).

* a 60 MB body of 15 million one-cell rows (under the body limit) is refused by the cell count as it streams in:
  the server's peak memory stays below 4 × the body; three such bodies at once are answered 413 or 503 (with
  ``Retry-After``), nothing else; the server answers a normal call afterwards;
* a body nested 1 000 or 100 000 deep is a 400; a ``func_name`` that is a list, a dict or a number, ``args`` that
  are not a list: 400;
* a connection that never finishes its headers is closed by the server; a body that stalls is answered 408;
* the token in a URL is refused (401), on the call endpoint even as the manifest's read-only key;
* generated URLs start from ``--public-url`` (or the listening address), never from the ``Host`` header.

Every wait is bounded; the server is stopped at the end of the module.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from benchmarks.bench_server_load import payload, serve, serve_process
from xladdin.excel import server
from xladdin.excel.server import create_app, read_only_key

CALL = "/xlwings/custom-functions-call"
PUBLIC = "https://bourses.example.ch/xladdin"
XLADDIN = Path(sys.executable).with_name("xladdin")
MB = 1_000_000


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """``xladdin serve`` in its own process, with short header and idle timeouts (2 s) and a public URL."""
    token = secrets.token_urlsafe(24)
    env = dict(os.environ)
    env.pop("XLADDIN_MAX_CELLS", None)
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with serve_process(token, log, "--header-timeout", "2", "--idle-timeout", "2", "--public-url", PUBLIC,
                       env=env) as (base, port, process):
        IDLE[process.pid] = _peak_bytes(process.pid)
        yield base, port, token, process, log


def _auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


# The server's peak memory once started, before any call: what its imports cost (pandas loads pyarrow when it is
# installed, as with the Parquet extra), which no request changes. The bounds below are on what a call adds.
IDLE: dict[int, int] = {}


def _peak_bytes(pid: int) -> int:
    """The process's peak resident memory so far (``VmHWM``)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1)) * 1024


def _post_raw(port: int, token: str, body: bytes, timeout: float = 120) -> tuple[int | None, dict, bytes]:
    """POST ``body`` over a plain socket while reading the answer (the server may answer before the body is
    sent); returns (status or None if the connection was closed without an answer, headers, body)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    head = (f"POST {CALL} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()

    def send():
        try:
            sock.sendall(head)
            view = memoryview(body)
            for start in range(0, len(body), 1 << 20):
                sock.sendall(view[start:start + (1 << 20)])
        except OSError:
            pass

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    data = b""
    try:
        while True:
            got = sock.recv(65536)
            if not got:
                break
            data += got
            if b"\r\n\r\n" in data:
                top, _, rest = data.partition(b"\r\n\r\n")
                length = re.search(rb"(?im)^content-length:\s*(\d+)", top)
                if length and len(rest) >= int(length.group(1)):
                    break
    except OSError:
        pass
    sock.close()
    sender.join(timeout)
    if not data.startswith(b"HTTP/1.1 "):
        return None, {}, b""
    top, _, rest = data.partition(b"\r\n\r\n")
    lines = top.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), headers, rest


def _cell_bomb(size: int) -> bytes:
    """A call of ``size`` bytes: one-cell rows ``[1],`` (4 bytes each), 15 million for 60 MB."""
    head, tail = b'{"func_name":"bursary_table","args":[[', b"[1]]]}"
    rows = (size - len(head) - len(tail)) // 4
    return head + b"[1]," * rows + tail


def test_values_hidden_inside_a_cell_object_are_counted_too(live):
    """Ten million numbers inside one Office.js-like object cell: bounded like cells (8 per allowed cell), refused
    before they are parsed.

    First of the large bodies, so that what it adds is measured on a server no earlier large body has grown."""
    base, port, token, process, _ = live
    body = b'{"func_name":"bursary_table","args":[[{"type":"Entity","a":[' + b",".join([b"1"] * 10_000_000) + \
        b"]}]]}"
    # One small call first: the modules a first call imports (the functions, the engine) are not the body's cost.
    assert httpx.post(base + CALL, json=payload("loan_plan", 1000, 2030), headers=_auth(token)).status_code == 200
    before = _peak_bytes(process.pid)
    status, _, text = _post_raw(port, token, body)
    assert status == 413 and "plage trop grande" in text.decode()
    # Never parsed: 10 million values as Python objects would be 80 MB of list alone. The bytes read before the
    # refusal are held (an accepted body is parsed from them), with a growing buffer's slack: under 2× the body.
    assert _peak_bytes(process.pid) - before < 2 * len(body)


def test_sixty_megabytes_of_one_cell_rows_are_refused_in_bounded_memory(live):
    base, port, token, process, _ = live
    body = _cell_bomb(60 * MB)
    assert len(body) < server.DEFAULT_MAX_BODY                  # under the body limit: the cell count refuses it
    before = _peak_bytes(process.pid)
    status, _, text = _post_raw(port, token, body)
    peak = _peak_bytes(process.pid)
    print(f"\nserver peak memory: {before / MB:.0f} MB before, {peak / MB:.0f} MB after a {len(body) / MB:.0f} MB "
          f"body (limit {4 * len(body) / MB:.0f} MB)")
    assert status == 413, (status, text)
    assert "plage trop grande" in text.decode() and "800 000" in text.decode()
    assert peak - IDLE[process.pid] < 4 * len(body)
    assert httpx.post(base + CALL, json=payload("loan_plan", 1000, 2030), headers=_auth(token)).status_code == 200


def test_three_large_bodies_at_once_are_refused_or_deferred(live):
    base, port, token, process, _ = live
    body = _cell_bomb(60 * MB)
    answers = [None] * 3

    def one(i):
        answers[i] = _post_raw(port, token, body)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    statuses = [a[0] for a in answers]
    print(f"\nthree 60 MB bodies at once: {statuses}, server peak {_peak_bytes(process.pid) / MB:.0f} MB")
    for status, headers, _ in answers:
        assert status in (413, 503), statuses
        if status == 503:
            assert int(headers["retry-after"]) > 0
    assert _peak_bytes(process.pid) - IDLE[process.pid] < 4 * len(body)
    assert httpx.post(base + CALL, json=payload("loan_plan", 1000, 2030), headers=_auth(token)).status_code == 200


def test_the_in_flight_budget_answers_503_with_retry_after():
    """Deterministic: one large call holds most of the budget (its body is still arriving) when a second large
    call comes; the second is answered 503 at once, the first completes."""
    token = secrets.token_urlsafe(24)
    app = create_app(token, max_body=8 * MB, max_inflight=10 * MB)
    with serve(app) as base:
        port = int(base.rsplit(":", 1)[1])
        first = socket.create_connection(("127.0.0.1", port), timeout=30)
        body = json.dumps(payload("loan_plan", 1000, 2030)).encode() + b" " * (6 * MB)
        first.sendall((f"POST {CALL} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Length: "
                       f"{len(body)}\r\n\r\n").encode() + body[:1000])
        deadline = time.monotonic() + 30
        while app.state.budget.used == 0:                          # the first call's handler holds its 6 MB
            assert time.monotonic() < deadline, "the first call never started"
            time.sleep(0.02)
        status, headers, text = _post_raw(port, token, b" " * (5 * MB))
        assert status == 503 and headers["retry-after"] == "5" and "réessayez" in text.decode()
        first.sendall(body[1000:])
        answer = first.recv(65536)
        first.close()
        assert answer.startswith(b"HTTP/1.1 200")


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_a_deep_body_is_a_400(live, depth):
    base, _, token, _, _ = live
    body = '{"func_name":"loan_plan","args":[' + "[" * depth + "1" + "]" * depth + "]}"
    r = httpx.post(base + CALL, content=body, headers=_auth(token), timeout=60)
    assert r.status_code == 400 and "imbriqué" in r.text


@pytest.mark.parametrize("call", [{"func_name": ["loan_plan"], "args": [1]}, {"func_name": {"a": 1}, "args": [1]},
                                  {"func_name": 12, "args": [1]}, {"func_name": None, "args": [1]},
                                  {"func_name": "loan_plan", "args": {"a": 1}},
                                  {"func_name": "loan_plan", "args": [1000, 2030], "caller_address": ["A1"]},
                                  ["loan_plan", 1000]])
def test_a_call_of_the_wrong_shape_is_a_400(live, call):
    base, _, token, _, log = live
    r = httpx.post(base + CALL, json=call, headers=_auth(token))
    assert r.status_code == 400, r.text
    assert "Traceback" not in log.read_text()


def test_a_connection_that_never_finishes_its_headers_is_closed(live):
    _, port, _, _, _ = live
    for first in (b"", b"POST /xlwings/custom-functions-call HTTP/1.1\r\nHost: x\r\n"):
        sock = socket.create_connection(("127.0.0.1", port), timeout=20)
        sock.sendall(first)
        closed = False
        try:
            for _ in range(40):                        # a byte every 0.25 s: the deadline is not pushed back
                sock.sendall(b"X")
                time.sleep(0.25)
        except OSError:
            closed = True
        if not closed:
            sock.settimeout(20)
            try:
                closed = sock.recv(1024) == b""
            except OSError:
                closed = True
        sock.close()
        assert closed, first


def test_a_stalled_body_is_answered_408(live):
    _, port, token, _, _ = live
    sock = socket.create_connection(("127.0.0.1", port), timeout=20)
    sock.sendall((f"POST {CALL} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                  "Content-Length: 1000\r\n\r\n{\"func_name\":").encode())
    answer = sock.recv(65536)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 408")


def test_the_token_is_refused_in_a_url(live):
    base, _, token, _, _ = live
    r = httpx.post(base + CALL, params={"token": token}, json=payload("loan_plan", 1000, 2030))
    assert r.status_code == 401 and "Authorization" in r.text
    r = httpx.post(base + CALL, params={"key": read_only_key(token)}, json=payload("loan_plan", 1000, 2030))
    assert r.status_code == 401                                   # the manifest's key cannot call a function
    r = httpx.get(base + "/xlwings/custom-functions-meta", params={"token": token})
    assert r.status_code == 401
    r = httpx.get(base + "/xlwings/custom-functions-meta", params={"key": read_only_key(token)})
    assert r.status_code == 200


def test_generated_urls_never_come_from_the_host_header(live):
    base, _, token, _, _ = live
    evil = {**_auth(token), "Host": "evil.example:666"}
    for path in ("/manifest.xml", "/xlwings/custom-functions-code", "/taskpane"):
        text = httpx.get(base + path, headers=evil).text
        assert "evil.example" not in text, path
        assert PUBLIC in text, path
    code = httpx.get(base + "/xlwings/custom-functions-code", headers=evil).text
    assert f'"{PUBLIC}/xlwings/custom-functions-batch"' in code              # where the bridge posts the calls


def test_without_a_public_url_the_listening_address_is_used():
    token = secrets.token_urlsafe(24)
    with serve(create_app(token)) as base:
        text = httpx.get(base + "/manifest.xml", headers={**_auth(token), "Host": "evil.example"}).text
        assert "evil.example" not in text and f"{base}/taskpane?key=" in text


def test_a_bad_public_url_is_refused_by_the_command():
    env = {**os.environ, "XLADDIN_TOKEN": "t" * 32, "XLWINGS_LICENSE_KEY": "noncommercial"}
    for url in ("ftp://bourses.example.ch", "https://user:pw@bourses.example.ch", "https://x.ch/?a=1", "bourses"):
        run = subprocess.run([str(XLADDIN), "serve", "--print-manifest", "--public-url", url], env=env,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 2 and "adresse publique invalide" in run.stderr, (url, run.stderr)
