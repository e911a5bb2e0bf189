"""The simulator's HTTP face: a Starlette app speaking the FMD REST protocol (docs/hub-protocol.md),
the US VRS Lightweight Messaging 1.3 verify endpoint and the loopback-only ``/_admin`` endpoints.

All pack decisions happen in :mod:`.rules` through :mod:`.repository`; this module only parses
requests, applies the configured faults (latency, outage, rate limit, random errors), checks tokens
and writes replies with a ``Server-Timing`` header carrying the hub's own processing time.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import datetime as dt
import ipaddress
import json
import math
import random
import secrets
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dispense_app.core.model import EntryMode, PackState, ProductScheme, ReturnCode, Transaction

from .openapi import openapi_document
from .repository import PackItem, PackRepository, product_json
from .seed import CSET82, SeedError, packs_from_rows

MAX_BULK = 10_000
ENTRY_MODE_HEADER = "x-data-entry-mode"
LOCATION_HEADER = "x-location-id"
TRX_HEADER = "x-client-trx-id"

Handler = Callable[[Request, "SimulatorState"], Awaitable[Response]]


class _AnyPath(Convertor[str]):
    """Like Starlette's ``path`` but also across newlines: a decoded path may hold a "\n" (%0A)
    from a mistyped serial, and such a request must get a 422 from us, not a routing 404."""

    regex = r"[\s\S]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("anypath", _AnyPath())


@dataclass
class Faults:
    """Injected misbehaviour, set through ``POST /_admin/faults``."""

    latency_ms: float = 0.0
    error_rate: float = 0.0
    outage: bool = False
    rate_limit_per_s: float = 0.0
    #: answer the next N state-changing requests with 502 *after* carrying them out (a lost answer)
    drop_responses: int = 0


@dataclass(frozen=True)
class AuthConfig:
    """OAuth2 client credentials the simulator accepts. Without it the API is open (training mode)."""

    client_id: str
    client_secret: str
    token_ttl_s: int = 3600


@dataclass
class SimulatorState:
    repo: PackRepository
    faults: Faults = field(default_factory=Faults)
    auth: AuthConfig | None = None
    responder_gln: str = "4012345000009"
    clock_offset: dt.timedelta = dt.timedelta(0)
    requests: int = 0
    in_flight: int = 0
    tokens: dict[str, tuple[str, dt.datetime]] = field(default_factory=dict)
    _recent: deque[float] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _rng: random.Random = field(default_factory=random.Random)

    def now(self) -> dt.datetime:
        """The simulator's clock: real UTC time moved by ``POST /_admin/clock``."""
        return dt.datetime.now(dt.UTC) + self.clock_offset

    def count_request(self) -> None:
        with self._lock:
            self.requests += 1

    def enter(self) -> None:
        with self._lock:
            self.in_flight += 1

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def rate_limited(self) -> float | None:
        """Sliding one-second window: None when the request may pass, else seconds until it could."""
        limit = self.faults.rate_limit_per_s
        if limit <= 0:
            return None
        now = time.monotonic()
        with self._lock:
            recent = self._recent
            while recent and now - recent[0] >= 1.0:
                recent.popleft()
            if len(recent) < limit:
                recent.append(now)
                return None
            return 1.0 - (now - recent[0])

    def take_dropped_response(self) -> bool:
        """True (and one less to drop) when this state change's answer is to be lost."""
        with self._lock:
            if self.faults.drop_responses <= 0:
                return False
            self.faults.drop_responses -= 1
            return True

    def random_error(self) -> bool:
        rate = self.faults.error_rate
        return rate > 0 and self._rng.random() < rate

    def issue_token(self, client_id: str) -> tuple[str, int]:
        assert self.auth is not None
        token = secrets.token_urlsafe(32)
        expires = self.now() + dt.timedelta(seconds=self.auth.token_ttl_s)
        with self._lock:
            self.tokens[token] = (client_id, expires)
        return token, self.auth.token_ttl_s

    def token_status(self, request: Request) -> tuple[str, str]:
        """("ok"|"missing"|"invalid"|"expired", client id)."""
        if self.auth is None:
            return "ok", "anonymous"
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return "missing", ""
        with self._lock:
            entry = self.tokens.get(token.strip())
        if entry is None:
            return "invalid", ""
        if entry[1] <= self.now():
            return "expired", entry[0]
        return "ok", entry[0]


# --- helpers -------------------------------------------------------------------------------------


