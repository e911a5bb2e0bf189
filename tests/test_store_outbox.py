"""The outbox: record first (one transaction, before any network I/O), replay in order and in bulk,
idempotent resends, conflicts, undo rules and the double-decommission guard.

Acceptance tests run against the real hub simulator over loopback (``hub_sim``/``hub_client``
fixtures); a few edge cases (rate limits, malformed requests, a hub that drops replies) use a small
wrapper around the real client or a fake.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hub_fixtures import GTIN_A, GTIN_B, LOCATION, far_date
from hypothesis import given, settings
from hypothesis import strategies as st

from dispense_app.core.alerts import AlertSource
from dispense_app.core.model import (
    EntryMode,
    HubReply,
    HubRequest,
    HubRequestError,
    HubUnavailable,
    PackRef,
    PackState,
    ProductInfo,
    ProductScheme,
    ReturnCode,
    Transaction,
)
from dispense_app.store import (
    DispenseStatus,
    DoubleDecommissionError,
    InvalidInputError,
    NotDispensedHereError,
    OutboxState,
    Station,
    SupplyItem,
    UndoWindowClosedError,
)
from dispense_app.workflow.sender import replay, send


def pack(serial: str, gtin: str = GTIN_A, lot: str | None = "L1") -> PackRef:
    return PackRef(ProductScheme.GTIN, gtin, serial, lot, far_date() if lot else None)


@pytest.fixture
def station(home: Path, store_url: str) -> Iterator[Station]:
    st = Station.open(home)
    st.settings.set("station.location", LOCATION)
    yield st
    st.close()


def supplies(sim: Any, serial: str, gtin: str = GTIN_A) -> list[dict[str, Any]]:
    view = sim.admin.pack(gtin, serial)
    return [h for h in view["history"] if h["transaction"] == "supply"]


def someone_else_supplies(sim: Any, serial: str) -> None:
    """Another pharmacy supplies the pack (its own client transaction id, its own location)."""
    import uuid

    from dispense_app.hub.fmd_rest import FmdRestClient

    with FmdRestClient(sim.url, location_id="OTHER-PHARMACY") as other:
        reply = other.transact(HubRequest(Transaction.SUPPLY, pack(serial), str(uuid.uuid4())))
    assert reply.ok


class KilledAfterSend(Exception):
    """Stands for the process dying after the hub answered, before the answer was recorded."""


class DiesAfterSend:
    """Passes requests to the real client, then 'dies' before the station can record the replies."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls = 0

    def transact(self, request: HubRequest) -> HubReply:
        self.inner.transact(request)
        raise KilledAfterSend

    def bulk(self, requests: list[HubRequest]) -> list[HubReply]:
        self.calls += 1
        self.inner.bulk(requests)
        raise KilledAfterSend


# ---------------------------------------------------------------- recording


def test_record_supply_writes_record_outbox_and_audit_in_one_transaction(station: Station) -> None:
    rec = station.record_supply(pack("ACT01"), b"\x1d010415003752864", "anna", "PAT-1", "RX-9")
    assert rec.status is DispenseStatus.QUEUED
    assert rec.raw_hex.startswith("1D")
    assert rec.undo_deadline - rec.created_at == dt.timedelta(hours=240)
    assert rec.location == LOCATION and rec.station == station.station_id
    (entry,) = station.pending()
    assert entry.client_trx_id == rec.client_trx_id and entry.dispense_id == rec.id
    assert entry.transaction is Transaction.SUPPLY and entry.attempts == 0
    assert [e.kind for e in station.audit.entries()][-1] == "dispense"
    assert station.dispense_record(rec.id) == rec


def test_record_supply_is_all_or_nothing(station: Station, monkeypatch: pytest.MonkeyPatch) -> None:
    """If anything in the transaction fails (here the audit append), no record and no outbox row remain."""

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(station.audit, "_append", boom)
    with pytest.raises(RuntimeError):
        station.record_supply(pack("ACT01"), b"x", "anna")
    monkeypatch.undo()
    assert station.pending() == []
    assert list(station.dispense_records()) == []
    station.record_supply(pack("ACT01"), b"x", "anna")  # and the pack is not blocked by a ghost


