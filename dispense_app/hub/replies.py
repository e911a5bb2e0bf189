"""Turning the FMD REST protocol's JSON replies into :class:`HubReply` values."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from dispense_app.core.model import HubFault, HubProtocolError, HubReply, HubRequestError, PackState, ReturnCode

from .adapter import json_or_none, with_timing
from .timing import CallTiming


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _state(value: Any) -> PackState | None:
    try:
        return PackState(value) if value is not None else None
    except ValueError:
        return None


def reply_from_json(body: Any, *, http_status: int, timing: CallTiming | None) -> HubReply:
    if not isinstance(body, dict):
        raise HubProtocolError("the hub sent a reply that is not a JSON object", status=http_status)
    raw = body.get("return_code")
    if not isinstance(raw, str) or not raw.strip():
        raise HubProtocolError(f"the hub sent a reply without a return code ({raw!r})", status=http_status)
    code = ReturnCode(raw)  # open: a code nobody listed is kept as text and classified by its family
    product = body.get("product") if isinstance(body.get("product"), dict) else None
    extra = {
        k: str(body[k])
        for k in ("alert_class", "message", "transaction", "gtin", "serial")
        if body.get(k) not in (None, "")
    }
    if body.get("intermarket") is True:  # answered by another country's system (IntermarketFlag)
        extra["intermarket"] = "true"
    if isinstance(body.get("market"), str):
        extra["market"] = body["market"]
    if body.get("replayed") or (timing is not None and body.get("_replayed")):
        extra["replayed"] = "true"
    raw_reasons = body.get("reasons")
    reasons = tuple(str(r) for r in raw_reasons[:20]) if isinstance(raw_reasons, list) else ()
    reply = HubReply(
        reasons=reasons,
        return_code=code,
        state=_state(body.get("state")),
        reason=body.get("reason") if isinstance(body.get("reason"), str) else None,
        alert_id=body.get("alert_id") if isinstance(body.get("alert_id"), str) else None,
        hub_trx_id=body.get("hub_trx_id") if isinstance(body.get("hub_trx_id"), str) else None,
        client_trx_id=body.get("client_trx_id") if isinstance(body.get("client_trx_id"), str) else None,
        product_name=product.get("name") if product else None,
        lot=body.get("lot") if isinstance(body.get("lot"), str) else None,
        expiry=_date(body.get("expiry")),
        http_status=http_status,
        extra=extra,
    )
    return with_timing(reply, timing)


def reply_from_response(resp: httpx.Response, timing: CallTiming) -> HubReply:
    """200/404/409 carry a pack reply. Without one, 200/409 is a hub that misbehaved and 404 an
    address that is not a hub (:class:`HubFault`: never read as news about the pack); any other
    status is a request the hub refused as malformed."""
    if resp.status_code in (200, 404, 409):
        body = json_or_none(resp)
        if isinstance(body, dict) and "return_code" in body:
            reply = reply_from_json(body, http_status=resp.status_code, timing=timing)
            if resp.headers.get("x-idempotent-replay") == "true":
                reply.extra["replayed"] = "true"
            return reply
        raise not_a_hub_reply(resp)
    raise_request_error(resp)
    raise AssertionError("unreachable")  # pragma: no cover


def not_a_hub_reply(resp: httpx.Response) -> HubFault:
    """The fault for a 2xx/404/409 answer that is no hub reply (says what came, not the body)."""
    kind = resp.headers.get("content-type", "no content type").split(";")[0][:60]
    if resp.status_code == 404:
        return HubFault(
            f"the hub URL looks wrong: {resp.request.url.copy_with(query=None)} answered 404 ({kind}), not a hub "
            "reply; check the hub URL in the settings",
            kind="wrong-url",
            status=404,
        )
    return HubFault(
        f"the hub misbehaved: it answered {resp.status_code} ({kind}, {len(resp.content)} bytes) without a "
        "usable reply",
        status=resp.status_code,
    )


def raise_request_error(resp: httpx.Response) -> None:
    detail = None
    try:
        body = resp.json()
        if isinstance(body, dict):
            detail = str(body.get("detail") or body.get("error") or "")[:200]
    except ValueError:
        detail = resp.text[:200]
    raise HubRequestError(
        f"the hub refused the request ({resp.status_code}): {detail}", status=resp.status_code, detail=detail
    )
