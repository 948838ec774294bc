"""xlwings Server for xladdin: Excel on the web, Mac and Windows call the UDFs without Python on each desk.

``create_app(token)`` is a FastAPI app with xlwings' three custom-function endpoints, fed by
:mod:`xladdin.excel.udfs` through xlwings' own dispatch (``xlwings.server.custom_functions_meta`` and
``custom_functions_call``):

* ``GET  /xlwings/custom-functions-meta`` — the functions, their French descriptions and arguments (JSON);
* ``GET  /xlwings/custom-functions-code`` — the JavaScript that registers them in Excel and posts each call;
* ``POST /xlwings/custom-functions-call`` — one call: ``{"func_name", "args", ...}`` → ``{"result": cells}``;

plus the Office add-in manifest (``/manifest.xml``), the task pane (``/taskpane``) and its icons.

Every request needs the bearer token (``Authorization: Bearer <token>``, or ``?token=`` in the URLs Excel
fetches itself, which the manifest carries), compared in constant time; bodies are limited in size. The JS
bridge is generated here: the xlwings wheel does not ship the ``custom_functions_code.js`` that
``xlwings.server.custom_functions_code`` reads.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import struct
import uuid
import zlib
from functools import lru_cache
from html import escape as html_escape
from pathlib import Path
from string import Template
from urllib.parse import parse_qs, quote
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..errors import XladdinError
from . import convert

STATIC = Path(__file__).parent / "static"
MIN_TOKEN_LENGTH = 16
DEFAULT_MAX_BODY = 64 * 1024 * 1024        # 10 000 × 80 cells of JSON are about 8 MB
NAMESPACE = "XLADDIN"
CALL_PATH = "/xlwings/custom-functions-call"
log = logging.getLogger(__name__)


# --- guard: token and body size -----------------------------------------------------------------------------

UNAUTHORISED = "jeton d'accès manquant ou invalide / missing or invalid access token"


class _TooLarge(Exception):
    pass


class Guard:
    """ASGI middleware: a valid bearer token on every request (401 otherwise), and a body size limit (413)."""

    def __init__(self, app, token: str, max_body: int = DEFAULT_MAX_BODY):
        self.app = app
        self.token = token.encode()
        self.max_body = max_body

    def _authorised(self, scope) -> bool:
        given = b""
        for name, value in scope.get("headers", ()):
            if name == b"authorization" and value[:7].lower() == b"bearer ":
                given = value[7:].strip()
                break
        if not given:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            given = (query.get("token") or [""])[0].encode("latin-1", "replace")
        return hmac.compare_digest(given, self.token)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if not self._authorised(scope):
            return await _plain(send, 401, UNAUTHORISED, [(b"www-authenticate", b'Bearer realm="xladdin"')])
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_body:
                return await _plain(send, 413, _too_large_text(self.max_body))
        total = 0

        async def limited():
            nonlocal total
            message = await receive()
            if message["type"] == "http.request":
                total += len(message.get("body", b""))
                if total > self.max_body:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await _plain(send, 413, _too_large_text(self.max_body))


def _too_large_text(limit: int) -> str:
    return f"requête trop volumineuse (limite {limit // (1024 * 1024)} Mo) : découpez le tableau"


async def _plain(send, status: int, text: str, headers=()):
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


# --- the UDF module and xlwings' dispatch -------------------------------------------------------------------

def _udfs():
    from . import udfs

    return udfs


def function_names(module) -> set[str]:
    """The Python names of the module's UDFs: the only names a call may ask for."""
    return {name for name, value in vars(module).items() if hasattr(value, "__xlfunc__")}


def dispatch(data: dict, module=None) -> object:
    """One call through ``xlwings.server.custom_functions_call`` in its own event loop (run in a thread)."""
    import xlwings.server

    module = module or _udfs()
    return asyncio.run(xlwings.server.custom_functions_call(data, module))


def _call_payload(body: bytes, names: set[str]) -> dict:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ValueError("corps JSON illisible / unreadable JSON body") from None
    if not isinstance(data, dict) or not isinstance(data.get("args"), list):
        raise ValueError("attendu {\"func_name\": ..., \"args\": [...]} / expected func_name and args")
    if data.get("func_name") not in names:
        raise ValueError(f"fonction inconnue / unknown function: {str(data.get('func_name'))[:60]}")
    import xlwings

    data.setdefault("version", xlwings.__version__)
    data.setdefault("client", "Office.js")
    data.setdefault("runtime", "1.1")
    data.setdefault("caller_address", None)
    return data


def answer(body: bytes, names: set[str], module) -> tuple[int, bytes, str]:
    """One custom-function call, from the request body to the response (status, bytes, media type)."""
    try:
        data = _call_payload(body, names)
    except ValueError as exc:
        return 400, str(exc).encode(), "text/plain; charset=utf-8"
    log.info("xladdin: %s", data["func_name"])
    try:
        result = dispatch(data, module)
    except Exception as exc:  # arguments xlwings itself could not pass on: the cell still gets a message
        log.exception("xlwings dispatch of %s failed", data["func_name"])
        result = [[convert.message(exc)]]
    return 200, _json(result), "application/json"


