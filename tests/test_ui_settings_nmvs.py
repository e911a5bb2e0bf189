"""Settings window with an NMVS: the type shows its fields, the password goes to the keyring with
its date, and the password change (G445) and terms (G482/G483) dialogs work against the simulator."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from dispense_app.ui.settings_model import StationSettings
from dispense_app.ui.settings_view import SettingsView
from dispense_app.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui
PASSWORD = "first-pass-123"  # a simulator account of this test


@pytest.fixture
def view(task_runner: TaskRunner, qtbot: QtBot, tmp_path: Path, memory_keyring: Any) -> Iterator[SettingsView]:
    runner = task_runner
    v = SettingsView(StationSettings(tmp_path), runner)
    qtbot.addWidget(v)
    v.show()
    with qtbot.waitSignal(v.hub_loaded, timeout=10_000):
        v.load()
    yield v
    runner.shutdown()


def test_nmvs_type_fields_password_and_dialogs(
    qtbot: QtBot, view: SettingsView, hub_sim: Any, tmp_path: Path, memory_keyring: Any
) -> None:
    assert view.hub_type.findData("nmvs-soap") >= 0
    view.hub_type.setCurrentIndex(view.hub_type.findData("nmvs-soap"))
    assert view.hub_form.isRowVisible(view.user_id) and not view.hub_form.isRowVisible(view.location_id)
    assert view.hub_labels["secret"].text() == "NMVS password:"
    assert not view.password_button.isEnabled()  # nothing saved yet
    view.hub_url.setText(hub_sim.url + "/nmvs/soap")
    view.client_id.setText("PHARMACY-1")
    view.user_id.setText("USER01")
    view.client_secret.setText(PASSWORD)
    with qtbot.waitSignal(view.hub_saved, timeout=10_000) as blocker:
        view.save_hub_button.click()
    form = blocker.args[0] if blocker.args else None
    assert form is not None and form.has_secret and form.password_changed_on
    saved = json.loads((tmp_path / "hub.json").read_text())
    assert saved["type"] == "nmvs-soap" and saved["user_id"] == "USER01" and PASSWORD not in json.dumps(saved)
    assert PASSWORD in memory_keyring.store.values()
    assert view.password_button.isEnabled() and "valid until" in view.nmvs_state.text()

    hub_sim.state.nmvs.accounts = {("PHARMACY-1", "USER01"): PASSWORD}
    view.open_password_dialog()
    dialog = view.nmvs_dialog
    assert dialog is not None
    dialog.new.setText("second-pass-456")  # type: ignore[attr-defined]
    dialog.again.setText("second-pass-45")  # type: ignore[attr-defined]
    dialog.change_button.click()  # type: ignore[attr-defined]
    assert "differ" in dialog.message.text()  # type: ignore[attr-defined]
    dialog.again.setText("second-pass-456")  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.changed, timeout=10_000):  # type: ignore[attr-defined]
        dialog.change_button.click()  # type: ignore[attr-defined]
    assert hub_sim.state.nmvs.accounts[("PHARMACY-1", "USER01")] == "second-pass-456"
    assert "second-pass-456" in memory_keyring.store.values()

    view.operator = "anna"
    view.open_terms_dialog()
    terms = view.nmvs_dialog
    assert terms is not None
    qtbot.waitUntil(lambda: terms.accept_button.isEnabled(), timeout=10_000)  # type: ignore[attr-defined]
    assert "NOT accepted" in terms.state.text() and terms.pharmacist.text() == "anna"  # type: ignore[attr-defined]
    with qtbot.waitSignal(terms.accepted_terms, timeout=10_000):  # type: ignore[attr-defined]
        terms.accept_button.click()  # type: ignore[attr-defined]
    saved = json.loads((tmp_path / "hub.json").read_text())
    assert saved["terms_accepted_by"] == "anna" and saved["terms_accepted_version"]
    assert "accepted" in view.nmvs_state.text()


def test_other_types_hide_the_nmvs_fields(view: SettingsView) -> None:
    view.hub_type.setCurrentIndex(view.hub_type.findData("fmd-rest"))
    assert not view.hub_form.isRowVisible(view.user_id) and view.hub_form.isRowVisible(view.location_id)
    assert view.hub_labels["secret"].text() == "Client secret:"
    assert not view.password_button.isVisible()
