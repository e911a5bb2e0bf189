"""Verification statistics over 1,000,000 scans and 100,000 alerts, beside a plain full-table scan.

Builds a station database with ``--scans`` scan-log rows (90 days, 4 counters, 12 operators, 6
scanner set-ups, 5,000 products, hub times 20-900 ms, 3 % offline) and ``--alerts`` alerts (60 %
closed with a cause), then times ``dispense_app.station.stats.compute`` for the whole period and
for every ``--by``, beside the baseline measured in the same run: reading every scan and alert row
into Python (``SELECT * FROM scans`` / ``alerts``) without computing anything. Bar: < 2 s.

    .venv/bin/python bench/stats.py [--scans 1000000] [--alerts 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dispense_app.core.stats import STATS_KEYS
from dispense_app.station.stats import compute
from dispense_app.store import Station

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
CAUSES = ("scanner-setup", "user-error", "double-decommission", "data-error", "suspected-falsification")


def build(station: Station, scans: int, alerts: int) -> None:
    rng = random.Random(21)

    def at() -> str:
        return (T0 + dt.timedelta(seconds=rng.randrange(90 * 86400))).isoformat(timespec="microseconds")

    def scan_rows():  # type: ignore[no-untyped-def]
        for i in range(scans):
            offline = rng.random() < 0.03
            yield (at(), "verify", "ok", None if offline else "NMVS_SUCCESS", int(offline),
                   None if offline else rng.uniform(20, 900), f"A{i}" if rng.random() < 0.002 else None,
                   f"op{rng.randrange(12)}", f"ST-{rng.randrange(4)}", f"profile-{rng.randrange(6)}",
                   f"0{rng.randrange(5000):013d}", str(i), f"L{rng.randrange(50)}")

    def alert_rows():  # type: ignore[no-untyped-def]
        for i in range(alerts):
            closed = rng.random() < 0.6
            yield (f"AL-{i}", at(), "hub", "NMVS_NC_PC_02", "x", "verify", "00", "scan",
                   "closed" if closed else "new", rng.choice(CAUSES) if closed else None,
                   f"op{rng.randrange(12)}", f"ST-{rng.randrange(4)}", f"profile-{rng.randrange(6)}",
                   f"0{rng.randrange(5000):013d}")

    with station.transaction() as conn:
        conn.executemany(
            "INSERT INTO scans (at, request, verdict, return_code, offline, hub_ms, alert_id, operator, station,"
            " scanner_profile, product_code, serial, lot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            scan_rows(),
        )
        conn.executemany(
            "INSERT INTO alerts (alert_id, created_at, source, return_code, reason, request, raw_hex, entry_mode,"
            " status, cause, operator, station, scanner_profile, gtin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?)",
            alert_rows(),
        )


def baseline(station: Station) -> int:
    rows = 0
    for table in ("scans", "alerts"):
        for _ in station.db.conn.execute(f"SELECT * FROM {table}"):
            rows += 1
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scans", type=int, default=1_000_000)
    ap.add_argument("--alerts", type=int, default=100_000)
    ap.add_argument("--keep", type=Path, help="build the database in this folder (reused when it exists)")
    args = ap.parse_args()
    home = args.keep or Path(tempfile.mkdtemp(prefix="bench-stats-"))
    with Station.open(home) as station:
        t = time.perf_counter()
        if station.scan_log.count() < args.scans:
            build(station, args.scans, args.alerts)
        print(f"{station.scan_log.count():,} scans, {station.alert_count():,} alerts ready in "
              f"{time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        rows = baseline(station)
        base = time.perf_counter() - t
        print(f"baseline: plain full-table scan of scans + alerts ({rows:,} rows read) {base * 1000:.0f} ms")
        print(f"{'stats':26} {'time':>10} {'groups':>7} {'vs full scan':>13}")
        worst = 0.0
        for by in (None, *STATS_KEYS):
            t = time.perf_counter()
            report = compute(station, by=by)
            took = time.perf_counter() - t
            worst = max(worst, took)
            print(f"{'--by ' + by if by else 'whole period':26} {took * 1000:8.0f} ms {len(report.groups):7} "
                  f"{took / base:12.2f}x")
        t = time.perf_counter()
        compute(station, since="2026-02-01", until="2026-02-14", by="day")
        took = time.perf_counter() - t
        worst = max(worst, took)
        print(f"{'two weeks, --by day':26} {took * 1000:8.0f} ms {'':7} {took / base:12.2f}x")
        print(f"bar: stats < 2 s ({'met' if worst < 2 else 'NOT met'}: slowest {worst * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
