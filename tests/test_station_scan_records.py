"""What a wedge scan leaves for investigators, through the station session on the real stack (hub
simulator over loopback, FMD REST client): an alert keeps the scan's time and key timings; a scan
the scanner gate stops or repairs is a local scanner event in the audit trail, never a hub request;
a normal scan writes nothing extra."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dispense_app.core.verdict import Level
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.hub.simulator import RunningSimulator, start_simulator
from dispense_app.station import StationSession, open_station
from dispense_app.store.audit import AuditKind
from dispense_app.workflow.outcome import PackOutcome
from scanner.calibration import SHEET, ScannerProfile, calibrate
from scanner.key_log import key_timings
from scanner.keyboard_layouts import scanner_types
from scanner.scan_event import ScanEvent, ScanSource
from scanner.wedge import Scan, WedgeAssembler, key_events_for

GTIN = "04150123456782"
GS = "\x1d"
PACKS = [
    {"gtin": GTIN, "serial": "ACTIVE1", "lot": "LOT42", "expiry": "2030-05-31", "state": "Active",
     "product_name": "Demoprazol 20 mg", "pzn": "12345678"},
]  # fmt: skip
SCAN_TIME = dt.datetime(2026, 4, 1, 9, 41, 7, 345678, tzinfo=dt.UTC)


def code(serial: str) -> str:
    return "01" + GTIN + "17300531" + "10LOT42" + GS + "21" + serial


def wedge_scan(typed: str) -> ScanEvent:
    """What the wedge assembler makes of a US scanner typing ``typed`` (GS as Ctrl+]), at SCAN_TIME."""
    asm = WedgeAssembler(clock=lambda: SCAN_TIME)
    (scan,) = [o for ev in key_events_for(typed, start_ms=5000.0, gap_ms=4.0) for o in asm.feed(ev)
               if isinstance(o, Scan)]  # fmt: skip
    assert scan.event.raw_keys and scan.event.time == SCAN_TIME
    return scan.event


def gs_dropping_profile() -> ScannerProfile:
    typed = "\n".join(scanner_types(c.text, "us", control="dropped", aim=c.aim) for c in SHEET)
    profile = calibrate(typed).profile
    assert profile is not None and profile.gs.mode == "dropped"
    return profile


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[RunningSimulator]:
    running = start_simulator(packs=PACKS, port=0, db_path=tmp_path / "sim.sqlite")
    yield running
    running.stop()


@pytest.fixture
def session(sim: RunningSimulator, home: Path) -> Iterator[StationSession]:
    with open_station(home, client=lambda st: FmdRestClient(sim.url, location_id=st.location)) as s:
        yield s


def scanner_events(session: StationSession) -> list[dict[str, object]]:
    return [e.details for e in session.station.audit.entries(kind=AuditKind.SCANNER_EVENT)]


def test_alert_keeps_the_scan_time_and_key_timings(session: StationSession, home: Path) -> None:
    event = wedge_scan("]d2" + code("NOSUCH9"))
    outcome = session.check(event)
    assert outcome.verdict.level is Level.STOP and outcome.alert is not None
    stored = session.station.alert(outcome.alert.alert_id)
    assert stored.scanned_at == SCAN_TIME
    assert stored.scan_keys == key_timings(event.raw_keys)
    assert stored.scan_keys is not None and stored.scan_keys[:5] == [[0, "]"], [4, "d"], [8, "2"], [12, "0"], [16, "1"]]
    assert stored.scan_keys[-1] == [4 * (len(stored.scan_keys) - 1), "Enter"]
    assert "Ctrl+]" in [key for _, key in stored.scan_keys]  # the GS, as the scanner sent it
    assert stored.created_at != SCAN_TIME  # the workflow's clock; the scan's own time is scanned_at
    session.close()
    shown = subprocess.run(
        [sys.executable, "-m", "dispense_app", "alerts", "show", stored.alert_id, "--json", "--home", str(home)],
        capture_output=True, text=True, check=True,
    )
    doc = json.loads(shown.stdout)
    assert doc["scanned_at"] == "2026-04-01T09:41:07.345678+00:00" and doc["scan_keys"] == stored.scan_keys
    assert doc["raw_hex"] == stored.raw_hex and doc["return_code"] == "NMVS_NC_PC_02"  # the earlier keys stay


def test_a_typed_code_has_no_scan_time(session: StationSession) -> None:
    from dispense_app.workflow.scan import ScanInput

    outcome = session.verify(ScanInput(code("NOSUCH8").encode()))  # the command line: no scanner event
    assert outcome.alert is not None
    stored = session.station.alert(outcome.alert.alert_id)
    assert stored.scanned_at is None and stored.scan_keys is None


def test_a_gate_stop_is_recorded_locally_and_never_sent(session: StationSession, sim: RunningSimulator,
                                                        home: Path) -> None:
    session.use_profile(gs_dropping_profile())
    # GS dropped: "21AB10CD10X17300531" splits into two valid pack codes
    typed = scanner_types("01" + GTIN + "21AB10CD" + GS + "10X" + GS + "17300531", "us", control="dropped",
                          aim="]d2")
    event = wedge_scan(typed)
    requests = sim.admin.stats()["requests"]
    outcome = session.check(event)
    assert outcome.verdict.level is Level.STOP and outcome.alert is None
    assert [p.code for p in outcome.prepared.problems] == ["ambiguous"]
    assert sim.admin.stats()["requests"] == requests  # the hub never saw it
    (record,) = scanner_events(session)
    assert record["kind"] == "scanner_event" and record["admitted"] is False and record["stop_code"] == "ambiguous"
    assert record["action"] == "type_printed_code" and len(record["readings"]) == 2  # type: ignore[arg-type]
    assert record["scan_time"] == SCAN_TIME.isoformat() and record["scan_terminator"] == "enter"
    assert record["scan_keys"] == key_timings(event.raw_keys) and "scan_raw_keys" not in record
    assert session.profile is not None and record["scanner_profile"] == session.profile.to_json()
    assert record["scan_raw_hex"] == event.raw_hex
    (entry,) = session.station.audit.entries(kind=AuditKind.SCANNER_EVENT)
    assert entry.kind == "scanner-event" and entry.actor is None
    assert session.station.audit.verify().ok
    session.close()
    verified = subprocess.run([sys.executable, "-m", "dispense_app", "audit", "verify", "--home", str(home)],
                              capture_output=True, text=True)  # fmt: skip
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_scan_cut_short_is_stopped_by_the_gate(session: StationSession, sim: RunningSimulator) -> None:
    """The gate sees the scanner's event itself: a scan that ended on a pause instead of the
    scanner's Enter may be cut short, and is stopped before the hub is asked."""
    asm = WedgeAssembler(clock=lambda: SCAN_TIME)
    outputs = [o for ev in key_events_for("]d2" + code("ACTIVE1"), suffix="none") for o in asm.feed(ev)]
    (scan,) = [o for o in [*outputs, *asm.timeout()] if isinstance(o, Scan)]
    requests = sim.admin.stats()["requests"]
    outcome = session.check(scan.event)
    assert [p.code for p in outcome.prepared.problems] == ["incomplete_scan"]
    assert sim.admin.stats()["requests"] == requests
    (record,) = scanner_events(session)
    assert record["stop_code"] == "incomplete_scan" and record["scan_terminator"] == "timeout-no-suffix"