def _problem(status: int, error: str, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "detail": detail}, status_code=status, headers=headers)


class BadInput(ValueError):
    pass


def _is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback
    return ip.is_loopback


def _timed(handler: Handler, *, api: bool, public: bool = False) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a handler: faults (API only), request counting, the loopback check for admin endpoints.

    ``api``: a hub endpoint (counted, subject to faults); else an admin endpoint (loopback only)
    unless ``public`` (the OpenAPI document)."""

    async def endpoint(request: Request) -> Response:
        sim: SimulatorState = request.app.state.sim
        sim.enter()
        try:
            return await _handle(request, sim, handler, api=api, public=public)
        finally:
            sim.leave()

    return endpoint


class ServerTiming:
    """ASGI middleware: ``Server-Timing: app;dur=<ms>`` from the moment the application gets the
    request (routing included) to the moment the response starts."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                elapsed = (time.perf_counter() - started) * 1000
                MutableHeaders(scope=message).append("Server-Timing", f"app;dur={elapsed:.3f}")
            await send(message)

        await self.app(scope, receive, timed_send)


async def _handle(request: Request, sim: SimulatorState, handler: Handler, *, api: bool, public: bool) -> Response:
    """Faults first (API endpoints), the loopback check (admin endpoints), then the handler."""
    if api:
        sim.count_request()
        if sim.faults.outage:
            return _problem(503, "outage", "the hub is down for maintenance", {"Retry-After": "30"})
        if sim.faults.latency_ms > 0:
            # the whole request has arrived before the hub is slow: read it first, so a client
            # that gives up meanwhile still leaves a request the hub carries out
            await request.body()
            await asyncio.sleep(sim.faults.latency_ms / 1000)
        wait = sim.rate_limited()
        if wait is not None:
            retry_after = str(max(1, math.ceil(wait)))
            return _problem(429, "rate_limited", "too many requests", {"Retry-After": retry_after})
        if sim.random_error():
            return _problem(500, "internal_error", "injected fault")
    elif not public and not _is_loopback(request):
        return _problem(403, "forbidden", "admin endpoints answer loopback clients only")
    try:
        return await handler(request, sim)
    except BadInput as exc:
        return _problem(422, "invalid_request", str(exc))


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        raise BadInput("the body is not valid JSON") from None


def _auth_failure(sim: SimulatorState, request: Request) -> tuple[Response | None, str]:
    status, client_id = sim.token_status(request)
    if status == "ok":
        return None, client_id
    detail = {"missing": "a bearer token is required", "invalid": "unknown token", "expired": "token expired"}[status]
    return (
        _problem(
            401,
            "invalid_token",
            detail,
            {"WWW-Authenticate": f'Bearer error="invalid_token", error_description="{detail}"'},
        ),
        "",
    )


def _entry_mode(request: Request) -> EntryMode:
    value = request.headers.get(ENTRY_MODE_HEADER)
    if value is None:
        raise BadInput(f"header {ENTRY_MODE_HEADER} (scan|manual|camera) is required")
    try:
        return EntryMode(value.strip().lower())
    except ValueError:
        raise BadInput(f"header {ENTRY_MODE_HEADER} must be scan, manual or camera") from None


def _check_text(name: str, value: str, max_len: int) -> str:
    if not (1 <= len(value) <= max_len) or not CSET82.fullmatch(value):
        raise BadInput(f"{name} must be 1-{max_len} characters of GS1 character set 82")
    return value


