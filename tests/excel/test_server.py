"""The xlwings Server of ``xladdin serve``, run by uvicorn on a free loopback port and called over HTTP."""

from __future__ import annotations

import asyncio
import json
import secrets
import shutil
import socket
import subprocess
import threading
import time

import defusedxml.ElementTree as ET
import httpx
import pandas as pd
import pytest
import uvicorn
import xlwings
from conftest import payload

import xladdin
from xladdin.excel.server import create_app, read_only_key
from xladdin.schema import OUTPUT_COLUMNS

OFFICE = "{http://schemas.microsoft.com/office/appforoffice/1.1}"
OVERRIDES = "{http://schemas.microsoft.com/office/taskpaneappversionoverrides}"
BT = "{http://schemas.microsoft.com/office/officeappbasictypes/1.0}"
MAX_BODY = 4 * 1024 * 1024


@pytest.fixture(scope="module")
def server():
    token = secrets.token_urlsafe(24)
    app = create_app(token, max_body=MAX_BODY)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))                                   # a free port, chosen by the system
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", token
    instance.should_exit = True
    thread.join(10)
    sock.close()


def auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


ENDPOINTS = [("GET", "/xlwings/custom-functions-meta"), ("GET", "/xlwings/custom-functions-code"),
             ("POST", "/xlwings/custom-functions-call")]


