"""The ``nmvs-soap`` adapter: the EU "Blueprint" NMVS SOAP web services behind :class:`HubClient`.

Messages come from :mod:`.nmvs_codec` (zeep on the WSDL/XSD of ``resources/nmvs``), the HTTP
exchange from :class:`~dispense_app.hub.transport.HubTransport` (TLS with the station's client
certificate, retries, the deadline, timing). shared/protocols/nmvs-blueprint-soap.md is the source;
what it leaves unconfirmed is decided in :class:`~dispense_app.hub.nmvs_codes.NmvsChoices`.

* single-pack transactions G110 … G182 with their manual-entry variants (G112, G122 …) when the pack
  was typed; undo (G121/G123, G171/G173) with ``RefClientTrxId`` = the client transaction id of the
  decommission being undone (the outbox keeps it: ``HubRequest.ref_client_trx_id``);
* bulk: submit, keep the ``NMVSTrxId``, poll G188/G196 while the answer is ``NMVS_FE_TX_02`` (not
  ready), with backoff inside a deadline; a run of one product+batch goes as G1x5, everything else
  as one mixed G195;
* support: ping, G445 password change, G482/G483 terms and conditions; ``Notification``s of every
  reply are kept in :attr:`NmvsSoapClient.notifications` and in ``HubReply.extra``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Unpack

from dispense_app import __version__
from dispense_app.core.model import (
    EntryMode,
    HubReply,
    HubRequest,
    HubRequestError,
    HubUnavailable,
    PackRef,
    PackState,
    ProductInfo,
    ReturnCode,
    Transaction,
    TransactionNotSupported,
)

from .adapter import ConnectionOptions, TransportAdapter, transport_kwargs, with_timing
from .nmvs_catalog import BY_CODE, Service
from .nmvs_codec import NmvsCodec
from .nmvs_codes import NOT_READY, SUCCESS, NmvsChoices, classify, refused
from .timing import CallTiming
from .transport import HubTransport

#: transaction -> (code when scanned, code when typed by hand); None: the interface has none
SINGLE_CODES: dict[Transaction, tuple[str, str | None]] = {
    Transaction.VERIFY: ("G110", "G112"),
    Transaction.SUPPLY: ("G120", "G122"),
    Transaction.UNDO_SUPPLY: ("G121", "G123"),
    Transaction.DESTROY: ("G130", "G132"),
    Transaction.EXPORT: ("G140", "G142"),
    Transaction.SAMPLE: ("G150", "G152"),
    Transaction.FREE_SAMPLE: ("G160", None),
    Transaction.LOCK: ("G170", "G172"),
    Transaction.UNLOCK: ("G171", "G173"),
    Transaction.STOLEN: ("G180", "G182"),
}
#: transaction -> bulk code (one product+batch, asynchronous)
BULK_CODES: dict[Transaction, str] = {
    Transaction.VERIFY: "G115",
    Transaction.SUPPLY: "G125",
    Transaction.UNDO_SUPPLY: "G127",
    Transaction.DESTROY: "G135",
    Transaction.EXPORT: "G145",
    Transaction.SAMPLE: "G155",
    Transaction.FREE_SAMPLE: "G165",
    Transaction.LOCK: "G175",
    Transaction.UNLOCK: "G177",
    Transaction.STOLEN: "G185",
}
UNDOS = frozenset({Transaction.UNDO_SUPPLY, Transaction.UNLOCK})
REASON_STATE: dict[str, PackState] = {
    "SUPPLIED": PackState.SUPPLIED,
    "DESTROYED": PackState.DESTROYED,
    "LOCKED": PackState.LOCKED,
    "EXPORTED": PackState.EXPORTED,
    "SAMPLE": PackState.SAMPLE,
    "STOLEN": PackState.STOLEN,
    "CHECKED_OUT": PackState.CHECKED_OUT,
    "FREESAMPLE": PackState.FREE_SAMPLE,
    "RECALLED": PackState.RECALLED,
    "EXPIRED": PackState.EXPIRED,
    "WITHDRAWN": PackState.WITHDRAWN,
}
TRX_ID = re.compile(r"[A-Za-z0-9-]{8,32}")
POLL_FIRST_S = 0.05
POLL_MAX_S = 2.0


def nmvs_trx_id(client_trx_id: str) -> str:
    """The outbox's client transaction id as NMVS takes it (8-32 of ``A-Za-z0-9-``): a UUID loses
    its dashes (32 hex digits, as the .NET sample client sends a GUID). Deterministic, so a resend
    carries the same id."""
    if TRX_ID.fullmatch(client_trx_id):
        return client_trx_id
    compact = client_trx_id.replace("-", "")
    if TRX_ID.fullmatch(compact):
        return compact
    raise HubRequestError(f"client transaction id {client_trx_id!r} cannot be sent to NMVS (8-32 of A-Za-z0-9-)")


def yymmdd(day: dt.date) -> str:
    return day.strftime("%y%m%d")


def _from_yymmdd(text: str | None) -> dt.date | None:
    if not text or len(text) != 6 or not text.isdigit():
        return None
    try:
        return dt.datetime.strptime(text, "%y%m%d").date()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Notification:
    code: str
    description: str

    def __str__(self) -> str:
        return f"{self.code}: {self.description}" if self.description else self.code


@dataclass(frozen=True, slots=True)
class Terms:
    """The national system's terms and conditions (G482)."""

    version: str
    text: str
    start_date: dt.date | None = None
    accepted_by_user: bool | None = None


