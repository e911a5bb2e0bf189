"""The suspect-product walk at the counter (issue 19), on the real stack: the hub simulator's /vrs
face over loopback, the VRS adapter, the workflow, the store, the counter window and the Quarantine
window. Scan a pack the manufacturer answers Illegitimate -> it is quarantined -> the 3 packs / 10 %
guidance counts the packs scanned next -> the Form 3911 draft (read back with pypdf) -> the 24-hour
clock and its reminder, until the report is marked submitted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hub_fixtures import gtin_with_check
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from dispense_app.hub.simulator import RunningSimulator, start_simulator
from dispense_app.hub.vrs import VrsClient
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.quarantine_view import QuarantineView
from dispense_app.ui.station_presenter import StationPresenter, open_presenter
from dispense_app.ui.viewmodel import Level, ScanEvent, ScanResult
from scanner.scan_event import ScanSource

pytestmark = pytest.mark.gui

GTIN = gtin_with_check("0036141410001")  # a US GTIN: 0 + 03 + NDC 6141410001
GS = b"\x1d"
PACKS = [{"gtin": GTIN, "serial": "BAD1", "lot": "V1", "expiry": "2031-12-31", "product_name": "Amoxicillin 500 mg",
          "vrs_info": "Illegitimate"}] + [
    {"gtin": GTIN, "serial": f"SHELF{i}", "lot": "V1", "expiry": "2031-12-31"} for i in range(1, 6)
]  # fmt: skip


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)

    def __call__(self) -> dt.datetime:
        return self.now


def code(serial: str) -> bytes:
    return b"01" + GTIN.encode() + b"21" + serial.encode() + GS + b"10V1" + GS + b"17311231"


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[RunningSimulator]:
    running = start_simulator(packs=PACKS, port=0, db_path=tmp_path / "sim.sqlite")
    yield running
    running.stop()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def window(qtbot: QtBot, sim: RunningSimulator, tmp_path: Path, clock: Clock) -> Iterator[CounterWindow]:
    presenter = open_presenter(
        tmp_path / "station",
        lambda station: VrsClient(sim.url + "/vrs", requester_gln="0614141000005", retries=0),
        operator="anna",
        hub_url=sim.url + "/vrs",
    )
    presenter.session.workflow.clock = clock
    presenter.session.station.settings.set("pharmacy.name", "Main Street Pharmacy")
    w = CounterWindow(presenter, poll_status=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    presenter.close()


def scan(qtbot: QtBot, w: CounterWindow, raw: bytes) -> ScanResult:
    with qtbot.waitSignal(w.verdict_shown, timeout=10_000) as blocker:
        w.submit_scan(ScanEvent(raw, ScanSource.WEDGE))
    assert blocker.args is not None
    return blocker.args[0]  # type: ignore[no-any-return]


def open_view(qtbot: QtBot, w: CounterWindow) -> QuarantineView:
    assert w.quarantine_action is not None and w.quarantine_action.shortcut().toString() == "Ctrl+Shift+Q"
    with qtbot.waitSignal(w.quarantine_action.triggered, timeout=2_000):
        w.quarantine_action.trigger()
    view = w.quarantine_window  # type: ignore[attr-defined]
    assert isinstance(view, QuarantineView)
    qtbot.waitUntil(lambda: bool(view.records), timeout=10_000)
    return view


def test_illegitimate_pack_walk(qtbot: QtBot, window: CounterWindow, clock: Clock, tmp_path: Path) -> None:
    # 1. the manufacturer answers Illegitimate: STOP, and the banner says what to do within 24 hours
    result = scan(qtbot, window, code("BAD1"))
    assert result.level is Level.STOP and result.return_code == "VRS_Illegitimate" and result.alert_id
    assert "ILLEGITIMATE" in result.reasons[0] and "Within 24 hours file FDA Form 3911" in result.next_action

    # 2. it is in quarantine: the Quarantine window, from the counter window's menu
    view = open_view(qtbot, window)
    (rec,) = view.records
    assert rec.serial == "BAD1" and rec.status.value == "illegitimate" and view.current is not None
    assert "ILLEGITIMATE" in view.title.text() and "Illegitimate" in view.title.text()  # status and VRS word
    assert "0 of 3 verified" in view.guidance.text()

    # 3. the guidance: 40 on hand -> verify 4 (10 %); the packs scanned at the counter count
    view.on_hand.setValue(40)
    view.partner.setText("ACME Wholesale, GLN 0614141000036")
    with qtbot.waitSignal(view.changed, timeout=10_000):
        view.save_button.click()
    assert "0 of 4 verified" in view.guidance.text() and "10 % of 40" in view.guidance.text()
    for serial in ("SHELF1", "SHELF2", "SHELF3"):
        assert scan(qtbot, window, code(serial)).level is Level.OK
    assert scan(qtbot, window, code("SHELF2")).repeat  # the same pack again: not counted twice
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.load()
    assert "3 of 4 verified" in view.guidance.text() and "Scan the other packs" in view.guidance.text()
    scan(qtbot, window, code("SHELF4"))
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.load()
    assert "4 of 4 verified" in view.guidance.text() and "Enough packs verified" in view.guidance.text()
    qtbot.waitUntil(lambda: "ACME Wholesale" in view.notice.toPlainText(), timeout=10_000)
    assert "Main Street Pharmacy" in view.notice.toPlainText()

    # 4. the Form 3911 draft, read back
    target = tmp_path / "form3911.pdf"
    view.ask_path = lambda suggested: str(target)
    with qtbot.waitSignal(view.form_written, timeout=10_000):
        view.form_button.click()
    text = "\n".join(page.extract_text() for page in PdfReader(str(target)).pages)
    expected = ("Form 3911", "Illegitimate product", "Main Street Pharmacy", "6141410001", "BAD1", "V1",
                "2031-12-31", "ACME Wholesale", "4 (guidance: 4)", "Notification to trading partners")  # fmt: skip
    for part in expected:
        assert part in text, part

    # 5. the 24-hour clock and its reminder, until marked submitted
    assert "due in 24 h 00 min" in view.clock.text()
    assert "Reminder — BAD1" in view.reminder.text() and view.reminder.isVisible()
    clock.now += dt.timedelta(hours=23, minutes=30)
    with qtbot.waitSignal(view.reminder_shown, timeout=2_000) as reminded:
        view.tick()
    assert reminded.args is not None and "due in 0 h 30 min" in reminded.args[0]
    clock.now += dt.timedelta(hours=1)
    view.tick()
    assert "OVERDUE by 0 h 30 min" in view.reminder.text() and "OVERDUE" in view.clock.text()
    with qtbot.waitSignal(view.changed, timeout=10_000):
        view.submitted_button.click()
    assert view.current is not None and view.current.status.value == "submitted"
    assert view.reminder.text() == "" and not view.reminder.isVisible() and view.clock.text() == ""

    # everything audited, like alerts
    presenter = window.presenter
    assert isinstance(presenter, StationPresenter)
    kinds = [e.kind for e in presenter.session.station.audit.entries()]
    for kind in ("alert", "quarantine", "quarantine-check", "quarantine-update", "quarantine-form3911",
                 "quarantine-status"):  # fmt: skip
        assert kind in kinds, kind


def test_vrs_and_quarantine_texts_in_german(qapp: object, qtbot: QtBot, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch, task_runner: Any) -> None:
    from dispense_app.core.messages import render, render_action
    from dispense_app.ui import i18n
    from dispense_app.ui.station_presenter import qt_translate

    class NoRecords:
        def clock(self) -> dt.datetime:
            return dt.datetime.now(dt.UTC)

    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "i18n-cache")
    assert i18n.install_translators(qapp, "de") == "de"  # type: ignore[arg-type]
    try:
        assert render("vrs.no_route", {}, qt_translate).startswith("Der Verifizierungsdienst des Herstellers")
        assert "24 Stunden" in render_action("vrs.illegitimate", {}, qt_translate)
        view = QuarantineView(NoRecords(), task_runner)  # type: ignore[arg-type]
        qtbot.addWidget(view)
        assert view.confirm_button.text() == "Als illegitim bestätigen"
        assert view.title.text() == "Keine Packung steht unter Quarantäne."
        from dispense_app.ui.settings_model import StationSettings
        from dispense_app.ui.settings_view import SettingsView

        settings = SettingsView(StationSettings(tmp_path), task_runner)
        qtbot.addWidget(settings)
        assert settings.hub_labels["atp"].text() == "ATP-Nachweis (US-VRS):"
    finally:
        i18n.install_translators(qapp, "en")  # type: ignore[arg-type]
