"""The loopback-only ``/_admin`` endpoints of DESIGN.md (packs, faults, clock, stats) and extras."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .hostile import FIELDS, check
from .http_common import BadInput, json_body, problem
from .rules import MarketRules
from .seed import SeedError, packs_from_rows
from .state import Faults, SimulatorState

# --- admin ---------------------------------------------------------------------------------------


async def admin_pack(request: Request, sim: SimulatorState) -> Response:
    view = sim.repo.pack_view(request.path_params["gtin"], request.path_params["serial"])
    if view is None:
        return problem(404, "not_found", "no such pack")
    return JSONResponse(view)


async def admin_seed(request: Request, sim: SimulatorState) -> Response:
    body = await json_body(request)
    if isinstance(body, dict) and isinstance(body.get("packs"), list):
        body = body["packs"]
    if not isinstance(body, list) or not all(isinstance(x, dict) for x in body):
        raise BadInput("the body must be a JSON list of packs")
    try:
        packs = packs_from_rows(body)
    except SeedError as exc:
        raise BadInput(str(exc)) from None
    return JSONResponse({"seeded": sim.repo.seed(packs)})


async def admin_faults(request: Request, sim: SimulatorState) -> Response:
    if request.method == "POST":
        body = await json_body(request)
        if not isinstance(body, dict):
            raise BadInput("the body must be a JSON object")
        f = sim.faults
        try:
            latency = float(body.get("latency_ms", f.latency_ms) or 0)
            error_rate = float(body.get("error_rate", f.error_rate) or 0)
            rate = float(body.get("rate_limit_per_s", f.rate_limit_per_s) or 0)
            drop = int(body.get("drop_responses", f.drop_responses) or 0)
            drop_rate = float(body.get("drop_reply_rate", f.drop_reply_rate) or 0)
        except (TypeError, ValueError, OverflowError):
            raise BadInput(
                "latency_ms, error_rate, rate_limit_per_s, drop_responses and drop_reply_rate must be numbers"
            ) from None
        outage = body.get("outage", f.outage)
        if not isinstance(outage, bool) or latency < 0 or not 0 <= error_rate <= 1 or rate < 0 or drop < 0:
            raise BadInput("need latency_ms >= 0, 0 <= error_rate <= 1, rate_limit_per_s >= 0, outage bool")
        if not 0 <= drop_rate <= 1:
            raise BadInput("need 0 <= drop_reply_rate <= 1")
        reuse = body.get("trx_id_reuse", f.trx_id_reuse)
        if reuse not in ("replay", "refuse"):
            raise BadInput('trx_id_reuse is "replay" or "refuse"')
        if latency > 600_000:
            raise BadInput("latency_ms is capped at 600000")
        try:
            hostile = {**{k: getattr(f, k) for k in FIELDS}, **check(body)}
        except (TypeError, ValueError, OverflowError) as exc:
            raise BadInput(str(exc)) from None
        sim.faults = Faults(
            latency_ms=latency,
            error_rate=error_rate,
            outage=outage,
            rate_limit_per_s=rate,
            drop_responses=drop,
            drop_reply_rate=drop_rate,
            trx_id_reuse=reuse,
            **hostile,
        )
    return JSONResponse(asdict(sim.faults))


async def admin_clock(request: Request, sim: SimulatorState) -> Response:
    if request.method == "POST":
        body = await json_body(request)
        try:
            hours = float(body["advance_hours"])
        except (TypeError, KeyError, ValueError):
            raise BadInput('the body must be {"advance_hours": N}') from None
        sim.clock_offset += dt.timedelta(hours=hours)
    return JSONResponse(
        {"now": sim.now().isoformat(timespec="seconds"), "offset_hours": sim.clock_offset.total_seconds() / 3600}
    )


async def admin_stats(request: Request, sim: SimulatorState) -> Response:
    return JSONResponse(
        {
            "requests": sim.requests,
            "by_return_code": dict(sim.repo.return_codes),
            "alerts": sim.repo.alert_count(),
            "alerts_by_class": sim.repo.alerts_by_class(),
            "dropped_replies": sim.dropped_replies,
            "vrs": dict(sim.repo.vrs_answers),
        }
    )


async def admin_alerts(request: Request, sim: SimulatorState) -> Response:
    return JSONResponse(sim.repo.alerts())


async def admin_recall(request: Request, sim: SimulatorState) -> Response:
    body = await json_body(request)
    if not (isinstance(body, dict) and isinstance(body.get("gtin"), str) and isinstance(body.get("lot"), str)):
        raise BadInput('the body must be {"gtin": "...", "lot": "..."}')
    return JSONResponse({"recalled": sim.repo.recall(body["gtin"], body["lot"], sim.now())})


async def admin_rules(request: Request, sim: SimulatorState) -> Response:
    """The national system's settings: ``{"market", "double_dispense_limit", "typo_tolerance",
    "interface"}``. Posting ``{"market": "GB"}`` alone takes that market's published defaults."""
    if request.method == "POST":
        body = await json_body(request)
        if not isinstance(body, dict):
            raise BadInput("the body must be a JSON object")
        market = body.get("market", sim.repo.rules.market)
        if not (isinstance(market, str) and len(market) == 2 and market.isalpha()):
            raise BadInput("market must be a two-letter code")
        interface = body.get("interface", sim.repo.rules.interface)
        base = MarketRules.for_market(market, interface=interface if isinstance(interface, int) else 4)
        try:
            limit = int(body.get("double_dispense_limit", base.double_dispense_limit))
            typos = int(body.get("typo_tolerance", base.typo_tolerance))
        except (TypeError, ValueError):
            raise BadInput("double_dispense_limit and typo_tolerance must be whole numbers") from None
        if interface not in (4, 5) or limit < 1 or typos < 0:
            raise BadInput("need interface 4 or 5, double_dispense_limit >= 1, typo_tolerance >= 0")
        sim.repo.rules = MarketRules(market.upper(), limit, typos, interface)
    return JSONResponse(asdict(sim.repo.rules))
