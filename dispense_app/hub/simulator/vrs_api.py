"""The US VRS face (GS1 US Lightweight Messaging 1.3) over the same pack repository.

- ``GET /vrs/verify/gtin/{gtin}/lot/{lot}/ser/{serial}?exp&linkType&context&reqGLN&corrUUID``:
  200 JSON (``verificationTimestamp``, ``responderGLN``, ``corrUUID`` echoed, ``data``) for every
  business outcome; every other status has no body (only 200 carries JSON).
- ``GET /vrs/checkConnectivity?gtin&reqGLN[&context]`` -> 200 ``{"responderGLN"}``.

What it checks, in order: the OAuth2 token where the simulator has credentials (401: missing,
invalid or expired token); the ``GS1US-Version`` header, ``linkType`` and ``context`` values and the
path's shape (400); the ATP credential header when ``POST /_admin/vrs {"atp_required": true}`` asks
for it (403: missing, not a JWT, expired on the simulator's clock, or revoked); a status seeded for
the GTIN (seed column ``vrs_status``: any LMS 1.3 status); a GTIN the repository does not hold (404:
not in the Lookup Directory). Then the answer: a pack's seeded ``vrs_reason`` / ``vrs_info`` if it
has them, else what the pack's data and state say. Other methods than GET get 405.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from dispense_app.core.model import PackState
from dispense_app.hub import atp

from .http_common import json_body, raw_segments
from .state import SimulatorState

VRS_MISMATCH = {
    (True, False): "No_match_GTIN_Serial_Lot",
    (False, True): "No_match_GTIN_Serial_Expiry",
    (True, True): "No_match_GTIN_Serial_Lot_Expiry",
}
CONTEXTS = frozenset({"dscsaSaleableReturn", "dscsaExceptionVerification"})
GTIN14 = re.compile(r"[0-9]{14}")


def gs1_date(yymmdd: str, this_year: int) -> dt.date | None:
    """A GS1 YYMMDD date: the sliding century window (-49/+50 years), day 00 = the month's last day."""
    if len(yymmdd) != 6 or not (yymmdd.isascii() and yymmdd.isdigit()):
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    year = this_year - this_year % 100 + yy
    if year > this_year + 50:
        year -= 100
    elif year < this_year - 49:
        year += 100
    if not 1 <= mm <= 12:
        return None
    if dd == 0:
        first_next = dt.date(year + mm // 12, mm % 12 + 1, 1)
        return first_next - dt.timedelta(days=1)
    try:
        return dt.date(year, mm, dd)
    except ValueError:
        return None


def _empty(status: int, sim: SimulatorState, *, count: bool = False, headers: dict[str, str] | None = None) -> Response:
    """A non-200 answer: no body. ``count``: an answer about a GTIN (404, a seeded status), counted in
    ``/_admin/stats`` under ``vrs``; refusals of the request itself are not."""
    if count:
        sim.repo.vrs_answers[str(status)] += 1
    return Response(status_code=status, headers=headers)


def _gate(request: Request, sim: SimulatorState) -> Response | None:
    """401 (OAuth2), 400 (version header, linkType, context), 403 (ATP credential): or None."""
    status, _ = sim.token_status(request)
    if status != "ok":  # missing, invalid or expired: an OAuth2 token problem is a 401, never a 403
        return _empty(401, sim, headers={"WWW-Authenticate": "Bearer"})
    q = request.query_params
    if request.headers.get("gs1us-version") is None:
        return _empty(400, sim)
    if q.get("linkType", "verificationService") != "verificationService" or (
        "context" in q and q["context"] not in CONTEXTS
    ):
        return _empty(400, sim)
    if sim.vrs_atp_required and not _atp_ok(request.headers.get(atp.DEFAULT_HEADER), sim):
        return _empty(403, sim)
    return None


def _atp_ok(token: str | None, sim: SimulatorState) -> bool:
    if not token or token in sim.vrs_atp_revoked:
        return False
    try:
        expires = atp.expiry(token)
    except atp.NotAJwt:
        return False
    return expires is None or expires > sim.now()


async def vrs_verify_endpoint(request: Request, sim: SimulatorState) -> Response:
    if request.method != "GET":
        return _empty(405, sim, headers={"Allow": "GET"})
    refused = _gate(request, sim)
    if refused is not None:
        return refused
    segments = raw_segments(request, "/vrs/verify/")
    if len(segments) == 7 and segments[6] == "":
        segments = segments[:6]  # an optional trailing slash
    if len(segments) != 6 or segments[0] != "gtin" or segments[2] != "lot" or segments[4] != "ser":
        return _empty(400, sim)
    gtin, lot, serial = segments[1], segments[3], segments[5]
    if not GTIN14.fullmatch(gtin):
        return _empty(400, sim)
    # a lot or serial outside GS1 set 82 can match no pack: the answer says so (No_match_...), as for
    # any other lot or serial the manufacturer does not know
    if gtin in sim.repo.vrs_status:
        return _empty(sim.repo.vrs_status[gtin], sim, count=True)
    if sim.repo.product(gtin) is None:
        return _empty(404, sim, count=True)  # not in the Lookup Directory: no responder to route to
    q = request.query_params
    data = _answer(sim, gtin, lot, serial, q.get("exp", ""))
    sim.repo.vrs_answers["verified" if data["verified"] else data["verificationFailureReason"]] += 1
    if "additionalInfo" in data:
        sim.repo.vrs_answers[data["additionalInfo"]] += 1
    return JSONResponse(
        {
            "verificationTimestamp": sim.now().isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "responderGLN": sim.responder_gln,
            "corrUUID": q.get("corrUUID", ""),
            "data": data,
        },
        headers={"Cache-Control": "private, no-cache"},
    )


def _answer(sim: SimulatorState, gtin: str, lot: str, serial: str, exp: str) -> dict[str, Any]:
    """``data`` for one pack: its seeded answer, else what its data and state say."""
    seeded = sim.repo.vrs_seeded.get((gtin, serial))
    if seeded is not None:
        reason, info = seeded
        data: dict[str, Any] = {"verified": reason is None}
        if reason is not None:
            data["verificationFailureReason"] = reason
        if info is not None:
            data["additionalInfo"] = info
        return data
    pack = sim.repo.pack(gtin, serial)
    if pack is None:
        return {"verified": False, "verificationFailureReason": "No_match_GTIN_Serial"}
    expiry = gs1_date(exp, sim.now().year) if exp else None
    exp_unreadable = bool(exp) and expiry is None  # never matches: reported as an expiry mismatch
    mismatch = (lot != pack.lot, exp_unreadable or (expiry is not None and expiry != pack.expiry))
    if any(mismatch):
        return {"verified": False, "verificationFailureReason": VRS_MISMATCH[mismatch]}
    if pack.state is PackState.STOLEN:
        return {"verified": False, "verificationFailureReason": "No_reason_provided", "additionalInfo": "Suspect"}
    if pack.state in (PackState.DESTROYED, PackState.WITHDRAWN, PackState.EXPORTED, PackState.SUPPLIED):
        return {"verified": False, "verificationFailureReason": "Not_for_re-distribution"}
    data = {"verified": True}
    if pack.state is PackState.RECALLED:
        data["additionalInfo"] = "Recalled"
    elif pack.state is PackState.EXPIRED or sim.now().date() > pack.expiry:
        data["additionalInfo"] = "Expired"
    return data


async def vrs_connectivity_endpoint(request: Request, sim: SimulatorState) -> Response:
    if request.method != "GET":
        return _empty(405, sim, headers={"Allow": "GET"})
    status, _ = sim.token_status(request)
    if status != "ok":
        return _empty(401, sim, headers={"WWW-Authenticate": "Bearer"})
    q = request.query_params
    if "context" in q and q["context"] not in CONTEXTS:
        return _empty(400, sim)
    if sim.vrs_atp_required and not _atp_ok(request.headers.get(atp.DEFAULT_HEADER), sim):
        return _empty(403, sim)
    gtin = q.get("gtin")
    if gtin is not None:
        if not GTIN14.fullmatch(gtin):
            return _empty(400, sim)
        if gtin in sim.repo.vrs_status:
            return _empty(sim.repo.vrs_status[gtin], sim)
        if sim.repo.product(gtin) is None:
            return _empty(404, sim)
    sim.repo.vrs_answers["checkConnectivity"] += 1
    return JSONResponse({"responderGLN": sim.responder_gln})


async def admin_vrs(request: Request, sim: SimulatorState) -> Response:
    """``POST /_admin/vrs {"atp_required": bool, "revoke": [jwt, ...]}``: the ATP credential check."""
    if request.method == "POST":
        body = await json_body(request)
        if not isinstance(body, dict):
            return Response(status_code=400)
        if isinstance(body.get("atp_required"), bool):
            sim.vrs_atp_required = body["atp_required"]
        for token in body.get("revoke") or []:
            if isinstance(token, str):
                sim.vrs_atp_revoked.add(token)
    return JSONResponse({"atp_required": sim.vrs_atp_required, "revoked": len(sim.vrs_atp_revoked)})
