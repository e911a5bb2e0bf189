"""Issue 15 finding 1: after every action the verdict banner shows that action's outcome (a dispense
summary naming refused packs by serial, undo done or not, supplied anyway with the reason), not the
last scan; and the pack too many for the prescription is a STOP when it is scanned, not at F9.
The real counter window on the training station (hub simulator over loopback)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dispense_app.core.model import HubRequest, PackRef, ProductScheme, Transaction
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.station_presenter import StationPresenter
from dispense_app.ui.training import TrainingStation, demo_file, demo_packs_csv
from dispense_app.ui.viewmodel import DispenseResult, Level, LineStatus, ScanEvent, ScanResult
from scanner.scan_event import ScanSource

pytestmark = pytest.mark.gui

IBU_GTIN = "04150123456782"


def ibu(serial: str) -> bytes:
    return f"]d201{IBU_GTIN}1728063010IB2401\x1d21{serial}".encode()


@pytest.fixture
def station(tmp_path: Path) -> TrainingStation:
    packs = demo_packs_csv()
    if packs is None:
        pytest.skip("resources/demo/packs.csv is missing")
    return TrainingStation(tmp_path / "training", packs, operator="trainee")


@pytest.fixture
def presenter(station: TrainingStation) -> Iterator[StationPresenter]:
    p = station.build_presenter()
    yield p
    p.close()


@pytest.fixture
def window(qtbot: QtBot, presenter: StationPresenter) -> Iterator[CounterWindow]:
    w = CounterWindow(presenter, training=True, poll_status=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def scan(qtbot: QtBot, w: CounterWindow, raw: bytes) -> ScanResult:
    with qtbot.waitSignal(w.verdict_shown, timeout=15_000) as blocker:
        w.submit_scan(ScanEvent(raw, ScanSource.WEDGE))
    assert blocker.args is not None
    return blocker.args[0]  # type: ignore[no-any-return]


def act(qtbot: QtBot, w: CounterWindow, press: str) -> DispenseResult:
    with qtbot.waitSignal(w.dispense_done, timeout=15_000) as blocker:
        getattr(w, press)()
        if press == "undo_selected":  # an undo is confirmed with its reason
            assert w.prompt_dialog is not None and w.prompt_dialog.objectName() == "undoDialog"
            w.prompt_dialog.text.setText("returned unopened")  # type: ignore[attr-defined]
            w.prompt_dialog.confirm()  # type: ignore[attr-defined]
    assert blocker.args is not None
    return blocker.args[0]  # type: ignore[no-any-return]


def open_rx(qtbot: QtBot, w: CounterWindow, name: str) -> None:
    path = demo_file(f"prescriptions/{name}")
    if path is None:
        pytest.skip(f"resources/demo/prescriptions/{name} is missing")
    with qtbot.waitSignal(w.prescription_shown, timeout=10_000):
        w.load_prescription(str(path))


def banner(w: CounterWindow) -> str:
    b = w.banner
    return " | ".join((headline(w), b.reasons.text(), b.next_action.text()))


def headline(w: CounterWindow) -> str:
    """The banner's headline, read back with plain hyphens (serials are shown with no-break hyphens)."""
    return w.banner.headline.text().replace("\u2011", "-")


