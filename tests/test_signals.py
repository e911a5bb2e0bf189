"""Counterfeit and diversion signals: each fires on its planted pattern and stays quiet on 10,000
clean scans of mixed batches (a seeded generator)."""

from __future__ import annotations

import datetime as dt
import json
import random
import string
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.core.signals import KINDS, find_signals
from dispense_app.store import Station, SupplyItem
from dispense_app.store.scan_log import ScanRow

T0 = dt.datetime(2026, 2, 1, 8, 0, tzinfo=dt.UTC)
GTINS = ("04150037528643", "05012345678900", "00312345678906", "04006381333931")


def _numeric(rng: random.Random) -> str:
    return "".join(rng.choices(string.digits, k=12))


def _alnum(rng: random.Random) -> str:
    return "".join(rng.choices(string.ascii_uppercase + string.digits, k=10))


def _variable(rng: random.Random) -> str:
    return "".join(rng.choices(string.ascii_uppercase + string.digits, k=rng.randint(8, 12)))


def _mixed_case(rng: random.Random) -> str:
    return "".join(rng.choices(string.ascii_letters + string.digits, k=16))


GENERATORS: tuple[Callable[[random.Random], str], ...] = (_numeric, _alnum, _variable, _mixed_case)


def _row(at: dt.datetime, code: str, serial: str, lot: str, expiry: str, **kw: object) -> ScanRow:
    base: dict[str, object] = dict(
        at=at.isoformat(timespec="microseconds"), request="verify", verdict="ok", return_code="NMVS_SUCCESS",
        state="Active", offline=False, hub_ms=110.0, alert_id=None, dispense_id=None, operator="anna",
        station="ST-1", scanner_profile="none", entry_mode="scan", product_code=code, serial=serial, lot=lot,
        expiry=expiry, hub_lot=lot, hub_expiry=expiry,
    )
    base.update(kw)
    return ScanRow(**base)  # type: ignore[arg-type]


