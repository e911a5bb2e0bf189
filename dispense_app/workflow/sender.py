"""Sending the outbox to the hub: the online :func:`send` and the offline :func:`replay`.

Every send goes **claim** (``Station.outbox.claim``: one transaction marks the entries ``sending``,
``attempts + 1``; an undo whose 10-day window has closed is handed back and refused, never sent)
-> **network** (``client.bulk`` for several entries, ``client.transact`` for one; always with the
client transaction id recorded when the entry was queued) -> **apply** (``Station.outbox.apply``:
one transaction records the answers of the entries still pending, so a concurrent replay cannot
record an answer twice). A kill between claim and apply leaves the entries ``sending``; the next
replay sends the same ids again and the hub answers the repeat idempotently.

What an answer means is :func:`dispense_app.core.hub_answer.classify`; the alert for an answer
found at replay is :func:`dispense_app.workflow.outcome.replay_alert`; the store only records.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from dispense_app.core.alerts import AlertSource
from dispense_app.core.hub_answer import (
    DECOMMISSIONS,
    MAX_HUB_FAULTS,
    Outcome,
    Reconcile,
    carried_out,
    classify,
    fault_note,
    hub_faults,
    lost_note,
    needs_verify_first,
    reconcile,
)
from dispense_app.core.model import (
    HubAuthError,
    HubClient,
    HubProtocolError,
    HubReply,
    HubRequestError,
    HubUnavailable,
    ReturnCode,
    TransactionNotSupported,
    fault_kind,
)
from dispense_app.core.return_codes import Handling
from dispense_app.store import Answer, DispenseRecord, LateUndo, OutboxEntry, OutboxState, Station
from dispense_app.store.records import iso, utcnow
from dispense_app.workflow.outcome import replay_alert

DEFAULT_CHUNK = 500
MAX_RATE_LIMIT_WAIT_S = 10.0  # the longest Retry-After a background replay waits out


@dataclass(slots=True)
class ReplayReport:
    """What one replay run did. ``to_json`` is the `sync --json` contract (plus extra keys)."""

    sent: int = 0  # requests handed to the hub in this run (resends included)
    confirmed: int = 0  # requests the hub carried out (or had already carried out for our trx id)
    conflicts: int = 0  # requests the hub refused (pack already inactive elsewhere, unknown, ...) or refused locally
    remaining: int = 0  # requests still waiting after this run (hub unavailable)
    alerts: list[str] = field(default_factory=list)  # post-hoc alert ids created
    error: str | None = None  # why the run stopped early, if it did

    def to_json(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "confirmed": self.confirmed,
            "conflicts": self.conflicts,
            "remaining": self.remaining,
            "alerts": list(self.alerts),
            "error": self.error,
        }


@dataclass(frozen=True, slots=True)
class SendResult:
    """The outcome of one outbox entry after an online :func:`send`.

    ``reply`` is the hub's answer as it applies to this entry, for the verdict: the hub's reply
    itself, or the success a confirmed outcome stands for where the hub's words were not a success
    (its answer to a repeat of our own transaction), or (for an entry another sender answered
    first) the answer recorded then. None when the entry was not answered (``outcome`` None: hub
    unavailable, held back as malformed, or cancelled; ``reason`` says why).
    ``reply_return_code`` and ``state`` are what the hub said, as it said it.
    """

    client_trx_id: str
    dispense_id: str
    outcome: Outcome | None  # None: not answered (hub unavailable), still queued
    reply_return_code: str | None
    state: str | None
    reason: str | None
    alert_id: str | None = None
    reply: HubReply | None = None
    #: not answered because the hub misbehaved, is not trusted or its URL looks wrong
    #: (:class:`~dispense_app.core.model.HubFault` kind); None for plain unavailability
    fault: str | None = None


def send(
    station: Station, client: HubClient, client_trx_ids: Sequence[str], *, post_hoc_alerts: bool = False
) -> list[SendResult]:
    """Send these outbox entries now (the online path), after any earlier pending entries of the
    same packs, and record the answers; one result per distinct id, in the order given. Offline
    (:class:`HubUnavailable`), they stay queued and the results have ``outcome=None``.

    Online the workflow shows the hub's answer and creates its own alert, so no post-hoc alert is
    written unless ``post_hoc_alerts`` is set.
    """
    wanted = list(dict.fromkeys(client_trx_ids))
    if not wanted:
        return []
    # someone waits at the counter: a rate limit is not waited out here (the deadline wins); the
    # entries stay queued and the background replay sends them (issue 16)
    run = _Run(station, client, post_hoc=post_hoc_alerts, max_waits=0)
    try:
        run.send(station.outbox.pending_of_packs(wanted))
    except HubUnavailable as exc:
        run.report.error = str(exc)
        run.fault = fault_kind(exc)
    return [run.result(station.outbox_entry(trx)) for trx in wanted]


def replay(
    station: Station,
    client: HubClient,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    now: dt.datetime | None = None,
    max_rate_limit_waits: int = 3,
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[ReplayReport], None] | None = None,
) -> ReplayReport:
    """Send everything pending, oldest first, in bulk (``chunk_size`` per request), and record the
    answers, with a post-hoc alert for each request the hub did not carry out. Safe to kill at any
    instant and run again: entries are resent with the client transaction id recorded when they
    were queued (the hub answers a repeat idempotently), and an answered entry is never sent again.
    Offline, stops and reports what is ``remaining``. ``progress`` is called after each chunk.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    run = _Run(station, client, post_hoc=True, now=now, max_waits=max_rate_limit_waits, sleep=sleep)
    last_seq = 0
    try:
        while batch := station.outbox.pending(after_seq=last_seq, limit=chunk_size):
            last_seq = batch[-1].seq
            run.send(batch)
            if progress:
                progress(run.report)
    except HubUnavailable as exc:
        run.report.error = str(exc)
    if run.held and run.report.error is None:
        run.report.error = f"{len(run.held)} pack(s) held back: the hub refused their requests as malformed"
    run.report.remaining = station.pending_count()
    return run.report