@dataclass(frozen=True, slots=True)
class Credentials:
    """Who the station is at the national system. The password comes from the keyring."""

    client_login_id: str
    user_id: str
    password: str

    def __repr__(self) -> str:
        return f"Credentials(client_login_id={self.client_login_id!r}, user_id={self.user_id!r}, password='***')"


class NmvsSoapClient(TransportAdapter):
    """One NMVS. ``endpoints`` maps a service (single, bulk, mixed, support) to its URL; services
    not listed go to ``base_url`` (the simulator serves them all at ``/nmvs/soap``).
    ``bulk_deadline_s``: how long a bulk result is polled for; the connection settings (TLS files,
    timeouts, retries, the deadline of one call): :class:`.adapter.ConnectionOptions`."""

    def __init__(
        self,
        base_url: str,
        *,
        credentials: Credentials,
        endpoints: dict[str, str] | None = None,
        choices: NmvsChoices | None = None,
        language: str = "eng",
        bulk_deadline_s: float = 120.0,
        password_changed_on: dt.date | None = None,
        password_validity_days: int = 90,
        **options: Unpack[ConnectionOptions],
    ) -> None:
        self.choices = choices or NmvsChoices()
        self.codec = NmvsCodec(self.choices.schema_version)
        self.credentials = credentials
        self.language = language
        self.bulk_deadline_s = bulk_deadline_s
        self.password_changed_on = password_changed_on
        self.password_validity_days = password_validity_days
        self.notifications: list[Notification] = []
        self._lock = threading.Lock()
        self._t = HubTransport(base_url, **transport_kwargs(options))
        self._paths: dict[str, str] = {}
        for service in ("single", "bulk", "mixed", "support"):
            url = (endpoints or {}).get(service) or base_url
            self._paths[service] = url if "://" in url else base_url.rstrip("/") + "/" + url.lstrip("/")

    # --- plumbing --------------------------------------------------------------------------------
    def _header(self, trx_id: str) -> dict[str, Any]:
        c = self.credentials
        return {
            "Auth": {"ClientLoginId": c.client_login_id, "UserId": c.user_id, "Password": c.password},
            "UserSoftware": {"name": "dispense-app", "supplier": "dispense-app", "version": __version__[:10]},
            "Transaction": {"ClientTrxId": trx_id, "Language": self.language},
        }

    def call(self, code: str, *, operation: str | None = None, **parts: Any) -> tuple[Any, CallTiming]:
        """Send operation ``code`` and read its reply (zeep values). Raises HubUnavailable when the
        national system cannot be reached, HubRequestError when the reply is not a reply."""
        op = BY_CODE[code]
        content, action = self.codec.build(code, **parts)
        service: Service = op.service
        resp, timing = self._t.request(
            operation or code,
            "POST",
            self._paths[service],
            headers={"Content-Type": f'{self.choices.content_type}; action="{action}"', "Accept": "*/*"},
            content=content,
        )
        if resp.status_code != 200:
            fault = _fault_text(resp.content)  # parsed once
            raise HubRequestError(
                f"the national system answered HTTP {resp.status_code} to {code}: {fault}",
                status=resp.status_code,
                detail=fault,
            )
        result = self.codec.parse(code, resp.content)
        self._note(result)
        return result, timing

    def _note(self, result: Any) -> None:
        header = getattr(result, "Header", None)
        notes = [
            Notification(str(n.notificationCode), str(n.notificationDesc or ""))
            for n in (getattr(header, "Notification", None) or [])
        ]
        if notes:
            with self._lock:
                self.notifications = notes

    # --- single pack -----------------------------------------------------------------------------
    def code_for(self, transaction: Transaction, entry_mode: EntryMode) -> str:
        codes = SINGLE_CODES.get(transaction)
        if codes is None:
            raise TransactionNotSupported(f"NMVS has no transaction for {transaction.value}")
        if entry_mode is EntryMode.MANUAL:
            if codes[1] is not None:
                return codes[1]
            if transaction is Transaction.FREE_SAMPLE:
                return self.choices.free_sample_manual_code
        return codes[0]

    def _product(self, pack: PackRef, manual: bool) -> dict[str, Any]:
        product: dict[str, Any] = {"ProductCode": {"_value_1": pack.product_code, "scheme": pack.scheme.value}}
        if not manual:
            if pack.lot is None or pack.expiry is None:
                raise HubRequestError("NMVS needs the batch and the expiry of a scanned pack")
            product["Batch"] = {"Id": pack.lot, "ExpDate": yymmdd(pack.expiry)}
        return product

    def _body(self, request: HubRequest, code: str) -> dict[str, Any]:
        manual = BY_CODE[code].request_type.startswith("Manual")
        body: dict[str, Any] = {"Product": self._product(request.pack, manual), "Pack": {"sn": request.pack.serial}}
        ref = request.ref_client_trx_id
        if request.transaction in UNDOS and ref and self.choices.send_ref_client_trx_id:
            body["RefClientTrxId"] = nmvs_trx_id(ref)
        return body

    def verify(self, pack: PackRef, *, entry_mode: EntryMode = EntryMode.SCAN) -> HubReply:
        return self.transact(HubRequest(Transaction.VERIFY, pack, "", entry_mode))

    def transact(self, request: HubRequest) -> HubReply:
        code = self.code_for(request.transaction, request.entry_mode)
        if request.transaction.changes_state and not request.client_trx_id:
            raise HubRequestError("a state change needs the client transaction id recorded in the outbox")
        trx = nmvs_trx_id(request.client_trx_id) if request.client_trx_id else uuid.uuid4().hex
        result, timing = self.call(
            code, operation=request.transaction.value, Header=self._header(trx), Body=self._body(request, code)
        )
        return self._reply(result.Header, result.Body, request, timing)

    def _reply(self, header: Any, body: Any, request: HubRequest, timing: CallTiming | None) -> HubReply:
        rc = body.ReturnCode
        return_code = classify(str(rc.code), rc.desc)
        pack = getattr(body, "Pack", None)
        product = getattr(body, "Product", None)
        return self._make_reply(return_code, rc, pack, product, header, request, timing)

    def _make_reply(
        self,
        return_code: ReturnCode,
        rc: Any,
        pack: Any,
        product: Any,
        header: Any,
        request: HubRequest,
        timing: CallTiming | None,
    ) -> HubReply:
        state = _state(pack)
        batch = getattr(product, "Batch", None) if product is not None else None
        transaction = getattr(header, "Transaction", None)
        alert_id = rc.alertId or None
        extra = {"nmvs_code": str(rc.code)}
        if rc.desc:
            extra["message"] = str(rc.desc)
        if alert_id and return_code.alert_class:
            extra["alert_class"] = return_code.alert_class
        if product is not None and getattr(product, "IntermarketFlag", None) is not None:
            extra["intermarket"] = "true" if product.IntermarketFlag else "false"
        notes = [
            f"{n.notificationCode}: {n.notificationDesc or ''}" for n in (getattr(header, "Notification", None) or [])
        ]
        if notes:
            extra["notifications"] = " | ".join(notes)
        reasons = list(getattr(pack, "Reason", None) or []) if pack is not None else []
        reply = HubReply(
            return_code=return_code,
            state=state,
            reason=", ".join(reasons[1:]) or None,
            alert_id=alert_id,
            hub_trx_id=getattr(transaction, "NMVSTrxId", None) if transaction is not None else None,
            client_trx_id=request.client_trx_id or None,
            lot=str(batch.Id) if batch is not None and batch.Id else None,
            expiry=(batch.ExpDateNMVS or _from_yymmdd(batch.ExpDate)) if batch is not None else None,
            http_status=_status(request.transaction, return_code),
            extra=extra,
        )
        return with_timing(reply, timing)

    # --- bulk ------------------------------------------------------------------------------------
    def bulk(self, requests: list[HubRequest]) -> list[HubReply]:
        """Replies in request order. Runs of one product+batch (verify always; state changes when the
        ``bulk_state_changes`` choice is "per-batch") go as G1x5; the rest as one mixed G195. A pack
        that occurs twice goes, with everything else, in one G195 so the order is kept."""
        for r in requests:
            if r.transaction.changes_state and not r.client_trx_id:
                raise HubRequestError("a state change needs the client transaction id recorded in the outbox")
            self.code_for(r.transaction, r.entry_mode)  # unsupported transactions fail before sending
        replies: list[HubReply | None] = [None] * len(requests)
        keys = [r.pack.key for r in requests]
        rest = list(range(len(requests)))
        if len(set(keys)) == len(keys):
            rest = []
            for run in self._runs(requests):
                if len(run) >= self.choices.min_bulk_run:
                    for i, reply in zip(run, self._bulk_batch([requests[i] for i in run]), strict=True):
                        replies[i] = reply
                else:
                    rest.extend(run)
        if rest:
            rest.sort()
            for i, reply in zip(rest, self._mixed([requests[i] for i in rest]), strict=True):
                replies[i] = reply
        return [r for r in replies if r is not None]

    def _runs(self, requests: Sequence[HubRequest]) -> list[list[int]]:
        groups: dict[tuple[Any, ...], list[int]] = {}
        singles: list[list[int]] = []
        for i, r in enumerate(requests):
            batchable = r.entry_mode is not EntryMode.MANUAL and r.pack.lot is not None and r.pack.expiry is not None
            if r.transaction.changes_state and self.choices.bulk_state_changes != "per-batch":
                batchable = False
            if r.transaction in UNDOS and r.ref_client_trx_id:
                batchable = False  # one RefClientTrxId per bulk undo: each undo refers to its own decommission
            if not batchable:
                singles.append([i])
                continue
            key = (r.transaction, r.pack.scheme, r.pack.product_code, r.pack.lot, r.pack.expiry)
            groups.setdefault(key, []).append(i)
        return list(groups.values()) + singles

    def _bulk_batch(self, chunk: list[HubRequest]) -> list[HubReply]:
        first = chunk[0]
        code = BULK_CODES[first.transaction]
        if first.transaction.changes_state:
            # one header id for the run, derived from the packs' own ids: a resend is the same request
            digest = hashlib.sha256("\n".join(r.client_trx_id for r in chunk).encode()).hexdigest()
            trx = digest[:32]
        else:
            trx = uuid.uuid4().hex
        body = {"Product": self._product(first.pack, False), "Packs": {"Pack": [{"sn": r.pack.serial} for r in chunk]}}
        submit, _ = self.call(code, operation="bulk", Header=self._header(trx), Body=body)
        result = self._poll("G188", submit)
        by_serial = {str(p.sn): p for p in (getattr(getattr(result.Body, "Packs", None), "Pack", None) or [])}
        out = []
        for r in chunk:
            p = by_serial.get(r.pack.serial)
            if p is None:
                raise HubRequestError(f"the bulk result has no answer for serial {r.pack.serial!r}")
            rc = classify(str(p.ReturnCode.code), p.ReturnCode.desc)
            out.append(self._make_reply(rc, p.ReturnCode, p, result.Body.Product, result.Header, r, None))
        return out

    def _mixed(self, chunk: list[HubRequest]) -> list[HubReply]:
        items = []
        for r in chunk:
            code = self.code_for(r.transaction, r.entry_mode)
            manual = BY_CODE[code].request_type.startswith("Manual")
            trx: dict[str, Any] = {
                "ClientTrxId": nmvs_trx_id(r.client_trx_id) if r.client_trx_id else uuid.uuid4().hex,
                "Language": self.language,
            }
            if r.transaction in UNDOS and r.ref_client_trx_id and self.choices.send_ref_client_trx_id:
                trx["RefClientTrxId"] = nmvs_trx_id(r.ref_client_trx_id)
            item = {
                "reqType": code,
                "Product": self._product(r.pack, manual),
                "Pack": {"sn": r.pack.serial},
                "Transaction": trx,
            }
            kind = "ItemMan" if manual else ("ItemUndo" if r.transaction in UNDOS else "Item")
            items.append({kind: item})
        submit, _ = self.call(
            "G195", operation="bulk", Header=self._header(uuid.uuid4().hex), Body={"TrxList": {"TrxItem": items}}
        )
        result = self._poll("G196", submit)
        got = list(getattr(getattr(result.Body, "TrxList", None), "TrxItem", None) or [])
        if len(got) != len(chunk):
            raise HubRequestError("the mixed bulk result does not match the request")
        out = []
        for r, item in zip(chunk, got, strict=True):
            rc = classify(str(item.Pack.ReturnCode.code), item.Pack.ReturnCode.desc)
            out.append(self._make_reply(rc, item.Pack.ReturnCode, item.Pack, item.Product, item, r, None))
        return out

    def _poll(self, code: str, submit: Any) -> Any:
        """Fetch a bulk result: poll while it is not ready (FE_TX_02), backing off, within the bulk deadline."""
        rc = submit.Body.ReturnCode
        if str(rc.code) != SUCCESS:
            raise refused(str(rc.code), rc.desc, "take the bulk request")
        ref = submit.Header.Transaction.NMVSTrxId
        deadline = time.monotonic() + self.bulk_deadline_s
        wait = POLL_FIRST_S
        while True:
            result, _ = self.call(
                code, operation="bulk", Header=self._header(uuid.uuid4().hex), Body={"RefNMVSTrxId": ref}
            )
            answer = str(result.Body.ReturnCode.code)
            if answer != NOT_READY:
                if answer != SUCCESS:
                    raise refused(answer, result.Body.ReturnCode.desc, "give the bulk result")
                return result
            if time.monotonic() + wait > deadline:
                raise HubUnavailable(f"the bulk result {ref} was not ready within {self.bulk_deadline_s:.0f} s")
            time.sleep(wait)
            wait = min(POLL_MAX_S, wait * 2)

    # --- support services ------------------------------------------------------------------------
    def ping(self, service: str = "support") -> float:
        """Round trip of one ping (ms). Raises HubUnavailable when the service cannot be reached."""
        code = {"single": "SinglePackPing", "bulk": "BulkPing", "mixed": "MixedBulkPing"}.get(service, "SupportPing")
        text = f"dispense-app {uuid.uuid4().hex[:8]}"
        result, timing = self.call(code, operation="ping", Input=text)
        if self.choices.ping_echoes_input and str(result) != text:
            raise HubRequestError(f"the national system's ping did not echo its input ({result!r})")
        return timing.total_ms

    def change_password(self, new_password: str) -> None:
        """G445. On success the client uses the new password (the caller stores it in the keyring)."""
        result, _ = self.call(
            "G445",
            operation="password",
            Header=self._header(uuid.uuid4().hex),
            Body={"Password": self.credentials.password, "NewPassword": new_password},
        )
        rc = result.Body.ReturnCode
        if str(rc.code) != SUCCESS:
            raise refused(str(rc.code), rc.desc, "change the password")
        self.credentials = Credentials(self.credentials.client_login_id, self.credentials.user_id, new_password)
        self.password_changed_on = dt.date.today()

    def load_terms(self) -> Terms | None:
        """G482: the current terms and conditions, or None when the national system has none."""
        result, _ = self.call("G482", operation="terms", Header=self._header(uuid.uuid4().hex), Body={})
        rc = result.Body.ReturnCode
        if str(rc.code) == "NMVS_NC_PMS_24":  # no terms available
            return None
        if str(rc.code) != SUCCESS:
            raise refused(str(rc.code), rc.desc, "give its terms and conditions")
        tc = result.Body.TermsAndConditions
        if tc is None:
            return None
        return Terms(str(tc.Version), str(tc.Text), tc.StartDate, tc.AcceptedByUser)

    def accept_terms(self, version: str) -> None:
        """G483: a pharmacist accepted the terms of ``version``."""
        result, _ = self.call(
            "G483", operation="terms", Header=self._header(uuid.uuid4().hex), Body={"Version": version}
        )
        code = str(result.Body.ReturnCode.code)
        if code not in (SUCCESS, "NMVS_NC_PMS_23"):  # PMS_23: already confirmed
            raise refused(code, result.Body.ReturnCode.desc, "record the acceptance of the terms")

    def terms_state(self) -> tuple[str | None, bool]:
        """(current version, accepted by this user) from G482, for ``hub check``."""
        terms = self.load_terms()
        if terms is None:
            return None, True
        return terms.version, bool(terms.accepted_by_user)

    def password_age_days(self, today: dt.date | None = None) -> int | None:
        if self.password_changed_on is None:
            return None
        return ((today or dt.date.today()) - self.password_changed_on).days

    def password_expires_on(self) -> dt.date | None:
        if self.password_changed_on is None:
            return None
        return self.password_changed_on + dt.timedelta(days=self.password_validity_days)

    def product(self, gtin: str) -> ProductInfo | None:
        """NMVS has no product master data for pharmacies in the notes' services: nothing to ask."""
        return None


def _state(pack: Any) -> PackState | None:
    if pack is None:
        return None
    state = str(getattr(pack, "state", "") or "")
    if state == "ACTIVE":
        return PackState.ACTIVE
    if state == "INACTIVE":
        for reason in getattr(pack, "Reason", None) or []:
            if str(reason) in REASON_STATE:
                return REASON_STATE[str(reason)]
    return None


def _status(transaction: Transaction, code: ReturnCode) -> int:
    """The HTTP status the FMD REST protocol gives the same answer, so both adapters' replies read alike."""
    if code in (ReturnCode.PRODUCT_UNKNOWN, ReturnCode.SERIAL_UNKNOWN):
        return 404
    if transaction is Transaction.VERIFY or code is ReturnCode.SUCCESS:
        return 200
    return 409


def _fault_text(content: bytes) -> str:
    from lxml import etree

    try:
        root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return content[:200].decode("utf-8", errors="replace")
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.endswith("}ReturnCode"):
            return " ".join(v for k, v in el.attrib.items() if k.endswith(("code", "desc")))
    texts = [t.strip() for t in root.itertext() if t.strip()]
    return " ".join(texts)[:200]