def clean_history(station: Station, rng: random.Random, scans: int = 10_000) -> None:
    """``scans`` scan rows of 40 batches (four serial generators), each pack verified once or twice,
    a third of them then supplied (with the supply's own scan), some offline, some returned."""
    batches = []
    for i in range(40):
        code, gen = GTINS[i % 4], GENERATORS[(i // 4) % 4]
        expiry = (dt.date(2028, 1, 31) + dt.timedelta(days=31 * i)).isoformat()
        batches.append((code, f"B{i:03d}", expiry, gen))
    rows: list[ScanRow] = []
    supplies: list[tuple[SupplyItem, dt.datetime]] = []
    seen: set[tuple[str, str]] = set()
    moment = T0
    while len(rows) < scans:
        code, lot, expiry, gen = rng.choice(batches)
        serial = gen(rng)
        if (code, serial) in seen:
            continue
        seen.add((code, serial))
        for _ in range(rng.choice((1, 1, 1, 2))):  # sometimes scanned twice before anything else
            moment += dt.timedelta(seconds=rng.randint(5, 200))
            offline = rng.random() < 0.03
            rows.append(_row(moment, code, serial, lot, expiry, offline=offline,
                             return_code=None if offline else "NMVS_SUCCESS", station=rng.choice(("ST-1", "ST-2"))))
        if rng.random() < 0.33:
            moment += dt.timedelta(seconds=30)
            ref = PackRef(ProductScheme.GTIN, code, serial, lot, dt.date.fromisoformat(expiry))
            supplies.append((SupplyItem(ref, serial, "anna", patient_ref=f"PAT-{rng.randrange(500)}"), moment))
    with station.transaction():  # one commit for the whole history
        _supply(station, supplies, rows)
    station.scan_log.add_many(rows)


def _supply(station: Station, supplies: list[tuple[SupplyItem, dt.datetime]], rows: list[ScanRow]) -> None:
    for item, at in supplies:
        (rec,) = station.record_supplies([item], now=at)
        rows.append(_row(at + dt.timedelta(milliseconds=400), item.pack.product_code, item.pack.serial,
                         item.pack.lot or "", (item.pack.expiry or dt.date.min).isoformat(), request="supply",
                         dispense_id=rec.id))
        if len(rows) % 7 == 0:  # returned: undone, then the pack is back on the shelf and scanned again
            with station.transaction() as conn:
                conn.execute("UPDATE dispense SET status = 'undone' WHERE id = ?", (rec.id,))
            rows.append(_row(at + dt.timedelta(hours=2), item.pack.product_code, item.pack.serial,
                             item.pack.lot or "", (item.pack.expiry or dt.date.min).isoformat()))


@pytest.fixture(scope="module")
def clean_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("clean")
    with Station.open(home) as station:
        clean_history(station, random.Random(2121))
        assert station.scan_log.count() >= 10_000
    return home


def test_quiet_on_ten_thousand_clean_scans_of_mixed_batches(clean_db: Path) -> None:
    with Station.open(clean_db) as station:
        assert find_signals(station.scan_log) == []


def _plant(station: Station, kind: str) -> None:
    at = T0 + dt.timedelta(days=400)
    log = station.scan_log
    code = GTINS[0]
    if kind == "seen-after-supply":
        ref = PackRef(ProductScheme.GTIN, code, "900000000001", "B000", dt.date(2028, 1, 31))
        station.record_supplies([SupplyItem(ref, "x", "anna", patient_ref="PAT-1")], now=at)
        log.add(_row(at + dt.timedelta(days=3), code, "900000000001", "B000", "2028-01-31", station="ST-2",
                     verdict="stop", return_code="NMVS_NC_PCK_22", state="Supplied", alert_id="A24-PLANT"))
    elif kind == "unknown-serial-cluster":
        for i in range(3):
            log.add(_row(at + dt.timedelta(minutes=i), code, f"77700000000{i}", "B000", "2028-01-31",
                         verdict="stop", return_code="NMVS_NC_PC_02", alert_id=f"A3-{i}"))
    elif kind == "other-market":
        log.add(_row(at, "05000000000005", "FOREIGN1", "X1", "2029-01-31", verdict="warn",
                     return_code="NMVS_NC_PC_01"))
    elif kind == "serial-shape":
        log.add(_row(at, code, "ab12", "B000", "2028-01-31"))  # B000 serials are 12 digits
    else:
        log.add(_row(at, code, "123456789012", "B000", "2027-06-30", hub_expiry="2027-06-30"))


@pytest.mark.parametrize("kind", KINDS)
def test_each_signal_fires_on_its_planted_pattern(clean_db: Path, tmp_path: Path, kind: str) -> None:
    import shutil

    home = tmp_path / "home"
    shutil.copytree(clean_db, home)
    with Station.open(home) as station:
        _plant(station, kind)
        found = find_signals(station.scan_log)
    assert [s.kind for s in found] == [kind]
    assert found[0].evidence and found[0].to_json()["informational"] is True


def test_two_unknown_serials_are_not_yet_a_cluster(home: Path) -> None:
    with Station.open(home) as station:
        for i in range(2):
            station.scan_log.add(_row(T0, GTINS[1], f"S{i}", "L", "2030-01-31", return_code="NMVS_NC_PC_02"))
        assert find_signals(station.scan_log) == []


def test_cli_signals_json(home: Path) -> None:
    with Station.open(home) as station:
        _plant(station, "seen-after-supply")
    out = subprocess.run([sys.executable, "-m", "dispense_app", "signals", "--json", "--home", str(home)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    (line,) = [json.loads(x) for x in out.stdout.splitlines()]
    assert line["kind"] == "seen-after-supply" and line["alerts"] == ["A24-PLANT"]
    assert line["evidence"]["scanned_by_counter"] == "ST-2"


def test_alert_dossier_carries_the_signals_of_its_alert(home: Path, tmp_path: Path) -> None:
    import pypdf

    from dispense_app.export.filters import AlertQuery
    from dispense_app.export.service import export_alerts
    from tests.test_store_alerts import make_alert

    with Station.open(home) as station:
        _plant(station, "seen-after-supply")
        station.add_alert(make_alert(1, alert_id="A24-PLANT"))
        station.add_alert(make_alert(2, alert_id="A24-OTHER"))
        out = tmp_path / "dossier.pdf"
        export_alerts(station, AlertQuery.parse(), "pdf", out, actor="anna", dossier=True)
    pages = [p.extract_text() for p in pypdf.PdfReader(str(out)).pages]
    planted = next(p for p in pages if "A24-PLANT" in p)
    other = next(p for p in pages if "A24-OTHER" in p)
    assert "Signals (informational)" in planted and "seen-after-supply" in planted
    assert "seen-after-supply" not in other
