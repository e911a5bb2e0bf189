"""What the Quarantine window and ``dispense-app quarantine`` ask of the station: plain Python, no Qt.

Suspect and illegitimate product (US DSCSA; rules in :mod:`dispense_app.core.quarantine`, records in
:mod:`dispense_app.store.quarantine`). Who may do what, with operator accounts: recording the count
on hand, the trading partner, notes and writing the Form 3911 draft need ``alert-follow-up``;
confirming a pack illegitimate, releasing it and marking the report submitted need ``alert-close``
(a pharmacist), as closing an alert does. Every change is audited by the store.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from dispense_app.core.quarantine import (
    RETENTION_YEARS,
    QuarantineRecord,
    QuarantineStatus,
    clock_text,
    guidance,
    notification_text,
)
from dispense_app.export.form3911 import Reporter, write_form3911

if TYPE_CHECKING:
    from dispense_app.station.operators import StationOperators
    from dispense_app.store import Station

PHARMACY_NAME = "pharmacy.name"
PHARMACY_ADDRESS = "pharmacy.address"
"""Station settings the Form 3911 draft names the reporter with (else the station's location)."""


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class StationQuarantine:
    """The quarantine records of one station; ``actor`` is recorded on every change."""

    def __init__(
        self,
        station: Station,
        *,
        actor: str | None,
        lock: threading.RLock | None = None,
        operators: StationOperators | None = None,
        clock: Callable[[], dt.datetime] = _utcnow,
    ) -> None:
        self.station = station
        self.actor = actor
        self.clock = clock
        self._lock = lock or threading.RLock()
        self.operators = operators

    def _require(self, action: str) -> None:
        if self.operators is not None:
            from dispense_app.core.operators import Action

            self.operators.require(Action(action))

    # ------------------------------------------------------------------ reading
    def records(self, *, open_only: bool = False, status: str | None = None) -> list[QuarantineRecord]:
        with self._lock:
            return self.station.quarantine.records(open_only=open_only, status=status)

    def get(self, qid: str) -> QuarantineRecord:
        with self._lock:
            return self.station.quarantine.get(qid)

    def guidance(self, rec: QuarantineRecord) -> str:
        return guidance(rec)

    def clock_text(self, rec: QuarantineRecord) -> str:
        return clock_text(rec, self.clock())

    def overdue(self) -> list[QuarantineRecord]:
        """Illegitimate records whose 24 hours have passed without being marked submitted."""
        now = self.clock()
        return [r for r in self.records(status="illegitimate") if r.report_due is not None and r.report_due <= now]

    def reporter(self) -> Reporter:
        """The pharmacy as the Form 3911 draft names it (settings, and the VRS configuration)."""
        from dispense_app.hub.config import load_hub_config

        settings = self.station.settings
        config = load_hub_config(self.station.path.parent)
        contact = ", ".join(v for v in (config.contact_phone, config.contact_email) if v) if config else ""
        return Reporter(
            name=str(settings.get(PHARMACY_NAME) or self.station.location),
            gln=config.requester_gln if config else None,
            address=str(settings.get(PHARMACY_ADDRESS)) if settings.get(PHARMACY_ADDRESS) else None,
            contact=contact or None,
        )

    def notification(self, qid: str) -> str:
        rep = self.reporter()
        return notification_text(self.get(qid), pharmacy=rep.name, contact=rep.contact)

    # ------------------------------------------------------------------ changing
    def update(
        self, qid: str, *, on_hand: int | None = None, trading_partner: str | None = None, note: str | None = None
    ) -> QuarantineRecord:
        self._require("alert-follow-up")
        with self._lock:
            return self.station.quarantine.update(
                qid, actor=self.actor, on_hand=on_hand, trading_partner=trading_partner or None, note=note or None
            )

    def add_manual(self, code: bytes, reason: str) -> QuarantineRecord:
        """Quarantine a pack the pharmacist found suspect without a VRS answer saying so (the seal,
        a No_match answer after rescanning, a trading partner's notice). ``code`` is the scanned
        GS1 code; it needs a GTIN and a serial (raises ValueError otherwise)."""
        from scanner import parse

        self._require("alert-follow-up")
        pack = parse(code)
        if not pack.gtin or not pack.serial:
            raise ValueError("a quarantined pack needs its GTIN and serial number: scan its DataMatrix code")
        if not reason.strip():
            raise ValueError("say why the pack is suspect")
        rec = QuarantineRecord(
            id="",
            created_at=self.clock(),
            status=QuarantineStatus.SUSPECT,
            reason=reason.strip(),
            source="manual",
            gtin=pack.gtin,
            serial=pack.serial,
            lot=pack.lot,
            expiry=pack.expiry,
            operator=self.actor,
            station=self.station.station_id,
        )
        with self._lock:
            return self.station.quarantine.add(rec, actor=self.actor)

    def _move(self, qid: str, to: QuarantineStatus, note: str | None) -> QuarantineRecord:
        self._require("alert-close")
        with self._lock:
            return self.station.quarantine.move(qid, to, actor=self.actor, at=self.clock(), note=note or None)

    def confirm_illegitimate(self, qid: str, note: str | None = None) -> QuarantineRecord:
        """The pharmacist determines the product illegitimate: the 24-hour clock starts now."""
        return self._move(qid, QuarantineStatus.ILLEGITIMATE, note)

    def mark_submitted(self, qid: str, note: str | None = None) -> QuarantineRecord:
        """Form 3911 filed and the trading partners notified: the clock stops."""
        return self._move(qid, QuarantineStatus.SUBMITTED, note)

    def release(self, qid: str, note: str | None = None) -> QuarantineRecord:
        """The investigation cleared the pack: it may go back to stock (never an illegitimate one)."""
        return self._move(qid, QuarantineStatus.RELEASED, note)

    def write_form3911(self, qid: str, path: str | os.PathLike[str]) -> QuarantineRecord:
        """The pre-filled Form 3911 draft as a PDF (audited as ``quarantine-form3911``)."""
        self._require("alert-follow-up")
        with self._lock:
            rec = self.station.quarantine.get(qid)
            write_form3911(path, rec, self.reporter())
            self.station.audit.append("quarantine-form3911", self.actor, {"id": qid, "file": os.fspath(path)})
            return rec

    def purge(self, *, apply: bool) -> list[str]:
        """Closed records older than 6 years (a dry run unless ``apply``)."""
        self._require("alert-close")
        now = self.clock()
        try:
            before = now.replace(year=now.year - RETENTION_YEARS)
        except ValueError:  # 29 February
            before = now.replace(year=now.year - RETENTION_YEARS, day=28)
        with self._lock:
            return self.station.quarantine.purge(before=before, actor=self.actor, apply=apply)