def _json(result) -> bytes:
    try:
        text = json.dumps({"result": result}, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return text.encode()
    except (TypeError, ValueError) as exc:  # a value JSON cannot carry: say so in the cell
        return json.dumps({"result": [[convert.message(exc)]]}, ensure_ascii=False).encode()


# --- generated resources ------------------------------------------------------------------------------------

def functions_code(meta: dict, call_url: str, token: str) -> str:
    """The custom-functions JavaScript: one ``CustomFunctions.associate`` per function of ``meta``."""
    import xlwings

    lines = []
    for f in meta["functions"]:
        python_name = f["id"].lower()
        lines.append(f"  CustomFunctions.associate({json.dumps(f['id'])}, function () {{ "
                     f"return call({json.dumps(python_name)}, arguments); }});")
    return Template((STATIC / "functions.js").read_text(encoding="utf-8")).substitute(
        call_url=json.dumps(call_url), token=json.dumps(token), call_path=CALL_PATH,
        xlwings_version=json.dumps(xlwings.__version__), associations="\n".join(lines))


def manifest(base_url: str, token: str, namespace: str = NAMESPACE) -> str:
    """The Office add-in manifest (XML) pointing Excel at this server; the token rides in the URLs."""
    base_url = base_url.rstrip("/")
    q = "?token=" + quote(token, safe="")

    def url(path: str) -> str:
        return quoteattr(base_url + path + q)

    version = ".".join((__version__.split(".") + ["0", "0", "0", "0"])[:4])
    return Template((STATIC / "manifest.xml").read_text(encoding="utf-8")).substitute(
        manifest_id=str(uuid.uuid5(uuid.NAMESPACE_URL, "xladdin:" + base_url)), version=version,
        base_url=xml_escape(base_url), icon_16=url("/icons/16.png"), icon_32=url("/icons/32.png"),
        icon_80=url("/icons/80.png"), support_url=quoteattr(base_url + "/taskpane"),
        taskpane_url=url("/taskpane"), code_url=url("/xlwings/custom-functions-code"),
        meta_url=url("/xlwings/custom-functions-meta"), namespace=xml_escape(namespace))


def taskpane(meta: dict, token: str, namespace: str = NAMESPACE) -> str:
    items = []
    for f in meta["functions"]:
        args = "; ".join(p["name"] if not p.get("optional") else f"[{p['name']}]" for p in f["parameters"])
        items.append(f"    <dt>{html_escape(namespace)}.{html_escape(f['name'])}({html_escape(args)})</dt>\n"
                     f"    <dd>{html_escape(f['description'])}</dd>")
    return Template((STATIC / "taskpane.html").read_text(encoding="utf-8")).substitute(
        code_url=html_escape("/xlwings/custom-functions-code?token=" + quote(token, safe="")),
        version=html_escape(__version__), namespace=html_escape(namespace), functions="\n".join(items))


@lru_cache(maxsize=4)
def icon(size: int) -> bytes:
    """A plain square PNG (the add-in's button): dark teal with a light border."""
    dark, light = b"\x00\x5f\x73", b"\xe9\xf5\xf7"
    rows = []
    for y in range(size):
        edge_row = y < max(1, size // 8) or y >= size - max(1, size // 8)
        row = b"".join(light if edge_row or x < max(1, size // 8) or x >= size - max(1, size // 8) else dark
                       for x in range(size))
        rows.append(b"\x00" + row)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows)))
            + chunk(b"IEND", b""))


# --- the app ------------------------------------------------------------------------------------------------

def create_app(token: str | None, *, max_body: int = DEFAULT_MAX_BODY, public_url: str | None = None,
               namespace: str = NAMESPACE):
    """The FastAPI app of ``xladdin serve``; refuses to exist without a token of at least 16 characters."""
    if not token or len(token) < MIN_TOKEN_LENGTH:
        raise XladdinError("serve_token", min=MIN_TOKEN_LENGTH)
    import xlwings.server

    module = _udfs()
    names = function_names(module)
    meta = xlwings.server.custom_functions_meta(module)
    app = FastAPI(title="xladdin", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(Guard, token=token, max_body=max_body)

    def base(request: Request) -> str:
        return (public_url or str(request.base_url)).rstrip("/")

    @app.get("/xlwings/custom-functions-meta")
    async def custom_functions_meta():
        return meta

    @app.get("/xlwings/custom-functions-code")
    async def custom_functions_code(request: Request):
        return Response(functions_code(meta, base(request) + CALL_PATH, token), media_type="text/javascript")

    @app.post(CALL_PATH)
    async def custom_functions_call(request: Request):
        body = await request.body()
        # parsing (a 10 000-row range is 4 MB of JSON, ~0.1 s), the call and the JSON of its result all run in a
        # worker thread: the event loop only moves bytes, so a large or slow call never holds up the others
        status, content, media_type = await run_in_threadpool(answer, body, names, module)
        return Response(content, status_code=status, media_type=media_type)

    @app.get("/manifest.xml")
    async def manifest_xml(request: Request):
        return Response(manifest(base(request), token, namespace), media_type="application/xml")

    @app.get("/taskpane")
    async def taskpane_html():
        return HTMLResponse(taskpane(meta, token, namespace))

    @app.get("/icons/{size}.png")
    async def icon_png(size: int):
        if size not in (16, 32, 64, 80):
            return Response("taille inconnue", status_code=404)
        return Response(icon(size), media_type="image/png")

    return app