@pytest.mark.parametrize("method,path", ENDPOINTS)
def test_every_endpoint_needs_the_token(server, method, path):
    base, token = server
    body = payload("loan_plan", 1000, 2026)
    for headers in ({}, auth("x" * len(token)), {"Authorization": token}, auth(token[:-1])):
        r = httpx.request(method, base + path, json=body, headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert "jeton" in r.text
    r = httpx.request(method, base + path, json=body, headers=auth(token))
    assert r.status_code == 200
    r = httpx.request(method, base + path, json=body, params={"token": token})   # never in a URL (proxy logs)
    assert r.status_code == 401 and "URL" in r.text
    r = httpx.request(method, base + path, json=body, params={"key": read_only_key(token)})
    assert r.status_code == (401 if method == "POST" else 200)      # the manifest's key: read-only resources


def test_batch_endpoint_needs_the_token_in_the_header(server):
    base, token = server
    body = {"func_name": "loan_plan", "calls": [[1000, 2026], [2000, 2027]]}
    path = base + "/xlwings/custom-functions-batch"
    for headers in ({}, auth("x" * len(token)), {"Authorization": token}):
        assert httpx.post(path, json=body, headers=headers).status_code == 401
    assert httpx.post(path, json=body, params={"key": read_only_key(token)}).status_code == 401
    r = httpx.post(path, json=body, headers=auth(token))
    assert r.status_code == 200 and [plan[1][0] for plan in r.json()["results"]] == [2028, 2029]
    many = [[[[1] * 1000] * 100, 2026]] * 11                         # 1 100 000 cells over 11 calls
    r = httpx.post(path, json={"func_name": "loan_plan", "calls": many}, headers=auth(token), timeout=60)
    assert r.status_code == 413 and "800 000" in r.text


def test_meta_and_code(server):
    base, token = server
    meta = httpx.get(base + "/xlwings/custom-functions-meta", headers=auth(token)).json()
    ids = {f["id"] for f in meta["functions"]}
    assert {"BURSARY", "BURSARY_TABLE", "BURSARY_EXPLAIN", "ELIGIBILITY", "LOAN_PLAN"} <= ids
    code = httpx.get(base + "/xlwings/custom-functions-code", headers=auth(token))
    assert code.headers["content-type"].startswith("text/javascript")
    for function_id in ids:
        assert f'CustomFunctions.associate("{function_id}"' in code.text
    assert f'"{base}/xlwings/custom-functions-batch"' in code.text and token in code.text
    assert "$" not in code.text.replace("${", "")                    # every template placeholder was filled


def test_call_over_http_equals_assess(server, applicants):
    base, token = server
    frame, cells = applicants
    r = httpx.post(base + "/xlwings/custom-functions-call", json=payload("bursary_table", cells[:101]),
                   headers=auth(token), timeout=60)
    assert r.status_code == 200
    got = pd.DataFrame(r.json()["result"][1:], columns=list(OUTPUT_COLUMNS))
    expected = xladdin.assess(frame.iloc[:100])
    assert got["bursary"].tolist() == expected["bursary"].astype(object).where(expected["bursary"].notna(),
                                                                              "").tolist()
    assert got["applicant_id"].tolist() == frame["applicant_id"].iloc[:100].tolist()


def test_fifty_concurrent_calls(server, applicants):
    base, token = server
    frame, cells = applicants
    expected = xladdin.assess(frame.iloc[:50])

    async def run():
        async with httpx.AsyncClient(base_url=base, headers=auth(token), timeout=60) as client:
            calls = [client.post("/xlwings/custom-functions-call",
                                 json=payload("bursary", [cells[0], cells[i + 1]])) for i in range(50)]
            return await asyncio.gather(*calls)

    responses = asyncio.run(run())
    assert [r.status_code for r in responses] == [200] * 50
    assert [r.json()["result"] for r in responses] == [[[int(b)]] for b in expected["bursary"]]


def test_manifest_is_valid_xml(server):
    base, token = server
    key = read_only_key(token)
    r = httpx.get(base + "/manifest.xml", headers=auth(token))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(r.content)
    assert root.tag == OFFICE + "OfficeApp"
    assert root.find(OFFICE + "DefaultSettings/" + OFFICE + "SourceLocation").get("DefaultValue") == \
        f"{base}/taskpane?key={key}"
    urls = {u.get("id"): u.get("DefaultValue") for u in root.iter(BT + "Url")}
    assert urls["Functions.Metadata.Url"] == f"{base}/xlwings/custom-functions-meta?key={key}"
    assert urls["Functions.Script.Url"] == f"{base}/xlwings/custom-functions-code?key={key}"
    assert token not in r.text
    strings = {s.get("id"): s.get("DefaultValue") for s in root.iter(BT + "String")}
    assert strings["Functions.Namespace"] == "XLADDIN"
    xsi_type = "{http://www.w3.org/2001/XMLSchema-instance}type"
    assert root.find(f".//{OVERRIDES}ExtensionPoint").get(xsi_type) == "CustomFunctions"
    # every URL of the manifest is served (with the token it carries)
    images = {u.get("DefaultValue") for u in root.iter(BT + "Image") if u.get("DefaultValue")}
    assert len(images) == 3
    for url in set(urls.values()) | images:
        assert httpx.get(url).status_code == 200, url


def test_taskpane_lists_the_functions_in_french(server):
    base, token = server
    html = httpx.get(base + "/taskpane", params={"key": read_only_key(token)}).text
    assert "XLADDIN.BURSARY_TABLE(table; [rules]; [lang])" in html
    assert "Évalue tout un tableau" in html and "noncommercial" in html
    png = httpx.get(base + "/icons/32.png", params={"key": read_only_key(token)})
    assert png.content.startswith(b"\x89PNG")


def test_request_size_limit(server):
    base, token = server
    big = [["applicant_id"]] + [["X" * 100] for _ in range(50_000)]            # about 5 MB of JSON
    r = httpx.post(base + "/xlwings/custom-functions-call", json=payload("bursary_table", big),
                   headers=auth(token))
    assert r.status_code == 413 and "trop volumineuse" in r.text


def test_bad_requests_are_refused_readably(server):
    base, token = server
    url = base + "/xlwings/custom-functions-call"
    r = httpx.post(url, content=b"{not json", headers=auth(token))
    assert r.status_code == 400 and "JSON" in r.text
    r = httpx.post(url, json=payload("__import__", "os"), headers=auth(token))
    assert r.status_code == 400 and "fonction inconnue" in r.text
    r = httpx.post(url, json={"func_name": "bursary"}, headers=auth(token))
    assert r.status_code == 400
    # too many arguments: xlwings' dispatch fails, the cell still gets a message
    r = httpx.post(url, json=payload("loan_plan", 1, 2, 3, 4, 5, 6), headers=auth(token))
    assert r.status_code == 200 and r.json()["result"][0][0].startswith("#XLADDIN!")
    assert xlwings.__version__ in httpx.get(base + "/xlwings/custom-functions-code", headers=auth(token)).text


def test_no_documentation_routes(server):
    base, token = server
    for path in ("/docs", "/openapi.json", "/redoc"):
        assert httpx.get(base + path, headers=auth(token)).status_code == 404


def test_no_app_without_a_long_token():
    from xladdin.errors import XladdinError

    for token in (None, "", "court"):
        with pytest.raises(XladdinError, match="jeton"):
            create_app(token)


NODE_HARNESS = r"""
// A stand-in for Excel's custom-functions runtime: Office.onReady, CustomFunctions.associate, and Node's fetch.
const fs = require("fs");
const registered = {};
globalThis.Office = {
  onReady: (callback) => { callback({}); return Promise.resolve(); },
  context: { requirements: { isSetSupported: (name, version) => version === "1.3" } },
};
globalThis.CustomFunctions = { associate: (id, f) => { registered[id] = f; } };
eval(fs.readFileSync(process.argv[2], "utf8"));
const calls = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
(async () => {
  const out = [];
  for (const [id, args] of calls) {
    out.push(await registered[id](...args, { address: "Feuil1!A1" }));
  }
  console.log(JSON.stringify({ ids: Object.keys(registered).sort(), results: out }));
})();
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js not installed")
def test_javascript_bridge_against_the_server(server, applicants, tmp_path):
    """The generated JS, run by Node with a stand-in runtime, calls the server and returns its cells."""
    base, token = server
    frame, cells = applicants
    code = httpx.get(base + "/xlwings/custom-functions-code", headers=auth(token)).text
    (tmp_path / "functions.js").write_text(code)
    (tmp_path / "harness.js").write_text(NODE_HARNESS)
    calls = [["BURSARY", [[cells[0], cells[1]], None]], ["LOAN_PLAN", [[[10000]], [[2026]]]],
             ["BURSARY", ["texte"]]]
    (tmp_path / "calls.json").write_text(json.dumps(calls))
    run = subprocess.run(["node", str(tmp_path / "harness.js"), str(tmp_path / "functions.js"),
                          str(tmp_path / "calls.json")], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert "BURSARY_TABLE" in got["ids"]
    assert got["results"][0] == [[int(xladdin.assess(frame.iloc[[0]])["bursary"].iloc[0])]]
    assert got["results"][1][1] == [2028, 1000, 9000]
    assert got["results"][2][0][0].startswith("#XLADDIN! dossier illisible")
    # a wrong token: the bridge answers a readable cell, not an exception
    (tmp_path / "functions.js").write_text(code.replace(json.dumps(token), '"wrong-token"'))
    run = subprocess.run(["node", str(tmp_path / "harness.js"), str(tmp_path / "functions.js"),
                          str(tmp_path / "calls.json")], capture_output=True, text=True, timeout=60)
    assert json.loads(run.stdout)["results"][0][0][0].startswith("#XLADDIN! serveur xladdin : 401")
