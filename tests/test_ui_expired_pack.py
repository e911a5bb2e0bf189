"""Issue 15 finding 11: an expired pack never contradicts itself. The hub still calls an expired
pack Active (its state did not change; the date passed), so the panel said "Hub state: Active"
beside the banner's "The hub reports the pack expired". Now the state says both and the expiry date,
the value to compare with the box, stands out. The real window against the training simulator."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from dispense_app.ui import palette
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.viewmodel import Level
from tests.test_ui_action_banner import presenter, scan, station, window

__all__ = ["presenter", "station", "window"]

AML_GTIN = "04150456789007"


def test_an_expired_pack_shows_expired_state_and_date(qtbot: QtBot, window: CounterWindow) -> None:
    result = scan(qtbot, window, f"]d201{AML_GTIN}1725033110AM2201\x1d21DEMO-EXPIRED-1".encode())
    assert result.level is Level.STOP
    assert result.pack is not None and result.pack.expired and result.pack.state == "Active"
    panel = window.pack_panel
    assert panel.values["state"].text() == "Active, but expired"
    assert panel.values["expiry"].text() == "2025-03-31 — expired"
    assert palette.STOP in panel.values["expiry"].styleSheet()


def test_a_good_pack_after_it_is_plain_again(qtbot: QtBot, window: CounterWindow) -> None:
    scan(qtbot, window, f"]d201{AML_GTIN}1725033110AM2201\x1d21DEMO-EXPIRED-1".encode())
    ok = scan(qtbot, window, b"]d201041501234567821728063010IB2401\x1d21DEMO-IBU-001")
    assert ok.level is Level.OK
    assert window.pack_panel.values["state"].text() == "Active"
    assert window.pack_panel.values["expiry"].text() == "2028-06-30"
    assert window.pack_panel.values["expiry"].styleSheet() == ""
