"""Issue 18 item 5: the seal check at the counter (Art. 25). After an OK verify the banner asks for the
seal; F9 dispenses and records "seal intact" in the audit trail; Ctrl+B (seal broken) asks destroy or
return to stock, records a local alert (never a hub alert), never dispenses the pack, and the banner
says what was done. The Counter menu turns the check off. The real counter window on the training
station (hub simulator over loopback)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.viewmodel import DispenseResult, Level, LineStatus, StationStatus
from tests.test_ui_action_banner import IBU_GTIN, banner, headline, ibu, presenter, scan, station, window

__all__ = ["presenter", "station", "window"]

pytestmark = pytest.mark.gui


def press(qtbot: QtBot, w: CounterWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          ) -> None:
    """A key press on the active counter window (its shortcuts are window shortcuts)."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w, key, modifier)


def dispense_with_f9(qtbot: QtBot, w: CounterWindow) -> DispenseResult:
    with qtbot.waitSignal(w.dispense_done, timeout=15_000) as blocker:
        press(qtbot, w, Qt.Key.Key_F9)
    assert blocker.args is not None
    return blocker.args[0]  # type: ignore[no-any-return]


def seal_broken(qtbot: QtBot, w: CounterWindow, button: str) -> DispenseResult:
    """Ctrl+B, then the dialog's button (``sealDestroyButton`` or ``sealReturnButton``)."""
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    box = w.prompt_dialog
    assert isinstance(box, QMessageBox) and box.objectName() == "sealDialog" and box.isVisible()
    assert box.defaultButton() is box.escapeButton()  # Enter from a scanner never decides
    with qtbot.waitSignal(w.dispense_done, timeout=15_000) as blocker:
        target = next(b for b in box.buttons() if b.objectName() == button)
        target.click()
    assert blocker.args is not None
    return blocker.args[0]  # type: ignore[no-any-return]


def audit(w: CounterWindow, kind: str) -> list[dict[str, Any]]:
    station = w.presenter.session.station  # type: ignore[attr-defined]
    return [e.details for e in station.audit.entries(kind=kind)]


def hub_state(station: Any, serial: str) -> str:
    return str(station.simulator.admin.pack(IBU_GTIN, serial)["state"])


def test_an_ok_verify_asks_for_the_seal_and_f9_records_it_intact(
    qtbot: QtBot, window: CounterWindow, station: Any
) -> None:
    result = scan(qtbot, window, ibu("DEMO-IBU-001"))
    assert result.level is Level.OK and result.seal_check
    assert "Check the seal" in window.banner.next_action.text() and "Ctrl+B" in window.banner.next_action.text()
    # one short sentence: a plain OK's own advice repeated after it made three lines in German at
    # 1280x800 and squeezed the pack list until its row was cut
    assert "hand it over" not in window.banner.next_action.text()
    metrics = QFontMetrics(window.banner.next_action.font())
    assert metrics.horizontalAdvance(window.banner.next_action.text()) <= window.banner.next_action.width()
    assert window.seal_button.isVisible() and "(Ctrl+B)" in window.seal_button.text()
    done = dispense_with_f9(qtbot, window)
    assert [line.status for line in done.lines] == [LineStatus.DISPENSED]
    assert hub_state(station, "DEMO-IBU-001") == "Supplied"
    (entry,) = audit(window, "dispense")
    assert entry["serial"] == "DEMO-IBU-001" and entry["seal"] == "intact"


def test_seal_broken_and_destroyed(qtbot: QtBot, window: CounterWindow, station: Any) -> None:
    scan(qtbot, window, ibu("DEMO-IBU-002"))
    hub_alerts = station.simulator.admin.stats()["alerts"]
    done = seal_broken(qtbot, window, "sealDestroyButton")
    assert done.level is Level.WARN and done.lines[0].status is LineStatus.BLOCKED
    # the banner tells what happened: amber, not dispensed, destroyed, a local alert
    assert window.banner.level is Level.WARN
    assert headline(window) == "Seal broken: DEMO-IBU-002"
    label = window.banner.headline  # one line: two pushed the status bar off a 1400x900 screen
    assert QFontMetrics(label.font()).horizontalAdvance(label.text()) <= label.width()
    assert "The pack was not supplied" in banner(window)
    text = banner(window)
    assert "Decommissioned as destroyed at the hub" in text and "destruction bin" in text
    assert "the hub raises none" in text
    assert hub_state(station, "DEMO-IBU-002") == "Destroyed"
    assert station.simulator.admin.stats()["alerts"] == hub_alerts  # never a hub alert
    alerts = window.presenter.session.station.alerts()  # type: ignore[attr-defined]
    (alert,) = [a for a in alerts if a.serial == "DEMO-IBU-002"]
    assert alert.alert_id.startswith("L-") and alert.return_code is None and "anti-tampering" in alert.reason
    assert alert.alert_id in text
    # never dispensed: the line is no longer checked, F9 has nothing to send
    assert window.pack_list.item(0, 0).text() != "OK" and not window.dispense_button.isEnabled()
    assert not window.seal_button.isVisible()
    assert [d["transaction"] for d in audit(window, "dispense")] == ["destroy"]


def test_seal_broken_and_returned_to_stock(qtbot: QtBot, window: CounterWindow, station: Any) -> None:
    scan(qtbot, window, ibu("DEMO-IBU-003"))
    scan(qtbot, window, ibu("DEMO-IBU-004"))  # the last scanned is the one Ctrl+B acts on
    done = seal_broken(qtbot, window, "sealReturnButton")
    assert [line.key for line in done.lines] == [f"{IBU_GTIN}/DEMO-IBU-004"]
    assert window.banner.level is Level.WARN and "Returned to stock" in banner(window)
    assert hub_state(station, "DEMO-IBU-004") == "Active"
    (entry,) = audit(window, "seal-broken")
    assert entry["disposal"] == "return" and entry["serial"] == "DEMO-IBU-004"
    # F9 dispenses the other pack only; the returned one stays out, also when scanned again
    again = scan(qtbot, window, ibu("DEMO-IBU-004"))
    assert not again.may_dispense and not again.seal_check
    result = dispense_with_f9(qtbot, window)
    assert [line.key for line in result.lines] == [f"{IBU_GTIN}/DEMO-IBU-003"]
    assert hub_state(station, "DEMO-IBU-004") == "Active" and hub_state(station, "DEMO-IBU-003") == "Supplied"


def test_the_button_asks_too_and_cancel_changes_nothing(qtbot: QtBot, window: CounterWindow) -> None:
    scan(qtbot, window, ibu("DEMO-IBU-005"))
    window.seal_button.click()
    box = window.prompt_dialog
    assert isinstance(box, QMessageBox)
    box.reject()
    assert window.dispense_button.isEnabled() and audit(window, "seal-broken") == []


def test_the_counter_menu_turns_the_seal_check_off(qtbot: QtBot, window: CounterWindow) -> None:
    action = window.seal_action
    assert action.isChecked()
    with qtbot.waitSignal(window.status_shown, timeout=10_000) as blocker:
        action.trigger()  # as a click in the menu
    assert blocker.args is not None
    status: StationStatus = blocker.args[0]
    assert not status.seal_check and not action.isChecked()
    result = scan(qtbot, window, ibu("DEMO-IBU-006"))
    assert result.level is Level.OK and not result.seal_check
    assert "seal" not in window.banner.next_action.text().lower()
    dispense_with_f9(qtbot, window)
    (entry,) = audit(window, "dispense")
    assert "seal" not in entry
    settings = [d for d in audit(window, "settings") if d["key"] == "counter.seal_check"]
    assert settings and settings[-1]["new"] is False
