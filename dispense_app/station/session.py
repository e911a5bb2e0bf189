"""The station service: one typed session that the command line and the counter window both drive.

:func:`open_station` opens a station's store, its hub client and its scanner profile and returns a
:class:`StationSession`. The session owns the **current dispense** (the open prescription, the
patient, the packs checked so far) and offers the station's operations as typed methods that
return domain outcomes (:class:`~dispense_app.workflow.outcome.PackOutcome`,
:class:`DispenseOutcome`, :class:`HubStatus`, the store's ``ReplayReport``). Errors come from one
tree (:mod:`dispense_app.errors`): known conditions the user can act on; anything else is a bug.

Every method may block on the network or the disk: the window calls them on its worker thread.
One lock serialises them, so a status poll never runs in the middle of a dispense.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dispense_app.core.model import HubClient, HubUnavailable, Transaction
from dispense_app.core.operators import Action
from dispense_app.core.prescription import DispenseSession, Prescription
from dispense_app.core.verdict import Level
from dispense_app.errors import InputError, NotAllowed
from dispense_app.station.adherence import StationAdherence
from dispense_app.station.alerts import StationAlerts
from dispense_app.station.hub_notice import HubNotices
from dispense_app.station.hub_setup import client_url, make_hub_client
from dispense_app.station.operators import SignedIn, StationOperators
from dispense_app.station.patients import PatientDirectory
from dispense_app.station.prescriptions import load_prescription
from dispense_app.station.quarantine import StationQuarantine
from dispense_app.store.records import DispenseStatus
from dispense_app.workflow.outcome import PackOutcome
from dispense_app.workflow.scan import Prepared, ScanInput
from dispense_app.workflow.service import Workflow
from scanner.scan_event import ScanEvent, ScanSource

if TYPE_CHECKING:
    from dispense_app.core.alerts import AlertRecord
    from dispense_app.core.seal import SealDisposal
    from dispense_app.store import Station
    from dispense_app.workflow.sender import ReplayReport
    from scanner.calibration import ScannerProfile

PROBE_EVERY_S = 10.0
"""How often an unknown or offline hub is probed (a product lookup, not a verify)."""
REJOIN_EVERY_S = 15.0
"""How often a counter working on its local journal tries the site store again (issue 20)."""
PROBE_GTIN = "00000000000000"
MAX_PATIENT_REF = 100
MAX_REASON = 500


def scan_input(event: ScanEvent | ScanInput) -> ScanInput:
    """What the workflow checks, from a scanner's :class:`~scanner.scan_event.ScanEvent`: the event
    goes along (the gate sees its time and key events; an alert keeps its time and key timings)."""
    if isinstance(event, ScanInput):
        return event
    wedge = event.source is ScanSource.WEDGE
    return ScanInput(raw=event.raw, entry_mode=event.entry_mode, aim_id=event.aim, wedge=wedge, event=event)


def pack_key(outcome: PackOutcome) -> str | None:
    """The key a checked pack is known by in the current dispense: ``product code/serial``."""
    ref = outcome.prepared.ref
    return f"{ref.product_code}/{ref.serial}" if ref is not None else None


def overall(outcomes: Sequence[PackOutcome]) -> Level:
    """The most serious verdict of several packs (OK when there are none)."""
    return max((o.verdict.level for o in outcomes), key=lambda level: level.rank, default=Level.OK)


def profile_name(profile: ScannerProfile | None) -> str | None:
    """A short description of a scanner profile for the status bar."""
    if profile is None:
        return None
    parts = [f"{profile.scanner_layout}→{profile.host_layout}"]
    if profile.caps_lock:
        parts.append("Caps Lock")
    if profile.suffix:
        parts.append(str(profile.suffix))
    return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class ItemProgress:
    """How much of one prescribed item this dispense has covered."""

    item_id: str
    label: str
    quantity: Decimal | None
    unit: str
    packs: int
    units: Decimal | None
    days_supply: int | None

    @property
    def left(self) -> Decimal | None:
        done = Decimal(self.packs) if self.unit == "packs" else self.units
        if self.quantity is None or done is None:
            return None
        return max(self.quantity - done, Decimal(0))


@dataclass(frozen=True, slots=True)
class PrescriptionProgress:
    """The open prescription and what the current dispense has covered of it."""

    rx_id: str
    patient_ref: str | None
    status: str
    items: tuple[ItemProgress, ...]
    patient_name: str | None = None
    patient_birth_date: dt.date | None = None


@dataclass(slots=True)
class DispenseOutcome:
    """What a dispense, supply-anyway or undo did: one outcome per pack key, in order."""

    packs: list[tuple[str, PackOutcome]] = field(default_factory=list)
    prescription: PrescriptionProgress | None = None

    @property
    def level(self) -> Level:
        return overall([o for _, o in self.packs]) if self.packs else Level.WARN


@dataclass(frozen=True, slots=True)
class HubStatus:
    """The station's health as the status bar shows it."""

    hub_online: bool | None
    outbox_length: int
    hub_p95_ms: float | None
    alerts_new: int
    operator: str | None
    hub_url: str | None
    scanner_profile: str | None
    sign_in_required: bool
    permissions: tuple[str, ...] | None
    #: beyond online/offline (:mod:`.hub_notice`): "expired" (a credential: shown instead of
    #: "offline"), "offline" (the national system's emergency procedure) or "warn" (expires soon)
    hub_notice_level: str | None = None
    hub_notice: str | None = None
    #: the credential finding behind an "expired"/"warn" notice (hub.lifecycle.Finding), for the
    #: window to word in its language and colour by its stage
    hub_credential: Any = None
    seal_check: bool = True  # the counter asks for the seal after an OK verify (core/seal.py)
    #: on a site store that cannot be reached: the records in the counter's local journal, waiting to
    #: be merged (None: not working on a journal)
    site_journal: int | None = None


