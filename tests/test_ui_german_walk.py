"""Issue 15 finding 8: German mixed with English. The real window in German on the training station,
walked through the counter's states (OK, STOP, expired, scanned again, wrong barcode, dispense, undo,
offline, the prescription, the alerts, adherence and settings windows); every text a user can read
in each state is collected and must hold none of a fixed list of English words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QTableWidget, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from dispense_app.ui import i18n
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.settings_model import StationSettings
from dispense_app.ui.station_presenter import StationPresenter
from dispense_app.ui.training import TrainingStation, demo_file, demo_packs_csv
from tests.test_ui_action_banner import act, ibu, scan

pytestmark = pytest.mark.gui

# English words that have no business in a German window (whole words, case-sensitive where German
# shares the spelling in capitals, e.g. "Status", "Hub", "Serial" is never German)
ENGLISH = re.compile(
    r"\b(the|and|of|to|is|not|pack|packs|Pack|Packs|dispensed|checked|queued|refused|expired|active|Active|"
    r"Supplied|Stolen|Scanned|Undo|undo|Serial|Batch|Expiry|Product|patient|Patient (?!/)|medications?|"
    r"Save|Cancel|Close|Search|Show|Export|Reason|Time|Operator|Entry|When|What|YYYY|MM-DD)\b"
)
# FHIR references, product names, codes and the app's name are data, not language
DATA = re.compile(r"Patient/[\w-]+|Ibuprofen Demo[^,\n]*|Amlodipine Demo[^,\n]*|Metformin[^,\n]*|"
                  r"dispense-app|DEMO-[\w-]+|NMVS_\w+|https?://\S+|FMD REST \(EU\)|VRS \(US DSCSA\)|"
                  r"English|Deutsch|PDF|CSV|JSON Lines|PEM|DataMatrix|\bGTIN\b|\bPZN\b|\bNHRN\b")
AML_GTIN = "04150456789007"


@pytest.fixture
def german_station(tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[TrainingStation]:
    packs = demo_packs_csv()
    if packs is None:
        pytest.skip("resources/demo/packs.csv is missing")
    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "i18n-cache")
    assert i18n.install_translators(qapp, "de") == "de"
    yield TrainingStation(tmp_path / "training", packs, operator="trainee")
    i18n.install_translators(qapp, "en")


@pytest.fixture
def german_window(qtbot: QtBot, german_station: TrainingStation) -> Iterator[CounterWindow]:
    presenter: StationPresenter = german_station.build_presenter()
    w = CounterWindow(presenter, training=True, poll_status=False,
                      settings=StationSettings(german_station.home))
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    yield w
    w.close()
    presenter.close()


def visible_texts(root: QWidget) -> list[str]:
    """What a user can read in ``root``: labels, buttons, group titles, tab titles, table cells and
    headers, the window title."""
    texts = [root.windowTitle()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            for col in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(col)
                if header is not None and not widget.isColumnHidden(col):
                    texts.append(header.text())
            for row in range(widget.rowCount()):
                for col in range(widget.columnCount()):
                    item = widget.item(row, col)
                    if item is not None and not widget.isColumnHidden(col):
                        texts.append(item.text())
    return [t for t in texts if t]


def english_in(root: QWidget, state: str) -> list[str]:
    found = []
    for text in visible_texts(root):
        plain = DATA.sub(" ", re.sub(r"<[^>]+>", " ", text))
        for match in ENGLISH.finditer(plain):
            found.append(f"{state}: {match.group(0)!r} in {text!r}")
    return found


def test_the_german_window_reads_german_in_every_state(qtbot: QtBot, german_window: CounterWindow,
                                                       german_station: TrainingStation) -> None:
    w = german_window
    problems: list[str] = []
    problems += english_in(w, "idle")
    rx = demo_file("prescriptions/rx-ibuprofen.json")
    assert rx is not None
    with qtbot.waitSignal(w.prescription_shown, timeout=10_000):
        w.load_prescription(str(rx))
    problems += english_in(w, "prescription")
    scan(qtbot, w, ibu("DEMO-IBU-001"))
    problems += english_in(w, "OK")
    scan(qtbot, w, ibu("DEMO-IBU-001"))
    problems += english_in(w, "scanned again")
    act(qtbot, w, "dispense_all")
    problems += english_in(w, "dispensed")
    act(qtbot, w, "undo_selected")
    problems += english_in(w, "undone")
    scan(qtbot, w, f"]d201{AML_GTIN}1725033110AM2201\x1d21DEMO-EXPIRED-1".encode())
    problems += english_in(w, "expired")
    scan(qtbot, w, b"4150123456782")  # the ordinary EAN barcode
    problems += english_in(w, "wrong barcode")
    scan(qtbot, w, ibu("DEMO-UNKNOWN-1"))
    problems += english_in(w, "STOP")
    german_station.simulator.admin.faults(outage=True)
    scan(qtbot, w, ibu("DEMO-IBU-002"))
    problems += english_in(w, "offline")
    german_station.simulator.admin.clear_faults()

    w.open_alerts()
    alerts = w.alerts_window
    assert alerts is not None
    qtbot.waitUntil(lambda: alerts.table.rowCount() > 0, timeout=15_000)
    alerts.table.selectRow(0)
    problems += english_in(alerts, "alerts")
    w.open_adherence()
    adherence = w.adherence_window
    assert adherence is not None
    with qtbot.waitSignal(adherence.shown, timeout=15_000):
        adherence.open_patient("Patient/demo-anna")
    problems += english_in(adherence, "adherence")
    w.open_settings()
    settings = w.settings_window
    assert settings is not None
    for tab in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(tab)
        problems += english_in(settings, f"settings tab {tab}")
    assert not problems, "\n".join(problems)
