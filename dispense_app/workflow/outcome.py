"""The result for one pack, and the alert records: the one built for a STOP at the counter
(:func:`build_alert`) and the one for a request found not carried out at replay (:func:`replay_alert`).

:meth:`PackOutcome.to_json` is the DESIGN.md contract of ``verify``/``dispense``/``undo --json``:
``{"verdict", "pack", "state", "reason", "return_code", "alert_id", "offline", "queued",
"client_trx_id", "messages"}``, plus extra keys (never renamed or dropped).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dispense_app import __version__
from dispense_app.core.alerts import AlertRecord, AlertSource
from dispense_app.core.messages import Translate
from dispense_app.core.model import HubReply, ProductScheme, Transaction
from dispense_app.core.verdict import Level, Verdict
from dispense_app.workflow.scan import Prepared
from scanner.key_log import key_timings

if TYPE_CHECKING:
    from dispense_app.store import DispenseRecord, OutboxEntry


def raw_hex(raw: bytes) -> str:
    """Scanned bytes as upper-case hex (GS/RS/EOT visible as 1D/1E/04), as the store writes it."""
    return raw.hex().upper()


@dataclass(slots=True)
class PackOutcome:
    prepared: Prepared
    verdict: Verdict
    reply: HubReply | None = None
    client_trx_id: str | None = None
    dispense_id: str | None = None
    alert: AlertRecord | None = None
    rx_item: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def stop(self) -> bool:
        return self.verdict.level is Level.STOP

    def to_json(self) -> dict[str, Any]:
        v = self.verdict
        reply = self.reply
        return {
            "verdict": v.level.value,
            "pack": self.prepared.pack_json(),
            "state": v.state.value if v.state else None,
            "reason": v.reason(),
            "return_code": reply.return_code.value if reply else None,
            "alert_id": self.alert.alert_id if self.alert else None,
            "offline": v.offline,
            "queued": v.queue,
            "client_trx_id": self.client_trx_id,
            "messages": v.messages(),
            # extra keys
            "transaction": v.transaction.value,
            "next_action": v.next_action(),
            "message_ids": v.message_ids,
            "may_dispense": v.may_dispense,
            "alert_class": v.alert_class,
            "hub_trx_id": reply.hub_trx_id if reply else None,
            "product_name": reply.product_name if reply else None,
            "dispense_id": self.dispense_id,
            "undo_until": v.undo_until.isoformat() if v.undo_until else None,
            "rx_item": self.rx_item,
            "raw_hex": raw_hex(self.prepared.scan.raw),
            "entry_mode": self.prepared.scan.entry_mode.value,
            **self.extra,
        }


def _as_is(text: str) -> str:
    return text


def build_alert(
    prepared: Prepared,
    verdict: Verdict,
    *,
    now: dt.datetime,
    reply: HubReply | None,
    client_trx_id: str | None,
    operator: str | None,
    station: str | None,
    location: str | None,
    app_version: str,
    scanner_profile: str | None,
    dispense_id: str | None,
    patient_ref: str | None,
    translate: Translate = _as_is,
) -> AlertRecord:
    """Every DOMAIN.md section 5 field for one STOP (persisted by the store), with the scan's time
    and a wedge scan's key timings from the scanner's event (none from the command line). The reason
    is what the pharmacist was told, in the language they read it in (``translate``)."""
    pack = prepared.pack
    transaction: Transaction = verdict.transaction
    event = prepared.scan.event
    return AlertRecord(
        alert_id=_alert_id(reply),
        created_at=now,
        source=verdict.alert_source or AlertSource.LOCAL,
        return_code=reply.return_code.value if reply is not None else None,
        alert_class=verdict.alert_class,
        reason=" ".join(verdict.messages(translate)) or verdict.reason(translate),
        request=transaction.value,
        client_trx_id=client_trx_id or (reply.client_trx_id if reply is not None else None),
        hub_trx_id=reply.hub_trx_id if reply is not None else None,
        operator=operator,
        station=station,
        location=location,
        raw_hex=raw_hex(prepared.scan.raw),
        aim_id=prepared.aim_id,
        entry_mode=prepared.scan.entry_mode.value,
        scheme=pack.scheme if pack is not None else None,
        gtin=pack.gtin if pack is not None else None,
        ppn=pack.ppn if pack is not None else None,
        pzn=pack.pzn if pack is not None else None,
        serial=pack.serial if pack is not None else None,
        lot=pack.lot if pack is not None else None,
        expiry=pack.expiry if pack is not None else None,
        nhrn=dict(pack.nhrn or {}) if pack is not None else {},
        state=verdict.state.value if verdict.state else None,
        app_version=app_version,
        scanner_profile=scanner_profile,
        dispense_id=dispense_id,
        patient_ref=patient_ref,
        scanned_at=event.time if event is not None else None,
        scan_keys=(key_timings(event.raw_keys) or None) if event is not None else None,
    )


def replay_alert(
    record: DispenseRecord,
    entry: OutboxEntry,
    reply: HubReply | None,
    reason: str,
    *,
    now: dt.datetime,
    source: AlertSource,
    app_version: str = __version__,
) -> AlertRecord:
    """The alert for an outbox ``entry`` of dispense ``record`` that was not carried out, found when
    the outbox was sent after the pack was handed over (``reply`` None: refused locally). Every
    field comes from the record made at the counter; a supply is marked supplied anyway (handed
    over while the hub was unreachable)."""
    from dispense_app.store.caches import pzn_from_ntin, pzn_from_ppn

    pack = record.pack
    is_gtin = pack.scheme is ProductScheme.GTIN
    rc = reply.return_code if reply is not None else None
    supplied = entry.transaction is Transaction.SUPPLY
    return AlertRecord(
        alert_id=_alert_id(reply),
        created_at=now,
        source=source,
        return_code=rc.value if rc else None,
        alert_class=rc.alert_class if rc is not None and reply is not None and rc.raises_alert(reply.state) else None,
        reason=reason,
        request=entry.transaction.value,
        client_trx_id=entry.client_trx_id,
        hub_trx_id=reply.hub_trx_id if reply is not None else None,
        operator=record.operator,
        station=record.station,
        location=record.location,
        raw_hex=record.raw_hex,
        aim_id=record.aim_id,
        entry_mode=record.entry_mode.value,
        scheme=record.code_scheme,
        gtin=pack.product_code if is_gtin else None,
        ppn=None if is_gtin else pack.product_code,
        pzn=pzn_from_ntin(pack.product_code) if is_gtin else pzn_from_ppn(pack.product_code),
        serial=pack.serial,
        lot=pack.lot,
        expiry=pack.expiry,
        nhrn=dict(record.nhrn),
        state=reply.state.value if reply is not None and reply.state else None,
        app_version=app_version,
        dispense_id=record.id,
        patient_ref=record.patient_ref,
        supplied_anyway=supplied,
        supplied_anyway_reason="handed over while the hub was unreachable" if supplied else None,
        supplied_anyway_by=record.operator if supplied else None,
    )


def _alert_id(reply: HubReply | None) -> str:
    """The hub's alert id where it gave one, else a new local one (``L-...``)."""
    return reply.alert_id if reply is not None and reply.alert_id else "L-" + uuid.uuid4().hex
