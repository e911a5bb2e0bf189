"""Two counters on one site store (issue 20), against the real hub simulator and a real PostgreSQL:
dispense at A, STOP at B naming A, undo at B; alerts made at A are listed at B; the site's queue
is sent once whichever counter syncs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_fixtures import GTIN_A, LOCATION

from dispense_app.cli import main
from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.store import DoubleDecommissionError, Station

GS = "\x1d"


def code(serial: str) -> str:
    return f"01{GTIN_A}21{serial}{GS}10L1{GS}17311231"


def cli(capsys: pytest.CaptureFixture[str], home: Path, store: str, *args: str) -> tuple[int, list[dict[str, Any]]]:
    status = main([*args, "--home", str(home), "--store", store, "--json"])
    out = capsys.readouterr().out
    return status, [json.loads(line) for line in out.splitlines() if line.strip()]


def history(url: str, serial: str) -> list[dict[str, Any]]:
    r = httpx.get(f"{url}/_admin/packs/{GTIN_A}/{serial}", timeout=5)
    r.raise_for_status()
    return list(r.json()["history"])


@pytest.fixture
def counters(tmp_path: Path, site_store: str, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    a, b = tmp_path / "till1", tmp_path / "till2"
    status, (first,) = cli(capsys, a, site_store, "site", "init", "--location-id", LOCATION, "--counter", "till 1")
    assert status == 0 and first["created"] and first["location_id"] == LOCATION and first["counter"] == "till 1"
    status, (second,) = cli(capsys, b, site_store, "site", "init", "--counter", "till 2")
    assert status == 0 and not second["created"] and second["migrations"] == []
    assert second["location_id"] == LOCATION and second["counter"] == "till 2"
    return a, b


def test_dispense_at_one_counter_stop_at_the_other_undo_there(
    counters: tuple[Path, Path], site_store: str, hub_sim: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = counters
    status, (out,) = cli(capsys, a, site_store, "dispense", code("ACT01"), "--hub", hub_sim.url)
    assert status == 0 and out["verdict"] == "ok" and not out["queued"]
    status, (out,) = cli(capsys, b, site_store, "dispense", code("ACT01"), "--hub", hub_sim.url)
    assert status == 1 and out["verdict"] == "stop"
    text = " ".join(m["text"] if isinstance(m, dict) else str(m) for m in out["messages"])
    assert "already dispensed at this site" in text.lower() and "till 1" in text
    status, (out,) = cli(capsys, b, site_store, "undo", code("ACT01"), "--hub", hub_sim.url)
    assert status == 0, out
    hist = history(hub_sim.url, "ACT01")
    assert sorted(h["transaction"] for h in hist) == ["supply", "undo-supply"]  # one supply, one undo
    assert {h["location"] for h in hist} == {LOCATION}  # the site's location, from both counters
    with Station.open(a, store=site_store) as st:
        (rec,) = list(st.dispense_records(serial="ACT01"))
        assert rec.station == "till 1" and rec.status.value == "undone"


def test_store_refuses_a_second_open_decommission_naming_the_counter(counters: tuple[Path, Path], site_store: str) -> None:
    a, b = counters
    pack = PackRef(ProductScheme.GTIN, GTIN_A, "ACT02", "L1", dt.date(2031, 12, 31))
    with Station.open(a, store=site_store) as sa, Station.open(b, store=site_store) as sb:
        first = sa.record_supply(pack, b"x", "anna")
        with pytest.raises(DoubleDecommissionError, match=r"already dispensed at this site \(till 1, ") as refused:
            sb.record_supply(pack, b"x", "ben")
        assert refused.value.existing_id == first.id
        assert sb.pending_count() == 1  # the queue is the site's
