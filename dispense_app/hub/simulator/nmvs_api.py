"""The simulator's NMVS face: the "Blueprint" SOAP 1.2 web services at ``/nmvs/soap``
(shared/protocols/nmvs-blueprint-soap.md), over the same pack repository as ``/v1`` and ``/vrs``.

``GET /nmvs/soap?wsdl`` serves the WSDL of ``resources/nmvs`` (``&version=v4`` for the v4
namespaces), its schemas at ``?xsd=NAME``. ``POST /nmvs/soap`` dispatches on the body's root
element (``G110Request`` …; no SOAP action needed) and is as strict as a real national system:

- XML that is not well formed, not a SOAP 1.2 envelope or of an unknown operation: HTTP 400 with a
  SOAP fault carrying ``NMVS_TE_XM_01`` / ``NMVS_TE_XM_02``;
- a request that violates the XSD (wrong namespace, unknown or missing element, an attribute not
  qualified, a ClientTrxId of the wrong length …): the operation's reply with ``NMVS_TE_XM_02``;
- credentials not in ``--accounts`` (when given): ``NMVS_FE_AU_01``; a header ClientTrxId used
  before by a request that changes nothing, or a state change's id reused for another payload:
  ``NMVS_TE_TX_01`` (the same payload again gets the stored answer, as on ``/v1``);
- an undo whose ``RefClientTrxId`` is not the decommission's: ``NMVS_FE_TX_01`` (dispense) /
  ``NMVS_FE_TX_05`` (other);
- bulk (G1x5, G195) answers at once with an ``NMVSTrxId``; G188/G196 answer ``NMVS_FE_TX_02`` (not
  ready) ``bulk_polls`` times before the result.

The organisation (``ClientLoginId``) is the location of the 10-day same-location undo rule.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from lxml import etree
from starlette.requests import Request
from starlette.responses import Response

from dispense_app.core.model import EntryMode, PackState, ProductScheme, Transaction
from dispense_app.hub.nmvs_catalog import BY_REQUEST_ELEMENT, Operation
from dispense_app.hub.nmvs_codec import RESOURCES, resource_text, schema

from .nmvs_state import BulkResult
from .repository import ItemResult, PackItem
from .state import SimulatorState

SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
CONTENT_TYPE = "application/soap+xml; charset=utf-8"
MAX_BODY = 64 * 1024 * 1024

#: code -> (transaction, typed by hand); the notes' section 4 tables
SINGLE: dict[str, tuple[Transaction, bool]] = {
    "G110": (Transaction.VERIFY, False),
    "G112": (Transaction.VERIFY, True),
    "G120": (Transaction.SUPPLY, False),
    "G121": (Transaction.UNDO_SUPPLY, False),
    "G122": (Transaction.SUPPLY, True),
    "G123": (Transaction.UNDO_SUPPLY, True),
    "G130": (Transaction.DESTROY, False),
    "G132": (Transaction.DESTROY, True),
    "G140": (Transaction.EXPORT, False),
    "G142": (Transaction.EXPORT, True),
    "G150": (Transaction.SAMPLE, False),
    "G152": (Transaction.SAMPLE, True),
    "G160": (Transaction.FREE_SAMPLE, False),
    "G170": (Transaction.LOCK, False),
    "G171": (Transaction.UNLOCK, False),
    "G172": (Transaction.LOCK, True),
    "G173": (Transaction.UNLOCK, True),
    "G180": (Transaction.STOLEN, False),
    "G182": (Transaction.STOLEN, True),
}
BULK: dict[str, Transaction] = {
    "G115": Transaction.VERIFY,
    "G125": Transaction.SUPPLY,
    "G127": Transaction.UNDO_SUPPLY,
    "G135": Transaction.DESTROY,
    "G145": Transaction.EXPORT,
    "G155": Transaction.SAMPLE,
    "G165": Transaction.FREE_SAMPLE,
    "G175": Transaction.LOCK,
    "G177": Transaction.UNLOCK,
    "G185": Transaction.STOLEN,
}
#: an undo -> (the decommission it refers to, the code for a wrong RefClientTrxId)
UNDO_REF: dict[Transaction, tuple[Transaction, str]] = {
    Transaction.UNDO_SUPPLY: (Transaction.SUPPLY, "NMVS_FE_TX_01"),
    Transaction.UNLOCK: (Transaction.LOCK, "NMVS_FE_TX_05"),
}
REASONS: dict[PackState, str] = {
    PackState.SUPPLIED: "SUPPLIED",
    PackState.DESTROYED: "DESTROYED",
    PackState.EXPORTED: "EXPORTED",
    PackState.SAMPLE: "SAMPLE",
    PackState.FREE_SAMPLE: "FREESAMPLE",
    PackState.LOCKED: "LOCKED",
    PackState.STOLEN: "STOLEN",
    PackState.CHECKED_OUT: "CHECKED_OUT",
    PackState.EXPIRED: "EXPIRED",
    PackState.RECALLED: "RECALLED",
    PackState.WITHDRAWN: "WITHDRAWN",
}
DESCRIPTIONS = {
    "NMVS_SUCCESS": "processed successfully",
    "NMVS_TE_XM_01": "request XML malformed",
    "NMVS_TE_XM_02": "request violates the XSD",
    "NMVS_FE_AU_01": "user/password combination wrong",
    "NMVS_FE_AU_10": "password differs from the stored current password",
    "NMVS_FE_AU_23": "terms and conditions not accepted",
    "NMVS_FE_PMS_02": "new password equals the old one",
    "NMVS_TE_TX_01": "ClientTrxId already used",
    "NMVS_FE_TX_01": "RefClientTrxId is not the dispense transaction",
    "NMVS_FE_TX_02": "bulk result not available (not ready or unknown)",
    "NMVS_FE_TX_05": "reference transaction not valid for this undo",
    "NMVS_FE_SN_01": "duplicate pack data in request",
    "NMVS_FE_REQ_02": "input does not fit the request type",
    "NMVS_NC_PMS_23": "terms and conditions already confirmed",
    "NMVS_TI_RT_01": "no process for this request",
}


def _version_of(namespace: str | None) -> str | None:
    for version in ("v5", "v4"):
        if namespace == f"urn:wsdltypes.nmvs.eu:{version}.0":
            return version
    return None


@dataclass
class Ctx:
    """One request as the face read it."""

    sim: SimulatorState
    op: Operation
    version: str
    req: Any  # the request's root element
    login: str = ""
    user: str = ""
    password: str = ""
    trx: str = ""
    language: str = "eng"

    @property
    def t(self) -> str:
        return f"urn:types.nmvs.eu:{self.version}.0"

    @property
    def w(self) -> str:
        return f"urn:wsdltypes.nmvs.eu:{self.version}.0"

    @property
    def client_id(self) -> str:
        return f"nmvs:{self.login}"

    def find(self, parent: Any, *path: str) -> Any:
        node = parent
        for name in path:
            node = None if node is None else node.find(f"{{{self.t}}}{name}")
        return node

    def text(self, parent: Any, *path: str) -> str | None:
        node = self.find(parent, *path)
        return None if node is None else (node.text or "")

    def attr(self, node: Any, name: str) -> str | None:
        return None if node is None else node.get(f"{{{self.t}}}{name}")


# --- replies -------------------------------------------------------------------------------------


def _envelope(root: Any, status: int = 200) -> Response:
    env = etree.Element(f"{{{SOAP12}}}Envelope", nsmap={"soap": SOAP12})
    etree.SubElement(env, f"{{{SOAP12}}}Header")
    etree.SubElement(env, f"{{{SOAP12}}}Body").append(root)
    return Response(etree.tostring(env, encoding="utf-8"), status_code=status, media_type=CONTENT_TYPE)


def fault(code: str, detail: str, status: int = 400) -> Response:
    """A SOAP 1.2 fault for a request whose operation cannot be told (malformed, unknown)."""
    t = "urn:types.nmvs.eu:v5.0"
    f = etree.Element(f"{{{SOAP12}}}Fault", nsmap={"soap": SOAP12, "ns1": t})
    etree.SubElement(etree.SubElement(f, f"{{{SOAP12}}}Code"), f"{{{SOAP12}}}Value").text = "soap:Sender"
    reason = etree.SubElement(etree.SubElement(f, f"{{{SOAP12}}}Reason"), f"{{{SOAP12}}}Text")
    reason.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    reason.text = f"{code}: {detail}"[:255]
    rc = etree.SubElement(etree.SubElement(f, f"{{{SOAP12}}}Detail"), f"{{{t}}}ReturnCode")
    rc.set(f"{{{t}}}code", code)
    rc.set(f"{{{t}}}desc", detail[:255])
    return _envelope(f, status)


def _return_code(ctx: Ctx, parent: Any, code: str, desc: str | None = None, alert_id: str | None = None) -> None:
    rc = etree.SubElement(parent, f"{{{ctx.t}}}ReturnCode")
    rc.set(f"{{{ctx.t}}}code", code)
    rc.set(f"{{{ctx.t}}}desc", (desc or DESCRIPTIONS.get(code) or code)[:255])
    if alert_id:
        rc.set(f"{{{ctx.t}}}alertId", alert_id)


def _reply_root(ctx: Ctx, nmvs_trx: str | None = None) -> tuple[Any, Any]:
    """``GxxxResponse`` with its Header filled in; returns (root, Body)."""
    root = etree.Element(f"{{{ctx.w}}}{ctx.op.response_element}", nsmap={"ns2": ctx.w, "ns1": ctx.t})
    header = etree.SubElement(root, f"{{{ctx.t}}}Header")
    if ctx.login and ctx.user:
        auth = etree.SubElement(header, f"{{{ctx.t}}}Auth")
        etree.SubElement(auth, f"{{{ctx.t}}}ClientLoginId").text = ctx.login
        etree.SubElement(auth, f"{{{ctx.t}}}UserId").text = ctx.user
    _transaction(ctx, header, ctx.trx, nmvs_trx or uuid.uuid4().hex)
    for code, desc in ctx.sim.nmvs.notifications:
        n = etree.SubElement(header, f"{{{ctx.t}}}Notification")
        n.set(f"{{{ctx.t}}}notificationCode", code)
        n.set(f"{{{ctx.t}}}notificationDesc", desc)
    return root, etree.SubElement(root, f"{{{ctx.t}}}Body")


def _transaction(ctx: Ctx, parent: Any, client_trx: str, nmvs_trx: str) -> None:
    trx = etree.SubElement(parent, f"{{{ctx.t}}}Transaction")
    etree.SubElement(trx, f"{{{ctx.t}}}Language").text = ctx.language or "eng"
    if client_trx:
        etree.SubElement(trx, f"{{{ctx.t}}}ClientTrxId").text = client_trx
    etree.SubElement(trx, f"{{{ctx.t}}}NMVSTrxId").text = nmvs_trx
    etree.SubElement(trx, f"{{{ctx.t}}}Timestamp").text = ctx.sim.now().isoformat(timespec="seconds")


def _code_only(ctx: Ctx, code: str, desc: str | None = None, nmvs_trx: str | None = None) -> Response:
    """The operation's reply with just a ReturnCode (errors, bulk submits, support answers)."""
    ctx.sim.repo.return_codes[code] += 1
    root, body = _reply_root(ctx, nmvs_trx)
    if ctx.op.response_type == "PingResponseType":  # pragma: no cover - pings have no return code
        raise ValueError("a ping has no return code")
    _return_code(ctx, body, code, desc)
    return _envelope(root)


