"""verify / dispense / undo / destroy / sample from the command line, against the real hub simulator
over loopback (DESIGN.md "verify / dispense / undo / sync --json"), offline included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_fixtures import FAR, GTIN_A, GTIN_B, PPN_A

from dispense_app.cli import main
from dispense_app.core.alerts import ALERT_FIELDS

GS = "\x1d"
CONTRACT_KEYS = {
    "verdict",
    "pack",
    "state",
    "reason",
    "return_code",
    "alert_id",
    "offline",
    "queued",
    "client_trx_id",
    "messages",
}
PARSE_KEYS = {
    "ok",
    "scheme",
    "symbology",
    "gtin",
    "ppn",
    "pzn",
    "serial",
    "lot",
    "expiry",
    "nhrn",
    "errors",
    "warnings",
}


def code(serial: str, lot: str = "L1", exp: str = "311231", gtin: str = GTIN_A) -> str:
    return f"01{gtin}21{serial}{GS}10{lot}{GS}17{exp}"


def escaped(serial: str, lot: str = "L1", exp: str = "311231") -> str:
    r"""The same code as typed on a shell: GS as the \x1d escape."""
    return code(serial, lot, exp).replace(GS, "\\x1d")


def cli(
    capsys: pytest.CaptureFixture[str], home: Path, hub: str | None, *args: str
) -> tuple[int, list[dict[str, Any]], str]:
    argv = [*args, "--home", str(home), "--json"]
    if hub:
        argv += ["--hub", hub]
    status = main(argv)
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines() if line.strip()], err


def faults(url: str, **kw: Any) -> None:
    httpx.post(f"{url}/_admin/faults", json=kw, timeout=5).raise_for_status()


def hub_pack(url: str, gtin: str, serial: str) -> dict[str, Any]:
    r = httpx.get(f"{url}/_admin/packs/{gtin}/{serial}", timeout=5)
    r.raise_for_status()
    return dict(r.json())


def requests_seen(url: str) -> int:
    return int(httpx.get(f"{url}/_admin/stats", timeout=5).json()["requests"])


def supplies(history: list[dict[str, Any]]) -> int:
    return sum(1 for h in history if h["transaction"] == "supply")


# --- online ---------------------------------------------------------------------------------------


def test_verify_dispense_again_undo(capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any) -> None:
    url = hub_sim.url
    status, (line,), _ = cli(capsys, home, url, "verify", escaped("ACT01"))
    assert status == 0 and set(line) >= CONTRACT_KEYS and set(line["pack"]) >= PARSE_KEYS
    assert (line["verdict"], line["state"], line["return_code"]) == ("ok", "Active", "NMVS_SUCCESS")
    assert line["offline"] is False and line["queued"] is False and line["client_trx_id"] is None
    assert line["pack"]["serial"] == "ACT01" and line["pack"]["expiry"] == FAR

    status, (line,), _ = cli(capsys, home, url, "dispense", escaped("ACT01"), "--operator", "anna")
    assert status == 0 and line["verdict"] == "ok" and line["state"] == "Supplied" and line["client_trx_id"]
    assert hub_pack(url, GTIN_A, "ACT01")["state"] == "Supplied"

    before = requests_seen(url)
    status, (line,), _ = cli(capsys, home, url, "dispense", escaped("ACT01"))
    assert status == 1 and line["verdict"] == "stop" and line["reason"].startswith("Already dispensed here")
    assert "Undo available until" in " ".join(line["messages"])
    assert line["alert_id"] is None  # the counter's own double dispense: a STOP, no alert for follow-up
    assert requests_seen(url) == before  # stopped before the hub: no second decommission, no A24
    assert supplies(hub_pack(url, GTIN_A, "ACT01")["history"]) == 1

    status, (line,), _ = cli(capsys, home, url, "undo", escaped("ACT01"))
    assert status == 0 and line["verdict"] == "ok" and line["state"] == "Active"
    assert hub_pack(url, GTIN_A, "ACT01")["state"] == "Active"

    status, (line,), _ = cli(capsys, home, url, "undo", escaped("ACT01"))
    assert status == 0 and line["verdict"] == "warn" and line["message_ids"] == ["local.already_undone"]
    status, (line,), _ = cli(capsys, home, url, "undo", escaped("ACT02"))
    assert status == 1 and line["verdict"] == "stop" and line["message_ids"] == ["local.not_dispensed_here"]


# (serial, lot, expiry YYMMDD, return code, state, alert class)
HUB_STOPS = [
    ("NOSUCH1", "L1", "311231", "NMVS_NC_PC_02", None, "A3"),
    ("ACT03", "ZZ9", "311231", "NMVS_FE_LOT_03", None, "A2"),
    ("ACT04", "L1", "301231", "NMVS_FE_LOT_12", None, "A52"),
    ("ACT05", "L2", "311231", "NMVS_FE_LOT_13", None, "A68"),
    ("SUPPLIED1", "L1", "311231", "NMVS_NC_PCK_19", "Supplied", "A7"),
    ("DESTROYED1", "L1", "311231", "NMVS_NC_PCK_22", "Destroyed", "A24"),
    ("STOLEN1", "L1", "311231", "NMVS_NC_PCK_22", "Stolen", "A24"),
    ("LOCKED1", "L1", "311231", "NMVS_NC_PCK_22", "Locked", "A24"),
    ("CHECKEDOUT1", "L1", "311231", "NMVS_NC_PCK_22", "CheckedOut", "A24"),
    ("EXPSTATE1", "L1", "311231", "NMVS_NC_PCK_22", "Expired", None),
    ("WITHDRAWN1", "L1", "311231", "NMVS_NC_PCK_22", "Withdrawn", None),
    ("RECALL1", "RC1", "311231", "NMVS_FE_LOT_01", "Recalled", None),
]


@pytest.mark.parametrize(("serial", "lot", "exp", "rc", "state", "alert_class"), HUB_STOPS)
def test_dispense_hub_stops_create_alerts(
    capsys: pytest.CaptureFixture[str],
    home: Path,
    hub_sim: Any,
    serial: str,
    lot: str,
    exp: str,
    rc: str,
    state: str | None,
    alert_class: str | None,
) -> None:
    status, (line,), _ = cli(capsys, home, hub_sim.url, "dispense", code(serial, lot, exp), "--operator", "tom")
    assert status == 1 and line["verdict"] == "stop" and line["return_code"] == rc
    if state:
        assert line["state"] == state
    assert line["alert_id"] and line["alert_class"] == alert_class
    from dispense_app.store import Station

    with Station.open(home) as st:
        alert = st.alert(line["alert_id"])
        record = st.dispense_record(line["dispense_id"])
    assert alert.return_code == rc and alert.alert_class == alert_class and alert.request == "supply"
    assert alert.operator == "tom" and alert.dispense_id == record.id and record.alert_id == alert.alert_id
    assert record.status.value in ("rejected", "conflict")


def test_verify_of_a_supplied_pack_raises_no_hub_alert(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    status, (line,), _ = cli(capsys, home, hub_sim.url, "verify", code("SUPPLIED1"))
    assert status == 1 and line["state"] == "Supplied" and line["return_code"] == "NMVS_NC_PCK_22"
    assert line["alert_class"] is None and "elsewhere" in line["reason"]


def test_local_expiry_stops_before_the_hub(capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any) -> None:
    before = requests_seen(hub_sim.url)
    status, (line,), _ = cli(capsys, home, hub_sim.url, "dispense", code("EXPIRED1", "LX", "200131"))
    assert status == 1 and line["verdict"] == "stop" and line["state"] == "Expired" and line["return_code"] is None
    assert line["alert_id"] and requests_seen(hub_sim.url) == before


def test_parse_errors_stop_without_alert_or_hub(capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any) -> None:
    before = requests_seen(hub_sim.url)
    bad_check_digit = code("ACT01").replace(GTIN_A, GTIN_A[:-1] + str((int(GTIN_A[-1]) + 1) % 10))
    status, (line,), _ = cli(capsys, home, hub_sim.url, "dispense", bad_check_digit)
    assert status == 1 and line["verdict"] == "stop" and line["alert_id"] is None
    assert [e["code"] for e in line["pack"]["errors"]] == ["check_digit"]
    assert requests_seen(hub_sim.url) == before


def test_ifa_pack_and_manual_entry(capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any) -> None:
    ifa = f"[)>\x1e06\x1d9N{PPN_A}\x1d1TL1\x1dD311231\x1dSACT06\x1e\x04"
    status, (line,), _ = cli(capsys, home, hub_sim.url, "verify", ifa)
    assert status == 0 and line["pack"]["scheme"] == "ifa" and line["verdict"] == "ok", line
    status, (line,), _ = cli(capsys, home, hub_sim.url, "dispense", "--manual", code("ACT07"))
    assert status == 0 and line["entry_mode"] == "manual"


def test_several_codes_one_line_each_and_exit_1_if_any_stop(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    status, lines, _ = cli(capsys, home, hub_sim.url, "dispense", code("ACT08"), code("ACT08"), code("ACT09"))
    assert status == 1 and [x["verdict"] for x in lines] == ["ok", "stop", "ok"]
    assert lines[1]["reason"] == "This pack was already scanned for this dispense."


def test_bulk_dispense_is_one_request(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any, tmp_path: Path
) -> None:
    tote = tmp_path / "tote.txt"
    tote.write_text("\n".join(escaped(f"ACT{i}") for i in (10, 11, 12, 13)) + "\n", encoding="utf-8")
    before = requests_seen(hub_sim.url)
    status, lines, _ = cli(capsys, home, hub_sim.url, "dispense", "--bulk", "--file", str(tote))
    assert status == 0 and [x["verdict"] for x in lines] == ["ok"] * 4
    assert requests_seen(hub_sim.url) == before + 1
    for i in (10, 11, 12, 13):
        assert hub_pack(hub_sim.url, GTIN_A, f"ACT{i}")["state"] == "Supplied"


def test_destroy_and_sample(capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any) -> None:
    status, (line,), _ = cli(capsys, home, hub_sim.url, "destroy", code("ACT14"))
    assert status == 0 and line["verdict"] == "ok" and line["state"] == "Destroyed"
    status, (line,), _ = cli(capsys, home, hub_sim.url, "sample", code("ACT15"))
    assert status == 0 and line["state"] == "Sample"
    status, (line,), _ = cli(capsys, home, hub_sim.url, "destroy", code("ACT14"))
    assert status == 1 and line["verdict"] == "stop"  # destroyed here already: not sent twice
    assert hub_pack(hub_sim.url, GTIN_A, "ACT14")["state"] == "Destroyed"


# --- offline --------------------------------------------------------------------------------------


def test_offline_dispense_queues_then_sync_sends_once(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    url = hub_sim.url
    faults(url, outage=True)
    status, (line,), _ = cli(capsys, home, url, "dispense", code("ACT16"))
    assert status == 0 and line["verdict"] == "warn" and line["queued"] is True and line["offline"] is True
    assert line["client_trx_id"] and line["alert_id"] is None
    # the same pack again while offline: queued here already
    status, (again,), _ = cli(capsys, home, url, "dispense", code("ACT16"))
    assert status == 1 and again["verdict"] == "stop" and again["queued"] is False
    # an expired pack offline: a local rule stops it (the hub is not even tried)
    status, (expired,), _ = cli(capsys, home, url, "dispense", code("EXPIRED1", "LX", "200131"))
    assert status == 1 and expired["verdict"] == "stop" and expired["queued"] is False
    # verify offline: a warning, nothing queued
    status, (ver,), _ = cli(capsys, home, url, "verify", code("ACT17"))
    assert status == 3 and ver["verdict"] == "warn" and ver["offline"] is True and ver["queued"] is False
    assert hub_pack(url, GTIN_A, "ACT16")["state"] == "Active"

    faults(url, outage=False)
    status, (report,), _ = cli(capsys, home, url, "sync")
    assert status == 0 and report["confirmed"] == 1 and report["remaining"] == 0
    pack = hub_pack(url, GTIN_A, "ACT16")
    assert pack["state"] == "Supplied" and supplies(pack["history"]) == 1
    assert pack["history"][-1]["client_trx_id"] == line["client_trx_id"]


def test_offline_undo_of_a_dispense_that_may_have_reached_the_hub(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    faults(hub_sim.url, outage=True)
    cli(capsys, home, hub_sim.url, "dispense", code("ACT18"))
    # the supply was attempted (the hub might have got it): the undo is queued behind it, not dropped
    status, (line,), _ = cli(capsys, home, hub_sim.url, "undo", code("ACT18"))
    assert status == 0 and line["verdict"] == "warn" and line["queued"] is True
    faults(hub_sim.url, outage=False)
    status, (report,), _ = cli(capsys, home, hub_sim.url, "sync")
    assert status == 0 and report["confirmed"] == 2 and report["remaining"] == 0
    pack = hub_pack(hub_sim.url, GTIN_A, "ACT18")
    assert pack["state"] == "Active" and supplies(pack["history"]) == 1


def test_offline_undo_of_a_confirmed_dispense_is_queued(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    cli(capsys, home, hub_sim.url, "dispense", code("ACT19"))
    faults(hub_sim.url, outage=True)
    status, (line,), _ = cli(capsys, home, hub_sim.url, "undo", code("ACT19"))
    assert status == 0 and line["verdict"] == "warn" and line["queued"] is True
    faults(hub_sim.url, outage=False)
    status, (report,), _ = cli(capsys, home, hub_sim.url, "sync")
    assert status == 0 and report["confirmed"] == 1
    assert hub_pack(hub_sim.url, GTIN_A, "ACT19")["state"] == "Active"


# --- prescriptions --------------------------------------------------------------------------------


def test_dispense_against_a_fhir_prescription(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any, tmp_path: Path
) -> None:
    rx = {
        "resourceType": "MedicationRequest",
        "id": "rx-ibu",
        "status": "active",
        "subject": {"reference": "Patient/p1"},
        "medicationCodeableConcept": {"coding": [{"system": "https://www.gs1.org/gtin", "code": GTIN_A}]},
        "dispenseRequest": {"quantity": {"value": 1, "code": "{Package}"}},
    }
    path = tmp_path / "rx.json"
    path.write_text(json.dumps(rx), encoding="utf-8")
    status, lines, _ = cli(
        capsys, home, hub_sim.url, "dispense", code("ACT20"), code("OTHERLOT1", "L2"), "--rx", str(path)
    )
    assert [x["verdict"] for x in lines] == ["ok", "stop"] and status == 1
    assert lines[1]["reason"] == "More packs than prescribed: 2 of 1."
    assert hub_pack(hub_sim.url, GTIN_A, "OTHERLOT1")["state"] == "Active"  # never sent
    status, (wrong,), _ = cli(
        capsys, home, hub_sim.url, "dispense", code("B0001", "BL1", gtin=GTIN_B), "--rx", str(path)
    )
    assert (
        status == 1
        and wrong["verdict"] == "stop"
        and wrong["message_ids"][0] in ("rx.wrong_product", "rx.product_unknown")
    )


# --- usage ----------------------------------------------------------------------------------------


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any, tmp_path: Path) -> None:
    assert main(["dispense", "--home", str(home), "--hub", hub_sim.url]) == 2  # no code
    bad = tmp_path / "rx.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["dispense", code("ACT01"), "--rx", str(bad), "--home", str(home), "--hub", hub_sim.url]) == 2
    assert main(["verify", code("ACT01"), "--home", str(home)]) == 2  # no hub configured
    assert main(["verify", code("ACT01"), "--home", str(home), "--hub", "ftp://x"]) == 2
    capsys.readouterr()


def test_unreachable_hub_url_is_offline_not_a_crash(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    status, (line,), _ = cli(capsys, home, f"http://127.0.0.1:{port}", "dispense", code("ACT01"))
    assert status == 0 and line["queued"] is True and line["verdict"] == "warn"


# --- alerts carry every field ----------------------------------------------------------------------


def test_alert_record_has_every_domain_field(capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any) -> None:
    status, (line,), _ = cli(capsys, home, hub_sim.url, "dispense", "]d2" + code("NOSUCH2"), "--operator", "anna")
    assert status == 1 and line["alert_id"]
    from dispense_app.store import Station

    with Station.open(home) as st:
        alert = st.alert(line["alert_id"]).to_json()
        station_id = st.station_id
    assert set(ALERT_FIELDS) <= set(alert)
    must_be_filled = [
        "alert_id",
        "created_at",
        "source",
        "return_code",
        "alert_class",
        "reason",
        "request",
        "client_trx_id",
        "hub_trx_id",
        "operator",
        "station",
        "location",
        "raw_hex",
        "aim_id",
        "entry_mode",
        "scheme",
        "gtin",
        "pzn",
        "serial",
        "lot",
        "expiry",
        "state" if alert["state"] else "return_code",
        "app_version",
        "scanner_profile",
        "dispense_id",
        "status",
    ]
    empty = [k for k in must_be_filled if alert[k] in (None, "")]
    assert empty == []
    assert "1D" in alert["raw_hex"] and alert["raw_hex"].startswith("5D6432")  # "]d2" then the data
    assert alert["aim_id"] == "]d2" and alert["entry_mode"] == "scan" and alert["request"] == "supply"
    assert alert["station"] == station_id and alert["operator"] == "anna" and alert["status"] == "new"
    assert alert["serial"] == "NOSUCH2" and alert["gtin"] == GTIN_A and alert["alert_class"] == "A3"
    assert alert["supplied_anyway"] is False
    # read back through the alerts command when it exists (issue 9)
    import importlib.util

    if importlib.util.find_spec("dispense_app.commands.alerts") is None:
        return
    assert main(["alerts", "list", "--home", str(home), "--json"]) in (0, 1)
    listed = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
    mine = [a for a in listed if a["alert_id"] == line["alert_id"]]
    assert mine and mine[0]["raw_hex"] == alert["raw_hex"] and mine[0]["serial"] == "NOSUCH2"


def test_wedge_needs_a_saved_profile_then_uses_it(capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any) -> None:
    assert main(["verify", "--wedge", code("ACT01"), "--home", str(home), "--hub", hub_sim.url]) == 2
    assert "calibrate" in capsys.readouterr().err
    from scanner.calibration import ScannerProfile, save_profile

    save_profile(home, ScannerProfile())  # a scanner that types exactly what is printed
    status, (line,), _ = cli(capsys, home, hub_sim.url, "verify", "--wedge", code("ACT01"))
    assert status == 0 and line["verdict"] == "ok"
    status, (line,), _ = cli(capsys, home, hub_sim.url, "dispense", "--wedge", "not a pack code at all")
    assert status == 1 and line["verdict"] == "stop" and line["message_ids"] == ["input.gate_stop"]
    assert line["alert_id"] is None


def test_console_script_stdin_and_csv_prescription(home: Path, hub_sim: Any, tmp_path: Path) -> None:
    import subprocess
    import sys

    rx = tmp_path / "rx.csv"
    rx.write_text(
        f"rx_id,patient,gtin,quantity\nR1,Patient/p1,{GTIN_A},2\nR2,Patient/p2,{GTIN_B},1\n", encoding="utf-8"
    )
    stdin = "\n".join(code(s) for s in ("ACT01", "ACT02", "ACT03")) + "\n"
    cmd = [sys.executable, "-m", "dispense_app", "dispense", "--stdin", "--rx", str(rx), "--rx-id", "R1"]
    cmd += ["--home", str(home), "--hub", hub_sim.url, "--json"]
    done = subprocess.run(cmd, input=stdin.encode(), capture_output=True, timeout=120)
    lines = [json.loads(x) for x in done.stdout.decode().splitlines()]
    assert done.returncode == 1 and [x["verdict"] for x in lines] == ["ok", "ok", "stop"]
    assert lines[2]["message_ids"] == ["rx.too_many_packs"] and lines[0]["rx_item"] == "R1-1"
    without_id = [c for c in cmd if c not in ("--rx-id", "R1")]  # the file holds two prescriptions
    refused = subprocess.run(without_id, input=stdin.encode(), capture_output=True, timeout=120)
    assert refused.returncode == 2 and b"choose one" in refused.stderr


def test_undo_refused_by_the_hub_after_its_ten_days(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    cli(capsys, home, hub_sim.url, "dispense", code("ACT20"))
    httpx.post(f"{hub_sim.url}/_admin/clock", json={"advance_hours": 241}, timeout=5).raise_for_status()
    status, (line,), _ = cli(capsys, home, hub_sim.url, "undo", code("ACT20"))
    assert status == 1 and line["verdict"] == "stop" and line["return_code"] == "NMVS_NC_PCK_20"
    assert line["alert_id"] and line["state"] in (None, "Supplied")
    assert hub_pack(hub_sim.url, GTIN_A, "ACT20")["state"] == "Supplied"
    # the record still stands: dispensing it again is stopped here
    status, (again,), _ = cli(capsys, home, hub_sim.url, "dispense", code("ACT20"))
    assert status == 1 and again["message_ids"][0] == "local.dispensed_here"
