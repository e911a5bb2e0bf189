"""Outbox replay throughput: N queued decommissions replayed to the hub simulator over loopback HTTP.

The simulator runs as its own process (``dispense-app hub-sim --port 0``), so client and server do
not share an interpreter. Two stations queue N supplies each (different packs):

* project: ``dispense_app.workflow.sender.replay(station, client)``: bulk requests of 500 packs (the default);
* baseline, same run: the same replay sending one request per pack (``chunk_size=1``, no bulk).

Afterwards every pack's history is read back from ``GET /_admin/packs/{gtin}/{serial}`` and the
totals from ``GET /_admin/stats``: lost (an acknowledged decommission the hub does not have) and
duplicated (a pack decommissioned more than once, or any answer other than success) must both be 0.
Bar (issue 6): at least 500 packs/s. Exit status 1 if the bar or the zero-lost/zero-duplicated
check fails.

    .venv/bin/python bench/outbox.py [--packs 10000] [--chunk 500] [--baseline-packs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.store import DispenseStatus, Station
from dispense_app.workflow import sender

GTIN = "05901234123457"
LOCATION = "BENCH-PHARMACY"
BAR_PACKS_PER_S = 500.0


def start_hub() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "dispense_app", "hub-sim", "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline().strip()
    if not first.startswith("listening on "):
        proc.kill()
        raise SystemExit(f"hub-sim did not start: {first!r}")
    return proc, first.removeprefix("listening on ")


def seed(http: httpx.Client, serials: list[str]) -> None:
    for start in range(0, len(serials), 5000):
        rows = [
            {"gtin": GTIN, "serial": s, "lot": "B1", "expiry": "2031-12-31", "state": "Active"}
            for s in serials[start : start + 5000]
        ]
        http.post("/_admin/packs", json=rows).raise_for_status()


def queue(home: Path, serials: list[str]) -> tuple[Station, float]:
    """Record one supply per pack, each its own transaction (as at the counter); seconds per record."""
    station = Station.open(home)
    station.settings.set("station.location", LOCATION)
    t0 = time.perf_counter()
    for s in serials:
        pack = PackRef(ProductScheme.GTIN, GTIN, s, "B1", dt.date(2031, 12, 31))
        station.record_supply(pack, f"01{GTIN}21{s}\x1d10B1".encode(), "bench", "PAT-1")
    return station, (time.perf_counter() - t0) / len(serials)


def replay(station: Station, url: str, chunk: int) -> tuple[float, int]:
    with FmdRestClient(url, location_id=LOCATION, read_timeout=60.0) as client:
        t0 = time.perf_counter()
        report = sender.replay(station, client, chunk_size=chunk)
        elapsed = time.perf_counter() - t0
    if report.remaining or report.conflicts or report.error:
        print(f"  replay did not finish cleanly: {report}", file=sys.stderr)
    return elapsed, report.confirmed


def check(http: httpx.Client, station: Station, serials: list[str]) -> tuple[int, int]:
    """(lost, duplicated) for these packs, from the hub's own per-pack history."""
    lost = duplicated = 0
    by_serial = {r.pack.serial: r for r in station.dispense_records()}
    for s in serials:
        history = http.get(f"/_admin/packs/{GTIN}/{s}").json()["history"]
        supplies = [h for h in history if h["transaction"] == "supply"]
        rec = by_serial.get(s)
        if len(supplies) > 1:
            duplicated += 1
        confirmed = rec is not None and rec.status is DispenseStatus.CONFIRMED
        if not confirmed or [h["client_trx_id"] for h in supplies] != [rec.client_trx_id]:  # type: ignore[union-attr]
            lost += 1
    if station.pending_count():
        lost += station.pending_count()
    return lost, duplicated


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--packs", type=int, default=10_000, help="queued decommissions to replay (default 10000)")
    ap.add_argument("--chunk", type=int, default=500, help="packs per bulk request (default 500)")
    ap.add_argument("--baseline-packs", type=int, default=None, help="packs for the baseline (default: --packs)")
    args = ap.parse_args()
    n, nb = args.packs, args.baseline_packs or args.packs
    ours = [f"P{i:07d}" for i in range(n)]
    base = [f"Q{i:07d}" for i in range(nb)]
    hub, url = start_hub()
    try:
        with tempfile.TemporaryDirectory() as tmp, httpx.Client(base_url=url, timeout=60) as http:
            seed(http, ours + base)
            print(f"hub simulator {url} (separate process), {n + nb} packs seeded")
            st, per_record = queue(Path(tmp) / "bulk", ours)
            bl, _ = queue(Path(tmp) / "single", base)
            print(
                f"record_supply (record + outbox row + audit entry, one transaction): {per_record * 1000:.2f} ms/pack"
            )
            t_bulk, ok_bulk = replay(st, url, args.chunk)
            t_single, ok_single = replay(bl, url, 1)
            lost_b, dup_b = check(http, st, ours)
            lost_s, dup_s = check(http, bl, base)
            stats = http.get("/_admin/stats").json()
            st.close()
            bl.close()
    finally:
        hub.terminate()
        hub.wait(timeout=10)
    rate_bulk, rate_single = ok_bulk / t_bulk, ok_single / t_single
    codes = stats["by_return_code"]
    other_codes = {k: v for k, v in codes.items() if k != "NMVS_SUCCESS"}
    print()
    print(f"{'':40} {'packs':>7} {'seconds':>8} {'packs/s':>9} {'lost':>5} {'dup':>5}")
    print(
        f"{'outbox replay, bulk ' + str(args.chunk) + '/request':40} {ok_bulk:7d} {t_bulk:8.2f} {rate_bulk:9.0f} "
        f"{lost_b:5d} {dup_b:5d}"
    )
    print(
        f"{'baseline: one request per pack':40} {ok_single:7d} {t_single:8.2f} {rate_single:9.0f} "
        f"{lost_s:5d} {dup_s:5d}"
    )
    print(f"ratio bulk / baseline: {rate_bulk / rate_single:.1f}x")
    print(
        f"hub stats: NMVS_SUCCESS {codes.get('NMVS_SUCCESS', 0)} of {n + nb}, other codes {other_codes}, "
        f"alerts {stats['alerts']}"
    )
    ok = (
        rate_bulk >= BAR_PACKS_PER_S
        and lost_b == dup_b == lost_s == dup_s == 0
        and not other_codes
        and stats["alerts"] == 0
        and codes.get("NMVS_SUCCESS", 0) == n + nb
    )
    print(f"bar: >= {BAR_PACKS_PER_S:.0f} packs/s, 0 lost, 0 duplicated: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
