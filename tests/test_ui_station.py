"""The counter window on the real stack: hub simulator over loopback, FMD REST client, parser, verdict rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dispense_app.core.model import EntryMode
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.hub.simulator import RunningSimulator, start_simulator
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.station_presenter import open_presenter
from dispense_app.ui.viewmodel import Level, ScanEvent, ScanResult
from scanner.scan_event import ScanSource

pytestmark = pytest.mark.gui

GTIN = "04150123456782"
GS = b"\x1d"
PACKS = [
    {"gtin": GTIN, "serial": "ACTIVE1", "lot": "LOT42", "expiry": "2030-05-31", "state": "Active",
     "product_name": "Demoprazol 20 mg", "pzn": "12345678"},
    {"gtin": GTIN, "serial": "SUPPL1", "lot": "LOT42", "expiry": "2030-05-31", "state": "Supplied",
     "product_name": "Demoprazol 20 mg", "pzn": "12345678"},
]


def code(serial: str, lot: str = "LOT42", expiry: str = "300531") -> bytes:
    return b"01" + GTIN.encode() + b"17" + expiry.encode() + b"10" + lot.encode() + GS + b"21" + serial.encode()


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[RunningSimulator]:
    running = start_simulator(packs=PACKS, port=0, db_path=tmp_path / "sim.sqlite")
    yield running
    running.stop()


@pytest.fixture
def window(qtbot: QtBot, sim: RunningSimulator, tmp_path: Path) -> Iterator[CounterWindow]:
    presenter = open_presenter(
        tmp_path / "station",
        lambda station: FmdRestClient(sim.url, location_id=station.location),
        operator="anna",
        hub_url=sim.url,
    )
    w = CounterWindow(presenter, poll_status=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    presenter.close()


def scan(qtbot: QtBot, w: CounterWindow, raw: bytes, mode: EntryMode = EntryMode.SCAN) -> ScanResult:
    with qtbot.waitSignal(w.verdict_shown, timeout=10_000) as blocker:
        source = ScanSource.MANUAL if mode is EntryMode.MANUAL else ScanSource.WEDGE
        w.submit_scan(ScanEvent(raw, source, entry_mode=mode))
    assert blocker.args is not None
    return blocker.args[0]  # type: ignore[no-any-return]


def test_active_pack_is_ok(qtbot: QtBot, window: CounterWindow) -> None:
    result = scan(qtbot, window, code("ACTIVE1"))
    assert result.level is Level.OK
    assert window.banner.headline.text() == "OK — may be dispensed"
    assert window.pack_panel.values["serial"].text() == "ACTIVE1"
    assert window.pack_panel.values["lot"].text() == "LOT42"
    assert window.pack_panel.values["expiry"].text() == "2030-05-31"
    assert window.pack_panel.values["nhrn"].text() == "PZN 12345678"
    assert window.pack_panel.values["product"].text() == "Demoprazol 20 mg"
    assert window.dispense_button.isEnabled()


def test_supplied_pack_is_stop(qtbot: QtBot, window: CounterWindow) -> None:
    result = scan(qtbot, window, code("SUPPL1"))
    assert result.level is Level.STOP
    assert window.banner.headline.text() == "STOP — do not supply"
    assert window.banner.reasons.text()
    assert window.banner.next_action.text()
    assert not window.dispense_button.isEnabled()


def test_unknown_serial_is_stop(qtbot: QtBot, window: CounterWindow) -> None:
    result = scan(qtbot, window, code("NOSUCH9"))
    assert result.level is Level.STOP
    assert result.return_code == "NMVS_NC_PC_02"


def test_garbage_is_stop_without_asking_the_hub(qtbot: QtBot, window: CounterWindow, sim: RunningSimulator) -> None:
    before = sim.admin.stats()["requests"]
    result = scan(qtbot, window, b"hello \x00\xff world", EntryMode.MANUAL)
    assert result.level is Level.STOP
    assert sim.admin.stats()["requests"] == before


def test_hub_outage_gives_offline_warning(qtbot: QtBot, window: CounterWindow, sim: RunningSimulator) -> None:
    sim.admin.faults(outage=True)
    result = scan(qtbot, window, code("ACTIVE1"))
    assert result.offline
    assert result.level is Level.WARN
    assert window.banner.headline.text().startswith("CHECK")
    with qtbot.waitSignal(window.status_shown, timeout=10_000):
        window.refresh_status()
    assert "OFFLINE" in window.hub_label.text()


def test_status_shows_p95_after_a_scan(qtbot: QtBot, window: CounterWindow) -> None:
    scan(qtbot, window, code("ACTIVE1"))
    with qtbot.waitSignal(window.status_shown, timeout=10_000):
        window.refresh_status()
    assert "online" in window.hub_label.text()
    assert "ms / 300 ms" in window.p95_label.text()
    assert "anna" in window.operator_label.text()


def test_expired_pack_stops_locally(qtbot: QtBot, window: CounterWindow) -> None:
    past = (dt.date.today() - dt.timedelta(days=40)).strftime("%y%m") + "00"
    result = scan(qtbot, window, code("ACTIVE1", expiry=past))
    assert result.level is Level.STOP


def test_gui_command_against_a_hub(sim: RunningSimulator, tmp_path: Path) -> None:
    """`dispense-app gui --hub URL --no-window --smoke` opens the station and reaches the hub."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "dispense_app", "gui", "--home", str(tmp_path / "gui-home"), "--hub", sim.url,
         "--operator", "anna", "--no-window", "--smoke", "0.5"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    status = next(line for line in done.stdout.splitlines() if line.startswith("status "))
    assert '"hub_online": true' in status and '"operator": "anna"' in status
    assert (tmp_path / "gui-home" / "station.db").exists() or any((tmp_path / "gui-home").glob("*.db"))


