"""What the outbox does with every answer a hub can give to a queued decommission (the whole return
code table, and codes nobody listed): confirmed, a conflict for follow-up with an alert record,
kept for a bounded retry, reconciled by a verify, or kept while the credentials are refused.
Never a stalled queue. A scripted hub stands in for answers the simulator does not give on demand."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hub_fixtures import GTIN_A, LOCATION, far_date
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dispense_app.core.hub_answer import MAX_HUB_FAULTS, hub_faults, needs_verify_first
from dispense_app.core.model import (
    EntryMode,
    HubReply,
    HubRequest,
    PackRef,
    PackState,
    ProductInfo,
    ProductScheme,
    ReturnCode,
)
from dispense_app.core.return_codes import TABLE, CodeFamily, Handling
from dispense_app.store import DispenseStatus, Station
from dispense_app.workflow.sender import replay

GTIN = GTIN_A


def pack(serial: str) -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN, serial, "L1", far_date())


@pytest.fixture
def station(home: Path) -> Iterator[Station]:
    st_ = Station.open(home)
    st_.settings.set("station.location", LOCATION)
    yield st_
    st_.close()


class ScriptedHub:
    """Answers state changes with the codes scripted per serial (the last one repeats), verifies
    with the scripted (code, state); records every call."""

    def __init__(self) -> None:
        self.codes: dict[str, list[str]] = {}
        self.verify_answers: dict[str, tuple[str, PackState | None]] = {}
        self.calls: list[tuple[str, str, str]] = []  # (kind, serial, client trx id)

    def _answer(self, r: HubRequest) -> HubReply:
        script = self.codes.get(r.pack.serial, ["NMVS_SUCCESS"])
        code = ReturnCode(script.pop(0) if len(script) > 1 else script[0])
        state = r.transaction.target_state if code.handling is Handling.CONFIRM else None
        return HubReply(code, state=state, reason="scripted", client_trx_id=r.client_trx_id)

    def verify(self, pack: PackRef, *, entry_mode: EntryMode = EntryMode.SCAN) -> HubReply:
        self.calls.append(("verify", pack.serial, ""))
        code, state = self.verify_answers.get(pack.serial, ("NMVS_SUCCESS", PackState.ACTIVE))
        return HubReply(ReturnCode(code), state=state)

    def transact(self, request: HubRequest) -> HubReply:
        self.calls.append(("transact", request.pack.serial, request.client_trx_id))
        return self._answer(request)

    def bulk(self, requests: list[HubRequest]) -> list[HubReply]:
        for r in requests:
            self.calls.append(("bulk", r.pack.serial, r.client_trx_id))
        return [self._answer(r) for r in requests]

    def product(self, gtin: str) -> ProductInfo | None:
        return None

    def close(self) -> None:
        pass


def queue_one(station: Station, serial: str = "P1") -> str:
    return station.record_supply(pack(serial), b"x", "anna").id


def alerts_of(station: Station) -> list[dict[str, object]]:
    rows = station.db.conn.execute("SELECT return_code, reason FROM alerts").fetchall()
    return [{"return_code": r[0], "reason": r[1]} for r in rows]


@pytest.mark.parametrize("code", sorted(TABLE))
def test_every_code_answered_to_a_queued_supply(station: Station, code: str) -> None:
    rc = ReturnCode(code)
    dispense_id = queue_one(station)
    hub = ScriptedHub()
    hub.codes["P1"] = [code]
    hub.verify_answers["P1"] = ("NMVS_NC_PCK_22", PackState.SUPPLIED)  # a verify finds our supply
    report = replay(station, hub)
    record = station.dispense_record(dispense_id)
    handling = rc.handling
    if handling is Handling.CONFIRM:
        assert (report.confirmed, report.conflicts, report.remaining) == (1, 0, 0)
        assert record.status is DispenseStatus.CONFIRMED and not alerts_of(station)
    elif handling is Handling.RECONCILE:  # TE_TX_01: verified, found supplied: confirmed, no alert
        assert (report.confirmed, report.remaining) == (1, 0) and not alerts_of(station)
        assert [c[0] for c in hub.calls] == ["transact", "verify"]
    elif handling is Handling.FOLLOW_UP:
        assert (report.confirmed, report.conflicts, report.remaining) == (0, 1, 0)
        assert record.status in (DispenseStatus.CONFLICT, DispenseStatus.REJECTED)
        (alert,) = alerts_of(station)
        assert alert["return_code"] == code and code in str(alert["reason"])
    elif handling is Handling.RETRY:
        assert (report.confirmed, report.conflicts, report.remaining) == (0, 0, 1)
        (entry,) = station.pending()
        assert needs_verify_first(entry.last_error) and hub_faults(entry.last_error) == 1
        assert report.error and "hub fault" in report.error and not alerts_of(station)
    else:
        assert handling is Handling.CREDENTIALS
        assert (report.confirmed, report.conflicts, report.remaining) == (0, 0, 1)
        assert report.error and "credentials" in report.error and not alerts_of(station)


def test_technical_answers_are_retried_then_become_a_conflict(station: Station) -> None:
    dispense_id = queue_one(station)
    hub = ScriptedHub()
    hub.codes["P1"] = ["NMVS_TE_REQ_01"]
    for _ in range(MAX_HUB_FAULTS + 1):
        report = replay(station, hub)
    assert report.remaining == 0 and station.dispense_record(dispense_id).status is DispenseStatus.REJECTED
    (alert,) = alerts_of(station)
    assert alert["return_code"] == "NMVS_TE_REQ_01" and f"fault {MAX_HUB_FAULTS} times" in str(alert["reason"])
    # each later attempt verified first (the pack was Active) and resent with the same id
    trx = {c[2] for c in hub.calls if c[0] != "verify"}
    assert len(trx) == 1 and sum(1 for c in hub.calls if c[0] == "verify") == MAX_HUB_FAULTS - 1


def test_a_hub_fault_that_clears_is_confirmed(station: Station) -> None:
    dispense_id = queue_one(station)
    hub = ScriptedHub()
    hub.codes["P1"] = ["NMVS_TI_TO_01", "NMVS_SUCCESS"]
    assert replay(station, hub).remaining == 1
    report = replay(station, hub)
    assert (report.confirmed, report.remaining) == (1, 0)
    assert station.dispense_record(dispense_id).status is DispenseStatus.CONFIRMED


def test_processing_timeout_that_was_applied_is_confirmed_by_the_verify(station: Station) -> None:
    queue_one(station)
    hub = ScriptedHub()
    hub.codes["P1"] = ["NMVS_TI_TO_01"]
    replay(station, hub)
    hub.verify_answers["P1"] = ("NMVS_NC_PCK_22", PackState.SUPPLIED)
    report = replay(station, hub)
    assert (report.confirmed, report.remaining) == (1, 0)
    assert [c[0] for c in hub.calls] == ["transact", "verify"]  # never sent a second time


def test_credentials_refused_keep_the_queue_until_fixed(station: Station) -> None:
    queue_one(station, "P1")
    queue_one(station, "P2")
    hub = ScriptedHub()
    hub.codes = {"P1": ["NMVS_FE_AU_11", "NMVS_SUCCESS"], "P2": ["NMVS_FE_AU_11", "NMVS_SUCCESS"]}
    first = replay(station, hub)
    assert first.remaining == 2 and first.error and "FE_AU_11" in first.error
    second = replay(station, hub)
    assert (second.confirmed, second.remaining) == (2, 0)


def test_product_unknown_in_a_bulk_answer_is_sent_again_singly(station: Station) -> None:
    a = queue_one(station, "P1")
    b = queue_one(station, "FOREIGN1")
    hub = ScriptedHub()
    hub.codes["FOREIGN1"] = ["NMVS_NC_PC_01", "NMVS_SUCCESS"]  # bulk: no intermarket; single: answered
    report = replay(station, hub)
    assert (report.confirmed, report.remaining) == (2, 0)
    assert ("transact", "FOREIGN1") in [(c[0], c[1]) for c in hub.calls]
    assert station.dispense_record(a).status is DispenseStatus.CONFIRMED
    assert station.dispense_record(b).status is DispenseStatus.CONFIRMED


def test_product_unknown_singly_too_is_a_conflict(station: Station) -> None:
    queue_one(station, "P1")
    b = queue_one(station, "NOWHERE1")
    hub = ScriptedHub()
    hub.codes["NOWHERE1"] = ["NMVS_NC_PC_01"]
    report = replay(station, hub)
    assert (report.confirmed, report.conflicts, report.remaining) == (1, 1, 0)
    assert station.dispense_record(b).status is DispenseStatus.REJECTED


# --- fuzz: codes nobody listed never stall the queue ----------------------------------------------

_HEADS = ["NC", "FE", "TE", "TI", "FI", "WF", "XX", "NOTIFY"]
_SEGMENTS = ["PCK", "PC", "LOT", "TX", "REQ", "SN", "GR", "ZZ", "Q1"]


@st.composite
def unknown_code(draw: st.DrawFn) -> str:
    """An NMVS-shaped code not in the table, or any other text, never a credentials family code
    (those stop the run with the queue kept: test_credentials_refused_keep_the_queue_until_fixed)."""
    if draw(st.booleans()):
        code = f"NMVS_{draw(st.sampled_from(_HEADS))}_{draw(st.sampled_from(_SEGMENTS))}_{draw(st.integers(40, 99))}"
    else:
        code = draw(st.text(min_size=1, max_size=30).filter(lambda t: t.strip() != ""))
    rc = ReturnCode(code)
    if rc.known or rc.family is CodeFamily.CREDENTIALS:
        code = "NMVS_NC_PCK_98"
    return code


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    codes=st.lists(st.lists(unknown_code(), min_size=1, max_size=3), min_size=1, max_size=8),
    verify_codes=st.lists(unknown_code() | st.sampled_from(["NMVS_SUCCESS", "NMVS_NC_PCK_22"]), min_size=8, max_size=8),
    seed=st.integers(0, 1000),
)
def test_random_unknown_codes_always_drain_the_queue(
    tmp_path_factory: pytest.TempPathFactory, codes: list[list[str]], verify_codes: list[str], seed: int
) -> None:
    home = tmp_path_factory.mktemp("fuzz")
    station = Station.open(home)
    try:
        station.settings.set("station.location", LOCATION)
        hub = ScriptedHub()
        rng = random.Random(seed)
        ids = []
        for i, script in enumerate(codes):
            serial = f"F{i}"
            ids.append(queue_one(station, serial))
            hub.codes[serial] = list(script)
            hub.verify_answers[serial] = (verify_codes[i], rng.choice([None, PackState.ACTIVE, PackState.DESTROYED]))
        runs = 0
        while station.pending_count() and runs < len(codes) * (MAX_HUB_FAULTS + 2):
            replay(station, hub, chunk_size=rng.choice([1, 3, 500]))
            runs += 1
        assert station.pending_count() == 0, f"still pending after {runs} runs"
        for dispense_id in ids:
            status = station.dispense_record(dispense_id).status
            assert status in (DispenseStatus.CONFIRMED, DispenseStatus.CONFLICT, DispenseStatus.REJECTED)
        # every decommission not carried out has an alert record naming the hub's answer
        not_done = [d for d in ids if station.dispense_record(d).status is not DispenseStatus.CONFIRMED]
        assert len(alerts_of(station)) == len(not_done)
        # a client transaction id is only ever sent for one pack, and a verified-Active pack is the
        # only case of a resend: never two different ids for one pack
        per_serial: dict[str, set[str]] = {}
        for kind, serial, trx in hub.calls:
            if kind != "verify":
                per_serial.setdefault(serial, set()).add(trx)
        assert all(len(t) == 1 for t in per_serial.values())
    finally:
        station.close()
