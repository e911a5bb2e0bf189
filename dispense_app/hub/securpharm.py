"""The securPharm adapter (Germany's pharmacy server; shared/protocols/securpharm-rest.md).

- **Login**: ``POST {auth}/auth/realms/{realm}/protocol/openid-connect/token`` with the form
  ``grant_type=password&client_id=securPharm`` and no user name or password: the identity is the
  pharmacy's N-Ident client certificate, presented over mutual TLS. The bearer token is cached and
  fetched again shortly before ``expires_in`` runs out (and once when the server answers 401).
- **Requests** (no body; ``ctx`` = client transaction id, ``sid`` = the application id):
  verify ``GET /products/{pc}/packs/{B64(sn)}?lot=B64(lot)&exp=YYMMDD&pcs=GTIN|PPN&ctx&sid``;
  decommission and undo ``PUT`` on the same resource with ``act`` (and, for the undo, ``trx`` = the
  server transaction id ``tx.stx`` of the decommission, kept in the dispense record);
  decode a raw scan ``GET /uis/{B64(data matrix)}?ctx&sid``.
- **Replies**: ``res{cod,mes,hid} tx{ctx,stx} prod{...} pack{sn,state,reasons[]}``; a state change
  counts as done only with HTTP 200 **and** ``tx``. SP-901 (maintenance, outage of the
  manufacturers' database) and any 5xx go the offline path with the German emergency procedure.

What the notes leave unconfirmed (act values, inactive literal, realm, base64 alphabet, result
codes) lives in :mod:`.securpharm_choices`, overridable per national system.
"""

from __future__ import annotations

import calendar
import datetime as dt
import urllib.parse
import uuid
from typing import Any, Unpack

import httpx

from dispense_app.core.model import (
    EntryMode,
    HubAuthError,
    HubReply,
    HubRequest,
    HubRequestError,
    HubUnavailable,
    PackRef,
    PackState,
    ProductInfo,
    ProductScheme,
    ReturnCode,
    Transaction,
    TransactionNotSupported,
)

from .adapter import ConnectionOptions, TransportAdapter, json_or_none, transport_kwargs, with_timing
from .fmd_rest import path_segment
from .securpharm_choices import EMERGENCY_PROCEDURE_DE, UNAVAILABLE_CODES, SecurPharmChoices
from .timing import CallTiming
from .transport import HubTransport, parse_retry_after

TOKEN_PATH = "/auth/realms/{realm}/protocol/openid-connect/token"  # noqa: S105 - a URL path


def expiry_text(expiry: dt.date, choices: SecurPharmChoices) -> str:
    """``YYMMDD``; the last day of a month as ``YYMM00`` where the choices say so (metasfresh)."""
    last = calendar.monthrange(expiry.year, expiry.month)[1]
    if choices.month_end_day00 and expiry.day == last:
        return expiry.strftime("%y%m00")
    return expiry.strftime("%y%m%d")