def _product(ctx: Ctx, parent: Any, result: dict[str, Any], scheme: str, code: str) -> None:
    product = etree.SubElement(parent, f"{{{ctx.t}}}Product")
    pc = etree.SubElement(product, f"{{{ctx.t}}}ProductCode")
    pc.set(f"{{{ctx.t}}}scheme", scheme)
    pc.text = code
    if result.get("lot"):
        batch = etree.SubElement(product, f"{{{ctx.t}}}Batch")
        etree.SubElement(batch, f"{{{ctx.t}}}Id").text = str(result["lot"])
        if result.get("expiry"):
            expiry = dt.date.fromisoformat(str(result["expiry"]))
            etree.SubElement(batch, f"{{{ctx.t}}}ExpDate").text = expiry.strftime("%y%m%d")
            etree.SubElement(batch, f"{{{ctx.t}}}ExpDateNMVS").text = expiry.isoformat()


def _pack(ctx: Ctx, parent: Any, serial: str, state_text: str | None) -> Any:
    pack = etree.SubElement(parent, f"{{{ctx.t}}}Pack")
    pack.set(f"{{{ctx.t}}}sn", serial)
    state = PackState(state_text) if state_text else None
    if state is None:
        pack.set(f"{{{ctx.t}}}state", "UNKNOWN")
    elif state is PackState.ACTIVE:
        pack.set(f"{{{ctx.t}}}state", "ACTIVE")
    else:
        pack.set(f"{{{ctx.t}}}state", "INACTIVE")
        etree.SubElement(pack, f"{{{ctx.t}}}Reason").text = REASONS[state]
    return pack


