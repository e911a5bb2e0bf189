"""Serial (USB-COM / virtual COM) scanners: raw bytes, no keyboard layout in the way.

:class:`SerialScanner` reads a port in a background thread with pyserial and calls ``on_scan``
with one :class:`~scanner.scan_event.ScanEvent` per scan. A scan ends on the configured suffix
(CR by default; CR LF is handled) or, with no suffix, when the line stays quiet for
``idle_flush_s``. When the port disappears (scanner unplugged) the reader reports
``disconnected`` and keeps trying to reopen the same port name until it comes back; nothing a
scanner sends can stop the thread. Callbacks run on the reader thread: the UI forwards them to its
own thread by signal.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from scanner.scan_event import ScanEvent, ScanSource, aim_prefix
from scanner.wedge import INCOMPLETE

log = logging.getLogger(__name__)

SUFFIXES: dict[str, bytes | None] = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n", "tab": b"\t", "none": None}


class _Port(Protocol):
    in_waiting: int

    def read(self, size: int = 1) -> bytes: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class SerialSettings:
    """Where and how to read: port name (``COM3``, ``/dev/ttyACM0``), baud rate, suffix name."""

    port: str
    baudrate: int = 9600
    suffix: str = "cr"
    idle_flush_s: float = 0.3
    reconnect_interval_s: float = 0.5
    max_length: int = 4096

    def __post_init__(self) -> None:
        if self.suffix not in SUFFIXES:
            raise ValueError(f"unknown suffix {self.suffix!r} (known: {', '.join(SUFFIXES)})")
        if not self.port:
            raise ValueError("no serial port given")


def _open_pyserial(settings: SerialSettings) -> _Port:
    import serial

    port: _Port = serial.Serial(settings.port, baudrate=settings.baudrate, timeout=0.05)
    return port


class SerialScanner:
    """Reads one serial scanner in a daemon thread until :meth:`stop`."""

    def __init__(self, settings: SerialSettings, on_scan: Callable[[ScanEvent], None], *,
                 on_status: Callable[[str, str | None], None] | None = None,
                 opener: Callable[[SerialSettings], _Port] = _open_pyserial) -> None:
        self.settings = settings
        self._on_scan = on_scan
        self._on_status = on_status or (lambda status, detail: None)
        self._opener = opener
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.status = "stopped"

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"serial-scanner {self.settings.port}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._set_status("stopped", None)

    def __enter__(self) -> SerialScanner:
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # ------------------------------------------------------------------------------------------
    def _set_status(self, status: str, detail: str | None) -> None:
        if status != self.status:
            self.status = status
            try:
                self._on_status(status, detail)
            except Exception:  # a faulty callback must not kill the reader
                log.exception("serial scanner status callback failed")

    def _emit(self, raw: bytes, terminator: str) -> None:
        if not raw:
            return
        event = ScanEvent(raw=raw, source=ScanSource.SERIAL, aim=aim_prefix(raw), time=dt.datetime.now(dt.UTC),
                          terminator=terminator)
        try:
            self._on_scan(event)
        except Exception:
            log.exception("serial scanner scan callback failed")

    def _run(self) -> None:
        s = self.settings
        while not self._stop.is_set():
            try:
                port = self._opener(s)
            except Exception as exc:  # port absent (unplugged) or busy: try again later
                self._set_status("disconnected", str(exc))
                self._stop.wait(s.reconnect_interval_s)
                continue
            self._set_status("connected", s.port)
            try:
                self._read_loop(port)
            except Exception as exc:  # the device went away mid-read
                self._set_status("disconnected", str(exc))
            finally:
                try:
                    port.close()
                except Exception:
                    log.debug("closing %s failed", s.port, exc_info=True)
            if not self._stop.is_set():
                self._stop.wait(s.reconnect_interval_s)

    def _read_loop(self, port: _Port) -> None:
        s = self.settings
        suffix = SUFFIXES[s.suffix]
        buf = bytearray()
        last_data = time.monotonic()
        while not self._stop.is_set():
            waiting = port.in_waiting
            chunk = port.read(waiting or 1)  # returns b"" after the port's read timeout
            if not chunk:
                if buf and time.monotonic() - last_data >= s.idle_flush_s:
                    # with a suffix configured, a scan that stops without it may be cut short
                    self._emit(bytes(buf), "timeout" if suffix is None else INCOMPLETE)
                    buf.clear()
                continue
            last_data = time.monotonic()
            buf.extend(chunk)
            if suffix is not None:
                while True:
                    i = buf.find(suffix)
                    if i < 0:
                        break
                    scan = bytes(buf[:i])
                    del buf[: i + len(suffix)]
                    if suffix == b"\r" and buf[:1] == b"\n":
                        del buf[:1]
                    self._emit(scan.lstrip(b"\n"), s.suffix)
            if len(buf) > s.max_length:
                self._emit(bytes(buf), "too-long")
                buf.clear()
