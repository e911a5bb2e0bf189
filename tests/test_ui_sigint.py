"""Issue 16, item 9: Ctrl+C in the terminal closes the counter window cleanly.

Before: the window stayed open (Python's SIGINT handler never ran inside Qt's event loop) or a
``KeyboardInterrupt`` traceback came out of an event filter. Now: one line on stderr, exit 130,
and the outbox keeps what was queued. A real subprocess under the offscreen platform."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dispense_app.store import Station

GS = "\x1d"
CODE = f"010415012345678221SIGINT1{GS}10L1{GS}17311231"


def _queue_one(home: Path) -> int:
    """A decommission queued offline (the hub address answers nothing)."""
    done = subprocess.run(
        [sys.executable, "-m", "dispense_app", "dispense", CODE, "--home", str(home), "--hub", "http://127.0.0.1:9"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode in (0, 3), done.stderr
    with Station.open(home, create=False) as station:
        return station.pending_count()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_closes_the_window_cleanly_and_keeps_the_outbox(tmp_path: Path, sig: signal.Signals) -> None:
    home = tmp_path / "home"
    pending = _queue_one(home)
    assert pending == 1
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dispense_app", "gui", "--no-window", "--mute", "--smoke", "600",
         "--home", str(home), "--hub", "http://127.0.0.1:9"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # wait for the window to be up (the smoke run's marker)
            if line.startswith("ready"):
                break
        else:
            pytest.fail("the window never got ready: " + (proc.stderr.read() if proc.stderr else ""))
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)  # a guard against a hang, not a timing assertion
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    said = [line for line in err.splitlines() if line.startswith("dispense-app: interrupted")]
    assert len(said) == 1 and signal.Signals(sig).name in said[0]
    with Station.open(home, create=False) as station:
        assert station.pending_count() == pending
        assert station.audit.verify().ok
