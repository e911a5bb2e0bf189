"""Settings: the hub's secret goes to the keyring (an in-memory backend here), never to a file;
language and sounds apply at once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dispense_app.ui import i18n
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.settings_model import StationSettings, load_ui_preferences
from dispense_app.ui.settings_view import SettingsView

pytestmark = pytest.mark.gui
SECRET = "s3cr3t-value-never-in-files"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CounterWindow]:
    from tests.test_ui_counter_window import ScriptedPresenter

    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "i18n-cache")
    w = CounterWindow(ScriptedPresenter(), poll_status=False, settings=StationSettings(tmp_path))
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    yield w
    i18n.install_translators(qapp, "en")


def open_settings(qtbot: QtBot, w: CounterWindow) -> SettingsView:
    qtbot.keyClick(w, Qt.Key.Key_F10)
    view = w.settings_window
    assert view is not None
    qtbot.waitUntil(lambda: view.form is not None or view.hub_message.text() != "", timeout=10_000)
    return view


def test_hub_secret_goes_to_the_keyring_only(
    qtbot: QtBot, window: CounterWindow, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    view = open_settings(qtbot, window)
    view.hub_url.setText("https://hub.example.org/")
    view.location_id.setText("PHARMACY-7")
    view.client_id.setText("station-7")
    view.client_secret.setText(SECRET)
    with qtbot.waitSignal(view.hub_saved, timeout=10_000) as blocker:
        view.save_hub_button.click()
    assert blocker.args is not None and blocker.args[0].has_secret
    stored = json.loads((tmp_path / "hub.json").read_text(encoding="utf-8"))
    assert stored["url"] == "https://hub.example.org/" and stored["client_id"] == "station-7"
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(SECRET not in p.read_text(encoding="utf-8", errors="replace") for p in files)
    assert SECRET in memory_keyring.store.values()
    assert view.client_secret.text() == ""  # not kept in the field either
    assert "keyring" in view.client_secret.placeholderText()


def test_no_keyring_means_nothing_is_written(qtbot: QtBot, window: CounterWindow, tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        view = open_settings(qtbot, window)
        view.hub_url.setText("https://hub.example.org/")
        view.client_id.setText("station-7")
        view.client_secret.setText(SECRET)
        with qtbot.waitSignal(view.failed, timeout=10_000):
            view.save_hub_button.click()
        assert "keyring" in view.hub_message.text()
        assert not (tmp_path / "hub.json").exists()
    finally:
        keyring.set_keyring(previous)


def test_bad_url_is_refused(qtbot: QtBot, window: CounterWindow, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    view = open_settings(qtbot, window)
    view.hub_url.setText("ftp://hub.example.org/")
    with qtbot.waitSignal(view.failed, timeout=10_000):
        view.save_hub_button.click()
    assert not (tmp_path / "hub.json").exists()


def test_language_and_sounds_apply_at_once_and_are_kept(
    qtbot: QtBot, window: CounterWindow, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    view = open_settings(qtbot, window)
    view.language.setCurrentIndex(view.language.findData("de"))
    view.sounds.setChecked(False)
    with qtbot.waitSignal(view.ui_saved, timeout=10_000):
        view.save_ui_button.click()
    assert window.dispense_button.text() == "Abgeben (F9)"
    assert view.save_hub_button.text() == "Hub speichern"
    prefs = load_ui_preferences(tmp_path)
    assert prefs.language == "de" and prefs.sounds is False
