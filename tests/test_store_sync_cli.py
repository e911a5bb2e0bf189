"""`dispense-app sync`: the JSON contract and exit statuses, against the real simulator."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from hub_fixtures import GTIN_A, LOCATION

from dispense_app.cli import main
from dispense_app.core.model import HubRequest, PackRef, ProductScheme, Transaction
from dispense_app.store import Station

KEYS = {"sent", "confirmed", "conflicts", "remaining"}


def queue(home: Path, *serials: str) -> None:
    with Station.open(home) as st:
        st.settings.set("station.location", LOCATION)
        for s in serials:
            st.record_supply(PackRef(ProductScheme.GTIN, GTIN_A, s, "L1", dt.date(2031, 12, 31)), b"x", "anna")


def sync(home: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict[str, Any]]:
    code = main(["sync", "--home", str(home), "--json", *extra])
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1  # one JSON document
    return code, json.loads(out[0])


def test_sync_sends_everything_and_exits_0(home: Path, hub_sim: Any, capsys: pytest.CaptureFixture[str]) -> None:
    queue(home, "ACT01", "ACT02", "ACT03")
    code, out = sync(home, capsys, "--hub", hub_sim.url)
    assert code == 0 and out == {"sent": 3, "confirmed": 3, "conflicts": 0, "remaining": 0}
    assert set(out) == KEYS and all(isinstance(v, int) for v in out.values())
    code, out = sync(home, capsys, "--hub", hub_sim.url)  # nothing left: nothing sent again
    assert code == 0 and out == {"sent": 0, "confirmed": 0, "conflicts": 0, "remaining": 0}
    assert all(len(hub_sim.admin.pack(GTIN_A, s)["history"]) == 1 for s in ("ACT01", "ACT02", "ACT03"))


def test_sync_conflict_exits_1(home: Path, hub_sim: Any, hub_client: Any, capsys: pytest.CaptureFixture[str]) -> None:
    queue(home, "ACT04", "ACT05")
    pack = PackRef(ProductScheme.GTIN, GTIN_A, "ACT05", "L1", dt.date(2031, 12, 31))
    assert hub_client.transact(HubRequest(Transaction.SUPPLY, pack, str(uuid.uuid4()))).ok  # someone else, first
    code, out = sync(home, capsys, "--hub", hub_sim.url)
    assert code == 1 and out == {"sent": 2, "confirmed": 1, "conflicts": 1, "remaining": 0}
    with Station.open(home) as st:
        (alert,) = list(st.alerts())
        assert alert.serial == "ACT05" and alert.source.value == "replay"


def test_sync_offline_exits_1_with_remaining(home: Path, hub_sim: Any, capsys: pytest.CaptureFixture[str]) -> None:
    queue(home, "ACT06", "ACT07")
    hub_sim.admin.faults(outage=True)
    code, out = sync(home, capsys, "--hub", hub_sim.url)
    assert code == 1 and out["remaining"] == 2 and out["confirmed"] == 0
    hub_sim.admin.clear_faults()
    code, out = sync(home, capsys, "--hub", hub_sim.url)
    assert code == 0 and out == {"sent": 2, "confirmed": 2, "conflicts": 0, "remaining": 0}


def test_sync_uses_the_configured_hub(home: Path, hub_sim: Any, capsys: pytest.CaptureFixture[str]) -> None:
    queue(home, "ACT08")
    with Station.open(home) as st:
        st.settings.set("hub.url", hub_sim.url)
    code, out = sync(home, capsys)
    assert code == 0 and out["confirmed"] == 1


def test_sync_uses_the_hub_config_file(home: Path, hub_sim: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from dispense_app.hub.config import HubConfig, save_hub_config

    queue(home, "ACT09")
    save_hub_config(home, HubConfig(url=hub_sim.url, location_id=LOCATION))
    code, out = sync(home, capsys)
    assert code == 0 and out["confirmed"] == 1
    assert hub_sim.admin.pack(GTIN_A, "ACT09")["history"][0]["location"] == LOCATION


def test_sync_without_a_hub_is_a_usage_error(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    queue(home, "ACT10")
    assert main(["sync", "--home", str(home), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "no hub configured" in captured.err
    assert main(["sync", "--home", str(home), "--hub", "ftp://x"]) == 2
    assert main(["sync", "--home", str(home), "--hub", "http://127.0.0.1:9", "--chunk", "0"]) == 2
    with Station.open(home) as st:
        assert st.pending_count() == 1


def test_sync_command_line_process(home: Path, hub_sim: Any) -> None:
    queue(home, "ACT11")
    out = subprocess.run(
        [sys.executable, "-m", "dispense_app", "sync", "--home", str(home), "--hub", hub_sim.url, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"sent": 1, "confirmed": 1, "conflicts": 0, "remaining": 0}
    human = subprocess.run(
        [sys.executable, "-m", "dispense_app", "sync", "--home", str(home), "--hub", hub_sim.url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert human.returncode == 0 and "remaining 0" in human.stdout
