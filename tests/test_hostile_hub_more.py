"""Issue 16, the rest against the real simulator over loopback: a hub that dribbles its *headers*
(before: the per-read timeouts never tripped, the deadline only covered the body) and hub reply
text stored at a sane length (before: a reason of any size was stored four times over). No timed
assertions: the hub's misbehaviour is long enough that the old code could not give these answers."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_fixtures import GTIN_A, far_date

from dispense_app.cli import main
from dispense_app.core.model import HubUnavailable, PackRef, ProductScheme
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.store.records import STORED_TEXT_MAX

GS = "\x1d"


def ref(serial: str = "ACT01") -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN_A, serial, "L1", far_date())


def test_the_simulator_dribbles_headers(hub_sim: Any) -> None:
    """The fault mode itself: without a deadline the reply arrives whole, just slowly."""
    hub_sim.admin.faults(trickle_headers_bytes_per_s=2000)
    r = httpx.get(f"{hub_sim.url}/v1/packs/{GTIN_A}/ACT01", timeout=10)
    assert r.status_code in (200, 400, 404, 422)
    assert r.headers.get("x-sim-header-trickle") == "2000.0"


def test_dribbled_headers_are_cut_off_at_the_deadline(hub_sim: Any) -> None:
    """~250 header bytes at 10 bytes/s take ~25 s and each read returns within the read timeout:
    only a deadline under the socket reads stops them (before: the client waited for all of them)."""
    hub_sim.admin.faults(trickle_headers_bytes_per_s=10)
    with FmdRestClient(hub_sim.url, deadline_s=1.0, read_timeout=5.0) as client, \
            pytest.raises(HubUnavailable, match=r"too slow.*its headers were still arriving"):
        client.verify(ref())


def test_dribbled_headers_on_bulk_hit_the_bulk_deadline(hub_sim: Any) -> None:
    from dispense_app.core.model import HubRequest, Transaction

    hub_sim.admin.faults(trickle_headers_bytes_per_s=10)
    reqs = [HubRequest(Transaction.SUPPLY, ref("ACT01"), client_trx_id="t-1")]
    with FmdRestClient(hub_sim.url, bulk_deadline_s=1.0) as client, \
            pytest.raises(HubUnavailable, match="its headers were still arriving"):
        client.bulk(reqs)


def test_dispense_with_dribbled_headers_queues_and_says_so(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    hub_sim.admin.faults(trickle_headers_bytes_per_s=10)
    code = f"01{GTIN_A}21ACT02{GS}10L1{GS}17311231"
    (home / "hub.json").write_text(json.dumps({"url": hub_sim.url, "type": "fmd-rest", "deadline_s": 1.0}))
    status = main(["dispense", code, "--home", str(home), "--json"])
    (line,) = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
    assert line["queued"] and line["verdict"] == "warn"
    assert status in (0, 3)


def _texts(db: Path) -> dict[str, list[str]]:
    with sqlite3.connect(db) as conn:
        return {
            "alerts": [r[0] for r in conn.execute("SELECT reason FROM alerts")],
            "pack_states": [r[0] or "" for r in conn.execute("SELECT reason FROM pack_states")],
            "dispense": [r[0] or "" for r in conn.execute("SELECT reason FROM dispense")],
        }


def test_a_long_hub_reason_is_stored_cut_with_a_marker(
    capsys: pytest.CaptureFixture[str], home: Path, hub_sim: Any
) -> None:
    """A 600 kB reason (under the 1 MiB reply cap, so still a reply) on a Stolen pack: what the
    station keeps of it (pack-state cache; alerts and dispense records where a hub's words land)
    is at most 2,000 characters, saying how long it was."""
    hub_sim.admin.faults(oversize_bytes=600_000)
    code = f"01{GTIN_A}21STOLEN1{GS}10L1{GS}17311231"
    main(["verify", code, "--home", str(home), "--json", "--hub", hub_sim.url])
    main(["dispense", code, "--home", str(home), "--json", "--hub", hub_sim.url])
    capsys.readouterr()
    texts = _texts(home / "station.db")
    assert texts["alerts"], "a Stolen pack raises an alert"
    for table, values in texts.items():
        for value in values:
            assert len(value) <= STORED_TEXT_MAX + 60, table
    assert any(v.endswith("… [cut: 600000 characters in all]") for v in texts["pack_states"])
    assert (home / "station.db").stat().st_size < 2_000_000
