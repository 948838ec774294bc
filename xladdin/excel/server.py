"""xlwings Server for xladdin: Excel on the web, Mac and Windows call the UDFs without Python on each desk.

``create_app(token)`` is a FastAPI app with xlwings' three custom-function endpoints, fed by
:mod:`xladdin.excel.udfs` through xlwings' own dispatch (``xlwings.server.custom_functions_meta`` and
``custom_functions_call``):

* ``GET  /xlwings/custom-functions-meta`` — the functions, their French descriptions and arguments (JSON);
* ``GET  /xlwings/custom-functions-code`` — the JavaScript that registers them in Excel and posts each call;
* ``POST /xlwings/custom-functions-call`` — one call: ``{"func_name", "args", ...}`` → ``{"result": cells}``;
* ``POST /xlwings/custom-functions-batch`` — the calls of one function Excel made in the same moment, evaluated
  together (:mod:`xladdin.excel.batch`): ``{"func_name", "calls": [args, ...], "caller_addresses": [...], ...}`` →
  ``{"results": [cells, ...]}``;

plus the Office add-in manifest (``/manifest.xml``), the task pane (``/taskpane``) and its icons.

Every request needs the access token, compared in constant time. The call endpoint takes it only in the
``Authorization: Bearer <token>`` header (never in a URL, where proxies log it); the resources Excel fetches by
itself from the manifest's URLs (manifest, task pane, functions' metadata and code, icons) also open with a
read-only key derived from the token (``?key=``), which cannot call a function. Generated URLs start from the
configured public URL, or the address the socket listens on: never from the request's ``Host`` header.

A call's body is limited in size (by default 80 bytes per cell of ``XLADDIN_MAX_CELLS``), scanned as it streams
in (:mod:`xladdin.excel.bodyscan`: cells, depth, string length) and refused past a limit before it is parsed;
large calls in flight share a byte budget (beyond it: 503 with ``Retry-After``). uvicorn runs with a header
timeout (a connection that does not finish its request line and headers in time is closed), a body idle timeout
and a keep-alive timeout (:func:`uvicorn_options`). The JS bridge is generated here: the xlwings wheel does not
ship the ``custom_functions_code.js`` that ``xlwings.server.custom_functions_code`` reads.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
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
from urllib.parse import parse_qs, quote, urlsplit
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import h11
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect
from uvicorn.protocols.http.h11_impl import H11Protocol

from .. import __version__
from ..errors import XladdinError
from ..io.limits import count
from . import batch, convert
from .bodyscan import BodyRefused, BodyScan

STATIC = Path(__file__).parent / "static"
MIN_TOKEN_LENGTH = 16
BYTES_PER_CELL = 80                        # a cell of JSON is a few bytes; a text cell rarely above 80
DEFAULT_MAX_BODY = convert.MAX_CELLS * BYTES_PER_CELL   # 800 000 cells: 64 000 000 bytes
LARGE_BODY = 1024 * 1024                   # bodies from 1 MiB up share the in-flight budget
MAX_DEPTH = 32                             # {"args": [[[{entity}]]]} is 5 deep
MAX_STRING = 256 * 1024                    # a cell holds 32 767 characters, 6 bytes each when \u-escaped
NAMESPACE = "XLADDIN"
CALL_PATH = "/xlwings/custom-functions-call"
BATCH_PATH = batch.BATCH_PATH
HEADER_TIMEOUT = 10.0                      # seconds to send the request line and headers
IDLE_TIMEOUT = 30.0                        # seconds of silence while a body arrives
KEEP_ALIVE = 5.0                           # seconds an idle connection stays open between requests
MAX_HEADER_BYTES = 16 * 1024
BATCH_DELAY_MS = 10                        # the bridge gathers the calls of this many milliseconds into one request
RETRY_AFTER = 5                            # seconds, in a 503's Retry-After
log = logging.getLogger(__name__)


# --- guard: token and body size -----------------------------------------------------------------------------

UNAUTHORISED = "jeton d'accès manquant ou invalide / missing or invalid access token"
TOKEN_IN_URL = ("le jeton d'accès ne se passe pas dans l'URL : en-tête Authorization: Bearer <jeton> / the access "
                "token is not accepted in a URL: use the Authorization: Bearer <token> header")


def read_only_key(token: str) -> str:
    """The key of the manifest's URLs: derived from the token (HMAC-SHA-256), opens the resources Excel fetches
    itself, never the call endpoint. Changing the token changes it."""
    digest = hmac.new(token.encode(), b"xladdin read-only manifest key", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


class _TooLarge(Exception):
    pass


class Guard:
    """ASGI middleware: a valid token on every request (401 otherwise), and a body size limit (413).

    The call endpoint takes the token only in the ``Authorization`` header; the other (read-only) resources also
    take :func:`read_only_key` as ``?key=``. A ``?token=`` in any URL is refused."""

    def __init__(self, app, token: str, max_body: int = DEFAULT_MAX_BODY):
        self.app = app
        self.token = token.encode()
        self.key = read_only_key(token).encode()
        self.max_body = max_body

    def _authorised(self, scope) -> bool:
        for name, value in scope.get("headers", ()):
            if name == b"authorization" and value[:7].lower() == b"bearer ":
                return hmac.compare_digest(value[7:].strip(), self.token)
        if scope.get("path") in (CALL_PATH, BATCH_PATH):
            return False
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = (query.get("key") or [""])[0].encode("latin-1", "replace")
        return bool(given) and hmac.compare_digest(given, self.key)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if b"token=" in scope.get("query_string", b""):
            if "token" in parse_qs(scope["query_string"].decode("latin-1"), keep_blank_values=True):
                return await _plain(send, 401, TOKEN_IN_URL, [(b"www-authenticate", b'Bearer realm="xladdin"')])
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


class Budget:
    """Bytes of large bodies in flight (a semaphore by body size): a call that does not fit now is answered 503
    rather than queued, so memory stays bounded whatever the number of callers. Small bodies are not counted."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.used = 0

    def take(self, size: int) -> bool:
        if size < LARGE_BODY:
            return True
        if self.used + size > self.capacity:
            return False
        self.used += size
        return True

    def give(self, size: int) -> None:
        if size >= LARGE_BODY:
            self.used -= size