def test_a_repaired_scan_is_recorded_once_and_a_normal_scan_writes_nothing_extra(session: StationSession) -> None:
    entries = len(list(session.station.audit.entries()))
    ok = session.check(wedge_scan("]d2" + code("ACTIVE1")))
    assert ok.verdict.level is Level.OK
    assert len(list(session.station.audit.entries())) == entries  # nothing written for a normal scan

    session.use_profile(gs_dropping_profile())
    typed = scanner_types(code("ACTIVE1"), "us", control="dropped", aim="]d2")
    repaired = session.check(wedge_scan(typed))
    assert repaired.verdict.level is Level.OK and repaired.prepared.ref is not None
    (record,) = scanner_events(session)
    assert record["admitted"] is True and record["stop_code"] is None
    assert "GS separator missing" in str(record["repaired"])
    # dispensing the checked pack prepares the same scan again: still one scanner event
    done = session.dispense([f"{GTIN}/ACTIVE1"])
    assert [o.verdict.level for _, o in done.packs] == [Level.OK]
    assert len(scanner_events(session)) == 1
    assert session.station.audit.verify().ok


def test_the_verdict_goes_out_first_and_its_records_follow_in_the_same_turn(
    session: StationSession, sim: RunningSimulator
) -> None:
    """Issue 22: the counter shows a verdict as soon as it is decided (``first``); the scan's records
    (a STOP's alert, the scan log row, the hub's answer for the offline cache) are written after, in
    the same locked turn, and are all there when the check returns. The alert the verdict names is
    the one stored, and the scan log row names it."""
    seen: list[tuple[str, int, bool, bool]] = []

    def first(outcome: PackOutcome) -> None:
        station = session.station
        alert = outcome.alert
        stored = alert is not None and any(a.alert_id == alert.alert_id for a in station.alerts())
        cached = station.pack_states.get(GTIN, "ACTIVE1") is not None
        seen.append((outcome.verdict.level.value, station.scan_log.count(), stored, cached))

    rows = session.station.scan_log.count()
    session.check(ScanEvent(code("ACTIVE1").encode(), ScanSource.WEDGE), first=first)
    stop = session.check(ScanEvent(code("NOSUCH9").encode(), ScanSource.WEDGE), first=first)
    # at each verdict: nothing of its own written yet; the earlier scan's records all written
    assert seen == [("ok", rows, False, False), ("stop", rows + 1, False, True)]
    assert session.station.scan_log.count() == rows + 2
    assert stop.alert is not None
    stored = session.station.alert(stop.alert.alert_id)
    assert stored.serial == "NOSUCH9" and stored.scan_keys == stop.alert.scan_keys
    from dispense_app.store.scan_log import SCAN_COLUMNS

    rows_now = [dict(zip(SCAN_COLUMNS, r, strict=True)) for r in session.station.scan_log.all_rows()]
    assert [r["alert_id"] for r in rows_now if r["serial"] == "NOSUCH9"] == [stop.alert.alert_id]
