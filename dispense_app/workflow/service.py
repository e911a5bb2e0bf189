"""The dispensing workflow: parse -> gate -> local checks -> hub -> verdict -> store.

:class:`Workflow` ties the pure core (:mod:`dispense_app.core.verdict`, prescriptions) to the
station database (:class:`dispense_app.store.Station`) and a hub client. Rules it keeps:

- A local STOP (input problem, already dispensed or queued here, expired, recalled or withdrawn
  on the local list, prescription mismatch, same pack twice) is decided *before* the hub is asked,
  and a state-changing request is then never sent.
- Every state change is recorded with its outbox row first (``Station.record_supply`` /
  ``record_undo``; a supply's days of therapy in the same transaction) and sent through the
  outbox (:func:`dispense_app.workflow.sender.send`): a retry or a crash can never decommission
  twice. Offline the request stays queued and the verdict says so.
- Every STOP with a hub return code or a local reason (not input problems: the hub never saw
  those) creates an :class:`~dispense_app.core.alerts.AlertRecord` with every field filled,
  the scan's time and wedge key timings included when a scanner delivered it.
- A scan the scanner gate stops (or admits only after repairing it) is recorded locally as a
  scanner event in the audit trail (``Station.record_scanner_event``); nothing goes to the hub.

Everything is synchronous; the UI runs it on a worker thread.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from dispense_app import __version__
from dispense_app.core.alerts import AlertRecord
from dispense_app.core.messages import Translate
from dispense_app.core.model import (
    HubClient,
    HubProtocolError,
    HubReply,
    HubRequestError,
    HubUnavailable,
    PackRef,
    PackState,
    ProductInfo,
    Transaction,
    fault_kind,
)
from dispense_app.core.prescription import DispenseSession, Prescription, RxMatch
from dispense_app.core.verdict import (
    InputProblem,
    Level,
    LocalRecord,
    Reason,
    RecallEntry,
    Verdict,
    VerdictInput,
    decide,
    precheck,
)
from dispense_app.workflow.outcome import PackOutcome, build_alert
from dispense_app.workflow.scan import Prepared, ScanInput, prepare
from dispense_app.workflow.scan_log import log_scan
from scanner.parsing import checks

if TYPE_CHECKING:
    from dispense_app.store import DispenseFill, DispenseRecord, InvalidInputError, SupplyItem
    from dispense_app.workflow.sender import SendResult
    from scanner.scan_event import ScanEvent

DECOMMISSION_TRANSACTIONS = (Transaction.SUPPLY, Transaction.DESTROY, Transaction.SAMPLE)
RECORDED_EVENTS_KEPT = 64
"""Scanner events remembered as recorded (a pack checked, then dispensed, is prepared twice)."""


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _local_tz() -> dt.tzinfo:
    return dt.datetime.now().astimezone().tzinfo or dt.UTC


ntin_from_pzn = checks.ntin_from_pzn


@dataclass(slots=True)
class _Pending:
    """One pack on its way through a decommission request."""

    prepared: Prepared
    inp: VerdictInput
    match: RxMatch | None = None
    outcome: PackOutcome | None = None
    record_id: str | None = None
    client_trx_id: str | None = None


class Workflow:
    """One station's dispensing workflow (one operator, one hub client)."""

    def __init__(
        self,
        station: Any,  # dispense_app.store.Station (kept Any so the core never imports the store)
        client: HubClient | None,
        *,
        operator: str | None = None,
        scanner_profile: Any = None,
        clock: Callable[[], dt.datetime] = _utcnow,
        tz: dt.tzinfo | None = None,
        app_version: str = __version__,
    ) -> None:
        self.station = station
        self.client = client
        self.operator = operator
        self.profile = scanner_profile
        self.clock = clock
        self.tz = tz or _local_tz()
        self.app_version = app_version
        # the language alert reasons are recorded in: what the pharmacist read (the window sets its own)
        self.translate: Translate = lambda text: text
        self._recorded_events: deque[ScanEvent] = deque(maxlen=RECORDED_EVENTS_KEPT)
        self._verify_only_for: tuple[HubClient, bool] | None = None

    @property
    def scanner_profile_text(self) -> str:
        """What the alert record keeps about the scanner profile in use."""
        if self.profile is None:
            return "none"
        return json.dumps(self.profile.to_json(), sort_keys=True, separators=(",", ":"))

    # ------------------------------------------------------------------ inputs

    def prepare(self, scan: ScanInput) -> Prepared:
        """Parse one input (:func:`~dispense_app.workflow.scan.prepare`). A scan the scanner gate
        stopped or repaired is recorded here as a local scanner event (an audit entry, never sent
        to the hub), once per scanner event: a checked pack prepared again when it is dispensed is
        not recorded twice. A normal scan writes nothing."""
        prepared = prepare(scan, self.profile)
        if prepared.scanner_event is not None:
            seen = scan.event
            if seen is None or seen not in self._recorded_events:
                self.station.record_scanner_event(prepared.scanner_event, actor=self.operator)
                if seen is not None:
                    self._recorded_events.append(seen)
        return prepared

    def local_history(self, ref: PackRef | None) -> list[LocalRecord]:
        """This station's decommissions of the pack (rejected and conflicting ones never happened)."""
        if ref is None:
            return []
        from dispense_app.store import DispenseStatus

        out = []
        me = self.station.station_id if self.station.is_site else None
        for rec in self.station.dispense_records(product_code=ref.product_code, serial=ref.serial):
            if rec.status in (DispenseStatus.REJECTED, DispenseStatus.CONFLICT):
                continue
            undone = None
            if rec.status in (DispenseStatus.UNDONE, DispenseStatus.CANCELLED):
                undone = rec.undone_at or rec.updated_at
            out.append(
                LocalRecord(
                    rec.transaction,
                    rec.created_at,
                    queued=rec.queued,
                    undone_at=undone,
                    undo_until=rec.undo_deadline,
                    record_id=rec.id,
                    counter=rec.station if me is not None and rec.station != me else None,
                )
            )
        return out

    def recalls(self, pack: Any) -> list[RecallEntry]:
        if pack is None:
            return []
        gtin = pack.gtin or (ntin_from_pzn(pack.pzn) if pack.pzn else None)
        if not gtin:
            return []
        entry = self.station.recalls.check(gtin, pack.lot)
        if entry is None:
            return self._notice_recalls(pack, gtin)
        state = PackState.WITHDRAWN if entry.kind == "withdrawal" or entry.lot is None else PackState.RECALLED
        codes = {c for c in (pack.gtin, pack.ppn, pack.pzn, gtin) if c}
        # the store matched it already; name the pack's own code so the core's check agrees
        return [RecallEntry(next(iter(sorted(codes))), entry.lot, entry.reason or "", state)]

    def _notice_recalls(self, pack: Any, gtin: str) -> list[RecallEntry]:
        """A recall notice naming this pack's serial (serialized recall, dispense_app.core.recall)."""
        hit = self.station.recall_notices.covering(gtin, pack.lot, pack.serial)
        if hit is None:
            return []
        notice_id, reason = hit
        code = next(iter(sorted({c for c in (pack.gtin, pack.ppn, pack.pzn, gtin) if c})))
        return [RecallEntry(code, pack.lot, f"recall notice {notice_id}: {reason or ''}".rstrip(": "),
                            PackState.RECALLED)]

    def product(self, pack: Any, *, fetch: bool = False) -> ProductInfo | None:
        """Product master data for the pack (cache; with ``fetch``, from the hub when missing)."""
        if pack is None:
            return None
        for code in (pack.gtin, pack.ppn, pack.pzn):
            if not code:
                continue
            cached = self.station.products.get(code)
            if cached is not None:
                return cached.info  # type: ignore[no-any-return]
        gtin = pack.gtin or (ntin_from_pzn(pack.pzn) if pack.pzn else None)  # IFA codes: the PZN's NTIN
        if fetch and self.client is not None and gtin:
            try:
                from dispense_app.workflow.products import fetch_product

                fetched = fetch_product(self.station, self.client, gtin)
            except (HubUnavailable, HubRequestError):
                return None  # no product data: the prescription match says so
            return fetched.info if fetched is not None else None
        return None

    def lookup(self, code: str) -> ProductInfo | None:
        cached = self.station.products.get(code)
        return cached.info if cached is not None else None

    def session(self, prescription: Prescription | None, patient_ref: str | None) -> DispenseSession:
        return DispenseSession(prescription, self.lookup, patient_ref)

    def _input(self, prepared: Prepared, transaction: Transaction, now: dt.datetime, **kw: Any) -> VerdictInput:
        return VerdictInput(
            now=now,
            transaction=transaction,
            pack=prepared.pack,
            problems=tuple(prepared.problems),
            local=tuple(self.local_history(prepared.ref)),
            recalls=tuple(self.recalls(prepared.pack)) if not prepared.problems else (),
            tz=self.tz,
            **kw,
        )

    # ------------------------------------------------------------------ outcome

    def _finish(
        self,
        prepared: Prepared,
        verdict: Verdict,
        now: dt.datetime,
        *,
        reply: HubReply | None = None,
        client_trx_id: str | None = None,
        dispense_id: str | None = None,
        patient_ref: str | None = None,
        rx_item: str | None = None,
        cache_reply: bool = False,
        after: list[Callable[[], None]] | None = None,
    ) -> PackOutcome:
        """The outcome, its alert (its own durable transaction) and the scan log row; with
        ``cache_reply`` the hub's reply goes into the pack-state cache in the scan log's transaction.

        ``after``: storing the alert, the cache write and the scan log row are appended to it instead
        of being done now, for the caller to run once the verdict is on its way to the screen (see
        :meth:`verify`). The alert is built now (``outcome.alert`` is the record to be stored; the
        stored one replaces it, with a local id if the hub's alert id was known already)."""
        outcome = PackOutcome(prepared, verdict, reply, client_trx_id, dispense_id, rx_item=rx_item)
        if prepared.gate_notes:
            outcome.extra["gate_notes"] = list(prepared.gate_notes)
        if reply is not None and reply.extra.get("notifications"):
            # the national system's notices (NMVS: password expiring, new terms): shown, never lost
            outcome.extra["hub_notifications"] = reply.extra["notifications"].split(" | ")
        if verdict.alert_needed:
            alert = build_alert(
                prepared,
                verdict,
                now=now,
                reply=reply,
                client_trx_id=client_trx_id,
                operator=self.operator,
                station=self.station.station_id,
                location=self.station.location,
                app_version=self.app_version,
                scanner_profile=self.scanner_profile_text,
                dispense_id=dispense_id,
                patient_ref=patient_ref,
                translate=self.translate,
            )
            outcome.alert = alert  # to be stored: the stored record replaces it
        unstored = outcome.alert
        cached = reply if cache_reply and reply is not None and prepared.ref is not None else None
        operator, profile = self.operator, self.profile

        def bookkeeping() -> None:
            if unstored is not None:  # its own durable transaction, first: the scan log row names it
                outcome.alert = self.station.add_alert(unstored)
            with self.station.cache_transaction():
                if cached is not None and prepared.ref is not None:
                    self.station.pack_states.put(prepared.ref, cached)
                log_scan(self.station, outcome, at=now, operator=operator, profile=profile)

        if after is None:
            bookkeeping()
        else:
            after.append(bookkeeping)
        return outcome

    # ------------------------------------------------------------------ verify

    def verify(
        self,
        scan: ScanInput,
        *,
        session: DispenseSession | None = None,
        purpose: str = "check",
        prepared: Prepared | None = None,
        after: list[Callable[[], None]] | None = None,
    ) -> PackOutcome:
        """Ask the hub about one pack (nothing changes on the hub); offline: say so.

        With ``session`` (a dispense with a prescription), the pack is matched against the
        prescription too and the verdict takes the findings in (a mismatch seen on a check raises no
        alert). A pack that may be dispensed is held in the session (:meth:`DispenseSession.hold`): it
        counts for the next check, so the pack too many is a STOP when it is scanned; it is counted
        for good when it is dispensed. ``purpose`` (US VRS ``context``): ``check`` at the counter,
        ``return`` for a pack taken back into saleable stock; a VRS answer may start the
        suspect-product workflow (:mod:`dispense_app.workflow.suspect`). ``prepared``: ``scan``
        already parsed by :meth:`prepare` (the counter parses once to see whether the pack was
        scanned before; issue 22). ``after``: a list that receives the scan's records (its alert,
        the scan log row, the hub's answer for the offline cache, a suspect product's quarantine
        record) instead of them being written now; the counter shows the verdict first and runs them
        next, in the same locked turn, before any other action of the session (issue 22)."""
        if prepared is None:
            prepared = self.prepare(scan)
        now = self.clock()
        today = now.astimezone(self.tz).date()
        match = session.match(prepared.pack, today) if session is not None and not prepared.problems else None
        rx_item = match.item.item_id if match is not None and match.item is not None else None
        inp = self._input(prepared, Transaction.VERIFY, now, prescription=match.findings if match else ())
        early = precheck(inp)
        if early is not None:
            if session is not None and prepared.pack is not None:
                session.hold(prepared.pack, None)
            return self._finish(prepared, early, now, rx_item=rx_item, after=after)
        assert prepared.ref is not None
        reply: HubReply | None = None
        offline = self.client is None
        cause: str | None = None
        if self.client is not None:
            try:
                reply = self._ask(prepared.ref, scan, purpose)
            except HubUnavailable as exc:
                offline, cause = True, fault_kind(exc)
            except HubProtocolError:  # the hub's answer broke the protocol: not news about the pack
                offline, cause = True, "misbehaved"
            except HubRequestError as exc:
                refused = replace(inp, problems=(InputProblem("hub_refused", str(exc), "hub"),))
                return self._finish(prepared, decide(refused), now, after=after)
        verdict = decide(replace(inp, hub=reply, offline=offline, offline_cause=cause,
                                 verify_only_hub=self.verify_only))
        if session is not None:
            session.hold(prepared.pack, match if verdict.may_dispense else None)
        # the hub's answer is cached in the scan log's transaction (one commit per scan, issue 22)
        outcome = self._finish(prepared, verdict, now, reply=reply, rx_item=rx_item, cache_reply=True, after=after)
        if after is None:
            self._suspect_follow_up(outcome, now)
        else:  # after the alert is stored: the quarantine record names it
            after.append(lambda: self._suspect_follow_up(outcome, now))
        return outcome

    def _ask(self, ref: PackRef, scan: ScanInput, purpose: str) -> HubReply:
        """The hub's verify; the US VRS also hears what the user is doing (its ``context``)."""
        assert self.client is not None
        if self.verify_only:
            return self.client.verify(ref, entry_mode=scan.entry_mode, purpose=purpose)  # type: ignore[call-arg]
        return self.client.verify(ref, entry_mode=scan.entry_mode)

    def _suspect_follow_up(self, outcome: PackOutcome, now: dt.datetime) -> None:
        from dispense_app.workflow.suspect import follow_up

        alert_id = outcome.alert.alert_id if outcome.alert is not None else None
        found = follow_up(
            self.station, outcome.prepared, outcome.reply, operator=self.operator, alert_id=alert_id, now=now
        )
        if found is not None:
            outcome.extra["quarantine"] = found

    # ------------------------------------------------------------------ decommissions

    def dispense(
        self,
        scans: Sequence[ScanInput],
        *,
        prescription: Prescription | None = None,
        patient_ref: str | None = None,
        bulk: bool = False,
        session: DispenseSession | None = None,
        supply_anyway: tuple[str, str] | None = None,
        seal: str | None = None,
    ) -> list[PackOutcome]:
        """Supply (dispense) packs to one patient; ``bulk`` sends them all in one hub request.
        ``seal`` (``"intact"``): the pharmacist confirmed each pack's seal; it is written into each
        dispense's audit entry, with the record (:mod:`dispense_app.core.seal`).

        ``supply_anyway`` = (reason, pharmacist login): a pharmacist's decision to supply despite a
        prescription STOP (wrong product/strength/form, substitution, quantity). It never overrides
        the hub, the local safety rules or a duplicate scan. The alert is still recorded, with the
        reason and the pharmacist. (The caller checks the role; see ``Action.SUPPLY_ANYWAY``.)
        """
        patient = patient_ref or (prescription.patient_ref if prescription else None)
        sess = session or self.session(prescription, patient_ref)
        if self.verify_only:
            return self._verify_only(scans)
        return self._decommission(scans, Transaction.SUPPLY, sess, patient, prescription, bulk, supply_anyway, seal)

    @property
    def verify_only(self) -> bool:
        """The configured hub only verifies (US VRS: dispensers verify but do not decommission).
        Worked out once per client (it was an import and an isinstance on every scan)."""
        client = self.client
        if client is None:
            return False
        known = self._verify_only_for
        if known is None or known[0] is not client:
            from dispense_app.hub.vrs import VrsClient

            known = self._verify_only_for = (client, isinstance(client, VrsClient))
        return known[1]

    def _verify_only(self, scans: Sequence[ScanInput]) -> list[PackOutcome]:
        outcomes = []
        for scan in scans:
            out = self.verify(scan)
            out.extra["verify_only_hub"] = True  # nothing was decommissioned: the hub does not take it
            outcomes.append(out)
        return outcomes

    def destroy(self, scans: Sequence[ScanInput], *, bulk: bool = False) -> list[PackOutcome]:
        """Decommission packs as destroyed (hospital dispensary, expired stock)."""
        if self.verify_only:
            return self._verify_only(scans)
        return self._decommission(scans, Transaction.DESTROY, DispenseSession(), None, None, bulk)

    def sample(self, scans: Sequence[ScanInput], *, bulk: bool = False) -> list[PackOutcome]:
        """Decommission packs as samples for the authorities."""
        if self.verify_only:
            return self._verify_only(scans)
        return self._decommission(scans, Transaction.SAMPLE, DispenseSession(), None, None, bulk)

    def _decommission(
        self,
        scans: Sequence[ScanInput],
        transaction: Transaction,
        sess: DispenseSession,
        patient: str | None,
        prescription: Prescription | None,
        bulk: bool,
        supply_anyway: tuple[str, str] | None = None,
        seal: str | None = None,
    ) -> list[PackOutcome]:
        """Check each pack; record the ones that pass (outbox rows and days of therapy with them);
        send them (in one hub request with ``bulk``); each pack's outcome from the hub's answer."""
        pending = [self._check(scan, transaction, sess, patient, prescription, supply_anyway) for scan in scans]
        todo = [p for p in pending if p.outcome is None]
        recorded = self._record(todo, transaction, patient, prescription, bulk, seal)
        results = self._send(self._link_records(todo, recorded, sess, patient), bulk)
        for p in todo:
            if p.outcome is None:
                assert p.client_trx_id is not None
                self._conclude(p, results.get(p.client_trx_id), transaction, sess, patient, supply_anyway)
        return [p.outcome for p in pending if p.outcome is not None]

    def _check(
        self,
        scan: ScanInput,
        transaction: Transaction,
        sess: DispenseSession,
        patient: str | None,
        prescription: Prescription | None,
        supply_anyway: tuple[str, str] | None,
    ) -> _Pending:
        """One pack before anything is recorded: parse, prescription match (a pharmacist's
        ``supply_anyway`` lets the verdict take overridable prescription STOPs as warnings), local
        rules. A pack a local rule stops gets its outcome here; one that passes counts for the next
        pack of this dispense."""
        prepared = self.prepare(scan)
        now = self.clock()
        match = self._match(prepared, transaction, sess, prescription, now)
        findings = match.findings if match is not None else ()
        inp = self._input(prepared, transaction, now, prescription=findings, supply_anyway=supply_anyway is not None)
        item = _Pending(prepared, inp, match)
        early = precheck(inp)
        if early is not None:
            item.outcome = self._finish(prepared, early, now, patient_ref=patient, rx_item=_rx_item(match))
        elif match is not None:
            sess.accept(prepared.pack, match)  # counts for the next pack of this dispense
        return item

    def _match(
        self,
        prepared: Prepared,
        transaction: Transaction,
        sess: DispenseSession,
        prescription: Prescription | None,
        now: dt.datetime,
    ) -> RxMatch | None:
        """The pack against the prescription (a supply), or against the packs of this request
        (anything else: the same pack twice); None for input that is no pack."""
        if prepared.problems:
            return None
        if transaction is Transaction.SUPPLY:
            product = self.product(prepared.pack, fetch=prescription is not None)
            return sess.match(prepared.pack, now.astimezone(self.tz).date(), product)
        return sess.match(prepared.pack, now)

    def _record(
        self,
        todo: list[_Pending],
        transaction: Transaction,
        patient: str | None,
        prescription: Prescription | None,
        bulk: bool,
        seal: str | None = None,
    ) -> list[DispenseRecord | InvalidInputError | None]:
        """Record the packs that passed, before any network I/O: all in one transaction with
        ``bulk``, else (or when that is refused, to tell which pack it was) one by one. Per pack: its
        record, None (another process recorded the pack a moment ago) or the input the store refused."""
        from dispense_app.store import DoubleDecommissionError, InvalidInputError

        items = [replace(self._supply_item(p, transaction, patient, prescription), seal=seal) for p in todo]
        if bulk and len(items) > 1:
            try:
                return list(self.station.record_supplies(items, now=self.clock()))
            except (DoubleDecommissionError, InvalidInputError):
                pass  # fall back to one by one, to tell which pack is refused
        recorded: list[DispenseRecord | InvalidInputError | None] = []
        for it in items:
            try:
                recorded.append(self.station.record_supplies([it], now=self.clock())[0])
            except DoubleDecommissionError:
                recorded.append(None)  # another process recorded it a moment ago
            except InvalidInputError as exc:
                recorded.append(exc)
        return recorded

    def _supply_item(
        self, p: _Pending, transaction: Transaction, patient: str | None, prescription: Prescription | None
    ) -> SupplyItem:
        from dispense_app.store import SupplyItem

        return SupplyItem(
            pack=p.prepared.ref,  # type: ignore[arg-type]
            raw=p.prepared.scan.raw,
            operator=self.operator,
            patient_ref=patient,
            prescription_ref=prescription.rx_id if prescription else None,
            entry_mode=p.prepared.scan.entry_mode,
            aim_id=p.prepared.aim_id,
            code_scheme=p.prepared.pack.scheme,
            nhrn=dict(p.prepared.pack.nhrn or {}),
            transaction=transaction,
            fill=self._fill(p, prescription) if transaction is Transaction.SUPPLY else None,
        )

    def _link_records(
        self,
        todo: list[_Pending],
        recorded: list[DispenseRecord | InvalidInputError | None],
        sess: DispenseSession,
        patient: str | None,
    ) -> list[str]:
        """Each pack to its record; a pack that was not recorded gets its STOP now (and no longer
        counts in this dispense). Returns the client transaction ids to send."""
        to_send: list[str] = []
        for p, rec in zip(todo, recorded, strict=True):
            if rec is None or isinstance(rec, Exception):
                if p.match is not None:
                    sess.release(p.prepared.pack, p.match)
                if rec is None:
                    inp = replace(p.inp, local=tuple(self.local_history(p.prepared.ref)))
                else:
                    inp = replace(p.inp, problems=(InputProblem("invalid", str(rec), "parse"),))
                p.outcome = self._finish(p.prepared, decide(inp), self.clock(), patient_ref=patient)
                continue
            p.record_id, p.client_trx_id = rec.id, rec.client_trx_id
            to_send.append(rec.client_trx_id)
        return to_send

    def _send(self, client_trx_ids: list[str], bulk: bool) -> dict[str, SendResult]:
        """Send the recorded requests through the outbox (none without a hub: they stay queued)."""
        if not client_trx_ids or self.client is None:
            return {}
        from dispense_app.workflow.sender import send

        batches = [client_trx_ids] if bulk else [[t] for t in client_trx_ids]
        return {r.client_trx_id: r for batch in batches for r in send(self.station, self.client, batch)}

    def _conclude(
        self,
        p: _Pending,
        result: SendResult | None,
        transaction: Transaction,
        sess: DispenseSession,
        patient: str | None,
        supply_anyway: tuple[str, str] | None,
    ) -> None:
        """The pack's outcome from the hub's answer (none: offline, it stays queued); a STOP no
        longer counts in this dispense; an overridden prescription STOP gets its alert."""
        now = self.clock()
        reply = result.reply if result is not None else None
        cause = result.fault if result is not None and reply is None else None
        verdict = decide(replace(p.inp, hub=reply, offline=reply is None, offline_cause=cause))
        if verdict.level is Level.STOP and p.match is not None:
            sess.release(p.prepared.pack, p.match)
        p.outcome = self._finish(
            p.prepared,
            verdict,
            now,
            reply=reply,
            client_trx_id=p.client_trx_id,
            dispense_id=p.record_id,
            patient_ref=patient,
            rx_item=_rx_item(p.match),
        )
        supplied = transaction is Transaction.SUPPLY and p.record_id and verdict.level is not Level.STOP
        if supplied and verdict.overridden and supply_anyway:
            p.outcome.alert = self._supplied_anyway_alert(p, verdict.overridden, now, patient, supply_anyway)

    def _supplied_anyway_alert(
        self,
        p: _Pending,
        overridden: tuple[Reason, ...],
        now: dt.datetime,
        patient: str | None,
        supply_anyway: tuple[str, str],
    ) -> AlertRecord:
        """The alert for a prescription STOP a pharmacist overrode: recorded, marked supplied anyway."""
        stop = decide(replace(p.inp, prescription=overridden, supply_anyway=False, hub=None))
        alert = build_alert(
            p.prepared,
            stop,
            now=now,
            reply=None,
            client_trx_id=p.client_trx_id,
            operator=self.operator,
            station=self.station.station_id,
            location=self.station.location,
            app_version=self.app_version,
            scanner_profile=self.scanner_profile_text,
            dispense_id=p.record_id,
            patient_ref=patient,
        )
        reason, by = supply_anyway
        alert.supplied_anyway = True
        alert.supplied_anyway_reason = reason
        alert.supplied_anyway_by = by
        return self.station.add_alert(alert)  # type: ignore[no-any-return]

    def _fill(self, p: _Pending, prescription: Prescription | None) -> DispenseFill | None:
        """Days of therapy of this pack, for adherence (recorded with the dispense record), where
        the prescription gives them."""
        from dispense_app.store import DispenseFill

        if prescription is None or p.match is None or p.match.item is None:
            return None
        item = p.match.item
        if not item.days_supply:
            return None
        days = item.days_supply
        if item.quantity:
            if item.quantity_unit.value == "packs":
                days = max(1, round(item.days_supply / float(item.quantity)))
            elif p.match.units:
                days = max(1, round(item.days_supply * float(p.match.units) / float(item.quantity)))
        product = self.product(p.prepared.pack)
        return DispenseFill(max(1, days), medication_name(product, item.label), prescription.rx_id, item.item_id)

    # ------------------------------------------------------------------ undo

    def undo(
        self, scan: ScanInput, *, reason: str | None = None, kind: Transaction = Transaction.SUPPLY
    ) -> PackOutcome:
        """Undo this station's decommission of a pack: a supply by default, or (``kind``) a sample,
        free sample, export, lock or check-out where the national system allows it (10-day window,
        same location; offline: queued). Destroy and stolen cannot be undone. With the US VRS (nothing is
        decommissioned) it is the saleable-return check of the pack coming back."""
        from dispense_app.core.model import UNDO_OF
        from dispense_app.store import DispenseStatus, NotDispensedHereError, UndoWindowClosedError

        if self.verify_only:
            out = self.verify(scan, purpose="return")
            out.extra["verify_only_hub"] = True
            return out

        prepared = self.prepare(scan)
        now = self.clock()
        undo = UNDO_OF.get(kind)
        if undo is None:
            raise ValueError(f"a {kind.value} cannot be undone")
        inp = self._input(prepared, undo, now)
        early = precheck(inp)
        if early is not None:
            return self._finish(prepared, early, now)
        assert prepared.ref is not None
        try:
            record = self.station.record_undo(prepared.ref, operator=self.operator, reason=reason, now=now)
        except UndoWindowClosedError:
            late = [replace(r, undo_until=min(r.deadline, now - dt.timedelta(seconds=1))) for r in inp.local]
            return self._finish(prepared, decide(replace(inp, local=tuple(late))), now)
        except NotDispensedHereError:
            return self._finish(prepared, decide(replace(inp, local=())), now)
        if record.status is DispenseStatus.CANCELLED:
            verdict = decide(replace(inp, cancelled_locally=True))
            return self._finish(prepared, verdict, now, dispense_id=record.id, patient_ref=record.patient_ref)
        trx = record.undo_client_trx_id
        reply: HubReply | None = None
        if self.client is not None and trx:
            from dispense_app.workflow.sender import send

            (result,) = send(self.station, self.client, [trx])
            reply = result.reply
        verdict = decide(replace(inp, hub=reply, offline=reply is None))
        return self._finish(
            prepared,
            verdict,
            now,
            reply=reply,
            client_trx_id=trx,
            dispense_id=record.id,
            patient_ref=record.patient_ref,
        )


def _rx_item(match: RxMatch | None) -> str | None:
    """The prescription item a pack was matched to, if any."""
    return match.item.item_id if match is not None and match.item is not None else None


def medication_name(product: ProductInfo | None, fallback: str) -> str:
    """The medication a fill counts towards in adherence: ingredient + strength, else the product."""
    if product is not None:
        if product.ingredient:
            return " ".join(p for p in (product.ingredient.lower(), product.strength) if p)
        if product.name:
            return product.name
    return fallback


__all__ = ["DECOMMISSION_TRANSACTIONS", "Workflow", "medication_name"]
