"""The outbox's storage transactions: read what is pending, claim entries for sending, record answers.

Storage only: this module never talks to the network and never decides what a hub answer means.
Sending, retrying and replay live in :mod:`dispense_app.workflow.sender`, which goes

**claim** (:meth:`OutboxStore.claim`, one transaction: the entries still pending are marked
``sending``, ``attempts + 1``; an undo whose 10-day window has closed is not claimed but handed
back as :class:`~dispense_app.store.records.LateUndo`, never to be sent) -> **network** (always with
the client transaction id recorded when the entry was queued) -> **apply**
(:meth:`OutboxStore.apply`, one transaction: only entries still pending are updated, so a
concurrent replay cannot record an answer twice). A kill between claim and apply leaves the
entries ``sending``; the next replay sends the same ids again and the hub answers the repeat
idempotently.

Reached as ``Station.outbox``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any

from dispense_app.core.hub_answer import DECOMMISSIONS, Outcome
from dispense_app.core.model import PackState
from dispense_app.store import alerts as alert_rows
from dispense_app.store.audit import AuditKind, AuditLog
from dispense_app.store.caches import PackStateCache
from dispense_app.store.errors import StoreError
from dispense_app.store.records import (
    DISPENSE_COLUMNS,
    DISPENSE_NAMES,
    OUTBOX_COLUMNS,
    OUTBOX_NAMES,
    PENDING_SQL,
    Answer,
    Applied,
    Claim,
    DispenseRecord,
    DispenseStatus,
    LateUndo,
    OutboxEntry,
    OutboxState,
    Recorded,
    iso,
    utcnow,
)

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]

MAX_ERROR_TEXT = 500
CLAIM_LEASE = dt.timedelta(minutes=2)
"""How long a site counter's claim on outbox entries keeps the other counters off them (a send
takes seconds; a counter killed mid-send leaves its entries to the others after this)."""
_CHUNK = 500  # ids per IN (...) list


class OutboxStore:
    """The outbox table of one station (state lives in the database; this object holds none)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        write: Write,
        audit: AuditLog,
        *,
        claim_write: Write | None = None,
        claimer: Callable[[], str] | None = None,
    ) -> None:
        self._conn = conn
        self._write = write
        self._audit = audit
        self._claim_write = claim_write or write
        self._claimer = claimer or (lambda: "")
        self._site = getattr(conn, "dialect", "sqlite") != "sqlite"
        # a counter's local journal (site store unreachable): nothing is sent from it; its entries
        # go to the hub from the site's outbox once merged (dispense_app.store.journal)
        self.held = False

    # ------------------------------------------------------------------ reading

    def pending(self, *, after_seq: int = 0, limit: int | None = None) -> list[OutboxEntry]:
        """Entries not yet answered by the hub, in sending order (``seq`` above ``after_seq``)."""
        sql = f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE state IN {PENDING_SQL} AND seq > ? ORDER BY seq"  # noqa: S608
        params: tuple[Any, ...] = (after_seq,)
        if limit is not None:
            sql += " LIMIT ?"
            params = (after_seq, limit)
        return [_entry(r) for r in self._conn.execute(sql, params)]

    def pending_count(self) -> int:
        """Entries waiting to be sent: the counts the triggers of migration 10 keep (issue 22)."""
        sql = f"SELECT coalesce(sum(n), 0) FROM outbox_counts WHERE state IN {PENDING_SQL}"  # noqa: S608
        return int(self._conn.execute(sql).fetchone()[0])

    def pending_of_packs(self, client_trx_ids: Sequence[str]) -> list[OutboxEntry]:
        """Every pending entry of the packs these entries are for (earlier ones of the same packs
        included), in sending order: what must go out before (or with) them."""
        wanted = list(dict.fromkeys(client_trx_ids))
        if not wanted:
            return []
        marks = ",".join("?" for _ in wanted)
        rows = self._conn.execute(
            f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE state IN {PENDING_SQL} AND (product_code, serial) IN"  # noqa: S608
            f" (SELECT product_code, serial FROM outbox WHERE client_trx_id IN ({marks})) ORDER BY seq",
            wanted,
        ).fetchall()
        return [_entry(r) for r in rows]

    def entry(self, client_trx_id: str) -> OutboxEntry | None:
        row = self._conn.execute(
            f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE client_trx_id = ?",  # noqa: S608
            (client_trx_id,),
        ).fetchone()
        return _entry(row) if row is not None else None

    # ------------------------------------------------------------------ transactions

    def claim(self, entries: Sequence[OutboxEntry], *, now: dt.datetime | None = None) -> Claim:
        """Mark these entries as being sent (``sending``, attempts + 1; their decommissions ``sent``)
        in one transaction, before any network I/O. Entries answered or cancelled meanwhile are
        left out; undos whose window closed before ``now`` are not claimed but returned as ``late``."""
        if not entries or self.held:
            return Claim()
        moment = now or utcnow()
        stamp = iso(moment)
        send: list[OutboxEntry] = []
        late: list[LateUndo] = []
        with self._claim_write() as conn:
            ids = [e.client_trx_id for e in entries]
            pending = _claimable(conn, ids, self._claimer(), stamp) if self._site else _still_pending(conn, ids)
            for e in entries:
                if e.client_trx_id not in pending:
                    continue  # answered meanwhile (another replay), or cancelled
                if e.transaction not in DECOMMISSIONS:
                    record = _dispense(conn, e.dispense_id)
                    if stamp > iso(record.undo_deadline):
                        late.append(LateUndo(e, record.undo_deadline, record))
                        continue
                    # the decommission it undoes, as answered by now (a hub may need either id)
                    e = replace(e, ref_client_trx_id=record.client_trx_id, ref_hub_trx_id=record.hub_trx_id)
                send.append(e)
            conn.executemany(
                "UPDATE outbox SET state = ?, attempts = attempts + 1, last_attempt_at = ? WHERE client_trx_id = ?",
                [(OutboxState.SENDING.value, stamp, e.client_trx_id) for e in send],
            )
            if self._site:  # this counter sends them: the others leave them alone until the lease ends
                until = iso(moment + CLAIM_LEASE)
                conn.executemany(
                    "UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE client_trx_id = ?",
                    [(self._claimer(), until, e.client_trx_id) for e in send],
                )
            conn.executemany(
                "UPDATE dispense SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                [
                    (DispenseStatus.SENT.value, stamp, e.dispense_id, DispenseStatus.QUEUED.value)
                    for e in send
                    if e.transaction in DECOMMISSIONS
                ],
            )
        return Claim(send, late)

    def note_error(self, entries: Sequence[OutboxEntry], message: str) -> None:
        """Keep why these entries are still pending (hub unavailable, refused as malformed)."""
        with self._write() as conn:
            conn.executemany(
                f"UPDATE outbox SET last_error = ? WHERE client_trx_id = ? AND state IN {PENDING_SQL}",  # noqa: S608
                [(message[:MAX_ERROR_TEXT], e.client_trx_id) for e in entries],
            )
            if self._site:  # not sent after all: any counter may try it next
                conn.executemany(
                    "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL"
                    " WHERE client_trx_id = ? AND claimed_by = ?",
                    [(e.client_trx_id, self._claimer()) for e in entries],
                )

    def apply(self, answers: Sequence[Answer], *, now: dt.datetime | None = None) -> Applied:
        """Record these answers in one transaction (the confirm is written after the reply).

        Only entries still pending are updated (an answer for an entry another sender recorded
        meanwhile is dropped, its alert too). Confirmed decommissions (the common case) are written
        with two ``executemany``; conflicts, rejections, undos and local refusals one by one. The
        pack states the hub reported go to the cache; one ``replay`` audit entry sums it up.
        """
        moment = now or utcnow()
        stamp = iso(moment)
        out = Applied()
        if not answers:
            return out
        with self._write() as conn:
            pending = _still_pending(conn, [a.entry.client_trx_id for a in answers])
            fresh = [a for a in answers if a.entry.client_trx_id in pending]
            confirmed = [a for a in fresh if a.outcome is Outcome.CONFIRMED and a.entry.transaction in DECOMMISSIONS]
            self._confirm_decommissions(conn, confirmed, stamp)
            confirmed_ids = {a.entry.client_trx_id for a in confirmed}
            done_ids: list[str] = []  # dispense ids confirmed, in order
            problems: list[str] = []
            for a in fresh:
                alert_id: str | None = None
                if a.entry.client_trx_id not in confirmed_ids:
                    if a.outcome is Outcome.REFUSED:
                        alert_id = self._refuse_undo(conn, a, moment)
                    elif a.entry.transaction in DECOMMISSIONS:
                        alert_id = self._not_carried_out(conn, a, stamp, out.cancelled)
                    else:
                        alert_id = self._undo_answered(conn, a, stamp)
                if a.outcome is Outcome.CONFIRMED:
                    done_ids.append(a.entry.dispense_id)
                elif a.outcome is not Outcome.REFUSED:
                    problems.append(a.entry.dispense_id)
                out.recorded.append(Recorded(a.entry.client_trx_id, a.outcome, alert_id))
            PackStateCache.put_many(conn, [(a.entry.pack, a.reply) for a in answers if a.reply is not None], stamp)
            if done_ids or problems:
                self._audit._append(
                    conn,
                    AuditKind.REPLAY,
                    None,
                    {
                        "confirmed": len(done_ids),
                        "first_dispense_id": done_ids[0] if done_ids else None,
                        "last_dispense_id": done_ids[-1] if done_ids else None,
                        "not_confirmed": problems,
                        # issue 16: each request's outcome, so `audit verify` can check the outbox
                        "answers": [[a.entry.client_trx_id, a.outcome.value] for a in fresh],
                    },
                    moment,
                )
        return out

    # ------------------------------------------------------------------ applying, by kind of answer

    @staticmethod
    def _confirm_decommissions(conn: sqlite3.Connection, answers: list[Answer], stamp: str) -> None:
        rows: list[tuple[Any, ...]] = []
        confirm: list[tuple[Any, ...]] = []
        for a in answers:
            reply = a.reply
            assert reply is not None
            rc = reply.return_code.value
            rows.append(_done_row(a, stamp))
            confirm.append((stamp, stamp, reply.hub_trx_id, rc, _state(a), a.entry.dispense_id))
        conn.executemany(_DONE_SQL, rows)
        conn.executemany(
            "UPDATE dispense SET status = CASE WHEN status IN ('queued', 'sent') THEN 'confirmed' ELSE status END,"
            " updated_at = ?, confirmed_at = ?, hub_trx_id = ?, return_code = ?, hub_state = ? WHERE id = ?",
            confirm,
        )

    def _not_carried_out(self, conn: sqlite3.Connection, a: Answer, stamp: str, cancelled: list[str]) -> str | None:
        """A decommission the hub did not carry out: conflict or rejected. An undo queued behind it
        must never be sent: it is cancelled."""
        reply = a.reply
        assert reply is not None
        conn.execute(_DONE_SQL, _done_row(a, stamp))
        record = _dispense(conn, a.entry.dispense_id)
        alert_id = self._store_alert(conn, a)
        status = DispenseStatus.CONFLICT if a.outcome is Outcome.CONFLICT else DispenseStatus.REJECTED
        conn.execute(
            "UPDATE dispense SET status = ?, updated_at = ?, hub_trx_id = ?, return_code = ?, hub_state = ?,"
            " reason = ?, alert_id = coalesce(?, alert_id) WHERE id = ?",
            (
                status.value,
                stamp,
                reply.hub_trx_id,
                reply.return_code.value,
                _state(a),
                a.reason,
                alert_id,
                a.entry.dispense_id,
            ),
        )
        undo = record.undo_client_trx_id
        if undo:
            gone = conn.execute(
                f"UPDATE outbox SET state = ?, done_at = ? WHERE client_trx_id = ? AND state IN {PENDING_SQL}",  # noqa: S608
                (OutboxState.CANCELLED.value, stamp, undo),
            ).rowcount
            if gone:
                cancelled.append(undo)
        return alert_id

    def _undo_answered(self, conn: sqlite3.Connection, a: Answer, stamp: str) -> str | None:
        """An undo the hub answered: carried out (the pack is active again) or refused (the
        decommission stands: back to confirmed, or sent when the hub never confirmed it)."""
        conn.execute(_DONE_SQL, _done_row(a, stamp))
        if a.outcome is Outcome.CONFIRMED:
            conn.execute(
                "UPDATE dispense SET status = ?, updated_at = ?, undone_at = ?, hub_state = ? WHERE id = ?",
                (DispenseStatus.UNDONE.value, stamp, stamp, _state(a) or PackState.ACTIVE.value, a.entry.dispense_id),
            )
            return None
        record = _dispense(conn, a.entry.dispense_id)
        alert_id = self._store_alert(conn, a)
        status = DispenseStatus.CONFIRMED if record.confirmed_at else DispenseStatus.SENT
        conn.execute(
            "UPDATE dispense SET status = CASE WHEN status = ? THEN ? ELSE status END, updated_at = ?, reason = ?"
            " WHERE id = ?",
            (DispenseStatus.UNDO_QUEUED.value, status.value, stamp, a.reason, a.entry.dispense_id),
        )
        return alert_id

    def _refuse_undo(self, conn: sqlite3.Connection, a: Answer, moment: dt.datetime) -> str | None:
        """An undo refused locally (its window closed in the outbox): never sent; the decommission stands."""
        stamp = iso(moment)
        e = a.entry
        conn.execute(
            "UPDATE outbox SET state = ?, outcome = ?, last_error = ?, done_at = ? WHERE client_trx_id = ?",
            (OutboxState.REFUSED.value, Outcome.REFUSED.value, a.reason, stamp, e.client_trx_id),
        )
        record = _dispense(conn, e.dispense_id)
        status = DispenseStatus.CONFIRMED if record.confirmed_at else DispenseStatus.SENT
        conn.execute(
            "UPDATE dispense SET status = ?, updated_at = ?, reason = ? WHERE id = ? AND status = ?",
            (status.value, stamp, a.reason, e.dispense_id, DispenseStatus.UNDO_QUEUED.value),
        )
        self._audit._append(
            conn, AuditKind.UNDO_REFUSED, None, {"dispense_id": e.dispense_id, "reason": a.reason}, moment
        )
        return self._store_alert(conn, a)

    def _store_alert(self, conn: sqlite3.Connection, a: Answer) -> str | None:
        if a.alert is None:
            return None
        return alert_rows.record(conn, self._audit, a.alert).alert_id


