"""The demo data (resources/demo) covers every verdict: each row of its README table, run through the
workflow service against the hub simulator seeded with the demo packs."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dispense_app.core.fhir import load_fhir
from dispense_app.core.prescription import load_csv, select
from dispense_app.workflow import ScanInput, Workflow

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
GS = "\x1d"


def labels() -> dict[str, dict[str, str]]:
    with (DEMO / "labels.csv").open(encoding="utf-8", newline="") as fh:
        return {row["serial"]: row for row in csv.DictReader(fh)}


LABELS = labels()


def scan(serial: str) -> ScanInput:
    row = LABELS[serial]
    exp = dt.date.fromisoformat(row["expiry"]).strftime("%y%m%d")
    return ScanInput(f"01{row['gtin']}21{serial}{GS}10{row['lot']}{GS}17{exp}".encode())


def rx(name: str) -> Any:
    return load_fhir((DEMO / "prescriptions" / name).read_bytes())


@pytest.fixture
def wf(tmp_path: Path) -> Iterator[Workflow]:
    from dispense_app.hub.fmd_rest import FmdRestClient
    from dispense_app.hub.simulator import start_simulator
    from dispense_app.store import Station

    with start_simulator(packs=DEMO / "packs.csv", db_path=tmp_path / "sim.sqlite") as sim:
        station = Station.open(tmp_path / "home")
        station.products.import_csv(DEMO / "products.csv")
        station.recalls.import_csv(DEMO / "recalls.csv")
        client = FmdRestClient(sim.url, location_id=station.location, retries=0)
        try:
            yield Workflow(station, client, operator="trainee", clock=lambda: NOW, tz=dt.UTC)
        finally:
            client.close()
            station.close()


def ids(outcome: Any) -> list[str]:
    return list(outcome.verdict.message_ids)


# (serials dispensed together, prescription file or None, expected (verdict, first message id) per pack)
TABLE: list[tuple[list[str], str | None, list[tuple[str, str]]]] = [
    (["DEMO-IBU-001"], None, [("ok", "ok.supplied")]),
    (["DEMO-METG-001"], "rx-metformin-bundle.json", [("ok", "ok.supplied")]),
    (["DEMO-IBU-002", "DEMO-IBU-002"], None, [("ok", "ok.supplied"), ("stop", "rx.duplicate_scan")]),
    (["DEMO-SUPPLIED-1"], None, [("stop", "hub.already_in_state")]),
    (["DEMO-RECALL-1"], None, [("stop", "local.recalled")]),
    (["DEMO-EXPIRED-1"], None, [("stop", "local.expired")]),
    (["DEMO-UNKNOWN-1"], None, [("stop", "hub.serial_unknown")]),
    (["DEMO-MISMATCH-1"], None, [("stop", "hub.batch_mismatch")]),
    (["DEMO-IBU600-001"], "rx-ibuprofen.json", [("stop", "rx.wrong_strength")]),
    (
        ["DEMO-IBU-003", "DEMO-IBU-004", "DEMO-IBU-005"],
        "rx-ibuprofen.json",
        [("ok", "ok.supplied"), ("ok", "ok.supplied"), ("stop", "rx.too_many_packs")],
    ),
    (["DEMO-AML-SHORT"], "rx-amlodipine.json", [("warn", "rx.expires_during_therapy")]),
    (["DEMO-DESTROYED-1"], None, [("stop", "state.destroyed")]),
    (["DEMO-STOLEN-1"], None, [("stop", "state.stolen")]),
    (["DEMO-LOCKED-1"], None, [("stop", "state.locked")]),
]


@pytest.mark.parametrize(("serials", "rx_file", "expected"), TABLE)
def test_demo_verdicts(wf: Workflow, serials: list[str], rx_file: str | None, expected: list[tuple[str, str]]) -> None:
    prescription = rx(rx_file) if rx_file else None
    outcomes = wf.dispense([scan(s) for s in serials], prescription=prescription)
    got = [(o.verdict.level.value, ids(o)[0]) for o in outcomes]
    assert got == expected
    for o in outcomes:
        # every STOP has an alert, except a second scan of a pack already counted in this dispense
        needs_alert = o.verdict.level.value == "stop" and ids(o) != ["rx.duplicate_scan"]
        assert (o.alert is not None) is needs_alert


def test_dispensed_here_then_undo(wf: Workflow) -> None:
    (first,) = wf.dispense([scan("DEMO-IBU-006")])
    (again,) = wf.dispense([scan("DEMO-IBU-006")])
    assert first.verdict.level.value == "ok" and ids(again) == ["local.dispensed_here"]
    assert again.verdict.next_action() == "Do not dispense it again. Undo available until 11 Dec 10:00."
    undone = wf.undo(scan("DEMO-IBU-006"))
    assert ids(undone) == ["ok.undone"]


def test_demo_files_are_consistent() -> None:
    with (DEMO / "packs.csv").open(encoding="utf-8", newline="") as fh:
        hub = {r["serial"]: r for r in csv.DictReader(fh)}
    assert "DEMO-UNKNOWN-1" not in hub and hub["DEMO-MISMATCH-1"]["lot"] != LABELS["DEMO-MISMATCH-1"]["lot"]
    assert set(hub) <= set(LABELS)
    rxs = load_csv((DEMO / "prescriptions" / "prescriptions.csv").read_text(encoding="utf-8"))
    assert {r.rx_id for r in rxs} == {"demo-csv-ibu", "demo-csv-met", "demo-csv-para"}
    assert select(rxs, "demo-csv-met").items[0].quantity == 240
    for name in ("rx-ibuprofen.json", "rx-metformin-bundle.json", "rx-amlodipine.json"):
        assert rx(name).items
    with (DEMO / "patients.csv").open(encoding="utf-8", newline="") as fh:
        patients = {r["patient_ref"] for r in csv.DictReader(fh)}
    assert {r.patient_ref for r in rxs} <= patients
