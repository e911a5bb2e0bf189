"""Operator accounts in the station database (table ``operators``, migration 4).

Storage only: the policy (who may do what, PIN rules, hashing, sign-in) is
:mod:`dispense_app.core.operators`, the directory the app uses is
:class:`dispense_app.workflow.operators_store.OperatorDirectory`. Only the scrypt hash of a PIN or
password is stored, and it never goes into the audit trail (a change of it is noted, not shown).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from dispense_app.core.operators import Operator, Role
from dispense_app.store.errors import InvalidInputError, UnknownRecordError
from dispense_app.store.records import iso, utcnow

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]
AuditAppend = Callable[[sqlite3.Connection, str, str | None, dict[str, Any]], None]

AUDIT_KIND = "operator"
_COLUMNS = "login, name, role, secret_hash, active"


class OperatorStore:
    def __init__(self, conn: sqlite3.Connection, write: Write, audit: AuditAppend) -> None:
        self._conn = conn
        self._write = write
        self._audit = audit

    def all(self) -> list[Operator]:
        """Every account, by login (rows this version cannot read, e.g. an unknown role, are left out)."""
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM operators ORDER BY login").fetchall()  # noqa: S608
        return [op for op in map(_operator, rows) if op is not None]

    def get(self, login: str) -> Operator | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM operators WHERE login = ?", (login,)).fetchone()  # noqa: S608
        return _operator(row) if row is not None else None

    def any(self) -> bool:
        return self._conn.execute("SELECT 1 FROM operators LIMIT 1").fetchone() is not None

    def add(self, operator: Operator, *, actor: str | None = None) -> None:
        """A new account; :class:`InvalidInputError` when the login exists already (nothing changes)."""
        stamp = iso(utcnow())
        with self._write() as conn:
            try:
                conn.execute(
                    f"INSERT INTO operators ({_COLUMNS}, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
                    (*_values(operator), stamp, stamp),
                )
            except sqlite3.IntegrityError as exc:
                raise InvalidInputError(f"operator {operator.login} exists already") from exc
            self._audit(conn, AUDIT_KIND, actor, {"change": "added", **operator.to_public_json()})

    def update(self, operator: Operator, *, actor: str | None = None) -> None:
        """Change an account's name, role, secret or active flag (:class:`UnknownRecordError` if none)."""
        with self._write() as conn:
            old = conn.execute(
                f"SELECT {_COLUMNS} FROM operators WHERE login = ?",  # noqa: S608
                (operator.login,),
            ).fetchone()
            if old is None:
                raise UnknownRecordError(f"no operator {operator.login}")
            conn.execute(
                "UPDATE operators SET name = ?, role = ?, secret_hash = ?, active = ?, updated_at = ? WHERE login = ?",
                (*_values(operator)[1:], iso(utcnow()), operator.login),
            )
            self._audit(
                conn,
                AUDIT_KIND,
                actor,
                {"change": "updated", **operator.to_public_json(), "secret_changed": old[3] != operator.secret_hash},
            )


    def rehash(self, login: str, old_hash: str, new_hash: str) -> bool:
        """Replace a hash made with older scrypt parameters by ``new_hash`` of the same secret (after a
        successful sign-in), unless the account's secret changed meanwhile; audited without either
        hash. True when it was replaced."""
        with self._write() as conn:
            changed = conn.execute(
                "UPDATE operators SET secret_hash = ? WHERE login = ? AND secret_hash = ?", (new_hash, login, old_hash)
            ).rowcount
            if changed:
                params = new_hash.split("$")[1:4]  # N, r, p: public, unlike the hash
                self._audit(conn, AUDIT_KIND, login, {"change": "rehashed", "login": login, "scrypt": params})
        return bool(changed)


def _values(op: Operator) -> tuple[Any, ...]:
    return (op.login, op.name, op.role.value, op.secret_hash, 1 if op.active else 0)


def _operator(row: tuple[Any, ...]) -> Operator | None:
    login, name, role, secret_hash, active = row
    try:
        return Operator(str(login), str(name), Role(role), str(secret_hash), bool(active))
    except ValueError:
        return None
