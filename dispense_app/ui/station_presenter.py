"""The presenter that ships: the counter window's view of the station service.

It turns :class:`~dispense_app.station.StationSession` outcomes into the window's view values
(:mod:`dispense_app.ui.viewmodel`): a pack outcome becomes a :class:`ScanResult`, a dispense a
:class:`DispenseResult`, the session's health a :class:`StationStatus`. It decides nothing: the
verdict (prescription findings and the supply-anyway rule included) is the core's, the current
dispense is the session's. Texts come from the core's message table, translated with Qt's
translator (context ``verdict``).

Everything here runs on worker threads (the window calls it through the TaskRunner); the session
serialises the calls with its lock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from dispense_app.core.model import HubClient
from dispense_app.core.verdict import Level as VerdictLevel
from dispense_app.core.verdict import ReasonSource
from dispense_app.station import (
    DispenseOutcome,
    PrescriptionProgress,
    StationSession,
    open_station,
    profile_name,
)
from dispense_app.station.adherence import StationAdherence
from dispense_app.station.alerts import StationAlerts
from dispense_app.station.operators import StationOperators
from dispense_app.station.quarantine import StationQuarantine
from dispense_app.ui.status_cache import StatusCache
from dispense_app.ui.viewmodel import (
    DispenseResult,
    Level,
    LineStatus,
    LineUpdate,
    PackDetails,
    PrescribedLine,
    PrescriptionView,
    ProgressCallback,
    ReplayConflict,
    ReplayResult,
    ScanEvent,
    ScanResult,
    StationStatus,
)
from dispense_app.workflow.outcome import PackOutcome
from scanner.calibration import ScannerProfile

if TYPE_CHECKING:
    from dispense_app.core.alerts import AlertRecord

Translate = Callable[[str], str]
translate = QCoreApplication.translate
"""The presenter's own texts (dispense and undo summaries), context ``StationPresenter`` (thread-safe)."""


def qt_translate(text: str) -> str:
    """Translate a core message with Qt (thread-safe: QCoreApplication.translate may run on workers)."""
    from PySide6.QtCore import QCoreApplication

    from dispense_app.core.messages import MESSAGE_CONTEXT

    return QCoreApplication.translate(MESSAGE_CONTEXT, text)


def pack_details(outcome: PackOutcome, product_name: str | None) -> PackDetails | None:
    """The values shown for comparison with the printed pack (PZN shown under its own name)."""
    prepared = outcome.prepared
    pack = prepared.pack
    scan = prepared.scan
    if pack is None or not (pack.gtin or pack.ppn or pack.serial):
        return None
    nhrn: dict[str, str] = {}
    for ai, value in (pack.nhrn or {}).items():
        nhrn["PZN" if ai == "710" else ai] = value
    if pack.pzn and "PZN" not in nhrn:
        nhrn["PZN"] = pack.pzn
    verdict = outcome.verdict
    reply = outcome.reply
    state = reply.state.value if reply is not None and reply.state else (verdict.state.value if verdict.state else None)
    return PackDetails(
        product_code=pack.gtin or pack.ppn,
        scheme="GTIN" if pack.gtin else ("PPN" if pack.ppn else None),
        serial=pack.serial,
        lot=pack.lot,
        expiry=pack.expiry,
        nhrn=nhrn,
        product_name=product_name,
        state=state,
        entry_mode=scan.entry_mode.value,
        raw_hex=scan.raw.hex(" "),
        expired=any(r.id in EXPIRED_REASONS for r in verdict.reasons),
    )


EXPIRED_REASONS = frozenset({"local.expired", "hub.pack_expired", "state.expired"})
"""Verdict reasons that say the pack is past its expiry date (the pack panel marks the date)."""


