"""Verification statistics equal a brute-force count over a generated history."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from dispense_app.core.alerts import AlertCause, AlertStatus
from dispense_app.core.stats import hub_bucket, percentile, week_of
from dispense_app.station.stats import StatsInputError, compute
from dispense_app.store import Station
from dispense_app.store.scan_log import SCAN_COLUMNS, ScanRow
from tests.test_store_alerts import make_alert

T0 = dt.datetime(2026, 3, 1, 7, 0, tzinfo=dt.UTC)
CAUSES = [c.value for c in AlertCause]


def _generate(station: Station, rng: random.Random, scans: int, alerts: int) -> None:
    rows = []
    for _ in range(scans):
        at = T0 + dt.timedelta(minutes=rng.randrange(60 * 24 * 20))
        offline = rng.random() < 0.05
        rows.append(ScanRow(
            at.isoformat(timespec="microseconds"), rng.choice(("verify", "supply")), rng.choice(("ok", "warn", "stop")),
            None if offline else rng.choice(("NMVS_SUCCESS", "NMVS_NC_PC_02", "NMVS_NC_PCK_22")), None, offline,
            None if offline else rng.uniform(20, 900), f"A-{rng.randrange(10**6)}" if rng.random() < 0.01 else None,
            None, rng.choice(("anna", "ben", None)), rng.choice(("ST-1", "ST-2")), rng.choice(("none", "us->de")),
            "scan", rng.choice(("04150037528643", "05012345678900")), str(rng.randrange(10**6)), "L1", "2030-01-31",
        ))
    station.scan_log.add_many(rows)
    for n in range(alerts):
        closed = rng.random() < 0.6
        station.add_alert(make_alert(
            n, created_at=T0 + dt.timedelta(minutes=rng.randrange(60 * 24 * 20)),
            status=AlertStatus.CLOSED if closed else AlertStatus.NEW,
            cause=AlertCause(rng.choice(CAUSES)) if closed else None,
            operator=rng.choice(("anna", "ben")), station=rng.choice(("ST-1", "ST-2")),
        ))


def _brute(station: Station, by: str | None, since: str | None, until: str | None) -> dict[str, dict[str, Any]]:
    lo = since
    hi = (dt.date.fromisoformat(until) + dt.timedelta(days=1)).isoformat() if until else None

    def inside(at: str) -> bool:
        return (lo is None or at >= lo) and (hi is None or at < hi)

    def key(row: dict[str, Any], alert: bool) -> str:
        if by is None:
            return ""
        if by in ("day", "week"):
            day = (row["created_at"].isoformat() if alert else row["at"])[:10]
            return day if by == "day" else week_of(day)
        name = {"counter": "station", "operator": "operator", "scanner": "scanner_profile",
                "product": "gtin" if alert else "product_code", "cause": "cause"}[by]
        return str(row.get(name) or "")

    out: dict[str, dict[str, Any]] = defaultdict(lambda: {"scans": 0, "verified": 0, "clean": 0, "offline": 0,
                                                          "alerts": 0, "false": Counter(), "ms": []})
    if by != "cause":
        for values in station.scan_log.all_rows():
            row = dict(zip(SCAN_COLUMNS, values, strict=True))
            if not inside(row["at"]):
                continue
            g = out[key(row, False)]
            g["scans"] += 1
            g["verified"] += (not row["offline"]) and row["return_code"] is not None
            g["clean"] += row["alert_id"] is None
            g["offline"] += bool(row["offline"])
            if row["hub_ms"] is not None and by != "product":  # no hub times per product
                g["ms"].append(hub_bucket(row["hub_ms"]))
    for a in station.alerts():
        row = dataclasses.asdict(a)
        row["cause"] = a.cause.value if a.cause else None
        if not inside(a.created_at.isoformat()):
            continue
        g = out[key(row, True)]
        g["alerts"] += 1
        if a.status is AlertStatus.CLOSED and a.cause is not AlertCause.SUSPECTED_FALSIFICATION:
            g["false"][row["cause"]] += 1
    return out


@pytest.mark.parametrize(("by", "since", "until"), [
    (None, None, None), ("day", "2026-03-04", "2026-03-09"), ("week", None, "2026-03-15"), ("counter", None, None),
    ("operator", "2026-03-02", None), ("scanner", None, None), ("product", None, None), ("cause", None, None),
])
def test_stats_equal_a_brute_force_count(home: Path, by: str | None, since: str | None, until: str | None) -> None:
    with Station.open(home) as station:
        _generate(station, random.Random(21), 4000, 150)
        report = compute(station, since=since, until=until, by=by)
        want = _brute(station, by, since, until)
        got = {k: f.to_json() for k, f in report.groups.items()} if by else {"": report.overall.to_json()}
        assert set(got) == set(want)
        for k, w in want.items():
            g = got[k]
            n = w["scans"]
            assert (g["scans"], g["verified"], g["alerts"]) == (n, w["verified"], w["alerts"])
            assert g["false_alerts_by_cause"] == dict(w["false"])
            if n:
                assert g["clean_rate"] == round(w["clean"] / n, 6)
                assert g["offline_share"] == round(w["offline"] / n, 6)
                assert g["false_alert_rate"] == round(sum(w["false"].values()) / n, 6)
            ms = sorted(w["ms"])
            assert g["hub_p95_ms"] == (float(ms[math.ceil(0.95 * len(ms)) - 1]) if ms else None)


def test_hub_buckets() -> None:
    assert [hub_bucket(x) for x in (0.4, 99.9, 100, 345.6, 999.9, 1234, 12345.6)] == [0, 99, 100, 340, 990, 1200,
                                                                                         12000]


def test_the_scan_log_is_append_only(home: Path) -> None:
    import sqlite3

    with Station.open(home) as station:
        _generate(station, random.Random(1), 5, 0)
        with pytest.raises(sqlite3.DatabaseError, match="append-only"), station.transaction() as conn:
            conn.execute("DELETE FROM scans")


def test_percentile_is_nearest_rank() -> None:
    assert percentile(Counter({1: 19, 100: 1}), 0.95) == 1.0
    assert percentile(Counter({1: 18, 100: 2}), 0.95) == 100.0
    assert percentile(Counter(), 0.95) is None


def test_bad_dates_are_input_errors(home: Path) -> None:
    with Station.open(home) as station, pytest.raises(StatsInputError):
        compute(station, since="March")
    out = subprocess.run([sys.executable, "-m", "dispense_app", "stats", "--until", "2026-13-01", "--home", str(home)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "Traceback" not in out.stderr and len(out.stderr.splitlines()) == 1


def test_cli_stats_json_shapes(home: Path) -> None:
    with Station.open(home) as station:
        _generate(station, random.Random(3), 300, 20)
    one = subprocess.run([sys.executable, "-m", "dispense_app", "stats", "--json", "--home", str(home)],
                         capture_output=True, text=True, timeout=60)
    doc = json.loads(one.stdout)
    assert {"scans", "verified", "clean_rate", "alerts", "offline_share", "hub_p95_ms", "outbox_backlog"} <= set(doc)
    assert doc["scans"] == 300
    by = subprocess.run([sys.executable, "-m", "dispense_app", "stats", "--by", "counter", "--json", "--home",
                         str(home)], capture_output=True, text=True, timeout=60)
    lines = [json.loads(x) for x in by.stdout.splitlines()]
    assert [x["group"] for x in lines[:-1]] == ["ST-1", "ST-2"] and lines[-1]["total"]["scans"] == 300


def test_read_only_commands_do_not_create_a_database(home: Path) -> None:
    for args in (["stats", "--json"], ["signals", "--json"], ["recalls", "trace", "--gtin", "04150037528643"]):
        out = subprocess.run([sys.executable, "-m", "dispense_app", *args, "--home", str(home)],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 2 and "no station database" in out.stderr and "Traceback" not in out.stderr
    assert not (home / "station.db").exists()
