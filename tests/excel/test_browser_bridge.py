"""The Excel web bridge in a real browser: headless Chromium loads the task pane of a real ``xladdin serve``.

The page gets the small part of Office.js the bridge uses (``Office.onReady``, ``Office.context.requirements``,
``CustomFunctions.associate``, ``CustomFunctions.Error``) injected before its own scripts, and Microsoft's
``office.js`` is blocked (no network in a test). Each registered function is then called as Excel's
custom-functions runtime calls it (2-D arrays of numbers, texts, booleans and empty cells, the invocation last),
and its cells are compared with ``xladdin.assess`` and with xlwings' Python dispatch. ``fetch`` is wrapped to
see the requests the bridge makes; the server's access log counts them on the other side.

Debian's ``chromium`` and ``chromium-driver`` are required (``make test`` installs them): without them this test
fails, it is never skipped.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from pathlib import Path

import httpx
import pytest
from conftest import call

import xladdin
from benchmarks.bench_server_load import serve_process
from xladdin.excel import cache, udfs
from xladdin.excel.server import read_only_key

CHROMIUM = os.environ.get("XLADDIN_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("XLADDIN_CHROMEDRIVER", "/usr/bin/chromedriver")
BATCH = "/xlwings/custom-functions-batch"

OFFICE_STANDIN = r"""
window.__registered = {};
window.__requests = [];
window.__runtimeAsked = [];
window.Office = {
  onReady: function (callback) {
    var info = { host: "Excel", platform: "OfficeOnline" };
    setTimeout(function () { if (callback) { callback(info); } }, 0);
    return Promise.resolve(info);
  },
  context: { requirements: { isSetSupported: function (name, version) {
    window.__runtimeAsked.push(name + " " + version);
    return name === "CustomFunctionsRuntime" && Number(version) <= 1.3;
  } } }
};
window.CustomFunctions = {
  associate: function (id, fn) { window.__registered[id] = fn; },
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
  Error: function (code, message) { this.code = code; this.message = message; }
};
var realFetch = window.fetch.bind(window);
window.fetch = function (url, init) {
  var headers = (init && init.headers) || {};
  var body = init && init.body ? JSON.parse(init.body) : null;
  window.__requests.push({ url: String(url), authorization: headers["Authorization"] || null,
                           func_name: body && body.func_name, calls: body && body.calls ? body.calls.length : 0 });
  if (window.__wrongToken) {
    headers = Object.assign({}, headers, { "Authorization": "Bearer not-the-token-of-this-server" });
    init = Object.assign({}, init, { headers: headers });
  }
  return realFetch(url, init);
};
"""

# Calls every (id, args) pair of arguments[0] in the same tick, the invocation last, then hands back the cells.
CALL_ALL = """
var done = arguments[arguments.length - 1];
var calls = arguments[0];
var started = window.__requests.length;
Promise.all(calls.map(function (c, i) {
  var fn = window.__registered[c[0]];
  if (!fn) { return Promise.resolve("not registered: " + c[0]); }
  return Promise.resolve(fn.apply(null, c[1].concat([{ address: "Feuil1!Z" + (i + 2) }])));
})).then(function (results) {
  done({ results: results, requests: window.__requests.slice(started) });
}, function (error) { done({ error: String(error) }); });
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """``xladdin serve`` on a free loopback port, its access log in a file."""
    token = secrets.token_urlsafe(24)
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with serve_process(token, log, "--access-log") as (base, _, _):
        yield base, token, log


