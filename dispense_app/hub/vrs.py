"""The US DSCSA VRS adapter (GS1 US Lightweight Messaging 1.3): verify only.

US dispensers verify saleable returns but do not decommission, so :meth:`VrsClient.transact` and
:meth:`VrsClient.bulk` raise :class:`TransactionNotSupported` for anything but verify. The VRS answer
is mapped onto the shared :class:`HubReply` (the raw VRS fields stay in ``reply.extra``):

| VRS answer | return code |
|---|---|
| verified, no additional info | NMVS_SUCCESS |
| verified, additionalInfo Recalled | NMVS_FE_LOT_01 |
| verified, additionalInfo Expired | NMVS_NC_PCK_02 |
| No_match_GTIN_Serial | NMVS_NC_PC_02 |
| No_match_GTIN_Serial_Lot (or _Lot_Expiry) | NMVS_FE_LOT_13 |
| No_match_GTIN_Serial_Expiry | NMVS_FE_LOT_12 |
| any other failure reason | NMVS_NC_PCK_22 |
| 404 (GTIN not in the lookup directory) | NMVS_NC_PC_01 |
"""

from __future__ import annotations

import urllib.parse
import uuid
from typing import Any

from dispense_app.core.model import (
    EntryMode,
    HubAuthError,
    HubReply,
    HubRequest,
    HubRequestError,
    PackRef,
    ProductInfo,
    ProductScheme,
    ReturnCode,
    Transaction,
    TransactionNotSupported,
)

from .fmd_rest import path_segment
from .replies import raise_request_error
from .timing import CallStats, CallTiming
from .transport import HubTransport, TlsSettings

GS1US_VERSION = "1.3"

FAILURE_CODES = {
    "No_match_GTIN_Serial": ReturnCode.SERIAL_UNKNOWN,
    "No_match_GTIN_Serial_Lot": ReturnCode.BATCH_MISMATCH,
    "No_match_GTIN_Serial_Lot_Expiry": ReturnCode.BATCH_MISMATCH,
    "No_match_GTIN_Serial_Expiry": ReturnCode.EXPIRY_MISMATCH,
}
INFO_CODES = {"Recalled": ReturnCode.BATCH_RECALLED, "Expired": ReturnCode.PACK_EXPIRED}


class VrsClient:
    """One VRS endpoint. ``base_url`` is the part before ``/verify/...``."""

    def __init__(
        self,
        base_url: str,
        *,
        requester_gln: str | None = None,
        context: str = "dscsaSaleableReturn",
        client_id: str | None = None,
        client_secret: str | None = None,
        ca_bundle: str | None = None,
        client_cert: str | None = None,
        client_key: str | None = None,
        cert_passphrase: str | None = None,
        connect_timeout: float = 2.0,
        read_timeout: float = 5.0,
        retries: int = 2,
        backoff_s: float = 0.1,
        max_retry_wait: float = 5.0,
        deadline_s: float | None = 6.0,
        token_path: str = "/oauth/token",  # noqa: S107 - a URL path
    ) -> None:
        self.requester_gln = requester_gln
        self.context = context
        parts = urllib.parse.urlsplit(base_url.rstrip("/"))
        origin = f"{parts.scheme}://{parts.netloc}"
        self._prefix = parts.path  # e.g. /vrs
        self._t = HubTransport(
            origin,
            tls=TlsSettings(ca_bundle, client_cert, client_key, cert_passphrase),
            client_id=client_id,
            client_secret=client_secret,
            token_path=token_path,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            retries=retries,
            backoff_s=backoff_s,
            max_retry_wait=max_retry_wait,
            deadline_s=deadline_s,
            refresh_on=(401, 403),  # VRS: 403 means an expired credential
        )

    @property
    def stats(self) -> CallStats:
        return self._t.stats

    def verify(self, pack: PackRef, *, entry_mode: EntryMode = EntryMode.SCAN) -> HubReply:
        if pack.scheme is not ProductScheme.GTIN:
            raise HubRequestError("VRS verifies by GTIN only")
        if pack.lot is None or pack.expiry is None:
            raise HubRequestError("VRS verification needs the batch and the expiry date")
        q = path_segment
        path = f"{self._prefix}/verify/gtin/{q(pack.product_code)}/lot/{q(pack.lot)}/ser/{q(pack.serial)}"
        corr = str(uuid.uuid4())
        params = {
            "exp": pack.expiry.strftime("%y%m%d"),
            "linkType": "verificationService",
            "context": self.context,
            "corrUUID": corr,
        }
        if self.requester_gln:
            params["reqGLN"] = self.requester_gln
        try:
            resp, timing = self._t.request(
                "vrs-verify", "GET", path, params=params, headers={"GS1US-Version": GS1US_VERSION}
            )
        except HubAuthError as exc:
            raise HubAuthError(f"VRS refused our credential: {exc}", status=exc.status) from None
        if resp.status_code == 404:
            return HubReply(
                return_code=ReturnCode.PRODUCT_UNKNOWN,
                http_status=404,
                server_ms=timing.server_ms,
                total_ms=timing.total_ms,
                extra={"corrUUID": corr, "vrs": "GTIN not in the lookup directory"},
            )
        if resp.status_code != 200:
            raise_request_error(resp)
        try:
            body = resp.json()
        except ValueError:
            raise HubRequestError("VRS sent a 200 without JSON", status=200) from None
        return vrs_reply(body, corr, timing)

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

    def close(self) -> None:
        self._t.close()

    def __enter__(self) -> VrsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def vrs_reply(body: Any, corr: str, timing: CallTiming | None) -> HubReply:
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("verified"), bool):
        raise HubRequestError("VRS reply has no data.verified")
    if body.get("corrUUID") not in (None, "", corr):
        raise HubRequestError("VRS reply answers another request (corrUUID differs)")
    reason = data.get("verificationFailureReason")
    info = data.get("additionalInfo")
    if data["verified"]:
        code = INFO_CODES.get(str(info), ReturnCode.SUCCESS)
    else:
        code = FAILURE_CODES.get(str(reason), ReturnCode.ALREADY_INACTIVE)
    extra = {"corrUUID": corr, "verified": str(data["verified"]).lower()}
    for key, value in (("verificationFailureReason", reason), ("additionalInfo", info)):
        if value is not None:
            extra[key] = str(value)
    for key in ("verificationTimestamp", "responderGLN"):
        if isinstance(body.get(key), str):
            extra[key] = body[key]
    return HubReply(
        return_code=code,
        reason=str(reason or info) if (reason or info) else None,
        http_status=200,
        server_ms=timing.server_ms if timing else None,
        total_ms=timing.total_ms if timing else None,
        extra=extra,
    )
