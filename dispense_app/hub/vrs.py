"""The US DSCSA VRS adapter: GS1 US Lightweight Messaging Standard 1.3, verify only.

The request (shared/protocols/vrs-lms-1.3.md section 2.1)::

    GET {base}/verify/gtin/{GTIN14}/lot/{lot}/ser/{serial}
        ?exp=YYMMDD&linkType=verificationService&context={context}&reqGLN={GLN13}&corrUUID={uuid4}
        [&ctrlPossessAtt=true][&email=...][&telephone=...]
    GS1US-Version: 1.3.0
    {atp header}: <the ATP credential's JWT verifiable presentation, from the keyring>

``context`` follows what the user is doing (:data:`CONTEXTS`): a check at the counter (before
dispensing, or of suspect product) is ``dscsaExceptionVerification``; a pack coming back into
saleable stock is ``dscsaSaleableReturn``. US dispensers do not decommission, so
:meth:`VrsClient.transact` and :meth:`VrsClient.bulk` raise :class:`TransactionNotSupported` for
anything but verify.

The answer becomes a :class:`HubReply` whose ``extra`` keeps the VRS's own words (``protocol`` =
``vrs``, ``verified``, ``verificationFailureReason``, ``additionalInfo``, ``corrUUID``,
``responderGLN``, ``verificationTimestamp``); :mod:`dispense_app.core.vrs` turns them into the
verdict. ``return_code`` names the answer for records and the JSON contract:

| VRS answer | return code |
|---|---|
| verified (or ExpirationExtended) | NMVS_SUCCESS |
| additionalInfo Illegitimate / Suspect | VRS_Illegitimate / VRS_Suspect |
| additionalInfo Recalled / Expired | NMVS_FE_LOT_01 / NMVS_NC_PCK_02 |
| No_match_GTIN_Serial | NMVS_NC_PC_02 |
| No_match_GTIN_Serial_Lot (or _Lot_Expiry) / _Expiry | NMVS_FE_LOT_13 / NMVS_FE_LOT_12 |
| Not_for_re-distribution, Manufacturer_policy, No_reason_provided | VRS_<the reason> |
| 404 (GTIN not in the Lookup Directory: routing) | VRS_HTTP_404 |
| 403 (no permission; ATP credential expired, revoked, bad signature) | VRS_HTTP_403 |
| 401 (not authenticated) | VRS_HTTP_401 |

400 and 405 are :class:`HubRequestError` (our request is wrong); 408 and 5xx (after the transport's
retries) are :class:`HubUnavailable` with the status's meaning. 403 is never answered with a token
refresh: it is not an expired OAuth token.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
import uuid
from dataclasses import dataclass
from typing import Any, Unpack

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
from dispense_app.core.vrs import ADDITIONAL_INFO, FAILURE_REASONS, PROTOCOL

from . import atp
from .adapter import ConnectionOptions, TransportAdapter, json_or_none, transport_kwargs, with_timing
from .fmd_rest import path_segment
from .timing import CallTiming
from .transport import HubTransport

GS1US_VERSION = "1.3.0"
VERSION_HEADER = "GS1US-Version"
LINK_TYPE = "verificationService"
CONTEXTS = {"check": "dscsaExceptionVerification", "return": "dscsaSaleableReturn"}
"""``context`` by what the user is doing: checking a pack at the counter, or taking it back into
saleable stock (the only value every source shows)."""

FAILURE_CODES = {
    "No_match_GTIN_Serial": ReturnCode.SERIAL_UNKNOWN,
    "No_match_GTIN_Serial_Lot": ReturnCode.BATCH_MISMATCH,
    "No_match_GTIN_Serial_Lot_Expiry": ReturnCode.BATCH_MISMATCH,
    "No_match_GTIN_Serial_Expiry": ReturnCode.EXPIRY_MISMATCH,
    "Not_for_re-distribution": ReturnCode.VRS_NOT_FOR_REDISTRIBUTION,
    "Manufacturer_policy": ReturnCode.VRS_MANUFACTURER_POLICY,
    "No_reason_provided": ReturnCode.VRS_NO_REASON,
    "GTIN_not_registered": ReturnCode.PRODUCT_UNKNOWN,  # QU4RTET's own codes
    "GTIN_not_found": ReturnCode.PRODUCT_UNKNOWN,
}
INFO_CODES = {
    "Illegitimate": ReturnCode.VRS_ILLEGITIMATE,
    "Suspect": ReturnCode.VRS_SUSPECT,
    "Recalled": ReturnCode.BATCH_RECALLED,
    "Expired": ReturnCode.PACK_EXPIRED,
}
INFO_STATES = {"Recalled": PackState.RECALLED, "Expired": PackState.EXPIRED}
STATUS_MEANING = {
    400: "the request is not formatted properly",
    401: "not authenticated",
    403: "the requestor lacks permission, or its ATP credential is expired, revoked or badly signed",
    404: "the GTIN is not in the Lookup Directory (or its entry expired)",
    405: "method not allowed",
    408: "request time-out",
    500: "internal error at the VRS",
    502: "an upstream VRS (the manufacturer's) failed",
    503: "the VRS is in maintenance or temporarily unavailable",
    504: "gateway time-out after retries",
}
"""HTTP statuses of LMS 1.3 (notes section 4)."""


@dataclass(frozen=True, slots=True)
class VrsConnectivity:
    """The answer to ``checkConnectivity``: ``ok`` with the responder's GLN, or why not."""

    ok: bool
    status: int | None
    message: str
    responder_gln: str | None = None
    total_ms: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "status": self.status,
            "message": self.message,
            "responder_gln": self.responder_gln,
            "total_ms": self.total_ms,
        }