def _parse_expiry(value: str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if len(value) != 10:  # fromisoformat would also take other ISO forms (20310131, 2031-W05-1)
        raise BadInput("expiry must be YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadInput("expiry must be YYYY-MM-DD") from None


def _parse_scheme(value: str) -> ProductScheme:
    try:
        return ProductScheme(value.upper())
    except ValueError:
        raise BadInput("scheme must be GTIN or PPN") from None


def _pack_item(
    transaction: Transaction,
    scheme: str,
    code: str,
    serial: str,
    lot: str | None,
    expiry: str | None,
    *,
    trx_id: str | None,
    location: str | None,
    entry_mode: EntryMode,
) -> PackItem:
    sch = _parse_scheme(scheme)
    if not (1 <= len(code) <= 50) or not code.isascii() or not code.isalnum():
        raise BadInput("product code must be 1-50 ASCII letters or digits")
    _check_text("serial", serial, 20)
    if lot is not None:
        _check_text("batch", lot, 20)
    if trx_id is not None and not _printable_ascii(trx_id):
        raise BadInput("client transaction id must be 1-100 printable ASCII characters")
    if location is not None and not _printable_ascii(location):
        raise BadInput("location id must be 1-100 printable ASCII characters")
    return PackItem(
        transaction=transaction,
        scheme=sch,
        code=code,
        serial=serial,
        lot=lot,
        expiry=_parse_expiry(expiry),
        client_trx_id=trx_id,
        location=location,
        entry_mode=entry_mode,
    )


def _printable_ascii(text: str) -> bool:
    return 1 <= len(text) <= 100 and all(" " <= c <= "~" for c in text)


def _raw_segments(request: Request, prefix: str) -> list[str]:
    """Path segments after ``prefix``, percent-decoded one by one (so a serial may hold "/")."""
    raw: bytes = request.scope.get("raw_path") or request.url.path.encode()
    text = raw.decode("latin-1").split("?", 1)[0]
    if not text.startswith(prefix):
        raise BadInput("unexpected path")
    try:
        return [urllib.parse.unquote(s, errors="strict") for s in text[len(prefix) :].split("/")]
    except UnicodeDecodeError:
        raise BadInput("the path is not valid percent-encoded UTF-8") from None


def _transaction_for_patch(body: Any, current: PackState | None, earlier: Transaction | None = None) -> Transaction:
    """The transaction a PATCH asks for. ``{"state": "Active"}`` alone is resolved from the pack's
    state (undo supply / unlock / undo check-out), or, for a retry, from the transaction the same
    client transaction id carried the first time (the pack's state has changed since)."""
    if not isinstance(body, dict):
        raise BadInput('the body must be a JSON object such as {"state": "Supplied"}')
    trx_text = body.get("transaction")
    state_text = body.get("state")
    transaction: Transaction | None = None
    if trx_text is not None:
        try:
            transaction = Transaction(str(trx_text))
        except ValueError:
            raise BadInput(f"unknown transaction {trx_text!r}") from None
        if transaction is Transaction.VERIFY:
            raise BadInput("verify is a GET")
    state: PackState | None = None
    if state_text is not None:
        try:
            state = PackState(str(state_text))
        except ValueError:
            raise BadInput(f"unknown state {state_text!r}") from None
    if transaction is not None:
        if state is not None and transaction.target_state is not state:
            raise BadInput(f"transaction {transaction.value} leads to {transaction.target_state}, not {state.value}")
        return transaction
    if state is None:
        raise BadInput("the body needs a target state")
    if state is PackState.ACTIVE:
        if earlier is not None and earlier.target_state is PackState.ACTIVE:
            return earlier
        return {
            PackState.LOCKED: Transaction.UNLOCK,
            PackState.CHECKED_OUT: Transaction.UNDO_CHECK_OUT,
        }.get(current or PackState.SUPPLIED, Transaction.UNDO_SUPPLY)
    for trx in Transaction:
        if trx.target_state is state and trx is not Transaction.VERIFY:
            return trx
    raise BadInput(f"a pack cannot be set to {state.value} by a request")


def _reply(result_status: int, body: dict[str, Any], replayed: bool) -> JSONResponse:
    headers = {"X-Idempotent-Replay": "true"} if replayed else None
    return JSONResponse(body, status_code=result_status, headers=headers)


# --- FMD REST ------------------------------------------------------------------------------------


async def token_endpoint(request: Request, sim: SimulatorState) -> Response:
    if sim.auth is None:
        return _problem(404, "not_found", "this simulator runs without OAuth2")
    raw = (await request.body()).decode("utf-8", errors="replace")
    form = {k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}
    client_id, client_secret = form.get("client_id"), form.get("client_secret")
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        user, _, password = decoded.partition(":")
        client_id, client_secret = urllib.parse.unquote(user), urllib.parse.unquote(password)
    if form.get("grant_type") != "client_credentials":
        return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
    if not (
        client_id is not None
        and client_secret is not None
        and secrets.compare_digest(client_id.encode(), sim.auth.client_id.encode())
        and secrets.compare_digest(client_secret.encode(), sim.auth.client_secret.encode())
    ):
        return JSONResponse({"error": "invalid_client"}, status_code=401)
    token, ttl = sim.issue_token(client_id)
    return JSONResponse(
        {"access_token": token, "token_type": "Bearer", "expires_in": ttl},
        headers={"Cache-Control": "no-store"},
    )


async def pack_endpoint(request: Request, sim: SimulatorState) -> Response:
    failure, client_id = _auth_failure(sim, request)
    if failure is not None:
        return failure
    segments = _raw_segments(request, "/v1/packs/")
    if len(segments) != 3:
        return _problem(404, "not_found", "use /v1/packs/{scheme}/{product_code}/{serial}")
    scheme, code, serial = segments
    entry_mode = _entry_mode(request)
    location = request.headers.get(LOCATION_HEADER)
    trx_id = request.headers.get(TRX_HEADER)
    lot = request.query_params.get("batch")
    expiry = request.query_params.get("expiry")
    if request.method == "GET":
        item = _pack_item(
            Transaction.VERIFY,
            scheme,
            code,
            serial,
            lot,
            expiry,
            trx_id=trx_id,
            location=location,
            entry_mode=entry_mode,
        )
    else:
        if not trx_id:
            raise BadInput(f"header {TRX_HEADER} is required for a state change")
        if not location:
            raise BadInput(f"header {LOCATION_HEADER} is required for a state change")
        body = await _json_body(request)
        current = None
        gtin = sim.repo.resolve_gtin(_parse_scheme(scheme), code)
        if gtin is not None:
            pack = sim.repo.pack(gtin, serial)
            current = pack.state if pack else None
        earlier = sim.repo.earlier_transaction(client_id, trx_id)
        transaction = _transaction_for_patch(body, current, earlier)
        item = _pack_item(
            transaction, scheme, code, serial, lot, expiry, trx_id=trx_id, location=location, entry_mode=entry_mode
        )
    (result,) = sim.repo.process([item], client_id=client_id, now=sim.now())
    if item.transaction.changes_state and sim.take_dropped_response():
        return _problem(502, "bad_gateway", "injected fault: the change was made but its answer is lost")
    return _reply(result.status, result.body, result.replayed)


async def bulk_endpoint(request: Request, sim: SimulatorState) -> Response:
    failure, client_id = _auth_failure(sim, request)
    if failure is not None:
        return failure
    entry_mode = _entry_mode(request)
    location = request.headers.get(LOCATION_HEADER)
    body = await _json_body(request)
    raw_items = body.get("items") if isinstance(body, dict) else None
    if not isinstance(raw_items, list):
        raise BadInput('the body must be {"items": [...]}')
    if len(raw_items) > MAX_BULK:
        return _problem(413, "too_many_items", f"at most {MAX_BULK} packs per request")
    items: list[PackItem] = []
    for i, raw in enumerate(raw_items):
        if not isinstance(raw, dict):
            raise BadInput(f"item {i} must be an object")
        try:
            transaction = Transaction(str(raw.get("transaction", "")))
        except ValueError:
            raise BadInput(f"item {i}: unknown transaction {raw.get('transaction')!r}") from None
        trx_id = raw.get("client_trx_id")
        if transaction.changes_state and not (isinstance(trx_id, str) and trx_id):
            raise BadInput(f"item {i}: client_trx_id is required for a state change")
        if transaction.changes_state and not location:
            raise BadInput(f"header {LOCATION_HEADER} is required for state changes")
        fields = {k: raw.get(k) for k in ("scheme", "product_code", "serial", "batch", "expiry")}
        for k in ("scheme", "product_code", "serial"):
            if not isinstance(fields[k], str):
                raise BadInput(f"item {i}: {k} is required")
        for k in ("batch", "expiry"):
            if fields[k] is not None and not isinstance(fields[k], str):
                raise BadInput(f"item {i}: {k} must be a string")
        try:
            items.append(
                _pack_item(
                    transaction,
                    str(fields["scheme"]),
                    str(fields["product_code"]),
                    str(fields["serial"]),
                    fields["batch"],
                    fields["expiry"],
                    trx_id=trx_id if isinstance(trx_id, str) else None,
                    location=location,
                    entry_mode=entry_mode,
                )
            )
        except BadInput as exc:
            raise BadInput(f"item {i}: {exc}") from None
    results = sim.repo.process(items, client_id=client_id, now=sim.now())
    if any(i.transaction.changes_state for i in items) and sim.take_dropped_response():
        return _problem(502, "bad_gateway", "injected fault: the changes were made but the answer is lost")
    return JSONResponse(
        {"results": [{"status": r.status, "replayed": r.replayed, **r.body} for r in results]},
    )


async def product_endpoint(request: Request, sim: SimulatorState) -> Response:
    failure, _ = _auth_failure(sim, request)
    if failure is not None:
        return failure
    gtin = request.path_params["gtin"]
    row = sim.repo.product(gtin)
    if row is None:
        return JSONResponse({"return_code": ReturnCode.PRODUCT_UNKNOWN.value, "gtin": gtin}, status_code=404)
    return JSONResponse(product_json(row))


# --- US VRS Lightweight Messaging 1.3 --------------------------------------------------------------

VRS_MISMATCH = {
    (True, False): "No_match_GTIN_Serial_Lot",
    (False, True): "No_match_GTIN_Serial_Expiry",
    (True, True): "No_match_GTIN_Serial_Lot_Expiry",
}


def gs1_date(yymmdd: str, this_year: int) -> dt.date | None:
    """A GS1 YYMMDD date: the sliding century window (-49/+50 years), day 00 = the month's last day."""
    if len(yymmdd) != 6 or not yymmdd.isdigit():
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    year = this_year - this_year % 100 + yy
    if year > this_year + 50:
        year -= 100
    elif year < this_year - 49:
        year += 100
    if not 1 <= mm <= 12:
        return None
    if dd == 0:
        first_next = dt.date(year + mm // 12, mm % 12 + 1, 1)
        return first_next - dt.timedelta(days=1)
    try:
        return dt.date(year, mm, dd)
    except ValueError:
        return None


async def vrs_verify_endpoint(request: Request, sim: SimulatorState) -> Response:
    status, _ = sim.token_status(request)
    if status in ("missing", "invalid"):
        return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    if status == "expired":
        return Response(status_code=403)
    if request.headers.get("gs1us-version") is None:
        return Response(status_code=400)
    segments = _raw_segments(request, "/vrs/verify/")
    if len(segments) != 6 or segments[0] != "gtin" or segments[2] != "lot" or segments[4] != "ser":
        return Response(status_code=404)
    gtin, lot, serial = segments[1], segments[3], segments[5]
    q = request.query_params
    exp = q.get("exp", "")
    corr = q.get("corrUUID", "")
    expiry = gs1_date(exp, sim.now().year) if exp else None
    exp_unreadable = bool(exp) and expiry is None  # never matches: reported as an expiry mismatch
    if sim.repo.product(gtin) is None:
        sim.repo.vrs_answers["404"] += 1
        return Response(status_code=404)
    pack = sim.repo.pack(gtin, serial)
    data: dict[str, Any]
    if pack is None:
        data = {"verified": False, "verificationFailureReason": "No_match_GTIN_Serial"}
    else:
        mismatch = (lot != pack.lot, exp_unreadable or (expiry is not None and expiry != pack.expiry))
        if any(mismatch):
            data = {"verified": False, "verificationFailureReason": VRS_MISMATCH[mismatch]}
        elif pack.state is PackState.STOLEN:
            data = {"verified": False, "verificationFailureReason": "No_reason_provided", "additionalInfo": "Suspect"}
        elif pack.state in (PackState.DESTROYED, PackState.WITHDRAWN, PackState.EXPORTED, PackState.SUPPLIED):
            data = {"verified": False, "verificationFailureReason": "Not_for_re-distribution"}
        else:
            data = {"verified": True}
            if pack.state is PackState.RECALLED:
                data["additionalInfo"] = "Recalled"
            elif pack.state is PackState.EXPIRED or sim.now().date() > pack.expiry:
                data["additionalInfo"] = "Expired"
    sim.repo.vrs_answers["verified" if data["verified"] else data["verificationFailureReason"]] += 1
    return JSONResponse(
        {
            "verificationTimestamp": sim.now().isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "responderGLN": sim.responder_gln,
            "corrUUID": corr,
            "data": data,
        }
    )


# --- admin ---------------------------------------------------------------------------------------


async def admin_pack(request: Request, sim: SimulatorState) -> Response:
    view = sim.repo.pack_view(request.path_params["gtin"], request.path_params["serial"])
    if view is None:
        return _problem(404, "not_found", "no such pack")
    return JSONResponse(view)


async def admin_seed(request: Request, sim: SimulatorState) -> Response:
    body = await _json_body(request)
    if isinstance(body, dict) and isinstance(body.get("packs"), list):
        body = body["packs"]
    if not isinstance(body, list) or not all(isinstance(x, dict) for x in body):
        raise BadInput("the body must be a JSON list of packs")
    try:
        packs = packs_from_rows(body)
    except SeedError as exc:
        raise BadInput(str(exc)) from None
    return JSONResponse({"seeded": sim.repo.seed(packs)})


async def admin_faults(request: Request, sim: SimulatorState) -> Response:
    if request.method == "POST":
        body = await _json_body(request)
        if not isinstance(body, dict):
            raise BadInput("the body must be a JSON object")
        f = sim.faults
        try:
            latency = float(body.get("latency_ms", f.latency_ms) or 0)
            error_rate = float(body.get("error_rate", f.error_rate) or 0)
            rate = float(body.get("rate_limit_per_s", f.rate_limit_per_s) or 0)
            drop = int(body.get("drop_responses", f.drop_responses) or 0)
        except (TypeError, ValueError, OverflowError):
            raise BadInput("latency_ms, error_rate, rate_limit_per_s and drop_responses must be numbers") from None
        outage = body.get("outage", f.outage)
        if not isinstance(outage, bool) or latency < 0 or not 0 <= error_rate <= 1 or rate < 0 or drop < 0:
            raise BadInput("need latency_ms >= 0, 0 <= error_rate <= 1, rate_limit_per_s >= 0, outage bool")
        if latency > 600_000:
            raise BadInput("latency_ms is capped at 600000")
        sim.faults = Faults(
            latency_ms=latency, error_rate=error_rate, outage=outage, rate_limit_per_s=rate, drop_responses=drop
        )
    return JSONResponse(asdict(sim.faults))


async def admin_clock(request: Request, sim: SimulatorState) -> Response:
    if request.method == "POST":
        body = await _json_body(request)
        try:
            hours = float(body["advance_hours"])
        except (TypeError, KeyError, ValueError):
            raise BadInput('the body must be {"advance_hours": N}') from None
        sim.clock_offset += dt.timedelta(hours=hours)
    return JSONResponse(
        {"now": sim.now().isoformat(timespec="seconds"), "offset_hours": sim.clock_offset.total_seconds() / 3600}
    )


async def admin_stats(request: Request, sim: SimulatorState) -> Response:
    return JSONResponse(
        {
            "requests": sim.requests,
            "by_return_code": dict(sim.repo.return_codes),
            "alerts": sim.repo.alert_count(),
            "vrs": dict(sim.repo.vrs_answers),
        }
    )


async def admin_alerts(request: Request, sim: SimulatorState) -> Response:
    return JSONResponse(sim.repo.alerts())


async def admin_recall(request: Request, sim: SimulatorState) -> Response:
    body = await _json_body(request)
    if not (isinstance(body, dict) and isinstance(body.get("gtin"), str) and isinstance(body.get("lot"), str)):
        raise BadInput('the body must be {"gtin": "...", "lot": "..."}')
    return JSONResponse({"recalled": sim.repo.recall(body["gtin"], body["lot"], sim.now())})


async def openapi_endpoint(request: Request, sim: SimulatorState) -> Response:
    return JSONResponse(openapi_document(str(request.base_url).rstrip("/")))


def create_app(state: SimulatorState) -> Starlette:
    routes = [
        Route("/openapi.json", _timed(openapi_endpoint, api=False, public=True), methods=["GET"]),
        Route("/oauth/token", _timed(token_endpoint, api=True), methods=["POST"]),
        Route("/v1/packs/{rest:anypath}", _timed(pack_endpoint, api=True), methods=["GET", "PATCH"]),
        Route("/v1/bulk", _timed(bulk_endpoint, api=True), methods=["POST"]),
        Route("/v1/products/{gtin}", _timed(product_endpoint, api=True), methods=["GET"]),
        Route("/vrs/verify/{rest:anypath}", _timed(vrs_verify_endpoint, api=True), methods=["GET"]),
        Route("/_admin/packs/{gtin}/{serial:anypath}", _timed(admin_pack, api=False), methods=["GET"]),
        Route("/_admin/packs", _timed(admin_seed, api=False), methods=["POST"]),
        Route("/_admin/faults", _timed(admin_faults, api=False), methods=["GET", "POST"]),
        Route("/_admin/clock", _timed(admin_clock, api=False), methods=["GET", "POST"]),
        Route("/_admin/stats", _timed(admin_stats, api=False), methods=["GET"]),
        Route("/_admin/alerts", _timed(admin_alerts, api=False), methods=["GET"]),
        Route("/_admin/recall", _timed(admin_recall, api=False), methods=["POST"]),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(ServerTiming)])
    app.state.sim = state
    return app
