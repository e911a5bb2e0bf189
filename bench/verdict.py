"""Scan-to-verdict overhead of the dispensing workflow over the hub round trip itself.

The simulator runs as its own process (``dispense-app hub-sim --port 0``). Figures, each beside
its baseline measured in the same run against the same hub:

* verify: ``Workflow.verify`` (parse, local history and recall lookups in SQLite, hub verify,
  verdict, pack-state cache write, alert if any) vs the bare ``FmdRestClient.verify`` round trip.
* dispense: ``Workflow.dispense`` of one pack (parse, local checks, record + outbox row in one
  SQLite transaction with ``synchronous=FULL``, send through the outbox, confirm) vs a bare
  ``FmdRestClient.transact`` supply.

The overhead (workflow minus bare client, p50 and p95) is what the app adds to every scan.

    .venv/bin/python bench/verdict.py [--n 300] [--latency-ms 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from dispense_app.core.model import HubRequest, PackRef, ProductScheme, Transaction
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.hub.timing import percentile
from dispense_app.store import Station
from dispense_app.workflow import ScanInput, Workflow

GTIN = "04150037528643"
GS = "\x1d"


def start_hub(packs_csv: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "dispense_app", "hub-sim", "--port", "0", "--packs", str(packs_csv)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("listening on "):
        proc.kill()
        raise SystemExit(f"simulator did not start: {line!r}")
    return proc, line.removeprefix("listening on ")


def code(serial: str) -> bytes:
    return f"01{GTIN}21{serial}{GS}10L1{GS}17311231".encode()


def pstats(values: list[float]) -> tuple[float, float]:
    p50, p95 = percentile(values, 50), percentile(values, 95)
    assert p50 is not None and p95 is not None
    return p50, p95


def timed(fn: object, items: list[object]) -> list[float]:
    out = []
    for it in items:
        t = time.perf_counter()
        fn(it)  # type: ignore[operator]
        out.append((time.perf_counter() - t) * 1000)
    return out


def report(name: str, ours: list[float], base: list[float]) -> None:
    o50, o95 = pstats(ours)
    b50, b95 = pstats(base)
    print(
        f"{name:9} workflow p50 {o50:7.2f} ms  p95 {o95:7.2f} ms | bare client p50 {b50:7.2f} ms  p95 {b95:7.2f} ms"
        f" | overhead p50 {o50 - b50:6.2f} ms  p95 {o95 - b95:6.2f} ms | ratio p50 {o50 / b50:5.2f}x"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300, help="packs per measurement")
    ap.add_argument("--latency-ms", type=float, default=0.0, help="latency injected in the simulator")
    a = ap.parse_args()
    n = a.n
    with tempfile.TemporaryDirectory() as tmp:
        packs = Path(tmp) / "packs.csv"
        with packs.open("w", encoding="utf-8") as fh:
            fh.write("gtin,serial,lot,expiry,state,product_name\n")
            for prefix in ("V", "D", "B"):
                for i in range(n + 20):
                    fh.write(f"{GTIN},{prefix}{i:06d},L1,2031-12-31,Active,Bench pack\n")
        proc, url = start_hub(packs)
        try:
            if a.latency_ms:
                httpx.post(f"{url}/_admin/faults", json={"latency_ms": a.latency_ms}).raise_for_status()
            station = Station.open(Path(tmp) / "home")
            client = FmdRestClient(url, location_id=station.location)
            wf = Workflow(station, client, operator="bench", tz=dt.UTC)
            # warm up both paths
            for i in range(n, n + 20):
                wf.verify(ScanInput(code(f"V{i:06d}")))
                client.verify(PackRef(ProductScheme.GTIN, GTIN, f"B{i:06d}", "L1", dt.date(2031, 12, 31)))
            serials = [f"{i:06d}" for i in range(n)]
            base_verify = timed(
                lambda s: client.verify(PackRef(ProductScheme.GTIN, GTIN, f"V{s}", "L1", dt.date(2031, 12, 31))),
                list(serials),
            )
            ours_verify = timed(lambda s: wf.verify(ScanInput(code(f"V{s}"))), list(serials))
            base_supply = timed(
                lambda s: client.transact(
                    HubRequest(
                        Transaction.SUPPLY,
                        PackRef(ProductScheme.GTIN, GTIN, f"B{s}", "L1", dt.date(2031, 12, 31)),
                        str(uuid.uuid4()),
                    )
                ),
                list(serials),
            )
            ours_supply = timed(lambda s: wf.dispense([ScanInput(code(f"D{s}"))]), list(serials))
            print(f"scan-to-verdict, {n} packs each, simulator latency {a.latency_ms:.0f} ms, loopback")
            report("verify", ours_verify, base_verify)
            report("dispense", ours_supply, base_supply)
            client.close()
            station.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
