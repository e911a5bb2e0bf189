"""The append-only audit trail, chained with SHA-256.

Every entry's hash is ``sha256(prev_hash + canonical_json(entry))`` where the entry is
``{"seq", "at", "kind", "actor", "details"}`` and canonical JSON means sorted keys, no spaces,
UTF-8. The first entry's ``prev_hash`` is 64 zeros. Triggers refuse UPDATE and DELETE on the table;
``audit_head`` (one row, written in the same transaction as each entry) holds the last sequence
number and hash, so deleting entries at the end of the chain is detected too.

:meth:`AuditLog.verify` walks the chain and names the first entry that is broken: ``edited`` (its
hash no longer matches its content), ``moved`` (its content was swapped with a neighbour's),
``link`` (it does not follow the previous entry: something before it was replaced, re-hashed,
reordered or deleted and renumbered), ``missing`` (a gap in the sequence numbers: deleted), or
``truncated`` (the chain ends before the recorded head: entries deleted at the end).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, cast

from dispense_app.store.records import iso, utcnow

if TYPE_CHECKING:
    from dispense_app.store.pg import PgConnection

GENESIS = "0" * 64
SITE_AUDIT_LOCK = 7_020_001
"""``pg_advisory_xact_lock`` key of a site store's audit chain: appends queue for it (docs/site.md)."""


class AuditKind:
    """The kinds of entry the app writes (free text is allowed; these are the common ones)."""

    DISPENSE = "dispense"
    UNDO = "undo"
    UNDO_REFUSED = "undo-refused"
    REPLAY = "replay"
    ALERT = "alert"
    ALERT_STATUS = "alert-status"
    ALERT_COMMENT = "alert-comment"
    EXPORT = "export"
    SETTINGS = "settings"
    IMPORT = "import"
    MIGRATION = "migration"
    SCANNER_EVENT = "scanner-event"  # a scan the scanner gate stopped or repaired (never sent to the hub)
    SIGN_IN_FAILED = "sign-in-failed"  # a wrong PIN/password, unknown or inactive login (never the secret)
    SIGN_IN_LOCKED = "sign-in-locked"  # the failure that locked a login for 15 minutes


def _default(value: object) -> object:
    if isinstance(value, dt.datetime):
        return iso(value) if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    if isinstance(value, bytes):
        return value.hex().upper()
    raise TypeError(f"cannot put a {type(value).__name__} in the audit trail")


