"""The FMD REST adapter (docs/hub-protocol.md): the :class:`HubClient` for EU-style national systems."""

from __future__ import annotations

import urllib.parse
from itertools import groupby
from typing import Unpack

from dispense_app.core.model import (
    EntryMode,
    HubFault,
    HubReply,
    HubRequest,
    HubRequestError,
    PackRef,
    ProductInfo,
    Transaction,
)

from .adapter import TransportAdapter, TransportOptions, json_or_none, transport_kwargs
from .replies import raise_request_error, reply_from_json, reply_from_response
from .transport import MAX_REPLY_BYTES, HubTransport

ENTRY_MODE_HEADER = "X-Data-Entry-Mode"
LOCATION_HEADER = "X-Location-Id"
TRX_HEADER = "X-Client-Trx-Id"
MAX_BULK = 10_000
BULK_ITEM_BYTES = 4096  # what one bulk result may take on top of MAX_REPLY_BYTES (a real one: ~300 bytes)


def _header_safe(value: str) -> bool:
    return 1 <= len(value) <= 100 and all(" " <= c <= "~" for c in value)


def path_segment(text: str) -> str:
    """Percent-encode one path segment completely, dots included: a serial "." or ".." is legal
    (GS1 set 82) and must not be read as a dot-segment and normalised away."""
    return urllib.parse.quote(text, safe="").replace(".", "%2E")


def pack_path(pack: PackRef) -> str:
    return f"/v1/packs/{pack.scheme.value}/{path_segment(pack.product_code)}/{path_segment(pack.serial)}"


def pack_params(pack: PackRef) -> dict[str, str]:
    params: dict[str, str] = {}
    if pack.lot is not None:
        params["batch"] = pack.lot
    if pack.expiry is not None:
        params["expiry"] = pack.expiry.isoformat()
    return params


class FmdRestClient(TransportAdapter):
    """One FMD REST hub. Construct once per hub and reuse (it keeps one connection pool).

    ``client_id``/``client_secret``: OAuth2 client credentials (the secret comes from the keyring,
    see :func:`dispense_app.hub.factory.make_client`); without them no token is sent. The
    connection settings (TLS files, timeouts, retries, deadlines): :class:`.adapter.TransportOptions`.
    """

    def __init__(
        self,
        base_url: str,
        *,
        location_id: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        **options: Unpack[TransportOptions],
    ) -> None:
        self.location_id = location_id
        self._t = HubTransport(
            base_url, client_id=client_id, client_secret=client_secret, **transport_kwargs(options)
        )

    def _headers(self, entry_mode: EntryMode, trx_id: str | None = None) -> dict[str, str]:
        for name, value in (("location id", self.location_id), ("client transaction id", trx_id)):
            if value and not _header_safe(value):
                raise HubRequestError(f"the {name} must be 1-100 printable ASCII characters: {value!r}")
        headers = {ENTRY_MODE_HEADER: entry_mode.value}
        if self.location_id:
            headers[LOCATION_HEADER] = self.location_id
        if trx_id:
            headers[TRX_HEADER] = trx_id
        return headers

    def verify(self, pack: PackRef, *, entry_mode: EntryMode = EntryMode.SCAN) -> HubReply:
        resp, timing = self._t.request(
            "verify", "GET", pack_path(pack), params=pack_params(pack), headers=self._headers(entry_mode)
        )
        return reply_from_response(resp, timing)

    def transact(self, request: HubRequest) -> HubReply:
        if request.transaction is Transaction.VERIFY:
            return self.verify(request.pack, entry_mode=request.entry_mode)
        if not request.client_trx_id:
            raise HubRequestError("a state change needs the client transaction id recorded in the outbox")
        target = request.transaction.target_state
        assert target is not None
        resp, timing = self._t.request(
            request.transaction.value,
            "PATCH",
            pack_path(request.pack),
            params=pack_params(request.pack),
            headers=self._headers(request.entry_mode, request.client_trx_id),
            json={"state": target.value, "transaction": request.transaction.value},
        )
        return reply_from_response(resp, timing)

    def bulk(self, requests: list[HubRequest]) -> list[HubReply]:
        """Many packs in as few requests as possible (runs of the same entry mode, 10,000 each)."""
        replies: list[HubReply] = []
        for mode, run in groupby(requests, key=lambda r: r.entry_mode):
            chunk_src = list(run)
            for start in range(0, len(chunk_src), MAX_BULK):
                replies.extend(self._bulk_chunk(mode, chunk_src[start : start + MAX_BULK]))
        return replies

    def _bulk_chunk(self, mode: EntryMode, chunk: list[HubRequest]) -> list[HubReply]:
        items = []
        for r in chunk:
            if r.transaction.changes_state and not r.client_trx_id:
                raise HubRequestError("a state change needs the client transaction id recorded in the outbox")
            item: dict[str, str] = {
                "transaction": r.transaction.value,
                "scheme": r.pack.scheme.value,
                "product_code": r.pack.product_code,
                "serial": r.pack.serial,
            }
            if r.pack.lot is not None:
                item["batch"] = r.pack.lot
            if r.pack.expiry is not None:
                item["expiry"] = r.pack.expiry.isoformat()
            if r.client_trx_id:
                if not _header_safe(r.client_trx_id):
                    raise HubRequestError(f"client transaction id must be printable ASCII: {r.client_trx_id!r}")
                item["client_trx_id"] = r.client_trx_id
            items.append(item)
        resp, _timing = self._t.request(
            "bulk", "POST", "/v1/bulk", headers=self._headers(mode), json={"items": items},
            max_bytes=MAX_REPLY_BYTES + BULK_ITEM_BYTES * len(items),
        )
        if resp.status_code != 200:
            raise_request_error(resp)
        return _bulk_replies(json_or_none(resp), chunk)

    def product(self, gtin: str) -> ProductInfo | None:
        resp, _ = self._t.request("product", "GET", f"/v1/products/{path_segment(gtin)}")
        if resp.status_code == 404:
            return None
        if resp.status_code != 200:
            raise_request_error(resp)
        body = resp.json()
        return ProductInfo(
            gtin=str(body.get("gtin") or gtin),
            name=body.get("name"),
            strength=body.get("strength"),
            form=body.get("form"),
            pack_size=body.get("pack_size"),
            pzn=body.get("pzn"),
        )



