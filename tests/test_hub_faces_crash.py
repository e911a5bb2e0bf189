"""Kills during replay, through each hub face: decommissions (and some undos) are recorded offline,
then the process replaying the outbox through ``fmd-rest``, ``nmvs-soap`` or ``securpharm``
(tests/crash/replay_driver.py) is SIGKILLed at random moments, started again, killed again ...;
a last run replays to the end. Every pack's history on the simulator (``GET /_admin/packs/...``,
which records the face each request came through) must then hold each acknowledged decommission
exactly once: 0 lost, 0 duplicated.

8 kills per face in the default suite; 100 per face with ``./scripts/test.sh -m slow
tests/test_hub_faces_crash.py``. (tests/test_store_crash.py kills the dispensing process itself,
through fmd-rest only.)
"""

from __future__ import annotations

import datetime as dt
import os
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from crash.runner import ForkedRuns, sending
from hub_fixtures import GTIN_B

from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.store import DispenseStatus, Station

DRIVER = Path(__file__).parent / "crash" / "replay_driver.py"
FACES = ("fmd-rest", "nmvs-soap", "securpharm")
LOCATION = "PHARMACY-1"
PER_ROUND = 8  # decommissions recorded offline before each run of the replaying process
EXPIRY = dt.date(2031, 12, 31)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the forking driver needs POSIX")


def _serial(i: int) -> str:
    return f"R{i:05d}"


@dataclass
class Run:
    kills: int = 0
    finished: int = 0
    acked: set[str] = field(default_factory=set)
    undone: set[str] = field(default_factory=set)
    recorded: int = 0
    mid_send: int = 0  # kills that left requests sent (or being sent) with no answer recorded


def _record_offline(home: Path, run: Run, rng: random.Random) -> None:
    """PER_ROUND decommissions into the outbox (the hub is not asked); now and then an undo of an
    earlier one (sent or not: an undo of an unsent decommission cancels it locally)."""
    with Station.open(home) as st:
        for i in range(run.recorded, run.recorded + PER_ROUND):
            pack = PackRef(ProductScheme.GTIN, GTIN_B, _serial(i), "L1", EXPIRY)
            st.record_supply(pack, f"01{GTIN_B}21{_serial(i)}\x1d10L1".encode(), "crash", f"PAT-{i}")
            run.acked.add(_serial(i))
        run.recorded += PER_ROUND
        for _ in range(2):
            target = _serial(rng.randrange(run.recorded))
            if rng.random() < 0.25 and target not in run.undone:
                (rec,) = st.dispense_records(product_code=GTIN_B, serial=target)
                if rec.status in (DispenseStatus.CONFIRMED, DispenseStatus.QUEUED):
                    st.record_undo(rec.id, operator="crash", reason="returned")
                    run.undone.add(target)


def crash_replay(face: str, kills: int, seed: int, tmp_path: Path, sim: Any) -> Run:
    rng = random.Random(seed)
    total = (kills * 3 + 4) * PER_ROUND  # more than the kills can use (some runs finish unkilled)
    packs = [{"gtin": GTIN_B, "serial": _serial(i), "lot": "L1", "expiry": EXPIRY.isoformat(), "state": "Active"}
             for i in range(total)]  # fmt: skip
    sim.admin.seed(packs)
    home = tmp_path / "home"
    with Station.open(home) as st:
        st.settings.set("station.location", LOCATION)
    run = Run()
    runner = ForkedRuns(DRIVER, tmp_path)

    def args() -> list[str]:
        return [str(home), sim.url, face, LOCATION, str(rng.randrange(1 << 30))]

    try:
        # one whole run first: how long a replay takes, so kills land inside one (a run that ends
        # before its kill makes the next kills come sooner)
        _record_offline(home, run, rng)
        lines, _, span = runner.run(args(), None)
        assert lines[-1:] == ["done"], lines
        while run.kills < kills and run.recorded + PER_ROUND <= total:
            _record_offline(home, run, rng)
            before = sending(home)
            _, killed, took = runner.run(args(), rng.uniform(0.0, span))
            run.kills += killed
            run.finished += not killed
            if killed:  # did this kill land after a send was claimed and before its answer was recorded?
                run.mid_send += any(n > before.get(trx, 0) for trx, n in sending(home).items())
            else:
                span = min(span, took) * 0.8
        # the station comes back: one more run to the end (replays whatever the kills left behind)
        lines, _, _ = runner.run(args(), None)
        assert lines[-1:] == ["done"], lines
    finally:
        runner.close()
    return run


