"""Training mode end to end: every demo label typed by a (synthetic) keyboard-wedge scanner into the
counter window, through the real wedge capture, workflow, station database and hub simulator."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.station_presenter import StationPresenter
from dispense_app.ui.training import TrainingStation, demo_file, demo_packs_csv
from dispense_app.ui.viewmodel import Level, LineStatus, ScanResult
from dispense_app.ui.wedge_capture import WedgeCapture
from scanner.wedge import KeyEvent, WedgeConfig, key_events_for

pytestmark = pytest.mark.gui
REPO = Path(__file__).resolve().parents[1]


def labels() -> list[dict[str, str]]:
    path = demo_file("labels.csv")
    if path is None:
        pytest.skip("resources/demo/labels.csv is missing")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def gs1_text(row: dict[str, str]) -> str:
    expiry = dt.date.fromisoformat(row["expiry"]).strftime("%y%m%d")
    return f"]d201{row['gtin']}17{expiry}10{row['lot']}\x1d21{row['serial']}"


def expected(row: dict[str, str]) -> Level:
    """What a verify (a scan, no prescription) must say, from the demo table's own scenario words."""
    scenario = row["scenario"]
    if row["state"] != "Active" or ("STOP" in scenario and "prescription" not in scenario):
        return Level.STOP
    return Level.OK


def send(target: QWidget, events: list[KeyEvent]) -> None:
    for ev in events:
        kind = QEvent.Type.KeyPress if ev.press else QEvent.Type.KeyRelease
        q = QKeyEvent(kind, ev.key, Qt.KeyboardModifier(ev.modifiers), ev.text)
        q.setTimestamp(int(ev.timestamp_ms) + 1_000)
        QApplication.sendEvent(target, q)


@pytest.fixture
def station(tmp_path: Path) -> TrainingStation:
    packs = demo_packs_csv()
    if packs is None:
        pytest.skip("resources/demo/packs.csv is missing")
    return TrainingStation(tmp_path / "training", packs, operator="trainee")


@pytest.fixture
def training(station: TrainingStation) -> Iterator[StationPresenter]:
    presenter = station.build_presenter()
    yield presenter
    presenter.close()


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, training: StationPresenter) -> Iterator[CounterWindow]:
    w = CounterWindow(training, training=True, poll_status=False)
    qtbot.addWidget(w)
    capture = WedgeCapture(WedgeConfig(max_gap_ms=30), parent=w)
    capture.install(qapp)
    w.attach_scanner(capture.scanned)
    w.show()
    qtbot.waitExposed(w)
    w.pack_list.setFocus()
    yield w
    capture.uninstall()


def scan_keys(qtbot: QtBot, w: CounterWindow, text: str, start_ms: float) -> ScanResult:
    with qtbot.waitSignal(w.verdict_shown, timeout=15_000) as blocker:
        send(w.pack_list, key_events_for(text, start_ms=start_ms, gap_ms=4))
    assert blocker.args is not None
    result = blocker.args[0]
    assert isinstance(result, ScanResult)
    return result


def test_every_demo_label_gets_its_verdict(qtbot: QtBot, window: CounterWindow) -> None:
    rows = labels()
    assert len(rows) >= 10
    wrong = []
    for i, row in enumerate(rows):
        result = scan_keys(qtbot, window, gs1_text(row), start_ms=100_000.0 * (i + 1))
        if result.level is not expected(row):
            wrong.append((row["serial"], result.level, result.reasons))
        assert result.pack is not None and result.pack.serial == row["serial"]
        assert result.pack.entry_mode == "scan"
        headline = window.banner.headline.text()
        assert headline == window.headline(result.level)
    assert wrong == []
    assert window.training_banner.isVisible()


def test_dispense_undo_and_double_scan(qtbot: QtBot, window: CounterWindow, training: StationPresenter) -> None:
    row = next(r for r in labels() if r["serial"] == "DEMO-IBU-003")
    first = scan_keys(qtbot, window, gs1_text(row), 1_000_000.0)
    assert first.level is Level.OK
    with qtbot.waitSignal(window.dispense_done, timeout=15_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert blocker.args is not None
    update = blocker.args[0].lines[0]
    assert update.status is LineStatus.DISPENSED
    assert update.undo_deadline is not None
    assert "Undo possible until" in window.undo_deadline.text()
    assert training.session.station.pending_count() == 0

    again = scan_keys(qtbot, window, gs1_text(row), 2_000_000.0)
    assert again.level is Level.STOP  # already dispensed here, undo until ...
    assert window.pack_list.rowCount() == 1  # still the one line, still dispensed

    qtbot.keyClick(window, Qt.Key.Key_F8)
    dialog = window.prompt_dialog
    assert dialog is not None and dialog.objectName() == "undoDialog"
    qtbot.keyClicks(dialog.text, "patient changed their mind")  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.dispense_done, timeout=15_000) as blocker:
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert blocker.args is not None
    assert blocker.args[0].lines[0].status is LineStatus.UNDONE
    undo = training.session.station.db.execute(
        "SELECT undo_reason FROM dispense WHERE serial = ?", [row["serial"]]).fetchone()
    assert undo == ("patient changed their mind",)
    assert scan_keys(qtbot, window, gs1_text(row), 3_000_000.0).level is Level.OK