def _bulk_replies(body: object, chunk: list[HubRequest]) -> list[HubReply]:
    """The bulk results matched to ``chunk`` by ``client_trx_id`` (issue 16: never by position for
    a state change; a hub may answer in any order). A result list that does not match the request
    one to one, a missing, unknown or repeated id, or a result without a usable status: the hub
    misbehaved and nothing of this chunk counts as answered. Verifies carry no id: their results
    (those without one) are taken in order."""
    results = body.get("results") if isinstance(body, dict) else None
    if not isinstance(results, list) or len(results) != len(chunk):
        raise HubFault(
            "the hub misbehaved: its bulk reply does not match the request (results missing or of another "
            "length); nothing was taken from it"
        )
    by_id: dict[str, HubReply] = {}
    unnamed: list[HubReply] = []
    for res in results:
        reply = _bulk_result(res)
        trx = reply.client_trx_id
        if trx is None:
            unnamed.append(reply)
        elif trx in by_id:
            raise HubFault(f"the hub misbehaved: two bulk results carry client_trx_id {trx[:100]}")
        else:
            by_id[trx] = reply
    out: list[HubReply] = []
    for req in chunk:
        found = by_id.pop(req.client_trx_id, None) if req.client_trx_id else (unnamed.pop(0) if unnamed else None)
        if found is None:
            raise HubFault(f"the hub misbehaved: no bulk result for client_trx_id {req.client_trx_id or '(none)'}")
        out.append(found)
    return out


def _bulk_result(res: object) -> HubReply:
    if not isinstance(res, dict):
        raise HubFault("the hub misbehaved: a bulk result is not a JSON object")
    status = res.get("status", 200)
    if isinstance(status, bool) or not isinstance(status, int | str) or not str(status).isdigit():
        raise HubFault(f"the hub misbehaved: a bulk result has the status {str(status)[:40]!r}")
    return reply_from_json(res, http_status=int(status), timing=None)
