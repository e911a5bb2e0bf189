"""Rules of the house that code review alone would miss."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "pytestqt")
# Qt only under dispense_app/ui (DESIGN.md "Rules of the house").
QT_ALLOWED = ("dispense_app/ui/",)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_qt_is_imported_only_in_ui() -> None:
    offenders = []
    for pkg in ("scanner", "dispense_app"):
        for path in (REPO / pkg).rglob("*.py"):
            rel = path.relative_to(REPO).as_posix()
            if rel.startswith(QT_ALLOWED):
                continue
            bad = _imports(path) & set(QT_MODULES)
            if bad:
                offenders.append(f"{rel}: {sorted(bad)}")
    assert offenders == []


def _full_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_layers_do_not_import_the_command_line_or_the_ui() -> None:
    """The command line and the UI sit on top of core, hub, store and export, never below them
    (the store's errors once imported ``UsageError`` from ``dispense_app.cli``)."""
    offenders = []
    for pkg in ("core", "hub", "store", "export"):
        for path in (REPO / "dispense_app" / pkg).rglob("*.py"):
            upward = {
                name
                for name in _full_imports(path)
                if name in ("dispense_app.cli", "dispense_app.ui", "dispense_app.commands")
                or name.startswith(("dispense_app.ui.", "dispense_app.commands.", "dispense_app.workflow.cli"))
            }
            if upward:
                offenders.append(f"{path.relative_to(REPO).as_posix()}: {sorted(upward)}")
    assert offenders == []


def test_cli_version_and_help() -> None:
    from dispense_app import __version__

    out = subprocess.run(
        [sys.executable, "-m", "dispense_app", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"dispense-app {__version__}"
    bad = subprocess.run([sys.executable, "-m", "dispense_app", "no-such-command"], capture_output=True, text=True)
    assert bad.returncode == 2


def test_leading_options_go_behind_the_command() -> None:
    from dispense_app.cli import _command_first

    cmds = ["gui", "parse", "verify"]
    assert _command_first([], cmds) == ["gui"]
    assert _command_first(["--lang", "de"], cmds) == ["gui", "--lang", "de"]
    assert _command_first(["--home", "/h", "--lang", "de"], cmds) == ["gui", "--home", "/h", "--lang", "de"]
    assert _command_first(["--home", "/h", "parse", "X"], cmds) == ["parse", "--home", "/h", "X"]
    assert _command_first(["--hub", "u", "--json", "verify", "C"], cmds) == ["verify", "--hub", "u", "--json", "C"]
    assert _command_first(["--home=/h", "parse"], cmds) == ["parse", "--home=/h"]
    assert _command_first(["parse", "--home", "/h"], cmds) == ["parse", "--home", "/h"]
    assert _command_first(["--version"], cmds) == ["--version"]