@pytest.fixture(scope="module")
def browser(served):
    """Headless Chromium on the task pane, the Office.js stand-in injected before the page's scripts."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        assert Path(path).exists(), f"{path} is missing: install Debian's chromium and chromium-driver " \
                                    "(make test runs scripts/ensure-libreoffice.sh, which does)"
    base, token, _ = served
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1000,1400", "--no-first-run", "--disable-extensions"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_script_timeout(300)
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*appsforoffice.microsoft.com*"]})
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OFFICE_STANDIN})
        driver.get(f"{base}/taskpane?key={read_only_key(token)}")
        deadline = time.monotonic() + 30
        while not driver.execute_script("return Object.keys(window.__registered).length"):
            assert time.monotonic() < deadline, "the functions' script registered nothing"
            time.sleep(0.1)
        yield driver
    finally:
        driver.quit()


def _run(driver, calls: list) -> dict:
    got = driver.execute_async_script(CALL_ALL, calls)
    assert "error" not in got, got.get("error")
    return got


def _dispatch(func_name: str, args: list):
    cache.results.clear()
    return call(func_name, *args)


def _batch_requests(log: Path) -> int:
    return len(re.findall(rf'"POST {re.escape(BATCH)} HTTP/1\.1" 200', log.read_text(errors="replace")))


@pytest.fixture(scope="module")
def excel_range():
    """2 000 applicants as Excel hands a range over (JSON): numbers, texts, booleans, and empty cells as null."""
    from benchmarks.synthetic import applicant_range

    frame, cells = applicant_range(2000, seed=17)
    cells = json.loads(json.dumps(cells))
    head = cells[0]
    for i, row in enumerate(cells[1:]):                 # Excel sends some empty cells as null, some as ""
        for j, value in enumerate(row):
            if value == "" and (i + j) % 2 == 0 and head[j] != "applicant_id":
                row[j] = None
    assert any(isinstance(v, bool) for v in cells[1]) and any(v is None for r in cells[1:50] for v in r)
    return frame, cells


def test_every_function_registers_and_the_runtime_is_asked(browser, served):
    base, token, _ = served
    meta = httpx.get(base + "/xlwings/custom-functions-meta", headers={"Authorization": f"Bearer {token}"}).json()
    registered = browser.execute_script("return Object.keys(window.__registered).sort()")
    assert registered == sorted(f["id"] for f in meta["functions"])
    assert "CustomFunctionsRuntime 1.4" in browser.execute_script("return window.__runtimeAsked")
    shown = browser.find_element("tag name", "body").text                 # the task pane, as the clerk reads it
    for f in meta["functions"]:
        assert f"XLADDIN.{f['id']}(" in shown
        assert getattr(udfs, f["id"].lower()).help_fr in shown.replace("\n", " ")   # French, what-if included


def test_each_function_in_the_browser_equals_the_python_dispatch(browser, served, excel_range):
    frame, cells = excel_range
    head = cells[0]
    small = cells[:31]
    bad = list(cells[3])
    bad[head.index("birth_date")] = "31.02.2001"
    credits_rows = [["student_id", "bloc", "course_code", "status", "grade", "credits"],
                    ["S1", 1, "LAPHM2110", "inscrit", 14, 5]]
    examples = {
        "BURSARY": [[[cells[1]], None, [head]], [[head, cells[2]], "GE-2025", None], [[bad], None, [head]],
                    [[["texte"]], None, None]],
        "BURSARY_ROW": [[[head, cells[4]], None, None, True, "en"]],
        "BURSARY_TABLE": [[small, None, None], [small, "ZH-2021", "de"]],
        "BURSARY_EXPLAIN": [[[head, cells[5]], None, None, "fr"]],
        "BURSARY_COMPARE": [[small, "GE-2025,ZH-2021", None, False, None]],
        "ELIGIBILITY": [[[cells[6]], None, [head]]],
        "ENTITLEMENT_SEMESTERS": [[[[8]], [[0.5]], None, [["professionnel"]]], [[head, cells[7]], None, None,
                                                                                   None]],
        "LOAN_PLAN": [[[[10000]], [[2026]], None, None], [[["dix mille"]], [[2026]], None, None]],
        "WEIGHTED_AVERAGE": [[[[12, 14.5, None]], [[5, 10, 5]]]],
        "CREDITS_ACQUIRED": [[[[12, 9, "abs"]], [[5, 10, 5]]]],
        "SUPPLEMENT_RANGE": [[[["Bachelier en sciences biomédicales"]], None]],
        "PROGRAMME_CHECK": [[credits_rows, None, None]],
        "CATALOGUE_LINT": [[None, "en"]],
        "WHATIF_TABLE": [[small, [["amounts.cap.tertiary", 16000, 18000]], None]],
    }
    registered = set(browser.execute_script("return Object.keys(window.__registered)"))
    assert registered <= set(examples), registered - set(examples)       # every function is called below
    calls = [(fid, args) for fid in sorted(registered) for args in examples[fid]]
    got = _run(browser, calls)
    for (fid, args), cells_got in zip(calls, got["results"]):
        assert cells_got == _dispatch(fid.lower(), args), fid
    by_id = {fid: [r for (f, _), r in zip(calls, got["results"]) if f == fid] for fid in registered}
    expected = xladdin.assess(frame.iloc[[0, 1]])
    assert by_id["BURSARY"][0] == [[int(expected["bursary"].iloc[0])]]
    assert by_id["BURSARY"][1] == [[int(expected["bursary"].iloc[1])]]
    assert by_id["BURSARY"][2][0][0].startswith("#XLADDIN! ") and "birth_date" in by_id["BURSARY"][2][0][0]
    assert by_id["BURSARY"][3][0][0].startswith("#XLADDIN! dossier illisible")
    assert by_id["LOAN_PLAN"][1][0][0].startswith("#XLADDIN! ")
    # the token, in the Authorization header only
    assert got["requests"] and {r["authorization"] for r in got["requests"]} == {f"Bearer {served[1]}"}
    assert all(r["url"].endswith(BATCH) and "token" not in r["url"] for r in got["requests"])


def test_a_2000_row_table_in_the_browser_equals_assess(browser, excel_range):
    frame, cells = excel_range
    got = _run(browser, [("BURSARY_TABLE", [cells, None, "cle"])])
    table = got["results"][0]
    assert len(table) == len(cells)
    expected = xladdin.assess(frame)
    column = table[0].index("bursary")
    assert [r[column] for r in table[1:]] == [int(v) for v in expected["bursary"]]
    assert len(got["requests"]) == 1


def test_2000_per_row_formulas_go_out_in_few_requests(browser, served, excel_range):
    """One ``=XLADDIN.BURSARY(A2:BH2;;A$1:BH$1)`` per row of a 2 000-row list, all fired in the same tick."""
    _, _, log = served
    frame, cells = excel_range
    head = cells[0]
    before = _batch_requests(log)
    calls = [("BURSARY", [[row], None, [head]]) for row in cells[1:]]
    got = _run(browser, calls)
    expected = xladdin.assess(frame)["bursary"]
    assert [r[0][0] for r in got["results"]] == [int(v) for v in expected]
    assert 1 <= len(got["requests"]) <= 20, len(got["requests"])
    assert sum(r["calls"] for r in got["requests"]) == 2000
    time.sleep(0.5)                                          # the access log line follows the response
    assert _batch_requests(log) - before == len(got["requests"])
    print(f"2 000 per-row BURSARY calls: {len(got['requests'])} requests")


def test_errors_show_as_the_cell_text(browser):
    browser.execute_script("window.__wrongToken = true")
    try:
        got = _run(browser, [("LOAN_PLAN", [[[1000]], [[2026]], None, None]),
                             ("LOAN_PLAN", [[[2000]], [[2026]], None, None])])
    finally:
        browser.execute_script("window.__wrongToken = false")
    for cells in got["results"]:
        assert cells[0][0].startswith("#XLADDIN! serveur xladdin : 401"), cells
    assert len(got["requests"]) == 1
    args = [[[1000]], [[2026]], None, None]
    assert _run(browser, [("LOAN_PLAN", args)])["results"][0] == _dispatch("loan_plan", args)
