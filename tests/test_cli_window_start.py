"""Issue 22, start-up: the counter window's commands (gui, demo) get a parser with only their own
command module; every other command line keeps the whole parser (its help, its errors)."""

from __future__ import annotations

import subprocess
import sys

import pytest

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