def canonical_json(value: object) -> str:
    """Sorted keys, no whitespace, UTF-8 text; dates as ISO, enums as their values."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default)


def entry_hash(prev_hash: str, seq: int, at: str, kind: str, actor: str | None, details: object) -> str:
    body = canonical_json({"seq": seq, "at": at, "kind": kind, "actor": actor, "details": details})
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str
    kind: str
    actor: str | None
    details: dict[str, Any]
    prev_hash: str
    hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "kind": self.kind,
            "actor": self.actor,
            "details": self.details,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


@dataclass(frozen=True, slots=True)
class AuditVerification:
    """Result of :meth:`AuditLog.verify`. ``first_broken`` is the sequence number to look at."""

    ok: bool
    entries: int
    first_broken: int | None = None
    problem: str | None = None  # edited / moved / link / missing / truncated / head-missing
    message: str | None = None
    #: since issue 16 (Station.verify_audit): the chain's head, the last head anchored outside the
    #: database, and every record that does not match its entries (altered / deleted / unrecorded)
    head: dict[str, Any] | None = None
    anchored: dict[str, Any] | None = None
    findings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "first_broken": self.first_broken,
            "problem": self.problem,
            "message": self.message,
            "head": self.head,
            "anchored": self.anchored,
            "findings": self.findings,
        }


class AuditLog:
    """The audit trail of one station database.

    ``append`` joins the caller's open write transaction if there is one (so a dispense record and
    its audit entry commit together), else it opens its own.
    """

    def __init__(self, conn: sqlite3.Connection, write: Callable[[], AbstractContextManager[sqlite3.Connection]]):
        self._conn = conn
        self._write = write

    def append(
        self, kind: str, actor: str | None, details: dict[str, Any], *, at: dt.datetime | None = None
    ) -> AuditEntry:
        """Append one entry: ``kind`` (see :class:`AuditKind`), who did it, and JSON-able details."""
        if not kind:
            raise ValueError("audit entries need a kind")
        with self._write() as conn:
            entry = self._append(conn, kind, actor, details, at or utcnow(), wait=True)
        assert entry is not None  # wait=True: the entry is always returned
        return entry

    def _append(
        self,
        conn: sqlite3.Connection,
        kind: str,
        actor: str | None,
        details: dict[str, Any],
        at: dt.datetime,
        *,
        wait: bool = False,
    ) -> AuditEntry | None:
        """Append inside the caller's transaction. On a site store the entry is only queued, to go
        with the COMMIT (None is returned) unless ``wait``; on SQLite it is written and returned."""
        # normalise through canonical JSON, so what is stored is exactly what was hashed
        clean = json.loads(canonical_json(details))
        if getattr(conn, "dialect", "sqlite") != "sqlite":
            return _append_site(cast("PgConnection", conn), kind, actor, clean, iso(at), wait=wait)
        head = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        prev_seq, prev_hash = (int(head[0]), str(head[1])) if head else (0, GENESIS)
        seq = prev_seq + 1
        stamp = iso(at)
        digest = entry_hash(prev_hash, seq, stamp, kind, actor, clean)
        conn.execute(
            "INSERT INTO audit (seq, at, kind, actor, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (seq, stamp, kind, actor, canonical_json(clean), prev_hash, digest),
        )
        conn.execute(
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            (seq, digest),
        )
        return AuditEntry(seq, stamp, kind, actor, clean, prev_hash, digest)

    def head(self) -> dict[str, Any] | None:
        """``{"seq", "hash"}`` of the chain's last entry (None for an empty chain): printed by
        ``audit verify`` and every export, so copies of it exist outside the database."""
        row = self._conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        return {"seq": int(row[0]), "hash": str(row[1])} if row else None

    def entries(self, *, since_seq: int = 0, kind: str | None = None) -> Iterator[AuditEntry]:
        """The entries in chain order (streamed)."""
        sql = "SELECT seq, at, kind, actor, details, prev_hash, hash FROM audit WHERE seq > ?"
        params: list[object] = [since_seq]
        if kind:
            sql += " AND kind = ?"
            params.append(kind)
        for seq, at, k, actor, details, prev_hash, digest in self._conn.execute(sql + " ORDER BY seq", params):
            yield AuditEntry(int(seq), at, k, actor, json.loads(details), prev_hash, digest)

    def verify(self) -> AuditVerification:
        """Walk the chain; report the first broken entry (edited, moved, deleted, truncated), a chain
        emptied under records that wrote entries, or audit tables that are gone or unreadable."""
        try:
            return self._verify()
        except sqlite3.DatabaseError as exc:  # a dropped or damaged audit table: broken, not a crash
            return _broken(0, 1, "unreadable", f"the audit trail cannot be read ({exc}): it was removed or damaged")

    def _verify(self) -> AuditVerification:
        rows = self._conn.execute("SELECT seq, at, kind, actor, details, prev_hash, hash FROM audit ORDER BY seq")
        expected_seq = 1
        prev_hash = GENESIS
        count = 0
        for seq, at, kind, actor, details_text, stored_prev, stored_hash in rows:
            seq = int(seq)
            if seq != expected_seq:
                return _broken(
                    count, expected_seq, "missing", f"audit entry {expected_seq} is missing (deleted); next is {seq}"
                )
            try:
                details = json.loads(details_text)
            except (TypeError, ValueError):
                return _broken(count, seq, "edited", f"audit entry {seq} was edited (details are not valid JSON)")
            recomputed = entry_hash(str(stored_prev), seq, str(at), str(kind), actor, details)
            if recomputed != stored_hash:
                # content no longer matches its own hash. If the content matches the hash of
                # another position, the entry was moved (reordered); else it was edited.
                problem = "edited"
                for other in (seq - 1, seq + 1):
                    if other >= 1 and entry_hash(str(stored_prev), other, str(at), str(kind), actor, details) == (
                        stored_hash
                    ):
                        problem = "moved"
                text = "was moved (reordered)" if problem == "moved" else "was edited"
                return _broken(count, seq, problem, f"audit entry {seq} {text}: its hash does not match its content")
            if stored_prev != prev_hash:
                return _broken(
                    count,
                    seq,
                    "link",
                    f"audit entry {seq} does not follow entry {seq - 1} (chain link broken: an entry was "
                    "reordered, replaced or deleted before it)",
                )
            prev_hash = str(stored_hash)
            expected_seq = seq + 1
            count += 1
        head = self._conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        if head is None:
            if count:
                return _broken(count, 1, "head-missing", "the audit head record is missing")
            # every dispense record and alert writes its audit entry in the same transaction: records
            # without a single entry mean the whole chain (and its head) was deleted
            records = self._conn.execute("SELECT (SELECT count(*) FROM dispense) + (SELECT count(*) FROM alerts)")
            written = int(records.fetchone()[0])
            if written:
                message = f"the audit trail is empty although the station holds {written} records that wrote entries"
                return _broken(0, 1, "emptied", message)
            return AuditVerification(ok=True, entries=0)
        head_seq, head_hash = int(head[0]), str(head[1])
        if head_seq != count or head_hash != prev_hash:
            if head_seq > count:
                return _broken(
                    count,
                    count + 1,
                    "truncated",
                    f"audit entries {count + 1}..{head_seq} are missing (deleted from the end of the chain)",
                )
            return _broken(count, head_seq, "head-missing", "the audit head does not match the last entry")
        return AuditVerification(ok=True, entries=count)


_SITE_APPEND = """
WITH h AS (
    SELECT coalesce((SELECT seq FROM audit_head WHERE id = 1), 0) + 1 AS seq,
           coalesce((SELECT hash FROM audit_head WHERE id = 1), ?) AS prev
), e AS (
    SELECT seq, prev, encode(sha256(convert_to(prev || ? || seq::text || '}', 'UTF8')), 'hex') AS hash FROM h
), ins AS (
    INSERT INTO audit (seq, at, kind, actor, details, prev_hash, hash)
    SELECT seq, ?, ?, ?, ?, prev, hash FROM e RETURNING seq, prev_hash, hash
), head AS (
    INSERT INTO audit_head (id, seq, hash) SELECT 1, seq, hash FROM e
    ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
)
SELECT seq, prev_hash, hash FROM ins
"""
"""One site append in one statement: reads the head (after the lock: its own snapshot), hashes in
SQL exactly as :func:`entry_hash` (``sha256`` of the UTF-8 of ``prev_hash + body``, where ``body`` is
the entry's canonical JSON, made in Python but for the sequence number, the last key), inserts the
entry and moves the head. Parameters: genesis, body without ``<seq>}``, at, kind, actor, details."""


def site_body_prefix(stamp: str, kind: str, actor: str | None, clean: dict[str, Any]) -> str:
    """The entry's canonical JSON up to its sequence number: ``"seq"`` sorts last, so the body is
    this prefix + the decimal number + ``}`` (what :data:`_SITE_APPEND` completes in SQL)."""
    body = canonical_json({"seq": 0, "at": stamp, "kind": kind, "actor": actor, "details": clean})
    if not body.endswith(',"seq":0}'):  # pragma: no cover - sort_keys makes "seq" the last key
        raise AssertionError("canonical JSON no longer ends with the sequence number")
    return body[: -len("0}")]


def _append_site(
    conn: PgConnection, kind: str, actor: str | None, clean: dict[str, Any], stamp: str, *, wait: bool
) -> AuditEntry | None:
    """:meth:`AuditLog._append` on a site store, with no round trip while the chain is held.

    Appends queue for the site's chain lock (``pg_advisory_xact_lock``) until COMMIT (re-taking it
    in the same transaction is free). It is taken last, after the transaction's row work, so a
    transaction holding it never waits for a row another one holds. The lock and the append
    (:data:`_SITE_APPEND`, its own statement so that it reads the head committed before the lock
    was granted) are queued (:meth:`PgConnection.defer`) and reach the server with the ``COMMIT``:
    the chain is held for the server's work and the commit only, never for a client round trip.
    ``wait``: send them now and return the entry (:meth:`AuditLog.append`); else None.
    """
    params = (GENESIS, site_body_prefix(stamp, kind, actor, clean), stamp, kind, actor, canonical_json(clean))
    conn.defer("SELECT pg_advisory_xact_lock(?)", (SITE_AUDIT_LOCK,))
    conn.flush_after_commit()  # the lock is not held while the commit waits for the disk
    if not wait:
        conn.defer(_SITE_APPEND, params)
        return None
    row = conn.execute(_SITE_APPEND, params).fetchone()
    return AuditEntry(int(row[0]), stamp, kind, actor, clean, str(row[1]), str(row[2]))


def _broken(count: int, seq: int, problem: str, message: str) -> AuditVerification:
    return AuditVerification(ok=False, entries=count, first_broken=seq, problem=problem, message=message)
