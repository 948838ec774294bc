"""Test-only UDF module for the server tests: every function of ``xladdin.excel.udfs`` plus one that waits on a
gate (a call that takes as long as the test says) and one that fails. Never shipped or served by xladdin."""

from __future__ import annotations

import threading

import xlwings.server as xw

from xladdin.excel.udfs import *  # noqa: F401,F403 - the real functions, served beside the two below

GATE = threading.Event()        # set by the test: the slow call may return
ENTERED = threading.Event()     # set by the slow call: it is running in a worker thread


@xw.func
@xw.arg("x", "raw")
@xw.ret("raw")
def wait_for_gate(x):
    """Return only once the test opens the gate (or after 60 s: then the answer says so)."""
    ENTERED.set()
    return [["released" if GATE.wait(timeout=60) else "timeout"]]


@xw.func
@xw.arg("x", "raw")
@xw.ret("raw")
def boom(x):
    """Always fails, outside the guard every real function has."""
    raise RuntimeError("boom")
