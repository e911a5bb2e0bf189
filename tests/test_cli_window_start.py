"""Issue 22, start-up: the counter window's commands (gui, demo) get a parser with only their own
command module; every other command line keeps the whole parser (its help, its errors)."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest
from window_start import start_demo_window

from dispense_app import cli


@pytest.mark.parametrize(("argv", "expected"), [
    ([], "gui"),
    (["demo"], "demo"),
    (["demo", "--no-window", "--smoke", "1"], "demo"),
    (["--home", "/tmp/h", "demo"], "demo"),
    (["--home=/tmp/h", "gui"], "gui"),
    (["--home", "/tmp/h"], "gui"),
    (["--home", "gui", "parse", "X"], None),  # a folder named gui is no command
    (["parse", "gui"], None),
    (["alerts", "list"], None),
    (["--help"], None),
    (["--home", "/tmp/h", "--help"], None),
    (["--version"], None),
])
def test_which_command_lines_open_the_window(argv: list[str], expected: str | None) -> None:
    assert cli._window_command(argv) == expected


def test_the_window_parser_reads_the_same_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--home", "/tmp/h", "demo", "--no-window", "--smoke", "2", "--lang", "de"]
    full = cli.build_parser().parse_args(cli._command_first(argv, ["demo", "gui", "parse"]))
    alone = cli.build_parser(only="demo").parse_args(cli._command_first(argv, ["demo", "gui"]))
    assert vars(full) == vars(alone)
    for parser in (cli.build_parser(), cli.build_parser(only="demo")):
        with pytest.raises(SystemExit) as exc:
            parser.parse_args(["demo", "--bogus"])
        assert exc.value.code == 2
    assert capsys.readouterr().err.count("unrecognized arguments: --bogus") == 2


def test_building_the_window_parser_imports_no_other_command() -> None:
    code = ("import sys\nfrom dispense_app import cli\ncli.build_parser(only='gui')\n"
            "print(sorted(m for m in sys.modules if m.startswith('dispense_app.commands.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['dispense_app.commands.gui']"


NOT_BEFORE_THE_FIRST_PAINT = (
    "dispense_app.commands._gate",  # the window signs in itself (F5)
    "dispense_app.core.operators",  # ... and with it hashlib
    "dispense_app.core.model",  # the view model takes EntryMode from scanner.entry_mode
    "dispense_app.hub.config",  # --hub-type's names come from hub.hub_types
    "dispense_app.hub.lifecycle",  # the status bar words a credential finding when there is one
    "dispense_app.store.site_url",  # only with --store
    "scanner.serial_reader",  # only with a serial port set
    "scanner.wedge",  # the wedge capture is made with the first paint
    "ctypes",  # qtcompat's remedy, only where the binding has the defect
)


def test_the_window_start_loads_only_what_its_first_paint_needs(tmp_path: object) -> None:
    """Issue 22, start-up: each module here cost 1 to 6 ms before the counter window's first paint
    and is needed only later, or never on an ordinary start. Listed at the window's first paint
    event (before the station is built on a worker, which loads them all)."""
    run = start_demo_window(str(tmp_path), (
        "import os, sys\n"
        "from dispense_app.ui import counter_window\n"
        "def paint(self, event):\n"
        "    print(sorted(sys.modules), flush=True)\n"
        "    os._exit(0)\n"
        "counter_window.CounterWindow.paintEvent = paint\n"
    ))
    lines = [line for line in run.stdout.splitlines() if line.startswith("[")]
    assert lines, run.stdout + run.stderr
    loaded = set(ast.literal_eval(lines[0]))
    assert "dispense_app.ui.counter_window" in loaded
    assert sorted(loaded.intersection(NOT_BEFORE_THE_FIRST_PAINT)) == []
