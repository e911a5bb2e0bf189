"""Lost answers against the real simulator over loopback: the hub carries out a decommission and its
reply is lost (fault ``drop_reply_rate``); the client verifies first and reconciles. Over 200 random
drops: 0 double decommissions and 0 alerts at the hub, in both of the hub's ways of answering a
reused client transaction id (the first answer again, or NMVS_TE_TX_01 as the real NMVS does)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hub_fixtures import GTIN_A, LOCATION, far_date

from dispense_app.core.model import HubRequest, PackRef, PackState, ProductScheme, ReturnCode, Transaction
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.store import DispenseStatus, Station
from dispense_app.workflow.sender import replay, send

LOT = "LOST1"


def pack(serial: str) -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN_A, serial, LOT, far_date())


@pytest.fixture
def station(home: Path) -> Iterator[Station]:
    st = Station.open(home)
    st.settings.set("station.location", LOCATION)
    yield st
    st.close()


def seed(sim: Any, n: int) -> list[str]:
    serials = [f"LOST{i:04d}" for i in range(n)]
    sim.admin.seed([{"gtin": GTIN_A, "serial": s, "lot": LOT, "expiry": far_date().isoformat()} for s in serials])
    return serials


def supplies(sim: Any, serial: str) -> int:
    return sum(1 for h in sim.admin.pack(GTIN_A, serial)["history"] if h["transaction"] == "supply")


@pytest.mark.parametrize("reuse", ["replay", "refuse"])
@pytest.mark.parametrize("retries", [0, 2])
def test_200_random_dropped_replies_no_double_decommission_no_alert(
    station: Station, hub_sim: Any, reuse: str, retries: int
) -> None:
    rng = random.Random(18)
    serials = seed(hub_sim, 700)
    hub_sim.admin.faults(drop_reply_rate=0.5, trx_id_reuse=reuse)
    client = FmdRestClient(hub_sim.url, location_id=LOCATION, retries=retries, backoff_s=0.001)
    ids: list[str] = []
    try:
        i = 0
        while hub_sim.admin.stats()["dropped_replies"] < 200:
            assert i < len(serials), "ran out of packs before 200 drops"
            rec = station.record_supply(pack(serials[i]), b"x", "anna")
            ids.append(rec.id)
            send(station, client, [rec.client_trx_id])  # online; a lost answer leaves it queued
            if rng.random() < 0.1:
                replay(station, client, chunk_size=rng.choice([1, 5, 50]))
            i += 1
        hub_sim.admin.faults(drop_reply_rate=0.0)
        for _ in range(5):
            if not replay(station, client).remaining:
                break
    finally:
        client.close()
    stats = hub_sim.admin.stats()
    assert stats["dropped_replies"] >= 200
    assert station.pending_count() == 0
    assert stats["alerts"] == 0 and stats["alerts_by_class"] == {}
    assert all(supplies(hub_sim, s) == 1 for s in serials[: len(ids)])  # 0 double decommissions
    assert all(station.dispense_record(d).status is DispenseStatus.CONFIRMED for d in ids)
    if reuse == "refuse":
        assert stats["by_return_code"].get("NMVS_NC_PCK_19", 0) == 0


def test_reused_id_te_tx_01_is_verified_never_an_alert(station: Station, hub_sim: Any) -> None:
    (serial,) = seed(hub_sim, 1)
    hub_sim.admin.faults(trx_id_reuse="refuse", drop_responses=1)
    with FmdRestClient(hub_sim.url, location_id=LOCATION, retries=1, backoff_s=0.001) as client:
        rec = station.record_supply(pack(serial), b"x", "anna")
        (result,) = send(station, client, [rec.client_trx_id])
        # the 502 was retried with the same bytes; the hub said TE_TX_01; a verify found it Supplied
        assert result.reply is not None and result.reply.ok and result.reply.state is PackState.SUPPLIED
    stats = hub_sim.admin.stats()
    assert stats["by_return_code"].get(ReturnCode.TRX_ID_REUSED.value) == 1 and stats["alerts"] == 0
    assert supplies(hub_sim, serial) == 1
    assert station.dispense_record(rec.id).status is DispenseStatus.CONFIRMED


def test_lost_answer_then_pack_supplied_elsewhere_is_a_conflict_not_a_resend(station: Station, hub_sim: Any) -> None:
    (serial,) = seed(hub_sim, 1)
    with FmdRestClient(hub_sim.url, location_id=LOCATION, retries=0) as client:
        hub_sim.admin.faults(drop_responses=1)
        rec = station.record_supply(pack(serial), b"x", "anna")
        (result,) = send(station, client, [rec.client_trx_id])
        assert result.outcome is None  # answer lost: still queued, marked verify first
        # meanwhile, the hub's view changes: the pack is destroyed by someone else (undo + destroy)
        with FmdRestClient(hub_sim.url, location_id=LOCATION, retries=0) as same_site:
            assert same_site.transact(HubRequest(Transaction.UNDO_SUPPLY, pack(serial), "undo-by-hand-01")).ok
        with FmdRestClient(hub_sim.url, location_id="OTHER", retries=0) as other:
            assert other.transact(HubRequest(Transaction.DESTROY, pack(serial), "destroy-elsewhere-1")).ok
        report = replay(station, client)
    assert (report.confirmed, report.conflicts, report.remaining) == (0, 1, 0)
    assert station.dispense_record(rec.id).status is DispenseStatus.CONFLICT
    assert supplies(hub_sim, serial) == 1 and hub_sim.admin.stats()["alerts"] == 0


def test_lost_answer_of_a_change_never_made_is_resent_with_the_same_id(station: Station, hub_sim: Any) -> None:
    """The connection failed before the hub saw anything but the client cannot know: it verifies
    (Active) and resends with the same client transaction id."""
    (serial,) = seed(hub_sim, 1)
    rec = station.record_supply(pack(serial), b"x", "anna")
    station.outbox.note_error(station.pending(), "[verify first] answer lost (timeout): scripted")
    with FmdRestClient(hub_sim.url, location_id=LOCATION, retries=0) as client:
        report = replay(station, client)
    assert (report.confirmed, report.remaining, report.sent) == (1, 0, 2)  # a verify, then the supply
    (h,) = [h for h in hub_sim.admin.pack(GTIN_A, serial)["history"] if h["transaction"] == "supply"]
    assert h["client_trx_id"] == rec.client_trx_id
