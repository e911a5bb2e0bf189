"""The adherence view on a real training station: fills made by dispensing on a prescription."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from dispense_app.ui.adherence_view import AdherenceView
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.station_presenter import StationPresenter
from dispense_app.ui.tasks import TaskRunner
from dispense_app.ui.training import TrainingStation, demo_file, demo_packs_csv
from scanner.scan_event import ScanEvent, ScanSource

pytestmark = pytest.mark.gui
FILL_DAYS_AGO = (100, 78, 55, 30, 6)
PATIENT = "Patient/demo-anna"


def label_code(serial: str) -> bytes:
    path = demo_file("labels.csv")
    assert path is not None
    with path.open(encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["serial"] == serial)
    expiry = dt.date.fromisoformat(row["expiry"]).strftime("%y%m%d")
    return f"]d201{row['gtin']}17{expiry}10{row['lot']}\x1d21{serial}".encode()


def dispense_history(presenter: StationPresenter) -> None:
    """Five ibuprofen fills on the demo prescription (20 days each), on past days."""
    rx = demo_file("prescriptions/rx-ibuprofen.json")
    assert rx is not None
    real_clock = presenter.session.workflow.clock
    try:
        for i, days_ago in enumerate(FILL_DAYS_AGO):
            moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
            presenter.session.workflow.clock = lambda m=moment: m
            presenter.new_dispense()
            presenter.open_prescription(str(rx))
            result = presenter.scan(ScanEvent(label_code(f"DEMO-IBU-00{i + 1}"), ScanSource.WEDGE))
            assert result.level.value == "ok" and result.pack is not None
            outcome = presenter.dispense([result.pack.key])
            assert outcome.lines[0].status.value == "dispensed"
    finally:
        presenter.session.workflow.clock = real_clock


@pytest.fixture
def presenter(tmp_path: Path) -> Iterator[StationPresenter]:
    packs = demo_packs_csv()
    if packs is None:
        pytest.skip("demo data missing")
    p = TrainingStation(tmp_path / "training", packs, operator="anna").build_presenter()
    dispense_history(p)
    yield p
    p.close()


@pytest.fixture
def view(qtbot: QtBot, presenter: StationPresenter) -> Iterator[AdherenceView]:
    window = CounterWindow(presenter, poll_status=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.adherence_window is not None
    v = window.adherence_window
    with qtbot.waitSignal(v.shown, timeout=15_000):
        v.open_patient(PATIENT)
    yield v


def test_report_table_and_charts(view: AdherenceView) -> None:
    assert view.current is not None
    meds = view.current.report.medications
    assert len(meds) == 1
    med = meds[0]
    assert len(med.refills) == len(FILL_DAYS_AGO)
    assert view.table.rowCount() == 1
    assert view.table.item(0, 1).text()[-1] in "✔✖" and "%" in view.table.item(0, 1).text()
    # one bar series + the threshold line; one timeline segment per fill
    assert len(view.pdc_chart.series()) == 2
    assert len(view.timeline_chart.series()) == len(FILL_DAYS_AGO)
    assert PATIENT in view.message.text()


def test_add_note(qtbot: QtBot, view: AdherenceView) -> None:
    view.note_text.setText("patient takes it only on bad days")
    with qtbot.waitSignal(view.shown, timeout=15_000):
        view.note_button.click()
    assert view.notes.count() == 1
    assert "only on bad days" in view.notes.item(0).text() and "anna" in view.notes.item(0).text()


def test_unknown_patient_and_empty_field(qtbot: QtBot, view: AdherenceView) -> None:
    with qtbot.waitSignal(view.shown, timeout=15_000) as blocker:
        view.open_patient("Patient/nobody")
    assert blocker.args is not None and blocker.args[0].report.medications == ()
    assert view.table.rowCount() == 0
    view.patient.clear()
    with qtbot.waitSignal(view.failed):
        view.show_patient()


def test_every_adherence_button_has_text_or_accessible_name(view: AdherenceView) -> None:
    for button in view.findChildren(QAbstractButton):
        assert button.text().strip() or button.accessibleName().strip(), button.objectName()


def test_two_packs_together_today_are_one_fill_and_not_enough_data(qtbot: QtBot, tmp_path: Path) -> None:
    """Issue 15 finding 13, in the window: two packs of one prescription dispensed together were an
    "early refill" in red, and "PDC 180 d 100 % ✔" came from one day of data."""
    packs = demo_packs_csv()
    if packs is None:
        pytest.skip("demo data missing")
    presenter = TrainingStation(tmp_path / "today", packs, operator="anna").build_presenter()
    try:
        rx = demo_file("prescriptions/rx-ibuprofen.json")
        assert rx is not None
        presenter.open_prescription(str(rx))
        keys = []
        for serial in ("DEMO-IBU-001", "DEMO-IBU-002"):
            result = presenter.scan(ScanEvent(label_code(serial), ScanSource.WEDGE))
            assert result.pack is not None
            keys.append(result.pack.key)
        assert [line.status.value for line in presenter.dispense(keys).lines] == ["dispensed", "dispensed"]
        window = CounterWindow(presenter, poll_status=False)
        qtbot.addWidget(window)
        window.show()
        window.open_adherence()
        view = window.adherence_window
        assert view is not None
        with qtbot.waitSignal(view.shown, timeout=15_000):
            view.open_patient(PATIENT)
        assert view.current is not None
        med = view.current.report.medications[0]
        assert [r.flag.value for r in med.refills] == ["first"]  # one fill of two packs
        assert view.table.item(0, 3).text() == "0"  # no early refill
        assert view.table.item(0, 1).text().startswith("not enough data")
        assert "✔" not in view.table.item(0, 1).text() and "%" not in view.table.item(0, 1).text()
        window.close()
    finally:
        presenter.close()


def test_the_patient_is_picked_by_name(qtbot: QtBot, view: AdherenceView) -> None:
    """Issue 15 finding 9: adherence wanted "Patient/demo-anna" typed."""
    qtbot.waitUntil(lambda: bool(view.patient_refs), timeout=10_000)
    labels = list(view.patient_refs)
    assert any(label.startswith("Anna Example (1954-03-12)") for label in labels)
    assert view.patient.text().startswith("Anna Example")  # opened for the prescription's patient: named
    view.patient.setText("anna")  # part of a name, any case
    assert view.patient_ref() == PATIENT
    with qtbot.waitSignal(view.shown, timeout=15_000):
        view.show_patient()
    assert view.current is not None and view.current.report.patient_ref == PATIENT
    view.patient.setText("Patient/someone-else")  # a reference typed as it is still works
    assert view.patient_ref() == "Patient/someone-else"


def test_the_timeline_draws_only_the_year_it_shows(qtbot: QtBot, tmp_path: Path) -> None:
    """Issue 22: the timeline shows the last 365 days, but drew every fill of the patient's history (five
    years of fills: ~250 chart series, 300 ms to draw); fills that end before the year are left out."""
    packs = demo_packs_csv()
    if packs is None:
        pytest.skip("demo data missing")
    presenter = TrainingStation(tmp_path / "training", packs, operator="anna").build_presenter()
    rx = demo_file("prescriptions/rx-ibuprofen.json")
    assert rx is not None
    real_clock = presenter.session.workflow.clock
    try:
        for i, days_ago in enumerate((900, 700, 500, 100, 30)):
            moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
            presenter.session.workflow.clock = lambda m=moment: m
            presenter.new_dispense()
            presenter.open_prescription(str(rx))
            result = presenter.scan(ScanEvent(label_code(f"DEMO-IBU-00{i + 1}"), ScanSource.WEDGE))
            assert result.pack is not None
            presenter.dispense([result.pack.key])
    finally:
        presenter.session.workflow.clock = real_clock
    try:
        runner = TaskRunner()
        view = AdherenceView(presenter.adherence, runner)
        qtbot.addWidget(view)
        with qtbot.waitSignal(view.shown, timeout=15_000):
            view.open_patient(PATIENT)
        assert view.current is not None
        assert len(view.current.report.medications[0].refills) == 5  # the report keeps every fill
        assert len(view.timeline_chart.series()) == 2  # the chart draws the two of the last year
        runner.shutdown()
    finally:
        presenter.close()
