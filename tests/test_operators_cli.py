"""Operator accounts from the command line, sign-in and role gating of the pack commands,
and "supplied anyway" (pharmacist only, with a reason), against the hub simulator."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hub_fixtures import GTIN_A, GTIN_B

from dispense_app.cli import main

GS = "\x1d"
ANNA_PW = "Correct-Horse-77"
TOM_PIN = "482715"


def code(serial: str, lot: str = "L1", gtin: str = GTIN_A) -> str:
    return f"01{gtin}21{serial}{GS}10{lot}{GS}17311231"


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *argv: str,
    stdin: str = "",
    pin: str | None = None,
) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    if pin is None:
        monkeypatch.delenv("DISPENSE_APP_PIN", raising=False)
    else:
        monkeypatch.setenv("DISPENSE_APP_PIN", pin)
    status = main(list(argv))
    return status, capsys.readouterr().out


def test_accounts_sign_in_and_roles(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any, tmp_path: Path
) -> None:
    h = ["--home", str(home)]
    # the first account must be a pharmacist's
    assert (
        run(
            monkeypatch,
            capsys,
            "operators",
            "add",
            "tom",
            "--name",
            "Tom",
            "--role",
            "technician",
            *h,
            stdin=TOM_PIN + "\n",
        )[0]
        == 2
    )
    assert (
        run(
            monkeypatch,
            capsys,
            "operators",
            "add",
            "anna",
            "--name",
            "Anna A.",
            "--role",
            "pharmacist",
            *h,
            stdin=ANNA_PW + "\n",
        )[0]
        == 0
    )
    # now managing accounts needs a signed-in pharmacist
    assert (
        run(
            monkeypatch,
            capsys,
            "operators",
            "add",
            "tom",
            "--name",
            "Tom",
            "--role",
            "technician",
            *h,
            stdin=TOM_PIN + "\n",
        )[0]
        == 2
    )
    assert (
        run(
            monkeypatch,
            capsys,
            "operators",
            "add",
            "tom",
            "--name",
            "Tom",
            "--role",
            "technician",
            *h,
            "--operator",
            "anna",
            stdin=TOM_PIN + "\n",
            pin=ANNA_PW,
        )[0]
        == 0
    )
    assert (
        run(
            monkeypatch,
            capsys,
            "operators",
            "add",
            "sue",
            "--name",
            "Sue",
            "--role",
            "support",
            *h,
            "--operator",
            "anna",
            stdin="739164\n",
            pin=ANNA_PW,
        )[0]
        == 0
    )
    assert (
        run(
            monkeypatch,
            capsys,
            "operators",
            "add",
            "bad",
            "--name",
            "B",
            "--role",
            "technician",
            *h,
            "--operator",
            "anna",
            stdin="111111\n",
            pin=ANNA_PW,
        )[0]
        == 2
    )  # weak PIN
    status, out = run(monkeypatch, capsys, "operators", "list", "--json", *h)
    listed = [json.loads(x) for x in out.splitlines()]
    assert status == 0 and [o["login"] for o in listed] == ["anna", "sue", "tom"]
    assert all("hash" not in o and "secret_hash" not in o for o in listed)
    assert run(monkeypatch, capsys, "operators", "check", "tom", *h, stdin=TOM_PIN + "\n")[0] == 0
    assert run(monkeypatch, capsys, "operators", "check", "tom", *h, stdin="000000\n")[0] == 1

    hub = ["--hub", hub_sim.url, "--json"]
    # pack commands now need a signed-in operator whose role allows the action
    assert run(monkeypatch, capsys, "dispense", code("ACT01"), *h, *hub, "--operator", "tom")[0] == 2
    assert run(monkeypatch, capsys, "dispense", code("ACT01"), *h, *hub, "--operator", "sue", pin="999999")[0] == 2
    assert run(monkeypatch, capsys, "dispense", code("ACT01"), *h, *hub, "--operator", "sue", pin="739164")[0] == 2
    status, out = run(monkeypatch, capsys, "dispense", code("ACT01"), *h, *hub, "--operator", "tom", pin=TOM_PIN)
    assert status == 0 and json.loads(out)["verdict"] == "ok"
    assert run(monkeypatch, capsys, "verify", code("ACT02"), *h, *hub, "--operator", "sue", pin="739164")[0] == 0
    assert run(monkeypatch, capsys, "destroy", code("ACT03"), *h, *hub, "--operator", "tom", pin=TOM_PIN)[0] == 0

    # deactivated: refused
    assert run(monkeypatch, capsys, "operators", "deactivate", "tom", *h, "--operator", "anna", pin=ANNA_PW)[0] == 0
    assert run(monkeypatch, capsys, "dispense", code("ACT04"), *h, *hub, "--operator", "tom", pin=TOM_PIN)[0] == 2

    # supplied anyway: pharmacist only, with a reason; the alert says so
    rx = tmp_path / "rx.csv"
    rx.write_text(f"rx_id,patient,gtin,quantity\nR1,Patient/p1,{GTIN_B},1\n", encoding="utf-8")
    args = ["dispense", code("ACT05"), "--rx", str(rx), *h, *hub]
    status, out = run(monkeypatch, capsys, *args, "--operator", "anna", pin=ANNA_PW)
    assert status == 1 and json.loads(out)["verdict"] == "stop"
    assert run(monkeypatch, capsys, *args, "--operator", "sue", "--supply-anyway", "GP confirmed", pin="739164")[0] == 2
    status, out = run(
        monkeypatch, capsys, *args, "--operator", "anna", "--supply-anyway", "GP confirmed by phone", pin=ANNA_PW
    )
    line = json.loads(out)
    assert status == 0 and line["verdict"] == "warn" and line["state"] == "Supplied" and line["alert_id"]
    from dispense_app.store import Station

    with Station.open(home) as st:
        alert = st.alert(line["alert_id"])
    assert alert.supplied_anyway and alert.supplied_anyway_by == "anna"
    assert alert.supplied_anyway_reason == "GP confirmed by phone" and alert.dispense_id == line["dispense_id"]

    # no secret in plain text anywhere in the home folder
    for f in home.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            assert ANNA_PW.encode() not in data, f


def test_supply_anyway_without_accounts_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    status, _ = run(
        monkeypatch,
        capsys,
        "dispense",
        code("ACT06"),
        "--supply-anyway",
        "x",
        "--home",
        str(home),
        "--hub",
        hub_sim.url,
    )
    assert status == 2