def _refusal(exc: BodyRefused, max_cells: int) -> tuple[int, str]:
    if exc.what == "cells":
        text = XladdinError("excel_too_many_cells", cells=f"plus de {count(max_cells)}", limit=count(max_cells))
        return 413, f"{text.text('fr')} / {text.text('en')}"
    if exc.what == "depth":
        return 400, f"JSON imbriqué sur plus de {MAX_DEPTH} niveaux / JSON nested deeper than {MAX_DEPTH} levels"
    return 413, f"texte de plus de {count(MAX_STRING)} octets dans une cellule / text of more than " \
                f"{count(MAX_STRING)} bytes in a cell"


async def read_body(request: Request, max_cells: int, idle_timeout: float) -> bytearray:
    """The request's body, scanned as it arrives (raises :class:`BodyRefused`, or ``TimeoutError`` after
    ``idle_timeout`` seconds without a byte); not copied once complete (``json.loads`` reads a bytearray)."""
    scan = BodyScan(max_cells + 64, MAX_DEPTH, MAX_STRING)     # + the call's own keys and values
    body = bytearray()
    chunks = request.stream().__aiter__()
    while True:
        try:
            chunk = await asyncio.wait_for(chunks.__anext__(), idle_timeout)
        except StopAsyncIteration:
            return body
        if chunk:
            scan.feed(chunk)
            body += chunk


# --- uvicorn: header, idle and keep-alive timeouts ----------------------------------------------------------

class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request line and headers are not complete within
    ``header_timeout`` seconds of its first byte (or of its opening): uvicorn itself only times out idle
    keep-alive connections, so a client sending headers a byte at a time would hold a connection forever."""

    header_timeout = HEADER_TIMEOUT

    def connection_made(self, transport):
        super().connection_made(transport)
        self._header_timer = None
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._arm()                          # a request has begun (or bytes of one arrived): headers pending
        else:
            self._disarm()

    def connection_lost(self, exc):
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout, self._expired)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _expired(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            log.warning("xladdin: connexion fermée, en-têtes incomplets après %s s", self.header_timeout)
            self.transport.close()


def uvicorn_options(header_timeout: float = HEADER_TIMEOUT, keep_alive: float = KEEP_ALIVE) -> dict:
    """The settings ``xladdin serve`` passes to uvicorn: the h11 protocol with its header timeout, the keep-alive
    timeout and the largest request head h11 buffers."""
    protocol = type("XladdinH11Protocol", (HeaderTimeoutProtocol,), {"header_timeout": header_timeout})
    return {"http": protocol, "timeout_keep_alive": keep_alive, "h11_max_incomplete_event_size": MAX_HEADER_BYTES}


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


def _parse_json(body: bytes | bytearray):
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ValueError("corps JSON illisible / unreadable JSON body") from None
    except RecursionError:                       # the scan refuses deep bodies first; this is the last guard
        raise ValueError(f"JSON imbriqué sur plus de {MAX_DEPTH} niveaux / JSON nested too deep") from None


def _call_payload(body: bytes | bytearray, names: set[str]) -> dict:
    return checked_call(_parse_json(body), names)


def checked_call(data, names: set[str]) -> dict:
    """A call's JSON object checked (``func_name`` one of ``names``, ``args`` a list, texts where texts go) and
    completed with xlwings' defaults; ValueError with the reason otherwise."""
    if not isinstance(data, dict) or not isinstance(data.get("args"), list) or \
            not isinstance(data.get("func_name"), str):
        raise ValueError("attendu {\"func_name\": \"nom\", \"args\": [...]} / expected a func_name text and an "
                         "args list")
    for key in ("caller_address", "version", "client", "runtime"):
        if not isinstance(data.get(key), (str, type(None))):
            raise ValueError(f"« {key} » doit être un texte / '{key}' must be a text")
    if data["func_name"] not in names:
        raise ValueError(f"fonction inconnue / unknown function: {data['func_name'][:60]}")
    import xlwings

    for key, default in (("version", xlwings.__version__), ("client", "Office.js"), ("runtime", "1.1")):
        if data.get(key) is None:
            data[key] = default
    data.setdefault("caller_address", None)
    return data


