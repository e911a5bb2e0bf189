"""PostgreSQL under the store's SQL: a connection that behaves like the ``sqlite3.Connection`` the
store modules were written for, so one body of store code serves both backends.

The seam is deliberately narrow. :class:`PgConnection` translates, statement by statement:

* ``?`` placeholders to psycopg's ``%s`` (outside quoted text; a literal ``%`` is doubled);
* ``INSERT OR IGNORE INTO ...`` to ``INSERT INTO ... ON CONFLICT DO NOTHING``;
* ``BEGIN IMMEDIATE`` to ``BEGIN`` (PostgreSQL takes row locks as it writes);
* ``PRAGMA user_version`` to the site schema's version; other PRAGMAs (SQLite tuning) do nothing;
* Python ``bool`` parameters to 0/1 (the schema keeps SQLite's integer flags);

and maps psycopg's errors onto the ``sqlite3`` exception classes the store already handles
(:class:`PgIntegrityError` *is a* ``sqlite3.IntegrityError``). Where the dialects really differ
(the schema, an export's row formatting), the store asks :attr:`PgConnection.dialect` and uses SQL
of its own. Connections come from a ``psycopg_pool.ConnectionPool`` (one per process and store).
"""

from __future__ import annotations

import functools
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from dispense_app.store.site_url import StoreURL, get_password

DIALECT = "postgresql"

_PRAGMA = re.compile(r"^\s*PRAGMA\s+(\w+)\s*(=\s*(\S+))?\s*;?\s*$", re.IGNORECASE)
_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_BEGIN = re.compile(r"^\s*BEGIN(\s+(IMMEDIATE|DEFERRED|EXCLUSIVE))?\s*(TRANSACTION)?\s*;?\s*$", re.IGNORECASE)


_WAL_FLUSH = ("SELECT pg_current_xact_id()", None)
"""A transaction that writes a commit record, so its (synchronous) commit flushes the WAL up to it."""


class PgIntegrityError(sqlite3.IntegrityError):
    """A PostgreSQL constraint violation (unique, foreign key, check): the store's handlers for
    ``sqlite3.IntegrityError`` apply unchanged. ``constraint`` names the violated constraint."""

    def __init__(self, message: str, constraint: str | None = None) -> None:
        super().__init__(message)
        self.constraint = constraint


class PgOperationalError(sqlite3.OperationalError):
    """The site server cannot be reached, or refused the statement for a reason of its own."""


@functools.lru_cache(maxsize=1024)
def translate(sql: str, has_params: bool) -> str:
    """The store's SQLite-flavoured statement as PostgreSQL text (see the module docstring).
    Cached: the store sends the same few statements over and over (a character walk each time
    cost a fifth of a dispense's client CPU)."""
    if _OR_IGNORE.match(sql):
        sql = _OR_IGNORE.sub("INSERT INTO", sql, count=1).rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    if not has_params:
        return sql
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote:
            if ch == quote:
                quote = None
            out.append("%%" if ch == "%" else ch)
        elif ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


def _value(v: Any) -> Any:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, str) and "\x00" in v:
        from dispense_app.store.errors import InvalidInputError

        raise InvalidInputError("text with a NUL character (U+0000) cannot be kept in a site store (PostgreSQL)")
    return v


def _params(params: Any) -> Any:
    if params is None:
        return None
    if isinstance(params, dict):
        return {k: _value(v) for k, v in params.items()}
    return [_value(v) for v in params]