# --- reading requests ------------------------------------------------------------------------------


class Refused(Exception):
    """A request answered with a return code and nothing else (TE_XM_02, FE_AU_01 …)."""

    def __init__(self, code: str, desc: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.desc = desc


def _expiry(text: str | None, this_year: int) -> dt.date | None:
    """YYMMDD (day 00 = the month's last day), century as GS1's sliding window."""
    if not text:
        return None
    from .vrs_api import gs1_date

    return gs1_date(text, this_year)


def _pack_ref(ctx: Ctx, parent: Any) -> tuple[ProductScheme, str, str | None, dt.date | None]:
    pc = ctx.find(parent, "Product", "ProductCode")
    scheme = ProductScheme(ctx.attr(pc, "scheme") or "GTIN")
    lot = ctx.text(parent, "Product", "Batch", "Id")
    expiry_text = ctx.text(parent, "Product", "Batch", "ExpDate")
    expiry = _expiry(expiry_text, ctx.sim.now().year)
    if expiry_text and expiry is None:
        raise Refused("NMVS_TE_XM_02", f"ExpDate {expiry_text!r} is not a date")
    return scheme, (pc.text or "") if pc is not None else "", lot, expiry


def _check_ref(ctx: Ctx, transaction: Transaction, item: PackItem, ref: str | None) -> None:
    """An undo's RefClientTrxId must name the decommission it undoes (when the pack has one here)."""
    if ref is None or transaction not in UNDO_REF:
        return
    decommission, wrong = UNDO_REF[transaction]
    gtin = ctx.sim.repo.resolve_gtin(item.scheme, item.code)
    expected = ctx.sim.repo.last_change(gtin, item.serial, decommission) if gtin else None
    if expected is not None and expected.replace("-", "") != ref.replace("-", ""):
        raise Refused(wrong)


def _item(ctx: Ctx, transaction: Transaction, manual: bool, node: Any, trx: str | None, code: str) -> PackItem:
    scheme, product_code, lot, expiry = _pack_ref(ctx, node)
    return PackItem(
        transaction=transaction,
        scheme=scheme,
        code=product_code,
        serial=ctx.attr(ctx.find(node, "Pack"), "sn") or "",
        lot=None if manual else lot,
        expiry=None if manual else expiry,
        client_trx_id=trx if transaction.changes_state else None,
        location=ctx.login,
        entry_mode=EntryMode.MANUAL if manual else EntryMode.SCAN,
        face="nmvs-soap",
        code_name=code,
    )


def _authenticate(ctx: Ctx) -> None:
    header = ctx.find(ctx.req, "Header")
    ctx.login = ctx.text(header, "Auth", "ClientLoginId") or ""
    ctx.user = ctx.text(header, "Auth", "UserId") or ""
    ctx.password = ctx.text(header, "Auth", "Password") or ""
    ctx.trx = ctx.text(header, "Transaction", "ClientTrxId") or ""
    ctx.language = ctx.text(header, "Transaction", "Language") or "eng"
    face = ctx.sim.nmvs
    accounts = face.accounts
    if accounts is not None and accounts.get((ctx.login, ctx.user)) != ctx.password:
        raise Refused("NMVS_FE_AU_01")
    if (
        face.terms_required
        and ctx.op.service != "support"
        and (ctx.login, ctx.user, face.terms_version) not in face.terms_accepted
    ):
        raise Refused("NMVS_FE_AU_23")


def _use_trx(ctx: Ctx) -> None:
    """A request that changes nothing takes a fresh ClientTrxId: any reuse is NMVS_TE_TX_01."""
    key = (ctx.login, ctx.trx)
    with ctx.sim.nmvs.lock:
        if key in ctx.sim.nmvs.used_trx or ctx.sim.repo.earlier_transaction(ctx.client_id, ctx.trx) is not None:
            raise Refused("NMVS_TE_TX_01")
        ctx.sim.nmvs.used_trx.add(key)


# --- operations ------------------------------------------------------------------------------------


def _single(ctx: Ctx) -> Response:
    transaction, manual = SINGLE[ctx.op.code]
    body = ctx.find(ctx.req, "Body")
    item = _item(ctx, transaction, manual, body, ctx.trx, ctx.op.code)
    if transaction.changes_state:
        if (ctx.login, ctx.trx) in ctx.sim.nmvs.used_trx:
            raise Refused("NMVS_TE_TX_01")
        _check_ref(ctx, transaction, item, ctx.text(body, "RefClientTrxId"))
    else:
        _use_trx(ctx)
    (result,) = ctx.sim.repo.process([item], client_id=ctx.client_id, now=ctx.sim.now())
    if transaction.changes_state and ctx.sim.take_dropped_response():
        return fault("NMVS_TI_RT_02", "injected fault: the change was made but its answer is lost", 502)
    root, out = _reply_root(ctx, str(result.body.get("hub_trx_id") or uuid.uuid4().hex))
    _pack_answer(ctx, out, item, result)
    return _envelope(root)


def _pack_answer(ctx: Ctx, parent: Any, item: PackItem, result: ItemResult) -> None:
    """Product + Pack (when the pack is known) and the ReturnCode of one pack."""
    r = result.body
    if r.get("state"):
        _product(ctx, parent, r, item.scheme.value, item.code)
        _pack(ctx, parent, item.serial, r["state"])
    _return_code(ctx, parent, str(r["return_code"]), r.get("message") or None, r.get("alert_id"))


def _bulk_submit(ctx: Ctx) -> Response:
    transaction = BULK[ctx.op.code]
    body = ctx.find(ctx.req, "Body")
    serials = [ctx.attr(p, "sn") or "" for p in ctx.find(body, "Packs").findall(f"{{{ctx.t}}}Pack")]
    if len(set(serials)) != len(serials):
        raise Refused("NMVS_FE_SN_01")
    if not transaction.changes_state:
        _use_trx(ctx)
    items = []
    for sn in serials:
        item = _item(ctx, transaction, False, body, f"{ctx.trx}/{sn}", ctx.op.code)
        items.append(PackItem(**{**_fields(item), "serial": sn}))
    results = ctx.sim.repo.process(items, client_id=ctx.client_id, now=ctx.sim.now())
    return _park(ctx, "G188", list(zip(items, results, strict=True)))


def _fields(item: PackItem) -> dict[str, Any]:
    return {name: getattr(item, name) for name in PackItem.__dataclass_fields__}


def _mixed_submit(ctx: Ctx) -> Response:
    answers: list[tuple[PackItem, ItemResult | str]] = []
    for trx_item in ctx.find(ctx.req, "Body", "TrxList").findall(f"{{{ctx.t}}}TrxItem"):
        node = trx_item[0]
        code = ctx.attr(node, "reqType") or ""
        if code not in SINGLE:
            raise Refused("NMVS_FE_REQ_02", f"reqType {code} is not a single-pack transaction")
        transaction, manual = SINGLE[code]
        trx = ctx.text(node, "Transaction", "ClientTrxId") or ""
        item = _item(ctx, transaction, manual, node, trx, code)
        try:
            _check_ref(ctx, transaction, item, ctx.text(node, "Transaction", "RefClientTrxId"))
        except Refused as exc:
            ctx.sim.repo.return_codes[exc.code] += 1
            answers.append((item, exc.code))
            continue
        (result,) = ctx.sim.repo.process([item], client_id=ctx.client_id, now=ctx.sim.now())
        answers.append((item, result))
    return _park(ctx, "G196", answers)


def _park(ctx: Ctx, kind: str, payload: Any) -> Response:
    """Keep a bulk result for G188/G196 and answer the submit with its NMVSTrxId."""
    nmvs_trx = uuid.uuid4().hex
    with ctx.sim.nmvs.lock:
        ctx.sim.nmvs.bulk[nmvs_trx] = BulkResult(ctx.login, kind, payload, ctx.sim.nmvs.bulk_polls)
    if any(i.transaction.changes_state for i, _ in payload) and ctx.sim.take_dropped_response():
        return fault("NMVS_TI_RT_02", "injected fault: the changes were made but the answer is lost", 502)
    return _code_only(ctx, "NMVS_SUCCESS", nmvs_trx=nmvs_trx)


def _fetch(ctx: Ctx) -> Response:
    _use_trx(ctx)
    ref = ctx.text(ctx.req, "Body", "RefNMVSTrxId") or ""
    face = ctx.sim.nmvs
    with face.lock:
        parked = face.bulk.get(ref)
        if parked is None or parked.owner != ctx.login or parked.kind != ctx.op.code:
            raise Refused("NMVS_FE_TX_02")
        if parked.polls_before_ready > 0:
            parked.polls_before_ready -= 1
            raise Refused("NMVS_FE_TX_02")
        del face.bulk[ref]
    root, out = _reply_root(ctx)
    if ctx.op.code == "G188":
        _bulk_result(ctx, out, parked.payload)
    else:
        _mixed_result(ctx, out, parked.payload)
    _return_code(ctx, out, "NMVS_SUCCESS")
    return _envelope(root)


def _bulk_result(ctx: Ctx, out: Any, payload: list[tuple[PackItem, ItemResult]]) -> None:
    first_item, first = payload[0]
    _product(ctx, out, first.body, first_item.scheme.value, first_item.code)
    packs = etree.SubElement(out, f"{{{ctx.t}}}Packs")
    for item, result in payload:
        pack = _pack(ctx, packs, item.serial, result.body.get("state"))
        r = result.body
        _return_code(ctx, pack, str(r["return_code"]), r.get("message") or None, r.get("alert_id"))


def _mixed_result(ctx: Ctx, out: Any, payload: list[tuple[PackItem, ItemResult | str]]) -> None:
    trx_list = etree.SubElement(out, f"{{{ctx.t}}}TrxList")
    for item, result in payload:
        node = etree.SubElement(trx_list, f"{{{ctx.t}}}TrxItem")
        node.set(f"{{{ctx.t}}}reqType", item.code_name or "")
        body = result.body if isinstance(result, ItemResult) else {"return_code": result, "state": None}
        _transaction(ctx, node, item.client_trx_id or "", str(body.get("hub_trx_id") or uuid.uuid4().hex))
        if body.get("state"):
            _product(ctx, node, body, item.scheme.value, item.code)
        pack = _pack(ctx, node, item.serial, body.get("state"))
        _return_code(ctx, pack, str(body["return_code"]), body.get("message") or None, body.get("alert_id"))


def _support(ctx: Ctx) -> Response:
    _use_trx(ctx)
    face = ctx.sim.nmvs
    code = ctx.op.code
    if code == "G445":
        old = ctx.text(ctx.req, "Body", "Password") or ""
        new = ctx.text(ctx.req, "Body", "NewPassword") or ""
        if old != ctx.password:
            raise Refused("NMVS_FE_AU_10")
        if new == old:
            raise Refused("NMVS_FE_PMS_02")
        with face.lock:
            if face.accounts is not None:
                face.accounts[(ctx.login, ctx.user)] = new
        return _code_only(ctx, "NMVS_SUCCESS")
    if code == "G483":
        version = ctx.text(ctx.req, "Body", "Version") or ""
        if version != face.terms_version:
            raise Refused("NMVS_FE_REQ_02", f"the current terms are version {face.terms_version}")
        key = (ctx.login, ctx.user, version)
        if key in face.terms_accepted:
            raise Refused("NMVS_NC_PMS_23")
        face.terms_accepted.add(key)
        return _code_only(ctx, "NMVS_SUCCESS")
    root, out = _reply_root(ctx)
    terms = etree.SubElement(out, f"{{{ctx.t}}}TermsAndConditions")
    etree.SubElement(terms, f"{{{ctx.t}}}Version").text = face.terms_version
    etree.SubElement(terms, f"{{{ctx.t}}}Text").text = face.terms_text
    if face.terms_start:
        etree.SubElement(terms, f"{{{ctx.t}}}StartDate").text = face.terms_start
    accepted = (ctx.login, ctx.user, face.terms_version) in face.terms_accepted
    etree.SubElement(terms, f"{{{ctx.t}}}AcceptedByUser").text = "true" if accepted else "false"
    _return_code(ctx, out, "NMVS_SUCCESS")
    return _envelope(root)


def _ping(ctx: Ctx) -> Response:
    root = etree.Element(f"{{{ctx.w}}}{ctx.op.response_element}", nsmap={"ns2": ctx.w, "ns1": ctx.t})
    etree.SubElement(root, f"{{{ctx.t}}}Output").text = ctx.text(ctx.req, "Input") or ""
    return _envelope(root)


def _dispatch(ctx: Ctx) -> Response:
    code = ctx.op.code
    if ctx.op.request_type == "PingRequestType":
        return _ping(ctx)
    _authenticate(ctx)
    if code in SINGLE:
        return _single(ctx)
    if code in BULK:
        return _bulk_submit(ctx)
    if code in ("G188", "G196"):
        return _fetch(ctx)
    if code == "G195":
        return _mixed_submit(ctx)
    if ctx.op.service == "support":
        return _support(ctx)
    raise Refused("NMVS_TI_RT_01", f"{code} is not offered by this simulator")


# --- the endpoint ----------------------------------------------------------------------------------


def _parse(raw: bytes) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    return etree.fromstring(raw, parser)


async def nmvs_endpoint(request: Request, sim: SimulatorState) -> Response:
    if request.method == "GET":
        return _document(request)
    raw = await request.body()
    if len(raw) > MAX_BODY:
        return fault("NMVS_TE_XM_02", "request too large", 413)
    try:
        env = _parse(raw)
    except etree.XMLSyntaxError as exc:
        return fault("NMVS_TE_XM_01", str(exc))
    body = env.find(f"{{{SOAP12}}}Body") if env.tag == f"{{{SOAP12}}}Envelope" else None
    children = [c for c in body if isinstance(c.tag, str)] if body is not None else []
    if len(children) != 1:
        return fault("NMVS_TE_XM_02", "not a SOAP 1.2 envelope with one request in its Body")
    req = children[0]
    qname = etree.QName(req)
    op = BY_REQUEST_ELEMENT.get(qname.localname)
    if op is None:
        return fault("NMVS_TE_XM_02", f"unknown operation {qname.localname}")
    version = _version_of(qname.namespace)
    ctx = Ctx(sim, op, version or "v5", req)
    try:
        if version is None:
            raise Refused("NMVS_TE_XM_02", f"unknown namespace {qname.namespace!r}")
        validator = schema(version)
        if not validator.validate(req):
            error = validator.error_log.last_error
            raise Refused("NMVS_TE_XM_02", f"line {error.line}: {error.message}" if error else None)
        return _dispatch(ctx)
    except Refused as exc:
        if op.request_type == "PingRequestType":
            return fault(exc.code, exc.desc or DESCRIPTIONS.get(exc.code, exc.code))
        return _code_only(ctx, exc.code, exc.desc)


def _document(request: Request) -> Response:
    """``?wsdl`` (``&version=v4``) or ``?xsd=NAME``, with the imports and the address pointing here."""
    params = request.query_params
    version = params.get("version", "v5")
    if version not in ("v4", "v5"):
        return fault("NMVS_TE_XM_02", "version must be v4 or v5", 404)
    here = str(request.url.replace(query=""))
    name = params.get("xsd")
    if name is None and "wsdl" not in params:
        return fault("NMVS_TE_XM_02", "GET ?wsdl for the service description; POST SOAP 1.2 requests", 404)
    if name is None:
        name = "NMVS_Services.wsdl"
    elif name not in ("NMVS_Roots.xsd", "NMVS_Types.xsd"):
        return fault("NMVS_TE_XM_02", f"no schema {name!r}", 404)
    doc = _parse(resource_text(name, version))
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        location = el.get("schemaLocation")
        if location and (RESOURCES / location).is_file():
            el.set("schemaLocation", f"{here}?xsd={location}&version={version}")
        if el.tag.endswith("}address") and el.get("location"):
            el.set("location", here)
    return Response(etree.tostring(doc, encoding="utf-8", xml_declaration=True), media_type="text/xml; charset=utf-8")