class VrsClient(TransportAdapter):
    """One VRS endpoint. ``base_url`` is the part before ``/verify/...``.

    ``atp_credential``: the JWT verifiable presentation (from the keyring), sent in ``atp_header``.
    ``contact_email`` / ``contact_phone``: the requestor's contact (1.3 ``email`` / ``telephone``).
    ``check_gtin``: the GTIN ``checkConnectivity`` asks about when none is given.
    """

    def __init__(
        self,
        base_url: str,
        *,
        requester_gln: str | None = None,
        atp_credential: str | None = None,
        atp_header: str | None = None,
        contact_email: str | None = None,
        contact_phone: str | None = None,
        check_gtin: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        token_path: str = "/oauth/token",  # noqa: S107 - a URL path
        **options: Unpack[ConnectionOptions],
    ) -> None:
        self.requester_gln = requester_gln
        self.atp_credential = atp_credential
        self.atp_header = atp_header or atp.DEFAULT_HEADER
        self.contact_email = contact_email
        self.contact_phone = contact_phone
        self.check_gtin = check_gtin
        parts = urllib.parse.urlsplit(base_url.rstrip("/"))
        origin = f"{parts.scheme}://{parts.netloc}"
        self._prefix = parts.path  # e.g. /vrs
        self._t = HubTransport(
            origin,
            client_id=client_id,
            client_secret=client_secret,
            token_path=token_path,
            refresh_on=(401,),  # a 403 is a permission/ATP problem: a new token cannot help
            **transport_kwargs(options),
        )

    def _headers(self) -> dict[str, str]:
        headers = {VERSION_HEADER: GS1US_VERSION}
        if self.atp_credential:
            headers[self.atp_header] = self.atp_credential
        return headers

    def request_for(
        self, pack: PackRef, *, purpose: str = "check", corr: str | None = None
    ) -> tuple[str, dict[str, str]]:
        """The path and query parameters of the verify request for ``pack``."""
        if pack.scheme is not ProductScheme.GTIN:
            raise HubRequestError("VRS verifies by GTIN only")
        if pack.lot is None or pack.expiry is None:
            raise HubRequestError("VRS verification needs the batch and the expiry date")
        if purpose not in CONTEXTS:
            raise ValueError(f"purpose must be one of {sorted(CONTEXTS)}")
        q = path_segment
        path = f"{self._prefix}/verify/gtin/{q(pack.product_code)}/lot/{q(pack.lot)}/ser/{q(pack.serial)}"
        params = {
            "exp": pack.expiry.strftime("%y%m%d"),
            "linkType": LINK_TYPE,
            "context": CONTEXTS[purpose],
        }
        if self.requester_gln:
            params["reqGLN"] = self.requester_gln
        params["corrUUID"] = corr or str(uuid.uuid4())
        params["ctrlPossessAtt"] = "true"  # the pack is in the pharmacy's hands at the counter
        if self.contact_email:
            params["email"] = self.contact_email
        if self.contact_phone:
            params["telephone"] = self.contact_phone
        return path, params

    def verify(self, pack: PackRef, *, entry_mode: EntryMode = EntryMode.SCAN, purpose: str = "check") -> HubReply:
        """Verify one pack. ``purpose``: ``check`` (at the counter) or ``return`` (saleable return)."""
        path, params = self.request_for(pack, purpose=purpose)
        corr = params["corrUUID"]
        try:
            resp, timing = self._t.request("vrs-verify", "GET", path, params=params, headers=self._headers())
        except HubAuthError as exc:  # 401 after one token refresh, or the token endpoint said no
            return self._refusal(401, corr, None, detail=str(exc))
        except HubUnavailable as exc:
            raise _explained(exc) from None
        status = resp.status_code
        if status in (401, 403, 404):
            return self._refusal(status, corr, timing)
        if status != 200:
            meaning = STATUS_MEANING.get(status, "unexpected answer")
            if status == 408:
                raise HubUnavailable(f"VRS: {meaning} (408); check the connection and verify again", status=408)
            raise HubRequestError(f"VRS refused the request ({status}): {meaning}", status=status)
        try:
            body = resp.json()
        except ValueError:
            raise HubRequestError("VRS sent a 200 without JSON", status=200) from None
        return vrs_reply(body, corr, timing)

    def _refusal(self, status: int, corr: str, timing: CallTiming | None, *, detail: str | None = None) -> HubReply:
        """401/403/404: no answer about the pack; the reply says why (core/vrs.py REFUSAL_RULES)."""
        extra = {"protocol": PROTOCOL, "corrUUID": corr, "vrs_status": str(status), "vrs": STATUS_MEANING[status]}
        code = {401: ReturnCode.VRS_NOT_AUTHENTICATED, 403: ReturnCode.VRS_CREDENTIAL_REFUSED}.get(
            status, ReturnCode.VRS_NO_ROUTE
        )
        if detail:
            extra["detail"] = detail
        if status == 403:
            extra.update(self.credential_diagnosis())
        return with_timing(HubReply(return_code=code, reason=extra["vrs"], http_status=status, extra=extra), timing)

    def credential_diagnosis(self, now: dt.datetime | None = None) -> dict[str, str]:
        """Which 403 this is, as far as the station can tell: ``atp-missing`` (none configured),
        ``atp-expired`` (its own expiry is past, with ``atp_expiry``), else ``refused`` (permission,
        revocation or signature: only the credential provider or the VRS provider can say)."""
        if not self.atp_credential:
            return {"vrs_403": "atp-missing"}
        try:
            expires = atp.expiry(self.atp_credential)
        except atp.NotAJwt:
            return {"vrs_403": "refused"}
        if expires is not None and expires <= (now or dt.datetime.now(dt.UTC)):
            return {"vrs_403": "atp-expired", "atp_expiry": expires.date().isoformat()}
        return {"vrs_403": "refused"}

    def atp_credential_expiry(self) -> dt.datetime | None:
        """When the stored ATP credential expires (None: none stored, unreadable, or no expiry in
        it), for ``dispense-app hub check``'s credential line."""
        if not self.atp_credential:
            return None
        try:
            return atp.expiry(self.atp_credential)
        except atp.NotAJwt:
            return None

    def check_connectivity(self, gtin: str | None = None) -> VrsConnectivity:
        """``GET {base}/checkConnectivity?gtin&reqGLN&context``: can the VRS route a request for
        ``gtin`` (default: ``check_gtin``) to its responder? Never raises for what the VRS or the
        network answers; the result says it (for ``dispense-app hub check``)."""
        params = {"context": CONTEXTS["check"]}
        if gtin or self.check_gtin:
            params["gtin"] = str(gtin or self.check_gtin)
        if self.requester_gln:
            params["reqGLN"] = self.requester_gln
        try:
            resp, timing = self._t.request(
                "vrs-check", "GET", f"{self._prefix}/checkConnectivity", params=params, headers=self._headers()
            )
        except HubAuthError as exc:
            return VrsConnectivity(False, exc.status or 401, f"VRS: not authenticated ({exc})")
        except HubUnavailable as exc:
            return VrsConnectivity(False, exc.status, str(_explained(exc)))
        ms = round(timing.total_ms, 1)
        if resp.status_code == 200:
            body = json_or_none(resp)
            gln = body.get("responderGLN") if isinstance(body, dict) else None
            return VrsConnectivity(True, 200, f"VRS reachable; responder {gln or 'not named'}", gln, ms)
        status = resp.status_code
        meaning = STATUS_MEANING.get(status, "unexpected answer")
        if status == 403:
            which = self.credential_diagnosis()["vrs_403"]
            meaning += {
                "atp-missing": " (no ATP credential configured)",
                "atp-expired": " (our ATP credential expired)",
            }.get(which, "")
        return VrsConnectivity(False, status, f"VRS answered {status}: {meaning}", total_ms=ms)

    def transact(self, request: HubRequest) -> HubReply:
        if request.transaction is Transaction.VERIFY:
            return self.verify(request.pack, entry_mode=request.entry_mode)
        raise TransactionNotSupported(
            f"the US VRS is verify only: {request.transaction.value} is not sent (US dispensers do not decommission)"
        )

    def bulk(self, requests: list[HubRequest]) -> list[HubReply]:
        bad = [r.transaction.value for r in requests if r.transaction is not Transaction.VERIFY]
        if bad:
            raise TransactionNotSupported(f"the US VRS is verify only: {sorted(set(bad))} are not sent")
        return [self.verify(r.pack, entry_mode=r.entry_mode) for r in requests]

    def product(self, gtin: str) -> ProductInfo | None:
        """VRS has no product master data."""
        return None


