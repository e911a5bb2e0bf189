"""A hostile hub: the misbehaviour of issue 16, switched on through ``POST /_admin/faults``.

Each mode is one field of :class:`~.state.Faults` (off at its default). Modes that replace an
answer (``nest_depth``, ``garbage``, ``return_code``, ``state``, ``oversize_bytes``,
``reverse_bulk``, ``bulk_status``, ``trickle_bytes_per_s``,
``trickle_headers_bytes_per_s``) act *after* the request was carried out, like a hub whose
answer goes wrong on the way back; ``retry_after`` and ``redirect`` refuse before anything happens.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from starlette.responses import Response, StreamingResponse

from .state import Faults

REDIRECTS = frozenset({301, 302, 303, 307, 308})
FIELDS: dict[str, type] = {
    "trickle_bytes_per_s": float,
    "trickle_headers_bytes_per_s": float,
    "oversize_bytes": int,
    "reverse_bulk": bool,
    "retry_after": str,
    "nest_depth": int,
    "garbage": bool,
    "redirect": int,
    "return_code": str,
    "state": str,
    "bulk_status": str,
}
MAX_OVERSIZE = 512 * 1024 * 1024
MAX_NEST = 10_000_000


def check(values: dict[str, Any]) -> dict[str, Any]:
    """The hostile fields of an admin request, typed and checked; raises ValueError."""
    out: dict[str, Any] = {}
    for name, kind in FIELDS.items():
        if name not in values:
            continue
        value = values[name]
        if kind is bool:
            if not isinstance(value, bool):
                raise ValueError(f"{name} must be true or false")
        elif kind is str:
            if not isinstance(value, str) or len(value) > 200:
                raise ValueError(f"{name} must be a string")
        else:
            value = kind(value or 0)
            if value < 0:
                raise ValueError(f"{name} must be >= 0")
        out[name] = value
    if out.get("redirect") and out["redirect"] not in REDIRECTS:
        raise ValueError(f"redirect must be one of {sorted(REDIRECTS)}")
    if out.get("oversize_bytes", 0) > MAX_OVERSIZE or out.get("nest_depth", 0) > MAX_NEST:
        raise ValueError("oversize_bytes is capped at 512 MiB, nest_depth at 10,000,000")
    return out


def refusal(faults: Faults) -> Response | None:
    """An answer given before the request is carried out (rate limit, redirect), or None."""
    if faults.retry_after:
        body = b'{"error": "rate_limited", "detail": "too many requests"}'
        return Response(body, 429, {"Retry-After": faults.retry_after}, media_type="application/json")
    if faults.redirect:
        return Response(b"", faults.redirect, {"Location": "/elsewhere"})
    return None


def _pack_reply(item: Any, faults: Faults, share: int = 1) -> Any:
    if not isinstance(item, dict) or "return_code" not in item:
        return item
    if faults.return_code:
        item["return_code"] = faults.return_code
    if faults.state:
        item["state"] = faults.state
    if faults.oversize_bytes:  # a bulk reply's results share the size: the whole body is that large
        item["reason"] = "x" * max(1, faults.oversize_bytes // share)
    return item


def _mangle_json(body: Any, faults: Faults) -> Any:
    if isinstance(body, dict) and isinstance(body.get("results"), list):
        share = max(1, len(body["results"]))
        results = [_pack_reply(r, faults, share) for r in body["results"]]
        if faults.bulk_status:
            for r in results:
                if isinstance(r, dict):
                    r["status"] = faults.bulk_status
        body["results"] = results[::-1] if faults.reverse_bulk else results
        return body
    return _pack_reply(body, faults)


def _payload(response: Response, faults: Faults) -> tuple[bytes, str]:
    if faults.garbage:
        return b"<html><body><h1>Welcome to nginx!</h1></body></html>", "text/html"
    if faults.nest_depth:
        return b"[" * faults.nest_depth + b"]" * faults.nest_depth, "application/json"
    body = bytes(response.body)
    media = response.headers.get("content-type", "application/json")
    if faults.return_code or faults.state or faults.oversize_bytes or faults.reverse_bulk or faults.bulk_status:
        try:
            data = json.loads(body)
        except ValueError:
            return body, media
        body = json.dumps(_mangle_json(data, faults)).encode()
    return body, media


async def _dribble(body: bytes, per_s: float) -> AsyncIterator[bytes]:
    step = max(1, int(per_s / 10))  # ten writes a second
    for start in range(0, len(body), step):
        yield body[start : start + step]
        await asyncio.sleep(step / per_s)


def mangle(response: Response, faults: Faults) -> Response:
    """The hub's real ``response`` as the hostile modes turn it."""
    body, media = _payload(response, faults)
    headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")}
    status = 200 if faults.garbage or faults.nest_depth else response.status_code
    if faults.trickle_headers_bytes_per_s:  # paced by the connection's transport (.slow_wire)
        from .slow_wire import MARKER

        headers[MARKER.decode()] = str(faults.trickle_headers_bytes_per_s)
    if faults.trickle_bytes_per_s:
        headers["Content-Length"] = str(len(body))
        return StreamingResponse(
            _dribble(body, faults.trickle_bytes_per_s), status, headers=headers, media_type=media
        )
    return Response(body, status, headers=headers, media_type=media)
