"""Undo kinds (issue 18, point 4): a sample, free sample, export or lock is undone where the national
system allows it, with the 10-day / same-location rule; destroy and stolen never (v4+). Against the
real simulator over loopback, through the workflow and the command line."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hub_fixtures import GTIN_A, LOCATION

from dispense_app.cli import main
from dispense_app.core.model import HubRequest, PackRef, ProductScheme, ReturnCode, Transaction
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.workflow import ScanInput, Workflow

GS = "\x1d"


def scan(serial: str) -> ScanInput:
    return ScanInput(f"01{GTIN_A}21{serial}{GS}10L1{GS}17311231".encode())


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Any]:
    from dispense_app.store import Station

    st = Station.open(tmp_path / "home")
    try:
        yield st
    finally:
        st.close()


def test_undo_of_a_sample_through_the_workflow(station: Any, hub_sim: Any) -> None:
    with FmdRestClient(hub_sim.url, location_id=station.location, retries=0) as client:
        wf = Workflow(station, client, operator="anna", tz=dt.UTC)
        (done,) = wf.sample([scan("ACT01")])
        assert done.verdict.level.value == "ok" and hub_sim.admin.pack(GTIN_A, "ACT01")["state"] == "Sample"
        wrong_kind = wf.undo(scan("ACT01"))  # a supply undo: there is no supply of it here
        assert wrong_kind.verdict.message_ids == ["local.not_dispensed_here"]
        out = wf.undo(scan("ACT01"), kind=Transaction.SAMPLE)
        assert out.verdict.message_ids == ["ok.undone"], out.verdict.messages()
        assert hub_sim.admin.pack(GTIN_A, "ACT01")["state"] == "Active"
        with pytest.raises(ValueError, match="cannot be undone"):
            wf.undo(scan("ACT02"), kind=Transaction.DESTROY)


@pytest.mark.parametrize(
    ("decommission", "undo"),
    [
        (Transaction.SAMPLE, Transaction.UNDO_SAMPLE),
        (Transaction.FREE_SAMPLE, Transaction.UNDO_FREE_SAMPLE),
        (Transaction.EXPORT, Transaction.UNDO_EXPORT),
    ],
)
def test_art13_rule_for_every_undo_kind(hub_sim: Any, decommission: Transaction, undo: Transaction) -> None:
    def ref(serial: str) -> PackRef:
        return PackRef(ProductScheme.GTIN, GTIN_A, serial, "L1", None)

    with (
        FmdRestClient(hub_sim.url, location_id=LOCATION, retries=0) as here,
        FmdRestClient(hub_sim.url, location_id="ELSEWHERE", retries=0) as other,
    ):
        for serial in ("ACT03", "ACT04"):
            assert here.transact(HubRequest(decommission, ref(serial), f"{serial}-{decommission.value}")).ok
        elsewhere = other.transact(HubRequest(undo, ref("ACT03"), "u-other"))
        assert elsewhere.return_code is ReturnCode.UNDO_OTHER_LOCATION
        assert here.transact(HubRequest(undo, ref("ACT03"), "u-here")).ok
        hub_sim.admin.advance_clock(241)
        late = here.transact(HubRequest(undo, ref("ACT04"), "u-late"))
        assert late.return_code is ReturnCode.UNDO_TOO_LATE


def test_undo_kind_on_the_command_line(tmp_path: Path, hub_sim: Any, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "cli-home"
    code = f"01{GTIN_A}21ACT05\\x1d10L1\\x1d17311231"
    common = ["--home", str(home), "--hub", hub_sim.url, "--json"]
    assert main(["sample", code, *common]) == 0
    capsys.readouterr()
    assert main(["undo", code, "--kind", "supply", *common]) == 1  # not a supply: refused here
    capsys.readouterr()
    assert main(["undo", code, "--kind", "sample", *common]) == 0
    line = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert line["verdict"] == "ok" and line["transaction"] == "undo-sample"
    assert hub_sim.admin.pack(GTIN_A, "ACT05")["state"] == "Active"
    with pytest.raises(SystemExit) as bad:
        main(["undo", code, "--kind", "destroy", *common])
    assert bad.value.code == 2
