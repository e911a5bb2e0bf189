""""Supplied anyway" for a prescription STOP (a signed-in pharmacist, with a reason, recorded on the
alert through the workflow) and choosing a patient without a prescription, on the training station."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dispense_app.core.operators import PermissionDenied
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.prompt_dialog import PromptDialog
from dispense_app.ui.station_presenter import StationPresenter
from dispense_app.ui.training import TrainingStation, demo_file, demo_packs_csv
from dispense_app.ui.viewmodel import Level, LineStatus, ScanEvent, ScanResult, StationStatus
from scanner.scan_event import ScanSource

pytestmark = pytest.mark.gui


def gs1(gtin: str, serial: str, lot: str, expiry: str) -> bytes:
    yymmdd = dt.date.fromisoformat(expiry).strftime("%y%m%d")
    return f"]d201{gtin}17{yymmdd}10{lot}\x1d21{serial}".encode()


IBU400 = gs1("04150123456782", "DEMO-IBU-001", "IB2401", "2028-06-30")
IBU600 = gs1("04150123456843", "DEMO-IBU600-001", "IB6401", "2028-06-30")  # wrong strength for rx-ibuprofen


@pytest.fixture
def presenter(tmp_path: Path) -> Iterator[StationPresenter]:
    packs = demo_packs_csv()
    if packs is None:
        pytest.skip("resources/demo/packs.csv is missing")
    p = TrainingStation(tmp_path / "training", packs, operator=None).build_presenter()
    p.operators.add("petra", "Petra Pharmacist", "pharmacist", "246813")
    p.sign_in("petra", "246813")
    p.operators.add("tina", "Tina Technician", "technician", "864219")
    p.sign_out()
    yield p
    p.close()


@pytest.fixture
def window(qtbot: QtBot, presenter: StationPresenter) -> Iterator[CounterWindow]:
    w = CounterWindow(presenter, training=True, poll_status=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def signed_in(qtbot: QtBot, w: CounterWindow, presenter: StationPresenter, login: str, pin: str) -> StationStatus:
    presenter.sign_in(login, pin)
    with qtbot.waitSignal(w.status_shown, timeout=10_000) as blocker:
        w.refresh_status()
    if w.sign_in_dialog is not None:
        w.sign_in_dialog.close()
    assert blocker.args is not None
    return blocker.args[0]  # type: ignore[no-any-return]


def scan(qtbot: QtBot, w: CounterWindow, raw: bytes) -> ScanResult:
    with qtbot.waitSignal(w.verdict_shown, timeout=15_000) as blocker:
        w.submit_scan(ScanEvent(raw, ScanSource.WEDGE))
    assert blocker.args is not None
    return blocker.args[0]  # type: ignore[no-any-return]


def open_rx(qtbot: QtBot, w: CounterWindow, name: str) -> None:
    path = demo_file(f"prescriptions/{name}")
    if path is None:
        pytest.skip(f"resources/demo/prescriptions/{name} is missing")
    with qtbot.waitSignal(w.prescription_shown, timeout=10_000):
        w.load_prescription(str(path))


def test_pharmacist_supplies_a_prescription_stop_anyway_with_a_reason(
    qtbot: QtBot, window: CounterWindow, presenter: StationPresenter
) -> None:
    signed_in(qtbot, window, presenter, "tina", "864219")
    open_rx(qtbot, window, "rx-ibuprofen.json")
    result = scan(qtbot, window, IBU600)
    assert result.level is Level.STOP and result.overridable and not result.may_dispense
    assert window.override_button.isVisible()
    assert not window.override_button.isEnabled()  # a technician may not
    assert "pharmacist" in window.override_button.toolTip()
    with pytest.raises(PermissionDenied):  # the presenter is the real gate
        presenter.supply_anyway(result.pack.key if result.pack else "", "the prescriber agreed")

    signed_in(qtbot, window, presenter, "petra", "246813")
    assert window.override_button.isEnabled()
    window.override_button.click()
    dialog = window.prompt_dialog
    assert isinstance(dialog, PromptDialog) and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()  # no reason, no override
    dialog.text.setText("Prescriber phoned: 600 mg intended (Dr. Example, 10:42)")
    with qtbot.waitSignal(window.dispense_done, timeout=15_000) as blocker:
        dialog.ok_button.click()
    assert blocker.args is not None
    line = window._lines[-1]
    assert line.status in (LineStatus.DISPENSED, LineStatus.QUEUED)
    assert not window.override_button.isVisible()
    alerts = [a for a in presenter.session.workflow.station.alerts() if a.supplied_anyway]
    assert len(alerts) == 1
    assert alerts[0].supplied_anyway_by == "petra"
    assert alerts[0].supplied_anyway_reason.startswith("Prescriber phoned")


def test_a_hub_stop_is_never_overridable(qtbot: QtBot, window: CounterWindow, presenter: StationPresenter) -> None:
    signed_in(qtbot, window, presenter, "petra", "246813")
    supplied = gs1("04150123456782", "DEMO-SUPPLIED-1", "IB2401", "2028-06-30")
    result = scan(qtbot, window, supplied)
    if result.pack is None:
        pytest.skip("the demo table has no DEMO-SUPPLIED-1")
    assert result.level is Level.STOP and not result.overridable
    assert not window.override_button.isVisible()


def test_patient_without_a_prescription(qtbot: QtBot, window: CounterWindow, presenter: StationPresenter) -> None:
    signed_in(qtbot, window, presenter, "tina", "864219")
    assert window.prescription_panel.patient_button.isVisible()
    window.prescription_panel.patient_button.click()
    dialog = window.prompt_dialog
    assert isinstance(dialog, PromptDialog) and dialog.isVisible()
    dialog.text.setText("Patient/demo-cara")
    with qtbot.waitSignal(window.patient_chosen, timeout=10_000):
        dialog.ok_button.click()
    assert "Patient/demo-cara" in window.prescription_panel.summary.text()
    result = scan(qtbot, window, IBU400)
    assert result.level is Level.OK
    with qtbot.waitSignal(window.dispense_done, timeout=15_000):
        window.dispense_button.click()
    records = list(presenter.session.workflow.station.dispense_records(patient_ref="Patient/demo-cara"))
    assert [r.pack.serial for r in records] == ["DEMO-IBU-001"]
    assert records[0].operator == "tina"