def test_the_pack_too_many_is_a_stop_when_scanned_and_f9_shows_the_dispense(
    qtbot: QtBot, window: CounterWindow
) -> None:
    open_rx(qtbot, window, "rx-ibuprofen.json")  # 2 packs
    assert scan(qtbot, window, ibu("DEMO-IBU-001")).level is Level.OK
    assert scan(qtbot, window, ibu("DEMO-IBU-002")).level is Level.OK
    third = scan(qtbot, window, ibu("DEMO-IBU-003"))
    assert third.level is Level.STOP and not third.may_dispense  # at the scan, not at F9
    assert "3 of 2" in " ".join(third.reasons)
    assert window.banner.level is Level.STOP
    again = scan(qtbot, window, ibu("DEMO-IBU-002"))  # a rescan does not count itself
    assert again.repeat and again.may_dispense and "3 of 2" not in " ".join(again.reasons)
    assert [window.pack_list.item(r, 0).text() for r in range(3)] == ["OK", "OK", "STOP"]

    result = act(qtbot, window, "dispense_all")
    assert [line.status for line in result.lines] == [LineStatus.DISPENSED, LineStatus.DISPENSED]
    assert window.banner.level is Level.OK
    assert headline(window) == "2 dispensed"
    assert headline(window) != window.headline(Level.OK)
    view = window.prescription_panel.view
    assert view is not None and view.lines[0].dispensed_packs == 2 and view.lines[0].covered

    undone = act(qtbot, window, "undo_selected")
    assert undone.lines[0].status is LineStatus.UNDONE
    assert headline(window) == "Undo done: DEMO-IBU-002"
    assert "active again" in banner(window)


def test_a_pack_the_hub_refuses_at_f9_is_named_in_the_banner(
    qtbot: QtBot, window: CounterWindow, station: TrainingStation
) -> None:
    for serial in ("DEMO-IBU-004", "DEMO-IBU-005", "DEMO-IBU-006"):
        assert scan(qtbot, window, ibu(serial)).level is Level.OK
    # between the scan and F9, another pharmacy hands DEMO-IBU-005 over
    ref = PackRef(ProductScheme.GTIN, IBU_GTIN, "DEMO-IBU-005", "IB2401", dt.date(2028, 6, 30))
    with FmdRestClient(station.simulator.url, location_id="OTHER-PHARMACY") as other:
        assert other.transact(HubRequest(Transaction.SUPPLY, ref, str(uuid.uuid4()))).ok

    result = act(qtbot, window, "dispense_all")
    assert result.level is Level.STOP
    assert window.banner.level is Level.STOP
    assert headline(window) == "2 dispensed · 1 refused: take DEMO-IBU-005 back"
    assert "DEMO-IBU-005: refused by the hub" in window.banner.reasons.text()
    assert "DEMO-IBU-005" in window.banner.next_action.text()
    assert window._lines.find(f"{IBU_GTIN}/DEMO-IBU-005").status is LineStatus.FAILED  # type: ignore[union-attr]


def test_supply_anyway_shows_the_outcome_with_the_reason(
    qtbot: QtBot, window: CounterWindow, presenter: StationPresenter
) -> None:
    presenter.operators.add("petra", "Petra Pharmacist", "pharmacist", "246813")
    presenter.sign_in("petra", "246813")
    with qtbot.waitSignal(window.status_shown, timeout=10_000):
        window.refresh_status()
    if window.sign_in_dialog is not None:
        window.sign_in_dialog.close()
    open_rx(qtbot, window, "rx-ibuprofen.json")  # 2 packs
    for serial in ("DEMO-IBU-001", "DEMO-IBU-002"):
        scan(qtbot, window, ibu(serial))
    stop = scan(qtbot, window, ibu("DEMO-IBU-003"))
    assert stop.level is Level.STOP and stop.overridable
    act(qtbot, window, "dispense_all")
    with qtbot.waitSignal(window.dispense_done, timeout=15_000):
        window._supply_anyway(stop.pack.key if stop.pack else "", "Prescriber phoned: 3 packs intended")
    text = banner(window)
    assert window.banner.level is not Level.STOP  # it was the last scan's verdict
    assert headline(window) == "Supplied anyway: DEMO-IBU-003"
    assert "Prescriber phoned: 3 packs intended" in text
    assert "3 of 2" in text  # what was overridden
    view = window.prescription_panel.view
    assert view is not None and view.lines[0].dispensed_packs == 3


