"""The dispensing workflow: parse -> gate -> local checks -> hub -> verdict -> store.

:class:`Workflow` ties the pure core (:mod:`dispense_app.core.verdict`, prescriptions) to the
station database (:class:`dispense_app.store.Station`) and a hub client. Rules it keeps:

- A local STOP (input problem, already dispensed or queued here, expired, recalled or withdrawn
  on the local list, prescription mismatch, same pack twice) is decided *before* the hub is asked,
  and a state-changing request is then never sent.
- Every state change is recorded with its outbox row first (``Station.record_supply`` /
  ``record_undo``) and sent through the outbox (:func:`dispense_app.workflow.sender.send`): a
  retry or a crash can never decommission twice. Offline the request stays queued and the verdict
  says so.
- Every STOP with a hub return code or a local reason (not input problems: the hub never saw
  those) creates an :class:`~dispense_app.core.alerts.AlertRecord` with every field filled.

Everything is synchronous; the UI runs it on a worker thread.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from dispense_app import __version__
from dispense_app.core.alerts import AlertRecord
from dispense_app.core.model import (
    HubClient,
    HubReply,
    HubRequestError,
    HubUnavailable,
    PackRef,
    PackState,
    ProductInfo,
    Transaction,
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
from scanner.parsing import checks

DECOMMISSION_TRANSACTIONS = (Transaction.SUPPLY, Transaction.DESTROY, Transaction.SAMPLE)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _local_tz() -> dt.tzinfo:
    return dt.datetime.now().astimezone().tzinfo or dt.UTC


def ntin_from_pzn(pzn: str) -> str:
    """The German NTIN (GTIN) of a PZN (a PZN7 gets its leading 0): 0 4150 PZN8 + check digit."""
    return checks.ntin_from_pzn(pzn.zfill(8))


@dataclass(slots=True)
class _Pending:
    """One pack on its way through a decommission request."""

    prepared: Prepared
    inp: VerdictInput
    match: RxMatch | None = None
    outcome: PackOutcome | None = None
    record_id: str | None = None
    client_trx_id: str | None = None
    overridden: tuple[Reason, ...] = ()


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

    @property
    def scanner_profile_text(self) -> str:
        """What the alert record keeps about the scanner profile in use."""
        if self.profile is None:
            return "none"
        return json.dumps(self.profile.to_json(), sort_keys=True, separators=(",", ":"))

    # ------------------------------------------------------------------ inputs

    def prepare(self, scan: ScanInput) -> Prepared:
        return prepare(scan, self.profile)

    def local_history(self, ref: PackRef | None) -> list[LocalRecord]:
        """This station's decommissions of the pack (rejected and conflicting ones never happened)."""
        if ref is None:
            return []
        from dispense_app.store import DispenseStatus

        out = []
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
            return []
        state = PackState.WITHDRAWN if entry.kind == "withdrawal" or entry.lot is None else PackState.RECALLED
        codes = {c for c in (pack.gtin, pack.ppn, pack.pzn, gtin) if c}
        # the store matched it already; name the pack's own code so the core's check agrees
        return [RecallEntry(next(iter(sorted(codes))), entry.lot, entry.reason or "", state)]

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
                fetched = self.station.products.fetch(self.client, gtin)
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
    ) -> PackOutcome:
        outcome = PackOutcome(prepared, verdict, reply, client_trx_id, dispense_id, rx_item=rx_item)
        if prepared.gate_notes:
            outcome.extra["gate_notes"] = list(prepared.gate_notes)
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
            )
            outcome.alert = self.station.add_alert(alert)
        return outcome

    # ------------------------------------------------------------------ verify

    def verify(self, scan: ScanInput) -> PackOutcome:
        """Ask the hub about one pack (nothing changes on the hub); offline: say so."""
        prepared = self.prepare(scan)
        now = self.clock()
        inp = self._input(prepared, Transaction.VERIFY, now)
        early = precheck(inp)
        if early is not None:
            return self._finish(prepared, early, now)
        assert prepared.ref is not None
        reply: HubReply | None = None
        offline = self.client is None
        if self.client is not None:
            try:
                reply = self.client.verify(prepared.ref, entry_mode=scan.entry_mode)
            except HubUnavailable:
                offline = True
            except HubRequestError as exc:
                refused = replace(inp, problems=(InputProblem("hub_refused", str(exc), "hub"),))
                return self._finish(prepared, decide(refused), now)
        if reply is not None:
            self.station.pack_states.put(prepared.ref, reply)
        verdict = decide(replace(inp, hub=reply, offline=offline))
        return self._finish(prepared, verdict, now, reply=reply)

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
    ) -> list[PackOutcome]:
        """Supply (dispense) packs to one patient; ``bulk`` sends them all in one hub request.

        ``supply_anyway`` = (reason, pharmacist login): a pharmacist's decision to supply despite a
        prescription STOP (wrong product/strength/form, substitution, quantity). It never overrides
        the hub, the local safety rules or a duplicate scan. The alert is still recorded, with the
        reason and the pharmacist. (The caller checks the role; see ``Action.SUPPLY_ANYWAY``.)
        """
        patient = patient_ref or (prescription.patient_ref if prescription else None)
        sess = session or self.session(prescription, patient_ref)
        if self.verify_only:
            return self._verify_only(scans)
        return self._decommission(scans, Transaction.SUPPLY, sess, patient, prescription, bulk, supply_anyway)

    @property
    def verify_only(self) -> bool:
        """The configured hub only verifies (US VRS: dispensers verify but do not decommission)."""
        if self.client is None:
            return False
        from dispense_app.hub.vrs import VrsClient

        return isinstance(self.client, VrsClient)

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
    ) -> list[PackOutcome]:
        from dispense_app.store import DoubleDecommissionError, InvalidInputError, SupplyItem

        pending: list[_Pending] = []
        for scan in scans:
            prepared = self.prepare(scan)
            now = self.clock()
            match: RxMatch | None = None
            findings: tuple[Any, ...] = ()
            if not prepared.problems and transaction is Transaction.SUPPLY:
                product = self.product(prepared.pack, fetch=prescription is not None)
                match = sess.match(prepared.pack, now.astimezone(self.tz).date(), product)
                findings = match.findings
            elif not prepared.problems:
                dup = sess.match(prepared.pack, now)
                findings = dup.findings
                match = dup
            overridden: tuple[Reason, ...] = ()
            stops = [f for f in findings if f.level is Level.STOP]
            if supply_anyway and stops and all(f.id.startswith("rx.") and f.id != "rx.duplicate_scan" for f in stops):
                overridden = tuple(stops)
                findings = tuple(replace(f, level=Level.WARN) if f.level is Level.STOP else f for f in findings)
            inp = self._input(prepared, transaction, now, prescription=findings)
            item = _Pending(prepared, inp, match, overridden=overridden)
            early = precheck(inp)
            if early is not None:
                item.outcome = self._finish(
                    prepared,
                    early,
                    now,
                    patient_ref=patient,
                    rx_item=match.item.item_id if match and match.item else None,
                )
            elif match is not None:
                sess.accept(prepared.pack, match)  # counts for the next pack of this dispense
            pending.append(item)

        todo = [p for p in pending if p.outcome is None]
        items = [
            SupplyItem(
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
            )
            for p in todo
        ]
        recorded: list[Any] = []
        if bulk and len(items) > 1:
            try:
                recorded = self.station.record_supplies(items, now=self.clock())
            except (DoubleDecommissionError, InvalidInputError):
                recorded = []  # fall back to one by one, to tell which pack is refused
        if not recorded:
            for it in items:
                try:
                    recorded.append(self.station.record_supplies([it], now=self.clock())[0])
                except DoubleDecommissionError:
                    recorded.append(None)  # another process recorded it a moment ago
                except InvalidInputError as exc:
                    recorded.append(exc)
        sent_ids: list[str] = []
        for p, rec in zip(todo, recorded, strict=True):
            now = self.clock()
            if rec is None or isinstance(rec, Exception):
                if p.match is not None:
                    sess.release(p.prepared.pack, p.match)
                if rec is None:
                    inp = replace(p.inp, local=tuple(self.local_history(p.prepared.ref)))
                else:
                    inp = replace(p.inp, problems=(InputProblem("invalid", str(rec), "parse"),))
                p.outcome = self._finish(p.prepared, decide(inp), now, patient_ref=patient)
                continue
            p.record_id, p.client_trx_id = rec.id, rec.client_trx_id
            sent_ids.append(rec.client_trx_id)

        results: dict[str, Any] = {}
        if sent_ids and self.client is not None:
            from dispense_app.workflow.sender import send

            send_list = [sent_ids] if bulk else [[t] for t in sent_ids]
            for batch in send_list:
                for r in send(self.station, self.client, batch):
                    results[r.client_trx_id] = r
        for p in pending:
            if p.outcome is not None:
                continue
            now = self.clock()
            assert p.client_trx_id is not None
            result = results.get(p.client_trx_id)
            reply = result.reply if result is not None else None  # None: not answered, still queued
            offline = reply is None
            verdict = decide(replace(p.inp, hub=reply, offline=offline))
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
                rx_item=p.match.item.item_id if p.match and p.match.item else None,
            )
            if transaction is Transaction.SUPPLY and p.record_id and verdict.level is not Level.STOP:
                self._remember_fill(p, prescription)
                if p.overridden and supply_anyway:
                    p.outcome.alert = self._supplied_anyway_alert(p, now, patient, supply_anyway)
        return [p.outcome for p in pending if p.outcome is not None]

    def _supplied_anyway_alert(
        self, p: _Pending, now: dt.datetime, patient: str | None, supply_anyway: tuple[str, str]
    ) -> AlertRecord:
        """The alert for a prescription STOP a pharmacist overrode: recorded, marked supplied anyway."""
        stop = decide(replace(p.inp, prescription=p.overridden, hub=None))
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

    def _remember_fill(self, p: _Pending, prescription: Prescription | None) -> None:
        """Days of therapy of this pack, for adherence (kept as a station setting per dispense)."""
        if prescription is None or p.match is None or p.match.item is None:
            return
        item = p.match.item
        if not item.days_supply:
            return
        days = item.days_supply
        if item.quantity:
            if item.quantity_unit.value == "packs":
                days = max(1, round(item.days_supply / float(item.quantity)))
            elif p.match.units:
                days = max(1, round(item.days_supply * float(p.match.units) / float(item.quantity)))
        product = self.product(p.prepared.pack)
        self.station.settings.set(
            f"adherence.fill.{p.record_id}",
            {
                "days_supply": days,
                "medication": medication_name(product, item.label),
                "rx_id": prescription.rx_id,
                "item_id": item.item_id,
            },
            actor=self.operator,
        )

    # ------------------------------------------------------------------ undo

    def undo(self, scan: ScanInput, *, reason: str | None = None) -> PackOutcome:
        """Undo this station's supply of a pack (10-day window; offline: queued)."""
        from dispense_app.store import DispenseStatus, NotDispensedHereError, UndoWindowClosedError

        prepared = self.prepare(scan)
        now = self.clock()
        inp = self._input(prepared, Transaction.UNDO_SUPPLY, now)
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


def medication_name(product: ProductInfo | None, fallback: str) -> str:
    """The medication a fill counts towards in adherence: ingredient + strength, else the product."""
    if product is not None:
        if product.ingredient:
            return " ".join(p for p in (product.ingredient.lower(), product.strength) if p)
        if product.name:
            return product.name
    return fallback


__all__ = ["DECOMMISSION_TRANSACTIONS", "Workflow", "medication_name"]