@dataclass(slots=True)
class _Run:
    """One send or replay: what it has done so far."""

    station: Station
    client: HubClient
    post_hoc: bool
    now: dt.datetime | None = None
    max_waits: int = 3
    sleep: Callable[[float], None] = time.sleep
    report: ReplayReport = field(default_factory=ReplayReport)
    answered: dict[str, tuple[Outcome, HubReply | None, str | None]] = field(default_factory=dict)
    cancelled: set[str] = field(default_factory=set)  # undos cancelled in this run
    held: set[tuple[str, str]] = field(default_factory=set)  # packs behind a request refused as malformed
    fault: str | None = None  # the HubFault kind that stopped this run, if any

    @property
    def moment(self) -> dt.datetime:
        return self.now or utcnow()

    def send(self, entries: list[OutboxEntry]) -> None:
        """Claim, send and record ``entries``, in runs in which no pack appears twice."""
        for segment in _segments(entries):
            segment = [e for e in segment if e.client_trx_id not in self.cancelled and e.pack.key not in self.held]
            if not segment:
                continue
            claim = self.station.outbox.claim(segment, now=self.moment)
            if claim.late:
                self.refuse(claim.late, self.moment)
            if claim.sending:
                self.send_claimed(claim.sending)

    def send_claimed(self, entries: list[OutboxEntry]) -> None:
        lost = [e for e in entries if needs_verify_first(e.last_error)]
        for e in lost:  # an earlier attempt's answer was lost: verify first, never a blind resend
            self.verify_first(e)
        entries = [e for e in entries if not needs_verify_first(e.last_error)]
        if not entries:
            return
        try:
            replies = self.call(entries)
        except TransactionNotSupported as exc:
            self.station.outbox.note_error(entries, str(exc))
            raise HubUnavailable(f"the configured hub cannot take these requests: {exc}") from exc
        except HubRequestError as exc:
            if isinstance(exc, HubProtocolError):
                self.fault = "misbehaved"
            if len(entries) > 1:
                # one bad item spoils a bulk request: send one by one to find it
                for e in entries:
                    self.send([e])
                return
            # a malformed request is never dropped: it stays pending (remaining) with the error,
            # and later requests for the same pack wait behind it
            broke = isinstance(exc, HubProtocolError)
            what = "the hub's answer broke the protocol" if broke else "refused as malformed by the hub"
            self.station.outbox.note_error(entries, f"{what}: {exc}")
            self.report.sent += 1
            self.held.add(entries[0].pack.key)
            return
        self.report.sent += len(entries)
        self.dispatch(entries, replies)

    def dispatch(self, entries: list[OutboxEntry], replies: list[HubReply]) -> None:
        """Record the final answers; what is not final is handled by what its code means (see
        :class:`~dispense_app.core.return_codes.Handling`): a reused id is reconciled, a product
        unknown in a bulk answer is sent again singly (bulk never takes the intermarket path), a
        technical answer is kept for a later retry (a conflict after MAX_HUB_FAULTS), a credentials
        answer stops the run with the queue kept. Nothing here can leave an entry blocking the queue."""
        moment, location = self.moment, self.station.location
        bulk = len(entries) > 1
        answers: list[Answer] = []
        reused: list[OutboxEntry] = []  # TE_TX_01: verify and reconcile, after the answers are recorded
        singly: list[OutboxEntry] = []  # NC_PC_01 from a bulk request: sent again on its own
        faults: list[tuple[OutboxEntry, HubReply, int]] = []
        refused_login: HubReply | None = None
        for e, r in zip(entries, replies, strict=True):
            handling = r.return_code.handling
            wrong = _wrong_entry_or_state(e, r)
            if wrong:  # never confirmed on the hub's word alone when its own answer contradicts it (issue 16)
                self.station.outbox.note_error([e], f"the hub misbehaved: {wrong}; not confirmed, sent again later")
                self.fault = "misbehaved"
            elif handling is Handling.RECONCILE:
                reused.append(e)
            elif bulk and r.return_code is ReturnCode.PRODUCT_UNKNOWN:
                singly.append(e)
            elif handling is Handling.RETRY and hub_faults(e.last_error) + 1 < MAX_HUB_FAULTS:
                faults.append((e, r, hub_faults(e.last_error) + 1))
            elif handling is Handling.CREDENTIALS:
                refused_login = r
            else:
                answers.append(self.answer(e, r, location, moment))
        self.record(answers, moment)
        for e, r, n in faults:
            self.station.outbox.note_error([e], fault_note(r, n))
        for e in reused:
            self.verify_first(e)
        for e in singly:
            self.resend_singly(e)
        if refused_login is not None:
            rc = refused_login.return_code
            stuck = [e for e, r in zip(entries, replies, strict=True) if r.return_code.handling is Handling.CREDENTIALS]
            self.station.outbox.note_error(stuck, f"hub refused the credentials: {rc.value}: {rc.meaning}")
            raise HubAuthError(f"the hub refused this station's credentials ({rc.value}: {rc.meaning})")
        if faults:
            rc = faults[0][1].return_code
            raise HubUnavailable(f"hub fault ({rc.value}: {rc.meaning}); sent again later")

    def resend_singly(self, e: OutboxEntry) -> None:
        """A pack a bulk request answered NMVS_NC_PC_01 for: bulk never takes the intermarket path,
        a single request does (same client trx id: the bulk item was not carried out)."""
        self.report.sent += 1
        (reply,) = self.call([e])
        if reply.return_code is ReturnCode.PRODUCT_UNKNOWN:
            self.record([self.answer(e, reply, self.station.location, self.moment)], self.moment)
        else:
            self.dispatch([e], [reply])

    def verify_first(self, e: OutboxEntry) -> None:
        """Verify the pack, then reconcile: already in the target state -> confirmed; still where
        the change starts from -> resent with the same client trx id; anything else -> a conflict
        for follow-up. Never a second decommission, never an alert from a reused id."""
        moment, location = self.moment, self.station.location
        try:
            check = self.client.verify(e.pack, entry_mode=e.entry_mode)
        except HubUnavailable as exc:
            self.station.outbox.note_error([e], lost_note(str(exc), hub_faults(e.last_error)))
            raise
        except HubRequestError as exc:  # as for a request refused as malformed: kept, the pack held
            self.station.outbox.note_error([e], lost_note(f"verify refused as malformed: {exc}"))
            self.held.add(e.pack.key)
            return
        self.report.sent += 1
        decision = reconcile(e.transaction, check, location)
        if decision is Reconcile.CONFIRMED:
            done = replace(carried_out(e.transaction, e.client_trx_id), state=check.state, hub_trx_id=check.hub_trx_id)
            self.record([Answer(e, Outcome.CONFIRMED, done)], moment)
        elif decision is Reconcile.RESEND:
            self.report.sent += 1
            (reply,) = self.call([e])
            if reply.return_code.handling is Handling.RECONCILE:  # the hub insists: a person decides
                self.record([self.answer(e, reply, location, moment, after_verify=check)], moment)
            else:
                self.dispatch([e], [reply])
        elif decision is Reconcile.CONFLICT or hub_faults(e.last_error) + 1 >= MAX_HUB_FAULTS:
            self.record([self.answer(e, check, location, moment, after_verify=check)], moment)
        elif check.return_code.handling is Handling.CREDENTIALS:
            self.station.outbox.note_error([e], lost_note(f"credentials refused: {check.return_code.value}"))
            raise HubAuthError(f"the hub refused this station's credentials ({check.return_code.value})")
        else:  # the verify itself met a fault: try again later
            self.station.outbox.note_error([e], fault_note(check, hub_faults(e.last_error) + 1))
            raise HubUnavailable(f"hub fault while verifying ({check.return_code.value}); sent again later")

    def call(self, entries: list[OutboxEntry]) -> list[HubReply]:
        """The network: one request (bulk for several entries); waits out a few rate limits."""
        waits = 0
        while True:
            try:
                if len(entries) == 1:
                    replies = [self.client.transact(entries[0].request)]
                else:
                    replies = self.client.bulk([e.request for e in entries])
            except HubUnavailable as exc:
                for e in entries:
                    lost = exc.maybe_applied or needs_verify_first(e.last_error)
                    note = lost_note(str(exc), hub_faults(e.last_error)) if lost else f"hub unavailable: {exc}"
                    self.station.outbox.note_error([e], note)
                wait = exc.retry_after if exc.retry_after is not None else 1.0
                # a hub that asks for more than MAX_RATE_LIMIT_WAIT_S (an hour, "inf") is not waited
                # for at all: the entries stay queued for the next replay (issue 16)
                if exc.status == 429 and waits < self.max_waits and wait <= MAX_RATE_LIMIT_WAIT_S:
                    waits += 1
                    self.sleep(max(wait, 0.05))
                    continue
                raise
            if len(replies) != len(entries):
                message = f"hub answered {len(replies)} replies for {len(entries)} requests"
                self.station.outbox.note_error(entries, lost_note(message))
                raise HubUnavailable(message, maybe_applied=True)
            return replies

    def answer(
        self,
        e: OutboxEntry,
        reply: HubReply,
        location: str,
        moment: dt.datetime,
        *,
        after_verify: HubReply | None = None,
    ) -> Answer:
        """What the hub's reply means for ``e``, with the reason and (at replay) the alert to keep
        when the request was not carried out. ``after_verify``: the verify that reconciled a lost
        answer found the pack elsewhere (or the hub kept refusing a reused id): a conflict."""
        outcome = classify(e.transaction, reply, location)
        if after_verify is not None and outcome is not Outcome.CONFIRMED and e.transaction in DECOMMISSIONS:
            outcome = Outcome.CONFLICT
        if outcome is Outcome.CONFIRMED:
            return Answer(e, outcome, reply)
        record = self.station.dispense_record(e.dispense_id)
        if after_verify is not None:
            reason = _reconciled_reason(e, after_verify, record)
        elif e.transaction in DECOMMISSIONS:
            reason = _not_carried_out_reason(e, reply, outcome, record)
        else:
            reason = _undo_refused_reason(reply)
        alert = None
        if self.post_hoc:
            alert = replay_alert(record, e, reply, reason, now=moment, source=AlertSource.REPLAY)
        return Answer(e, outcome, reply, reason, alert)

    def refuse(self, late: list[LateUndo], moment: dt.datetime) -> None:
        """Undos whose 10-day window closed while they waited: refused here, never sent."""
        answers = []
        for u in late:
            reason = (
                f"undo not sent: the 10-day undo window closed at {iso(u.deadline)} before the hub could be reached;"
                " the pack is still decommissioned on the hub"
            )
            alert = None
            if self.post_hoc:
                alert = replay_alert(u.record, u.entry, None, reason, now=moment, source=AlertSource.LOCAL)
            answers.append(Answer(u.entry, Outcome.REFUSED, None, reason, alert))
        self.record(answers, moment)

    def record(self, answers: list[Answer], moment: dt.datetime) -> None:
        applied = self.station.outbox.apply(answers, now=moment)
        replies = {a.entry.client_trx_id: a.reply for a in answers}
        for r in applied.recorded:
            self.answered[r.client_trx_id] = (r.outcome, replies[r.client_trx_id], r.alert_id)
            if r.outcome is Outcome.CONFIRMED:
                self.report.confirmed += 1
            else:
                self.report.conflicts += 1
            if r.alert_id:
                self.report.alerts.append(r.alert_id)
        self.cancelled.update(applied.cancelled)

    def result(self, entry: OutboxEntry) -> SendResult:
        """The result of ``entry``: answered in this run, answered earlier, or not answered."""
        trx = entry.client_trx_id
        got = self.answered.get(trx)
        if got is None:
            if entry.state is OutboxState.DONE and entry.outcome:
                outcome = Outcome(entry.outcome)  # answered earlier (e.g. by a concurrent replay)
                return SendResult(
                    trx, entry.dispense_id, outcome, entry.return_code, None, entry.last_error, None,
                    _recorded_reply(entry, outcome),
                )  # fmt: skip
            reason = "cancelled before it was sent" if entry.state is OutboxState.CANCELLED else entry.last_error
            return SendResult(trx, entry.dispense_id, None, entry.return_code, None, reason, fault=self.fault)
        outcome, reply, alert_id = got
        if reply is None:  # refused locally: the hub never saw it
            return SendResult(trx, entry.dispense_id, outcome, entry.return_code, None, entry.last_error, alert_id)
        effective = carried_out(entry.transaction, trx) if outcome is Outcome.CONFIRMED and not reply.ok else reply
        return SendResult(
            trx,
            entry.dispense_id,
            outcome,
            reply.return_code.value,
            reply.state.value if reply.state else None,
            reply.reason,
            alert_id,
            effective,
        )


