"""The alert record: everything an investigator needs (shared/DOMAIN.md section 5).

Created by the workflow for every STOP with a hub return code or a local reason, persisted by the
store, shown by the alerts view and written by the exports. Field names here are the column names
of the alerts table and the keys of `alerts list --json` and the JSON Lines export.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any


class AlertStatus(StrEnum):
    """Follow-up workflow: new -> investigating -> closed (closing needs a cause)."""

    NEW = "new"
    INVESTIGATING = "investigating"
    CLOSED = "closed"


class AlertCause(StrEnum):
    """Why an alert happened, recorded when it is closed."""

    SCANNER_SETUP = "scanner-setup"
    USER_ERROR = "user-error"
    DOUBLE_DECOMMISSION = "double-decommission"
    DATA_ERROR = "data-error"
    SUSPECTED_FALSIFICATION = "suspected-falsification"


ALLOWED_TRANSITIONS: dict[AlertStatus, frozenset[AlertStatus]] = {
    AlertStatus.NEW: frozenset({AlertStatus.INVESTIGATING, AlertStatus.CLOSED}),
    AlertStatus.INVESTIGATING: frozenset({AlertStatus.CLOSED}),
    AlertStatus.CLOSED: frozenset({AlertStatus.INVESTIGATING}),  # reopen
}


class AlertSource(StrEnum):
    HUB = "hub"  # the hub answered with an alert-raising or blocking return code
    LOCAL = "local"  # a local rule stopped the pack (already dispensed here, expired, recalled list, prescription)
    REPLAY = "replay"  # found at offline replay: someone else decommissioned the pack first


@dataclass(slots=True)
class AlertRecord:
    """One alert. ``raw_hex`` shows every scanned byte, GS/RS/EOT included (e.g. ``1D``)."""

    alert_id: str  # the hub's alert id where it gave one, else a local id ("L-...")
    created_at: dt.datetime  # timezone-aware UTC
    source: AlertSource
    return_code: str | None  # hub return code, or None for a local reason
    alert_class: str | None  # hub alert class (A3, A24, ...)
    reason: str  # what the pharmacist was told
    request: str  # the request type that raised it (verify, supply, undo-supply, ...)
    client_trx_id: str | None
    hub_trx_id: str | None
    operator: str | None
    station: str | None
    location: str | None
    raw_hex: str  # raw scan bytes as hex
    aim_id: str | None  # symbology identifier, e.g. "]d2"
    entry_mode: str  # scan / manual / camera
    scheme: str | None  # gs1 / gs1-dl / ifa
    gtin: str | None
    ppn: str | None
    pzn: str | None
    serial: str | None
    lot: str | None
    expiry: dt.date | None
    nhrn: dict[str, str] = field(default_factory=dict)
    state: str | None = None  # pack state the hub reported
    app_version: str | None = None
    scanner_profile: str | None = None
    dispense_id: str | None = None  # the dispense record it is linked to, if any
    patient_ref: str | None = None
    supplied_anyway: bool = False
    supplied_anyway_reason: str | None = None
    supplied_anyway_by: str | None = None
    status: AlertStatus = AlertStatus.NEW
    cause: AlertCause | None = None
    comments: list[dict[str, str]] = field(default_factory=list)  # [{"at", "by", "text"}]
    # when the scan arrived (the scanner's ScanEvent.time, timezone-aware UTC); None when unknown:
    # typed on the command line, found at replay, or recorded before the app kept it
    scanned_at: dt.datetime | None = None
    # a keyboard-wedge scan's key presses, [[ms since the first press, what was pressed], ...]
    # (scanner.key_log.key_timings: readable in a JSON export, at most 256 entries); None otherwise
    scan_keys: list[list[float | str]] | None = None

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-ready dict (ISO dates, enum values)."""
        out = asdict(self)
        out["created_at"] = self.created_at.isoformat()
        out["scanned_at"] = self.scanned_at.isoformat() if self.scanned_at else None
        out["expiry"] = self.expiry.isoformat() if self.expiry else None
        out["source"] = self.source.value
        out["status"] = self.status.value
        out["cause"] = self.cause.value if self.cause else None
        return out


ALERT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(AlertRecord))
