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


def test_qm_is_compiled_into_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a compiled catalogue beside the .ts (a source tree where setup has not run), the
    catalogue is compiled into the user cache. A copy of the .ts files keeps this independent of
    whether scripts/setup.sh has already compiled them in the tree."""
    import shutil

    sources = tmp_path / "i18n"
    sources.mkdir()
    for ts in i18n.I18N_DIR.glob("*.ts"):
        shutil.copy2(ts, sources / ts.name)
    monkeypatch.setattr(i18n, "I18N_DIR", sources)
    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "i18n-cache")
    qm = i18n.qm_for("de")
    assert qm == tmp_path / "i18n-cache" / "dispense_app_de.qm"
    assert qm.is_file() and qm.stat().st_size > 0
    assert not (sources / "dispense_app_de.qm").exists()


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


def test_status_bar_fits_the_window_in_german(german: None, qtbot: QtBot, tmp_path: Path) -> None:
    """At its initial size the window has room for every status bar item in German (the longer
    language), so none is cut off and status messages still have room on the left. (At 1180 px,
    with the Info button added, 'Einstellungen (F10)' and the p95 text were cut off.)"""
    from PySide6.QtWidgets import QSizeGrip, QWidget

    from dispense_app.ui.settings_model import StationSettings
    from dispense_app.ui.viewmodel import StationStatus
    from tests.test_ui_counter_window import ScriptedPresenter

    w = CounterWindow(ScriptedPresenter(), training=True, poll_status=False, settings=StationSettings(tmp_path))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w._show_status(
        StationStatus(
            hub_online=True, outbox_length=12, hub_p95_ms=123.0, scanner_profile="honeywell-de", operator="Anna Becker"
        )
    )
    bar = w.statusBar()
    items = [
        c
        for c in bar.findChildren(QWidget)
        if c.parent() is bar and c.isVisible() and not isinstance(c, QSizeGrip) and c.sizeHint().width() > 0
    ]
    names = {c.objectName() for c in items}
    assert {"hubLabel", "p95Label", "operatorLabel", "settingsButton", "aboutButton"} <= names, names
    qtbot.waitUntil(lambda: all(c.width() >= c.sizeHint().width() for c in items))
    assert sum(c.width() for c in items) + 200 < bar.width()  # room for a status message


def test_german_prescription_status_has_no_english(qtbot: QtBot, german: None) -> None:
    """Issue 15 finding 8: "(active)" in the German prescription header."""
    from dispense_app.ui.prescription_panel import PrescriptionPanel
    from dispense_app.ui.viewmodel import PrescriptionView

    panel = PrescriptionPanel()
    qtbot.addWidget(panel)
    panel.show_prescription(PrescriptionView("rx-1", "Patient/anna", "active", ()))
    assert "(gültig)" in panel.summary.text() and "active" not in panel.summary.text()
