"""Station settings: a key/value table with JSON values. Never secrets (those go to the keyring).

Well-known keys (others are free for other parts of the app, dotted by area):

* ``station.id``: this workstation's id, created on first open (``ST-`` + 8 hex digits)
* ``station.location``: the premises id the hub knows (used to recognise our own transactions)
* ``hub.url``: the configured hub's base URL (``dispense-app sync`` without ``--hub`` uses it)
* ``hub.kind``: the hub adapter (``fmd-rest``)

Every change is appended to the audit trail (old and new value).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

from dispense_app.store.errors import SecretSettingError
from dispense_app.store.records import iso, utcnow

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]
AuditAppend = Callable[[sqlite3.Connection, str, str | None, dict[str, Any]], None]

_SECRET = re.compile(r"(password|passwd|secret|token|passphrase|private[_.-]?key|api[_.-]?key)", re.IGNORECASE)
_KEY = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")


class Settings:
    def __init__(self, conn: sqlite3.Connection, write: Write, audit: AuditAppend):
        self._conn = conn
        self._write = write
        self._audit = audit

    def get(self, key: str, default: Any = None) -> Any:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def __getitem__(self, key: str) -> Any:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return json.loads(row[0])

    def __contains__(self, key: object) -> bool:
        return (
            isinstance(key, str)
            and self._conn.execute("SELECT 1 FROM settings WHERE key = ?", (key,)).fetchone() is not None
        )

    def set(self, key: str, value: Any, *, actor: str | None = None) -> None:
        """Store a JSON-able value. Keys that name a secret are refused (:class:`SecretSettingError`)."""
        if not _KEY.match(key):
            raise ValueError(f"setting name {key!r}: use letters, digits, '.', '_' and '-' (at most 100)")
        if _SECRET.search(key):
            raise SecretSettingError(f"setting {key!r} looks like a secret; secrets are kept in the OS keyring only")
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
        with self._write() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            old = json.loads(row[0]) if row else None
            if row is not None and row[0] == text:
                return
            conn.execute(
                "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (key, text, iso(utcnow())),
            )
            self._audit(conn, "settings", actor, {"key": key, "old": old, "new": value})

    def delete(self, key: str, *, actor: str | None = None) -> None:
        with self._write() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            if row is None:
                return
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            self._audit(conn, "settings", actor, {"key": key, "old": json.loads(row[0]), "new": None})

    def items(self) -> Iterator[tuple[str, Any]]:
        for key, value in self._conn.execute("SELECT key, value FROM settings ORDER BY key"):
            yield key, json.loads(value)
