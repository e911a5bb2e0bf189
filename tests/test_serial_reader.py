"""Serial scanners through a pseudo-terminal pair: raw bytes, suffixes, unplug and replug."""

from __future__ import annotations

import os
import queue
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.scan_event import ScanEvent
from scanner.serial_reader import SerialScanner, SerialSettings

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs pseudo-terminals")

GS1 = b"]d2010415012345678221ABC\x1d10LOT1\x1d17301231"


class Pty:
    """A pseudo-terminal pair whose slave is reachable under a stable name (a symlink), like a
    COM port that vanishes when the scanner is unplugged and comes back under the same name."""

    def __init__(self, link: Path) -> None:
        self.link = link
        self.master = -1
        self.plug()

    def plug(self) -> None:
        import tty

        self.master, slave = os.openpty()
        tty.setraw(slave)  # no line discipline: bytes pass unchanged (like a real CDC-ACM port)
        self.slave_name = os.ttyname(slave)
        os.close(slave)
        if self.link.is_symlink():
            self.link.unlink()
        self.link.symlink_to(self.slave_name)

    def unplug(self) -> None:
        os.close(self.master)
        self.master = -1
        self.link.unlink()

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        if self.master >= 0:
            os.close(self.master)


@pytest.fixture
def pty_port(tmp_path: Path) -> Iterator[Pty]:
    p = Pty(tmp_path / "ttyScanner")
    yield p
    p.close()


def _reader(port: str, suffix: str = "cr") -> tuple[SerialScanner, queue.Queue[ScanEvent], queue.Queue[str]]:
    scans: queue.Queue[ScanEvent] = queue.Queue()
    status: queue.Queue[str] = queue.Queue()
    r = SerialScanner(SerialSettings(port, suffix=suffix, reconnect_interval_s=0.05, idle_flush_s=0.2),
                      scans.put, on_status=lambda s, d: status.put(s))
    return r, scans, status


def _wait_status(q: queue.Queue[str], want: str) -> None:
    while True:
        if q.get(timeout=10) == want:
            return


def test_reads_raw_bytes_with_gs_and_crlf_suffix(pty_port: Pty) -> None:
    r, scans, status = _reader(str(pty_port.link))
    with r:
        _wait_status(status, "connected")
        pty_port.send(GS1 + b"\r\n" + b"]d1[)>\x1e06\x1d9N110375286414\x1e\x04\r")
        first = scans.get(timeout=10)
        second = scans.get(timeout=10)
    assert first.raw == GS1
    assert first.aim == "]d2"
    assert first.source == "serial"
    assert second.raw == b"]d1[)>\x1e06\x1d9N110375286414\x1e\x04"


def test_no_suffix_ends_a_scan_when_the_line_goes_quiet(pty_port: Pty) -> None:
    r, scans, status = _reader(str(pty_port.link), suffix="none")
    with r:
        _wait_status(status, "connected")
        pty_port.send(GS1)
        ev = scans.get(timeout=10)
    assert ev.raw == GS1
    assert ev.terminator == "timeout"


def test_missing_suffix_marks_the_scan_incomplete(pty_port: Pty) -> None:
    r, scans, status = _reader(str(pty_port.link), suffix="cr")
    with r:
        _wait_status(status, "connected")
        pty_port.send(GS1)
        ev = scans.get(timeout=10)
    assert ev.raw == GS1
    assert ev.terminator == "timeout-no-suffix"


def test_reconnects_after_unplug_and_replug(pty_port: Pty) -> None:
    r, scans, status = _reader(str(pty_port.link))
    with r:
        _wait_status(status, "connected")
        pty_port.send(b"FIRST\r")
        assert scans.get(timeout=10).raw == b"FIRST"
        pty_port.unplug()
        _wait_status(status, "disconnected")
        pty_port.plug()
        _wait_status(status, "connected")
        pty_port.send(b"SECOND\r")
        assert scans.get(timeout=10).raw == b"SECOND"


def test_missing_port_reports_disconnected_and_keeps_trying(tmp_path: Path) -> None:
    r, _, status = _reader(str(tmp_path / "nothing-here"))
    with r:
        _wait_status(status, "disconnected")
        assert r.status == "disconnected"


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError):
        SerialSettings("COM3", suffix="semicolon")
    with pytest.raises(ValueError):
        SerialSettings("")
