"""Suspect and illegitimate product (US DSCSA, 21 U.S.C. 360eee-1(d)): the quarantine record and its
rules. Pure Python; the store keeps the records (:mod:`dispense_app.store.quarantine`).

The pharmacy's duties, as the app supports them:

* A **suspect** pack is quarantined and investigated: the app records who, when and why, and guides
  the user to verify at least 3 packs or 10 % of the suspect product on hand, whichever is more
  (:func:`required_checks`), counting the packs of the same product and lot as they are scanned.
* A pack determined **illegitimate** (the manufacturer's VRS answers ``Illegitimate``, or the
  pharmacist confirms it) must be reported to the FDA (Form 3911) and to the trading partners
  within 24 hours (:data:`REPORT_WITHIN`): the clock runs from ``determined_at`` until the record is
  marked submitted.
* Records are kept at least 6 years (:data:`RETENTION_YEARS`).

Status moves: ``suspect`` -> ``illegitimate`` (confirmed) or ``released`` (cleared, back to stock);
``illegitimate`` -> ``submitted`` (Form 3911 and the notices sent). ``released`` and ``submitted`` are
closed; an illegitimate pack is never released back to stock.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

REPORT_WITHIN = dt.timedelta(hours=24)
RETENTION_YEARS = 6
MIN_CHECKS = 3
CHECK_SHARE = 0.10


class QuarantineStatus(StrEnum):
    SUSPECT = "suspect"
    ILLEGITIMATE = "illegitimate"
    SUBMITTED = "submitted"
    RELEASED = "released"

    @property
    def open(self) -> bool:
        return self in (QuarantineStatus.SUSPECT, QuarantineStatus.ILLEGITIMATE)


ALLOWED_MOVES: dict[QuarantineStatus, frozenset[QuarantineStatus]] = {
    QuarantineStatus.SUSPECT: frozenset({QuarantineStatus.ILLEGITIMATE, QuarantineStatus.RELEASED}),
    QuarantineStatus.ILLEGITIMATE: frozenset({QuarantineStatus.SUBMITTED}),
    QuarantineStatus.SUBMITTED: frozenset(),
    QuarantineStatus.RELEASED: frozenset(),
}


def required_checks(on_hand: int | None) -> int:
    """Packs to verify: at least 3, or 10 % of the suspect product on hand, whichever is more."""
    if on_hand is None or on_hand <= 0:
        return MIN_CHECKS
    return max(MIN_CHECKS, math.ceil(on_hand * CHECK_SHARE))


@dataclass(frozen=True, slots=True)
class QuarantineRecord:
    """One quarantined pack and its investigation."""

    id: str
    created_at: dt.datetime
    status: QuarantineStatus
    reason: str  # why: the VRS's words ("verified=true Illegitimate") or the pharmacist's
    source: str  # "vrs" or "manual"
    gtin: str
    serial: str
    lot: str | None = None
    expiry: dt.date | None = None
    product_name: str | None = None
    operator: str | None = None
    station: str | None = None
    alert_id: str | None = None
    corr_uuid: str | None = None
    responder_gln: str | None = None
    on_hand: int | None = None  # suspect product on hand, as the user counted it
    trading_partner: str | None = None  # who the pack came from
    determined_at: dt.datetime | None = None  # illegitimate since: the 24-hour clock starts
    submitted_at: dt.datetime | None = None
    submitted_by: str | None = None
    closed_at: dt.datetime | None = None  # released or submitted
    closed_by: str | None = None
    notes: tuple[str, ...] = ()
    checked: tuple[str, ...] = field(default=())  # serials of the same product verified since

    @property
    def required(self) -> int:
        return required_checks(self.on_hand)

    @property
    def checks_done(self) -> int:
        return len(self.checked)

    @property
    def report_due(self) -> dt.datetime | None:
        """When Form 3911 and the trading-partner notices are due (illegitimate, not yet submitted)."""
        if self.status is not QuarantineStatus.ILLEGITIMATE or self.determined_at is None:
            return None
        return self.determined_at + REPORT_WITHIN

    def time_left(self, now: dt.datetime) -> dt.timedelta | None:
        due = self.report_due
        return None if due is None else due - now

    def keep_until(self) -> dt.date:
        """The record is kept at least until this day (6 years after it was closed, or created)."""
        start = (self.closed_at or self.created_at).date()
        try:
            return start.replace(year=start.year + RETENTION_YEARS)
        except ValueError:  # 29 February
            return start.replace(year=start.year + RETENTION_YEARS, day=28)

    def to_json(self) -> dict[str, Any]:
        def iso(v: dt.datetime | dt.date | None) -> str | None:
            return v.isoformat() if v is not None else None

        return {
            "id": self.id,
            "created_at": iso(self.created_at),
            "status": self.status.value,
            "reason": self.reason,
            "source": self.source,
            "gtin": self.gtin,
            "serial": self.serial,
            "lot": self.lot,
            "expiry": iso(self.expiry),
            "product_name": self.product_name,
            "operator": self.operator,
            "station": self.station,
            "alert_id": self.alert_id,
            "corr_uuid": self.corr_uuid,
            "responder_gln": self.responder_gln,
            "on_hand": self.on_hand,
            "trading_partner": self.trading_partner,
            "checks_required": self.required,
            "checks_done": self.checks_done,
            "checked_serials": list(self.checked),
            "determined_at": iso(self.determined_at),
            "report_due": iso(self.report_due),
            "submitted_at": iso(self.submitted_at),
            "submitted_by": self.submitted_by,
            "closed_at": iso(self.closed_at),
            "closed_by": self.closed_by,
            "keep_until": self.keep_until().isoformat(),
            "notes": list(self.notes),
        }


def guidance(rec: QuarantineRecord) -> str:
    """The investigation step, as the counter shows it."""
    done, need = rec.checks_done, rec.required
    base = (
        f"Verify at least {need} packs of this product and lot"
        + (f" (10 % of {rec.on_hand} on hand)" if rec.on_hand and need > MIN_CHECKS else " (3 packs or 10 % on hand)")
        + f": {done} of {need} verified."
    )
    if done >= need:
        return base + " Enough packs verified: decide whether the product is illegitimate or release the pack."
    return base + " Scan the other packs on the shelf to verify them."


def clock_text(rec: QuarantineRecord, now: dt.datetime) -> str:
    """The 24-hour clock: time left, or how late the report is."""
    left = rec.time_left(now)
    if left is None:
        return ""
    minutes = int(abs(left).total_seconds() // 60)
    hours, mins = divmod(minutes, 60)
    if left.total_seconds() >= 0:
        return f"FDA Form 3911 and trading-partner notices due in {hours} h {mins:02d} min"
    return f"OVERDUE by {hours} h {mins:02d} min: submit FDA Form 3911 and notify trading partners now"


def notification_text(rec: QuarantineRecord, *, pharmacy: str, contact: str | None = None) -> str:
    """The notice to trading partners (21 U.S.C. 360eee-1(d)(4)(B)): plain text to send or print."""
    when = rec.determined_at or rec.created_at
    lines = [
        "Subject: Notification of illegitimate product (DSCSA, 21 U.S.C. 360eee-1(d))",
        "",
        f"{pharmacy} has determined that the following product in its possession is illegitimate",
        f"(determined {when.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC) and has notified the FDA (Form 3911).",
        "",
        f"  Product:       {rec.product_name or '-'}",
        f"  GTIN:          {rec.gtin}",
        f"  Serial number: {rec.serial}",
        f"  Lot:           {rec.lot or '-'}",
        f"  Expiry:        {rec.expiry.isoformat() if rec.expiry else '-'}",
        f"  Reason:        {rec.reason}",
        f"  Received from: {rec.trading_partner or '(trading partner not recorded)'}",
        f"  Our reference: {rec.id}",
        "",
        "The product is quarantined. Please check your own stock of this product and lot, and tell us",
        "if you have information about it.",
    ]
    if contact:
        lines += ["", f"Contact: {contact}"]
    return "\n".join(lines)
