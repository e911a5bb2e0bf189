"""English and German: the catalogue is complete and consistent, and the window really switches."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dispense_app.core.messages import MESSAGE_CONTEXT
from dispense_app.ui import i18n
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.station_presenter import qt_translate
from dispense_app.ui.viewmodel import Level

pytestmark = pytest.mark.gui
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def german(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "i18n-cache")
    assert i18n.install_translators(qapp, "de") == "de"
    yield
    i18n.install_translators(qapp, "en")


def test_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.ENV_LANG, "de_DE")
    assert i18n.pick_language() == "de"
    assert i18n.pick_language("en") == "en"
    assert i18n.pick_language("fr") == "en"  # not shipped: English


def test_german_catalogue_is_complete_and_placeholders_match() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "update_translations.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout


def test_qm_is_compiled_into_the_cache(german: None, tmp_path: Path) -> None:
    assert (tmp_path / "i18n-cache" / "dispense_app_de.qm").is_file()


def test_window_in_german(german: None, qtbot: QtBot) -> None:
    from tests.test_ui_counter_window import ScriptedPresenter

    w = CounterWindow(ScriptedPresenter(), training=True, poll_status=False)
    qtbot.addWidget(w)
    assert w.banner.headline.text() == "Bereit — Packung scannen"
    assert w.dispense_button.text() == "Abgeben (F9)"
    assert "SCHULUNG" in w.training_banner.text()
    assert w.headline(Level.STOP) == "STOPP — nicht abgeben"


def test_core_messages_in_german(german: None) -> None:
    from dispense_app.core.verdict import Level as VLevel
    from dispense_app.core.verdict import Reason

    reason = Reason("hub.serial_unknown", VLevel.STOP, {"serial": "ABC123"})
    assert reason.text(qt_translate) == "Unbekannte Seriennummer für dieses Produkt."
    assert "ABC123" in reason.action(qt_translate)
    assert "Quarantäne" in reason.action(qt_translate)
    assert MESSAGE_CONTEXT == "verdict"
