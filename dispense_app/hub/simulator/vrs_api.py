"""The US VRS Lightweight Messaging 1.3 verify endpoint, over the same pack repository."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from dispense_app.core.model import PackState

from .http_common import raw_segments
from .state import SimulatorState

# --- US VRS Lightweight Messaging 1.3 --------------------------------------------------------------

VRS_MISMATCH = {
    (True, False): "No_match_GTIN_Serial_Lot",
    (False, True): "No_match_GTIN_Serial_Expiry",
    (True, True): "No_match_GTIN_Serial_Lot_Expiry",
}


def gs1_date(yymmdd: str, this_year: int) -> dt.date | None:
    """A GS1 YYMMDD date: the sliding century window (-49/+50 years), day 00 = the month's last day."""
    if len(yymmdd) != 6 or not yymmdd.isdigit():
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


async def vrs_verify_endpoint(request: Request, sim: SimulatorState) -> Response:
    status, _ = sim.token_status(request)
    if status in ("missing", "invalid"):
        return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    if status == "expired":
        return Response(status_code=403)
    if request.headers.get("gs1us-version") is None:
        return Response(status_code=400)
    segments = raw_segments(request, "/vrs/verify/")
    if len(segments) != 6 or segments[0] != "gtin" or segments[2] != "lot" or segments[4] != "ser":
        return Response(status_code=404)
    gtin, lot, serial = segments[1], segments[3], segments[5]
    q = request.query_params
    exp = q.get("exp", "")
    corr = q.get("corrUUID", "")
    expiry = gs1_date(exp, sim.now().year) if exp else None
    exp_unreadable = bool(exp) and expiry is None  # never matches: reported as an expiry mismatch
    if sim.repo.product(gtin) is None:
        sim.repo.vrs_answers["404"] += 1
        return Response(status_code=404)
    pack = sim.repo.pack(gtin, serial)
    data: dict[str, Any]
    if pack is None:
        data = {"verified": False, "verificationFailureReason": "No_match_GTIN_Serial"}
    else:
        mismatch = (lot != pack.lot, exp_unreadable or (expiry is not None and expiry != pack.expiry))
        if any(mismatch):
            data = {"verified": False, "verificationFailureReason": VRS_MISMATCH[mismatch]}
        elif pack.state is PackState.STOLEN:
            data = {"verified": False, "verificationFailureReason": "No_reason_provided", "additionalInfo": "Suspect"}
        elif pack.state in (PackState.DESTROYED, PackState.WITHDRAWN, PackState.EXPORTED, PackState.SUPPLIED):
            data = {"verified": False, "verificationFailureReason": "Not_for_re-distribution"}
        else:
            data = {"verified": True}
            if pack.state is PackState.RECALLED:
                data["additionalInfo"] = "Recalled"
            elif pack.state is PackState.EXPIRED or sim.now().date() > pack.expiry:
                data["additionalInfo"] = "Expired"
    sim.repo.vrs_answers["verified" if data["verified"] else data["verificationFailureReason"]] += 1
    return JSONResponse(
        {
            "verificationTimestamp": sim.now().isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "responderGLN": sim.responder_gln,
            "corrUUID": corr,
            "data": data,
        }
    )