def _explained(exc: HubUnavailable) -> HubUnavailable:
    """A transport failure with the LMS meaning of its status, where it has one."""
    if exc.status in STATUS_MEANING:
        advice = "verify again later; contact your VRS provider if it persists"
        return HubUnavailable(
            f"VRS: {STATUS_MEANING[exc.status]} ({exc.status}); {advice}",
            status=exc.status,
            retry_after=exc.retry_after,
        )
    return exc


def _known(value: str, known: tuple[str, ...]) -> str:
    return next((k for k in known if k.casefold() == value.casefold()), value)


def vrs_reply(body: Any, corr: str, timing: CallTiming | None) -> HubReply:
    """The 200 answer as a HubReply (its VRS fields in ``extra``)."""
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("verified"), bool):
        raise HubRequestError("VRS reply has no data.verified")
    if body.get("corrUUID") not in (None, "", corr):
        raise HubRequestError("VRS reply answers another request (corrUUID differs)")
    reason = data.get("verificationFailureReason")
    info = data.get("additionalInfo")
    reason_s = _known(str(reason), FAILURE_REASONS) if reason not in (None, "") else None
    info_s = _known(str(info), ADDITIONAL_INFO) if info not in (None, "") else None
    code = ReturnCode.SUCCESS
    if info_s in INFO_CODES:
        code = INFO_CODES[info_s]
    elif not data["verified"]:
        code = FAILURE_CODES.get(reason_s or "No_reason_provided", ReturnCode.VRS_NO_REASON)
    extra = {"protocol": PROTOCOL, "corrUUID": corr, "verified": str(data["verified"]).lower()}
    if reason_s:
        extra["verificationFailureReason"] = reason_s
    if info_s:
        extra["additionalInfo"] = info_s
    for key in ("verificationTimestamp", "responderGLN", "description"):
        if isinstance(body.get(key), str):
            extra[key] = body[key]
    reply = HubReply(
        return_code=code,
        state=INFO_STATES.get(info_s or ""),
        reason=" ".join(v for v in (reason_s, info_s) if v) or None,
        http_status=200,
        extra=extra,
    )
    return with_timing(reply, timing)
