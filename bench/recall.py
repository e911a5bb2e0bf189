"""Serialized recall: a trace over 1,000,000 dispense records, beside a plain full-table scan.

Builds a station database with ``--n`` supply records (2,000 products x 10 batches, serials
numbered per product) and 100,000 scan-log rows, then times ``dispense_app.station.recalls.trace``
for a whole batch, a serial list, a range with exclusions and a product without a batch, beside
the baseline measured in the same run: reading every dispense record and filtering in Python
(what a trace without the batch indexes costs). Bar: a trace under 1 s at 1,000,000 records.

    .venv/bin/python bench/recall.py [--n 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dispense_app.core.recall import RecallNotice, RecallScope
from dispense_app.station.recalls import adhoc_notice, trace
from dispense_app.store import Station
from scanner.parsing.checks import gs1_check_digit

PRODUCTS, LOTS = 2000, 10


def gtin(i: int) -> str:
    body = f"0501234{i:06d}"
    return body + str(gs1_check_digit(body))


def build(station: Station, n: int) -> None:
    rng = random.Random(21)
    stamp = "2026-01-01T00:00:00.000000+00:00"
    statuses = ("confirmed",) * 8 + ("queued", "undone")

    def rows():  # type: ignore[no-untyped-def]
        for i in range(n):
            p, lot = i % PRODUCTS, (i // PRODUCTS) % LOTS
            yield (f"D{i}", stamp, stamp, rng.choice(statuses), "supply", f"T{i}", f"PAT-{rng.randrange(50000)}",
                   f"RX-{i}", "GTIN", gtin(p), str(i // PRODUCTS), f"L{lot}", "2030-01-31", "00", "scan",
                   "anna", "ST-1", stamp)

    with station.transaction() as conn:
        conn.executemany(
            "INSERT INTO dispense (id, created_at, updated_at, status, transaction_type, client_trx_id, patient_ref,"
            " prescription_ref, product_scheme, product_code, serial, lot, expiry, raw_hex, entry_mode, operator,"
            " station, undo_deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows(),
        )
        conn.executemany(
            "INSERT INTO scans (at, request, verdict, offline, product_code, serial, lot, expiry)"
            " VALUES (?, 'verify', 'ok', 0, ?, ?, ?, '2030-01-31')",
            ((stamp, gtin(i % PRODUCTS), f"S{i}", f"L{i % LOTS}") for i in range(100_000)),
        )


def baseline(station: Station, code: str, lot: str, scope: RecallScope) -> int:
    """The plain full-table scan: every dispense record read, filtered in Python."""
    hits = 0
    for product_code, serial, row_lot in station.db.conn.execute("SELECT product_code, serial, lot FROM dispense"):
        if product_code == code and row_lot == lot and scope.covers(serial):
            hits += 1
    return hits


def timed(fn):  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(3):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, help="build the database in this folder (reused when it exists)")
    args = ap.parse_args()
    home = args.keep or Path(tempfile.mkdtemp(prefix="bench-recall-"))
    with Station.open(home) as station:
        t = time.perf_counter()
        if station.db.conn.execute("SELECT count(*) FROM dispense").fetchone()[0] < args.n:
            build(station, args.n)
        count = station.db.conn.execute("SELECT count(*) FROM dispense").fetchone()[0]
        print(f"{count:,} dispense records ready in {time.perf_counter() - t:.1f} s")
        code = gtin(1234)
        cases = {
            "whole batch": RecallScope(),
            "serial list (20)": RecallScope(frozenset(str(x) for x in range(3, 400, 20))),
            "range with exclusions": RecallScope(ranges=(("100", "300"),), exclude=frozenset({"150", "151"})),
        }
        base_t, base_hits = timed(lambda: baseline(station, code, "L3", cases["whole batch"]))
        print(f"{'case':28} {'trace':>10} {'packs':>6} {'spared':>6} {'full scan':>10} {'ratio':>8}")
        notices = [(name, RecallNotice("BENCH", None, None, {(code, "L3"): s})) for name, s in cases.items()]
        notices.append(("product, every batch", adhoc_notice(station, code, None, None, [])))
        worst = 0.0
        for name, notice in notices:
            tt, result = timed(lambda n=notice: trace(station, n))
            worst = max(worst, tt)
            print(f"{name:28} {tt * 1000:8.1f} ms {len(result.packs):6} {result.not_affected:6} "
                  f"{base_t * 1000:8.0f} ms {base_t / tt:7.0f}x")
        print(f"baseline found {base_hits} packs of the batch; bar: every trace < 1 s "
              f"({'met' if worst < 1 else 'NOT met'}: slowest {worst * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
