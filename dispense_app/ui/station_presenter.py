"""The presenter that ships: the counter window's view of the real station (the workflow service).

It adapts :class:`dispense_app.workflow.service.Workflow` (parse/gate -> local checks -> hub ->
verdict -> records, outbox, alerts) to the window's :class:`~dispense_app.ui.viewmodel.CounterPresenter`
interface: a wedge :class:`~scanner.scan_event.ScanEvent` becomes a workflow ``ScanInput`` and a
verify; Dispense sends the checked packs through ``Workflow.dispense`` (outbox first); Undo goes
through ``Workflow.undo``; the status comes from the station (outbox) and the hub client (p95).
Texts come from the core's message table, translated with Qt's translator (context ``verdict``).

Everything here runs on worker threads (the window calls it through the TaskRunner). One lock
serialises the calls into the workflow and the station database, so a status poll never runs in
the middle of a dispense.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dispense_app.core.model import HubUnavailable
from dispense_app.ui.viewmodel import (
    DispenseResult,
    Level,
    LineStatus,
    LineUpdate,
    PackDetails,
    PrescribedLine,
    PrescriptionView,
    ProgressCallback,
    ScanEvent,
    ScanResult,
    StationStatus,
)

Translate = Callable[[str], str]
PROBE_EVERY_S = 10.0
"""How often an unknown or offline hub is probed for the status bar (a product lookup, not a verify)."""
PROBE_GTIN = "00000000000000"


def qt_translate(text: str) -> str:
    """Translate a core message with Qt (thread-safe: QCoreApplication.translate may run on workers)."""
    from PySide6.QtCore import QCoreApplication

    from dispense_app.core.messages import MESSAGE_CONTEXT

    return QCoreApplication.translate(MESSAGE_CONTEXT, text)


def pack_details(outcome: Any, product_name: str | None) -> PackDetails | None:
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
    )


def scan_result(outcome: Any, details: PackDetails | None, translate: Translate) -> ScanResult:
    """A workflow :class:`~dispense_app.workflow.outcome.PackOutcome` as the window shows it."""
    verdict = outcome.verdict
    return ScanResult(
        level=Level(verdict.level.value),
        reasons=tuple(r.text(translate) for r in verdict.reasons),
        next_action=verdict.next_action(translate),
        pack=details,
        may_dispense=bool(verdict.may_dispense),
        offline=bool(verdict.offline),
        return_code=outcome.reply.return_code.value if outcome.reply is not None else None,
        alert_id=outcome.alert.alert_id if outcome.alert is not None else None,
    )


def outcome_key(outcome: Any) -> str | None:
    ref = outcome.prepared.ref
    return f"{ref.product_code}/{ref.serial}" if ref is not None else None


@dataclass(slots=True)
class _HubHealth:
    online: bool | None = None
    checked_at: float = 0.0


class StationPresenter:
    """The counter window's presenter over a :class:`~dispense_app.workflow.service.Workflow`.

    ``client`` is the hub client the workflow uses (for the p95 figure, the reachability probe and
    outbox replay), or None when the station has no hub (everything then runs the offline path).
    """

    def __init__(
        self,
        workflow: Any,
        client: Any,
        *,
        hub_url: str | None = None,
        scanner_profile_name: str | None = None,
        translate: Translate = qt_translate,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.workflow = workflow
        self.client = client
        self.hub_url = hub_url
        self.scanner_profile_name = scanner_profile_name
        self.translate = translate
        self._on_close = on_close
        self._lock = threading.RLock()
        self._health = _HubHealth()
        self._scans: dict[str, Any] = {}  # pack key -> the workflow ScanInput it was checked with
        self._rx: Any = None  # the open Prescription of this dispense, if any
        self._session: Any = None  # the DispenseSession (packs counted against the prescription)
        self._patient: str | None = None  # the patient chosen without a prescription, if any
        from dispense_app.ui.operators_model import SignedIn, StationOperators

        self.operators = StationOperators(workflow.station, SignedIn(workflow.operator), lock=self._lock)
        from dispense_app.ui.alerts_model import StationAlerts

        self.alerts = StationAlerts(workflow.station, actor=workflow.operator, lock=self._lock,
                                    operators=self.operators)
        from dispense_app.ui.adherence_model import StationAdherence

        self.adherence = StationAdherence(
            workflow.station, actor=workflow.operator, lock=self._lock,
            today=lambda: workflow.clock().astimezone(workflow.tz).date(),
        )

    # ------------------------------------------------------------------ scans
    def _scan_input(self, event: ScanEvent) -> Any:
        from dispense_app.workflow.scan import ScanInput
        from scanner.scan_event import ScanSource

        return ScanInput(
            raw=event.raw,
            entry_mode=event.entry_mode,
            aim_id=event.aim,
            wedge=event.source is ScanSource.WEDGE,
        )

    def _note_hub(self, outcome: Any) -> None:
        if outcome.reply is not None:
            self._mark(True)
        elif outcome.verdict.offline and self.client is not None:
            self._mark(False)

    def _product_name(self, outcome: Any) -> str | None:
        if outcome.reply is not None and outcome.reply.product_name:
            return str(outcome.reply.product_name)
        product = self.workflow.product(outcome.prepared.pack)
        return product.name if product is not None else None

    def scan(self, scan: ScanEvent) -> ScanResult:
        from dispense_app.core.operators import Action

        self.operators.require(Action.VERIFY)  # with accounts, every check has an operator on record
        inp = self._scan_input(scan)
        with self._lock:
            outcome = self.workflow.verify(inp)
            self._note_hub(outcome)
            key = outcome_key(outcome)
            if key is not None:
                self._scans[key] = inp
            details = pack_details(outcome, self._product_name(outcome))
            result = scan_result(outcome, details, self.translate)
            if self._rx is not None and key is not None and outcome.prepared.pack is not None:
                result = self._with_prescription(result, outcome.prepared.pack)
        return result

    # ------------------------------------------------------------------ prescription
    def _patient_ref(self) -> str | None:
        if self._rx is not None and self._rx.patient_ref:
            return str(self._rx.patient_ref)
        return self._patient

    def _sess(self) -> Any:
        if self._session is None:
            self._session = self.workflow.session(self._rx, self._patient_ref())
        return self._session

    def set_patient(self, patient_ref: str | None) -> str | None:
        """Dispense to this patient without a prescription (fills then count for adherence).
        A prescription's own patient takes precedence. Returns the patient now in use."""
        ref = (patient_ref or "").strip() or None
        if ref is not None and (len(ref) > 100 or not ref.isprintable()):
            raise ValueError("a patient reference is 1-100 printable characters")
        with self._lock:
            self._patient = ref
            self._session = None
            return self._patient_ref()

    def _with_prescription(self, result: ScanResult, pack: Any) -> ScanResult:
        """Add the prescription match of a scanned pack (counted only when it is dispensed)."""
        import dataclasses

        today = self.workflow.clock().astimezone(self.workflow.tz).date()
        match = self._sess().match(pack, today)
        findings = [f for f in match.findings]
        if not findings:
            item = match.item.label if match.item is not None else None
            return dataclasses.replace(result, rx_item=item)
        rank = {"ok": 0, "warn": 1, "stop": 2}
        worst = max(findings, key=lambda f: rank[f.level.value])
        texts = tuple(f.text(self.translate) for f in findings)
        if rank[worst.level.value] > rank[result.level.value]:
            level, reasons, action = Level(worst.level.value), texts + result.reasons, worst.action(self.translate)
        else:
            level, reasons, action = result.level, result.reasons + texts, result.next_action
        return dataclasses.replace(
            result,
            level=level,
            reasons=reasons,
            next_action=action,
            may_dispense=result.may_dispense and level is not Level.STOP,
            rx_item=match.item.label if match.item is not None else None,
            # the hub and the local rules allowed it; only the prescription says STOP
            overridable=result.may_dispense and level is Level.STOP,
        )

    def _rx_view(self) -> PrescriptionView | None:
        rx = self._rx
        if rx is None:
            return None
        sess = self._sess()
        lines = []
        for item in rx.items:
            packs = sess.packs_per_item.get(item.item_id, 0)
            units = sess.units_per_item.get(item.item_id)
            unit = item.quantity_unit.value
            done = packs if unit == "packs" else units
            left = None
            covered = False
            if item.quantity is not None and done is not None:
                remaining = max(item.quantity - done, 0)
                left = f"{remaining.normalize():f}" if hasattr(remaining, "normalize") else str(remaining)
                covered = remaining == 0
            lines.append(
                PrescribedLine(
                    item_id=item.item_id,
                    label=item.label,
                    quantity=f"{item.quantity.normalize():f}" if item.quantity is not None else None,
                    unit=unit,
                    dispensed_packs=packs,
                    dispensed_units=f"{units.normalize():f}" if units is not None else None,
                    left=left,
                    covered=covered,
                    days_supply=item.days_supply,
                )
            )
        return PrescriptionView(rx.rx_id, rx.patient_ref, rx.status, tuple(lines))

    def open_prescription(self, path: str) -> PrescriptionView:
        from dispense_app.cli import UsageError
        from dispense_app.workflow.cli import load_prescription

        try:
            rx = load_prescription(path, None)
        except UsageError as exc:
            raise ValueError(str(exc)) from None
        with self._lock:
            self._rx = rx
            self._session = None
            view = self._rx_view()
        assert view is not None
        return view

    def new_dispense(self) -> None:
        with self._lock:
            self._rx = None
            self._session = None
            self._patient = None
            self._scans.clear()

    # ------------------------------------------------------------------ dispense / undo
    def _line(self, outcome: Any, key: str, *, undo: bool) -> LineUpdate:
        verdict = outcome.verdict
        if verdict.level.value == "stop" or not verdict.may_dispense:
            return LineUpdate(key, LineStatus.FAILED, verdict.reason(self.translate))
        if undo:
            message = verdict.reason(self.translate) if verdict.queue else ""
            return LineUpdate(key, LineStatus.UNDONE, message)
        status = LineStatus.QUEUED if verdict.queue else LineStatus.DISPENSED
        message = verdict.reason(self.translate) if verdict.level.value == "warn" else ""
        return LineUpdate(key, status, message, verdict.undo_until)

    @staticmethod
    def _overall(outcomes: Sequence[Any]) -> Level:
        levels = {o.verdict.level.value for o in outcomes}
        for level in ("stop", "warn"):
            if level in levels:
                return Level(level)
        return Level.OK

    def use_profile(self, profile: Any) -> StationStatus:
        """Use a newly calibrated scanner profile from the next scan on."""
        with self._lock:
            self.workflow.profile = profile
            self.scanner_profile_name = profile_name(profile)
            return self.status()

    # ------------------------------------------------------------------ operators
    def sign_in(self, login: str, pin: str) -> StationStatus:
        """Sign an operator in with their PIN; they are recorded on every scan, dispense and alert
        change from now on. Raises SignInError."""
        with self._lock:
            op = self.operators.sign_in(login, pin)
            self.workflow.operator = op.login
            self.alerts.actor = op.login
            self.adherence.actor = op.login
            return self.status()

    def sign_out(self) -> StationStatus:
        with self._lock:
            self.operators.sign_out()
            self.workflow.operator = None
            self.alerts.actor = None
            self.adherence.actor = None
            return self.status()

    def dispense(self, keys: Sequence[str]) -> DispenseResult:
        from dispense_app.core.operators import Action

        self.operators.require(Action.DISPENSE)
        with self._lock:
            wanted = [(k, self._scans[k]) for k in keys if k in self._scans]
            if not wanted:
                return DispenseResult(Level.WARN, (), "")
            rx = self._rx
            outcomes = self.workflow.dispense(
                [inp for _, inp in wanted],
                prescription=rx,
                patient_ref=self._patient_ref(),
                session=self._sess(),
            )
            for outcome in outcomes:
                self._note_hub(outcome)
            view = self._rx_view()
        lines = tuple(self._line(o, k, undo=False) for (k, _), o in zip(wanted, outcomes, strict=True))
        return DispenseResult(self._overall(outcomes), lines, prescription=view)

    def supply_anyway(self, key: str, reason: str) -> DispenseResult:
        """A pharmacist supplies a pack despite a prescription STOP, with a reason; the workflow
        records it on the alert. Never overrides the hub or the local safety rules (the workflow
        refuses those). Needs a signed-in pharmacist (operator accounts), like the command line."""
        from dispense_app.core.operators import Action

        reason = reason.strip()
        if not reason:
            raise ValueError("say why the pack is supplied anyway")
        if len(reason) > 500:
            raise ValueError("the reason is at most 500 characters")
        if not self.operators.enabled:
            raise PermissionError("supplying anyway needs a pharmacist's account (Settings, Operators)")
        self.operators.require(Action.SUPPLY_ANYWAY)
        with self._lock:
            inp = self._scans.get(key)
            if inp is None:
                return DispenseResult(Level.WARN, (), "")
            rx = self._rx
            pharmacist = self.operators.signed_in.login
            assert pharmacist is not None
            outcomes = self.workflow.dispense(
                [inp], prescription=rx, patient_ref=self._patient_ref(), session=self._sess(),
                supply_anyway=(reason, pharmacist),
            )
            for outcome in outcomes:
                self._note_hub(outcome)
            view = self._rx_view()
        lines = tuple(self._line(o, key, undo=False) for o in outcomes)
        return DispenseResult(self._overall(outcomes), lines, prescription=view)

    def undo(self, key: str) -> DispenseResult:
        from dispense_app.core.operators import Action

        self.operators.require(Action.UNDO)
        with self._lock:
            inp = self._scans.get(key)
            if inp is None:
                return DispenseResult(Level.WARN, (), "")
            outcome = self.workflow.undo(inp)
            self._note_hub(outcome)
        return DispenseResult(self._overall([outcome]), (self._line(outcome, key, undo=True),))

    # ------------------------------------------------------------------ status
    def _mark(self, online: bool) -> None:
        self._health = _HubHealth(online, time.monotonic())

    def _probe_due(self) -> bool:
        h = self._health
        if self.client is None:
            return False
        return h.online is None or (h.online is False and time.monotonic() - h.checked_at >= PROBE_EVERY_S)

    def _probe(self) -> None:
        """Ask the hub something harmless (a product lookup) to learn whether it answers."""
        if self.client is None:
            return
        try:
            self.client.product(PROBE_GTIN)
        except HubUnavailable:
            self._mark(False)
        except Exception:
            self._mark(True)  # it answered, if not with what we asked
        else:
            self._mark(True)

    def status(self) -> StationStatus:
        with self._lock:
            if self._probe_due():
                self._probe()
            stats = getattr(getattr(self.client, "inner", self.client), "stats", None)
            p95 = stats.p95_ms if stats is not None else None
            return StationStatus(
                hub_online=self._health.online if self.client is not None else False,
                outbox_length=self.workflow.station.pending_count(),
                hub_p95_ms=p95,
                scanner_profile=self.scanner_profile_name,
                operator=self.workflow.operator,
                hub_url=self.hub_url,
                alerts_new=self.workflow.station.alert_count(status="new"),
                sign_in_required=self.operators.enabled and self.operators.signed_in.role is None,
                permissions=self.operators.permissions(),
            )

    def replay(self, progress: ProgressCallback) -> StationStatus:
        with self._lock:
            station = self.workflow.station
            total = station.pending_count()
            progress(0, total)
            if self.client is not None and total:
                report = station.replay(self.client, progress=lambda r: progress(min(r.sent, total), total))
                if report.error is None:
                    self._mark(True)
                elif report.remaining:
                    self._mark(False)
            else:
                self._probe()
            return self.status()

    def close(self) -> None:
        with self._lock:
            try:
                if self.client is not None:
                    self.client.close()
                self.workflow.station.close()
            finally:
                if self._on_close is not None:
                    self._on_close()


