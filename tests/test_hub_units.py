"""Pure parts of the hub: decision rules, seed validation, GS1 dates, timing statistics, config."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dispense_app.core.model import PackState, ReturnCode, Transaction
from dispense_app.hub.config import HubConfig, load_hub_config, save_hub_config
from dispense_app.hub.simulator.rules import StoredPack, decide
from dispense_app.hub.simulator.seed import SeedError, load_packs_csv, pack_from_mapping
from dispense_app.hub.simulator.vrs_api import gs1_date
from dispense_app.hub.timing import CallStats, CallTiming, parse_server_timing, percentile
from dispense_app.hub.transport import is_loopback_url, parse_retry_after
from scanner.parsing.checks import ppn_from_pzn

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
EXP = dt.date(2030, 1, 31)


def pack(state: PackState = PackState.ACTIVE, **kw) -> StoredPack:
    return StoredPack("04150037528643", "S1", "L1", kw.pop("expiry", EXP), state, **kw)


def run(trx: Transaction, p: StoredPack | None, **kw):
    args = {"product_known": True, "lot_known_for_product": False, "lot": None, "expiry": None, "location": "P1"}
    args.update(kw)
    return decide(trx, p, now=kw.pop("now", NOW), **{k: v for k, v in args.items() if k != "now"})


def test_ppn_example_from_domain() -> None:
    assert ppn_from_pzn("03752864") == "110375286414"


def test_data_checks_come_first() -> None:
    assert run(Transaction.SUPPLY, None, product_known=False).return_code is ReturnCode.PRODUCT_UNKNOWN
    assert run(Transaction.SUPPLY, None).return_code is ReturnCode.SERIAL_UNKNOWN
    assert run(Transaction.VERIFY, pack(), lot="X").return_code is ReturnCode.BATCH_UNKNOWN
    assert run(Transaction.VERIFY, pack(), lot="X", lot_known_for_product=True).return_code is ReturnCode.BATCH_MISMATCH
    assert run(Transaction.VERIFY, pack(), expiry=EXP.replace(day=30)).return_code is ReturnCode.EXPIRY_MISMATCH
    # batch is checked before state: a recalled pack with a wrong batch is a batch alert
    out = run(Transaction.SUPPLY, pack(PackState.RECALLED), lot="X")
    assert out.return_code is ReturnCode.BATCH_UNKNOWN and out.alert


def test_undo_window_boundary() -> None:
    supplied = pack(PackState.SUPPLIED, supplied_at=NOW - dt.timedelta(hours=240), supplied_location="P1")
    assert run(Transaction.UNDO_SUPPLY, supplied).return_code is ReturnCode.SUCCESS
    late = pack(PackState.SUPPLIED, supplied_at=NOW - dt.timedelta(hours=240, seconds=1), supplied_location="P1")
    assert run(Transaction.UNDO_SUPPLY, late).return_code is ReturnCode.UNDO_TOO_LATE
    assert run(Transaction.UNDO_SUPPLY, supplied, location="P2").return_code is ReturnCode.UNDO_OTHER_LOCATION


@pytest.mark.parametrize("state", list(PackState))
@pytest.mark.parametrize("trx", list(Transaction))
def test_every_state_and_transaction_has_an_answer(state: PackState, trx: Transaction) -> None:
    out = run(trx, pack(state, supplied_at=NOW, supplied_location="P1"))
    assert out.changed == (out.return_code is ReturnCode.SUCCESS and trx.changes_state)
    if out.changed:
        assert out.state is trx.target_state
        assert not state.is_final  # final states never move
    else:
        assert out.state is state
    if out.alert:
        assert out.return_code.alert_class is not None
    if out.return_code is ReturnCode.ALREADY_INACTIVE and state in (
        PackState.EXPIRED,
        PackState.RECALLED,
        PackState.WITHDRAWN,
    ):
        assert not out.alert


def test_gs1_dates() -> None:
    assert gs1_date("311231", 2026) == dt.date(2031, 12, 31)
    assert gs1_date("240200", 2026) == dt.date(2024, 2, 29)  # day 00: last day of the month
    assert gs1_date("271200", 2026) == dt.date(2027, 12, 31)
    assert gs1_date("760101", 2026) == dt.date(2076, 1, 1)  # +50 years
    assert gs1_date("770101", 2026) == dt.date(1977, 1, 1)  # -49 years
    assert gs1_date("770101", 2028) == dt.date(2077, 1, 1)
    assert gs1_date("780101", 2027) == dt.date(1978, 1, 1)  # beyond +50: previous century
    for bad in ("", "31123", "311331", "310230", "abcdef"):
        assert gs1_date(bad, 2026) is None


@given(st.text(max_size=8))
def test_gs1_date_never_crashes(text: str) -> None:
    gs1_date(text, 2026)


def test_seed_validation(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    good = {"gtin": "04150037528643", "serial": "S1", "lot": "L1", "expiry": "2030-01-31"}
    p = pack_from_mapping(good)
    assert p.state is PackState.ACTIVE and p.pzn == "03752864"
    for field, value in (("gtin", "123456"), ("serial", "x" * 21), ("lot", "a b"), ("expiry", "31.01.2030")):
        with pytest.raises(SeedError, match=field):
            pack_from_mapping({**good, field: value})
    for field, value in (("serial", "S1\nX"), ("gtin", "\u0660" * 14), ("lot", "L1\nX")):
        with pytest.raises(SeedError, match=field):
            pack_from_mapping({**good, field: value})
    with pytest.raises(SeedError, match="state"):
        pack_from_mapping({**good, "state": "Dispensed"})
    # the state words in another case or spelling (hand-made CSVs) are the same states; refused before
    for text, state in (("supplied", PackState.SUPPLIED), ("FREE_SAMPLE", PackState.FREE_SAMPLE),
                        ("checked-out", PackState.CHECKED_OUT), (" recalled ", PackState.RECALLED)):
        assert pack_from_mapping({**good, "state": text}).state is state
    assert pack_from_mapping({**good, "gtin": "4150037528643"}).gtin == "04150037528643"  # GTIN-13 padded
    assert pack_from_mapping({**good, "gtin": "04150037528644"}).gtin == "04150037528644"  # seeded, with a warning
    assert "wrong check digit" in caplog.text
    csv = tmp_path / "p.csv"
    csv.write_text("gtin,serial\n04150037528643,S1\n", encoding="utf-8")
    with pytest.raises(SeedError, match="missing column"):
        load_packs_csv(csv)


def test_timing_stats() -> None:
    assert parse_server_timing("app;dur=1.5") == 1.5
    assert parse_server_timing("db;dur=2, app;dur=3.25;desc=x") == 5.25
    assert parse_server_timing("cache;desc=hit") is None and parse_server_timing(None) is None
    assert percentile([], 95) is None
    assert percentile(list(map(float, range(1, 101))), 95) == 95.0
    s = CallStats(window=100)
    for i in range(100):
        s.record(CallTiming("verify", total_ms=10.0 + i, server_ms=400.0 if i < 6 else 5.0, status=200))
    assert s.p95_ms == 104.0 and s.within_target == 0.94 and s.meets_target is False
    assert s.snapshot()["calls"] == 100
    assert CallTiming("v", 10.0, 4.0, 200).network_ms == 6.0


def test_retry_after_and_loopback() -> None:
    assert parse_retry_after("3") == 3.0 and parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert is_loopback_url("http://127.0.0.1:8000") and is_loopback_url("http://[::1]:1")
    assert is_loopback_url("http://localhost/") and not is_loopback_url("http://10.0.0.1/")


def test_hub_config_roundtrip(tmp_path: Path) -> None:
    cfg = HubConfig(url="https://hub.example.org", type="vrs", client_id="c", requester_gln="4000001000005")
    save_hub_config(tmp_path, cfg)
    assert load_hub_config(tmp_path) == cfg
    assert load_hub_config(tmp_path / "nowhere") is None
    with pytest.raises(ValueError):
        HubConfig(url="https://x", type="soap")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        HubConfig(url="ftp://x")
