"""One scan-log row per pack the workflow answered (statistics and counterfeit signals, issue 21).

Input that was no pack (a parse error, a scan the scanner gate stopped) is not logged: the hub
never saw it, and the scanner event is in the audit trail already. A failure to write the row never
changes the verdict: the row is statistics, the verdict is what the counter needs.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from dispense_app.workflow.outcome import PackOutcome

log = logging.getLogger(__name__)


def scanner_label(profile: Any) -> str:
    """A short name for the scanner set-up in use (statistics group by it): ``none`` without a
    calibrated profile, else ``<scanner layout>-><host layout>`` (``+caps`` when Caps Lock inverts)."""
    if profile is None:
        return "none"
    caps = "+caps" if getattr(profile, "caps_lock", False) else ""
    return f"{getattr(profile, 'scanner_layout', '?')}->{getattr(profile, 'host_layout', '?')}{caps}"


def log_scan(station: Any, outcome: PackOutcome, *, at: dt.datetime, operator: str | None, profile: Any) -> None:
    from dispense_app.store.scan_log import ScanRow

    prepared, verdict, reply = outcome.prepared, outcome.verdict, outcome.reply
    ref = prepared.ref
    if ref is None:
        return
    row = ScanRow(
        at=at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        request=verdict.transaction.value,
        verdict=verdict.level.value,
        return_code=reply.return_code.value if reply is not None else None,
        state=verdict.state.value if verdict.state else None,
        offline=bool(verdict.offline),
        hub_ms=reply.total_ms if reply is not None else None,
        alert_id=outcome.alert.alert_id if outcome.alert is not None else None,
        dispense_id=outcome.dispense_id,
        operator=operator,
        station=station.station_id,
        scanner_profile=scanner_label(profile),
        entry_mode=prepared.scan.entry_mode.value,
        product_code=ref.product_code,
        serial=ref.serial,
        lot=ref.lot,
        expiry=ref.expiry.isoformat() if ref.expiry else None,
        hub_lot=reply.lot if reply is not None else None,
        hub_expiry=reply.expiry.isoformat() if reply is not None and reply.expiry else None,
        market=(reply.extra.get("market") or None) if reply is not None else None,
    )
    try:
        station.scan_log.add(row)
    except Exception:  # statistics must never cost a verdict
        log.exception("could not write the scan log row")
