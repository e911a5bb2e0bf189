"""A scripted counter day against the hub simulator: which hub alerts does the client cause?

One script of counter actions (seeded), played twice against the same freshly seeded simulator
(default market rules: double-dispense limit 2, manual typo tolerance 2):

* **this client**: the station's outbox and sender (``record_supply`` + ``send``; a lost answer
  stays queued and is verified first at the next replay), the local double-decommission guard;
* **naive client** (the baseline): sends every dispense straight to the hub, resends a request
  whose answer was lost with a *new* transaction id, and sends a double scan again.

The day: N scans (default 1,000) of distinct packs, with realistic repeats: double scans of the
pack just dispensed (8 %), a second dispense of a pack dispensed earlier that day (2 %), manual
entries with a typo before the right serial (5 %), a handful of genuinely unknown serials (0.3 %:
the alerts the real rules *should* raise), and a lost answer (the hub applies the change, the reply
is dropped) every 50 calls. It prints the hub's alerts by class for each client beside the alerts
the real rules call for (the unknown serials).

    .venv/bin/python bench/alert_day.py [--scans 1000] [--seed 18]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dispense_app.core.model import EntryMode, HubRequest, HubUnavailable, PackRef, ProductScheme, Transaction
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.hub.simulator import start_simulator
from dispense_app.store import DoubleDecommissionError, Station
from dispense_app.workflow.sender import replay, send

GTIN = "04150037528643"
LOT = "DAY1"
EXPIRY = dt.date(2031, 12, 31)
LOCATION = "PHARMACY-1"
LOST_EVERY = 50


@dataclass(frozen=True)
class Step:
    kind: str  # "dispense", "double", "again", "typo", "unknown"
    serial: str


def script(scans: int, rng: random.Random) -> list[Step]:
    steps: list[Step] = []
    dispensed: list[str] = []
    for i in range(scans):
        serial = f"DAY{i:05d}"
        roll = rng.random()
        if roll < 0.003:
            steps.append(Step("unknown", f"FAKE{i:05d}"))
            continue
        if roll < 0.053:
            steps.append(Step("typo", serial))  # a wrong serial typed first, then the right one
        steps.append(Step("dispense", serial))
        dispensed.append(serial)
        if rng.random() < 0.08:
            steps.append(Step("double", serial))
        if rng.random() < 0.02 and len(dispensed) > 5:
            steps.append(Step("again", rng.choice(dispensed[:-1])))
    return steps


def pack(serial: str) -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN, serial, LOT, EXPIRY)


def typo(serial: str) -> str:
    return serial[:-1] + ("X" if serial[-1] != "X" else "Y")


class Counter:
    """Counts calls to the hub; every LOST_EVERY-th state change has its answer dropped."""

    def __init__(self, sim: Any) -> None:
        self.sim = sim
        self.calls = 0

    def before_change(self) -> None:
        self.calls += 1
        if self.calls % LOST_EVERY == 0:
            self.sim.admin.faults(drop_responses=1)


def run_ours(sim: Any, steps: list[Step], home: Path) -> None:
    station = Station.open(home)
    station.settings.set("station.location", LOCATION)
    counter = Counter(sim)
    with FmdRestClient(sim.url, location_id=LOCATION, retries=0) as client:
        for n, step in enumerate(steps, 1):
            if step.kind == "typo":
                client.verify(PackRef(ProductScheme.GTIN, GTIN, typo(step.serial)), entry_mode=EntryMode.MANUAL)
                continue
            if step.kind == "unknown":
                client.verify(pack(step.serial))
                continue
            try:
                rec = station.record_supply(pack(step.serial), b"x", "anna")
            except DoubleDecommissionError:
                continue  # the local guard: already dispensed here, never sent again
            counter.before_change()
            send(station, client, [rec.client_trx_id])
            if n % 100 == 0:
                replay(station, client)
        replay(station, client)
    station.close()


def run_naive(sim: Any, steps: list[Step]) -> None:
    counter = Counter(sim)
    with FmdRestClient(sim.url, location_id=LOCATION, retries=0) as client:
        for step in steps:
            if step.kind == "typo":
                client.verify(PackRef(ProductScheme.GTIN, GTIN, typo(step.serial)), entry_mode=EntryMode.MANUAL)
                continue
            if step.kind == "unknown":
                client.verify(pack(step.serial))
                continue
            counter.before_change()
            for _ in range(3):
                try:
                    client.transact(HubRequest(Transaction.SUPPLY, pack(step.serial), uuid.uuid4().hex))
                    break
                except HubUnavailable:
                    continue  # resend blindly, with a new transaction id


def seed(sim: Any, steps: list[Step], db: Path) -> None:
    serials = sorted({s.serial for s in steps if s.kind != "unknown"})
    sim.reset(
        packs=[{"gtin": GTIN, "serial": s, "lot": LOT, "expiry": EXPIRY.isoformat()} for s in serials],
        db_path=db,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scans", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args()
    steps = script(args.scans, random.Random(args.seed))
    expected = sum(1 for s in steps if s.kind == "unknown")
    results: dict[str, dict[str, Any]] = {}
    with start_simulator() as sim, tempfile.TemporaryDirectory() as tmp:
        for name in ("this client", "naive client"):
            seed(sim, steps, Path(tmp) / f"{name.split()[0]}.sqlite")
            if name == "this client":
                run_ours(sim, steps, Path(tmp) / "home")
            else:
                run_naive(sim, steps)
            stats = sim.admin.stats()
            results[name] = {
                "alerts": stats["alerts"],
                "by_class": stats["alerts_by_class"],
                "lost": stats["dropped_replies"],
            }
    kinds = {k: sum(1 for s in steps if s.kind == k) for k in ("dispense", "double", "again", "typo", "unknown")}
    print(f"counter day: {args.scans} scans, seed {args.seed}: {kinds}, a lost answer every {LOST_EVERY} changes")
    print(f"alerts the real rules call for (unknown serials, A3): {expected}")
    classes = sorted({c for r in results.values() for c in r["by_class"]} | {"A3"})
    print(f"{'client':<14}{'alerts':>8}  " + "  ".join(f"{c:>5}" for c in classes) + f"  {'lost answers':>13}")
    for name, r in results.items():
        row = "  ".join(f"{r['by_class'].get(c, 0):>5}" for c in classes)
        print(f"{name:<14}{r['alerts']:>8}  {row}  {r['lost']:>13}")
    ours, naive = results["this client"]["alerts"], results["naive client"]["alerts"]
    print(f"beyond the real rules: this client {ours - expected}, naive client {naive - expected}")
    print(f"ratio naive/this client alerts: {naive / ours if ours else float('inf'):.2f}")


if __name__ == "__main__":
    main()
