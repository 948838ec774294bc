"""The xlwings Server under load (issue 7 §4), on loopback: the real app of ``xladdin serve`` under uvicorn.

* 200 concurrent custom-function calls (the JSON bodies Excel posts) all answer 200 with the right result:
  zero errors; the median and 95th-percentile latency are printed and written to ``out/hardening/`` (never
  asserted);
* a slow call does not hold up the others: while one call waits on a gate in its worker thread, 20 other calls
  complete (the order of completions is compared, no clock); the same for a real 10 000-row BURSARY_TABLE and
  for a slow request body (the JSON is parsed off the event loop);
* a failing call answers a readable cell and the calls around it are unaffected.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import threading

import httpx
import pytest

from benchmarks.bench_server_load import CALL, bursary_bodies, fire, payload, serve, summary
from tests.hardening import slow_udfs
from tests.hardening.conftest import ROOT
from xladdin.excel import cache, server
from xladdin.excel.server import create_app


@pytest.fixture(scope="module")
def live(request):
    """The real app, serving xladdin's functions plus the two test-only ones, on a free loopback port."""
    token = secrets.token_urlsafe(24)
    patch = pytest.MonkeyPatch()
    patch.setattr(server, "_udfs", lambda: slow_udfs)
    app = create_app(token)
    patch.undo()
    with serve(app) as base:
        yield base, token


def _expected(bodies: list[dict]) -> list:
    """Each call's answer through xlwings' dispatch, without HTTP (what the server must send back)."""
    return [json.loads(server._json(server.dispatch(b)))["result"] for b in bodies]


def _mixed_bodies(n: int) -> list[dict]:
    """A recalculation's worth of calls: a quarter each BURSARY (all different applicants), ENTITLEMENT_SEMESTERS,
    LOAN_PLAN, WEIGHTED_AVERAGE."""
    quarter = n // 4
    bodies = bursary_bodies(quarter)
    bodies += [payload("entitlement_semesters", 6 + i % 5, 0.5 + (i % 6) / 10, "GE-2025", "santé")
               for i in range(quarter)]
    bodies += [payload("loan_plan", 1000 + 37 * i, 2027 + i % 4) for i in range(quarter)]
    bodies += [payload("weighted_average", [[12, 9.5 + i % 8, "abs"]], [[5, 10, 5]]) for i in range(n - 3 * quarter)]
    return bodies


def test_two_hundred_concurrent_calls(live):
    base, token = live
    bodies = _mixed_bodies(200)
    expected = _expected(bodies)
    cache.results.clear()
    calls = asyncio.run(fire(base, token, bodies))
    assert [c.status for c in calls] == [200] * 200
    assert [c.result for c in calls] == expected                          # every answer right, none an error
    got = summary(calls)
    assert got["errors"] == 0
    report = ROOT / "out" / "hardening" / "server-load.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(got, indent=1))
    print(f"\n200 concurrent calls (50 BURSARY, 50 ENTITLEMENT_SEMESTERS, 50 LOAN_PLAN, 50 WEIGHTED_AVERAGE): "
          f"median {got['median_ms']} ms, p95 {got['p95_ms']} ms, max {got['max_ms']} ms (not asserted)")


def test_a_slow_call_does_not_block_the_others(live):
    """The slow call returns only when the gate opens, and the gate opens only after 20 other calls have come
    back: if the server ran calls one at a time (or on its event loop), they could not."""
    base, token = live
    slow_udfs.GATE.clear()
    slow_udfs.ENTERED.clear()
    small = [payload("loan_plan", 500 * (i + 1), 2030) for i in range(20)]

    async def stepwise():
        async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120,
                                     limits=httpx.Limits(max_connections=64)) as client:
            slow = asyncio.create_task(client.post(CALL, json=payload("wait_for_gate", 1)))
            assert await asyncio.to_thread(slow_udfs.ENTERED.wait, 60), "the slow call never started"
            done = await asyncio.gather(*(client.post(CALL, json=b) for b in small))
            running = not slow.done()
            slow_udfs.GATE.set()
            return done, running, await slow

    done, running, slow = asyncio.run(stepwise())
    assert [r.status_code for r in done] == [200] * 20
    assert [r.json()["result"] for r in done] == _expected(small)
    assert running                                            # all 20 came back while the slow call was waiting
    assert slow.json()["result"] == [["released"]]            # ... and it was not cut short


