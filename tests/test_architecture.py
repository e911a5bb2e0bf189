"""Rules of the house that code review alone would miss."""

from __future__ import annotations

import argparse
import ast
import functools
import itertools
import os
import subprocess
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
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



# What every start of the app (window included) loads before it can paint: building the command
# line's parser imports every command module. A command module that imports the store or a hub
# client at its top moved sqlite-utils (and numpy with it) onto the window's start (issue 15's
# start-up figure went from 2.7x to 4.4x an empty window); those belong inside the command's run().
HEAVY_AT_START = ("sqlite_utils", "sqlite3", "numpy", "httpx", "zeep", "lxml", "PySide6", "cryptography",
                  "keyring", "starlette", "cv2", "pypdf", "fpdf", "zxingcpp", "pylibdmtx")


def test_building_the_command_line_loads_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from dispense_app.cli import build_parser\n"
        "build_parser()\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    assert sorted(loaded & set(HEAVY_AT_START)) == []
    store = subprocess.run(
        [sys.executable, "-c", code.replace("m.split('.')[0]", "m")], capture_output=True, text=True, check=True
    )
    assert [m for m in store.stdout.split() if m.startswith(("dispense_app.store", "dispense_app.station"))] == []


def test_the_window_paints_before_the_store_is_loaded() -> None:
    """The counter window's modules load no store engine, hub client or PDF library at import: the
    station is opened on a worker after first paint, and those load there (``ui.training`` once
    pulled in the whole station package for one file name)."""
    code = (
        "import sys\n"
        "import dispense_app.ui.app, dispense_app.ui.training, dispense_app.ui.counter_window\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    loaded = set(out.stdout.split())
    assert sorted(loaded & (set(HEAVY_AT_START) - {"PySide6"})) == []

WINDOW_START_MODULES = (
    "dispense_app.cli", "dispense_app.commands.demo", "dispense_app.commands.gui", "dispense_app.ui.app",
    "dispense_app.ui.training", "dispense_app.ui.counter_window", "dispense_app.station.bugs",
    "dispense_app.ui.i18n", "dispense_app.ui.status_cache", "dispense_app.ui.wedge_capture",
    "dispense_app.ui.sounds", "dispense_app.ui.interrupts", "dispense_app.ui.settings_model",
)
"""What the main thread imports before the counter window's first paint (``dispense-app demo``/``gui``)."""


def test_the_window_start_imports_no_tool_it_does_not_use() -> None:
    """Before the first paint nothing runs a subprocess, lists the command package, pickles or logs
    a bug: those standard modules load where they are used (issue 22, start-up), not at import."""
    code = (
        "import sys, importlib\n"
        f"for m in {WINDOW_START_MODULES!r}: importlib.import_module(m)\n"
        "from dispense_app.cli import build_parser\n"
        "build_parser(only='demo')\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    loaded = set(out.stdout.split())
    assert sorted(loaded & {"pkgutil", "subprocess", "logging.handlers", "pickle"}) == []


def test_a_window_command_gets_its_parser_alone_and_every_other_the_whole_one() -> None:
    from dispense_app.cli import build_parser

    def commands(parser: argparse.ArgumentParser) -> list[str]:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return sorted(sub.choices)

    assert commands(build_parser(only="demo")) == ["demo"]
    everything = commands(build_parser())
    assert {"demo", "gui", "parse", "verify"} <= set(everything) and len(everything) > 10


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


# --------------------------------------------------------------------------- the import graph
# Every import counts: module level, under ``if TYPE_CHECKING:``, inside functions (lazy), and
# ``importlib.import_module("...")`` / ``__import__("...")`` with a literal name. A lazy import is
# still a dependency, and a cycle hidden behind TYPE_CHECKING is still a cycle for the reader.

PACKAGES = ("scanner", "dispense_app")


@dataclass(frozen=True, slots=True)
class Import:
    """One import in one module: the absolute name it reaches (the most specific module where the
    name is one of the repository's modules) and the line it is on."""

    module: str
    target: str
    line: int


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.cache
def _modules() -> dict[str, Path]:
    """Every module of the scanner and dispense_app packages, by dotted name."""
    return {_module_name(path): path for pkg in PACKAGES for path in sorted((REPO / pkg).rglob("*.py"))}


@functools.cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _absolute(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute name of ``from <level dots><name> import ...`` written in ``module``."""
    if level == 0:
        return name or ""
    here = module.split(".")
    package = here if is_package else here[:-1]
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, name] if name else base)


def _dynamic_import(node: ast.Call) -> str | None:
    """The literal absolute name given to ``importlib.import_module`` or ``__import__``, if any."""
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    if name not in ("import_module", "__import__") or not node.args:
        return None
    arg = node.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and not arg.value.startswith("."):
        return arg.value
    return None


def imports_in(tree: ast.Module, module: str, *, is_package: bool = False) -> list[Import]:
    """Every import in ``module`` (parsed as ``tree``), relative ones resolved, each target once
    (at its first line); ``from pkg import name`` reaches ``pkg.name`` when that is a module of the
    repository, else ``pkg``."""
    known = _modules()
    found: dict[str, Import] = {}

    def add(target: str, line: int) -> None:
        if target not in found or line < found[target].line:
            found[target] = Import(module, target, line)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node.level, node.module)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                add(candidate if candidate in known else base, node.lineno)
        elif isinstance(node, ast.Call) and (target := _dynamic_import(node)) is not None:
            add(target, node.lineno)
    return sorted(found.values(), key=lambda imp: (imp.line, imp.target))


def imports_of(path: Path) -> list[Import]:
    """Every import in the repository file ``path`` (see :func:`imports_in`)."""
    return imports_in(_tree(path), _module_name(path), is_package=path.name == "__init__.py")


def _reaches(target: str, names: tuple[str, ...]) -> bool:
    return any(target == name or target.startswith(name + ".") for name in names)


def _python_files(*folders: str) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((REPO / folder).rglob("*.py"))


def test_scanner_never_imports_dispense_app() -> None:
    """``scanner`` stands alone (DESIGN.md "Rules of the house"): it is usable without the app."""
    offenders = [
        f"{path.relative_to(REPO).as_posix()}:{imp.line}: {imp.target}"
        for path in _python_files("scanner")
        for imp in imports_of(path)
        if _reaches(imp.target, ("dispense_app",))
    ]
    assert not offenders, "\n".join(offenders)


# The layers that sit below the command line: the window, the workflow and the station service.
BELOW_THE_COMMAND_LINE = ("ui", "workflow", "station")
# The command line: the CLI module, its command modules and the workflow's command-line module
# (already forbidden to core/hub/store/export above). workflow/cli.py itself is held to the rule
# too: the workflow must not borrow from the command modules, even in its own CLI helpers.
COMMAND_LINE = ("dispense_app.cli", "dispense_app.commands", "dispense_app.workflow.cli")


def _imports_reaching(subpackages: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    """``file:line: target`` for every import of a forbidden module in the given subpackages of
    ``dispense_app``; a subpackage that does not exist (yet) has nothing to report."""
    offenders: list[str] = []
    for pkg in subpackages:
        folder = REPO / "dispense_app" / pkg
        if not folder.is_dir():
            continue
        offenders.extend(
            f"{path.relative_to(REPO).as_posix()}:{imp.line}: {imp.target}"
            for path in _python_files(folder.relative_to(REPO).as_posix())
            for imp in imports_of(path)
            if _reaches(imp.target, forbidden) and imp.target != imp.module
        )
    return offenders


def test_ui_workflow_and_station_do_not_import_the_command_line() -> None:
    """The window and the command line both sit on the station service; neither borrows from the
    other. A package that does not exist yet (``station``) simply has nothing to check."""
    offenders = _imports_reaching(BELOW_THE_COMMAND_LINE, COMMAND_LINE)
    assert not offenders, "\n".join(offenders)


def test_workflow_and_station_do_not_import_the_ui() -> None:
    """Nothing below the window imports it (DESIGN.md: "nothing below them imports cli, commands or ui")."""
    offenders = _imports_reaching(("workflow", "station"), ("dispense_app.ui",))
    assert not offenders, "\n".join(offenders)


# --------------------------------------------------------------------------- import cycles


def _package_groups() -> dict[str, tuple[str, ...]]:
    """The packages checked for cycles inside them, each with its modules: ``scanner`` (its
    subpackages included), every subpackage of ``dispense_app`` (with its own subpackages), and
    ``dispense_app``'s top-level modules (cli, errors, paths, ...)."""
    modules = _modules()
    groups: dict[str, tuple[str, ...]] = {
        "scanner": tuple(m for m in modules if _reaches(m, ("scanner",))),
        "dispense_app": tuple(m for m, path in modules.items() if path.parent == REPO / "dispense_app"),
    }
    for sub in sorted(p.name for p in (REPO / "dispense_app").iterdir() if (p / "__init__.py").is_file()):
        name = f"dispense_app.{sub}"
        groups[name] = tuple(m for m in modules if _reaches(m, (name,)))
    return groups


def _graph(members: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """module -> {imported module of the same group: line of the first such import}."""
    inside = set(members)
    modules = _modules()
    graph: dict[str, dict[str, int]] = {m: {} for m in members}
    for module in members:
        for imp in imports_of(modules[module]):
            # an attribute path (``import a.b.c`` where c is no module) reaches its longest module
            # prefix; a module of another group, or of no group (third party), is no edge here
            target = imp.target
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target in inside and target != module:  # a module naming itself is no cycle
                graph[module].setdefault(target, imp.line)
    return graph


def strongly_connected(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that import each other (directly or around)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [c for c in components if len(c) > 1]


def one_cycle(graph: dict[str, dict[str, int]], component: list[str]) -> list[str]:
    """A shortest cycle through the first module of ``component``, closing on that module."""
    start = component[0]
    allowed = set(component)
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in sorted(graph[node]):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if nxt in allowed and nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    raise AssertionError(f"no cycle through {start}")  # cannot happen for a strongly connected component


def _describe(graph: dict[str, dict[str, int]], cycle: list[str]) -> str:
    steps = [f"{a} (line {graph[a][b]})" for a, b in itertools.pairwise(cycle)]
    return " -> ".join([*steps, cycle[-1]])


def test_no_import_cycles_inside_a_package() -> None:
    """Modules of one package form a hierarchy: a cycle (even one behind TYPE_CHECKING or a lazy
    import) means neither module can be read, tested or changed without the other."""
    offenders = []
    for group, members in _package_groups().items():
        graph = _graph(members)
        for component in strongly_connected(graph):
            offenders.append(f"{group}: {_describe(graph, one_cycle(graph, component))}; all: {component}")
    assert not offenders, "\n".join(offenders)


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3, "d": 4}, "d": {}, "e": {"e": 5}}
    components = strongly_connected(graph)
    assert components == [["a", "b", "c"]]
    assert one_cycle(graph, components[0]) == ["a", "b", "c", "a"]
    assert _describe(graph, ["a", "b", "c", "a"]) == "a (line 1) -> b (line 2) -> c (line 3) -> a"


def test_relative_lazy_and_type_checking_imports_are_all_seen() -> None:
    assert _absolute("dispense_app.store.station", False, 1, "outbox") == "dispense_app.store.outbox"
    assert _absolute("dispense_app.store.station", False, 2, "core.model") == "dispense_app.core.model"
    assert _absolute("dispense_app.store", True, 1, None) == "dispense_app.store"
    source = """
from typing import TYPE_CHECKING
from . import outbox, not_a_module
from .records import DispenseRecord
from .. import cli
if TYPE_CHECKING:
    from dispense_app.ui.viewmodel import ScanResult
def later():
    import dispense_app.commands.sync
    importlib.import_module("dispense_app.workflow.cli")
"""
    targets = [imp.target for imp in imports_in(ast.parse(source), "dispense_app.store.station")]
    assert targets == [
        "typing",
        "dispense_app.store",  # not_a_module is a name in the package, not a module
        "dispense_app.store.outbox",
        "dispense_app.store.records",
        "dispense_app.cli",
        "dispense_app.ui.viewmodel",
        "dispense_app.commands.sync",
        "dispense_app.workflow.cli",
    ]
    lazy_names = {imp.target for imp in imports_of(REPO / "scanner" / "__init__.py")}
    assert {"scanner.parsing", "scanner.decoding"} <= lazy_names


# --------------------------------------------------------------------------- long functions

MAX_FUNCTION_LINES = 100
LENGTH_CHECKED = ("scanner", "dispense_app", "tools", "bench", "packaging")
# Files exempt from the length rule, and why. Only generated tables belong here: code people write
# and read is split into functions that fit on a screen or two.
GENERATED_EXEMPT = {
    "scanner/ai_table.py": "generated by tools/gen_ai_table.py from the GS1 Barcode Syntax Dictionary; never edited",
}


def _functions(node: ast.AST, prefix: str = "") -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method under ``node`` with its qualified name (nested ones included)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            yield f"{prefix}{child.name}", child
            yield from _functions(child, f"{prefix}{child.name}.")
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child, f"{prefix}{child.name}.")
        else:
            yield from _functions(child, prefix)


def test_no_function_is_longer_than_100_lines() -> None:
    """From the ``def`` line to the function's last line, at most 100 lines."""
    offenders = []
    for path in _python_files(*LENGTH_CHECKED):
        rel = path.relative_to(REPO).as_posix()
        if rel in GENERATED_EXEMPT:
            continue
        for name, func in _functions(_tree(path)):
            length = (func.end_lineno or func.lineno) - func.lineno + 1
            if length > MAX_FUNCTION_LINES:
                offenders.append(f"{rel}:{func.lineno} {name} ({length} lines)")
    assert not offenders, "\n".join(offenders)


def test_exempt_files_are_generated() -> None:
    """An exemption must name a file that exists and says it is generated."""
    for rel in GENERATED_EXEMPT:
        head = (REPO / rel).read_text(encoding="utf-8")[:200]
        assert "GENERATED" in head.upper(), rel