def answer(body: bytes | bytearray, names: set[str], module) -> tuple[int, bytes, str]:
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
    return b'{"result":' + cells_json(result) + b"}"


def cells_json(result) -> bytes:
    """One call's cells as JSON; a value JSON cannot carry becomes the message in the cell."""
    try:
        return json.dumps(result, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
    except (TypeError, ValueError) as exc:  # a value JSON cannot carry: say so in the cell
        return json.dumps([[convert.message(exc)]], ensure_ascii=False).encode()


# --- generated resources ------------------------------------------------------------------------------------

def functions_code(meta: dict, base_url: str, token: str, max_cells: int | None = None) -> str:
    """The custom-functions JavaScript: one ``CustomFunctions.associate`` per function of ``meta``; calls of one
    function made in the same moment go to ``base_url`` + :data:`BATCH_PATH` together, a quarter of
    ``max_cells`` argument cells at most per request."""
    import xlwings

    lines = []
    for f in meta["functions"]:
        python_name = f["id"].lower()
        lines.append(f"  CustomFunctions.associate({json.dumps(f['id'])}, function () {{ "
                     f"return call({json.dumps(python_name)}, arguments); }});")
    return Template((STATIC / "functions.js").read_text(encoding="utf-8")).substitute(
        batch_url=json.dumps(base_url + BATCH_PATH), token=json.dumps(token),
        batch_cells=json.dumps(max(1, (max_cells or convert.MAX_CELLS) // 4)), batch_delay=BATCH_DELAY_MS,
        xlwings_version=json.dumps(xlwings.__version__), associations="\n".join(lines))


def manifest(base_url: str, token: str, namespace: str = NAMESPACE) -> str:
    """The Office add-in manifest (XML) pointing Excel at this server. Excel fetches its URLs without headers:
    they carry the read-only key (:func:`read_only_key`), never the token."""
    base_url = base_url.rstrip("/")
    q = "?key=" + quote(read_only_key(token), safe="")

    def url(path: str) -> str:
        return quoteattr(base_url + path + q)

    version = ".".join((__version__.split(".") + ["0", "0", "0", "0"])[:4])
    return Template((STATIC / "manifest.xml").read_text(encoding="utf-8")).substitute(
        manifest_id=str(uuid.uuid5(uuid.NAMESPACE_URL, "xladdin:" + base_url)), version=version,
        base_url=xml_escape(base_url), icon_16=url("/icons/16.png"), icon_32=url("/icons/32.png"),
        icon_80=url("/icons/80.png"), support_url=quoteattr(base_url + "/taskpane"),
        taskpane_url=url("/taskpane"), code_url=url("/xlwings/custom-functions-code"),
        meta_url=url("/xlwings/custom-functions-meta"), namespace=xml_escape(namespace))


def taskpane(meta: dict, base_url: str, token: str, namespace: str = NAMESPACE) -> str:
    items = []
    for f in meta["functions"]:
        args = "; ".join(p["name"] if not p.get("optional") else f"[{p['name']}]" for p in f["parameters"])
        items.append(f"    <dt>{html_escape(namespace)}.{html_escape(f['name'])}({html_escape(args)})</dt>\n"
                     f"    <dd>{html_escape(f['description'])}</dd>")
    return Template((STATIC / "taskpane.html").read_text(encoding="utf-8")).substitute(
        code_url=html_escape(base_url.rstrip("/") + "/xlwings/custom-functions-code?key="
                             + quote(read_only_key(token), safe="")),
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

def public_base(url: str) -> str:
    """``--public-url`` checked: an http(s) address with a host, no user, query or fragment; without the final /."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password or \
            parts.query or parts.fragment:
        raise XladdinError("serve_public_url", url=url)
    return url.strip().rstrip("/")


def create_app(token: str | None, *, max_body: int | None = None, public_url: str | None = None,
               namespace: str = NAMESPACE, max_inflight: int | None = None, idle_timeout: float = IDLE_TIMEOUT,
               max_cells: int | None = None):
    """The FastAPI app of ``xladdin serve``; refuses to exist without a token of at least 16 characters.

    ``max_body`` defaults to :data:`BYTES_PER_CELL` bytes per cell of ``max_cells`` (``XLADDIN_MAX_CELLS``);
    ``max_inflight`` (bytes of large bodies at once) to twice ``max_body``. Without ``public_url``, generated URLs
    use the address the connection was accepted on (the socket's, not the ``Host`` header)."""
    if not token or len(token) < MIN_TOKEN_LENGTH:
        raise XladdinError("serve_token", min=MIN_TOKEN_LENGTH)
    import xlwings.server

    max_cells = max_cells or convert.MAX_CELLS
    max_body = max_body or max_cells * BYTES_PER_CELL
    budget = Budget(max_inflight or 2 * max_body)
    public_url = public_base(public_url) if public_url else None
    module = _udfs()
    names = function_names(module)
    batch.no_pyodide()                           # xlwings' per-argument Pyodide lookup, settled once
    meta = xlwings.server.custom_functions_meta(module)
    app = FastAPI(title="xladdin", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(Guard, token=token, max_body=max_body)
    app.state.budget = budget

    def base(request: Request) -> str:
        if public_url:
            return public_url
        host, port = request.scope.get("server") or ("localhost", None)      # None: a unix socket
        host = f"[{host}]" if ":" in host else host
        return f"{request.scope['scheme']}://{host}" + (f":{port}" if port else "")

    @app.get("/xlwings/custom-functions-meta")
    async def custom_functions_meta():
        return meta

    @app.get("/xlwings/custom-functions-code")
    async def custom_functions_code(request: Request):
        return Response(functions_code(meta, base(request), token, max_cells=max_cells),
                        media_type="text/javascript")

    @app.post(CALL_PATH)
    async def custom_functions_call(request: Request):
        return await guarded(request, answer)

    @app.post(BATCH_PATH)
    async def custom_functions_batch(request: Request):
        return await guarded(request, batch.answer)

    async def guarded(request: Request, respond):
        """A call's body under the byte budget and the scan's limits, answered by ``respond`` in a thread."""
        length = request.headers.get("content-length", "")
        size = int(length) if length.isdigit() else max_body
        if not budget.take(size):
            return Response("serveur occupé par de grands tableaux : réessayez dans quelques secondes / server busy "
                            "with large tables: retry in a few seconds", status_code=503,
                            headers={"Retry-After": str(RETRY_AFTER)}, media_type="text/plain; charset=utf-8")
        try:
            try:
                body = await read_body(request, max_cells, idle_timeout)
            except BodyRefused as exc:
                status, text = _refusal(exc, max_cells)
                log.warning("xladdin: appel refusé (%s : %s)", exc.what, exc.found)
                return Response(text, status_code=status, media_type="text/plain; charset=utf-8")
            except TimeoutError:
                return Response(f"corps de requête interrompu plus de {idle_timeout:g} s / request body stalled",
                                status_code=408, headers={"Connection": "close"},
                                media_type="text/plain; charset=utf-8")
            except ClientDisconnect:
                return Response(status_code=400)
            # parsing (a 10 000-row range is 4 MB of JSON, ~0.1 s), the call and the JSON of its result all run
            # in a worker thread: the event loop only moves bytes, so a large or slow call never holds up the
            # others
            status, content, media_type = await run_in_threadpool(respond, body, names, module)
            del body
            return Response(content, status_code=status, media_type=media_type)
        finally:
            budget.give(size)

    @app.get("/manifest.xml")
    async def manifest_xml(request: Request):
        return Response(manifest(base(request), token, namespace), media_type="application/xml")

    @app.get("/taskpane")
    async def taskpane_html(request: Request):
        return HTMLResponse(taskpane(meta, base(request), token, namespace))

    @app.get("/icons/{size}.png")
    async def icon_png(size: int):
        if size not in (16, 32, 64, 80):
            return Response("taille inconnue", status_code=404)
        return Response(icon(size), media_type="image/png")

    return app
