"""The Recalls and Statistics views on a real training station (packs dispensed through the workflow)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from dispense_app.store import Station
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.station_presenter import StationPresenter
from dispense_app.ui.training import TrainingStation, demo_packs_csv
from tests.test_ui_adherence import PATIENT, dispense_history

pytestmark = pytest.mark.gui
IBU_GTIN = "04150123456782"


@pytest.fixture
def presenter(tmp_path: Path) -> Iterator[StationPresenter]:
    packs = demo_packs_csv()
    if packs is None:
        pytest.skip("demo data missing")
    p = TrainingStation(tmp_path / "training", packs, operator="anna").build_presenter()
    dispense_history(p)  # DEMO-IBU-001 .. 005 to the demo patient
    yield p
    p.close()


@pytest.fixture
def window(qtbot: QtBot, presenter: StationPresenter) -> CounterWindow:
    w = CounterWindow(presenter, poll_status=False)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def test_recalls_view_imports_traces_and_marks_contacted(qtbot: QtBot, window: CounterWindow, tmp_path: Path,
                                                         presenter: StationPresenter) -> None:
    notice = tmp_path / "notice.csv"
    notice.write_text("gtin,lot,serial_from,serial_to,exclude,reason,notice_id\n"
                      f"{IBU_GTIN},IB2401,DEMO-IBU-001,DEMO-IBU-003,DEMO-IBU-002,label misprint,RN-1\n",
                      encoding="utf-8")
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.reports_menu.recalls_window  # type: ignore[attr-defined]
    assert view is not None and view.isVisible()
    with qtbot.waitSignal(view.traced, timeout=15_000):
        view.import_file(str(notice))
    assert view.table.rowCount() == 2
    assert {view.table.item(r, 1).text() for r in range(2)} == {"DEMO-IBU-001", "DEMO-IBU-003"}
    # the training station's patient list names the demo patient
    assert {view.table.item(r, 0).text() for r in range(2)} == {"Anna Example (1954-03-12)"}
    assert PATIENT == "Patient/demo-anna"
    assert "2 affected pack(s) dispensed to 1 patient(s)" in view.summary.text()
    assert "does not cover: 3" in view.scope.text()  # DEMO-IBU-002 (excluded), -004 and -005
    view.table.selectRow(0)
    view.note.setText("called, bringing it back")
    with qtbot.waitSignal(view.traced, timeout=15_000):
        view.contacted_button.click()
    assert view.table.item(0, 7).text() == "called, bringing it back"
    out = tmp_path / "contacts.pdf"
    view.export("pdf", str(out))
    qtbot.waitUntil(lambda: "Wrote 2 line(s)" in view.message.text(), timeout=15_000)
    assert out.read_bytes().startswith(b"%PDF")
    with Station.open(presenter.session.station.path.parent) as st:
        kinds = [e.kind for e in st.audit.entries()]
        assert "recall-contact" in kinds and kinds[-1] == "export"


def test_statistics_view_draws_the_period(qtbot: QtBot, window: CounterWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.reports_menu.stats_window  # type: ignore[attr-defined]
    assert view is not None
    qtbot.waitUntil(lambda: view.reports is not None, timeout=15_000)  # the first refresh: the last 30 days
    recent = view.reports[None].total_json()["scans"]
    view.since.setDate(view.since.date().addDays(-90))
    with qtbot.waitSignal(view.shown, timeout=15_000):
        view.show_button.click()
    totals = view.reports[None].total_json()
    # each of the five fills (100 .. 6 days ago) is a check and a dispense through the workflow
    assert totals["scans"] == 10 and recent == 2
    assert f"{totals['scans']} scans" in view.totals.text()
    assert view.clean_chart.series() and view.scanner_chart.series() and view.operator_chart.series()


def test_alerts_view_lists_the_signals(qtbot: QtBot, window: CounterWindow, presenter: StationPresenter) -> None:
    from tests.test_signals import _row

    station = presenter.session.station
    now = dt.datetime.now(dt.UTC)
    for i in range(3):  # three unknown serials of one batch: a cluster
        station.scan_log.add(_row(now, IBU_GTIN, f"FAKE-{i}", "IB2401", "2028-06-30", return_code="NMVS_NC_PC_02",
                                  verdict="stop"))
    qtbot.keyClick(window, Qt.Key.Key_F6)
    view = window.alerts_window
    assert view is not None
    panel = view.signals_panel
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=15_000)
    assert "several unknown serials in one batch" in panel.list.item(0).text()
    assert "3 serials of batch IB2401 unknown" in panel.list.item(0).toolTip()
    assert "1" in panel.title.text()