def test_gui_command_with_a_bad_hub_url_exits_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "dispense_app", "gui", "--home", str(tmp_path), "--hub", "ftp://nowhere",
         "--no-window", "--smoke", "0.5"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2
    assert "error" in done.stdout


def test_while_a_slow_hub_checks_a_pack_the_details_are_not_the_last_packs(
    qtbot: QtBot, window: CounterWindow, sim: RunningSimulator
) -> None:
    """Issue 22: during "Checking…" the pack details showed the previous pack, as if it were the one
    being checked. Once the hub takes longer than a frame they are blanked; the verdict fills them
    with the new pack's."""
    scan(qtbot, window, code("ACTIVE1"))
    assert window.pack_panel.values["serial"].text() == "ACTIVE1"
    sim.admin.faults(latency_ms=1500)
    with qtbot.waitSignal(window.verdict_shown, timeout=20_000):
        window.submit_scan(ScanEvent(code("SUPPL1"), ScanSource.WEDGE))
        qtbot.waitUntil(lambda: window.pack_panel.values["serial"].text() == "—", timeout=1_000)
        assert window.banner.level is Level.BUSY  # still checking: blanked, not the last pack's
    assert window.pack_panel.values["serial"].text() == "SUPPL1"


def test_window_stays_responsive_while_the_hub_is_slow(
    qtbot: QtBot, window: CounterWindow, sim: RunningSimulator
) -> None:
    """A slow hub (here 3 s per answer) never blocks the UI thread: events are handled meanwhile."""
    from PySide6.QtCore import QTimer

    sim.admin.faults(latency_ms=3000)
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    with qtbot.waitSignal(window.verdict_shown, timeout=20_000):
        window.submit_scan(ScanEvent(code("ACTIVE1"), ScanSource.WEDGE))
        qtbot.waitUntil(lambda: window.banner.level.value == "busy", timeout=2_000)  # "Checking…" after a frame
        qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=5_000)  # the event loop runs while the hub thinks
        assert window.banner.level.value == "busy"
    timer.stop()
    assert window.banner.level.value == "ok"
