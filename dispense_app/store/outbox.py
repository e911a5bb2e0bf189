"""Sending the outbox: the online ``send`` and the offline ``replay``, and what a hub answer means.

Every send goes: **claim** (one transaction: the entries still pending are marked ``sending``,
``attempts + 1``; an undo whose 10-day window has closed is refused here, never sent) ->
**network** (``client.bulk`` for several entries, ``client.transact`` for one; always with the
client transaction id recorded when the entry was queued) -> **apply** (one transaction: only
entries still pending are updated, so a concurrent replay cannot record an answer twice). A kill
between claim and apply leaves the entries ``sending``; the next replay sends the same ids again
and the hub answers the repeat idempotently.

Used through :meth:`Station.send` and :meth:`Station.replay`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from dispense_app import __version__
from dispense_app.core.alerts import AlertRecord, AlertSource
from dispense_app.core.model import (
    HubClient,
    HubReply,
    HubRequestError,
    HubUnavailable,
    PackState,
    ProductScheme,
    ReturnCode,
    Transaction,
    TransactionNotSupported,
)
from dispense_app.store.audit import AuditKind
from dispense_app.store.caches import PackStateCache, pzn_from_ntin, pzn_from_ppn
from dispense_app.store.errors import StoreError
from dispense_app.store.records import (
    DECOMMISSIONS,
    DISPENSE_COLUMNS,
    DISPENSE_NAMES,
    OUTBOX_COLUMNS,
    OUTBOX_NAMES,
    PENDING_SQL,
    DispenseStatus,
    OutboxEntry,
    OutboxState,
    Outcome,
    ReplayReport,
    SendResult,
    iso,
    utcnow,
)

if TYPE_CHECKING:
    from dispense_app.store.station import Station

DEFAULT_CHUNK = 500
MAX_ERROR_TEXT = 500


class Outbox:
    """The sending side of one station's outbox (a short-lived helper; state lives in the database)."""

    def __init__(self, station: Station) -> None:
        self._st = station

    def send(
        self, client: HubClient, client_trx_ids: Sequence[str], *, post_hoc_alerts: bool = False
    ) -> list[SendResult]:
        """Send these outbox entries now (the online path), after any earlier pending entries of the
        same packs, and record the answers. Offline (:class:`HubUnavailable`), they stay queued and
        the results have ``outcome=None``.

        Online the workflow shows the hub's answer and creates its own alert, so no post-hoc alert
        is written unless ``post_hoc_alerts`` is set. ``outcome`` is None when the entry was not
        answered: hub unavailable, held back as malformed (``reason`` says why), or cancelled.
        """
        wanted = list(dict.fromkeys(client_trx_ids))
        if not wanted:
            return []
        marks = ",".join("?" for _ in wanted)
        rows = self._st._conn.execute(
            f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE state IN {PENDING_SQL} AND (product_code, serial) IN"  # noqa: S608
            f" (SELECT product_code, serial FROM outbox WHERE client_trx_id IN ({marks})) ORDER BY seq",
            wanted,
        ).fetchall()
        entries = [OutboxEntry.from_row(dict(zip(OUTBOX_NAMES, r, strict=True))) for r in rows]
        answers: dict[str, tuple[Outcome, HubReply | None, str | None]] = {}
        run = _Run(report=ReplayReport(), post_hoc=post_hoc_alerts, answers=answers)
        try:
            self._send_entries(client, entries, run, now=None)
        except HubUnavailable as exc:
            run.report.error = str(exc)
        results = []
        for trx in wanted:
            entry = self._st.outbox_entry(trx)
            got = answers.get(trx)
            if got is None and entry.state is OutboxState.DONE:
                # answered earlier (e.g. by a concurrent replay): report what was recorded
                got = (Outcome(entry.outcome), None, None) if entry.outcome else None
            outcome, reply, alert_id = got if got else (None, None, None)
            results.append(
                SendResult(
                    client_trx_id=trx,
                    dispense_id=entry.dispense_id,
                    outcome=outcome,
                    reply_return_code=reply.return_code.value if reply else entry.return_code,
                    state=reply.state.value if reply and reply.state else None,
                    reason=reply.reason
                    if reply
                    else ("cancelled before it was sent" if entry.state is OutboxState.CANCELLED else entry.last_error),
                    alert_id=alert_id,
                )
            )
        return results

    def replay(
        self,
        client: HubClient,
        *,
        chunk_size: int = DEFAULT_CHUNK,
        now: dt.datetime | None = None,
        max_rate_limit_waits: int = 3,
        sleep: Callable[[float], None] = time.sleep,
        progress: Callable[[ReplayReport], None] | None = None,
    ) -> ReplayReport:
        """Send everything pending, oldest first, in bulk (``chunk_size`` per request), and record the
        answers. Safe to kill at any instant and run again: entries are resent with the client
        transaction id recorded when they were queued (the hub answers a repeat idempotently), and
        an answered entry is never sent again. Offline, stops and reports what ``remaining``.
        """
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        run = _Run(report=ReplayReport(), post_hoc=True, max_waits=max_rate_limit_waits, sleep=sleep)
        last_seq = 0
        try:
            while True:
                rows = self._st._conn.execute(
                    f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE state IN {PENDING_SQL} AND seq > ?"  # noqa: S608
                    " ORDER BY seq LIMIT ?",
                    (last_seq, chunk_size),
                ).fetchall()
                if not rows:
                    break
                entries = [OutboxEntry.from_row(dict(zip(OUTBOX_NAMES, r, strict=True))) for r in rows]
                last_seq = entries[-1].seq
                self._send_entries(client, entries, run, now=now)
                if progress:
                    progress(run.report)
        except HubUnavailable as exc:
            run.report.error = str(exc)
        if run.held and run.report.error is None:
            run.report.error = f"{len(run.held)} pack(s) held back: the hub refused their requests as malformed"
        run.report.remaining = self._st.pending_count()
        return run.report

    def _send_entries(
        self, client: HubClient, entries: list[OutboxEntry], run: _Run, *, now: dt.datetime | None
    ) -> None:
        for segment in _segments(entries):
            # skip undos cancelled in this run, and anything behind a request the hub refused as malformed
            segment = [e for e in segment if e.client_trx_id not in run.cancelled and e.pack.key not in run.held]
            to_send = self._claim(segment, run, now or utcnow())
            if not to_send:
                continue
            try:
                replies = self._call(client, to_send, run)
            except TransactionNotSupported as exc:
                self._note_error(to_send, str(exc))
                raise HubUnavailable(f"the configured hub cannot take these requests: {exc}") from exc
            except HubRequestError as exc:
                if len(to_send) > 1:
                    # one bad item spoils a bulk request: send one by one to find it
                    for e in to_send:
                        self._send_entries(client, [e], run, now=now)
                    continue
                # a malformed request is never dropped: it stays pending (remaining) with the error,
                # and later requests for the same pack wait behind it
                self._note_error(to_send, f"refused as malformed by the hub: {exc}")
                run.report.sent += 1
                run.held.add(to_send[0].pack.key)
                continue
            run.report.sent += len(to_send)
            self._apply(to_send, replies, run, now or utcnow())

    def _call(self, client: HubClient, entries: list[OutboxEntry], run: _Run) -> list[HubReply]:
        waits = 0
        while True:
            try:
                if len(entries) == 1:
                    replies = [client.transact(entries[0].request)]
                else:
                    replies = client.bulk([e.request for e in entries])
            except HubUnavailable as exc:
                self._note_error(entries, f"hub unavailable: {exc}")
                if exc.status == 429 and waits < run.max_waits:
                    waits += 1
                    run.sleep(min(max(exc.retry_after or 1.0, 0.05), 10.0))
                    continue
                raise
            if len(replies) != len(entries):
                message = f"hub answered {len(replies)} replies for {len(entries)} requests"
                self._note_error(entries, message)
                raise HubUnavailable(message)
            return replies

    def _note_error(self, entries: list[OutboxEntry], message: str) -> None:
        with self._st._write() as conn:
            conn.executemany(
                f"UPDATE outbox SET last_error = ? WHERE client_trx_id = ? AND state IN {PENDING_SQL}",  # noqa: S608
                [(message[:MAX_ERROR_TEXT], e.client_trx_id) for e in entries],
            )

    def _claim(self, entries: list[OutboxEntry], run: _Run, moment: dt.datetime) -> list[OutboxEntry]:
        """Mark entries as being sent (attempts + 1) before any network I/O; refuse undos past the window."""
        if not entries:
            return []
        stamp = iso(moment)
        send: list[OutboxEntry] = []
        with self._st._write() as conn:
            pending = _still_pending(conn, [e.client_trx_id for e in entries])
            for e in entries:
                if e.client_trx_id not in pending:
                    continue  # answered meanwhile (another replay), or cancelled
                if e.transaction not in DECOMMISSIONS:
                    deadline = conn.execute(
                        "SELECT undo_deadline FROM dispense WHERE id = ?", (e.dispense_id,)
                    ).fetchone()
                    if deadline and stamp > deadline[0]:
                        self._refuse_late_undo(conn, e, deadline[0], moment, run)
                        continue
                send.append(e)
            conn.executemany(
                "UPDATE outbox SET state = ?, attempts = attempts + 1, last_attempt_at = ? WHERE client_trx_id = ?",
                [(OutboxState.SENDING.value, stamp, e.client_trx_id) for e in send],
            )
            conn.executemany(
                "UPDATE dispense SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                [
                    (DispenseStatus.SENT.value, stamp, e.dispense_id, DispenseStatus.QUEUED.value)
                    for e in send
                    if e.transaction in DECOMMISSIONS
                ],
            )
        return send

    def _refuse_late_undo(
        self, conn: sqlite3.Connection, e: OutboxEntry, deadline: str, moment: dt.datetime, run: _Run
    ) -> None:
        stamp = iso(moment)
        reason = (
            f"undo not sent: the 10-day undo window closed at {deadline} before the hub could be reached; "
            "the pack is still decommissioned on the hub"
        )
        conn.execute(
            "UPDATE outbox SET state = ?, outcome = ?, last_error = ?, done_at = ? WHERE client_trx_id = ?",
            (OutboxState.REFUSED.value, Outcome.REFUSED.value, reason, stamp, e.client_trx_id),
        )
        row = self._dispense_row(conn, e.dispense_id)
        status = DispenseStatus.CONFIRMED if row["confirmed_at"] else DispenseStatus.SENT
        conn.execute(
            "UPDATE dispense SET status = ?, updated_at = ?, reason = ? WHERE id = ? AND status = ?",
            (status.value, stamp, reason, e.dispense_id, DispenseStatus.UNDO_QUEUED.value),
        )
        self._st.audit._append(
            conn, AuditKind.UNDO_REFUSED, None, {"dispense_id": e.dispense_id, "reason": reason}, moment
        )
        run.report.conflicts += 1
        run.settled += 1
        alert_id = None
        if run.post_hoc:
            alert_id = self._post_hoc_alert(conn, row, e, None, reason, moment, source=AlertSource.LOCAL)
            run.report.alerts.append(alert_id)
        run.answers[e.client_trx_id] = (Outcome.REFUSED, None, alert_id)

    @staticmethod
    def _dispense_row(conn: sqlite3.Connection, dispense_id: str) -> dict[str, Any]:
        row = conn.execute(f"SELECT {DISPENSE_COLUMNS} FROM dispense WHERE id = ?", (dispense_id,)).fetchone()  # noqa: S608
        if row is None:
            raise StoreError(f"outbox entry refers to a missing dispense record {dispense_id}")
        return dict(zip(DISPENSE_NAMES, row, strict=True))

    def _apply(self, entries: list[OutboxEntry], replies: list[HubReply], run: _Run, moment: dt.datetime) -> None:
        """Record the hub's answers (one transaction): the confirm is written after the reply.

        Confirmed decommissions (the common case) are written with two ``executemany``; anything
        else (conflicts, refusals, undos) goes through the per-entry path that can raise alerts.
        """
        stamp = iso(moment)
        own_location = self._st.location
        confirmed: list[str] = []
        problems: list[str] = []
        with self._st._write() as conn:
            pending = _still_pending(conn, [e.client_trx_id for e in entries])
            done_rows: list[tuple[Any, ...]] = []
            confirm_rows: list[tuple[Any, ...]] = []
            other: list[tuple[OutboxEntry, HubReply, Outcome]] = []
            for e, reply in zip(entries, replies, strict=True):
                if e.client_trx_id not in pending:
                    continue  # already answered (a concurrent replay got there first): nothing to do twice
                outcome = _classify(e, reply, own_location)
                state = reply.state.value if reply.state else None
                rc = reply.return_code.value
                done_rows.append((OutboxState.DONE.value, outcome.value, rc, reply.hub_trx_id, stamp, e.client_trx_id))
                if outcome is Outcome.CONFIRMED and e.transaction in DECOMMISSIONS:
                    confirm_rows.append((stamp, stamp, reply.hub_trx_id, rc, state, e.dispense_id))
                    run.answers[e.client_trx_id] = (outcome, reply, None)
                    confirmed.append(e.dispense_id)
                else:
                    other.append((e, reply, outcome))
            conn.executemany(
                "UPDATE outbox SET state = ?, outcome = ?, return_code = ?, hub_trx_id = ?, done_at = ?,"
                " last_error = NULL WHERE client_trx_id = ?",
                done_rows,
            )
            conn.executemany(
                "UPDATE dispense SET status = CASE WHEN status IN ('queued', 'sent') THEN 'confirmed' ELSE status END,"
                " updated_at = ?, confirmed_at = ?, hub_trx_id = ?, return_code = ?, hub_state = ? WHERE id = ?",
                confirm_rows,
            )
            for e, reply, outcome in other:
                row = self._dispense_row(conn, e.dispense_id)
                if e.transaction in DECOMMISSIONS:
                    alert_id = self._apply_decommission(conn, e, reply, outcome, row, run, moment)
                else:
                    alert_id = self._apply_undo(conn, e, reply, outcome, row, run, moment)
                run.answers[e.client_trx_id] = (outcome, reply, alert_id)
                if outcome is Outcome.CONFIRMED:
                    confirmed.append(e.dispense_id)
                else:
                    problems.append(e.dispense_id)
            run.settled += len(done_rows)
            run.report.confirmed += len(confirmed)
            run.report.conflicts += len(problems)
            PackStateCache.put_many(conn, [(e.pack, r) for e, r in zip(entries, replies, strict=True)], stamp)
            if confirmed or problems:
                self._st.audit._append(
                    conn,
                    AuditKind.REPLAY,
                    None,
                    {
                        "confirmed": len(confirmed),
                        "first_dispense_id": confirmed[0] if confirmed else None,
                        "last_dispense_id": confirmed[-1] if confirmed else None,
                        "not_confirmed": problems,
                    },
                    moment,
                )

    def _apply_decommission(
        self,
        conn: sqlite3.Connection,
        e: OutboxEntry,
        reply: HubReply,
        outcome: Outcome,
        row: dict[str, Any],
        run: _Run,
        moment: dt.datetime,
    ) -> str | None:
        """A decommission the hub did not carry out: conflict or rejected (confirmed ones are batched)."""
        stamp = iso(moment)
        status = DispenseStatus.CONFLICT if outcome is Outcome.CONFLICT else DispenseStatus.REJECTED
        if outcome is Outcome.CONFLICT:
            reason = (
                f"found at replay: the hub says the pack was already {reply.state.value if reply.state else 'inactive'}"
                " by someone else's transaction before this station's decommission reached it"
                f" (recorded here {row['created_at']}, patient {row['patient_ref'] or '-'})"
            )
        else:
            reason = (
                f"found at replay: the hub refused the {e.transaction.value} ({reply.return_code.value}"
                f"{': ' + reply.reason if reply.reason else ''}); recorded here {row['created_at']},"
                f" patient {row['patient_ref'] or '-'}"
            )
        alert_id = None
        if run.post_hoc:
            alert_id = self._post_hoc_alert(conn, row, e, reply, reason, moment, source=AlertSource.REPLAY)
            run.report.alerts.append(alert_id)
        conn.execute(
            "UPDATE dispense SET status = ?, updated_at = ?, hub_trx_id = ?, return_code = ?, hub_state = ?,"
            " reason = ?,"
            " alert_id = coalesce(?, alert_id) WHERE id = ?",
            (
                status.value,
                stamp,
                reply.hub_trx_id,
                reply.return_code.value,
                reply.state.value if reply.state else None,
                reason,
                alert_id,
                e.dispense_id,
            ),
        )
        # an undo queued behind a decommission that never happened must not be sent
        undo = row["undo_client_trx_id"]
        if undo:
            cancelled = conn.execute(
                f"UPDATE outbox SET state = ?, done_at = ? WHERE client_trx_id = ? AND state IN {PENDING_SQL}",  # noqa: S608
                (OutboxState.CANCELLED.value, stamp, undo),
            ).rowcount
            if cancelled:
                run.cancelled.add(undo)
        return alert_id

    def _apply_undo(
        self,
        conn: sqlite3.Connection,
        e: OutboxEntry,
        reply: HubReply,
        outcome: Outcome,
        row: dict[str, Any],
        run: _Run,
        moment: dt.datetime,
    ) -> str | None:
        stamp = iso(moment)
        if outcome is Outcome.CONFIRMED:
            conn.execute(
                "UPDATE dispense SET status = ?, updated_at = ?, undone_at = ?, hub_state = ? WHERE id = ?",
                (
                    DispenseStatus.UNDONE.value,
                    stamp,
                    stamp,
                    reply.state.value if reply.state else PackState.ACTIVE.value,
                    e.dispense_id,
                ),
            )
            return None
        reason = (
            f"undo refused by the hub ({reply.return_code.value}{': ' + reply.reason if reply.reason else ''});"
            " the pack is still decommissioned on the hub"
        )
        alert_id = None
        if run.post_hoc:
            alert_id = self._post_hoc_alert(conn, row, e, reply, reason, moment, source=AlertSource.REPLAY)
            run.report.alerts.append(alert_id)
        status = DispenseStatus.CONFIRMED if row["confirmed_at"] else DispenseStatus.SENT
        conn.execute(
            "UPDATE dispense SET status = CASE WHEN status = ? THEN ? ELSE status END, updated_at = ?, reason = ?"
            " WHERE id = ?",
            (DispenseStatus.UNDO_QUEUED.value, status.value, stamp, reason, e.dispense_id),
        )
        return alert_id

    def _post_hoc_alert(
        self,
        conn: sqlite3.Connection,
        row: dict[str, Any],
        e: OutboxEntry,
        reply: HubReply | None,
        reason: str,
        moment: dt.datetime,
        *,
        source: AlertSource,
    ) -> str:
        code = row["product_code"]
        is_gtin = row["product_scheme"] == ProductScheme.GTIN.value
        rc = reply.return_code if reply else None
        alert = AlertRecord(
            alert_id=(reply.alert_id if reply and reply.alert_id else "L-" + uuid.uuid4().hex),
            created_at=moment,
            source=source,
            return_code=rc.value if rc else None,
            alert_class=rc.alert_class if rc else None,
            reason=reason,
            request=e.transaction.value,
            client_trx_id=e.client_trx_id,
            hub_trx_id=reply.hub_trx_id if reply else None,
            operator=row["operator"],
            station=row["station"],
            location=row["location"],
            raw_hex=row["raw_hex"],
            aim_id=row["aim_id"],
            entry_mode=row["entry_mode"],
            scheme=row["code_scheme"],
            gtin=code if is_gtin else None,
            ppn=None if is_gtin else code,
            pzn=pzn_from_ntin(code) if is_gtin else pzn_from_ppn(code),
            serial=row["serial"],
            lot=row["lot"],
            expiry=dt.date.fromisoformat(row["expiry"]) if row["expiry"] else None,
            nhrn=json.loads(row["nhrn"] or "{}"),
            state=reply.state.value if reply and reply.state else None,
            app_version=__version__,
            dispense_id=row["id"],
            patient_ref=row["patient_ref"],
            supplied_anyway=e.transaction is Transaction.SUPPLY,
            supplied_anyway_reason="handed over while the hub was unreachable"
            if e.transaction is Transaction.SUPPLY
            else None,
            supplied_anyway_by=row["operator"] if e.transaction is Transaction.SUPPLY else None,
        )
        if conn.execute("SELECT 1 FROM alerts WHERE alert_id = ?", (alert.alert_id,)).fetchone():
            alert = replace(alert, alert_id="L-" + uuid.uuid4().hex)
        self._st._insert_alert(conn, alert)
        return alert.alert_id


