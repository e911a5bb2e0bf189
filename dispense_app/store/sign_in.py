"""Failed sign-ins in a row, per login (table ``sign_in_failures``, migration 8; issue 16, defect 8).

Storage only: how long to wait after how many failures is
:func:`dispense_app.core.operators.wait_after`, the sign-in itself
:meth:`dispense_app.workflow.operators_store.OperatorDirectory.sign_in`.

An attempt is *reserved* before the PIN is checked: in one write transaction the row is read, the
attempt refused if its ``not_before`` is still ahead, else counted as a failure with the next
``not_before`` already set. A successful check then deletes the row. So processes guessing in
parallel are counted like one guessing in turn (each reservation sees the ones before it), and a
process killed while it checks counts as a failure.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from dispense_app.store.audit import AuditKind
from dispense_app.store.records import iso

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]
AuditAppend = Callable[[sqlite3.Connection, str, str | None, dict[str, Any]], None]
MAX_LOGIN = 64


@dataclass(frozen=True, slots=True)
class Attempt:
    """What :meth:`SignInFailures.reserve` found or did. ``allowed``: the PIN may be checked now;
    ``failures`` and ``not_before`` are then what stands if the check fails. Not ``allowed``: the
    failures so far and when the next attempt may be checked."""

    login: str
    allowed: bool
    failures: int
    not_before: dt.datetime


def normal_login(login: str) -> str:
    """The key a login is counted under: as typed, trimmed, lower-case, printable characters only
    (it is shown in one-line messages and stored as text), at most 64 characters."""
    return "".join(c for c in login.strip().lower() if c.isprintable())[:MAX_LOGIN]


class SignInFailures:
    def __init__(self, conn: sqlite3.Connection, write: Write, audit: AuditAppend) -> None:
        self._conn = conn
        self._write = write
        self._audit = audit

    def get(self, login: str) -> tuple[int, dt.datetime] | None:
        """``(failures, not_before)`` for ``login``, or None when its last sign-in succeeded."""
        row = self._conn.execute(
            "SELECT failures, not_before FROM sign_in_failures WHERE login = ?", (normal_login(login),)
        ).fetchone()
        return (int(row[0]), dt.datetime.fromisoformat(row[1])) if row else None

    def reserve(self, login: str, now: dt.datetime, wait_after: Callable[[int], dt.timedelta]) -> Attempt:
        """Refuse the attempt while ``not_before`` is ahead; else count it as a failure in advance
        (``not_before = now + wait_after(failures)``) and allow it. See the module doc."""
        key = normal_login(login)
        with self._write() as conn:
            row = conn.execute(
                "SELECT failures, not_before FROM sign_in_failures WHERE login = ?", (key,)
            ).fetchone()
            failures = int(row[0]) if row else 0
            if row is not None:
                not_before = dt.datetime.fromisoformat(row[1])
                if now < not_before:
                    return Attempt(key, False, failures, not_before)
            failures += 1
            not_before = now + wait_after(failures)
            conn.execute(
                "INSERT INTO sign_in_failures (login, failures, last_failed_at, not_before) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (login) DO UPDATE SET failures = excluded.failures,"
                " last_failed_at = excluded.last_failed_at, not_before = excluded.not_before",
                (key, failures, iso(now), iso(not_before)),
            )
        return Attempt(key, True, failures, not_before)

    def failed(self, attempt: Attempt, *, locked: bool) -> None:
        """Audit a failed attempt (the count is already stored): ``sign-in-failed``, or
        ``sign-in-locked`` for the failure that locks the login. Never the secret."""
        kind = AuditKind.SIGN_IN_LOCKED if locked else AuditKind.SIGN_IN_FAILED
        details = {"login": attempt.login, "failures": attempt.failures, "next_attempt_at": iso(attempt.not_before)}
        with self._write() as conn:
            self._audit(conn, kind, None, details)

    def clear(self, login: str) -> int:
        """Forget the failures of ``login`` (a successful sign-in, a new PIN); returns how many were
        counted (a reservation just made included)."""
        key = normal_login(login)
        with self._write() as conn:
            row = conn.execute("SELECT failures FROM sign_in_failures WHERE login = ?", (key,)).fetchone()
            conn.execute("DELETE FROM sign_in_failures WHERE login = ?", (key,))
        return int(row[0]) if row else 0
