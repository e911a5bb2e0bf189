"""Issue 15 findings 5 and 15: the same pack scanned twice says so (it is not a second pack), and
rescanning a pack this counter has just dispensed is the counter's own double scan: a notice, not an
alert for follow-up. The real counter window on the training station (hub simulator over loopback)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.viewmodel import Level
from tests.test_ui_action_banner import act, headline, ibu, presenter, scan, station, window

__all__ = ["presenter", "station", "window"]


def test_the_same_pack_twice_says_so_and_adds_no_row(qtbot: QtBot, window: CounterWindow) -> None:
    first = scan(qtbot, window, ibu("DEMO-IBU-001"))
    assert first.level is Level.OK and not first.repeat
    alerts_before = window.presenter.status().alerts_new
    again = scan(qtbot, window, ibu("DEMO-IBU-001"))
    assert again.repeat  # the window knows it is the same pack
    assert again.level is Level.WARN  # amber: the pack someone meant to scan next was not scanned
    assert "twice" in headline(window).lower() or "again" in headline(window).lower()
    assert "DEMO-IBU-001" in headline(window)
    assert window.pack_list.rowCount() == 1
    assert window.pack_list.item(0, 0).text() == "OK"  # the pack's own verdict is unchanged
    assert window.presenter.status().alerts_new == alerts_before
    # a different pack afterwards is an ordinary scan again
    other = scan(qtbot, window, ibu("DEMO-IBU-002"))
    assert other.level is Level.OK and not other.repeat and window.pack_list.rowCount() == 2


def test_a_stop_scanned_twice_stays_a_stop(qtbot: QtBot, window: CounterWindow) -> None:
    first = scan(qtbot, window, ibu("DEMO-IBU-404"))  # unknown serial: STOP, an alert
    assert first.level is Level.STOP
    alerts_before = window.presenter.status().alerts_new
    again = scan(qtbot, window, ibu("DEMO-IBU-404"))
    assert again.repeat and again.level is Level.STOP and not again.may_dispense
    assert window.presenter.status().alerts_new == alerts_before  # no second alert for one pack
    assert window.pack_list.rowCount() == 1


def test_rescanning_a_pack_just_dispensed_here_is_a_notice_not_an_alert(
    qtbot: QtBot, window: CounterWindow
) -> None:
    assert scan(qtbot, window, ibu("DEMO-IBU-003")).level is Level.OK
    act(qtbot, window, "dispense_all")
    window._start_new_dispense()  # the next customer
    alerts_before = window.presenter.status().alerts_new
    again = scan(qtbot, window, ibu("DEMO-IBU-003"))
    assert again.level is Level.STOP and not again.may_dispense  # never handed over twice
    assert any("already dispensed here" in r.lower() for r in again.reasons)
    assert window.presenter.status().alerts_new == alerts_before  # the counter's own double scan


def test_a_scan_is_parsed_once_even_when_the_counter_checks_for_a_repeat(
    qtbot: QtBot, window: CounterWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 22: the "scanned again" check parsed the code, then the workflow parsed it again."""
    import dispense_app.workflow.service as service

    parses: list[object] = []
    real = service.prepare

    def counting(scan: object, profile: object) -> object:
        parses.append(scan)
        return real(scan, profile)  # type: ignore[arg-type]

    assert scan(qtbot, window, ibu("DEMO-IBU-004")).level is Level.OK  # the dispense has a checked pack now
    monkeypatch.setattr(service, "prepare", counting)
    assert scan(qtbot, window, ibu("DEMO-IBU-005")).level is Level.OK
    assert len(parses) == 1