def _mapped(exc: Exception) -> Exception:
    import psycopg

    text = str(exc).strip()
    if isinstance(exc, psycopg.errors.RaiseException):  # an append-only trigger: ABORT in SQLite
        return PgIntegrityError(getattr(getattr(exc, "diag", None), "message_primary", None) or text)
    if isinstance(exc, psycopg.errors.IntegrityError):
        diag = getattr(exc, "diag", None)
        return PgIntegrityError(text, getattr(diag, "constraint_name", None))
    if isinstance(exc, psycopg.OperationalError):
        return PgOperationalError(text)
    if isinstance(exc, psycopg.errors.UndefinedTable | psycopg.errors.UndefinedColumn):
        return sqlite3.OperationalError(text)
    return sqlite3.DatabaseError(text)


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class PgCursor:
    """The part of ``sqlite3.Cursor`` the store uses, over a psycopg cursor (or no result)."""

    def __init__(self, cursor: Any = None, rows: list[tuple[Any, ...]] | None = None) -> None:
        self._cursor = cursor
        self._rows = rows
        self.arraysize = 1000
        self.rowcount = -1 if cursor is None else int(cursor.rowcount)
        self.lastrowid: int | None = None

    def _has_result(self) -> bool:
        return self._cursor is not None and self._cursor.description is not None

    def fetchone(self) -> Any:
        if self._rows is not None:
            return self._rows.pop(0) if self._rows else None
        return self._cursor.fetchone() if self._has_result() else None

    def fetchmany(self, size: int | None = None) -> list[Any]:
        n = self.arraysize if size is None else size
        if self._rows is not None:
            taken, self._rows = self._rows[:n], self._rows[n:]
            return taken
        return list(self._cursor.fetchmany(n)) if self._has_result() else []

    def fetchall(self) -> list[Any]:
        if self._rows is not None:
            taken, self._rows = self._rows, []
            return taken
        return list(self._cursor.fetchall()) if self._has_result() else []

    def __iter__(self) -> Iterator[Any]:
        while True:
            chunk = self.fetchmany()
            if not chunk:
                return
            yield from chunk

    def close(self) -> None:
        if self._cursor is not None:
            self._cursor.close()