def check_exactly_once(home: Path, sim: Any, face: str, run: Run) -> tuple[int, int]:
    """(lost, duplicated), after asserting every record matches the hub's history of its pack."""
    lost: list[str] = []
    duplicated: list[str] = []
    mismatched: list[str] = []

    def same(a: str | None, b: str | None) -> bool:  # NMVS takes a UUID without its dashes
        return (a or "").replace("-", "") == (b or "").replace("-", "")

    with Station.open(home) as st, httpx.Client(base_url=sim.url, timeout=10) as http:
        assert st.pending_count() == 0
        assert list(st.alerts()) == []
        for i in range(run.recorded):
            serial = _serial(i)
            view = http.get(f"/_admin/packs/{GTIN_B}/{serial}").json()
            history = view["history"]
            supplies = [h for h in history if h["transaction"] == "supply"]
            if len(supplies) > 1 or len({h["client_trx_id"] for h in history}) != len(history):
                duplicated.append(serial)
            mismatched += [f"{serial}: through {h['face']}" for h in history if h["face"] != face]
            (rec,) = st.dispense_records(product_code=GTIN_B, serial=serial)
            got = [h["transaction"] for h in history]
            if rec.status is DispenseStatus.CONFIRMED:
                expected, state = ["supply"], "Supplied"
                if not supplies:
                    lost.append(serial)
                    continue
                if not same(supplies[0]["client_trx_id"], rec.client_trx_id):
                    mismatched.append(f"{serial}: the hub's supply is not this record's")
            elif rec.status is DispenseStatus.UNDONE:
                expected, state = ["supply", "undo-supply"], "Active"
            elif rec.status is DispenseStatus.CANCELLED:
                expected, state = [], "Active"
            else:
                mismatched.append(f"{serial}: left {rec.status.value}")
                continue
            if got != expected or view["state"] != state:
                mismatched.append(f"{serial}: local {rec.status.value}, hub {got} {view['state']}")
            if serial in run.undone and rec.status not in (DispenseStatus.UNDONE, DispenseStatus.CANCELLED):
                mismatched.append(f"{serial}: undo recorded but {rec.status.value}")
        assert http.get("/_admin/stats").json()["alerts"] == 0
    assert lost == [], f"lost decommissions: {lost}"
    assert duplicated == [], f"duplicated decommissions: {duplicated}"
    assert mismatched == [], mismatched
    return len(lost), len(duplicated)


def _test(face: str, kills: int, seed: int, tmp_path: Path, sim: Any, capsys: pytest.CaptureFixture[str]) -> None:
    run = crash_replay(face, kills, seed, tmp_path, sim)
    assert run.kills >= kills
    if kills >= 100:
        assert run.mid_send > 0  # some kills hit between sending and recording the answer
    lost, duplicated = check_exactly_once(tmp_path / "home", sim, face, run)
    with capsys.disabled():
        print(
            f"\nreplay kills through {face}: {run.kills} kills, {run.finished} runs finished unkilled,"
            f" {len(run.acked)} decommissions, {len(run.undone)} undos, {run.mid_send} kills between send and"
            f" recorded answer; lost {lost}, duplicated {duplicated}"
        )


@pytest.mark.parametrize("face", FACES)
def test_kills_during_replay_lose_and_duplicate_nothing(
    face: str, tmp_path: Path, hub_sim: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _test(face, 8, 23, tmp_path, hub_sim, capsys)


@pytest.mark.slow
@pytest.mark.parametrize("face", FACES)
def test_many_kills_during_replay(face: str, tmp_path: Path, hub_sim: Any, capsys: pytest.CaptureFixture[str]) -> None:
    _test(face, 100, 2023, tmp_path, hub_sim, capsys)