def scan_result(
    outcome: PackOutcome,
    details: PackDetails | None,
    translate: Translate,
    rx_item: str | None = None,
    *,
    seal_check: bool = False,
) -> ScanResult:
    """A pack outcome as the window shows it; ``seal_check``: the station asks for the seal of a pack
    that may be dispensed (the next action says F9 = intact, Ctrl+B = broken)."""
    verdict = outcome.verdict
    repeat = bool(outcome.extra.get("repeat"))
    level = Level(verdict.level.value)
    seal = seal_check and bool(verdict.may_dispense) and "seal" not in outcome.extra
    action = verdict.next_action(translate)
    if seal:
        # short: in German at 1280x800 a three-line next action squeezed the pack list until its
        # row was cut. A plain OK's own advice ("hand it over; decommissioned when dispensed") is
        # what F9 already says here; a warning keeps its advice after the seal's.
        check = QCoreApplication.translate(
            "StationPresenter", "Check the seal. Intact: F9 dispenses it. Broken: Ctrl+B."
        )
        action = check if level is Level.OK or not action else f"{check} {action}"
    return ScanResult(
        # the same pack again is amber: the pack someone meant to scan next has not been scanned
        level=Level.WARN if repeat and level is not Level.STOP else level,
        reasons=tuple(r.text(translate) for r in verdict.reasons),
        next_action=action,
        pack=details,
        may_dispense=bool(verdict.may_dispense),
        offline=bool(verdict.offline),
        return_code=outcome.reply.return_code.value if outcome.reply is not None else None,
        alert_id=outcome.alert.alert_id if outcome.alert is not None else None,
        rx_item=rx_item,
        overridable=verdict.overridable,
        repeat=repeat,
        not_a_pack=any(r.id == "input.wrong_barcode" for r in verdict.reasons),
        seal_check=seal,
    )


def refused_by_hub(outcome: PackOutcome) -> bool:
    """True when the hub itself refused the pack (a STOP found by the hub, not by this station)."""
    return any(r.level is VerdictLevel.STOP and r.source is ReasonSource.HUB for r in outcome.verdict.reasons)


def pack_serial(outcome: PackOutcome, key: str) -> str:
    """The pack's serial, as printed on it (the key when the code had none)."""
    pack = outcome.prepared.pack
    return pack.serial if pack is not None and pack.serial else key


def _amount(value: Decimal | None) -> str | None:
    return f"{value.normalize():f}" if value is not None else None


def prescription_view(progress: PrescriptionProgress | None) -> PrescriptionView | None:
    """The open prescription and what this dispense has covered, as the prescription panel shows it."""
    if progress is None:
        return None
    lines = []
    for item in progress.items:
        left = item.left
        lines.append(
            PrescribedLine(
                item_id=item.item_id,
                label=item.label,
                quantity=_amount(item.quantity),
                unit=item.unit,
                dispensed_packs=item.packs,
                dispensed_units=_amount(item.units),
                left=_amount(left),
                covered=left is not None and left == 0,
                days_supply=item.days_supply,
            )
        )
    return PrescriptionView(progress.rx_id, progress.patient_ref, progress.status, tuple(lines),
                            progress.patient_name, progress.patient_birth_date)