@dataclass(slots=True)
class _CurrentDispense:
    prescription: Prescription | None = None
    patient: str | None = None  # chosen without a prescription
    session: DispenseSession | None = None  # packs counted against the prescription
    checked: dict[str, ScanInput] = field(default_factory=dict)  # pack key -> how it was checked
    outcomes: dict[str, PackOutcome] = field(default_factory=dict)  # pack key -> its last check
    sealed_off: set[str] = field(default_factory=set)  # seal broken: never dispensed in this dispense


@dataclass(slots=True)
class _HubHealth:
    online: bool | None = None
    checked_at: float = 0.0


class StationSession:
    """One station: its store, hub client, scanner profile, operator and current dispense."""

    def __init__(
        self,
        station: Station,
        client: HubClient | None,
        *,
        home: Path,
        operator: str | None = None,
        profile: ScannerProfile | None = None,
        hub_url: str | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.station = station
        self.client = client
        self.home = home
        self.patients = PatientDirectory(home)
        self.hub_url = hub_url or client_url(client)
        self.workflow = Workflow(station, client, operator=operator, scanner_profile=profile)
        self.lock = threading.RLock()
        self._on_close = on_close
        self._current = _CurrentDispense()
        self._health = _HubHealth()
        self._notices = HubNotices(home, client, hub_url)
        signed = SignedIn(operator)
        self.operators = StationOperators(station, signed, lock=self.lock)
        self.alerts = StationAlerts(station, actor=operator, lock=self.lock, operators=self.operators)
        self.adherence = StationAdherence(station, actor=operator, lock=self.lock, today=self.today,
                                          patients=self.patients)
        self.quarantine = StationQuarantine(  # US DSCSA suspect product (issue 19)
            station, actor=operator, lock=self.lock, operators=self.operators, clock=lambda: self.workflow.clock()
        )
        self._rejoin_after = 0.0  # monotonic time of the next try of the site store (on the journal)

    # ------------------------------------------------------------------ basics
    @property
    def operator(self) -> str | None:
        return self.workflow.operator

    def _set_operator(self, login: str | None) -> None:
        self.workflow.operator = login
        self.alerts.actor = login
        self.adherence.actor = login
        self.quarantine.actor = login

    @property
    def profile(self) -> ScannerProfile | None:
        return self.workflow.profile  # type: ignore[no-any-return]

    def today(self) -> dt.date:
        return self.workflow.clock().astimezone(self.workflow.tz).date()

    def close(self) -> None:
        with self.lock:
            try:
                if self.client is not None:
                    self.client.close()
                self.station.close()
            finally:
                if self._on_close is not None:
                    self._on_close()

    # ------------------------------------------------------------------ the site store coming back
    def rejoin_site(self) -> bool:
        """Working on the local journal (the site store could not be reached): try the site store
        again; when it answers, merge the journal into it (in order, exactly once: the same merge as
        a command's open, docs/site.md) and carry on on the site store. True if the session switched.

        The connection attempt runs outside the session's lock: scans and dispenses go on (on the
        journal) while a LAN that is down makes it wait for its timeout. The current dispense, the
        signed-in operator and the hub client are kept."""
        from dispense_app.store import Station
        from dispense_app.store.journal import merge, waiting
        from dispense_app.store.site import SiteUnreachableError

        site = self.station.journal_for
        if site is None:
            return False
        try:
            joined = Station.open_site(self.home, site, journal=False)
        except SiteUnreachableError:
            return False
        try:
            with self.lock:
                journal = self.station
                if journal.journal_for is None:  # another thread got there first
                    joined.close()
                    return False
                if waiting(self.home):  # what was recorded on the journal, up to this moment
                    joined.merge_report = merge(joined, self.home)
                self._use_station(joined)
        except BaseException:
            joined.close()
            raise
        journal.close()
        return True

    def rejoin_site_if_due(self) -> bool:
        """:meth:`rejoin_site` at most every :data:`REJOIN_EVERY_S` (the window's status poll)."""
        if self.station.journal_for is None or time.monotonic() < self._rejoin_after:
            return False
        self._rejoin_after = time.monotonic() + REJOIN_EVERY_S
        return self.rejoin_site()

    def _use_station(self, station: Station) -> None:
        """Every part of the session on ``station`` from now on (under the lock)."""
        self.station = station
        self.workflow.station = station
        self.operators.directory.station = station
        self.alerts.station = station
        self.adherence.station = station
        self.quarantine.station = station

    def __enter__(self) -> StationSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ operators
    def authorize(self, action: Action, login: str | None, pin: str | None) -> str | None:
        """The command line's sign-in: with operator accounts, ``login`` + ``pin`` must belong to
        someone whose role allows ``action`` (raises :class:`NotAllowed`); without accounts the
        name is recorded as given. The operator is recorded on everything done from now on."""
        from dispense_app.workflow.operators_store import OperatorDirectory, SignInError

        with self.lock:
            try:
                op = OperatorDirectory(self.station).require(login, pin, action)
            except SignInError as exc:
                raise NotAllowed(str(exc)) from None
            name = op.login if op is not None else login
            if op is not None:
                self.operators.signed_in.login, self.operators.signed_in.role = op.login, op.role
            self._set_operator(name)
            return name

    def sign_in(self, login: str, pin: str) -> None:
        """Sign an operator in with their PIN (raises SignInError)."""
        with self.lock:
            op = self.operators.sign_in(login, pin)
            self._set_operator(op.login)

    def sign_out(self) -> None:
        with self.lock:
            self.operators.sign_out()
            self._set_operator(None)

    def use_profile(self, profile: ScannerProfile | None) -> None:
        """Apply a newly calibrated scanner profile from the next scan on."""
        with self.lock:
            self.workflow.profile = profile

    # ------------------------------------------------------------------ the current dispense
    @property
    def prescription(self) -> Prescription | None:
        return self._current.prescription

    @property
    def patient_ref(self) -> str | None:
        """The patient of the current dispense: the prescription's own, else the one chosen."""
        rx = self._current.prescription
        if rx is not None and rx.patient_ref:
            return str(rx.patient_ref)
        return self._current.patient

    def _dispense_session(self) -> DispenseSession:
        cur = self._current
        if cur.session is None:
            cur.session = self.workflow.session(cur.prescription, self.patient_ref)
        return cur.session

    def new_dispense(self) -> None:
        """Start over: no prescription, no patient, no packs."""
        with self.lock:
            self._current = _CurrentDispense()

    def open_prescription(self, path: str, rx_id: str | None = None) -> PrescriptionProgress:
        """Open a prescription file for the current dispense (raises InputError)."""
        rx = load_prescription(path, rx_id)
        with self.lock:
            self._current.prescription = rx
            self._current.session = None
            progress = self.prescription_progress()
        assert progress is not None
        return progress

    def set_patient(self, patient_ref: str | None) -> str | None:
        """Dispense to this patient without a prescription (fills then count for adherence). A
        prescription's own patient takes precedence. Returns the patient now in use."""
        ref = (patient_ref or "").strip() or None
        if ref is not None and (len(ref) > MAX_PATIENT_REF or not ref.isprintable()):
            raise InputError(f"a patient reference is 1-{MAX_PATIENT_REF} printable characters")
        with self.lock:
            self._current.patient = ref
            self._current.session = None
            return self.patient_ref

    def prescription_progress(self) -> PrescriptionProgress | None:
        with self.lock:
            rx = self._current.prescription
            if rx is None:
                return None
            sess = self._dispense_session()
            items = tuple(
                ItemProgress(
                    item.item_id,
                    item.label,
                    item.quantity,
                    item.quantity_unit.value,
                    sess.packs_per_item.get(item.item_id, 0),
                    sess.units_per_item.get(item.item_id),
                    item.days_supply,
                )
                for item in rx.items
            )
            name, birth = rx.patient_name, rx.patient_birth_date
            if name is None:  # the prescription names nobody: the station's patient list may
                known = self.patients.get(rx.patient_ref)
                name, birth = (known.name, known.birth_date) if known is not None else (None, None)
            return PrescriptionProgress(rx.rx_id, rx.patient_ref, rx.status, items, name, birth)

    def rx_label(self, outcome: PackOutcome) -> str | None:
        """The prescribed item a checked or dispensed pack counts towards, by its label."""
        rx = self._current.prescription
        if rx is None or outcome.rx_item is None:
            return None
        return next((i.label for i in rx.items if i.item_id == outcome.rx_item), None)

    # ------------------------------------------------------------------ checking packs
    def verify(self, scan: ScanEvent | ScanInput) -> PackOutcome:
        """Ask the hub about one pack, outside any dispense (nothing changes on the hub)."""
        with self.lock:
            outcome = self.workflow.verify(scan_input(scan))
            self._note_hub(outcome)
            return outcome

    def check(
        self, scan: ScanEvent | ScanInput, *, first: Callable[[PackOutcome], None] | None = None
    ) -> PackOutcome:
        """Check a pack for the current dispense: the hub's answer, the local rules and the open
        prescription, in one verdict. The pack is remembered by :func:`pack_key` for
        :meth:`dispense`, :meth:`supply_anyway` and :meth:`undo_checked`.

        ``first``: called with the outcome as soon as the verdict is decided, before the scan's
        records (its alert, the scan log row, the hub's answer for the offline cache) are written,
        still inside the session lock: the counter shows the verdict while they are written, and no
        other action of this session can come in between. Without ``first`` they are written before
        the outcome is returned, as ever."""
        self.operators.require(Action.VERIFY)  # with accounts, every check has an operator on record
        inp = scan_input(scan)
        after: list[Callable[[], None]] = []
        with self.lock:
            prepared = self.workflow.prepare(inp)  # parsed once: for the repeat check and the workflow
            earlier = self._checked_before(prepared)
            if earlier is not None:  # its earlier verdict: nothing new to write
                if first is not None:
                    first(earlier)
                return earlier
            outcome = self.workflow.verify(inp, session=self._dispense_session() if self.prescription else None,
                                           prepared=prepared, after=after)
            self._note_hub(outcome)
            key = pack_key(outcome)
            if key is not None and key not in self._current.sealed_off:
                self._current.checked[key] = inp
                self._current.outcomes[key] = outcome
            try:
                if first is not None:
                    first(outcome)
            finally:
                for step in after:
                    step()
            return outcome

    def _checked_before(self, prepared: Prepared) -> PackOutcome | None:
        """The same pack scanned again in this dispense (a double scan, or the pack someone meant to
        scan next was not scanned): its earlier verdict marked ``extra["repeat"]``, with no second hub
        call, no second alert and no second count against the prescription. Not when the earlier
        check could not reach the hub: scanning again is how a pharmacist retries."""
        if not self._current.outcomes:
            return None
        ref = prepared.ref
        earlier = self._current.outcomes.get(f"{ref.product_code}/{ref.serial}") if ref is not None else None
        if earlier is None or earlier.verdict.offline:
            return None
        return replace(earlier, alert=None, extra={**earlier.extra, "repeat": True})

    def product_name(self, outcome: PackOutcome) -> str | None:
        """The product's name: the hub's, else the product master data."""
        if outcome.reply is not None and outcome.reply.product_name:
            return str(outcome.reply.product_name)
        with self.lock:
            product = self.workflow.product(outcome.prepared.pack)
        return product.name if product is not None else None

    # ------------------------------------------------------------------ decommissions
    def dispense(self, keys: Sequence[str]) -> DispenseOutcome:
        """Dispense checked packs of the current dispense (outbox first; offline: queued)."""
        self.operators.require(Action.DISPENSE)
        with self.lock:
            cur = self._current
            wanted = [(k, cur.checked[k]) for k in keys if k in cur.checked and k not in cur.sealed_off]
            if not wanted:
                return DispenseOutcome()
            outcomes = self.workflow.dispense(
                [inp for _, inp in wanted],
                prescription=self.prescription,
                patient_ref=self.patient_ref,
                session=self._dispense_session(),
                seal=self._seal_confirmed(),
            )
            return self._decommissioned([k for k, _ in wanted], outcomes)

    # ------------------------------------------------------------------ the seal (core/seal.py)
    @property
    def seal_check(self) -> bool:
        """Whether the counter asks for the seal after an OK verify and records it (default on)."""
        from dispense_app.workflow.seal import seal_check_on

        with self.lock:
            return seal_check_on(self.station)

    def set_seal_check(self, on: bool) -> bool:
        """Turn the seal check on or off (needs the settings permission; audited). Returns it."""
        from dispense_app.workflow.seal import set_seal_check

        self.operators.require(Action.SETTINGS)
        with self.lock:
            set_seal_check(self.station, on, actor=self.operator)
        return self.seal_check

    def _seal_confirmed(self) -> str | None:
        """What F9 (or Supply anyway) confirms about the seal: "intact" when the check is on."""
        from dispense_app.core.seal import SealCheck
        from dispense_app.workflow.seal import seal_check_on

        return SealCheck.INTACT.value if seal_check_on(self.station) else None

    def seal_broken(self, key: str, disposal: SealDisposal) -> DispenseOutcome:
        """Ctrl+B: the seal of checked pack ``key`` is broken. It is destroyed at the hub or returned
        to stock (``disposal``), a local alert records why, and it is never dispensed in this
        dispense (a rescan shows this outcome again). Raises InputError for a pack that is not
        checked and dispensable here (a pack already dispensed is undone first)."""
        from dispense_app.core.seal import SealDisposal as Disposal
        from dispense_app.workflow.seal import seal_broken

        self.operators.require(Action.DESTROY if disposal is Disposal.DESTROY else Action.DISPENSE)
        with self.lock:
            cur = self._current
            inp, earlier = cur.checked.get(key), cur.outcomes.get(key)
            if inp is None or earlier is None or key in cur.sealed_off or not earlier.verdict.may_dispense:
                raise InputError("the seal is checked on a pack that passed the check and was not dispensed")
            outcome = seal_broken(self.workflow, inp, disposal, patient_ref=self.patient_ref)
            self._note_hub(outcome)
            pack = outcome.prepared.pack
            if cur.session is not None and pack is not None:
                cur.session.hold(pack, None)  # it no longer counts against the prescription
            del cur.checked[key]  # F9 can no longer reach it
            cur.outcomes[key] = outcome
            cur.sealed_off.add(key)
            return DispenseOutcome([(key, outcome)], self.prescription_progress())

    def supply_anyway(self, key: str, reason: str) -> DispenseOutcome:
        """A pharmacist supplies a checked pack despite a prescription STOP, with a reason (recorded
        on the alert). Never past the hub or the local safety rules (the verdict refuses those)."""
        reason = reason.strip()
        if not reason:
            raise InputError("say why the pack is supplied anyway")
        if len(reason) > MAX_REASON:
            raise InputError(f"the reason is at most {MAX_REASON} characters")
        if not self.operators.enabled:
            raise NotAllowed("supplying anyway needs a pharmacist's account (Settings, Operators)")
        self.operators.require(Action.SUPPLY_ANYWAY)
        with self.lock:
            inp = self._current.checked.get(key)
            if inp is None:
                return DispenseOutcome()
            pharmacist = self.operators.signed_in.login
            assert pharmacist is not None
            outcomes = self.workflow.dispense(
                [inp],
                prescription=self.prescription,
                patient_ref=self.patient_ref,
                session=self._dispense_session(),
                supply_anyway=(reason, pharmacist),
                seal=self._seal_confirmed(),
            )
            return self._decommissioned([key], outcomes)

    def undo_checked(self, key: str, reason: str | None = None) -> DispenseOutcome:
        """Undo this station's supply of a checked pack (10-day window; offline: queued)."""
        self.operators.require(Action.UNDO)
        with self.lock:
            inp = self._current.checked.get(key)
            if inp is None:
                return DispenseOutcome()
            outcome = self.workflow.undo(inp, reason=reason)
            self._note_hub(outcome)
            self._current.outcomes.pop(key, None)
            pack = outcome.prepared.pack
            if self._current.session is not None and pack is not None and outcome.verdict.level is not Level.STOP:
                self._current.session.undone(pack)  # the prescription gets its pack back
            return DispenseOutcome([(key, outcome)], self.prescription_progress())

    def _decommissioned(self, keys: list[str], outcomes: list[PackOutcome]) -> DispenseOutcome:
        for key, outcome in zip(keys, outcomes, strict=True):
            self._note_hub(outcome)
            self._current.outcomes.pop(key, None)  # scanned again, it is checked again ("dispensed here")
        return DispenseOutcome(list(zip(keys, outcomes, strict=True)), self.prescription_progress())

    def dispense_packs(
        self,
        scans: Sequence[ScanEvent | ScanInput],
        *,
        prescription: Prescription | None = None,
        patient_ref: str | None = None,
        bulk: bool = False,
        supply_anyway: str | None = None,
        basket: DispenseSession | None = None,
    ) -> list[PackOutcome]:
        """Dispense packs in one go (the command line): match ``prescription`` for ``patient_ref``
        (default: the prescription's subject); ``bulk`` sends them in one request. With
        ``supply_anyway`` (a reason), the signed-in pharmacist supplies past prescription STOPs.
        ``basket`` (:meth:`basket`) carries the prescription match over several calls (``--stdin``,
        one pack per line)."""
        with self.lock:
            anyway = self._anyway(supply_anyway) if supply_anyway is not None else None
            return self.workflow.dispense(
                [scan_input(s) for s in scans],
                prescription=prescription,
                patient_ref=patient_ref,
                bulk=bulk,
                session=basket,
                supply_anyway=anyway,
            )

    def basket(self, prescription: Prescription | None, patient_ref: str | None) -> DispenseSession:
        """One dispense's prescription match, for :meth:`dispense_packs` called pack by pack."""
        return self.workflow.session(prescription, patient_ref)

    def _anyway(self, reason: str) -> tuple[str, str]:
        if not self.operators.enabled:
            raise NotAllowed("supplying anyway needs a pharmacist's account (dispense-app operators add)")
        self.operators.require(Action.SUPPLY_ANYWAY)
        by = self.operators.signed_in.login
        if not reason.strip() or by is None:
            raise InputError("supplying anyway needs a reason and a signed-in pharmacist")
        return reason.strip()[:MAX_REASON], by

    def undo(
        self, scan: ScanEvent | ScanInput, *, reason: str | None = None, kind: Transaction = Transaction.SUPPLY
    ) -> PackOutcome:
        """Undo this station's decommission of a pack (``kind``: supply by default; sample, free
        sample, export, lock, check-out; 10-day window; offline: queued)."""
        with self.lock:
            return self.workflow.undo(scan_input(scan), reason=reason, kind=kind)

    def destroy(self, scans: Sequence[ScanEvent | ScanInput], *, bulk: bool = False) -> list[PackOutcome]:
        """Decommission packs as destroyed (hospital dispensary, expired stock)."""
        with self.lock:
            return self.workflow.destroy([scan_input(s) for s in scans], bulk=bulk)

    def sample(self, scans: Sequence[ScanEvent | ScanInput], *, bulk: bool = False) -> list[PackOutcome]:
        """Decommission packs as samples for the authorities."""
        with self.lock:
            return self.workflow.sample([scan_input(s) for s in scans], bulk=bulk)

    # ------------------------------------------------------------------ the outbox and the hub
    def sync(self, *, chunk_size: int = 500, progress: Callable[[int, int], None] | None = None) -> ReplayReport:
        """Send the outbox to the hub, oldest first (safe to interrupt and rerun)."""
        with self.lock:
            total = self.station.pending_count()
            if progress is not None:
                progress(0, total)
            if self.client is None:
                raise HubUnavailable("no hub configured for this station")

            def step(report: ReplayReport) -> None:
                if progress is not None:
                    progress(min(report.sent, total), total)

            from dispense_app.workflow.sender import replay

            report = replay(self.station, self.client, chunk_size=chunk_size, progress=step)
            if report.error is None:
                self._mark(True)
            elif report.remaining:
                self._mark(False)
            return report

    def replay_alerts(self, report: ReplayReport) -> list[AlertRecord]:
        """The post-hoc alerts a replay raised (an entry the hub refused or found in conflict): the
        pack, the patient and the dispense record it concerns."""
        with self.lock:
            return [self.station.alert(alert_id) for alert_id in report.alerts]

    def confirmed_in_dispense(self) -> dict[str, dt.datetime]:
        """The packs of the current dispense whose decommission the hub has confirmed (after a
        replay, the ones queued offline): pack key -> undo deadline."""
        confirmed: dict[str, dt.datetime] = {}
        with self.lock:
            for key in self._current.checked:
                product_code, _, serial = key.partition("/")
                record = self.station.open_decommission(product_code, serial)
                if record is not None and record.status is DispenseStatus.CONFIRMED:
                    confirmed[key] = record.undo_deadline
        return confirmed

    def _note_hub(self, outcome: PackOutcome) -> None:
        if outcome.reply is not None:
            self._mark(True)
        elif outcome.verdict.offline and self.client is not None:
            self._mark(False)

    def _mark(self, online: bool) -> None:
        self._health = _HubHealth(online, time.monotonic())

    def _probe_due(self) -> bool:
        h = self._health
        if self.client is None:
            return False
        return h.online is None or (h.online is False and time.monotonic() - h.checked_at >= PROBE_EVERY_S)

    def probe(self) -> None:
        """Ask the hub something harmless (a product lookup) to learn whether it answers. Only
        :class:`HubUnavailable` means offline; a refusal is an answer (online). Anything else is
        a bug and propagates."""
        from dispense_app.core.model import HubRequestError

        if self.client is None:
            return
        with self.lock:
            try:
                self.client.product(PROBE_GTIN)
            except HubUnavailable:
                self._mark(False)
            except HubRequestError:
                self._mark(True)  # it answered, if not with what we asked
            else:
                self._mark(True)

    def hub_p95_ms(self) -> float | None:
        from dispense_app.hub.timing import CallStats

        stats = getattr(self.client, "stats", None)
        return stats.p95_ms if isinstance(stats, CallStats) else None

    def status(self) -> HubStatus:
        """The status bar's figures (probes an unknown or offline hub now and then)."""
        with self.lock:
            if self._probe_due():
                self.probe()
            online = self._health.online if self.client is not None else False
            notice = self._notices.current(online)
            return HubStatus(
                hub_online=online,
                outbox_length=self.station.pending_count(),
                hub_p95_ms=self.hub_p95_ms(),
                alerts_new=self.station.alert_count(status="new"),
                operator=self.operator,
                hub_url=self.hub_url,
                scanner_profile=profile_name(self.profile),
                sign_in_required=self.operators.enabled and self.operators.signed_in.role is None,
                permissions=self.operators.permissions(),
                hub_notice_level=notice[0] if notice else None,
                hub_notice=notice[1] if notice else None,
                hub_credential=self._notices.credential if notice and notice[0] in ("expired", "warn") else None,
                seal_check=self.seal_check,
                site_journal=self.station.journal_waiting() if self.station.journal_for is not None else None,
            )


def open_station(
    home: Path,
    *,
    hub: str | None = None,
    store: str | None = None,
    operator: str | None = None,
    client: Callable[[Station], HubClient | None] | None = None,
    hub_type: str | None = None,
    need_hub: bool = True,
    on_close: Callable[[], None] | None = None,
) -> StationSession:
    """Open the station kept in ``home``: its store, its hub client and its scanner profile.

    The hub is ``hub`` (a URL), else the configured hub (``hub.json``, secrets from the keyring),
    else the station's ``hub.url`` setting (:func:`make_hub_client`); ``client`` overrides how
    it is built (training mode, tests). ``need_hub=False`` opens without one (everything then runs
    the offline path). ``store``: ``None`` is the command's ``--store`` / env ``DISPENSE_APP_STORE``
    (default ``sqlite``: ``<home>/station.db``); ``postgresql://...`` is a site store shared by
    several counters, and while it cannot be reached the counter works on its local journal
    (docs/site.md). Raises known conditions (ConfigurationError,
    store environment errors) for a station that cannot be used as set up.
    """
    from dispense_app.store import Station
    from scanner.calibration import load_profile

    station = Station.open(home, store=store or None, journal=True)
    try:
        hub_client: HubClient | None = None
        if client is not None:
            hub_client = client(station)
        elif need_hub:
            hub_client = make_hub_client(home, station, hub, hub_type)
        profile = load_profile(home)
        return StationSession(
            station, hub_client, home=home, operator=operator, profile=profile, hub_url=hub, on_close=on_close
        )
    except BaseException:
        station.close()
        raise
