"""The About dialog (F1): the version from ``dispense_app.__version__`` (one place), Qt and Python
versions, data folder, hub URL, licence notices; every button named."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

import dispense_app
from dispense_app.ui.about_dialog import AboutDialog
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.settings_model import StationSettings
from dispense_app.ui.viewmodel import StationStatus
from tests.test_ui_counter_window import ScriptedPresenter

pytestmark = pytest.mark.gui


class HubPresenter(ScriptedPresenter):
    def status(self) -> StationStatus:
        self._seen("status")
        return StationStatus(True, 0, hub_url="http://127.0.0.1:9/hub", operator="anna")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> CounterWindow:
    w = CounterWindow(HubPresenter(), poll_status=False, settings=StationSettings(tmp_path))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def open_with_f1(qtbot: QtBot, window: CounterWindow) -> AboutDialog:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    with qtbot.waitSignal(window.status_shown, timeout=10_000):
        window.refresh_status()
    window.setFocus()
    # the dialog is built lazily by the F1 shortcut, so wait for it, then for it to show
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.about_dialog is not None and window.about_dialog.isVisible(), timeout=5_000)
    assert window.about_dialog is not None
    return window.about_dialog


def test_f1_opens_about_with_the_version(qtbot: QtBot, window: CounterWindow, tmp_path: Path) -> None:
    dialog = open_with_f1(qtbot, window)
    assert dialog.values["version"].text() == dispense_app.__version__
    assert qVersion() in dialog.values["qt"].text()
    assert platform.python_version() in dialog.values["python"].text()
    assert dialog.values["home"].text() == str(tmp_path)
    assert dialog.values["hub"].text() == "http://127.0.0.1:9/hub"
    notices = dialog.licences.text()
    assert "GS1 Barcode Syntax Dictionary" in notices and "zxing-cpp" in notices
    assert notices.count("Apache License 2.0") >= 2
    assert dispense_app.__version__ in dialog.text()
    for button in dialog.findChildren(QAbstractButton):
        assert button.text() and button.accessibleName()
    with qtbot.waitSignal(dialog.rejected, timeout=5_000):
        dialog.buttons.rejected.emit()
    assert not dialog.isVisible()


def test_about_button_in_the_status_bar(qtbot: QtBot, window: CounterWindow) -> None:
    button = window.about_button
    assert button.isVisible() and "F1" in button.text() and button.accessibleName()
    with qtbot.waitSignal(button.clicked, timeout=5_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.about_dialog is not None and window.about_dialog.isVisible()


def test_about_in_german(qtbot: QtBot, window: CounterWindow, tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QCoreApplication

    from dispense_app.ui import i18n
    from dispense_app.ui.i18n import install_translators

    app = QCoreApplication.instance()
    assert app is not None
    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "i18n-cache")
    assert install_translators(app, "de") == "de"
    try:
        window.retranslate()
        assert window.about_button.text() == "Info (F1)"
        dialog = open_with_f1(qtbot, window)
        assert dialog.captions["home"].text() == "Datenordner:"
        assert dialog.values["version"].text() == dispense_app.__version__
    finally:
        install_translators(app, "en")
        window.retranslate()