class StationPresenter:
    """The counter window's presenter over a :class:`~dispense_app.station.StationSession`."""

    def __init__(self, session: StationSession, *, translate: Translate = qt_translate) -> None:
        self.session = session
        self.translate = translate
        session.workflow.translate = translate  # alerts record what the pharmacist read, as they read it
        self._status_cache = StatusCache(session.home)

    # sub-window sources (plain Python, sharing the session's lock)
    @property
    def operators(self) -> StationOperators:
        return self.session.operators

    @property
    def alerts(self) -> StationAlerts:
        return self.session.alerts

    @property
    def adherence(self) -> StationAdherence:
        return self.session.adherence

    @property
    def quarantine(self) -> StationQuarantine:
        """The Quarantine window's source (US DSCSA suspect product; ui/quarantine_view.py)."""
        return self.session.quarantine

    # ------------------------------------------------------------------ scans
    def scan(self, scan: ScanEvent, first: Callable[[ScanResult], None] | None = None) -> ScanResult:
        results: list[ScanResult] = []

        def decided(outcome: PackOutcome) -> None:
            details = pack_details(outcome, self.session.product_name(outcome))
            seal = outcome.verdict.may_dispense and self.session.seal_check
            results.append(scan_result(outcome, details, self.translate, self.session.rx_label(outcome),
                                       seal_check=seal))
            if first is not None:
                first(results[0])

        self.session.check(scan, first=decided)
        return results[0]

    # ------------------------------------------------------------------ the current dispense
    def set_patient(self, patient_ref: str | None) -> str | None:
        """Dispense to this patient without a prescription; returns the patient now in use."""
        return self.session.set_patient(patient_ref)

    def open_prescription(self, path: str) -> PrescriptionView:
        view = prescription_view(self.session.open_prescription(path))
        assert view is not None
        return view

    def new_dispense(self) -> None:
        self.session.new_dispense()

    def _line(self, outcome: PackOutcome, key: str, *, undo: bool) -> LineUpdate:
        verdict = outcome.verdict
        if verdict.level.value == "stop" or not verdict.may_dispense:
            # "refused by the hub" only when it was the hub; the station's own checks block the pack
            status = LineStatus.FAILED if refused_by_hub(outcome) else LineStatus.BLOCKED
            return LineUpdate(key, status, verdict.reason(self.translate))
        if undo:
            message = verdict.reason(self.translate) if verdict.queue else ""
            return LineUpdate(key, LineStatus.UNDONE, message)
        status = LineStatus.QUEUED if verdict.queue else LineStatus.DISPENSED
        # a queued pack's row says "dispensed offline (queued)"; the banner says the rest
        message = verdict.reason(self.translate) if verdict.level.value == "warn" and not verdict.queue else ""
        return LineUpdate(key, status, message, verdict.undo_until)

    def _result(self, done: DispenseOutcome, *, undo: bool = False, anyway: str | None = None) -> DispenseResult:
        if not done.packs:
            return DispenseResult(Level.WARN, (), "")
        lines = tuple(self._line(o, k, undo=undo) for k, o in done.packs)
        view = prescription_view(done.prescription)  # an undo gives the prescription its pack back
        if undo:
            headline, summary, action = self._undo_summary(done)
        else:
            headline, summary, action = self._dispense_summary(done, anyway)
        return DispenseResult(
            Level(done.level.value), lines, prescription=view, headline=headline, summary=summary, next_action=action
        )

    def _dispense_summary(self, done: DispenseOutcome, anyway: str | None) -> tuple[str, tuple[str, ...], str]:
        """The banner after F9 or Supply anyway: how many were dispensed or queued, which packs were
        refused (by serial) and why, and what to do."""
        t = self.translate
        dispensed: list[str] = []
        queued: list[str] = []
        refused: list[str] = []
        summary: list[str] = []
        action = ""
        for key, outcome in done.packs:
            verdict, serial = outcome.verdict, pack_serial(outcome, key)
            if verdict.level.value == "stop" or not verdict.may_dispense:
                refused.append(serial)
                text = (
                    translate("StationPresenter", "{serial}: refused by the hub: {reason}")
                    if refused_by_hub(outcome)
                    else translate("StationPresenter", "{serial}: not dispensed: {reason}")
                )
                summary.append(text.format(serial=serial, reason=verdict.reason(t)))
                action = action or verdict.next_action(t)
                continue
            (queued if verdict.queue else dispensed).append(serial)
            for overridden in verdict.overridden:
                summary.append(
                    translate("StationPresenter", "{serial}: supplied anyway past: {reason}").format(
                        serial=serial, reason=overridden.text(t)
                    )
                )
        if queued:  # one line for all of them: the banner must not push the list away
            summary.append(
                translate("StationPresenter", "Recorded offline, verified when the hub is back: {serials}").format(
                    serials=", ".join(queued)
                )
            )
        if anyway is not None and (dispensed or queued):
            summary.append(translate("StationPresenter", "Reason given: {reason}").format(reason=anyway))
        parts = []
        if anyway is not None and (dispensed or queued):
            parts.append(
                translate("StationPresenter", "Supplied anyway: {serials}").format(
                    serials=", ".join(dispensed + queued)
                )
            )
        else:
            if dispensed:
                parts.append(translate("StationPresenter", "{n} dispensed").format(n=len(dispensed)))
            if queued:
                parts.append(translate("StationPresenter", "{n} recorded offline").format(n=len(queued)))
        if refused:
            parts.append(
                translate("StationPresenter", "{n} refused: take {serials} back").format(
                    n=len(refused), serials=", ".join(refused)
                )
            )
        if refused:
            action = (
                translate("StationPresenter", "Do not hand over: {serials}. {action}")
                .format(serials=", ".join(refused), action=action)
                .strip()
            )
        elif queued:
            action = translate("StationPresenter", "You may hand the packs over; the hub checks them when it is back.")
        else:
            action = translate("StationPresenter", "Hand the packs over.")
        return " · ".join(parts), tuple(summary), action

    def _undo_summary(self, done: DispenseOutcome) -> tuple[str, tuple[str, ...], str]:
        """The banner after Undo: done (or queued), or why not."""
        t = self.translate
        key, outcome = done.packs[0]
        verdict, serial = outcome.verdict, pack_serial(outcome, key)
        if verdict.level.value == "stop" or not verdict.may_dispense:
            headline = translate("StationPresenter", "Undo not done: {serial}")
        elif verdict.queue:
            headline = translate("StationPresenter", "Undo recorded offline: {serial}")
        else:
            headline = translate("StationPresenter", "Undo done: {serial}")
        return headline.format(serial=serial), tuple(r.text(t) for r in verdict.reasons), verdict.next_action(t)

    def dispense(self, keys: Sequence[str]) -> DispenseResult:
        return self._result(self.session.dispense(keys))

    def supply_anyway(self, key: str, reason: str) -> DispenseResult:
        """A pharmacist supplies a pack despite a prescription STOP, with a reason."""
        return self._result(self.session.supply_anyway(key, reason), anyway=reason.strip())

    def undo(self, key: str, reason: str | None = None) -> DispenseResult:
        return self._result(self.session.undo_checked(key, reason), undo=True)

    # ------------------------------------------------------------------ the seal (core/seal.py)
    def seal_broken(self, key: str, disposal: str) -> DispenseResult:
        """Ctrl+B: destroy or return the pack, a local alert; the banner says what was done."""
        from dispense_app.core.seal import parse_disposal

        done = self.session.seal_broken(key, parse_disposal(disposal))
        ((_, outcome),) = done.packs
        verdict, serial, t = outcome.verdict, pack_serial(outcome, key), self.translate
        # short: "Seal broken: DEMO-IBU-007 not dispensed" took two lines of the banner at 1400 px and
        # pushed the status bar off the screen (Xvfb); the first reason says it was not supplied
        headline = translate("StationPresenter", "Seal broken: {serial}").format(serial=serial)
        summary = [r.text(t) for r in verdict.reasons]
        if outcome.alert is not None:
            summary.append(translate("StationPresenter", "Alert {alert} recorded here for follow-up; the hub raises "
                                                         "none.").format(alert=outcome.alert.alert_id))
        line = LineUpdate(key, LineStatus.BLOCKED, verdict.reasons[1].text(t))
        return DispenseResult(Level(verdict.level.value), (line,), prescription=prescription_view(done.prescription),
                              headline=headline, summary=tuple(summary), next_action=verdict.reasons[1].action(t))

    def set_seal_check(self, on: bool) -> StationStatus:
        self.session.set_seal_check(on)
        return self.status()

    # ------------------------------------------------------------------ operators and set-up
    def use_profile(self, profile: ScannerProfile | None) -> StationStatus:
        """Use a newly calibrated scanner profile from the next scan on."""
        self.session.use_profile(profile)
        return self.status()

    def sign_in(self, login: str, pin: str) -> StationStatus:
        """Sign an operator in with their PIN (raises SignInError)."""
        self.session.sign_in(login, pin)
        return self.status()

    def sign_out(self) -> StationStatus:
        self.session.sign_out()
        return self.status()

    # ------------------------------------------------------------------ status and outbox
    def status(self) -> StationStatus:
        # polled every few seconds: a counter on its local journal goes back to the site store (and
        # merges the journal) by itself once the server answers again (issue 20)
        self.session.rejoin_site_if_due()
        s = self.session.status()
        status = StationStatus(
            hub_online=s.hub_online,
            outbox_length=s.outbox_length,
            hub_p95_ms=s.hub_p95_ms,
            scanner_profile=s.scanner_profile,
            operator=s.operator,
            hub_url=s.hub_url,
            alerts_new=s.alerts_new,
            sign_in_required=s.sign_in_required,
            permissions=s.permissions,
            hub_notice_level=s.hub_notice_level,
            hub_notice=s.hub_notice,
            hub_credential=s.hub_credential,
            seal_check=s.seal_check,
            site_journal=s.site_journal,
        )
        self._status_cache.save(status)  # the next start shows it at once (issue 22)
        return status

    def replay(self, progress: ProgressCallback) -> ReplayResult:
        if self.session.client is None:
            progress(0, self.session.station.pending_count())
            return ReplayResult(self.status())
        report = self.session.sync(progress=progress)
        conflicts = tuple(self._conflict(alert) for alert in self.session.replay_alerts(report))
        confirmed = tuple(LineUpdate(key, LineStatus.DISPENSED, "", deadline)
                          for key, deadline in self.session.confirmed_in_dispense().items())
        return ReplayResult(self.status(), confirmed=report.confirmed, conflicts=conflicts, lines=confirmed)

    def _conflict(self, alert: AlertRecord) -> ReplayConflict:
        """A post-hoc alert of a replay, as the window names it: pack, patient, what the hub said."""
        code = alert.gtin or alert.ppn or alert.pzn or ""
        serial = alert.serial or "?"
        if alert.state:
            reason = translate(
                "StationPresenter",
                "When the outbox was sent, the hub said the pack had already been handed over or taken out of use "
                "elsewhere.",
            )
        else:
            reason = translate(
                "StationPresenter", "When the outbox was sent, the hub refused it (code {code})."
            ).format(code=alert.return_code or "?")
        return ReplayConflict(alert.alert_id, f"{code}/{serial}", serial, alert.patient_ref, alert.dispense_id, reason)

    def close(self) -> None:
        self.session.close()