def test_a_prescription_refusal_is_not_called_the_hubs(qtbot: QtBot, presenter: StationPresenter) -> None:
    """A STOP found by the app's own prescription check is a blocked pack, never 'refused by the hub'."""
    from dispense_app.core.verdict import ReasonSource
    from dispense_app.station import DispenseOutcome

    session = presenter.session
    path = demo_file("prescriptions/rx-ibuprofen.json")
    assert path is not None
    session.open_prescription(str(path))
    outcomes = session.dispense_packs(
        [ScanEvent(ibu(s), ScanSource.WEDGE) for s in ("DEMO-IBU-007", "DEMO-IBU-008", "DEMO-IBU-009")],
        prescription=session.prescription,
    )
    refused = outcomes[-1]
    assert refused.verdict.reasons[0].source is ReasonSource.PRESCRIPTION
    keys = [f"{IBU_GTIN}/DEMO-IBU-00{n}" for n in (7, 8, 9)]
    result = presenter._result(DispenseOutcome(list(zip(keys, outcomes, strict=True))))
    assert result.lines[-1].status is LineStatus.BLOCKED
    assert "hub" not in result.summary[-1]
    assert result.headline == "2 dispensed · 1 refused: take DEMO-IBU-009 back"


def test_a_conflict_found_when_the_outbox_is_sent_is_loud(
    qtbot: QtBot, window: CounterWindow, station: TrainingStation
) -> None:
    """Finding 2: two packs dispensed offline; one had been supplied elsewhere. F7 gives a STOP banner
    naming the pack and the patient, a notice that stays until acknowledged, and the row updates."""
    open_rx(qtbot, window, "rx-ibuprofen.json")  # Patient/demo-anna, 2 packs
    for serial in ("DEMO-IBU-007", "DEMO-IBU-008"):
        assert scan(qtbot, window, ibu(serial)).level is Level.OK
    sim = station.simulator
    sim.admin.faults(outage=True)
    queued = act(qtbot, window, "dispense_all")
    assert [line.status for line in queued.lines] == [LineStatus.QUEUED, LineStatus.QUEUED]
    assert window.banner.level is Level.WARN and headline(window) == "2 recorded offline"
    assert window.banner.reasons.text() == (
        "• Recorded offline, verified when the hub is back: DEMO-IBU-007, DEMO-IBU-008"
    )  # one line, whatever the number of packs
    assert "You may hand the packs over" in window.banner.next_action.text()
    sim.admin.clear_faults()
    ref = PackRef(ProductScheme.GTIN, IBU_GTIN, "DEMO-IBU-008", "IB2401", dt.date(2028, 6, 30))
    with FmdRestClient(sim.url, location_id="OTHER-PHARMACY") as other:
        assert other.transact(HubRequest(Transaction.SUPPLY, ref, str(uuid.uuid4()))).ok

    with qtbot.waitSignal(window.replay_shown, timeout=15_000) as blocker:
        window.send_outbox()
    assert blocker.args is not None
    result = blocker.args[0]
    assert [c.serial for c in result.conflicts] == ["DEMO-IBU-008"]
    assert window.banner.level is Level.STOP
    text = banner(window)
    assert "DEMO-IBU-008" in text and "Patient/demo-anna" in text and "take it back" in text
    assert not window.conflict_notice.isVisible()  # the banner says it: the notice waits (screen height)
    notice = window.view.conflict_text.text()
    assert "DEMO-IBU-008" in notice and "Patient/demo-anna" in notice and result.conflicts[0].alert_id in notice
    assert window._lines.find(f"{IBU_GTIN}/DEMO-IBU-008").status is LineStatus.FAILED  # type: ignore[union-attr]
    # the other pack went through: its row says dispensed (it kept saying "queued ... offline")
    confirmed = window._lines.find(f"{IBU_GTIN}/DEMO-IBU-007")
    assert confirmed is not None and confirmed.status is LineStatus.DISPENSED and confirmed.undo_deadline
    row = next(r for r in range(window.pack_list.rowCount()) if window.pack_list.item(r, 2).text() == "DEMO-IBU-007")
    assert window.pack_list.item(row, 3).text() == "dispensed"

    scan(qtbot, window, ibu("DEMO-IBU-010"))  # the next customer: the notice stays until acknowledged
    assert window.conflict_notice.isVisible()
    window.retranslate()  # a language change keeps it too
    assert window.conflict_notice.isVisible()
    window.view.conflict_ack_button.click()
    assert not window.conflict_notice.isVisible()