_DONE_SQL = (
    "UPDATE outbox SET state = ?, outcome = ?, return_code = ?, hub_trx_id = ?, done_at = ?,"
    " last_error = NULL WHERE client_trx_id = ?"
)


def _done_row(a: Answer, stamp: str) -> tuple[Any, ...]:
    reply = a.reply
    assert reply is not None
    return (
        OutboxState.DONE.value,
        a.outcome.value,
        reply.return_code.value,
        reply.hub_trx_id,
        stamp,
        a.entry.client_trx_id,
    )


def _state(a: Answer) -> str | None:
    return a.reply.state.value if a.reply is not None and a.reply.state else None


def _entry(row: tuple[Any, ...]) -> OutboxEntry:
    return OutboxEntry.from_row(dict(zip(OUTBOX_NAMES, row, strict=True)))


def _dispense(conn: sqlite3.Connection, dispense_id: str) -> DispenseRecord:
    row = conn.execute(f"SELECT {DISPENSE_COLUMNS} FROM dispense WHERE id = ?", (dispense_id,)).fetchone()  # noqa: S608
    if row is None:
        raise StoreError(f"outbox entry refers to a missing dispense record {dispense_id}")
    return DispenseRecord.from_row(dict(zip(DISPENSE_NAMES, row, strict=True)))