def open_presenter(
    home: Path,
    client: Callable[..., HubClient | None],
    *,
    operator: str | None,
    hub_url: str | None,
    on_close: Callable[[], None] | None = None,
) -> StationPresenter:
    """The presenter over the station in ``home`` with the hub client ``client(station)`` builds
    (training mode, tests). Always the home's own SQLite store: training never writes to a site store,
    whatever ``--store`` or DISPENSE_APP_STORE says."""
    session = open_station(home, hub=hub_url, operator=operator, client=client, on_close=on_close, store="sqlite")
    return StationPresenter(session)


def station_factory(
    home: Path,
    *,
    hub_url: str | None,
    operator: str | None = None,
    client: Callable[..., HubClient | None] | None = None,
    on_close: Callable[[], None] | None = None,
) -> Callable[[], StationPresenter]:
    """A factory (run on a worker by the window) for the station kept in ``home``: the hub is
    ``hub_url``, else the configured one (:func:`dispense_app.station.open_station`)."""

    def build() -> StationPresenter:
        session = open_station(home, hub=hub_url, operator=operator, client=client, on_close=on_close)
        return StationPresenter(session)

    return build


__all__ = [
    "StationPresenter",
    "open_presenter",
    "pack_details",
    "prescription_view",
    "profile_name",
    "qt_translate",
    "scan_result",
    "station_factory",
]