def profile_name(profile: Any) -> str | None:
    """A short description of a scanner profile for the status bar."""
    if profile is None:
        return None
    parts = [f"{profile.scanner_layout}→{profile.host_layout}"]
    if getattr(profile, "caps_lock", False):
        parts.append("Caps Lock")
    suffix = getattr(profile, "suffix", None)
    if suffix:
        parts.append(str(suffix))
    return ", ".join(parts)


def client_url(client: Any) -> str | None:
    """The URL a hub client talks to (``base_url`` of the FMD REST and VRS clients), if it says."""
    url = getattr(client, "base_url", None)
    return url if isinstance(url, str) and url else None


def open_station(
    home: Path,
    client_factory: Callable[[Any], Any],
    *,
    operator: str | None,
    hub_url: str | None,
    on_close: Callable[[], None] | None = None,
) -> StationPresenter:
    """Open the station in ``home`` with the client ``client_factory(station)`` builds (on a worker)."""
    from dispense_app.store import Station
    from dispense_app.workflow.service import Workflow
    from scanner.calibration import load_profile

    station = Station.open(home)
    try:
        client = client_factory(station)
        profile = load_profile(home)
        workflow = Workflow(station, client, operator=operator, scanner_profile=profile)
        return StationPresenter(
            workflow,
            workflow.client,
            hub_url=hub_url or client_url(client),
            scanner_profile_name=profile_name(profile),
            on_close=on_close,
        )
    except BaseException:
        station.close()
        raise


def station_factory(home: Path, *, hub_url: str | None, operator: str | None = None) -> Callable[[], StationPresenter]:
    """A factory (run on a worker by the window) for the station configured in ``home``.

    The hub is ``--hub URL``, else the configured hub (``hub.json``; secrets from the keyring),
    else the station's ``hub.url`` setting; problems with it are shown in the window.
    """

    def build() -> StationPresenter:
        from dispense_app.commands.sync import make_hub_client

        def client(station: Any) -> Any:
            return make_hub_client(home, station, hub_url)

        return open_station(home, client, operator=operator, hub_url=hub_url)

    return build