def test_a_large_table_does_not_block_small_calls(live, monkeypatch):
    """A real slow call: BURSARY_TABLE over 10 000 applicants (4 MB of JSON). 20 small calls, sent once it is
    being computed, all complete before it does."""
    from benchmarks.synthetic import applicant_range

    base, token = live
    _, cells = applicant_range(10_000, seed=5)
    large = payload("bursary_table", json.loads(json.dumps(cells)))
    small = [payload("weighted_average", [[10 + i % 10, 14]], [[5, 5]]) for i in range(20)]
    cache.results.clear()
    computing, dispatch = threading.Event(), server.dispatch

    def watched(data, module=None):
        if data["func_name"] == "bursary_table":
            computing.set()
        return dispatch(data, module)

    monkeypatch.setattr(server, "dispatch", watched)

    async def run():
        async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=300,
                                     limits=httpx.Limits(max_connections=64)) as client:
            finished = []

            async def post(name, body):
                response = await client.post(CALL, json=body)
                finished.append(name)
                return response

            big = asyncio.create_task(post("large", large))
            assert await asyncio.to_thread(computing.wait, 120), "the large call never started"
            answers = await asyncio.gather(*(post(f"small {i}", b) for i, b in enumerate(small)))
            return finished, answers, await big

    finished, answers, big = asyncio.run(run())
    assert big.status_code == 200 and len(big.json()["result"]) == 10_001
    assert [a.status_code for a in answers] == [200] * 20
    assert finished[-1] == "large", finished                   # every small call completed before the large one


def test_a_slow_request_body_is_parsed_off_the_event_loop(live, monkeypatch):
    """The body's JSON is parsed in the worker thread: a parse made to wait (as 64 MB of JSON would) holds up
    nothing. On the event loop, it would freeze every other request until it ended."""
    base, token = live
    gate, entered = threading.Event(), threading.Event()
    parse = server._call_payload

    def slow_parse(body, names):
        if b"slow-parse-marker" in body:
            entered.set()
            gate.wait(timeout=30)
        return parse(body, names)

    monkeypatch.setattr(server, "_call_payload", slow_parse)
    small = [payload("loan_plan", 700 + i, 2028) for i in range(20)]

    async def run():
        async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120,
                                     limits=httpx.Limits(max_connections=64)) as client:
            slow = asyncio.create_task(client.post(CALL, json=payload("loan_plan", 1000, 2030, "slow-parse-marker")))
            assert await asyncio.to_thread(entered.wait, 60)
            done = await asyncio.gather(*(client.post(CALL, json=b) for b in small))
            running = not slow.done()
            gate.set()
            return done, running, await slow

    done, running, slow = asyncio.run(run())
    assert [r.status_code for r in done] == [200] * 20 and running
    assert slow.status_code == 200


def test_a_failing_call_answers_a_cell_and_harms_no_other(live):
    base, token = live
    bodies = [payload("boom", i) if i % 5 == 0 else payload("loan_plan", 100 * (i + 1), 2029) for i in range(50)]
    calls = asyncio.run(fire(base, token, bodies))
    assert [c.status for c in calls] == [200] * 50
    for c, body in zip(calls, bodies):
        if body["func_name"] == "boom":
            assert c.result == [["#XLADDIN! erreur interne (RuntimeError: boom)"]]
        else:
            assert c.result[0] == ["Année", "Annuité", "Solde"] and not str(c.result).count("#XLADDIN!")
