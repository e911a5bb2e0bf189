"""What the counter window shows, and the interface it drives: plain Python, no Qt.

The window never calls the workflow, the hub or the store itself. It talks to a
:class:`CounterPresenter` — synchronous methods, run by the background-task helper on a worker
thread — and renders the plain values they return (:class:`ScanResult`, :class:`DispenseResult`,
:class:`StationStatus`, :class:`ReplayResult`). The presenter that ships adapts the station service
(:mod:`dispense_app.ui.station_presenter`); tests may use a double. This module itself uses no Qt.

The protocol is complete: the window calls nothing else on a presenter and never probes it. What a
station may lack is said in the types: :attr:`CounterPresenter.alerts`, ``adherence`` and
``operators`` are None when there is no such source (the window then hides what would open it).

Texts inside these values (reasons, next action, messages) are already in the window's language: the
presenter renders the core's message table through Qt's translator (context ``verdict``).
The fixed words the window adds itself (headlines, labels) are translated in the window.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from scanner.entry_mode import EntryMode  # not core.model's re-export: that module is not needed for the first paint
from scanner.scan_event import ScanEvent as ScanEvent  # re-exported: the presenter interface takes it

if TYPE_CHECKING:  # only named in signatures: importing them here would slow the window's cold start
    import datetime as dt

    from dispense_app.core.adherence import AdherenceNote
    from dispense_app.core.alerts import AlertRecord
    from dispense_app.export.base import ExportSummary
    from dispense_app.export.filters import AlertQuery
    from dispense_app.station.adherence import PatientAdherence
    from dispense_app.station.alerts import AlertPage
    from dispense_app.station.operators import OperatorRow
    from dispense_app.station.patients import Patient
    from scanner.calibration import ScannerProfile


class Level(StrEnum):
    """The banner's level. OK/WARN/STOP are verdicts; IDLE and BUSY are the window's own states."""

    OK = "ok"
    WARN = "warn"
    STOP = "stop"
    IDLE = "idle"
    BUSY = "busy"


class LineStatus(StrEnum):
    """Where a pack of the current dispense stands."""

    CHECKED = "checked"  # verified, may be dispensed (OK or WARN)
    BLOCKED = "blocked"  # STOP: must not be supplied
    DISPENSED = "dispensed"  # decommissioned on the hub
    QUEUED = "queued"  # recorded offline, in the outbox
    UNDONE = "undone"  # supply undone, pack active again
    FAILED = "failed"  # the hub refused the supply or the undo


@dataclass(frozen=True, slots=True)
class PackDetails:
    """The human-readable values to compare with the text printed on the pack."""

    product_code: str | None  # GTIN / NTIN or PPN, as scanned
    scheme: str | None  # "GTIN" or "PPN"
    serial: str | None
    lot: str | None
    expiry: dt.date | None
    nhrn: dict[str, str] = field(default_factory=dict)  # e.g. {"PZN": "03752864"}
    product_name: str | None = None
    state: str | None = None  # hub state (Active, Supplied, ...)
    entry_mode: str = EntryMode.SCAN.value
    raw_hex: str = ""
    expired: bool = False  # past its expiry date (the station's own check or the hub's answer)

    @property
    def key(self) -> str:
        """Identity of the pack in a dispense: product code + serial (or the raw bytes if unparsed)."""
        if self.product_code and self.serial:
            return f"{self.product_code}/{self.serial}"
        return f"raw:{self.raw_hex}"


@dataclass(frozen=True, slots=True)
class PrescribedLine:
    """One prescribed item and how far this dispense has covered it."""

    item_id: str
    label: str
    quantity: str | None  # prescribed amount ("2", "240"), None when the prescription gives none
    unit: str  # "packs" or "units" (tablets, ml...: compared with the pack size)
    dispensed_packs: int
    dispensed_units: str | None  # units dispensed so far, where pack sizes are known
    left: str | None  # still to dispense, in ``unit``; "0" when covered; None when unknown
    covered: bool
    days_supply: int | None = None


@dataclass(frozen=True, slots=True)
class PrescriptionView:
    """The open prescription of the current dispense (None in results: no prescription)."""

    rx_id: str
    patient_ref: str | None
    status: str
    lines: tuple[PrescribedLine, ...]
    patient_name: str | None = None  # the patient's name where the prescription gives it
    patient_birth_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ScanResult:
    """The verdict for one scan."""

    level: Level  # OK, WARN or STOP
    reasons: tuple[str, ...]
    next_action: str
    pack: PackDetails | None  # None when the scan could not be parsed at all
    may_dispense: bool  # False for STOP (and for WARN the workflow will not allow)
    offline: bool = False
    return_code: str | None = None
    alert_id: str | None = None
    rx_item: str | None = None  # the prescribed item this pack counts against, if any
    overridable: bool = False  # a prescription STOP a pharmacist may supply anyway (with a reason)
    repeat: bool = False  # the same pack again in this dispense: its earlier verdict, nothing new
    not_a_pack: bool = False  # an ordinary EAN/PZN barcode: said in the banner, no line in the list
    seal_check: bool = False  # check the seal now: F9 = intact (recorded), Ctrl+B = broken (core/seal.py)


@dataclass(frozen=True, slots=True)
class LineUpdate:
    """The outcome of a dispense or an undo for one pack of the current dispense."""

    key: str
    status: LineStatus
    message: str = ""
    undo_deadline: dt.datetime | None = None  # set when dispensed (10 days, same premises)


@dataclass(frozen=True, slots=True)
class DispenseResult:
    """The outcome of a Dispense, Undo or Supply anyway press: one update per pack, an overall level,
    and what the banner says about it (the action's own outcome, not the last scan's)."""

    level: Level
    lines: tuple[LineUpdate, ...]
    message: str = ""
    prescription: PrescriptionView | None = None  # the open prescription after this change
    headline: str = ""  # e.g. "2 dispensed · 1 refused: take DEMO-IBU-005 back" ("" : nothing done)
    summary: tuple[str, ...] = ()  # one line per pack that needs a word (refused, queued, supplied anyway)
    next_action: str = ""


@dataclass(frozen=True, slots=True)
class StationStatus:
    """The status bar: what the station can see of the hub, the outbox and the set-up."""

    hub_online: bool | None  # None: not known yet
    outbox_length: int = 0
    hub_p95_ms: float | None = None
    target_ms: float = 300.0
    scanner_profile: str | None = None
    operator: str | None = None
    hub_url: str | None = None
    alerts_new: int | None = None  # alerts waiting for follow-up (status new)
    sign_in_required: bool = False  # the station has operator accounts and nobody is signed in
    permissions: tuple[str, ...] | None = None  # core.operators.Action values allowed; None: no accounts
    hub_notice_level: str | None = None  # "expired" | "offline" | "warn" (station.hub_notice)
    hub_notice: str | None = None  # the words, from the station (Qt-free)
    hub_credential: Any = None  # hub.lifecycle.Finding behind an expired/warn notice (worded in the UI language)
    seal_check: bool = True  # the seal is asked for after an OK verify and recorded (Tools menu)
    site_journal: int | None = None  # site store unreachable: records to merge (None: on the site, or single)
    cached: bool = False  # the last run's status, shown until the station answers (ui.status_cache)

    def may(self, action: str) -> bool:
        """True when the signed-in operator's role allows ``action`` (always, without accounts)."""
        return self.permissions is None or action in self.permissions