def _wrong_entry_or_state(e: OutboxEntry, reply: HubReply) -> str | None:
    """Why ``reply`` cannot be this entry's answer (issue 16): it names another client transaction,
    or it says success while reporting the pack in another state than the transaction's target."""
    if reply.client_trx_id is not None and reply.client_trx_id != e.client_trx_id:
        return f"its answer for {e.client_trx_id} names client_trx_id {reply.client_trx_id[:100]}"
    target = e.transaction.target_state
    if reply.ok and target is not None and reply.state is not None and reply.state is not target:
        code, done = reply.return_code.value, e.transaction.value
        return f"it answered {code} to the {done} but reports the pack {reply.state.value}"
    return None


def _recorded_reply(entry: OutboxEntry, outcome: Outcome) -> HubReply | None:
    """The answer another sender recorded for ``entry`` (the outbox keeps its return code)."""
    if outcome is Outcome.CONFIRMED:
        return carried_out(entry.transaction, entry.client_trx_id)
    try:
        code = ReturnCode(entry.return_code or "")
    except ValueError:
        return None
    return HubReply(code, reason=entry.last_error, client_trx_id=entry.client_trx_id)


def _not_carried_out_reason(e: OutboxEntry, reply: HubReply, outcome: Outcome, record: DispenseRecord) -> str:
    recorded = f"recorded here {iso(record.created_at)}"
    if outcome is Outcome.CONFLICT:
        return (
            f"found at replay: the hub says the pack was already {reply.state.value if reply.state else 'inactive'}"
            " by someone else's transaction before this station's decommission reached it"
            f" ({reply.return_code.value}: {reply.return_code.meaning}; {recorded},"
            f" patient {record.patient_ref or '-'})"
        )
    return (
        f"found at replay: the hub refused the {e.transaction.value} ({reply.return_code.value}: "
        f"{reply.return_code.meaning}{'; ' + reply.reason if reply.reason else ''}); {recorded},"
        f" patient {record.patient_ref or '-'}"
        + (
            f"; the hub answered with a fault {MAX_HUB_FAULTS} times: not sent again, follow it up"
            if reply.return_code.handling is Handling.RETRY
            else ""
        )
    )


def _reconciled_reason(e: OutboxEntry, check: HubReply, record: DispenseRecord) -> str:
    state = check.state.value if check.state else "unknown"
    return (
        f"answer lost, then verified: the hub shows the pack {state} ({check.return_code.value}), not what this"
        f" station's {e.transaction.value} would leave; not resent (recorded here {iso(record.created_at)},"
        f" patient {record.patient_ref or '-'})"
    )


def _undo_refused_reason(reply: HubReply) -> str:
    return (
        f"undo refused by the hub ({reply.return_code.value}{': ' + reply.reason if reply.reason else ''});"
        " the pack is still decommissioned on the hub"
    )


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


__all__ = ["DEFAULT_CHUNK", "ReplayReport", "SendResult", "replay", "send"]
