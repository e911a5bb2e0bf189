"""Crash-test driver: dispenses packs and replays the outbox until it is killed (SIGKILL).

Run by tests/test_store_crash.py as a separate process; the test kills it at a random moment and
starts it again. Protocol on stdout (one line each, flushed at once):

    ready                    the station is open, work starts now
    ack SERIAL               record_supply(SERIAL) returned: the decommission is recorded (acknowledged)
    dup SERIAL               SERIAL was already recorded by an earlier (killed) run: refused by the guard
    undo SERIAL              record_undo(SERIAL) returned
    done                     every pack of this run was handled and the outbox is empty

usage: driver.py HOME HUB_URL GTIN FIRST COUNT SEED
Packs are GTIN + serials C00000, C00001, ... (FIRST .. FIRST+COUNT-1), lot L1, expiry 2031-12-31.

``driver.py --zygote`` imports everything once, then for each line ``FIFO HOME HUB_URL GTIN FIRST
COUNT SEED`` on stdin forks a child that runs the driver with its stdout on the named pipe FIFO,
prints ``pid N``, waits for the child and prints ``exit N STATUS``. The child is an ordinary process
(killed with SIGKILL like any other); forking only saves the interpreter start-up per run.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import traceback
from collections.abc import Callable

from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.store import DoubleDecommissionError, Station
from dispense_app.workflow.sender import replay, send

LOCATION = "PHARMACY-1"
EXPIRY = dt.date(2031, 12, 31)


def serial(i: int) -> str:
    return f"C{i:05d}"


def main(argv: list[str]) -> int:
    home, url, gtin, first, count, seed = argv[0], argv[1], argv[2], int(argv[3]), int(argv[4]), int(argv[5])
    rng = random.Random(seed)
    station = Station.open(home)
    if station.settings.get("station.location") != LOCATION:
        station.settings.set("station.location", LOCATION)
    client = FmdRestClient(url, location_id=LOCATION, retries=0, read_timeout=10.0)
    print("ready", flush=True)
    for i in range(first, first + count):
        pack = PackRef(ProductScheme.GTIN, gtin, serial(i), "L1", EXPIRY)
        try:
            rec = station.record_supply(pack, f"01{gtin}21{serial(i)}\x1d10L1".encode(), "crash", f"PAT-{i}")
        except DoubleDecommissionError:
            print(f"dup {serial(i)}", flush=True)
            continue
        print(f"ack {serial(i)}", flush=True)
        roll = rng.random()
        if roll < 0.3:
            send(station, client, [rec.client_trx_id])  # the online path
        elif roll < 0.5:
            replay(station, client, chunk_size=rng.choice((1, 3, 7, 500)))  # sync in between
        if rng.random() < 0.1:
            station.record_undo(rec.id, operator="crash", reason="returned")
            print(f"undo {serial(i)}", flush=True)
    report = replay(station, client)
    station.close()
    client.close()
    if report.remaining == 0:
        print("done", flush=True)
    return 0


def zygote(run: Callable[[list[str]], int] | None = None) -> int:
    """Fork a child per stdin line that runs ``run`` (default: :func:`main`) with the line's arguments."""
    run = run or main
    for line in sys.stdin:
        fifo, *args = line.split()
        pid = os.fork()
        if pid == 0:  # the child: the app process that gets killed
            code = 1
            try:
                sys.stdout = open(fifo, "w", buffering=1)  # noqa: SIM115 - lives until os._exit
                code = run(args)
                sys.stdout.flush()
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exit {pid} {status}", flush=True)
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--zygote"]:
        raise SystemExit(zygote())
    raise SystemExit(main(sys.argv[1:]))
