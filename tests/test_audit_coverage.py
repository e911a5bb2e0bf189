"""Issue 16, item 4: every action that changes a record appends to the audit chain.

The store is the only code that writes the database (tests/test_architecture.py). This test
enumerates every function in ``dispense_app/store`` whose SQL writes a *record* table and checks
that it appends an audit entry itself, or that every function of the store calling it does (the
entry is then written in the caller's transaction), or that it is listed in :data:`NOT_AUDITED`
with the reason. A new writer without an entry fails here. The tampering tests
(tests/test_audit_tamper.py) check that `audit verify` then holds the records to those entries.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

STORE = Path(__file__).resolve().parents[1] / "dispense_app" / "store"

#: what counts as a record (the rest is caches and logs: pack_states, scans, and the audit itself)
RECORD_TABLES = ("dispense", "alerts", "outbox", "operators", "settings", "quarantine", "quarantine_checks",
                 "recall_notices", "recall_scopes", "recall_contacts", "recalls", "products", "adherence_notes",
                 "adherence_fills")
WRITE = re.compile(r"\b(?:INSERT(?: OR \w+)? INTO|UPDATE|DELETE FROM|REPLACE INTO)\s+(" + "|".join(RECORD_TABLES)
                   + r")\b")
APPENDS = re.compile(r"\._append\(|_audit_in\(|\.audit\.append\(|self\._audit\(|alert_rows\.record\(")

#: writers that append nothing, and why (each must still exist)
NOT_AUDITED: dict[str, str] = {
    "outbox.py:OutboxStore.claim": "a send attempt (state sending, attempts + 1, queued -> sent): the hub's "
    "answer is what is audited (OutboxStore.apply, one replay entry naming each request's outcome)",
    "outbox.py:OutboxStore.note_error": "why a request is still pending (last_error): no record changes",
    "caches.py:ProductCache.put": "the cache of product data the hub sent (an import of product data is audited)",
    "alerts.py:insert_many": "a seeding helper for tests and benchmarks; no app path calls it",
}


def _functions() -> dict[str, tuple[ast.FunctionDef, str]]:
    """``module.py:Class.func`` -> (node, source with the module-level strings it names)."""
    found: dict[str, tuple[ast.FunctionDef, str]] = {}
    for path in sorted(STORE.glob("*.py")):
        if path.name == "schema.py":  # migrations
            continue
        src = path.read_text(encoding="utf-8")
        tree = ast.parse(src)
        consts = {
            node.targets[0].id: ast.get_source_segment(src, node.value) or ""
            for node in tree.body
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        }

        def visit(node: ast.AST, prefix: str, src: str = src, consts: dict[str, str] = consts,
                  name: str = path.name) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.ClassDef):
                    visit(child, f"{prefix}{child.name}.")
                elif isinstance(child, ast.FunctionDef):
                    body = ast.get_source_segment(src, child) or ""
                    names = {n.id for n in ast.walk(child) if isinstance(n, ast.Name)}
                    text = body + "".join(consts[n] for n in sorted(names) if n in consts)
                    found[f"{name}:{prefix}{child.name}"] = (child, text)

        visit(tree, "")
    return found


def _callers(functions: dict[str, tuple[ast.FunctionDef, str]], key: str) -> list[str]:
    bare = key.rsplit(".", 1)[-1].rsplit(":", 1)[-1]
    call = re.compile(rf"(?<![\w]){re.escape(bare)}\(")
    return [k for k, (node, _) in functions.items()
            if k != key and call.search("\n".join(ast.unparse(stmt) for stmt in node.body))]


def _audited(functions: dict[str, tuple[ast.FunctionDef, str]], key: str, seen: frozenset[str]) -> str | None:
    """None when ``key``'s writes are audited; else why not."""
    if key in NOT_AUDITED:
        return None
    node, _ = functions[key]
    if APPENDS.search(ast.unparse(node)):
        return None
    callers = [c for c in _callers(functions, key) if c not in seen]
    if not callers:
        return f"{key} writes a record and appends no audit entry (and no caller in the store does)"
    for caller in callers:
        why = _audited(functions, caller, seen | {key})
        if why is not None:
            return f"{key} is called by {caller}, which does not append an audit entry: {why}"
    return None


def test_every_record_writer_appends_to_the_audit_chain() -> None:
    functions = _functions()
    writers = [k for k, (_, text) in functions.items() if WRITE.search(text)]
    assert len(writers) >= 25  # the enumeration finds the store's writers (dispense, alerts, outbox, ...)
    problems = [why for k in writers if (why := _audited(functions, k, frozenset())) is not None]
    assert problems == []


def test_the_exceptions_exist_and_the_unaudited_helper_stays_unused() -> None:
    functions = _functions()
    assert set(NOT_AUDITED) <= set(functions)
    app = STORE.parent
    users = [p for p in app.rglob("*.py") if "insert_many(" in p.read_text(encoding="utf-8")
             and p.name != "alerts.py"]
    assert users == []


def test_the_enumeration_sees_a_writer_without_an_entry() -> None:
    """The check can fail: a made-up writer with no entry and no caller is reported."""
    functions = _functions()
    node = ast.parse("def forged(conn):\n    conn.execute('UPDATE alerts SET status = ?', ('closed',))\n").body[0]
    assert isinstance(node, ast.FunctionDef)
    functions["fake.py:forged"] = (node, ast.unparse(node))
    assert _audited(functions, "fake.py:forged", frozenset()) is not None
