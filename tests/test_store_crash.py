"""Crash tests: SIGKILL the dispensing + replay process (tests/crash/driver.py) at random moments,
many times, then replay once more and compare every pack's history on the hub simulator
(``GET /_admin/packs/{gtin}/{serial}``, over HTTP) with the station's records.

Bar: zero lost (an acknowledged decommission that never reached the hub) and zero duplicated (a
pack decommissioned twice, or a request the hub saw as a repeat of someone else's) over at least
200 random kills: ``./scripts/test.sh -m slow tests/test_store_crash.py``. The default suite runs a
shorter version (20 kills).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from crash.runner import ForkedRuns, sending
from hub_fixtures import GTIN_B

from dispense_app.store import DispenseStatus, Station

DRIVER = Path(__file__).parent / "crash" / "driver.py"
PACKS_PER_RUN = 40
LOCATION = "PHARMACY-1"


@dataclass
class CrashRun:
    kills: int = 0
    finished_runs: int = 0
    acked: set[str] = field(default_factory=set)
    undone: set[str] = field(default_factory=set)
    dups: int = 0
    mid_send: int = 0  # kills that left requests sent (or being sent) with no answer recorded
    next_index: int = 0


class ExecRunner:
    """Each run is a fresh ``python driver.py ...`` process (interpreter start-up included)."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp

    def close(self) -> None:
        pass

    def run(self, home: Path, url: str, first: int, seed: int, kill_after: float | None) -> tuple[list[str], bool]:
        """Start the driver; SIGKILL it ``kill_after`` seconds after it reports ready (None: let it finish)."""
        proc = subprocess.Popen(
            [sys.executable, str(DRIVER), str(home), url, GTIN_B, str(first), str(PACKS_PER_RUN), str(seed)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        ready = proc.stdout.readline().strip()
        if ready != "ready":
            proc.kill()
            _, err = proc.communicate()
            raise AssertionError(f"driver did not start: {ready!r} {err}")
        if kill_after is not None:
            time.sleep(kill_after)  # when to pull the plug; nothing is asserted about time
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=120)
        killed = proc.returncode == -signal.SIGKILL
        assert killed or proc.returncode == 0, err
        return out.splitlines(), killed


class ZygoteRunner:
    """Each run is a child forked from a driver that has already imported everything (fast)."""

    def __init__(self, tmp: Path) -> None:
        self.runs = ForkedRuns(DRIVER, tmp)

    def close(self) -> None:
        self.runs.close()

    def run(self, home: Path, url: str, first: int, seed: int, kill_after: float | None) -> tuple[list[str], bool]:
        lines, killed, _ = self.runs.run([str(home), url, GTIN_B, str(first), str(PACKS_PER_RUN), str(seed)],
                                         kill_after)  # fmt: skip
        return lines, killed


def _serial(i: int) -> str:
    return f"C{i:05d}"


def crash_loop(runner: ExecRunner | ZygoteRunner, home: Path, sim: Any, kills: int, seed: int) -> CrashRun:
    rng = random.Random(seed)
    total = (kills + 2) * PACKS_PER_RUN
    sim.admin.seed(
        [
            {"gtin": GTIN_B, "serial": _serial(i), "lot": "L1", "expiry": "2031-12-31", "state": "Active"}
            for i in range(total)
        ]
    )
    run = CrashRun()
    while run.kills < kills:
        before = sending(home)
        lines, killed = runner.run(home, sim.url, run.next_index, rng.randrange(1 << 30), rng.uniform(0.0, 0.12))
        run.kills += killed
        run.finished_runs += not killed
        if killed:  # did this kill land after a send was claimed and before its answer was recorded?
            run.mid_send += any(n > before.get(trx, 0) for trx, n in sending(home).items())
        seen = [run.next_index - 1]
        for line in lines:
            word, _, serial = line.partition(" ")
            if word == "ack":
                run.acked.add(serial)
            elif word == "undo":
                run.undone.add(serial)
            elif word == "dup":
                run.dups += 1
            if serial:
                seen.append(int(serial[1:]))
        # continue after the last pack this run reported; a pack recorded but not yet acknowledged
        # when the kill came is met again and refused by the guard ("dup")
        run.next_index = max(seen) + 1
    # the station comes back: one more run to the end (replays whatever the kills left behind)
    lines, _ = runner.run(home, sim.url, run.next_index, rng.randrange(1 << 30), None)
    assert lines[-1] == "done"
    for line in lines:
        word, _, serial = line.partition(" ")
        if word == "ack":
            run.acked.add(serial)
        elif word == "undo":
            run.undone.add(serial)
    run.next_index += PACKS_PER_RUN
    return run


def check_exactly_once(home: Path, sim: Any, run: CrashRun) -> dict[str, int]:
    """Every acknowledged decommission is on the hub exactly once; nothing else is; nothing pending."""
    lost: list[str] = []
    duplicated: list[str] = []
    mismatched: list[str] = []
    with Station.open(home) as st, httpx.Client(base_url=sim.url, timeout=10) as http:
        assert st.pending_count() == 0
        assert list(st.alerts()) == []
        assert st.audit.verify().ok
        for i in range(run.next_index):
            serial = _serial(i)
            view = http.get(f"/_admin/packs/{GTIN_B}/{serial}").json()
            history = view["history"]
            supplies = [h for h in history if h["transaction"] == "supply"]
            if len(supplies) > 1 or len({h["client_trx_id"] for h in history}) != len(history):
                duplicated.append(serial)
            records = list(st.dispense_records(product_code=GTIN_B, serial=serial))
            if serial in run.acked and not records:
                lost.append(serial)
                continue
            if not records:
                if history:
                    mismatched.append(f"{serial}: on the hub but not recorded here")
                continue
            (rec,) = records
            expected: list[tuple[str, str | None]]
            if rec.status is DispenseStatus.CONFIRMED:
                expected, state = [("supply", rec.client_trx_id)], "Supplied"
            elif rec.status is DispenseStatus.UNDONE:
                expected = [("supply", rec.client_trx_id), ("undo-supply", rec.undo_client_trx_id)]
                state = "Active"
            elif rec.status is DispenseStatus.CANCELLED:
                expected, state = [], "Active"
            else:
                mismatched.append(f"{serial}: left {rec.status.value}")
                continue
            got = [(h["transaction"], h["client_trx_id"]) for h in history]
            if got != expected or view["state"] != state:
                if serial in run.acked and rec.status is DispenseStatus.CONFIRMED and not supplies:
                    lost.append(serial)
                else:
                    mismatched.append(f"{serial}: local {rec.status.value}, hub {got} {view['state']}")
            if serial in run.undone and rec.status not in (DispenseStatus.UNDONE, DispenseStatus.CANCELLED):
                mismatched.append(f"{serial}: undo acknowledged but {rec.status.value}")
        stats = http.get("/_admin/stats").json()
    assert lost == [], f"lost decommissions: {lost}"
    assert duplicated == [], f"duplicated decommissions: {duplicated}"
    assert mismatched == []
    # the hub never saw a repeated decommission of a supplied pack, a reused trx id, or any alert
    assert stats["alerts"] == 0
    assert set(stats["by_return_code"]) <= {"NMVS_SUCCESS"}, stats["by_return_code"]
    return {"lost": len(lost), "duplicated": len(duplicated)}


def _crash_test(
    runner_class: type[ExecRunner | ZygoteRunner],
    tmp_path: Path,
    home: Path,
    hub_sim: Any,
    kills: int,
    seed: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    runner = runner_class(tmp_path)
    try:
        run = crash_loop(runner, home, hub_sim, kills, seed)
    finally:
        runner.close()
    figures = check_exactly_once(home, hub_sim, run)
    assert run.kills >= kills
    assert len(run.acked) > kills  # the kills landed while work was being done
    if kills >= 100:
        assert run.mid_send > 0  # some kills hit between sending and recording the answer
    with capsys.disabled():
        print(
            f"\ncrash test ({runner_class.__name__}): {run.kills} kills, {run.finished_runs} runs finished,"
            f" {len(run.acked)} acknowledged decommissions, {len(run.undone)} undos, {run.dups} refused re-scans"
            f" after a kill, {run.mid_send} kills between send and recorded answer;"
            f" lost {figures['lost']}, duplicated {figures['duplicated']}"
        )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forking driver needs POSIX")
def test_random_kills_lose_nothing_and_duplicate_nothing(
    tmp_path: Path, home: Path, hub_sim: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _crash_test(ZygoteRunner, tmp_path, home, hub_sim, kills=20, seed=6, capsys=capsys)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="forking driver needs POSIX")
def test_random_kills_many(tmp_path: Path, home: Path, hub_sim: Any, capsys: pytest.CaptureFixture[str]) -> None:
    _crash_test(ZygoteRunner, tmp_path, home, hub_sim, kills=300, seed=2026, capsys=capsys)


@pytest.mark.slow
def test_random_kills_fresh_processes(
    tmp_path: Path, home: Path, hub_sim: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every run a new interpreter (no fork): slower, the closest to a real crash and restart."""
    _crash_test(ExecRunner, tmp_path, home, hub_sim, kills=200, seed=1974, capsys=capsys)


def test_random_kills_on_a_site_store_lose_nothing_and_duplicate_nothing(
    tmp_path: Path,
    home: Path,
    hub_sim: Any,
    site_store: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same on a site store (PostgreSQL, issue 20): a counter killed mid-transaction leaves
    nothing half-written (the server rolls its transaction back), one killed mid-send resends with
    the same ids (its own claim)."""
    monkeypatch.setenv("DISPENSE_APP_STORE", site_store)
    _crash_test(ZygoteRunner, tmp_path, home, hub_sim, kills=20, seed=20, capsys=capsys)