def test_offline_is_shown_the_moment_a_scan_finds_the_hub_gone(
    qtbot: QtBot, window: CounterWindow, station: TrainingStation
) -> None:
    """Finding 10: the status bar turns offline with the scan's verdict (no status poll in between),
    and the next action says plainly that the pack may be handed over and is verified later."""
    with qtbot.waitSignal(window.status_shown, timeout=15_000):
        window.refresh_status()
    assert "online" in window.hub_label.text()
    station.simulator.admin.faults(outage=True)
    result = scan(qtbot, window, ibu("DEMO-IBU-006"))
    assert result.level is Level.WARN and result.offline and result.may_dispense
    assert "OFFLINE" in window.hub_label.text()  # at once, not at the next poll
    action = window.banner.next_action.text()
    assert "You may hand the pack over" in action and "verified later" in action

    queued = act(qtbot, window, "dispense_all")
    assert queued.lines[0].status is LineStatus.QUEUED
    assert "OFFLINE" in window.hub_label.text()
    station.simulator.admin.clear_faults()
    assert scan(qtbot, window, ibu("DEMO-IBU-010")).level is Level.OK
    assert "online" in window.hub_label.text()  # and back the moment the hub answers


class RecordedSounds:
    """Stands for the speaker: which levels were played."""

    def __init__(self) -> None:
        self.enabled = True
        self.played: list[Level] = []

    def play(self, level: Level) -> None:
        self.played.append(level)


def test_the_ordinary_ean_barcode_is_an_amber_wrong_barcode(
    qtbot: QtBot, presenter: StationPresenter, station: TrainingStation
) -> None:
    """Finding 7: the EAN/PZN barcode beside the DataMatrix is a wrong barcode: amber, 'Scan the square
    DataMatrix code', no STOP sound, no alert record, nothing to dispense and nothing sent to the hub."""
    sounds = RecordedSounds()
    w = CounterWindow(presenter, training=True, poll_status=False, sounds=sounds)
    qtbot.addWidget(w)
    w.show()
    before = station.simulator.admin.stats()["requests"]
    for raw in (b"4150123456782", b"]E04150123456782", b"-12345678"):  # EAN-13, with its AIM id, PZN
        result = scan(qtbot, w, raw)
        assert result.level is Level.WARN and not result.may_dispense
        assert w.banner.level is Level.WARN
        assert w.banner.next_action.text() == "Scan the square DataMatrix code."
    assert Level.STOP not in sounds.played
    assert list(presenter.session.station.alerts()) == []
    assert not w.dispense_button.isEnabled()
    assert w.pack_list.rowCount() == 0  # not a pack of this dispense: no row ("CHECK ... do not supply")
    assert station.simulator.admin.stats()["requests"] == before
    w.close()


def test_undo_gives_the_prescription_its_pack_back(qtbot: QtBot, window: CounterWindow) -> None:
    """After Undo the prescription panel still said 2 of 2 dispensed (issue 15, seen while checking
    finding 1)."""
    open_rx(qtbot, window, "rx-ibuprofen.json")  # 2 packs
    for serial in ("DEMO-IBU-004", "DEMO-IBU-005"):
        assert scan(qtbot, window, ibu(serial)).level is Level.OK
    act(qtbot, window, "dispense_all")
    view = window.prescription_panel.view
    assert view is not None and view.lines[0].dispensed_packs == 2 and view.lines[0].covered
    act(qtbot, window, "undo_selected")
    view = window.prescription_panel.view
    assert view is not None and view.lines[0].dispensed_packs == 1 and not view.lines[0].covered
    # and the pack given back may be scanned and dispensed again on this prescription
    again = scan(qtbot, window, ibu("DEMO-IBU-005"))
    assert again.level is Level.OK and again.may_dispense