def test_offline_dispense_is_queued_and_replayed(qtbot: QtBot, window: CounterWindow, station: TrainingStation) -> None:
    row = next(r for r in labels() if r["serial"] == "DEMO-IBU-004")
    assert scan_keys(qtbot, window, gs1_text(row), 1_000_000.0).level is Level.OK
    sim = station.simulator
    sim.admin.faults(outage=True)
    with qtbot.waitSignal(window.dispense_done, timeout=15_000) as blocker:
        window.dispense_all()
    assert blocker.args is not None
    assert blocker.args[0].lines[0].status is LineStatus.QUEUED
    with qtbot.waitSignal(window.status_shown, timeout=15_000):
        window.refresh_status()
    assert window.outbox_label.text() == "Outbox: 1"
    assert "OFFLINE" in window.hub_label.text()

    sim.admin.clear_faults()
    with qtbot.waitSignal(window.status_shown, timeout=15_000):
        window.send_outbox()
    assert window.outbox_label.text() == "Outbox: 0"
    assert "online" in window.hub_label.text()
    assert sim.admin.pack(row["gtin"], row["serial"])["state"] == "Supplied"


def test_demo_command_smoke(tmp_path: Path) -> None:
    """`dispense-app demo --no-window --smoke` starts, paints, reaches the simulated hub and quits 0."""
    done = subprocess.run(
        [sys.executable, "-m", "dispense_app", "demo", "--home", str(tmp_path), "--no-window", "--smoke", "0.3"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("ready ") for line in lines)
    status = next(line for line in lines if line.startswith("status "))
    assert '"hub_online": true' in status
    assert (tmp_path / "training" / ".dispense-app-training").is_file()
    # smoke mode also opens every secondary window once (their modules and Qt libraries load)
    views = next(line for line in lines if line.startswith("views "))
    assert views.split()[1:] == ["alerts", "adherence", "settings", "about"], views
    assert "Traceback" not in done.stderr, done.stderr


def test_manual_entry_goes_the_same_way_with_entry_mode_manual(qtbot: QtBot, window: CounterWindow) -> None:
    from PySide6.QtWidgets import QLineEdit

    qtbot.keyClick(window, Qt.Key.Key_F4)
    dialog = window.manual_dialog
    assert dialog is not None and dialog.isVisible()
    values = {"product_code": "04150123456782", "serial": "DEMO-IBU-005", "lot": "IB2401", "expiry": "2028-06-30"}
    for name, value in values.items():
        edit = dialog.findChild(QLineEdit, f"manual_{name}")
        assert edit is not None
        edit.setText(value)
    with qtbot.waitSignal(window.verdict_shown, timeout=15_000) as blocker:
        qtbot.keyClick(dialog.findChild(QLineEdit, "manual_expiry"), Qt.Key.Key_Return)
    assert blocker.args is not None
    result = blocker.args[0]
    assert result.level is Level.OK
    assert result.pack.entry_mode == "manual"
    assert window.pack_panel.values["entry"].text() == "Typed by hand"
    assert not dialog.isVisible()


def test_prescription_panel_ticks_off_and_stops(qtbot: QtBot, window: CounterWindow) -> None:
    rx = demo_file("prescriptions/rx-ibuprofen.json")
    assert rx is not None
    with qtbot.waitSignal(window.prescription_shown, timeout=15_000) as blocker:
        window.load_prescription(str(rx))
    view = blocker.args[0]  # type: ignore[index]
    assert len(view.lines) == 1 and view.lines[0].quantity == "2" and view.lines[0].unit == "packs"
    panel = window.prescription_panel
    assert panel.table.item(0, 1).text() == "2 packs" and panel.table.item(0, 3).text() == "2 packs"

    rows = {r["serial"]: r for r in labels()}
    wrong = scan_keys(qtbot, window, gs1_text(rows["DEMO-IBU600-001"]), 1_000_000.0)
    assert wrong.level is Level.STOP  # wrong strength for this prescription
    assert any("strength" in r.lower() for r in wrong.reasons)
    for i, serial in enumerate(("DEMO-IBU-006", "DEMO-IBU-007")):
        ok = scan_keys(qtbot, window, gs1_text(rows[serial]), 2_000_000.0 + i * 100_000)
        assert ok.level is Level.OK and ok.rx_item
    with qtbot.waitSignal(window.prescription_shown, timeout=15_000) as blocker:
        window.dispense_all()
    after = blocker.args[0]  # type: ignore[index]
    assert after.lines[0].covered and after.lines[0].dispensed_packs == 2
    assert panel.table.item(0, 3).text().startswith("✔")
    third = scan_keys(qtbot, window, gs1_text(rows["DEMO-IBU-008"]), 3_000_000.0)
    assert third.level is Level.STOP  # more packs than prescribed
    qtbot.keyClick(window, Qt.Key.Key_F12)
    assert panel.view is None and window.pack_list.rowCount() == 0
