"""What every simulator endpoint shares: problem replies, the fault/loopback wrapper, the
Server-Timing middleware, JSON bodies, token checks, a path convertor that spans newlines."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import math
import time
import urllib.parse
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.convertors import Convertor, register_url_convertor
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .state import SimulatorState

Handler = Callable[[Request, "SimulatorState"], Awaitable[Response]]


class _AnyPath(Convertor[str]):
    """Like Starlette's ``path`` but also across newlines: a decoded path may hold a "\n" (%0A)
    from a mistyped serial, and such a request must get a 422 from us, not a routing 404."""

    regex = r"[\s\S]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("anypath", _AnyPath())


# --- helpers -------------------------------------------------------------------------------------


def problem(status: int, error: str, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "detail": detail}, status_code=status, headers=headers)


class BadInput(ValueError):
    pass


def is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback
    return ip.is_loopback


def timed(
    handler: Handler, *, api: bool, public: bool = False, outage: Callable[[], Response] | None = None
) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a handler: faults (API only), request counting, the loopback check for admin endpoints.

    ``api``: a hub endpoint (counted, subject to faults); else an admin endpoint (loopback only)
    unless ``public`` (the OpenAPI document). ``outage``: the face's own answer during an outage
    (default: 503 with a problem body)."""

    async def endpoint(request: Request) -> Response:
        sim: SimulatorState = request.app.state.sim
        sim.enter()
        try:
            if api and outage is not None and sim.faults.outage:
                sim.count_request()
                return outage()
            return await _handle(request, sim, handler, api=api, public=public)
        finally:
            sim.leave()

    return endpoint


class ServerTiming:
    """ASGI middleware: ``Server-Timing: app;dur=<ms>`` from the moment the application gets the
    request (routing included) to the moment the response starts."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                elapsed = (time.perf_counter() - started) * 1000
                MutableHeaders(scope=message).append("Server-Timing", f"app;dur={elapsed:.3f}")
            await send(message)

        await self.app(scope, receive, timed_send)


async def _handle(request: Request, sim: SimulatorState, handler: Handler, *, api: bool, public: bool) -> Response:
    """Faults first (API endpoints), the loopback check (admin endpoints), then the handler."""
    if api:
        sim.count_request()
        if sim.faults.outage:
            return problem(503, "outage", "the hub is down for maintenance", {"Retry-After": "30"})
        if sim.faults.latency_ms > 0:
            # the whole request has arrived before the hub is slow: read it first, so a client
            # that gives up meanwhile still leaves a request the hub carries out
            await request.body()
            await asyncio.sleep(sim.faults.latency_ms / 1000)
        wait = sim.rate_limited()
        if wait is not None:
            retry_after = str(max(1, math.ceil(wait)))
            return problem(429, "rate_limited", "too many requests", {"Retry-After": retry_after})
        if sim.random_error():
            return problem(500, "internal_error", "injected fault")
        faults = sim.faults
        if faults.hostile:
            from .hostile import mangle, refusal

            refused = refusal(faults)
            if refused is not None:
                return refused
            try:
                answer = await handler(request, sim)
            except BadInput as exc:
                answer = problem(422, "invalid_request", str(exc))
            return mangle(answer, faults)
    elif not public and not is_loopback(request):
        return problem(403, "forbidden", "admin endpoints answer loopback clients only")
    try:
        return await handler(request, sim)
    except BadInput as exc:
        return problem(422, "invalid_request", str(exc))


async def json_body(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        raise BadInput("the body is not valid JSON") from None


def auth_failure(sim: SimulatorState, request: Request) -> tuple[Response | None, str]:
    status, client_id = sim.token_status(request)
    if status == "ok":
        return None, client_id
    detail = {"missing": "a bearer token is required", "invalid": "unknown token", "expired": "token expired"}[status]
    return (
        problem(
            401,
            "invalid_token",
            detail,
            {"WWW-Authenticate": f'Bearer error="invalid_token", error_description="{detail}"'},
        ),
        "",
    )


def raw_segments(request: Request, prefix: str) -> list[str]:
    """Path segments after ``prefix``, percent-decoded one by one (so a serial may hold "/")."""
    raw: bytes = request.scope.get("raw_path") or request.url.path.encode()
    text = raw.decode("latin-1").split("?", 1)[0]
    if not text.startswith(prefix):
        raise BadInput("unexpected path")
    try:
        return [urllib.parse.unquote(s, errors="strict") for s in text[len(prefix) :].split("/")]
    except UnicodeDecodeError:
        raise BadInput("the path is not valid percent-encoded UTF-8") from None