def test_the_prescription_names_the_patient(qtbot: QtBot, window: CounterWindow) -> None:
    """Issue 15 finding 9: the panel said "demo-rx-ibuprofen for Patient/demo-anna" though the demo
    has the patient's name and birth date (the station's patient list; a Bundle's Patient resource)."""
    open_rx(qtbot, window, "rx-ibuprofen.json")
    summary = window.prescription_panel.summary
    assert "Anna Example (born 1954-03-12)" in summary.text() and "Patient/" not in summary.text()
    assert summary.toolTip() == "Patient/demo-anna"


def test_long_messages_do_not_fill_the_list_and_refused_rows_have_no_undo(
    qtbot: QtBot, window: CounterWindow, station: TrainingStation
) -> None:
    """Seen in the 1280x800 screenshots: a queued row repeated the banner's sentence and a replay
    conflict's long message made one row fill the list; the refused row kept its undo deadline."""
    for serial in ("DEMO-IBU-009", "DEMO-IBU-010"):
        assert scan(qtbot, window, ibu(serial)).level is Level.OK
    station.simulator.admin.faults(outage=True)
    act(qtbot, window, "dispense_all")
    statuses = [window.pack_list.item(r, 3).text() for r in range(2)]
    assert statuses == ["dispensed offline (queued)"] * 2
    station.simulator.admin.clear_faults()
    ref = PackRef(ProductScheme.GTIN, IBU_GTIN, "DEMO-IBU-010", "IB2401", dt.date(2028, 6, 30))
    with FmdRestClient(station.simulator.url, location_id="OTHER-PHARMACY") as other:
        assert other.transact(HubRequest(Transaction.SUPPLY, ref, str(uuid.uuid4()))).ok
    with qtbot.waitSignal(window.replay_shown, timeout=15_000):
        window.send_outbox()
    refused = window._lines.find(f"{IBU_GTIN}/DEMO-IBU-010")
    assert refused is not None and refused.status is LineStatus.FAILED and refused.undo_deadline is None
    cell = window.pack_list.item(1, 3)
    assert len(cell.text()) <= 75 and cell.text().endswith("…") and cell.toolTip().startswith(cell.text()[:-2])


def test_sending_the_outbox_says_what_the_hub_has_now_done(
    qtbot: QtBot, window: CounterWindow, station: TrainingStation
) -> None:
    """Seen under Xvfb: after F7 the banner kept "2 recorded offline ... verified when the hub is back"
    although the hub had just carried both out. F7 now says what it did, and what still waits."""
    for serial in ("DEMO-IBU-003", "DEMO-IBU-004"):
        assert scan(qtbot, window, ibu(serial)).level is Level.OK
    sim = station.simulator
    sim.admin.faults(outage=True)
    act(qtbot, window, "dispense_all")
    assert headline(window) == "2 recorded offline"

    with qtbot.waitSignal(window.replay_shown, timeout=15_000):  # the hub is still away
        window.send_outbox()
    assert window.banner.level is Level.WARN and headline(window) == "Outbox: 2 still waiting"
    assert "Send again later (F7)." in banner(window)

    sim.admin.clear_faults()
    with qtbot.waitSignal(window.replay_shown, timeout=15_000) as blocker:
        window.send_outbox()
    assert blocker.args is not None and blocker.args[0].confirmed == 2
    assert window.banner.level is Level.OK and headline(window) == "Outbox sent: 2 confirmed"
    assert window.banner.reasons.text() == "• Carried out by the hub now: 2."
    window.retranslate()  # a language change says it again
    assert headline(window) == "Outbox sent: 2 confirmed"

    scan(qtbot, window, ibu("DEMO-IBU-005"))  # nothing left to send: F7 leaves the verdict alone
    with qtbot.waitSignal(window.replay_shown, timeout=15_000):
        window.send_outbox()
    assert headline(window) == "OK — may be dispensed"
