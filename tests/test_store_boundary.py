"""The station database is reached only through ``dispense_app.store`` (DESIGN.md).

The layers above the store (export, ui, workflow, commands, and the pure core) may call
:class:`~dispense_app.store.Station` methods, never its SQLite handle: no ``.db`` / ``.conn`` /
``._conn`` attribute, no ``.execute*`` / ``.cursor`` call, no ``sqlite3`` / ``sqlite_utils`` import and
no SQL statement text. The sources are read with ``ast`` (comments do not count; docstrings and
other string constants are checked for SQL statements, which are written in upper case here).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("dispense_app/export", "dispense_app/ui", "dispense_app/workflow", "dispense_app/commands",
           "dispense_app/core")

DB_ATTRIBUTES = frozenset({"db", "_db", "conn", "_conn", "execute", "executemany", "executescript", "cursor"})
DB_MODULES = frozenset({"sqlite3", "sqlite_utils", "apsw"})
SQL_TEXT = re.compile(
    r"\b(?:SELECT\b.*\bFROM|INSERT\s+(?:OR\s+\w+\s+)?INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|REPLACE\s+INTO"
    r"|CREATE\s+(?:TABLE|INDEX|TRIGGER|VIEW)|DROP\s+(?:TABLE|INDEX)|ALTER\s+TABLE|PRAGMA\s+\w+|BEGIN\s+IMMEDIATE)\b",
    re.S,
)

ALLOWED: dict[tuple[str, str], str] = {
    # `hub-sim --db PATH`: the argparse value naming the hub simulator's own pack database
    # (dispense_app/hub/simulator/repository.py), a different file from the station database.
    ("dispense_app/commands/hub_sim.py", "args.db"): "the simulator's --db option, not the station database",
}
"""(file, expression) -> why it is not a way into the station database."""


def offences(source: str, filename: str) -> list[tuple[int, str]]:
    """(line, what) for every way ``source`` could reach a database around the store."""
    found: list[tuple[int, str]] = []
    tree = ast.parse(source, filename)
    in_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # an f-string is checked whole, its {fields} as "{}"
            text = "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)
            if SQL_TEXT.search(text):
                found.append((node.lineno, f"SQL text {text[:60]!r}"))
            continue
        if id(node) in in_fstrings:
            continue
        if isinstance(node, ast.Attribute) and node.attr in DB_ATTRIBUTES:
            found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, f"import {a.name}") for a in node.names if a.name.split(".")[0] in DB_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in DB_MODULES:
            found.append((node.lineno, f"from {node.module} import ..."))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_TEXT.search(node.value):
            found.append((node.lineno, f"SQL text {node.value[:60]!r}"))
    return found


def sources() -> list[Path]:
    files = sorted(p for folder in SCANNED for p in (ROOT / folder).rglob("*.py"))
    assert len(files) > 20, "the scanned packages moved: update SCANNED"
    return files


def test_layers_above_the_store_never_touch_its_database() -> None:
    problems = []
    for path in sources():
        rel = path.relative_to(ROOT).as_posix()
        for line, what in offences(path.read_text(encoding="utf-8"), rel):
            if (rel, what) not in ALLOWED:
                problems.append(f"{rel}:{line}: {what}")
    assert not problems, "reach the station database through Station methods only:\n" + "\n".join(problems)


def test_export_has_no_sql_and_no_database_handle_at_all() -> None:
    """The export package in particular (it used to run SQL through ``station.db``)."""
    files = sorted((ROOT / "dispense_app/export").rglob("*.py"))
    assert files
    for path in files:
        assert offences(path.read_text(encoding="utf-8"), path.name) == [], path.name


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("rows = station.db.conn.execute(sql).fetchall()",
         {"station.db.conn.execute", "station.db.conn", "station.db"}),
        ("with station.transaction() as c:\n    c.executemany(q, rows)", {"c.executemany"}),
        ("station._conn.cursor()", {"station._conn.cursor", "station._conn"}),
        ("import sqlite3", {"import sqlite3"}),
        ("from sqlite_utils import Database", {"from sqlite_utils import ..."}),
        ('q = f"DELETE FROM alerts WHERE alert_id = {x}"', {"SQL text 'DELETE FROM alerts WHERE alert_id = {}'"}),
        ('q = f"SELECT rowid, {cols} FROM alerts{where}"', {"SQL text 'SELECT rowid, {} FROM alerts{}'"}),
        ('Q = "SELECT rowid, printf(?) FROM alerts"', {"SQL text 'SELECT rowid, printf(?) FROM alerts'"}),
    ],
)
def test_the_scan_finds_each_way_in(snippet: str, expected: set[str]) -> None:
    assert {what for _, what in offences(snippet, "snippet.py")} == expected


@pytest.mark.parametrize(
    "snippet",
    [
        "station.alerts(since=day)",
        'label = "Select the pack from the list, then update the settings"',
        "station.delete_closed_alerts(ids, before=cutoff, actor=None, details={})",
        "args.database_folder",
    ],
)
def test_store_calls_and_plain_words_are_not_offences(snippet: str) -> None:
    assert offences(snippet, "snippet.py") == []


def test_allow_list_entries_say_why() -> None:
    assert all(reason.strip() for reason in ALLOWED.values())