@dataclass(slots=True)
class _Run:
    report: ReplayReport
    post_hoc: bool
    answers: dict[str, tuple[Outcome, HubReply | None, str | None]] = field(default_factory=dict)
    cancelled: set[str] = field(default_factory=set)
    held: set[tuple[str, str]] = field(default_factory=set)
    settled: int = 0
    max_waits: int = 3
    sleep: Callable[[float], None] = time.sleep


def _still_pending(conn: sqlite3.Connection, client_trx_ids: list[str]) -> set[str]:
    """Which of these outbox entries are still waiting for the hub's answer (read in the caller's
    write transaction, so the answer cannot change before it commits)."""
    found: set[str] = set()
    for start in range(0, len(client_trx_ids), 500):
        part = client_trx_ids[start : start + 500]
        marks = ",".join("?" for _ in part)
        found.update(
            r[0]
            for r in conn.execute(
                f"SELECT client_trx_id FROM outbox WHERE client_trx_id IN ({marks}) AND state IN {PENDING_SQL}",  # noqa: S608
                part,
            )
        )
    return found


def _segments(entries: list[OutboxEntry]) -> list[list[OutboxEntry]]:
    """Split into consecutive runs in which no pack appears twice, so that (whatever order a hub
    applies a bulk request in) a supply and its undo are never in the same request."""
    out: list[list[OutboxEntry]] = []
    current: list[OutboxEntry] = []
    seen: set[tuple[str, str]] = set()
    for e in entries:
        if e.pack.key in seen:
            out.append(current)
            current, seen = [], set()
        current.append(e)
        seen.add(e.pack.key)
    if current:
        out.append(current)
    return out


def _classify(e: OutboxEntry, reply: HubReply, own_location: str | None) -> Outcome:
    """What a hub answer means for an outbox entry.

    Success is confirmed; that includes the hub's idempotent answer to a resent client transaction
    id it has already applied (our own transaction). "Already inactive / already in that state" is
    someone else's transaction (a conflict), unless the hub names our location as the one that
    made the change (``extra["location"]``, for hubs that report it). Any other refusal is rejected.
    """
    if reply.ok:
        return Outcome.CONFIRMED
    if reply.return_code in (ReturnCode.ALREADY_INACTIVE, ReturnCode.ALREADY_IN_STATE):
        target = e.transaction.target_state
        reported = reply.extra.get("location")
        if reply.state is not None and reply.state is target and reported and reported == own_location:
            return Outcome.CONFIRMED
        if e.transaction in DECOMMISSIONS:
            return Outcome.CONFLICT
    return Outcome.REJECTED
