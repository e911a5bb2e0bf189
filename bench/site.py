"""Site store throughput: C counters dispensing at once into one local PostgreSQL, beside one
counter on SQLite in the same run.

Each counter is its own process with its own home and connection; each records N decommissions
(``Station.record_supply``: dispense record, outbox row and audit entry in one transaction, as at the
counter) of packs of its own, and every 50th dispense also tries a pack all counters share (the
race the unique index decides). Printed: total throughput, per-dispense p50/p95 of the site and of
the single SQLite counter (same machine, same run), their ratio, and the duplicates check (a pack
with more than one open decommission, or a shared pack dispensed other than once): must be 0.
The server keeps its default durability (fsync on), as SQLite keeps ``synchronous=FULL``.
Bar (issue 20): site p95 per dispense at most 2x the SQLite figure. Exit status 1 if it fails
or anything is duplicated.

    .venv/bin/python bench/site.py [--counters 4] [--dispenses 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from pathlib import Path

from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.store import DoubleDecommissionError, Station
from dispense_app.store.pg_local import ServerUnavailable, local_server
from dispense_app.store.site import Counter

GTIN = "05901234123457"
SHARED_EVERY = 50
BAR_RATIO = 2.0


def _pack(serial: str) -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN, serial, "L1", dt.date(2031, 12, 31))


def counter_run(home: str, store: str, tag: str, n: int, start: float) -> tuple[list[float], int, int]:
    """One counter: n dispenses; (seconds per dispense, shared packs won, shared packs refused)."""
    Counter.save(Path(home), tag)
    times: list[float] = []
    won = refused = 0
    with Station.open(home, store=store) as st:
        while time.time() < start:  # all counters begin together
            time.sleep(0.001)
        for i in range(n):
            t0 = time.perf_counter()
            st.record_supply(_pack(f"{tag}-{i}"), b"x", "bench")
            times.append(time.perf_counter() - t0)
            if i % SHARED_EVERY == 0:
                try:
                    st.record_supply(_pack(f"SHARED-{i}"), b"x", "bench")
                    won += 1
                except DoubleDecommissionError:
                    refused += 1
    return times, won, refused


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] * 1000


def duplicates(home: str, store: str, counters: int, n: int) -> int:
    """Packs with more than one open decommission, plus shared packs not dispensed exactly once."""
    with Station.open(home, store=store) as st:
        seen: dict[str, int] = {}
        for rec in st.dispense_records():
            seen[rec.pack.serial] = seen.get(rec.pack.serial, 0) + 1
    bad = sum(1 for c in seen.values() if c > 1)
    shared = [f"SHARED-{i}" for i in range(0, n, SHARED_EVERY)]
    bad += sum(1 for s in shared if seen.get(s, 0) != 1)
    bad += sum(1 for c in range(counters) for i in range(n) if seen.get(f"T{c}-{i}", 0) != 1)
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--counters", type=int, default=4)
    ap.add_argument("--dispenses", type=int, default=2000, help="per counter")
    args = ap.parse_args()
    n, c = args.dispenses, args.counters
    with tempfile.TemporaryDirectory() as tmp:
        # baseline: one counter on SQLite
        t0 = time.perf_counter()
        lite, _, _ = counter_run(f"{tmp}/single", "sqlite", "T0", n, time.time())
        lite_s = time.perf_counter() - t0
        try:
            server_cm = local_server(fsync=True, max_connections=c + 10)
            server = server_cm.__enter__()
        except ServerUnavailable as exc:
            print(f"site benchmark skipped: {exc}")
            return 0
        try:
            store = server.url(server.create_database())
            Station.open(f"{tmp}/init", store=store).close()  # create the schema before the clock starts
            begin = time.time() + 1.0
            ctx = mp.get_context("spawn")
            with ctx.Pool(c) as pool:
                t1 = time.perf_counter()
                results = pool.starmap(counter_run, [(f"{tmp}/c{i}", store, f"T{i}", n, begin) for i in range(c)])
                site_s = time.perf_counter() - t1 - max(0.0, begin - time.time())
            site = [t for times, _, _ in results for t in times]
            won = sum(w for _, w, _ in results)
            dup = duplicates(f"{tmp}/init", store, c, n)
        finally:
            server_cm.__exit__(None, None, None)
    ratio = p95(site) / p95(lite)
    print(f"SQLite, 1 counter: {n} dispenses in {lite_s:.2f} s = {n / lite_s:,.0f}/s; "
          f"p50 {statistics.median(lite) * 1000:.2f} ms, p95 {p95(lite):.2f} ms")
    print(f"site, {c} counters on PostgreSQL: {c * n} dispenses in {site_s:.2f} s = {c * n / site_s:,.0f}/s; "
          f"p50 {statistics.median(site) * 1000:.2f} ms, p95 {p95(site):.2f} ms")
    print(f"site p95 / SQLite p95 = {ratio:.2f} (bar <= {BAR_RATIO}); shared packs won {won} of "
          f"{len(range(0, n, SHARED_EVERY))}; duplicates {dup}")
    return 0 if ratio <= BAR_RATIO and dup == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