def parse_expiry(value: Any) -> dt.date | None:
    """``YYMMDD`` (day 00 = month end) or ``yyyy-MM-dd``, as replies carry them."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        if len(text) == 6 and text.isdigit():
            year, month, day = 2000 + int(text[:2]), int(text[2:4]), int(text[4:])
            return dt.date(year, month, day or calendar.monthrange(year, month)[1])
    except ValueError:
        return None
    return None


class _CertificateLogin(HubTransport):
    """The shared transport with securPharm's login: certificate identity, no client secret."""

    def __init__(self, base_url: str, *, token_url: str, token_client_id: str, **kwargs: Any) -> None:
        # client_secret "" (not None): the transport then sends bearer tokens and refreshes on 401
        super().__init__(base_url, client_id=token_client_id, client_secret="", **kwargs)
        self.token_url = token_url
        self.logins = 0

    def _fetch_token(self) -> tuple[str, float]:
        try:
            resp = self._http.post(
                self.token_url,
                data={"grant_type": "password", "client_id": self._client_id or ""},
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
        except httpx.HTTPError as exc:
            raise HubUnavailable(
                f"securPharm token server unreachable ({type(exc).__name__}); if the N-Ident "
                "certificate expired the server refuses the TLS handshake: see `dispense-app hub check`"
            ) from None
        body = json_or_none(resp)
        if resp.status_code in (400, 401, 403):
            error = body.get("error_description") or body.get("error") if isinstance(body, dict) else None
            raise HubAuthError(
                f"securPharm refused the login with this station's N-Ident certificate ({resp.status_code}"
                f"{': ' + str(error) if error else ''}): check the certificate with `dispense-app hub check`",
                status=resp.status_code,
            )
        if resp.status_code != 200 or not isinstance(body, dict) or not body.get("access_token"):
            raise HubUnavailable(
                f"securPharm token server answered {resp.status_code} without a token",
                status=resp.status_code,
                retry_after=parse_retry_after(resp.headers.get("retry-after")),
            )
        try:
            ttl = float(body.get("expires_in", 300))
        except (TypeError, ValueError):
            ttl = 300.0
        self.logins += 1
        return str(body["access_token"]), ttl


class SecurPharmClient(TransportAdapter):
    """One securPharm pharmacy server. ``base_url`` = ``PharmaRestApiBaseURL``; ``auth_url`` =
    ``AuthPharmaRestApiBaseURL`` (default: the same); ``application_id`` is sent as ``sid``."""

    offline_notice = EMERGENCY_PROCEDURE_DE
    _t: _CertificateLogin

    def __init__(
        self,
        base_url: str,
        *,
        application_id: str | None = None,
        auth_url: str | None = None,
        choices: SecurPharmChoices | None = None,
        **options: Unpack[ConnectionOptions],
    ) -> None:
        self.choices = choices or SecurPharmChoices()
        #: what the last call learnt: True answered, False unavailable, None not asked yet
        self.reachable: bool | None = None
        self.application_id = application_id or str(uuid.UUID(int=0))
        base = base_url.rstrip("/")
        token_url = (auth_url or base).rstrip("/") + TOKEN_PATH.format(realm=urllib.parse.quote(self.choices.realm))
        self._t = _CertificateLogin(
            base,
            token_url=token_url,
            token_client_id=self.choices.token_client_id,
            **transport_kwargs(options),
        )

    @property
    def token_url(self) -> str:
        return self._t.token_url

    # ------------------------------------------------------------------ requests
    def pack_path(self, pack: PackRef) -> str:
        b64 = self.choices.b64
        return f"/products/{path_segment(pack.product_code)}/packs/{path_segment(b64(pack.serial))}"

    def _pack_params(self, pack: PackRef) -> dict[str, str]:
        params: dict[str, str] = {}
        if pack.lot is not None:
            params["lot"] = self.choices.b64(pack.lot)
        if pack.expiry is not None:
            params["exp"] = expiry_text(pack.expiry, self.choices)
        params["pcs"] = pack.scheme.value
        return params

    def verify(self, pack: PackRef, *, entry_mode: EntryMode = EntryMode.SCAN) -> HubReply:
        ctx = str(uuid.uuid4())
        params = {**self._pack_params(pack), "ctx": ctx, "sid": self.application_id}
        return self._send("verify", "GET", self.pack_path(pack), params, ctx, Transaction.VERIFY)

    def transact(self, request: HubRequest) -> HubReply:
        if request.transaction is Transaction.VERIFY:
            return self.verify(request.pack, entry_mode=request.entry_mode)
        act = self.choices.act(request.transaction)
        if act is None:
            raise TransactionNotSupported(
                f"securPharm (as configured) has no action for {request.transaction.value}; "
                f"configured: {', '.join(t.value for t in self.choices.acts) or 'none'}"
            )
        if not request.client_trx_id:
            raise HubRequestError("a state change needs the client transaction id recorded in the outbox")
        params = {**self._pack_params(request.pack), "sid": self.application_id, "act": act}
        params["ctx"] = request.client_trx_id
        if request.transaction.target_state is PackState.ACTIVE:
            if not request.ref_hub_trx_id:
                raise HubRequestError(
                    "securPharm undoes a decommission by its server transaction id (trx), and none is "
                    "recorded for this pack's decommission"
                )
            params["trx"] = request.ref_hub_trx_id
        return self._send(request.transaction.value, "PUT", self.pack_path(request.pack), params,
                          request.client_trx_id, request.transaction)  # fmt: skip

    def bulk(self, requests: list[HubRequest]) -> list[HubReply]:
        """securPharm has no bulk service: one request per pack, in order."""
        return [self.transact(r) for r in requests]

    def decode(self, raw: str) -> HubReply:
        """The raw-code variant: ``GET /uis/{B64(data matrix)}``: the server parses the scan (IFA
        or GS1, with its ISO/IEC 15434 envelope) and answers ``prod``/``pack`` (SP-030)."""
        ctx = str(uuid.uuid4())
        path = f"/uis/{path_segment(self.choices.b64(raw))}"
        return self._send("decode", "GET", path, {"ctx": ctx, "sid": self.application_id}, ctx, Transaction.VERIFY)

    def _send(
        self, operation: str, method: str, path: str, params: dict[str, str], ctx: str, transaction: Transaction
    ) -> HubReply:
        try:
            resp, timing = self._t.request(operation, method, path, params=params)
        except HubAuthError:
            raise
        except HubUnavailable as exc:
            self.reachable = False
            if exc.status is not None and exc.status >= 500:
                raise HubUnavailable(
                    f"securPharm is not available (HTTP {exc.status}: maintenance or outage); {self.offline_notice}",
                    status=exc.status,
                    retry_after=exc.retry_after,
                ) from None
            raise
        self.reachable = True  # it answered ...
        try:
            return self._reply(resp, timing, ctx, transaction)
        except HubUnavailable:  # ... SP-901 on a non-5xx status: not available after all
            self.reachable = False
            raise

    def _reply(self, resp: httpx.Response, timing: CallTiming, ctx: str, transaction: Transaction) -> HubReply:
        body = json_or_none(resp)
        if not isinstance(body, dict) or not isinstance(body.get("res"), dict):
            raise HubRequestError(
                f"securPharm answered {resp.status_code} without a result: {resp.text[:200]!r}",
                status=resp.status_code,
            )
        reply = reply_from_json(body, http_status=resp.status_code, timing=timing, choices=self.choices)
        if reply.client_trx_id not in (None, ctx):
            raise HubRequestError("securPharm's reply answers another transaction (tx.ctx differs)")
        if transaction.changes_state and reply.ok and (resp.status_code != 200 or not reply.hub_trx_id):
            raise HubRequestError(
                f"securPharm did not record the {transaction.value} (HTTP {resp.status_code}, no tx)",
                status=resp.status_code,
            )
        return reply

    # ------------------------------------------------------------------ support
    def login(self) -> str:
        """Fetch a fresh token now (``hub check``): what the server said."""
        self._t._bearer(force=True)
        return f"token from {self.token_url} (realm {self.choices.realm})"

    def ping(self) -> str:
        """Is the pharmacy server there and available? Any answer to its base URL below 500
        counts; a 5xx (SP-901: maintenance) is "not available"."""
        try:
            resp = self._t._http.get("/", timeout=self._t._timeout)
        except httpx.HTTPError as exc:
            self.reachable = False
            raise HubUnavailable(f"securPharm unreachable: {type(exc).__name__}: {str(exc)[:200]}") from None
        if resp.status_code >= 500:
            self.reachable = False
            body = json_or_none(resp)
            res = body.get("res") if isinstance(body, dict) else None
            cod = f", {res.get('cod')}" if isinstance(res, dict) and res.get("cod") else ""
            raise HubUnavailable(
                f"securPharm is not available (HTTP {resp.status_code}{cod}); {self.offline_notice}",
                status=resp.status_code,
            )
        self.reachable = True
        return f"{self.base_url} answered HTTP {resp.status_code}"

    def product(self, gtin: str) -> ProductInfo | None:
        """securPharm has no product master data: None, without the network while the server is
        known to answer; when that is not known (start, after a failure) it is pinged first, so the
        station's probe learns when the server is back (HubUnavailable while it is not)."""
        if self.reachable is not True:
            self.ping()
        return None


def _state(pack: dict[str, Any], choices: SecurPharmChoices) -> tuple[PackState | None, list[str]]:
    """The pack's state word and the reasons left as detail (free text)."""
    literal = pack.get("state")
    raw = pack.get("reasons")
    reasons = [str(r) for r in raw] if isinstance(raw, list) else []
    if literal == choices.active_state:
        return PackState.ACTIVE, reasons
    if literal is None or (literal not in choices.inactive_states and not reasons):
        return None, reasons
    for i, word in enumerate(reasons):
        try:
            state = PackState(word)
        except ValueError:
            continue
        if state is not PackState.ACTIVE:
            return state, reasons[:i] + reasons[i + 1 :]
    return None, reasons


def reply_from_json(
    body: dict[str, Any], *, http_status: int, timing: CallTiming | None, choices: SecurPharmChoices
) -> HubReply:
    res = body["res"]
    cod = str(res.get("cod") or "")
    mes = str(res.get("mes") or "")
    if cod in UNAVAILABLE_CODES:
        raise HubUnavailable(
            f"securPharm is not available ({cod}{': ' + mes if mes else ''}); {EMERGENCY_PROCEDURE_DE}",
            status=http_status,
        )
    pack, prod, tx = (_object(body, name) for name in ("pack", "prod", "tx"))
    state, detail = _state(pack, choices)
    code = choices.result_codes.get(cod)
    if code is None:
        try:
            if not cod.startswith("NMVS_"):  # only an NMVS code name is taken as it is
                raise ValueError(cod)
            code = ReturnCode(cod)
        except ValueError:
            if http_status != 200 or "state" not in pack:
                raise HubRequestError(
                    f"securPharm answered an unknown result {cod or '(none)'!r}: {mes[:200]}", status=http_status
                ) from None
            # an unlisted code on a 200 with a pack state: the state speaks (metasfresh reads it so)
            code = ReturnCode.SUCCESS if state is PackState.ACTIVE else ReturnCode.ALREADY_INACTIVE
    extra = {"res.cod": cod}
    if mes:
        extra["res.mes"] = mes
    if isinstance(pack.get("reasons"), list):
        extra["reasons"] = ",".join(str(r) for r in pack["reasons"])
    if isinstance(pack.get("state"), str):
        extra["pack.state"] = pack["state"]
    hid = res.get("hid")
    stx, ctx = tx.get("stx"), tx.get("ctx")
    reply = HubReply(
        return_code=code,
        state=state,
        reason=",".join(detail) if detail else None,
        alert_id=str(hid) if hid else None,
        hub_trx_id=str(stx) if stx else None,
        client_trx_id=str(ctx) if ctx else None,
        lot=prod.get("lot") if isinstance(prod.get("lot"), str) else None,
        expiry=parse_expiry(prod.get("exp")),
        http_status=http_status,
        extra=extra,
    )
    return with_timing(reply, timing)


def _object(body: dict[str, Any], name: str) -> dict[str, Any]:
    value = body.get(name)
    return value if isinstance(value, dict) else {}


def scheme_of(pcs: str | None) -> ProductScheme:
    """``pcs`` as sent (PPN or GTIN)."""
    return ProductScheme.PPN if (pcs or "").upper() == "PPN" else ProductScheme.GTIN
