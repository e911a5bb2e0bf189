"""The securPharm face (shared/protocols/securpharm-rest.md) below ``/securpharm/``, over the same
pack repository as ``/v1`` and ``/vrs``.

Lenient where the notes say real clients differ: any realm name on the token endpoint; base64 of
serial, batch and raw code with or without padding, standard or URL-safe alphabet (and a ``+`` that
a query string turned into a space); ``exp`` as ``YYMMDD`` with day ``00`` = month end; every act
name metasfresh has used (``DECOMMISSION``/``UNDO_DECOMMISSION``, ``DESTROY``/``UNDO_DISPENSE``) and
our transaction names in capitals. Strict where the server must be: a bearer token from its own
token endpoint on every call (401 otherwise), ``ctx`` and ``sid`` on every call, ``act`` on a PUT,
and an undo's ``trx`` must be the server transaction id of this client's decommission of that pack.

The pack answers' ``res.cod`` values are the simulator's own numbering
(:data:`dispense_app.hub.securpharm_choices.DEFAULT_RESULT_CODES`; only SP-030 and SP-901 are
public); the location of the 10-day undo rule is the caller's ``sid``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import urllib.parse
import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from dispense_app.core.model import REACTIVATION_SOURCE, EntryMode, PackState, ProductScheme, ReturnCode, Transaction
from dispense_app.hub.securpharm_choices import DEFAULT_RESULT_CODES

from .http_common import BadInput, raw_segments
from .repository import PackItem
from .state import SimulatorState
from .vrs_api import gs1_date

PREFIX = "/securpharm"
IDENTITY = "securpharm"
SP_CODE: dict[ReturnCode, str] = {rc: cod for cod, rc in DEFAULT_RESULT_CODES.items() if cod != "SP-030"}
INACTIVE = "INACTIVE"

#: act names taken (metasfresh's current and 2019 enums, plus our transactions in capitals)
ACTS: dict[str, Transaction] = {
    "DECOMMISSION": Transaction.SUPPLY,
    "DISPENSE": Transaction.SUPPLY,
    "UNDO_DECOMMISSION": Transaction.UNDO_SUPPLY,
    "UNDO_DISPENSE": Transaction.UNDO_SUPPLY,
    **{t.value.upper().replace("-", "_"): t for t in Transaction if t is not Transaction.VERIFY},
}


def reason_word(state: PackState) -> str:
    """A state as the NMVS-style reason literal (``Supplied`` -> ``SUPPLIED``, ``CheckedOut`` -> ``CHECKED_OUT``)."""
    return {PackState.CHECKED_OUT: "CHECKED_OUT"}.get(state, state.value.upper())


def lenient_b64(text: str, what: str) -> str:
    """Standard or URL-safe alphabet, padded or not; a ``+`` a query string made a space."""
    t = text.strip().replace(" ", "+").replace("-", "+").replace("_", "/").rstrip("=")
    t += "=" * (-len(t) % 4)
    try:
        return base64.b64decode(t, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        raise BadInput(f"{what} is not base64 of UTF-8 text") from None


def sp_error(status: int, cod: str, mes: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"res": {"cod": cod, "mes": mes, "hid": ""}}, status_code=status, headers=headers)


def outage_reply() -> Response:
    """Maintenance / outage of the manufacturers' database: SP-901 (press reports)."""
    return sp_error(503, "SP-901", "system not available", {"Retry-After": "30"})


async def token_endpoint(request: Request, sim: SimulatorState) -> Response:
    """Keycloak-style token endpoint, any realm: ``grant_type=password&client_id=...``, identity
    from the client certificate (the TLS layer checks it when the simulator runs with a client CA)."""
    raw = (await request.body()).decode("utf-8", errors="replace")
    form = {k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}
    if form.get("grant_type") != "password" or not form.get("client_id"):
        return JSONResponse(
            {"error": "invalid_request", "error_description": "grant_type=password and client_id are required"},
            status_code=400,
        )
    token, ttl = sim.issue_token(IDENTITY, ttl_s=sim.securpharm_token_ttl_s)
    return JSONResponse(
        {
            "access_token": token,
            "expires_in": ttl,
            "refresh_expires_in": ttl,
            "refresh_token": uuid.uuid4().hex,
            "token_type": "bearer",
            "not-before-policy": 0,
            "session_state": str(uuid.uuid4()),
        },
        headers={"Cache-Control": "no-store"},
    )


async def service_endpoint(request: Request, sim: SimulatorState) -> Response:
    return JSONResponse({"service": "securPharm pharmacy server (simulator)"})


def _auth_and_ids(request: Request, sim: SimulatorState) -> tuple[Response | None, str, str]:
    status, _ = sim.bearer_status(request)
    if status != "ok":
        return (
            JSONResponse({"error": "invalid_token"}, status_code=401, headers={"WWW-Authenticate": "Bearer"}),
            "",
            "",
        )
    q = request.query_params
    ctx, sid = q.get("ctx", ""), q.get("sid", "")
    if not ctx or not sid:
        raise BadInput("ctx and sid are required on every request")
    return None, ctx, sid


