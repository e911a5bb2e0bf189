"""The presenter that ships: the counter window's view of the real station (parser, hub, verdict rules).

It turns a :class:`~dispense_app.ui.viewmodel.ScanEvent` into a verdict with the real lower layers:
``scanner.parse`` -> the hub's verify (or the offline path when the hub cannot be reached) ->
:func:`dispense_app.core.verdict.decide` -> a :class:`ScanResult`. Texts come from the core's message
table, translated with Qt's translator (context ``verdict``), so the window shows them in its language.

Everything here runs on worker threads (the window calls it through the TaskRunner); the one
shared hub client is thread-safe (one ``httpx.Client``), and the small state kept here is under a lock.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dispense_app.core.model import HubReply, HubUnavailable, PackRef, ProductScheme, Transaction
from dispense_app.ui.viewmodel import (
    DispenseResult,
    Level,
    PackDetails,
    ProgressCallback,
    ScanEvent,
    ScanResult,
    StationStatus,
)

Translate = Callable[[str], str]
PROBE_EVERY_S = 10.0
"""How often an unknown or offline hub is probed for the status bar (a product lookup, not a verify)."""


def qt_translate(text: str) -> str:
    """Translate a core message with Qt (thread-safe: QCoreApplication.translate may run on workers)."""
    from PySide6.QtCore import QCoreApplication

    from dispense_app.core.messages import MESSAGE_CONTEXT

    return QCoreApplication.translate(MESSAGE_CONTEXT, text)


def pack_ref(pack: Any) -> PackRef | None:
    """The hub's identity of a parsed pack (GTIN/NTIN, else PPN), or None if it has none."""
    if not pack.serial:
        return None
    if pack.gtin:
        return PackRef(ProductScheme.GTIN, pack.gtin, pack.serial, pack.lot, pack.expiry)
    if pack.ppn:
        return PackRef(ProductScheme.PPN, pack.ppn, pack.serial, pack.lot, pack.expiry)
    return None


def pack_details(pack: Any, scan: ScanEvent, reply: HubReply | None, state: str | None) -> PackDetails:
    """The values shown for comparison with the printed pack (PZN shown under its own name)."""
    nhrn = {}
    for ai, value in (pack.nhrn or {}).items():
        nhrn["PZN" if ai == "710" else ai] = value
    if pack.pzn and "PZN" not in nhrn:
        nhrn["PZN"] = pack.pzn
    scheme = "GTIN" if pack.gtin else ("PPN" if pack.ppn else None)
    return PackDetails(
        product_code=pack.gtin or pack.ppn,
        scheme=scheme,
        serial=pack.serial,
        lot=pack.lot,
        expiry=pack.expiry,
        nhrn=nhrn,
        product_name=reply.product_name if reply is not None else None,
        state=state,
        entry_mode=scan.entry_mode.value,
        raw_hex=scan.raw.hex(" "),
    )


def scan_result(verdict: Any, details: PackDetails | None, translate: Translate) -> ScanResult:
    """A core :class:`~dispense_app.core.verdict.Verdict` as the window shows it."""
    reasons = tuple(r.text(translate) for r in verdict.reasons)
    return ScanResult(
        level=Level(verdict.level.value),
        reasons=reasons,
        next_action=verdict.next_action(translate),
        pack=details,
        may_dispense=bool(verdict.may_dispense),
        offline=bool(verdict.offline),
        return_code=verdict.return_code.value if verdict.return_code else None,
    )


@dataclass(slots=True)
class _HubHealth:
    online: bool | None = None
    checked_at: float = 0.0