class PgConnection:
    """One pooled psycopg connection, in autocommit mode: transactions are the store's own
    ``BEGIN`` ... ``COMMIT``, as with SQLite. Not shared between threads without the store's lock
    (the :class:`~dispense_app.store.station.Station` holds it)."""

    dialect = DIALECT

    def __init__(self, store: StoreURL, *, connect_timeout: float = 10.0) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        self.store = store
        kwargs: dict[str, Any] = {"autocommit": True, "connect_timeout": max(1, int(connect_timeout))}
        password = get_password(store)
        if password is not None:
            kwargs["password"] = password
        try:  # one plain attempt first: an unreachable server is said at once, not after the pool's retries
            psycopg.connect(store.url, **kwargs).close()
        except psycopg.Error as exc:
            raise PgOperationalError(f"the site store {store.url} cannot be reached: {_first_line(exc)}") from exc
        self._pool = ConnectionPool(
            store.url, min_size=1, max_size=1, kwargs=kwargs, open=False, timeout=connect_timeout, name="site-store"
        )
        try:
            self._pool.open(wait=True, timeout=connect_timeout)
        except Exception as exc:
            self._pool.close()
            raise PgOperationalError(f"the site store {store.url} cannot be reached: {exc}") from exc
        self._conn = self._pool.getconn()
        self._guard = threading.RLock()
        #: statements whose results nobody reads (``BEGIN``, :meth:`defer`), sent in one pipeline with
        #: the next statement that is read, or with the ``COMMIT``: fewer round trips per transaction
        self._pending: list[tuple[str, Any]] = []
        self._flush_after_commit = False
        self.version_table = "schema_migrations"

    # ------------------------------------------------------------------ sqlite3.Connection's API

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        if self._pending:  # a BEGIN not sent yet
            return True
        return self._conn.info.transaction_status in (TransactionStatus.INTRANS, TransactionStatus.INERROR)

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> PgCursor:
        special = self._special(sql)
        if special is not None:
            return special
        params = _params(parameters)
        return self.pipeline([(translate(sql, bool(params)), params or None)])[-1]

    def defer(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> None:
        """Queue a write whose result is not read (no rowcount, no rows): it goes to the server with
        the next statement or the ``COMMIT``, in one round trip. Its errors are raised there.
        Outside a transaction it is sent at once (nothing later would be sure to carry it)."""
        if not self.in_transaction:
            self.execute(sql, parameters)
            return
        params = _params(parameters)
        with self._guard:
            self._pending.append((translate(sql, bool(params)), params or None))

    def pipeline(self, statements: Sequence[tuple[str, Any]]) -> list[PgCursor]:
        """Send the queued statements and ``statements`` (PostgreSQL text, parameters) in ONE round
        trip (psycopg's pipeline mode); the cursors of ``statements``, in order. The first error
        stops the rest (the transaction is then aborted: the caller rolls back)."""
        import psycopg

        with self._guard:
            todo, self._pending = [*self._pending, *statements], []
            try:
                if len(todo) == 1:
                    cursors = [self._conn.execute(todo[0][0], todo[0][1])]
                else:
                    with self._conn.pipeline():
                        cursors = [self._conn.execute(text, params) for text, params in todo]
            except psycopg.Error as exc:
                raise _mapped(exc) from exc
        return [PgCursor(cur) for cur in cursors[len(todo) - len(statements) :]]

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> PgCursor:
        import psycopg

        rows = [_params(p) for p in seq]
        if not rows:
            return PgCursor()
        text = translate(sql, True)
        with self._guard:
            self._flush()
            try:
                with self._conn.cursor() as cur:
                    cur.executemany(text, rows)
                    count = cur.rowcount
            except psycopg.Error as exc:
                raise _mapped(exc) from exc
        result = PgCursor()
        result.rowcount = int(count)
        return result

    def executescript(self, script: str) -> None:
        """Run DDL (several statements, no parameters) as one simple query."""
        import psycopg

        with self._guard:
            self._flush()
            try:
                self._conn.execute(script.encode("utf-8"))  # bytes: psycopg sends it as is, in one go
            except psycopg.Error as exc:
                raise _mapped(exc) from exc

    def commit(self) -> None:
        """``COMMIT``, with the queued writes in the same round trip. On an error (a queued write
        refused) the transaction is rolled back before the error is raised."""
        if not self.in_transaction:
            return
        statements: list[tuple[str, Any]] = [("COMMIT", None)]
        if self._flush_after_commit:
            # the transaction holds the site's chain lock until its COMMIT returns: committed without
            # waiting for the disk, the lock is free for the next counter at once (their commits then
            # share one WAL flush); the caller still returns only once the commit is on disk, as the
            # next statement, a transaction of its own committed synchronously, flushes the WAL
            # past this commit record before it answers
            statements = [("SET LOCAL synchronous_commit TO off", None), *statements, _WAL_FLUSH]
        self._flush_after_commit = False
        try:
            self.pipeline(statements)
        except sqlite3.Error:
            self.rollback()
            raise

    def flush_after_commit(self) -> None:
        """Commit the open transaction without holding its locks across the disk flush, then wait
        for the flush outside them (see :meth:`commit`): for transactions that take a site-wide lock."""
        self._flush_after_commit = True

    def rollback(self) -> None:
        self._flush_after_commit = False
        with self._guard:
            self._pending = []  # never sent: nothing to undo on the server for them
        if self.in_transaction:
            self.pipeline([("ROLLBACK", None)])

    def close(self) -> None:
        with self._guard:
            self._pending = []
            try:
                if not self._conn.closed and self.in_transaction:
                    self._conn.execute("ROLLBACK")
                self._pool.putconn(self._conn)
            except Exception:  # a broken connection: the pool closes it with itself
                self._conn.close()
            finally:
                self._pool.close()

    # ------------------------------------------------------------------ helpers

    def _special(self, sql: str) -> PgCursor | None:
        """SQLite statements with no PostgreSQL twin: transaction starts and PRAGMAs."""
        if _BEGIN.match(sql):
            with self._guard:
                self._flush()
                self._pending.append(("BEGIN", None))  # sent with the transaction's first statement
            return PgCursor()
        found = _PRAGMA.match(sql)
        if found is None:
            return None
        if found.group(1).lower() == "user_version" and found.group(3) is None:
            table = self._raw(f"SELECT to_regclass('{self.version_table}')")
            if table is None or table[0] is None:
                return PgCursor(rows=[(0,)])
            row = self._raw(f"SELECT coalesce(max(version), 0) FROM {self.version_table}")  # noqa: S608 (fixed name)
            return PgCursor(rows=[(int(row[0]),)])
        return PgCursor(rows=[])  # SQLite tuning (synchronous, busy_timeout, foreign_keys...): nothing to do

    def _flush(self) -> None:
        """Send the queued statements now (before one that does not go through :meth:`pipeline`)."""
        if self._pending:
            self.pipeline([])

    def _raw(self, sql: str) -> Any:
        import psycopg

        with self._guard:
            self._flush()
            try:
                cur = self._conn.execute(sql)
            except psycopg.Error as exc:
                raise _mapped(exc) from exc
            return cur.fetchone() if cur.description is not None else None
