"""Issue 22, start-up: the garbage collector paused while the counter window starts, and only that
pause undone (dispense_app.collector)."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest
from window_start import start_demo_window

from dispense_app import cli, collector


@pytest.fixture(autouse=True)
def _collector_back_on() -> Iterator[None]:
    yield
    collector.resume()
    gc.unfreeze()
    gc.enable()


def test_a_pause_is_undone_by_resume_and_the_objects_of_the_start_are_frozen() -> None:
    assert gc.isenabled()
    collector.pause_for_start()
    assert not gc.isenabled() and collector.paused()
    made_during_the_start = [object() for _ in range(10)]
    collector.resume()
    assert gc.isenabled() and not collector.paused()
    assert gc.get_freeze_count() > 0  # the start's objects: not walked again (nor collected) later
    collector.resume()  # twice is harmless
    assert gc.isenabled()
    del made_during_the_start


def test_a_collector_someone_else_turned_off_stays_off() -> None:
    gc.disable()
    collector.pause_for_start()
    assert not collector.paused()
    collector.resume()
    assert not gc.isenabled()


def test_a_window_command_that_stops_before_its_window_leaves_the_collector_on(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo", "--smoke", "0"]) == 2  # refused before any window
    assert "--smoke needs a positive number of seconds" in capsys.readouterr().err
    assert gc.isenabled() and not collector.paused()


def test_other_commands_never_pause_it() -> None:
    code = ("import gc\nfrom dispense_app import cli, collector\n"
            "calls = []\ncollector.pause_for_start = lambda: calls.append('paused')\n"
            "cli.main(['parse', '010415012345678221SN1'])\nprint(calls)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_the_window_resumes_it_at_its_first_paint(tmp_path: object) -> None:
    run = start_demo_window(str(tmp_path), (
        "import gc, os\n"
        "from dispense_app.ui import app\n"
        "seen = []\n"
        "def painted(self):\n"
        "    print('at ready: collector', 'on' if gc.isenabled() else 'off', flush=True)\n"
        "    os._exit(0)\n"
        "app._RunMarkers.on_painted = painted\n"
        "from dispense_app.ui import counter_window\n"
        "paint = counter_window.CounterWindow.paintEvent\n"
        "def first(self, event):\n"
        "    if not seen:\n"
        "        seen.append(1)\n"
        "        print('at the first paint: collector', 'on' if gc.isenabled() else 'off', flush=True)\n"
        "    paint(self, event)\n"
        "counter_window.CounterWindow.paintEvent = first\n"
    ))
    lines = [line for line in run.stdout.splitlines() if line.startswith("at ")]
    assert lines == ["at the first paint: collector off", "at ready: collector on"], run.stdout + run.stderr
