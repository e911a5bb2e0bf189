"""Every return code of shared/DOMAIN.md section 4, through the FMD REST client, against the real
simulator over loopback (standard packs from tests/hub_fixtures.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hub_fixtures import GTIN_A, GTIN_UNKNOWN, PPN_A, far_date

from dispense_app.core.model import (
    AlertLevel,
    HubReply,
    HubRequest,
    PackRef,
    PackState,
    ProductScheme,
    ReturnCode,
    Transaction,
)
from dispense_app.hub.fmd_rest import FmdRestClient


def ref(serial: str, lot: str | None = "L1", expiry: dt.date | None = None, gtin: str = GTIN_A) -> PackRef:
    return PackRef(ProductScheme.GTIN, gtin, serial, lot, expiry)


def do(client: FmdRestClient, trx: Transaction, pack: PackRef, trx_id: str) -> HubReply:
    return client.transact(HubRequest(trx, pack, trx_id))


def assert_alert(reply: HubReply, alert_class: str | None) -> None:
    if alert_class is None:
        assert reply.alert_id is None
        assert "alert_class" not in reply.extra
    else:
        # market-prefixed, as the real portals show them: XX (the simulator's default market)-class-...
        assert reply.alert_id is not None and reply.alert_id.startswith(f"XX-{alert_class}-")
        assert reply.extra["alert_class"] == alert_class


def test_success_verify_by_gtin_and_ppn(hub_client: FmdRestClient) -> None:
    r = hub_client.verify(ref("ACT01", "L1", far_date()))
    assert r.return_code is ReturnCode.SUCCESS and r.ok
    assert r.state is PackState.ACTIVE and r.lot == "L1" and r.expiry == far_date()
    assert r.http_status == 200
    assert_alert(r, None)
    by_ppn = hub_client.verify(PackRef(ProductScheme.PPN, PPN_A, "ACT01"))
    assert by_ppn.ok and by_ppn.product_name == "Ibuprofen 400 mg"


def test_product_unknown_pc01_no_alert(hub_client: FmdRestClient, hub_sim) -> None:
    r = hub_client.verify(ref("ACT01", gtin=GTIN_UNKNOWN))
    assert r.return_code is ReturnCode.PRODUCT_UNKNOWN and r.http_status == 404 and r.state is None
    assert_alert(r, None)
    s = do(hub_client, Transaction.SUPPLY, ref("X1", gtin=GTIN_UNKNOWN), "t-pc01")
    assert s.return_code is ReturnCode.PRODUCT_UNKNOWN
    assert hub_sim.admin.stats()["alerts"] == 0


def test_serial_unknown_pc02_raises_a3(hub_client: FmdRestClient, hub_sim) -> None:
    r = hub_client.verify(ref("NOSUCHSERIAL"))
    assert r.return_code is ReturnCode.SERIAL_UNKNOWN and r.http_status == 404
    assert_alert(r, "A3")
    assert hub_sim.admin.stats()["alerts"] == 1
    assert hub_sim.admin.alerts()[0]["alert_id"] == r.alert_id


def test_batch_unknown_lot03_a2(hub_client: FmdRestClient) -> None:
    r = hub_client.verify(ref("ACT02", "NOSUCHLOT"))
    assert r.return_code is ReturnCode.BATCH_UNKNOWN and r.state is PackState.ACTIVE
    assert_alert(r, "A2")


def test_batch_of_other_serial_lot13_a68(hub_client: FmdRestClient) -> None:
    # L2 exists for this product (pack OTHERLOT1) but not for ACT02
    r = hub_client.verify(ref("ACT02", "L2"))
    assert r.return_code is ReturnCode.BATCH_MISMATCH
    assert_alert(r, "A68")


def test_expiry_mismatch_lot12_a52(hub_client: FmdRestClient, hub_sim) -> None:
    r = hub_client.verify(ref("ACT02", "L1", dt.date(2031, 11, 30)))
    assert r.return_code is ReturnCode.EXPIRY_MISMATCH
    assert_alert(r, "A52")
    s = do(hub_client, Transaction.SUPPLY, ref("ACT02", "L1", dt.date(2031, 11, 30)), "t-lot12")
    assert s.return_code is ReturnCode.EXPIRY_MISMATCH and s.http_status == 409
    assert hub_sim.admin.pack(GTIN_A, "ACT02")["state"] == "Active"


def test_already_inactive_pck22(hub_client: FmdRestClient, hub_sim) -> None:
    # verify of a supplied pack: informative, no alert
    v = hub_client.verify(ref("SUPPLIED1"))
    assert v.return_code is ReturnCode.ALREADY_INACTIVE and v.state is PackState.SUPPLIED
    assert_alert(v, None)
    # supplying a destroyed pack: A24
    d = do(hub_client, Transaction.SUPPLY, ref("DESTROYED1"), "t-22a")
    assert d.return_code is ReturnCode.ALREADY_INACTIVE and d.state is PackState.DESTROYED
    assert d.http_status == 409
    assert_alert(d, "A24")
    # ...but no alert when the pack is inactive because it expired, or was withdrawn
    for serial, state in (("WITHDRAWN1", PackState.WITHDRAWN), ("EXPSTATE1", PackState.EXPIRED)):
        q = do(hub_client, Transaction.DESTROY, ref(serial), f"t-22-{serial}")
        assert q.return_code is ReturnCode.ALREADY_INACTIVE and q.state is state
        assert_alert(q, None)
        assert q.return_code.alert_level(q.state) is AlertLevel.BLOCK
    assert hub_sim.admin.stats()["alerts"] == 1


def test_undo_state_mismatch_pck06(hub_client: FmdRestClient) -> None:
    r = do(hub_client, Transaction.UNDO_SUPPLY, ref("ACT03"), "t-06")
    assert r.return_code is ReturnCode.UNDO_STATE_MISMATCH and r.state is PackState.ACTIVE
    assert_alert(r, None)  # the real exception [REKS]: an undo of an Active pack raises no alert
    locked = do(hub_client, Transaction.UNDO_SUPPLY, ref("LOCKED1"), "t-06b")
    assert locked.return_code is ReturnCode.UNDO_STATE_MISMATCH and locked.state is PackState.LOCKED
    assert_alert(locked, "A24")


def test_already_in_requested_state_pck19_a7(hub_client: FmdRestClient, hub_sim) -> None:
    r = do(hub_client, Transaction.SUPPLY, ref("SUPPLIED1"), "t-19")
    assert r.return_code is ReturnCode.ALREADY_IN_STATE and r.state is PackState.SUPPLIED
    assert_alert(r, "A7")
    lock = do(hub_client, Transaction.LOCK, ref("LOCKED1"), "t-19b")
    assert lock.return_code is ReturnCode.ALREADY_IN_STATE
    assert len(hub_sim.admin.pack(GTIN_A, "SUPPLIED1")["history"]) == 0


def test_undo_within_and_after_ten_days_pck20(hub_client: FmdRestClient, hub_sim) -> None:
    assert do(hub_client, Transaction.SUPPLY, ref("ACT04"), "t-20-s").ok
    assert do(hub_client, Transaction.SUPPLY, ref("ACT05"), "t-20-s2").ok
    hub_sim.admin.advance_clock(239)
    within = do(hub_client, Transaction.UNDO_SUPPLY, ref("ACT04"), "t-20-u1")
    assert within.ok and within.state is PackState.ACTIVE
    hub_sim.admin.advance_clock(2)  # 241 h after the supply of ACT05
    late = do(hub_client, Transaction.UNDO_SUPPLY, ref("ACT05"), "t-20-u2")
    assert late.return_code is ReturnCode.UNDO_TOO_LATE and late.state is PackState.SUPPLIED
    assert_alert(late, None)
    assert late.http_status == 409


def test_undo_from_other_location_pck21(hub_sim, hub_client: FmdRestClient) -> None:
    assert do(hub_client, Transaction.SUPPLY, ref("ACT06"), "t-21-s").ok
    with FmdRestClient(hub_sim.url, location_id="PHARMACY-2", retries=0) as other:
        r = do(other, Transaction.UNDO_SUPPLY, ref("ACT06"), "t-21-u")
    assert r.return_code is ReturnCode.UNDO_OTHER_LOCATION and r.state is PackState.SUPPLIED
    assert_alert(r, None)
    assert do(hub_client, Transaction.UNDO_SUPPLY, ref("ACT06"), "t-21-u2").ok


def test_batch_recalled_lot01(hub_client: FmdRestClient, hub_sim) -> None:
    r = do(hub_client, Transaction.SUPPLY, ref("RECALL1", "RC1"), "t-01")
    assert r.return_code is ReturnCode.BATCH_RECALLED and r.state is PackState.RECALLED
    assert_alert(r, None)
    assert hub_client.verify(ref("RECALL1", "RC1")).return_code is ReturnCode.BATCH_RECALLED
    # a recall of a whole batch reaches packs that were active
    assert hub_sim.admin.recall(GTIN_A, "L2") == 1
    assert do(hub_client, Transaction.SUPPLY, ref("OTHERLOT1", "L2"), "t-01b").return_code is ReturnCode.BATCH_RECALLED


def test_pack_expired_pck02_blocks_supply_not_destroy(hub_client: FmdRestClient, hub_sim) -> None:
    pack = ref("EXPIRED1", "LX", dt.date(2020, 1, 31))
    assert hub_client.verify(pack).return_code is ReturnCode.PACK_EXPIRED
    s = do(hub_client, Transaction.SUPPLY, pack, "t-02")
    assert s.return_code is ReturnCode.PACK_EXPIRED and s.state is PackState.ACTIVE
    assert_alert(s, None)
    assert do(hub_client, Transaction.DESTROY, pack, "t-02d").ok
    # the simulator's clock makes a pack expire
    hub_sim.admin.advance_clock(24 * 365 * 30)
    assert hub_client.verify(ref("ACT07")).return_code is ReturnCode.PACK_EXPIRED


def test_undo_of_expired_supplied_pack_refused(hub_client: FmdRestClient, hub_sim) -> None:
    assert do(hub_client, Transaction.SUPPLY, ref("ACT08"), "t-e1").ok
    hub_sim.admin.advance_clock(24 * 365 * 30)
    r = do(hub_client, Transaction.UNDO_SUPPLY, ref("ACT08"), "t-e2")
    assert r.return_code is ReturnCode.PACK_EXPIRED and r.state is PackState.SUPPLIED


def test_trx_id_reused_for_other_payload_te_tx_01(hub_client: FmdRestClient, hub_sim) -> None:
    assert do(hub_client, Transaction.SUPPLY, ref("ACT09"), "same-id").ok
    r = do(hub_client, Transaction.SUPPLY, ref("ACT10"), "same-id")
    assert r.return_code is ReturnCode.TRX_ID_REUSED and r.http_status == 409
    assert hub_sim.admin.pack(GTIN_A, "ACT10")["state"] == "Active"


@pytest.mark.parametrize(
    ("trx", "serial", "end"),
    [
        (Transaction.DESTROY, "ACT11", PackState.DESTROYED),
        (Transaction.SAMPLE, "ACT12", PackState.SAMPLE),
        (Transaction.FREE_SAMPLE, "ACT13", PackState.FREE_SAMPLE),
        (Transaction.LOCK, "ACT14", PackState.LOCKED),
        (Transaction.STOLEN, "ACT15", PackState.STOLEN),
        (Transaction.EXPORT, "ACT16", PackState.EXPORTED),
        (Transaction.CHECK_OUT, "ACT17", PackState.CHECKED_OUT),
        (Transaction.UNLOCK, "LOCKED1", PackState.ACTIVE),
        (Transaction.UNDO_CHECK_OUT, "CHECKEDOUT1", PackState.ACTIVE),
    ],
)
def test_every_transaction(hub_client: FmdRestClient, hub_sim, trx: Transaction, serial: str, end: PackState) -> None:
    r = do(hub_client, trx, ref(serial), f"t-{trx.value}")
    assert r.ok and r.state is end
    history = hub_sim.admin.pack(GTIN_A, serial)["history"]
    assert history[-1]["transaction"] == trx.value and history[-1]["to"] == end.value
    assert history[-1]["location"] == "PHARMACY-1"


def test_final_states_never_undone(hub_client: FmdRestClient) -> None:
    assert do(hub_client, Transaction.STOLEN, ref("ACT18"), "t-f1").ok
    for trx in (Transaction.UNDO_SUPPLY, Transaction.UNLOCK, Transaction.UNDO_CHECK_OUT):
        r = do(hub_client, trx, ref("ACT18"), f"t-f-{trx.value}")
        assert not r.ok and r.state is PackState.STOLEN


def test_alerts_are_counted(hub_client: FmdRestClient, hub_sim) -> None:
    ids = {
        hub_client.verify(ref("NOPE1")).alert_id,
        hub_client.verify(ref("NOPE2")).alert_id,
        hub_client.verify(ref("ACT01", "ZZZ")).alert_id,
    }
    assert None not in ids and len(ids) == 3
    stats = hub_sim.admin.stats()
    assert stats["alerts"] == 3
    assert stats["by_return_code"]["NMVS_NC_PC_02"] == 2
