"""securPharm from the command line: ``hub configure --type securpharm`` then verify / dispense /
undo / sync through the configured hub, and ``--hub URL --hub-type securpharm`` on a hub command;
an IFA (PPN) pack end to end; SP-901 queues the dispense offline and sync sends it once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hub_fixtures import GTIN_A, PPN_A

from dispense_app.cli import main

GS = "\\x1d"


def code(serial: str, lot: str = "L1", exp: str = "311231") -> str:
    return f"01{GTIN_A}21{serial}{GS}10{lot}{GS}17{exp}"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]]]:
    status = main([*argv, "--json"])
    out = capsys.readouterr().out
    return status, [json.loads(line) for line in out.splitlines() if line.strip()]


def test_configured_securpharm_dispense_undo_and_offline(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    url = f"{hub_sim.url}/securpharm"
    status, _ = run(capsys, "hub", "configure", "--type", "securpharm", "--url", url, "--client-id", "app-7",
                    "--option", "realm=apotheken", "--home", str(home))  # fmt: skip
    assert status == 0
    stored = json.loads((home / "hub.json").read_text(encoding="utf-8"))
    assert stored["type"] == "securpharm" and stored["choices"] == {"realm": "apotheken"}

    status, (line,) = run(capsys, "verify", code("ACT01"), "--home", str(home))
    assert status == 0 and line["verdict"] == "ok" and line["return_code"] == "NMVS_SUCCESS"
    status, (line,) = run(capsys, "dispense", code("ACT02"), "--home", str(home))
    assert status == 0 and line["state"] == "Supplied"
    assert hub_sim.admin.pack(GTIN_A, "ACT02")["history"][0]["location"] == "app-7"  # sid
    status, (line,) = run(capsys, "undo", code("ACT02"), "--home", str(home))
    assert status == 0 and line["verdict"] == "ok"
    codes = [h["code"] for h in hub_sim.admin.pack(GTIN_A, "ACT02")["history"]]
    assert codes == ["DECOMMISSION", "UNDO_DECOMMISSION"]

    # an IFA code (PPN) end to end
    ifa = f"[)>\\x1e06{GS}9N{PPN_A}{GS}1TL1{GS}D311231{GS}SACT03\\x1e\\x04"
    status, (line,) = run(capsys, "dispense", ifa, "--home", str(home))
    assert status == 0 and line["state"] == "Supplied" and line["pack"]["ppn"] == PPN_A

    # SP-901: offline path, queued, sent once by sync
    hub_sim.admin.faults(outage=True)
    status, (line,) = run(capsys, "dispense", code("ACT04"), "--home", str(home))
    assert status == 0 and line["queued"] is True and line["offline"] is True
    assert line["message_ids"] == ["offline.queued"]
    hub_sim.admin.faults(outage=False)
    status, (report,) = run(capsys, "sync", "--home", str(home))
    assert status == 0 and (report["sent"], report["confirmed"], report["remaining"]) == (1, 1, 0)
    assert len(hub_sim.admin.pack(GTIN_A, "ACT04")["history"]) == 1


def test_hub_type_on_a_hub_command(capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any) -> None:
    url = f"{hub_sim.url}/securpharm"
    status, (line,) = run(capsys, "--hub-type", "securpharm", "verify", code("SUPPLIED1"), "--hub", url,
                          "--home", str(home))  # fmt: skip
    assert status == 1 and line["return_code"] == "NMVS_NC_PCK_22" and line["state"] == "Supplied"
    assert hub_sim.admin.stats()["requests"] >= 2  # the token call and the verify reached the face


def test_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    argv = ["hub", "configure", "--type", "securpharm", "--url", "https://sp.example.de", "--option", "alphabet=b32"]
    assert main([*argv, "--home", str(home)]) == 2
    assert "alphabet" in capsys.readouterr().err and not (home / "hub.json").exists()