@dataclass(frozen=True, slots=True)
class ReplayConflict:
    """An outbox entry the hub refused when it was sent (a pack queued offline turned out to be
    supplied elsewhere, unknown, ...): the post-hoc alert, the pack and whom it went to."""

    alert_id: str
    key: str  # the pack's key in a dispense (PackDetails.key), to update its line
    serial: str
    patient_ref: str | None
    dispense_id: str | None
    reason: str  # what the hub's answer means, in the window's language


@dataclass(frozen=True, slots=True)
class ReplayResult:
    """What sending the outbox did (F7): the station status afterwards and every conflict found."""

    status: StationStatus
    confirmed: int = 0
    conflicts: tuple[ReplayConflict, ...] = ()
    # packs of the current dispense the hub has now confirmed (they were queued offline)
    lines: tuple[LineUpdate, ...] = ()


ProgressCallback = Callable[[int, int], None]


class AlertsSource(Protocol):
    """The station's alerts, for the alerts view (every method may block: called on workers)."""

    def search(self, query: AlertQuery) -> list[AlertRecord]:
        """The matching alerts, newest first."""
        ...

    def search_page(self, query: AlertQuery, *, offset: int = 0, limit: int = 200) -> AlertPage:
        """One page of the matching alerts, newest first, with how many match in all."""
        ...

    def set_status(self, alert_id: str, status: str, cause: str | None, comment: str | None) -> AlertRecord:
        """new -> investigating -> closed (closing needs a cause)."""
        ...

    def comment(self, alert_id: str, text: str) -> AlertRecord: ...

    def product_names(self, records: Sequence[AlertRecord]) -> dict[str, str]:
        """The product names the station knows for these alerts' product codes (code -> name)."""
        ...

    def export(
        self,
        query: AlertQuery,
        fmt: str,
        path: str | os.PathLike[str],
        *,
        progress: Callable[[int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> ExportSummary:
        """Write the matching alerts as csv / jsonl / pdf; ``progress(rows)`` is called on the worker,
        ``cancel()`` True stops it."""
        ...

    def permissions(self) -> tuple[str, ...] | None:
        """What the signed-in operator may do with alerts (action values); None: anything."""
        ...


class AdherenceSource(Protocol):
    """The station's adherence records, for the adherence view (called on workers)."""

    def report(self, patient_ref: str) -> PatientAdherence: ...

    def add_note(self, patient_ref: str, medication: str, text: str) -> AdherenceNote: ...

    def patients(self) -> list[Patient]:
        """The station's patient list, for the patient picker (may be empty)."""
        ...


class OperatorsSource(Protocol):
    """The station's operator accounts, for the settings (called on workers). Each change returns
    the accounts as they are now."""

    def rows(self) -> list[OperatorRow]: ...

    def add(self, login: str, name: str, role: str, pin: str) -> list[OperatorRow]: ...

    def set_active(self, login: str, active: bool) -> list[OperatorRow]: ...

    def set_pin(self, login: str, pin: str) -> list[OperatorRow]: ...


class CounterPresenter(Protocol):
    """What the counter window needs from the layers below. Every method is synchronous and may
    block on the network or the disk: the window only calls them through the background runner,
    never on the UI thread. Implementations must be safe to call from several worker threads.

    The three sources are read on the UI thread (when the window is built and when a view opens)
    and must not block; their methods run on workers. None: the station has no such source, and the
    window hides the buttons that would open it (without adherence, also the Patient button: a
    patient is chosen so their fills count for adherence).
    """

    @property
    def alerts(self) -> AlertsSource | None:
        """The alerts view's source (F6)."""
        ...

    @property
    def adherence(self) -> AdherenceSource | None:
        """The adherence view's source (F2)."""
        ...

    @property
    def operators(self) -> OperatorsSource | None:
        """The operator accounts in the settings (their tab is hidden without)."""
        ...

    def scan(self, scan: ScanEvent, first: Callable[[ScanResult], None] | None = None) -> ScanResult:
        """Parse, check locally, verify on the hub (or offline path) and record; return the verdict.

        ``first`` (optional): called with the verdict as soon as it is decided, before the scan's
        bookkeeping is written (the scan log, the offline cache; an alert is on disk before it); the
        counter shows the verdict from there. A presenter may ignore it: the verdict is returned."""
        ...

    def dispense(self, keys: Sequence[str]) -> DispenseResult:
        """Decommission (supply) the checked packs with these keys; offline, queue them."""
        ...

    def undo(self, key: str, reason: str | None = None) -> DispenseResult:
        """Undo the supply of one pack of this dispense (same premises, within 10 days); ``reason``
        (why) is recorded with the undo."""
        ...

    def supply_anyway(self, key: str, reason: str) -> DispenseResult:
        """Supply a pack despite a prescription STOP that may be overridden (``ScanResult.overridable``),
        recording ``reason`` and the signed-in pharmacist on its alert; raises when the role does not
        allow it or the reason is empty."""
        ...

    def seal_broken(self, key: str, disposal: str) -> DispenseResult:
        """Ctrl+B: the seal of checked pack ``key`` is broken. ``disposal`` "destroy" (decommissioned
        as destroyed) or "return" (back to stock, still active at the hub); a local alert records it,
        the pack is never dispensed, and the hub raises no alert."""
        ...

    def set_seal_check(self, on: bool) -> StationStatus:
        """Turn the seal check on or off (the settings permission; audited); the status after it."""
        ...

    def status(self) -> StationStatus:
        """The current station status (hub reachability, outbox, p95, profile, operator)."""
        ...

    def replay(self, progress: ProgressCallback) -> ReplayResult:
        """Send what the outbox owes; ``progress(done, total)`` is called from the worker thread. The
        result names every entry the hub refused (pack, patient, alert), for a loud STOP."""
        ...

    def open_prescription(self, path: str) -> PrescriptionView:
        """Open a prescription (FHIR R4 JSON or the simple CSV) for the current dispense; raises
        ValueError with a message for the pharmacist when the file cannot be used."""
        ...

    def set_patient(self, patient_ref: str | None) -> str | None:
        """Dispense to this patient when there is no prescription (None: nobody); returns the
        patient now in use."""
        ...

    def new_dispense(self) -> None:
        """Forget the current dispense (its packs, prescription and patient); nothing is sent."""
        ...

    def use_profile(self, profile: ScannerProfile) -> StationStatus:
        """Use a newly calibrated scanner profile from the next scan on."""
        ...

    def sign_in(self, login: str, pin: str) -> StationStatus:
        """Sign an operator in with their PIN (Ctrl+L); raises when the login or PIN is wrong."""
        ...

    def close(self) -> None:
        """Release connections (called once, at shutdown, off the UI thread)."""
        ...


def moment_text(at: dt.datetime) -> str:
    """A moment as the verdict banner says it ("16 Dec 14:02", the month in the window's language),
    so the undo deadline reads the same in the banner, under the pack panel and in the list."""
    import datetime as dt

    from PySide6.QtCore import QCoreApplication

    from dispense_app.core.messages import MESSAGE_CONTEXT
    from dispense_app.core.verdict import Moment, format_value

    local = dt.datetime.now().astimezone().tzinfo
    assert local is not None
    return format_value(Moment(at, local), lambda text: QCoreApplication.translate(MESSAGE_CONTEXT, text))
