"""The simulator's real NMVS rules (shared/protocols/nmvs-blueprint-soap.md sections 6-7), shared by
every face: no-alert cases, the double-dispense limit, the manual-entry typo tolerance, v5 no-alert
twins, market-prefixed alert ids, intermarket packs, alerts counted by class."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_fixtures import GTIN_A, GTIN_B, LOCATION, far_date
from test_verdict import inp

from dispense_app.core.model import (
    EntryMode,
    HubRequest,
    PackRef,
    PackState,
    ProductScheme,
    ReturnCode,
    Transaction,
)
from dispense_app.core.verdict import decide
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.hub.simulator.rules import MarketRules, StoredPack, decide_real
from dispense_app.store import DispenseStatus, Station
from dispense_app.workflow.sender import replay

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
EXP = dt.date(2030, 1, 31)


def stored(state: PackState = PackState.ACTIVE, **kw: Any) -> StoredPack:
    return StoredPack(GTIN_A, "S1", "L1", EXP, state, **kw)


DEFAULT_RULES = MarketRules()


def run(trx: Transaction, pack: StoredPack | None, rules: MarketRules = DEFAULT_RULES, **kw: Any) -> Any:
    args: dict[str, Any] = dict(product_known=True, lot_known_for_product=False, lot=None, expiry=None)
    args.update(location="P1", now=NOW, rules=rules)
    args.update(kw)
    return decide_real(trx, pack, **args)


# --- pure rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("market", "tolerated"), [("DE", 1), ("XX", 1), ("GB", 2)])
def test_double_dispense_limit(market: str, tolerated: int) -> None:
    rules = MarketRules.for_market(market)
    supplied = stored(PackState.SUPPLIED, supplied_at=NOW, supplied_location="P1")
    for repeats in range(tolerated):
        out = run(Transaction.SUPPLY, supplied_with(supplied, repeats), rules)
        assert out.return_code is ReturnCode.REPEAT_TOLERATED and out.repeat and not out.alert
    beyond = run(Transaction.SUPPLY, supplied_with(supplied, tolerated), rules)
    assert beyond.return_code is ReturnCode.ALREADY_IN_STATE and beyond.alert and beyond.alert_class == "A7"
    other = run(Transaction.SUPPLY, supplied, rules, location="P2")  # someone else: an alert at once
    assert other.return_code is ReturnCode.ALREADY_IN_STATE and other.alert


def supplied_with(p: StoredPack, repeats: int) -> StoredPack:
    return StoredPack(
        p.gtin, p.serial, p.lot, p.expiry, p.state, p.reason, p.supplied_at, p.supplied_location, None, repeats
    )


@pytest.mark.parametrize(("market", "tolerance"), [("XX", 2), ("GB", 5)])
def test_manual_entry_typo_tolerance(market: str, tolerance: int) -> None:
    rules = MarketRules.for_market(market)
    for misses in range(tolerance):
        out = run(Transaction.VERIFY, None, rules, manual=True, manual_misses=misses)
        assert out.return_code is ReturnCode.SERIAL_UNKNOWN and not out.alert and out.manual_miss
    out = run(Transaction.VERIFY, None, rules, manual=True, manual_misses=tolerance)
    assert out.alert and out.alert_class == "A3"
    assert run(Transaction.VERIFY, None, rules, manual=False).alert  # a scan: no tolerance


@pytest.mark.parametrize("state", [PackState.EXPIRED, PackState.RECALLED, PackState.WITHDRAWN])
def test_no_alert_cases(state: PackState) -> None:
    destroy = run(Transaction.DESTROY, stored(state))
    expected = ReturnCode.BATCH_RECALLED if state is PackState.RECALLED else ReturnCode.ALREADY_INACTIVE
    assert destroy.return_code is expected and not destroy.alert
    undo = run(Transaction.UNDO_SUPPLY, stored(state))
    assert undo.return_code is ReturnCode.UNDO_STATE_MISMATCH and not undo.alert
    assert not run(Transaction.UNDO_SUPPLY, stored(PackState.ACTIVE)).alert
    assert run(Transaction.UNDO_SUPPLY, stored(PackState.DESTROYED)).alert_class == "A24"
    assert run(Transaction.SUPPLY, stored(PackState.DESTROYED)).alert_class == "A24"


def test_v5_answers_the_no_alert_twins() -> None:
    v5 = MarketRules(interface=5)
    assert run(Transaction.DESTROY, stored(PackState.EXPIRED), v5).return_code is ReturnCode.ALREADY_INACTIVE_NO_ALERT
    assert run(Transaction.UNDO_SUPPLY, stored(), v5).return_code is ReturnCode.UNDO_STATE_MISMATCH_NO_ALERT
    manual = run(Transaction.VERIFY, None, v5, manual=True)
    assert manual.return_code is ReturnCode.SERIAL_UNKNOWN_NO_ALERT and not manual.alert
    # where an alert is raised, v5 answers the original code
    assert run(Transaction.VERIFY, None, v5).return_code is ReturnCode.SERIAL_UNKNOWN
    # v4 answers the original code without an alert
    assert run(Transaction.DESTROY, stored(PackState.EXPIRED)).return_code is ReturnCode.ALREADY_INACTIVE


# --- against the running simulator -------------------------------------------------------------------


def ref(serial: str, gtin: str = GTIN_A, lot: str = "L1") -> PackRef:
    return PackRef(ProductScheme.GTIN, gtin, serial, lot, None)


def test_alert_ids_carry_the_market_and_stats_count_by_class(hub_sim: Any, hub_client: FmdRestClient) -> None:
    hub_sim.admin.rules("GB")
    assert hub_client.verify(ref("NOSUCH1")).alert_id.startswith("GB-A3-")
    assert hub_client.verify(ref("NOSUCH2")).alert_id.startswith("GB-A3-")
    stats = hub_sim.admin.stats()
    assert stats["alerts"] == 2 and stats["alerts_by_class"] == {"A3": 2}


def test_double_scan_is_tolerated_then_alerted_over_http(hub_sim: Any, hub_client: FmdRestClient) -> None:
    serial = "ACT01"
    assert hub_client.transact(HubRequest(Transaction.SUPPLY, ref(serial), "dd-1")).ok
    again = hub_client.transact(HubRequest(Transaction.SUPPLY, ref(serial), "dd-2"))
    assert again.return_code is ReturnCode.REPEAT_TOLERATED and again.alert_id is None
    third = hub_client.transact(HubRequest(Transaction.SUPPLY, ref(serial), "dd-3"))
    assert third.return_code is ReturnCode.ALREADY_IN_STATE and third.alert_id
    assert hub_sim.admin.stats()["alerts_by_class"] == {"A7": 1}


def test_manual_typos_over_http(hub_sim: Any, hub_client: FmdRestClient) -> None:
    for i in range(2):
        r = hub_client.verify(ref(f"TYPO{i}"), entry_mode=EntryMode.MANUAL)
        assert r.return_code is ReturnCode.SERIAL_UNKNOWN and r.alert_id is None
    assert hub_client.verify(ref("TYPO9"), entry_mode=EntryMode.MANUAL).alert_id
    assert hub_sim.admin.stats()["alerts"] == 1
    # a successful request for the product starts the count again
    assert hub_client.verify(ref("ACT01")).ok
    for i in range(2):
        assert hub_client.verify(ref(f"TYPO2{i}"), entry_mode=EntryMode.MANUAL).alert_id is None
    assert hub_sim.admin.stats()["alerts"] == 1


def test_rules_endpoint_over_http(hub_sim: Any) -> None:
    with httpx.Client(base_url=hub_sim.url) as http:
        got = http.post("/_admin/rules", json={"market": "GB", "interface": 5}).json()
        assert got == {"market": "GB", "double_dispense_limit": 3, "typo_tolerance": 5, "interface": 5}
        assert http.post("/_admin/rules", json={"market": "Germany"}).status_code == 422
        assert http.post("/_admin/rules", json={"interface": 6}).status_code == 422


def test_intermarket_pack_single_and_bulk(hub_sim: Any, hub_client: FmdRestClient, home: Path) -> None:
    hub_sim.admin.seed(
        [
            {"gtin": GTIN_B, "serial": f"FR00{i}", "lot": "F1", "expiry": far_date().isoformat(), "market": "FR"}
            for i in (1, 2, 3)
        ]
    )
    single = hub_client.verify(ref("FR001", GTIN_B, "F1"))
    assert single.ok and single.intermarket and single.extra["market"] == "FR"
    verdict = decide(inp(transaction=Transaction.VERIFY, hub=single))
    assert "hub.intermarket" in verdict.message_ids and "another country" in " ".join(verdict.messages())
    # bulk never takes the intermarket path
    (bulk,) = hub_client.bulk([HubRequest(Transaction.SUPPLY, ref("FR002", GTIN_B, "F1"), "imt-bulk-1")])
    assert bulk.return_code is ReturnCode.PRODUCT_UNKNOWN
    # foreign alert ids: the pack's market
    wrong = hub_client.verify(ref("FR001", GTIN_B, "OTHERLOT"))
    assert wrong.alert_id and wrong.alert_id.startswith("FR-A2-")
    # the outbox sends a pack a bulk answered NC_PC_01 for again singly: confirmed
    st = Station.open(home)
    try:
        st.settings.set("station.location", LOCATION)
        a = st.record_supply(PackRef(ProductScheme.GTIN, GTIN_A, "ACT02", "L1", far_date()), b"x", "anna")
        b = st.record_supply(PackRef(ProductScheme.GTIN, GTIN_B, "FR003", "F1", far_date()), b"x", "anna")
        report = replay(st, hub_client)
        assert (report.confirmed, report.conflicts, report.remaining) == (2, 0, 0)
        assert st.dispense_record(a.id).status is DispenseStatus.CONFIRMED
        assert st.dispense_record(b.id).status is DispenseStatus.CONFIRMED
    finally:
        st.close()
    assert hub_sim.admin.pack(GTIN_B, "FR003")["state"] == "Supplied"


def test_recall_after_supply_keeps_supplied_with_both_reasons(hub_sim: Any, hub_client: FmdRestClient) -> None:
    hub_sim.admin.seed(
        [{"gtin": GTIN_A, "serial": s, "lot": "RC1", "expiry": far_date().isoformat()} for s in ("RC01", "RC02")]
    )
    assert hub_client.transact(HubRequest(Transaction.SUPPLY, ref("RC01", lot="RC1"), "rc-s1")).ok
    assert hub_sim.admin.recall(GTIN_A, "RC1") == 2
    supplied = hub_client.verify(ref("RC01", lot="RC1"))
    assert supplied.state is PackState.SUPPLIED and supplied.reasons == ("Supplied", "Recalled")
    assert supplied.recalled_after and hub_sim.admin.pack(GTIN_A, "RC01")["reasons"] == ["Supplied", "Recalled"]
    verdict = decide(inp(transaction=Transaction.VERIFY, hub=supplied))
    assert verdict.primary is not None and verdict.primary.id == "state.supplied_recalled"
    assert "supplied" in verdict.reason() and "recalled" in verdict.reason()
    # never back into circulation: the undo is refused, without an alert
    undo = hub_client.transact(HubRequest(Transaction.UNDO_SUPPLY, ref("RC01", lot="RC1"), "rc-u1"))
    assert undo.return_code is ReturnCode.BATCH_RECALLED and undo.alert_id is None
    active = hub_client.verify(ref("RC02", lot="RC1"))
    assert active.state is PackState.RECALLED and not active.recalled_after
    assert hub_sim.admin.stats()["alerts"] == 0