def test_record_supplies_batch_is_atomic(station: Station) -> None:
    station.record_supply(pack("ACT03"), b"x", "anna")
    items = [SupplyItem(pack(s), b"x", "anna") for s in ("ACT01", "ACT02", "ACT03")]
    with pytest.raises(DoubleDecommissionError):
        station.record_supplies(items)
    assert [e.pack.serial for e in station.pending()] == ["ACT03"]
    assert len(station.record_supplies(items[:2])) == 2


@pytest.mark.parametrize(
    "bad",
    [
        PackRef(ProductScheme.GTIN, "", "S1"),
        PackRef(ProductScheme.GTIN, GTIN_A, ""),
        PackRef(ProductScheme.GTIN, GTIN_A, "X" * 21),
        PackRef(ProductScheme.GTIN, GTIN_A, "S\n1"),
        PackRef(ProductScheme.GTIN, "9" * 51, "S1"),
        PackRef(ProductScheme.GTIN, GTIN_A, "S1", "L" * 21),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(station: Station, bad: PackRef) -> None:
    with pytest.raises(InvalidInputError):
        station.record_supply(bad, b"x", "anna")
    assert station.pending() == [] and list(station.dispense_records()) == []


# ---------------------------------------------------------------- double-decommission guard


def test_second_decommission_of_a_pack_is_refused_offline(station: Station) -> None:
    first = station.record_supply(pack("ACT01"), b"x", "anna", "PAT-1")
    with pytest.raises(DoubleDecommissionError) as err:
        station.record_supply(pack("ACT01"), b"x", "ben", "PAT-2")
    assert err.value.existing_id == first.id and err.value.existing_status == "queued"
    # another pack's serial under another product is a different pack
    station.record_supply(pack("ACT01", gtin=GTIN_B, lot=None), b"x", "ben")
    assert len(station.pending()) == 2


def test_second_decommission_refused_online_before_the_hub_is_asked(
    station: Station, hub_sim: Any, hub_client: Any
) -> None:
    rec = station.record_supply(pack("ACT01"), b"x", "anna")
    (res,) = send(station, hub_client, [rec.client_trx_id])
    assert res.outcome is not None and res.outcome.value == "confirmed"
    requests_before = hub_sim.admin.stats()["requests"]
    with pytest.raises(DoubleDecommissionError) as err:
        station.record_supply(pack("ACT01"), b"x", "anna")
    assert err.value.existing_status == "confirmed"
    assert hub_sim.admin.stats()["requests"] == requests_before
    assert len(supplies(hub_sim, "ACT01")) == 1


def test_guard_holds_across_two_processes_sharing_the_file(home: Path) -> None:
    """Two Station objects (as two processes would) on one file: the unique partial index decides."""
    a, b = Station.open(home), Station.open(home)
    try:
        a.record_supply(pack("ACT01"), b"x", "anna")
        with pytest.raises(DoubleDecommissionError):
            b.record_supply(pack("ACT01"), b"x", "ben")
        # even bypassing the check, the database refuses a second open decommission
        with pytest.raises(sqlite3.IntegrityError):
            b.db.conn.execute(
                "INSERT INTO dispense (id, created_at, updated_at, status, transaction_type, client_trx_id,"
                " product_scheme, product_code, serial, raw_hex, entry_mode, undo_deadline)"
                " VALUES ('D-x', 'a', 'a', 'queued', 'supply', 'trx-x', 'GTIN', ?, 'ACT01', '', 'scan', 'z')",
                (GTIN_A,),
            )
    finally:
        a.close()
        b.close()


def test_pack_can_be_dispensed_again_after_its_undo(station: Station, hub_sim: Any, hub_client: Any) -> None:
    rec = station.record_supply(pack("ACT02"), b"x", "anna")
    replay(station, hub_client)
    station.record_undo(rec.id, operator="anna", reason="wrong patient")
    assert replay(station, hub_client).confirmed == 1
    assert station.dispense_record(rec.id).status is DispenseStatus.UNDONE
    again = station.record_supply(pack("ACT02"), b"x", "anna", "PAT-2")
    assert replay(station, hub_client).confirmed == 1
    assert station.dispense_record(again.id).status is DispenseStatus.CONFIRMED
    assert len(supplies(hub_sim, "ACT02")) == 2


# ---------------------------------------------------------------- replay against the simulator


def test_replay_sends_in_bulk_and_confirms(station: Station, hub_sim: Any, hub_client: Any) -> None:
    recs = [station.record_supply(pack(f"ACT{i:02d}"), b"x", "anna", f"PAT-{i}") for i in range(1, 11)]
    before = hub_sim.admin.stats()["requests"]
    report = replay(station, hub_client, chunk_size=4)
    assert (report.sent, report.confirmed, report.conflicts, report.remaining) == (10, 10, 0, 0)
    assert hub_sim.admin.stats()["requests"] - before == 3  # 4 + 4 + 2 packs: three bulk requests
    for rec in recs:
        got = station.dispense_record(rec.id)
        assert got.status is DispenseStatus.CONFIRMED and got.hub_trx_id and got.confirmed_at
        (h,) = supplies(hub_sim, rec.pack.serial)
        assert h["client_trx_id"] == rec.client_trx_id and h["location"] == LOCATION
        assert station.pack_states.get(GTIN_A, rec.pack.serial).state == "Supplied"  # type: ignore[union-attr]
    # a confirmed row is never sent again
    again = replay(station, hub_client)
    assert (again.sent, again.remaining) == (0, 0)
    assert hub_sim.admin.stats()["requests"] - before == 3


def test_replay_keeps_order_of_supply_and_undo_of_one_pack(station: Station, hub_sim: Any, hub_client: Any) -> None:
    rec = station.record_supply(pack("ACT05"), b"x", "anna")
    station.record_supply(pack("ACT06"), b"x", "anna")
    # make the supply count as sent once (so the undo cannot just cancel it locally)
    station.db.conn.execute("UPDATE outbox SET attempts = 1 WHERE client_trx_id = ?", (rec.client_trx_id,))
    station.db.conn.commit()
    station.record_undo(rec.id, operator="anna")
    report = replay(station, hub_client)
    assert (report.sent, report.confirmed, report.remaining) == (3, 3, 0)
    history = hub_sim.admin.pack(GTIN_A, "ACT05")["history"]
    assert [h["transaction"] for h in history] == ["supply", "undo-supply"]
    assert hub_sim.admin.pack(GTIN_A, "ACT05")["state"] == "Active"
    assert station.dispense_record(rec.id).status is DispenseStatus.UNDONE


def test_killed_after_send_before_confirm_is_resent_with_same_id_and_counted_once(
    station: Station, hub_sim: Any, hub_client: Any
) -> None:
    recs = [station.record_supply(pack(f"ACT{i:02d}"), b"x", "anna") for i in range(1, 6)]
    with pytest.raises(KilledAfterSend):
        replay(station, DiesAfterSend(hub_client))
    # the hub applied them; the station did not record it: they are still pending (sending)
    assert {e.state for e in station.pending()} == {OutboxState.SENDING}
    assert all(len(supplies(hub_sim, r.pack.serial)) == 1 for r in recs)
    report = replay(station, hub_client)
    assert (report.sent, report.confirmed, report.conflicts, report.remaining) == (5, 5, 0, 0)
    for rec in recs:
        assert len(supplies(hub_sim, rec.pack.serial)) == 1  # exactly once on the hub
        assert station.dispense_record(rec.id).status is DispenseStatus.CONFIRMED
    stats = hub_sim.admin.stats()
    assert stats["alerts"] == 0 and set(stats["by_return_code"]) == {"NMVS_SUCCESS"}


def test_hub_outage_leaves_everything_queued(station: Station, hub_sim: Any, hub_client: Any) -> None:
    recs = [station.record_supply(pack(f"ACT{i:02d}"), b"x", "anna") for i in range(1, 4)]
    hub_sim.admin.faults(outage=True)
    report = replay(station, hub_client)
    assert (report.confirmed, report.remaining) == (0, 3) and report.error
    pending = station.pending()
    assert [e.client_trx_id for e in pending] == [r.client_trx_id for r in recs]
    assert all(e.last_error and "503" in e.last_error for e in pending)
    hub_sim.admin.clear_faults()
    assert replay(station, hub_client).confirmed == 3
    assert station.pending_count() == 0


def test_conflict_someone_else_supplied_the_pack(station: Station, hub_sim: Any, hub_client: Any) -> None:
    """Offline we handed out ACT07; meanwhile another pharmacy supplied it: post-hoc alert + conflict."""
    rec = station.record_supply(pack("ACT07"), b"\x1dx", "anna", "PAT-7", entry_mode=EntryMode.MANUAL)
    someone_else_supplies(hub_sim, "ACT07")
    report = replay(station, hub_client)
    assert (report.sent, report.confirmed, report.conflicts, report.remaining) == (1, 0, 1, 0)
    got = station.dispense_record(rec.id)
    assert got.status is DispenseStatus.CONFLICT and got.return_code in ("NMVS_NC_PCK_19", "NMVS_NC_PCK_22")
    (alert,) = list(station.alerts())
    assert alert.alert_id == got.alert_id == report.alerts[0]
    assert alert.source is AlertSource.REPLAY and alert.dispense_id == rec.id and alert.patient_ref == "PAT-7"
    assert alert.raw_hex == "1D78" and alert.entry_mode == "manual" and alert.serial == "ACT07"
    assert alert.supplied_anyway and alert.request == "supply"
    # the conflict is no longer an open decommission: nothing blocks a re-scan
    assert station.open_decommission(GTIN_A, "ACT07") is None


def test_own_transaction_already_applied_is_confirmed_not_a_conflict(
    station: Station, hub_sim: Any, hub_client: Any
) -> None:
    rec = station.record_supply(pack("ACT08"), b"x", "anna")
    hub_client.transact(HubRequest(Transaction.SUPPLY, pack("ACT08"), rec.client_trx_id))  # reached the hub earlier
    report = replay(station, hub_client)
    assert (report.confirmed, report.conflicts) == (1, 0)
    assert station.dispense_record(rec.id).status is DispenseStatus.CONFIRMED
    assert len(supplies(hub_sim, "ACT08")) == 1 and hub_sim.admin.stats()["alerts"] == 0


def test_rejected_at_replay_unknown_serial_and_recalled(station: Station, hub_sim: Any, hub_client: Any) -> None:
    unknown = station.record_supply(pack("NOPE1"), b"x", "anna", "PAT-1")
    recalled = station.record_supply(pack("RECALL1", lot="RC1"), b"x", "anna", "PAT-2")
    report = replay(station, hub_client)
    assert (report.confirmed, report.conflicts, report.remaining) == (0, 2, 0)
    assert station.dispense_record(unknown.id).status is DispenseStatus.REJECTED
    assert station.dispense_record(unknown.id).return_code == ReturnCode.SERIAL_UNKNOWN.value
    assert station.dispense_record(recalled.id).return_code == ReturnCode.BATCH_RECALLED.value
    assert {a.patient_ref for a in station.alerts(source=AlertSource.REPLAY)} == {"PAT-1", "PAT-2"}


# ---------------------------------------------------------------- undo


def test_undo_before_anything_was_sent_is_cancelled_locally(station: Station, hub_sim: Any, hub_client: Any) -> None:
    rec = station.record_supply(pack("ACT09"), b"x", "anna")
    got = station.record_undo(rec.id, operator="anna", reason="scanned by mistake")
    assert got.status is DispenseStatus.CANCELLED and station.pending_count() == 0
    before = hub_sim.admin.stats()["requests"]
    assert replay(station, hub_client).sent == 0
    assert hub_sim.admin.stats()["requests"] == before
    assert hub_sim.admin.pack(GTIN_A, "ACT09")["history"] == []


def test_undo_within_window_is_queued_and_sent(station: Station, hub_sim: Any, hub_client: Any) -> None:
    rec = station.record_supply(pack("ACT10"), b"x", "anna")
    replay(station, hub_client)
    got = station.record_undo((GTIN_A, "ACT10"), operator="ben", reason="returned at the counter")
    assert got.status is DispenseStatus.UNDO_QUEUED and got.undo_client_trx_id
    assert station.record_undo(rec.id, operator="ben").status is DispenseStatus.UNDO_QUEUED  # idempotent
    assert station.pending_count() == 1
    report = replay(station, hub_client)
    assert (report.confirmed, report.conflicts) == (1, 0)
    assert station.dispense_record(rec.id).status is DispenseStatus.UNDONE
    assert hub_sim.admin.pack(GTIN_A, "ACT10")["state"] == "Active"
    with pytest.raises(NotDispensedHereError):
        station.record_undo(rec.id, operator="ben")


def test_undo_after_the_window_is_refused_locally_and_never_sent(
    station: Station, hub_sim: Any, hub_client: Any
) -> None:
    rec = station.record_supply(pack("ACT11"), b"x", "anna")
    replay(station, hub_client)
    late = rec.created_at + dt.timedelta(hours=240, seconds=1)
    with pytest.raises(UndoWindowClosedError) as err:
        station.record_undo(rec.id, operator="anna", now=late)
    assert "10-day" in str(err.value) and "NMVS_NC_PCK_20" in str(err.value)
    assert station.pending_count() == 0
    assert station.dispense_record(rec.id).status is DispenseStatus.CONFIRMED
    assert [e.kind for e in station.audit.entries()][-1] == "undo-refused"
    # just inside the window is fine
    assert station.record_undo(rec.id, operator="anna", now=late - dt.timedelta(seconds=2)).status is (
        DispenseStatus.UNDO_QUEUED
    )


def test_queued_undo_that_would_land_after_the_window_is_refused_at_replay(
    station: Station, hub_sim: Any, hub_client: Any
) -> None:
    rec = station.record_supply(pack("ACT12"), b"x", "anna", "PAT-12")
    replay(station, hub_client)
    station.record_undo(rec.id, operator="anna")  # queued while the hub was (say) unreachable
    before = hub_sim.admin.stats()["requests"]
    report = replay(station, hub_client, now=rec.created_at + dt.timedelta(days=11))
    assert (report.sent, report.confirmed, report.conflicts, report.remaining) == (0, 0, 1, 0)
    assert hub_sim.admin.stats()["requests"] == before  # never sent
    got = station.dispense_record(rec.id)
    assert got.status is DispenseStatus.CONFIRMED and got.reason and "undo window closed" in got.reason
    (alert,) = list(station.alerts(dispense_id=rec.id))
    assert alert.source is AlertSource.LOCAL and alert.patient_ref == "PAT-12"
    assert hub_sim.admin.pack(GTIN_A, "ACT12")["state"] == "Supplied"


def test_undo_queued_behind_a_supply_that_conflicts_is_cancelled(
    station: Station, hub_sim: Any, hub_client: Any
) -> None:
    rec = station.record_supply(pack("ACT13"), b"x", "anna")
    station.db.conn.execute("UPDATE outbox SET attempts = 1 WHERE client_trx_id = ?", (rec.client_trx_id,))
    station.db.conn.commit()
    station.record_undo(rec.id, operator="anna")
    someone_else_supplies(hub_sim, "ACT13")
    report = replay(station, hub_client)
    assert (report.sent, report.conflicts, report.remaining) == (1, 1, 0)
    assert station.dispense_record(rec.id).status is DispenseStatus.CONFLICT
    assert hub_sim.admin.pack(GTIN_A, "ACT13")["state"] == "Supplied"  # our undo did not reactivate theirs


def test_undo_refused_by_the_hub_other_location(home: Path, hub_sim: Any) -> None:
    from dispense_app.hub.fmd_rest import FmdRestClient

    with Station.open(home) as st:
        st.settings.set("station.location", LOCATION)
        rec = st.record_supply(pack("ACT14"), b"x", "anna")
        with FmdRestClient(hub_sim.url, location_id=LOCATION) as ours:
            replay(st, ours)
        st.record_undo(rec.id, operator="anna")
        with FmdRestClient(hub_sim.url, location_id="ELSEWHERE") as theirs:
            report = replay(st, theirs)
        assert (report.confirmed, report.conflicts) == (0, 1)
        got = st.dispense_record(rec.id)
        assert got.status is DispenseStatus.CONFIRMED and "NMVS_NC_PCK_21" in (got.reason or "")


# ---------------------------------------------------------------- online send


def test_send_online_reports_outcome_without_post_hoc_alert(station: Station, hub_sim: Any, hub_client: Any) -> None:
    ok = station.record_supply(pack("ACT15"), b"x", "anna")
    bad = station.record_supply(pack("SUPPLIED1"), b"x", "anna")
    results = send(station, hub_client, [ok.client_trx_id, bad.client_trx_id])
    assert [r.outcome.value if r.outcome else None for r in results] == ["confirmed", "conflict"]
    assert results[1].reply_return_code == ReturnCode.ALREADY_IN_STATE.value
    assert results[1].state == "Supplied" and results[1].alert_id is None
    assert list(station.alerts()) == []  # the workflow shows the STOP and records its own alert


def test_send_offline_keeps_it_queued(station: Station, hub_sim: Any, hub_client: Any) -> None:
    rec = station.record_supply(pack("ACT16"), b"x", "anna")
    hub_sim.admin.faults(outage=True)
    (res,) = send(station, hub_client, [rec.client_trx_id])
    assert res.outcome is None
    assert station.dispense_record(rec.id).queued
    hub_sim.admin.clear_faults()
    assert replay(station, hub_client).confirmed == 1


# ---------------------------------------------------------------- edge cases with fakes


class FakeHub:
    """A scripted HubClient for protocol edge cases the simulator does not produce on demand."""

    def __init__(self) -> None:
        self.bulk_calls: list[list[str]] = []
        self.rate_limited = 0
        self.malformed: set[str] = set()

    def _reply(self, r: HubRequest) -> HubReply:
        return HubReply(ReturnCode.SUCCESS, r.transaction.target_state, client_trx_id=r.client_trx_id)

    def verify(self, pack: PackRef, *, entry_mode: EntryMode = EntryMode.SCAN) -> HubReply:
        return HubReply(ReturnCode.SUCCESS, PackState.ACTIVE)

    def transact(self, request: HubRequest) -> HubReply:
        if request.pack.serial in self.malformed:
            raise HubRequestError("422 bad batch", status=422)
        return self._reply(request)

    def bulk(self, requests: list[HubRequest]) -> list[HubReply]:
        self.bulk_calls.append([r.pack.serial for r in requests])
        if self.rate_limited:
            self.rate_limited -= 1
            raise HubUnavailable("hub answered 429", status=429, retry_after=0.5)
        if any(r.pack.serial in self.malformed for r in requests):
            raise HubRequestError("422 bad item", status=422)
        return [self._reply(r) for r in requests]

    def product(self, gtin: str) -> ProductInfo | None:
        return None

    def close(self) -> None:
        pass


def test_rate_limited_bulk_waits_and_retries(station: Station) -> None:
    for i in range(1, 4):
        station.record_supply(pack(f"ACT{i:02d}"), b"x", "anna")
    hub = FakeHub()
    hub.rate_limited = 2
    waits: list[float] = []
    report = replay(station, hub, sleep=waits.append)
    assert waits == [0.5, 0.5] and report.confirmed == 3 and report.remaining == 0


def test_malformed_request_is_held_back_never_dropped(station: Station) -> None:
    a = station.record_supply(pack("ACT01"), b"x", "anna")
    bad = station.record_supply(pack("BAD01"), b"x", "anna")
    station.db.conn.execute("UPDATE outbox SET attempts = 1 WHERE client_trx_id = ?", (bad.client_trx_id,))
    station.db.conn.commit()
    station.record_undo(bad.id, operator="anna")  # queued behind the bad one: must wait for it
    c = station.record_supply(pack("ACT03"), b"x", "anna")
    hub = FakeHub()
    hub.malformed = {"BAD01"}
    report = replay(station, hub)
    assert report.confirmed == 2 and report.remaining == 2 and report.error and "held back" in report.error
    assert station.dispense_record(a.id).status is DispenseStatus.CONFIRMED
    assert station.dispense_record(c.id).status is DispenseStatus.CONFIRMED
    pending = station.pending()
    assert [(e.pack.serial, e.transaction) for e in pending] == [
        ("BAD01", Transaction.SUPPLY),
        ("BAD01", Transaction.UNDO_SUPPLY),
    ]
    assert pending[0].last_error and "malformed" in pending[0].last_error
    # the bulk request with the bad item was refused as a whole; then they went one by one
    assert hub.bulk_calls == [["ACT01", "BAD01"]]


def test_hub_that_drops_replies_is_treated_as_unavailable(station: Station) -> None:
    station.record_supply(pack("ACT01"), b"x", "anna")
    station.record_supply(pack("ACT02"), b"x", "anna")

    class Short(FakeHub):
        def bulk(self, requests: list[HubRequest]) -> list[HubReply]:
            return [self._reply(requests[0])]

    report = replay(station, Short())
    assert report.remaining == 2 and report.confirmed == 0 and report.error


def test_chunk_size_must_be_positive(station: Station) -> None:
    with pytest.raises(ValueError):
        replay(station, FakeHub(), chunk_size=0)


def test_hub_naming_our_location_confirms_an_already_supplied_pack(station: Station) -> None:
    rec = station.record_supply(pack("ACT01"), b"x", "anna")
    other = station.record_supply(pack("ACT02"), b"x", "anna")

    class ReportsLocation(FakeHub):
        def transact(self, request: HubRequest) -> HubReply:
            where = LOCATION if request.pack.serial == "ACT01" else "SOMEWHERE-ELSE"
            return HubReply(ReturnCode.ALREADY_IN_STATE, PackState.SUPPLIED, extra={"location": where})

    report = replay(station, ReportsLocation(), chunk_size=1)
    assert (report.confirmed, report.conflicts) == (1, 1)
    assert station.dispense_record(rec.id).status is DispenseStatus.CONFIRMED
    assert station.dispense_record(other.id).status is DispenseStatus.CONFLICT


def test_two_replays_at_once_send_each_pack_once(home: Path, hub_sim: Any) -> None:
    """Two processes (here two Station objects in two threads) replaying the same outbox."""
    import threading

    from dispense_app.hub.fmd_rest import FmdRestClient

    hub_sim.admin.seed(
        [{"gtin": GTIN_B, "serial": f"T{i:04d}", "lot": "BL1", "expiry": "2031-12-31"} for i in range(300)]
    )
    with Station.open(home) as s:
        s.settings.set("station.location", LOCATION)
        for i in range(300):
            s.record_supply(pack(f"T{i:04d}", gtin=GTIN_B, lot="BL1"), b"x", "anna")
    reports = []

    def replay_in_a_thread() -> None:
        with Station.open(home) as mine, FmdRestClient(hub_sim.url, location_id=LOCATION) as client:
            reports.append(replay(mine, client, chunk_size=7))

    threads = [threading.Thread(target=replay_in_a_thread) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.confirmed for r in reports) == 300 and all(r.conflicts == 0 for r in reports)
    with Station.open(home) as s:
        assert s.pending_count() == 0
        assert {r.status for r in s.dispense_records()} == {DispenseStatus.CONFIRMED}
    for i in range(0, 300, 17):
        assert len(supplies(hub_sim, f"T{i:04d}", gtin=GTIN_B)) == 1
    assert hub_sim.admin.stats()["alerts"] == 0


printable = st.text(max_size=30)


def test_whatever_is_scanned_is_recorded_or_refused_cleanly(station: Station) -> None:
    """Arbitrary codes, serials, batches and raw bytes: recorded, or refused with InvalidInputError
    and nothing written; never another exception, never a second open decommission."""

    @settings(max_examples=150, deadline=None)
    @given(code=printable, serial=printable, lot=st.one_of(st.none(), printable), raw=st.binary(max_size=300))
    def scan(code: str, serial: str, lot: str | None, raw: bytes) -> None:
        before = station.pending_count()
        already = station.open_decommission(code, serial) is not None
        try:
            rec = station.record_supply(PackRef(ProductScheme.GTIN, code, serial, lot), raw, "anna")
        except InvalidInputError:
            assert station.pending_count() == before
            return
        except DoubleDecommissionError:
            assert already and station.pending_count() == before
            return
        assert not already
        assert station.dispense_record(rec.id).pack == rec.pack and rec.raw_hex == raw.hex().upper()
        with pytest.raises(DoubleDecommissionError):
            station.record_supply(PackRef(ProductScheme.GTIN, code, serial, lot), raw, "ben")

    scan()
    assert station.audit.verify().ok


def test_automatic_replay_backs_off_while_the_hub_is_down(station: Station, hub_sim: Any, hub_client: Any) -> None:
    from dispense_app.workflow.autoreplay import AutoReplay

    now = [1000.0]
    auto = AutoReplay(first_delay=5, max_delay=20, clock=lambda: now[0])
    assert auto.tick(station, hub_client) is None  # nothing pending: nothing sent
    station.record_supply(pack("ACT17"), b"x", "anna")
    hub_sim.admin.faults(outage=True)
    first = auto.tick(station, hub_client)
    assert first is not None and first.remaining == 1 and auto.backing_off
    assert auto.tick(station, hub_client) is None  # waiting
    now[0] += 5
    assert auto.tick(station, hub_client) is not None  # tried again, still down: wait 10 s now
    now[0] += 9
    assert auto.tick(station, hub_client) is None
    hub_sim.admin.clear_faults()
    auto.hub_is_back()  # e.g. a verify just succeeded
    done = auto.tick(station, hub_client)
    assert done is not None and done.confirmed == 1 and not auto.backing_off
    assert station.pending_count() == 0


def test_a_dispense_names_the_premises_set_at_that_moment(station: Station, home: Path) -> None:
    """The premises id is read inside the dispense's own INSERT (a site store saved a round trip per
    dispense): a change made by another process counts at once; with none set, the counter's id."""
    first = station.record_supply(pack("LOC-A"), b"x", "anna")
    assert first.location == LOCATION == station.dispense_record(first.id).location
    other = Station.open(home)
    try:
        other.settings.set("station.location", "PHARMACY-2")
    finally:
        other.close()
    second = station.record_supply(pack("LOC-B"), b"x", "anna")
    assert second.location == "PHARMACY-2" == station.dispense_record(second.id).location
    station.settings.set("station.location", "")
    third = station.record_supply(pack("LOC-C"), b"x", "anna")
    assert third.location == station.station_id == station.dispense_record(third.id).location
    assert [r.location for r in station.dispense_records() if r.id == third.id] == [station.station_id]
