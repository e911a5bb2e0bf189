"""The workflow service with an injected clock: undo window, no hub at all, wedge input, adherence."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hub_fixtures import GTIN_A, SIM_PACKS

from dispense_app.cli import main
from dispense_app.core.fhir import load_fhir
from dispense_app.workflow import ScanInput, Workflow

GS = "\x1d"
T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def scan(serial: str, lot: str = "L1", gtin: str = GTIN_A, **kw: Any) -> ScanInput:
    return ScanInput(f"01{gtin}21{serial}{GS}10{lot}{GS}17311231".encode(), **kw)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Any]:
    from dispense_app.store import Station

    st = Station.open(tmp_path / "home")
    try:
        yield st
    finally:
        st.close()


@pytest.fixture
def client(hub_sim: Any, station: Any) -> Iterator[Any]:
    from dispense_app.hub.fmd_rest import FmdRestClient

    c = FmdRestClient(hub_sim.url, location_id=station.location, retries=0)
    try:
        yield c
    finally:
        c.close()


def test_undo_after_ten_days_is_refused_locally(station: Any, client: Any, hub_sim: Any) -> None:
    clock = Clock()
    wf = Workflow(station, client, operator="anna", clock=clock, tz=dt.UTC)
    (done,) = wf.dispense([scan("ACT01")])
    assert done.verdict.level.value == "ok"
    clock.now = T0 + dt.timedelta(days=10, minutes=1)
    before = hub_sim.admin.stats()["requests"]
    out = wf.undo(scan("ACT01"))
    assert out.verdict.level.value == "stop" and out.verdict.message_ids == ["local.undo_too_late"]
    assert "the 10-day window ended 11 Dec 09:00" in out.verdict.reason()
    assert hub_sim.admin.stats()["requests"] == before  # never sent
    clock.now = T0 + dt.timedelta(days=9)
    assert wf.undo(scan("ACT01")).verdict.message_ids == ["ok.undone"]


def test_without_any_hub_dispense_queues_and_undo_cancels(station: Any) -> None:
    wf = Workflow(station, None, operator="anna", clock=Clock(), tz=dt.UTC)
    (queued,) = wf.dispense([scan("ACT02")])
    doc = queued.to_json()
    assert doc["verdict"] == "warn" and doc["queued"] and doc["offline"] and doc["client_trx_id"]
    assert station.pending_count() == 1
    undone = wf.undo(scan("ACT02"))
    assert undone.verdict.message_ids == ["ok.cancelled"] and station.pending_count() == 0
    (again,) = wf.dispense([scan("ACT02")])  # cancelled: may be dispensed again
    assert again.verdict.level.value == "warn"


def test_bulk_with_a_pack_already_dispensed_here(station: Any, client: Any) -> None:
    wf = Workflow(station, client, clock=Clock(), tz=dt.UTC)
    wf.dispense([scan("ACT03")])
    outs = wf.dispense([scan("ACT03"), scan("ACT04"), scan("ACT05")], bulk=True)
    assert [o.verdict.message_ids[0] for o in outs] == ["local.dispensed_here", "ok.supplied", "ok.supplied"]


def test_wedge_input_goes_through_the_gate(station: Any, client: Any) -> None:
    wf = Workflow(station, client, clock=Clock(), tz=dt.UTC)
    ok = wf.verify(scan("ACT06", wedge=True))
    assert ok.verdict.level.value == "ok"
    stopped = wf.verify(ScanInput(b"hello world", wedge=True))
    assert stopped.verdict.level.value == "stop" and stopped.alert is None
    assert stopped.verdict.message_ids == ["input.gate_stop"]


def test_raw_input_that_is_not_a_pack(station: Any, client: Any) -> None:
    wf = Workflow(station, client, clock=Clock(), tz=dt.UTC)
    for raw in (b"", b"\x00\xff" * 10, b"4006381333931", b"x" * 5000):
        out = wf.dispense([ScanInput(raw)])[0]
        # the ordinary EAN is a wrong barcode (amber), the rest unreadable (red); nothing is dispensed
        level = "warn" if raw == b"4006381333931" else "stop"
        assert out.verdict.level.value == level and out.alert is None and out.to_json()["pack"]["ok"] is False
        assert not out.verdict.may_dispense and not out.verdict.queue
    assert list(station.dispense_records()) == []


def test_adherence_from_dispenses_with_days_of_therapy(
    station: Any, client: Any, hub_sim: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    rx = load_fhir(
        {
            "resourceType": "MedicationRequest",
            "id": "rx-a",
            "status": "active",
            "subject": {"reference": "Patient/p7"},
            "medicationCodeableConcept": {"coding": [{"system": "https://www.gs1.org/gtin", "code": GTIN_A}]},
            "dispenseRequest": {
                "quantity": {"value": 1, "code": "{Package}"},
                "expectedSupplyDuration": {"value": 30, "code": "d"},
            },
        }
    )
    clock = Clock()
    wf = Workflow(station, client, operator="anna", clock=clock, tz=dt.UTC)
    for day, serial in ((0, "ACT07"), (40, "ACT08"), (70, "ACT09")):
        clock.now = T0 + dt.timedelta(days=day)
        (o,) = wf.dispense([scan(serial)], prescription=rx)
        assert o.verdict.level.value == "ok", o.to_json()
    wf.dispense([scan("ACT10")], patient_ref="Patient/p7")  # no prescription: no days of therapy
    home = station.path.parent
    as_of = (T0 + dt.timedelta(days=99)).date().isoformat()
    args = ["adherence", "Patient/p7", "--home", str(home), "--as-of", as_of]
    assert (
        main([*args, "--note", "forgets evening dose", "--medication", "ibuprofen 400 mg", "--operator", "anna"]) == 0
    )
    capsys.readouterr()
    assert main([*args, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["patient"] == "Patient/p7" and doc["fills_without_days"] == 1
    med = next(m for m in doc["medications"] if m["refills"])
    # days 0-29, 40-69, 70-99 covered of 100: 90 days
    assert med["pdc_180"]["covered_days"] == 90 and med["pdc_180"]["period_days"] == 100
    assert [r["flag"] for r in med["refills"]] == ["first", "late", "on-time"]
    assert any(n["text"] == "forgets evening dose" for m in doc["medications"] for n in m["notes"])
    assert main(["adherence", "Patient/p7", "--home", str(home), "--as-of", "yesterday"]) == 2
    assert main(["adherence", "Patient/p7", "--home", str(home), "--note", "x"]) == 2


def test_sim_packs_fixture_is_what_these_tests_expect() -> None:
    serials = {p["serial"] for p in SIM_PACKS}
    assert {f"ACT{i:02d}" for i in range(1, 11)} <= serials


@pytest.mark.parametrize("wedge", [False, True])
def test_nothing_typed_or_scanned_crashes_the_workflow(station: Any, wedge: bool) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    wf = Workflow(station, None, clock=Clock(), tz=dt.UTC)
    pieces = st.sampled_from(
        ["01", GTIN_A, "21", "10", "17", "311231", GS, "\x1e", "\x04", "]d2", "[)>", "9N", "S", "ACT"]
    )
    data = st.one_of(st.binary(max_size=120), st.lists(pieces, max_size=12).map(lambda xs: "".join(xs).encode()))

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(raw=data)
    def check(raw: bytes) -> None:
        for out in (wf.verify(ScanInput(raw, wedge=wedge)), *wf.dispense([ScanInput(raw, wedge=wedge)])):
            doc = out.to_json()
            assert doc["verdict"] in ("ok", "warn", "stop")
            json.dumps(doc)

    check()


def test_verify_only_hub_dispense_verifies_and_decommissions_nothing(station: Any, hub_sim: Any) -> None:
    from dispense_app.hub.vrs import VrsClient

    with VrsClient(hub_sim.url + "/vrs", requester_gln="4000001000005", retries=0) as vrs:
        wf = Workflow(station, vrs, clock=Clock(), tz=dt.UTC)
        assert wf.verify_only
        ok, stolen = wf.dispense([scan("ACT11"), scan("STOLEN1")])
    assert ok.verdict.level.value == "ok" and ok.to_json()["verify_only_hub"] is True
    assert stolen.verdict.level.value == "stop"
    assert station.pending_count() == 0 and list(station.dispense_records()) == []
    assert hub_sim.admin.pack(GTIN_A, "ACT11")["state"] == "Active"


def test_ifa_pack_matches_a_pzn_prescription(station: Any, client: Any) -> None:
    from hub_fixtures import PPN_A, PZN_A

    from dispense_app.core.prescription import PrescribedItem, Prescription
    from dispense_app.workflow.service import ntin_from_pzn

    assert ntin_from_pzn(PZN_A) == GTIN_A
    rx = Prescription("r", (PrescribedItem("i", pzn=PZN_A, quantity=None, days_supply=10),), "Patient/p9")
    wf = Workflow(station, client, clock=Clock(), tz=dt.UTC)
    ifa = f"[)>\x1e06\x1d9N{PPN_A}\x1d1TL1\x1dD311231\x1dSACT12\x1e\x04".encode()
    (out,) = wf.dispense([ScanInput(ifa)], prescription=rx)
    assert out.verdict.level.value == "ok" and out.rx_item == "i"
    assert station.products.get(GTIN_A) is not None  # fetched from the hub by the PZN's NTIN
