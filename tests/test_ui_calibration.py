"""The calibration wizard end to end: the test sheet as a PDF, the five sheet codes typed as a
US-layout scanner types them on a German host (synthetic key events through the application-wide
wedge capture), the profile saved and used at once (status bar), and then a pack whose serial has
y/z and '-' verifies exactly against the hub simulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.hub.simulator import RunningSimulator, start_simulator
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.settings_model import StationSettings
from dispense_app.ui.station_presenter import StationPresenter, open_presenter
from dispense_app.ui.viewmodel import Level, StationStatus
from dispense_app.ui.wedge_capture import WedgeCapture
from scanner.calibration import EOT, GS, RS, SHEET, load_profile
from scanner.keyboard_layouts import type_text
from scanner.wedge import Key, KeyEvent, Mod

pytestmark = pytest.mark.gui

GTIN = "04150123456782"
SERIAL = "Zy-7x"
PACKS = [{"gtin": GTIN, "serial": SERIAL, "lot": "L-1", "expiry": "2030-05-31", "state": "Active",
          "product_name": "Demoprazol 20 mg"}]
_CTRL = {GS: None, RS: ord("6"), EOT: 0x44}  # GS: Ctrl + the key at the US "]" position (text "+" on de)


def german_host_events(data: str, aim: str, start_ms: float) -> list[KeyEvent]:
    """What Qt reports on a German host when a US-layout scanner with the AIM prefix types ``data``
    (control characters as Ctrl combinations, as on X11), then Enter."""
    evs: list[KeyEvent] = []
    t = start_ms
    segment = ""

    def flush() -> None:
        nonlocal t
        for ch in type_text(segment, "de"):
            evs.append(KeyEvent(ch, ord(ch.upper()) if ch.isascii() else 0, Mod.NONE, t))
            t += 3

    for ch in aim + data:
        if ch in _CTRL:
            flush()
            segment = ""
            evs.append(KeyEvent("", Key.CONTROL, Mod.CONTROL, t))
            if ch == GS:
                evs.append(KeyEvent("+", Key.PLUS, Mod.CONTROL, t + 1))
            else:
                evs.append(KeyEvent("", _CTRL[ch] or 0, Mod.CONTROL, t + 1))
            t += 3
        else:
            segment += ch
    flush()
    evs.append(KeyEvent("\r", Key.RETURN, Mod.NONE, t))
    return evs


def send(target: QWidget, events: list[KeyEvent]) -> None:
    for ev in events:
        kind = QEvent.Type.KeyPress if ev.press else QEvent.Type.KeyRelease
        q = QKeyEvent(kind, ev.key, Qt.KeyboardModifier(ev.modifiers), ev.text)
        q.setTimestamp(int(ev.timestamp_ms) + 1_000)  # a device's clock; never 0
        QApplication.sendEvent(target, q)


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[RunningSimulator]:
    running = start_simulator(packs=PACKS, port=0, db_path=tmp_path / "sim.sqlite")
    yield running
    running.stop()


@pytest.fixture
def presenter(sim: RunningSimulator, tmp_path: Path) -> Iterator[StationPresenter]:
    p = open_presenter(tmp_path / "station", lambda station: FmdRestClient(sim.url, location_id=station.location),
                     operator="anna", hub_url=sim.url)
    yield p
    p.close()


@pytest.fixture
def window(qtbot: QtBot, presenter: StationPresenter, tmp_path: Path, qapp: QApplication) -> Iterator[CounterWindow]:
    w = CounterWindow(presenter, poll_status=False, settings=StationSettings(tmp_path / "station"))
    qtbot.addWidget(w)
    wedge = WedgeCapture(parent=w)
    wedge.install(qapp)
    w.attach_scanner(wedge.scanned)
    w.show()
    yield w
    wedge.uninstall()
    w.close()


def test_calibration_wizard_end_to_end_on_a_german_host(qtbot: QtBot, window: CounterWindow, tmp_path: Path) -> None:
    home = tmp_path / "station"
    assert load_profile(home) is None
    qtbot.keyClick(window, Qt.Key.Key_F10)
    settings = window.settings_window
    assert settings is not None
    settings.calibrate_button.click()
    wizard = window.calibration_window
    assert wizard is not None and wizard.isVisible()

    # 1. the test sheet, as a PDF to print
    sheet = tmp_path / "sheet.pdf"
    with qtbot.waitSignal(wizard.sheet_saved, timeout=20_000):
        wizard.save_sheet(str(sheet))
    from pypdf import PdfReader

    assert len(PdfReader(sheet).pages) >= 1

    # 2. the five codes, in order, as the German host types them
    wizard.start_button.click()
    assert wizard.collecting and "1 of 5" in wizard.prompt.text()
    with qtbot.waitSignal(wizard.finished, timeout=20_000) as blocker, \
            qtbot.waitSignal(window.status_shown, timeout=20_000) as shown:
        for i, code in enumerate(SHEET):
            send(wizard.scans, german_host_events(code.text, code.aim, 10_000.0 * (i + 1)))
            if i < len(SHEET) - 1:
                assert f"{i + 2} of 5" in wizard.prompt.text()
    result = blocker.args[0] if blocker.args else None
    assert result is not None and result.ok, [f.message for f in result.findings] if result else None
    assert window.last_result is None  # the sheet's codes were not verified as packs

    # 3. findings and advice shown; the profile saved and in use (status bar)
    assert result.profile.host_layout == "de"
    codes = {f.code for f in result.findings}
    assert "layout_mismatch" in codes
    texts = [wizard.findings.item(i).text() for i in range(wizard.findings.count())]
    assert any(t.startswith("→ ") for t in texts) and "Calibrated" in wizard.prompt.text()
    saved = load_profile(home)
    assert saved is not None and saved.host_layout == "de"
    status: StationStatus = shown.args[0] if shown.args else None  # type: ignore[assignment]
    assert status is not None and status.scanner_profile is not None and "de" in status.scanner_profile
    assert "de" in window.profile_label.text() and "no profile" not in window.profile_label.text()

    # 4. a pack code typed the same way now verifies exactly (y/z swapped and '-' as 'ß' undone)
    pack = "01" + GTIN + "17300531" + "10L-1" + GS + "21" + SERIAL
    with qtbot.waitSignal(window.verdict_shown, timeout=20_000) as verdict:
        send(window.pack_list, german_host_events(pack, "]d2", 200_000.0))
    assert verdict.args is not None and verdict.args[0].level is Level.OK, verdict.args[0].reasons
    assert window.pack_panel.values["serial"].text() == SERIAL