async def uis_endpoint(request: Request, sim: SimulatorState) -> Response:
    try:
        failure, ctx, _sid = _auth_and_ids(request, sim)
        if failure is not None:
            return failure
        segments = raw_segments(request, f"{PREFIX}/uis/")
        if len(segments) != 1 or not segments[0]:
            return sp_error(404, "SP-404", "use /uis/{base64 of the data matrix}")
        from scanner import parse

        code = parse(lenient_b64(segments[0], "the data matrix"))
    except BadInput as exc:
        return sp_error(400, "SP-400", str(exc))
    if not code.ok or not code.serial or not (code.ppn or code.gtin):
        problems = "; ".join(e.message for e in code.errors) or "no product code and serial"
        return sp_error(400, "SP-031", f"UI parsing failed: {problems}")
    scheme = "PPN" if code.ppn else "GTIN"
    exp = code.expiry.strftime("%y%m%d") if code.expiry else None
    return JSONResponse(
        {
            "res": {"cod": "SP-030", "mes": "UI parsing request successfully processed", "hid": ""},
            "tx": {"ctx": ctx, "stx": uuid.uuid4().hex},
            "prod": {
                "pc": code.ppn or code.gtin,
                "pcs": scheme,
                "lot": code.lot,
                "exp": exp,
                "expNMVS": exp,
                "nhrn": None,
                "info": {"ref": None, "dat": None, "upd": None},
            },
            "pack": {"sn": code.serial, "state": None, "reasons": None},
        }
    )


def _pack_item(request: Request, sim: SimulatorState, ctx: str, sid: str) -> tuple[PackItem, str]:
    segments = raw_segments(request, f"{PREFIX}/products/")
    if len(segments) != 3 or segments[1] != "packs" or not segments[0] or not segments[2]:
        raise BadInput("use /products/{pc}/packs/{base64 of the serial}")
    q = request.query_params
    pcs = q.get("pcs", "GTIN").upper()
    if pcs not in ("GTIN", "PPN"):
        raise BadInput("pcs must be GTIN or PPN")
    lot = lenient_b64(q["lot"], "lot") if q.get("lot") else None
    expiry: dt.date | None = None
    if q.get("exp"):
        expiry = gs1_date(q["exp"], sim.now().year)
        if expiry is None:
            raise BadInput("exp must be YYMMDD")
    serial = lenient_b64(segments[2], "the serial")
    transaction, act = Transaction.VERIFY, None
    if request.method == "PUT":
        act = q.get("act", "")
        if act.upper() not in ACTS:
            raise BadInput(f"unknown act {act!r}")
        transaction = ACTS[act.upper()]
    item = PackItem(
        transaction=transaction,
        scheme=ProductScheme(pcs),
        code=segments[0],
        serial=serial,
        lot=lot,
        expiry=expiry,
        client_trx_id=ctx if transaction.changes_state else None,
        location=sid,
        entry_mode=EntryMode.SCAN,
        face="securpharm",
        code_name=act,  # the act as sent, in /_admin histories
    )
    return item, q.get("trx", "")


def _check_undo_reference(sim: SimulatorState, item: PackItem, trx: str) -> str | None:
    """Why an undo's ``trx`` does not name this client's decommission of this pack (None: it does)."""
    if item.transaction not in REACTIVATION_SOURCE:
        return None
    if not trx:
        return "trx (the server transaction id of the decommission) is required to undo it"
    found = sim.repo.transaction_by_hub_trx(IDENTITY, trx)
    if found is None or (found[1], found[2]) != (item.code, item.serial):
        return "trx does not name a decommission of this pack"
    if found[0].target_state is not REACTIVATION_SOURCE[item.transaction]:
        return f"trx names a {found[0].value}, which {item.transaction.value} does not undo"
    return None


async def pack_endpoint(request: Request, sim: SimulatorState) -> Response:
    try:
        failure, ctx, sid = _auth_and_ids(request, sim)
        if failure is not None:
            return failure
        item, trx = _pack_item(request, sim, ctx, sid)
        if (why := _check_undo_reference(sim, item, trx)) is not None:
            return sp_error(400, "SP-140", why)
    except BadInput as exc:
        return sp_error(400, "SP-400", str(exc))
    (result,) = sim.repo.process([item], client_id=IDENTITY, now=sim.now())
    if item.transaction.changes_state and sim.take_dropped_response():
        return sp_error(502, "SP-902", "injected fault: the change was made but its answer is lost")
    return JSONResponse(sp_body(result.body, item, ctx), status_code=result.status)


def sp_body(body: dict[str, Any], item: PackItem, ctx: str) -> dict[str, Any]:
    """The repository's answer in securPharm's shape."""
    rc = ReturnCode(body["return_code"])
    state = PackState(body["state"]) if body.get("state") else None
    reasons: list[str] = [] if state in (None, PackState.ACTIVE) else [reason_word(state)]
    if body.get("reason"):
        reasons.append(str(body["reason"]))
    recorded = not item.transaction.changes_state or rc is ReturnCode.SUCCESS
    expiry = dt.date.fromisoformat(body["expiry"]).strftime("%y%m%d") if body.get("expiry") else None
    product = body.get("product") or {}
    return {
        "res": {
            "cod": SP_CODE[rc],
            "mes": body.get("message") or "request successfully processed",
            "hid": body.get("alert_id") or "",
        },
        **({"tx": {"ctx": ctx, "stx": body["hub_trx_id"]}} if recorded else {}),
        "prod": {
            "pc": item.code,
            "pcs": item.scheme.value,
            "lot": body.get("lot"),
            "exp": expiry,
            "expNMVS": expiry,
            "nhrn": product.get("pzn"),
            "info": {"ref": None, "dat": None, "upd": None},
        },
        "pack": {
            "sn": item.serial,
            "state": None if state is None else ("ACTIVE" if state is PackState.ACTIVE else INACTIVE),
            "reasons": reasons or None,
        },
    }
