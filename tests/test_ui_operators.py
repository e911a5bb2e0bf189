"""Operators and roles in the window: the first account (a pharmacist's) from the settings, sign-in
with a PIN when accounts exist, and role-gated actions (the core's permission table), against a real
station and the hub simulator on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from dispense_app.core.operators import PermissionDenied
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.hub.simulator import RunningSimulator, start_simulator
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.settings_model import StationSettings
from dispense_app.ui.station_presenter import StationPresenter, open_presenter
from dispense_app.ui.viewmodel import Level, ScanEvent, StationStatus
from scanner.scan_event import ScanSource
from tests.test_ui_station import PACKS, code

pytestmark = pytest.mark.gui


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[RunningSimulator]:
    running = start_simulator(packs=PACKS, port=0, db_path=tmp_path / "sim.sqlite")
    yield running
    running.stop()


@pytest.fixture
def presenter(sim: RunningSimulator, tmp_path: Path) -> Iterator[StationPresenter]:
    p = open_presenter(tmp_path / "station", lambda station: FmdRestClient(sim.url, location_id=station.location),
                     operator=None, hub_url=sim.url)
    yield p
    p.close()


@pytest.fixture
def window(qtbot: QtBot, presenter: StationPresenter, tmp_path: Path) -> Iterator[CounterWindow]:
    w = CounterWindow(presenter, poll_status=False, settings=StationSettings(tmp_path / "station"))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def status(qtbot: QtBot, w: CounterWindow) -> StationStatus:
    with qtbot.waitSignal(w.status_shown, timeout=10_000) as blocker:
        w.refresh_status()
    assert blocker.args is not None
    return blocker.args[0]  # type: ignore[no-any-return]


def sign_in(qtbot: QtBot, w: CounterWindow, login: str, pin: str) -> StationStatus:
    dialog = w.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.login.setText(login)
    dialog.pin.setText(pin)
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as blocker:
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert blocker.args is not None
    return blocker.args[0]  # type: ignore[no-any-return]


def press(qtbot: QtBot, w: CounterWindow, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key on the counter window once it is the active window again (the sign-in dialog had it)."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w, key, modifier)


def test_no_accounts_no_sign_in(qtbot: QtBot, window: CounterWindow) -> None:
    st = status(qtbot, window)
    assert st.permissions is None and not st.sign_in_required
    assert window.sign_in_dialog is None and not window.sign_in_button.isVisible()


def test_first_account_from_settings_then_sign_in_with_pin(qtbot: QtBot, window: CounterWindow) -> None:
    status(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F10)
    view = window.settings_window
    assert view is not None and view.operators is not None
    # the first account must be a pharmacist's
    view.new_login.setText("tom")
    view.new_name.setText("Tom Technician")
    view.new_role.setCurrentIndex(view.new_role.findData("technician"))
    view.new_pin.setText("135792")
    with qtbot.waitSignal(view.failed, timeout=10_000):
        view.add_operator_button.click()
    assert "pharmacist" in view.operator_message.text() and view.new_pin.text() == ""
    view.new_login.setText("Petra")
    view.new_name.setText("Petra Pharmacist")
    view.new_role.setCurrentIndex(view.new_role.findData("pharmacist"))
    view.new_pin.setText("246813")
    with qtbot.waitSignal(view.operators_changed, timeout=10_000) as blocker:
        view.add_operator_button.click()
    assert blocker.args is not None and [r.login for r in blocker.args[0]] == ["petra"]
    assert view.operator_list.item(0).text() == "petra — Petra Pharmacist (Pharmacist)"
    # the next status asks for sign-in; dispensing is refused until then
    st = status(qtbot, window)
    assert st.sign_in_required and st.permissions == ()
    dialog = window.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    assert window.sign_in_button.isVisible() and window.sign_in_button.text() == "Sign in (Ctrl+L)"
    window.submit_scan(ScanEvent(code("ACTIVE1"), ScanSource.WEDGE))  # nobody signed in: not checked
    assert window.last_result is None and window.statusBar().currentMessage() == "Sign in first (Ctrl+L)."
    with pytest.raises(PermissionError):  # the presenter refuses too
        window.presenter.scan(ScanEvent(code("ACTIVE1"), ScanSource.WEDGE))
    dialog.login.setText("petra")
    dialog.pin.setText("999999")
    with qtbot.waitSignal(dialog.failed, timeout=10_000):
        dialog.sign_in_button.click()
    assert "Sign-in failed" in dialog.message.text() and dialog.pin.text() == ""
    st = sign_in(qtbot, window, "petra", "246813")
    assert st.operator == "petra" and not st.sign_in_required and st.may("supply-anyway")
    assert window.operator_label.text() == "Operator: petra"
    assert not dialog.isVisible()


def test_sign_in_dialog_says_how_long_to_wait(qtbot: QtBot, window: CounterWindow, presenter: StationPresenter) -> None:
    """Failed sign-ins are throttled (issue 16, defect 8); the dialog says for how long."""
    from tests.test_sign_in_throttle import seed_failures

    presenter.operators.add("petra", "Petra Pharmacist", "pharmacist", "246813")
    station = presenter.session.station
    assert status(qtbot, window).sign_in_required
    dialog = window.sign_in_dialog
    assert dialog is not None and dialog.isVisible()

    def attempt(login: str, pin: str) -> str:
        assert dialog is not None
        dialog.login.setText(login)
        dialog.pin.setText(pin)
        with qtbot.waitSignal(dialog.failed, timeout=10_000) as blocker:
            dialog.sign_in_button.click()
        assert blocker.args is not None and dialog.message.text() == blocker.args[0]
        return str(blocker.args[0])

    seed_failures(station, "petra", 4)  # four failures an hour ago
    failed = "Sign-in failed: unknown or inactive login, or wrong PIN."
    assert attempt("petra", "999999") == failed + " Wait 16 s before the next try."
    text = attempt("petra", "246813")  # the right PIN, too soon
    assert text.startswith("Too many failed attempts for this login: wait ") and text.endswith(" s, then try again.")
    seed_failures(station, "nobody", 5)  # an unknown login is locked like a known one
    text = attempt("nobody", "999999")
    assert text.startswith(failed + " After 6 failed attempts in a row, this login is locked for 15 min (until ")
    text = attempt("nobody", "999999")
    assert text.startswith("After 6 failed attempts in a row, this login is locked for 15 min (until ")
    assert dialog.isVisible() and status(qtbot, window).sign_in_required


def test_roles_gate_dispense_and_settings(qtbot: QtBot, window: CounterWindow, presenter: StationPresenter) -> None:
    ops = presenter.operators
    ops.add("petra", "Petra Pharmacist", "pharmacist", "246813")
    presenter.sign_in("petra", "246813")
    ops.add("sam", "Sam Support", "support", "135792")
    ops.add("tina", "Tina Technician", "technician", "864219")
    presenter.sign_out()
    st = status(qtbot, window)
    assert st.sign_in_required
    st = sign_in(qtbot, window, "sam", "135792")
    assert not st.may("dispense") and st.may("settings")
    with qtbot.waitSignal(window.verdict_shown, timeout=10_000) as blocker:
        window.submit_scan(ScanEvent(code("ACTIVE1"), ScanSource.WEDGE))
    assert blocker.args is not None and blocker.args[0].level is Level.OK  # support staff may verify
    assert not window.dispense_button.isEnabled()  # ... but never hand medicine over
    press(qtbot, window, Qt.Key.Key_F9)
    assert window.statusBar().currentMessage() == "Your role does not allow this."
    with pytest.raises(PermissionDenied):  # the presenter is the real gate
        presenter.dispense([f"{PACKS[0]['gtin']}/ACTIVE1"])
    # switch to the technician (Ctrl+L): may dispense, may not change the settings
    press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    st = sign_in(qtbot, window, "tina", "864219")
    assert st.operator == "tina" and st.may("dispense") and not st.may("settings")
    assert window.dispense_button.isEnabled()
    press(qtbot, window, Qt.Key.Key_F10)
    assert window.settings_window is None
    assert window.statusBar().currentMessage() == "Your role does not allow this."
    assert presenter.session.workflow.operator == "tina" and presenter.alerts.actor == "tina"


def test_alert_follow_up_and_export_are_role_gated(
    qtbot: QtBot, window: CounterWindow, presenter: StationPresenter, tmp_path: Path
) -> None:
    from dispense_app.export.filters import AlertQuery

    with qtbot.waitSignal(window.verdict_shown, timeout=10_000):
        window.submit_scan(ScanEvent(code("SUPPL1"), ScanSource.WEDGE))  # a STOP: one alert
    ops = presenter.operators
    ops.add("petra", "Petra Pharmacist", "pharmacist", "246813")
    presenter.sign_in("petra", "246813")
    ops.add("tina", "Tina Technician", "technician", "864219")
    presenter.sign_in("tina", "864219")
    alert = presenter.alerts.search(AlertQuery())[0]
    presenter.alerts.set_status(alert.alert_id, "investigating", None, "looking")  # technicians follow up
    with pytest.raises(PermissionDenied):  # ... but only a pharmacist closes
        presenter.alerts.set_status(alert.alert_id, "closed", "scanner-setup", None)
    with pytest.raises(PermissionDenied):  # ... and exports are support's or a pharmacist's
        presenter.alerts.export(AlertQuery(), "csv", tmp_path / "a.csv")
    assert not (tmp_path / "a.csv").exists()
    # in the alerts view the refusal is said, not raised
    with qtbot.waitSignal(window.status_shown, timeout=10_000):  # F6 needs the window's own state first
        window.refresh_status()
    window.open_alerts()
    view = window.alerts_window
    assert view is not None
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=10_000)  # its first search has landed
    with qtbot.waitSignal(view.failed, timeout=10_000):
        view.export_to(str(tmp_path / "b.csv"), "csv")
    assert "may not export" in view.message.text()
    presenter.sign_in("petra", "246813")
    record = presenter.alerts.set_status(alert.alert_id, "closed", "scanner-setup", None)
    assert record.status.value == "closed"


def test_pharmacist_manages_accounts_in_the_settings(
    qtbot: QtBot, window: CounterWindow, presenter: StationPresenter
) -> None:
    from dispense_app.workflow.operators_store import SignInError

    ops = presenter.operators
    ops.add("petra", "Petra Pharmacist", "pharmacist", "246813")
    presenter.sign_in("petra", "246813")
    ops.add("tina", "Tina Technician", "technician", "864219")
    status(qtbot, window)
    press(qtbot, window, Qt.Key.Key_F10)
    view = window.settings_window
    assert view is not None
    qtbot.waitUntil(lambda: view.operator_list.count() == 2, timeout=10_000)
    # nothing selected: said, not raised
    view.operator_list.setCurrentRow(-1)
    with qtbot.waitSignal(view.failed, timeout=10_000):
        view.toggle_operator_button.click()
    # the last active pharmacist cannot be deactivated
    view.operator_list.setCurrentRow(0)  # petra
    with qtbot.waitSignal(view.failed, timeout=10_000):
        view.toggle_operator_button.click()
    assert "last active pharmacist" in view.operator_message.text()
    # tina: a new PIN, then deactivated
    view.operator_list.setCurrentRow(1)
    view.new_pin.setText("975318")
    with qtbot.waitSignal(view.operators_changed, timeout=10_000):
        view.set_pin_button.click()
    assert presenter.operators.sign_in("tina", "975318").login == "tina"
    presenter.sign_in("petra", "246813")
    view.operator_list.setCurrentRow(1)
    with qtbot.waitSignal(view.operators_changed, timeout=10_000) as blocker:
        view.toggle_operator_button.click()
    assert blocker.args is not None and [r.active for r in blocker.args[0]] == [True, False]
    assert view.operator_list.item(1).text().endswith("— inactive")
    with pytest.raises(SignInError):
        presenter.sign_in("tina", "975318")


def test_alerts_view_greys_out_what_the_role_may_not_do(
    qtbot: QtBot, window: CounterWindow, presenter: StationPresenter
) -> None:
    """The alerts view offers only what the signed-in operator may do (the store-side checks stay
    the gate): a technician follows alerts up but neither closes nor exports; support staff export;
    the pharmacist does everything. Re-read whenever the view is shown or activated."""
    with qtbot.waitSignal(window.verdict_shown, timeout=10_000):
        window.submit_scan(ScanEvent(code("SUPPL1"), ScanSource.WEDGE))  # a STOP: one alert
    ops = presenter.operators
    ops.add("petra", "Petra Pharmacist", "pharmacist", "246813")
    presenter.sign_in("petra", "246813")
    ops.add("sam", "Sam Support", "support", "135792")
    ops.add("tina", "Tina Technician", "technician", "864219")
    presenter.sign_in("tina", "864219")

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_alerts()
    view = window.alerts_window
    assert view is not None
    qtbot.waitUntil(lambda: view.allowed is not None and "alert-follow-up" in view.allowed, timeout=10_000)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=10_000)
    view.table.selectRow(0)
    model = view.new_status.model()
    closed = model.index(view.new_status.findData("closed"), 0)
    investigating = model.index(view.new_status.findData("investigating"), 0)
    assert view.save_status.isEnabled() and view.add_comment.isEnabled()
    assert not (model.flags(closed) & Qt.ItemFlag.ItemIsEnabled)  # closing: a pharmacist's job
    assert model.flags(investigating) & Qt.ItemFlag.ItemIsEnabled
    assert not view.export_button.isEnabled() and view.export_button.toolTip()

    presenter.sign_in("sam", "135792")  # support: exports, follows up, does not close
    with qtbot.waitSignal(view.permissions_applied, timeout=10_000):
        view.refresh_permissions()
    # (a refresh started before the sign-in may land first: wait for sam's own)
    qtbot.waitUntil(lambda: view.allowed is not None and "export" in view.allowed, timeout=10_000)
    assert view.export_button.isEnabled() and view.save_status.isEnabled()
    assert not (model.flags(closed) & Qt.ItemFlag.ItemIsEnabled)

    presenter.sign_in("petra", "246813")
    with qtbot.waitSignal(view.permissions_applied, timeout=10_000):
        window.activateWindow()  # back at the counter, then the alerts window again: re-read
        qtbot.waitUntil(window.isActiveWindow)
        view.activateWindow()
    qtbot.waitUntil(lambda: view.allowed is not None and "alert-close" in view.allowed, timeout=10_000)
    assert model.flags(closed) & Qt.ItemFlag.ItemIsEnabled and view.export_button.isEnabled()

    presenter.sign_out()  # signed out on a station with accounts: nothing but reading
    with qtbot.waitSignal(view.permissions_applied, timeout=10_000):
        view.refresh_permissions()
    qtbot.waitUntil(lambda: view.allowed == (), timeout=10_000)
    assert not view.save_status.isEnabled() and not view.export_button.isEnabled()
    assert "sign in" in view.save_status.toolTip()
