"""The FMD REST protocol endpoints (docs/hub-protocol.md): token, pack GET/PATCH, bulk, product."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import secrets
import urllib.parse
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from dispense_app.core.model import REACTIVATION_SOURCE, EntryMode, PackState, ProductScheme, ReturnCode, Transaction

from .http_common import BadInput, auth_failure, json_body, problem, raw_segments
from .repository import PackItem, product_json
from .seed import CSET82
from .state import SimulatorState

MAX_BULK = 10_000
ENTRY_MODE_HEADER = "x-data-entry-mode"
LOCATION_HEADER = "x-location-id"
TRX_HEADER = "x-client-trx-id"


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
        by_source = {source: undo for undo, source in REACTIVATION_SOURCE.items()}
        return by_source.get(current or PackState.SUPPLIED, Transaction.UNDO_SUPPLY)
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
        return problem(404, "not_found", "this simulator runs without OAuth2")
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
    failure, client_id = auth_failure(sim, request)
    if failure is not None:
        return failure
    segments = raw_segments(request, "/v1/packs/")
    if len(segments) != 3:
        return problem(404, "not_found", "use /v1/packs/{scheme}/{product_code}/{serial}")
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
        body = await json_body(request)
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
    refuse = sim.faults.trx_id_reuse == "refuse"
    (result,) = sim.repo.process([item], client_id=client_id, now=sim.now(), refuse_reuse=refuse)
    if item.transaction.changes_state and sim.take_dropped_response():
        return problem(502, "bad_gateway", "injected fault: the change was made but its answer is lost")
    return _reply(result.status, result.body, result.replayed)


async def bulk_endpoint(request: Request, sim: SimulatorState) -> Response:
    failure, client_id = auth_failure(sim, request)
    if failure is not None:
        return failure
    entry_mode = _entry_mode(request)
    location = request.headers.get(LOCATION_HEADER)
    body = await json_body(request)
    raw_items = body.get("items") if isinstance(body, dict) else None
    if not isinstance(raw_items, list):
        raise BadInput('the body must be {"items": [...]}')
    if len(raw_items) > MAX_BULK:
        return problem(413, "too_many_items", f"at most {MAX_BULK} packs per request")
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
    refuse = sim.faults.trx_id_reuse == "refuse"
    results = sim.repo.process(items, client_id=client_id, now=sim.now(), refuse_reuse=refuse, bulk=True)
    if any(i.transaction.changes_state for i in items) and sim.take_dropped_response():
        return problem(502, "bad_gateway", "injected fault: the changes were made but the answer is lost")
    return JSONResponse(
        {"results": [{"status": r.status, "replayed": r.replayed, **r.body} for r in results]},
    )


async def product_endpoint(request: Request, sim: SimulatorState) -> Response:
    failure, _ = auth_failure(sim, request)
    if failure is not None:
        return failure
    gtin = request.path_params["gtin"]
    row = sim.repo.product(gtin)
    if row is None:
        return JSONResponse({"return_code": ReturnCode.PRODUCT_UNKNOWN.value, "gtin": gtin}, status_code=404)
    return JSONResponse(product_json(row))