class StationPresenter:
    """Scan -> parse -> hub verify (or offline) -> verdict, and the station status.

    ``hub`` is any :class:`~dispense_app.core.model.HubClient` (the FMD REST client in practice);
    ``workflow`` is the dispensing service (records, outbox, alerts) once it is wired in; without
    it the presenter verifies only, and Dispense/Undo say so instead of changing anything.
    """

    def __init__(
        self,
        hub: Any,
        *,
        hub_url: str | None = None,
        operator: str | None = None,
        scanner_profile: str | None = None,
        translate: Translate = qt_translate,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.hub = hub
        self.hub_url = hub_url
        self.operator = operator
        self.scanner_profile = scanner_profile
        self.translate = translate
        self.clock = clock
        self._on_close = on_close
        self._lock = threading.Lock()
        self._health = _HubHealth()

    # ------------------------------------------------------------------ scans
    def scan(self, scan: ScanEvent) -> ScanResult:
        import scanner
        from dispense_app.core.verdict import VerdictInput, decide

        now = self.clock()
        pack = scanner.parse(scan.raw)
        reply: HubReply | None = None
        offline = False
        ref = pack_ref(pack) if pack.ok else None
        if ref is not None:
            try:
                reply = self.hub.verify(ref, entry_mode=scan.entry_mode)
                self._mark(True)
            except HubUnavailable:
                offline = True
                self._mark(False)
        verdict = decide(
            VerdictInput(
                now=now,
                transaction=Transaction.VERIFY,
                pack=pack,
                hub=reply,
                offline=offline,
                tz=_local_tz(),
            )
        )
        state = verdict.state.value if verdict.state is not None else None
        details = pack_details(pack, scan, reply, state) if (pack.gtin or pack.ppn or pack.serial) else None
        return scan_result(verdict, details, self.translate)

    # ------------------------------------------------------------------ dispense / undo
    def dispense(self, keys: Sequence[str]) -> DispenseResult:
        raise RuntimeError(self.translate("dispensing needs the station's workflow service, which is not wired in"))

    def undo(self, key: str) -> DispenseResult:
        raise RuntimeError(self.translate("undo needs the station's workflow service, which is not wired in"))

    # ------------------------------------------------------------------ status
    def _mark(self, online: bool) -> None:
        with self._lock:
            self._health = _HubHealth(online, time.monotonic())

    def _probe_due(self) -> bool:
        with self._lock:
            h = self._health
            return (h.online is not True and time.monotonic() - h.checked_at >= PROBE_EVERY_S) or h.online is None

    def _probe(self) -> None:
        """Ask the hub something harmless (a product lookup) to learn whether it answers."""
        try:
            self.hub.product("00000000000000")
        except HubUnavailable:
            self._mark(False)
        except Exception:
            self._mark(True)  # it answered, if not with what we asked
        else:
            self._mark(True)

    def status(self) -> StationStatus:
        if self._probe_due():
            self._probe()
        stats = getattr(self.hub, "stats", None)
        p95 = stats.p95_ms if stats is not None else None
        with self._lock:
            online = self._health.online
        return StationStatus(
            hub_online=online,
            outbox_length=0,
            hub_p95_ms=p95,
            scanner_profile=self.scanner_profile,
            operator=self.operator,
            hub_url=self.hub_url,
        )

    def replay(self, progress: ProgressCallback) -> StationStatus:
        progress(0, 0)
        self._probe()
        return self.status()

    def close(self) -> None:
        try:
            self.hub.close()
        finally:
            if self._on_close is not None:
                self._on_close()


def _local_tz() -> dt.tzinfo:
    tz = dt.datetime.now().astimezone().tzinfo
    return tz if tz is not None else dt.UTC


def station_factory(home: Path, *, hub_url: str | None, operator: str | None = None) -> Callable[[], StationPresenter]:
    """A factory (run on a worker by the window) for the station configured in ``home``."""
    import dataclasses

    from dispense_app.cli import UsageError
    from dispense_app.hub.config import HubConfig, load_hub_config

    try:
        config = load_hub_config(home)
        if hub_url:
            config = dataclasses.replace(config, url=hub_url) if config else HubConfig(url=hub_url)
    except ValueError as exc:
        raise UsageError(f"hub configuration: {exc}") from exc
    if config is None:
        raise UsageError(f"no hub configured in {home}: pass --hub URL (or run `dispense-app demo` for training)")
    chosen = config

    def build() -> StationPresenter:
        from dispense_app.hub.factory import make_client

        client = make_client(chosen)  # secrets from the keyring; a missing one is reported in the window
        return StationPresenter(client, hub_url=chosen.url, operator=operator)

    return build
