"""A serial (USB-CDC / RS-232) scanner feeding the counter window the same way as the keyboard wedge.

:class:`scanner.serial_reader.SerialScanner` reads on its own daemon thread (reconnecting when the
scanner is unplugged). Its callbacks only park the scan or the status under a lock and ping the UI
thread through a queued signal; :attr:`SerialScanSource.scanned` then carries each
:class:`~scanner.scan_event.ScanEvent` (source *serial*) on the UI thread, so it plugs into
``CounterWindow.attach_scanner`` exactly like the wedge capture's ``scanned``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from scanner.serial_reader import SerialScanner, SerialSettings


class SerialScanSource(QObject):
    """Owns one :class:`SerialScanner`; re-emits its scans and status changes on the UI thread."""

    scanned = Signal(object)  # ScanEvent, on the UI thread
    status_changed = Signal(str, str)  # status ("connected", "disconnected", "stopped"), detail
    _ping = Signal()  # emitted on the reader thread; delivered (queued) on the UI thread

    def __init__(self, settings: SerialSettings, *, opener: Callable[[SerialSettings], Any] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._lock = threading.Lock()
        self._scans: list[Any] = []
        self._statuses: list[tuple[str, str]] = []
        kwargs: dict[str, Any] = {"on_status": self._park_status}
        if opener is not None:
            kwargs["opener"] = opener
        self.reader = SerialScanner(settings, self._park_scan, **kwargs)
        self._ping.connect(self._deliver)

    def start(self) -> None:
        self.reader.start()

    def stop(self) -> None:
        self.reader.stop()

    # reader thread -------------------------------------------------------------------------
    def _park_scan(self, event: Any) -> None:
        with self._lock:
            self._scans.append(event)
        self._ping.emit()

    def _park_status(self, status: str, detail: str | None) -> None:
        with self._lock:
            self._statuses.append((status, detail or ""))
        self._ping.emit()

    # UI thread -----------------------------------------------------------------------------
    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            scans, self._scans = self._scans, []
            statuses, self._statuses = self._statuses, []
        for status, detail in statuses:
            self.status_changed.emit(status, detail)
        for event in scans:
            self.scanned.emit(event)
