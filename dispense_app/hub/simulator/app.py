"""The simulator's HTTP face: one Starlette app with the FMD REST protocol (:mod:`.fmd_api`,
docs/hub-protocol.md), the US VRS Lightweight Messaging 1.3 verify endpoint (:mod:`.vrs_api`), securPharm below
``/securpharm`` (:mod:`.securpharm_api`), the loopback-only ``/_admin`` endpoints (:mod:`.admin_api`)
and its OpenAPI document.

All pack decisions happen in :mod:`.rules` through :mod:`.repository`; the endpoints parse requests,
and :mod:`.http_common` applies the configured faults (latency, outage, rate limit, random errors)
and adds a ``Server-Timing`` header with the hub's own processing time.
"""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import securpharm_api as sp
from .admin_api import (
    admin_alerts,
    admin_clock,
    admin_faults,
    admin_pack,
    admin_recall,
    admin_rules,
    admin_seed,
    admin_stats,
)
from .fmd_api import bulk_endpoint, pack_endpoint, product_endpoint, token_endpoint
from .http_common import Handler, ServerTiming, timed
from .nmvs_api import nmvs_endpoint
from .openapi import openapi_document
from .state import AuthConfig, Faults, SimulatorState
from .vrs_api import admin_vrs, gs1_date, vrs_connectivity_endpoint, vrs_verify_endpoint

__all__ = ["AuthConfig", "Faults", "SimulatorState", "create_app", "gs1_date"]


async def openapi_endpoint(request: Request, sim: SimulatorState) -> Response:
    return JSONResponse(openapi_document(str(request.base_url).rstrip("/")))


VRS_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]  # the /vrs face answers 405 itself (no body)


def securpharm_routes() -> list[Route]:
    """The securPharm face below ``/securpharm`` (:mod:`.securpharm_api`)."""

    def api(handler: Handler) -> Any:
        return timed(handler, api=True, outage=sp.outage_reply)

    token = "/securpharm/auth/realms/{realm}/protocol/openid-connect/token"  # noqa: S105 - a path
    return [
        Route(token, api(sp.token_endpoint), methods=["POST"]),
        Route("/securpharm", api(sp.service_endpoint), methods=["GET"]),
        Route("/securpharm/", api(sp.service_endpoint), methods=["GET"]),
        Route("/securpharm/uis/{rest:anypath}", api(sp.uis_endpoint), methods=["GET"]),
        Route("/securpharm/products/{rest:anypath}", api(sp.pack_endpoint), methods=["GET", "PUT"]),
    ]


def create_app(state: SimulatorState) -> Starlette:
    routes = [
        Route("/openapi.json", timed(openapi_endpoint, api=False, public=True), methods=["GET"]),
        Route("/oauth/token", timed(token_endpoint, api=True), methods=["POST"]),
        Route("/v1/packs/{rest:anypath}", timed(pack_endpoint, api=True), methods=["GET", "PATCH"]),
        Route("/v1/bulk", timed(bulk_endpoint, api=True), methods=["POST"]),
        Route("/v1/products/{gtin}", timed(product_endpoint, api=True), methods=["GET"]),
        Route("/vrs/verify/{rest:anypath}", timed(vrs_verify_endpoint, api=True), methods=VRS_METHODS),
        Route("/vrs/checkConnectivity", timed(vrs_connectivity_endpoint, api=True), methods=VRS_METHODS),
        Route("/_admin/vrs", timed(admin_vrs, api=False), methods=["GET", "POST"]),
        Route("/nmvs/soap", timed(nmvs_endpoint, api=True), methods=["GET", "POST"]),
        *securpharm_routes(),
        Route("/_admin/packs/{gtin}/{serial:anypath}", timed(admin_pack, api=False), methods=["GET"]),
        Route("/_admin/packs", timed(admin_seed, api=False), methods=["POST"]),
        Route("/_admin/faults", timed(admin_faults, api=False), methods=["GET", "POST"]),
        Route("/_admin/clock", timed(admin_clock, api=False), methods=["GET", "POST"]),
        Route("/_admin/stats", timed(admin_stats, api=False), methods=["GET"]),
        Route("/_admin/alerts", timed(admin_alerts, api=False), methods=["GET"]),
        Route("/_admin/recall", timed(admin_recall, api=False), methods=["POST"]),
        Route("/_admin/rules", timed(admin_rules, api=False), methods=["GET", "POST"]),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(ServerTiming)])
    app.state.sim = state
    return app