def _claimable(conn: sqlite3.Connection, client_trx_ids: list[str], claimer: str, stamp: str) -> set[str]:
    """A site store's claim: which of these entries this counter may send now. Pending entries
    nobody else holds (unclaimed, claimed by this counter, or whose claimer's lease ran out: it
    crashed or lost the network; the client transaction id keeps a second send exactly-once), locked
    ``FOR UPDATE SKIP LOCKED``: rows another counter is claiming at this moment are skipped, never
    waited for, so no entry is claimed by two counters."""
    rows = conn.execute(
        f"SELECT client_trx_id FROM outbox WHERE client_trx_id = ANY(?) AND state IN {PENDING_SQL}"  # noqa: S608
        " AND (claimed_by IS NULL OR claimed_by = ? OR claimed_until IS NULL OR claimed_until < ?)"
        " ORDER BY seq FOR UPDATE SKIP LOCKED",
        (client_trx_ids, claimer, stamp),
    )
    return {r[0] for r in rows}


def _still_pending(conn: sqlite3.Connection, client_trx_ids: list[str]) -> set[str]:
    """Which of these outbox entries are still waiting for the hub's answer (read in the caller's
    write transaction, so the answer cannot change before it commits)."""
    found: set[str] = set()
    for start in range(0, len(client_trx_ids), _CHUNK):
        part = client_trx_ids[start : start + _CHUNK]
        marks = ",".join("?" for _ in part)
        found.update(
            r[0]
            for r in conn.execute(
                f"SELECT client_trx_id FROM outbox WHERE client_trx_id IN ({marks}) AND state IN {PENDING_SQL}",  # noqa: S608
                part,
            )
        )
    return found
