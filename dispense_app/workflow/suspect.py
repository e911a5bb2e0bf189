"""After a US VRS answer: start the suspect-product workflow, and count the investigation's checks.

* A VRS answer that marks the pack suspect or illegitimate (:func:`dispense_app.core.vrs.suspect_kind`:
  ``Suspect``, ``Not_for_re-distribution``, ``Illegitimate``) creates its quarantine record (or
  upgrades the pack's open suspect record to illegitimate: the 24-hour clock starts).
* Any VRS answer about another pack of the same product and lot counts, once per serial, towards
  the "3 packs or 10 %" of every open quarantine record of that product.

The result goes into the pack's outcome (``quarantine`` in ``verify --json``), so the counter and
the command line show it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dispense_app.core import vrs
from dispense_app.core.model import HubReply
from dispense_app.core.quarantine import QuarantineRecord, QuarantineStatus
from dispense_app.workflow.scan import Prepared


def follow_up(
    station: Any,  # dispense_app.store.Station
    prepared: Prepared,
    reply: HubReply | None,
    *,
    operator: str | None,
    alert_id: str | None,
    now: dt.datetime,
) -> list[dict[str, Any]] | None:
    """Quarantine and count; the open records of this product (summaries), or None (not VRS)."""
    ref = prepared.ref
    if reply is None or ref is None or not vrs.is_vrs(reply) or reply.extra.get("vrs_status"):
        return None
    store = station.quarantine
    kind = vrs.suspect_kind(reply)
    if kind is not None:
        store.add(
            QuarantineRecord(
                id="",
                created_at=now,
                status=QuarantineStatus(kind),
                reason=vrs.describe(reply),
                source="vrs",
                gtin=ref.product_code,
                serial=ref.serial,
                lot=ref.lot,
                expiry=ref.expiry,
                product_name=reply.product_name,
                operator=operator,
                station=station.station_id,
                alert_id=alert_id,
                corr_uuid=reply.extra.get("corrUUID"),
                responder_gln=reply.extra.get("responderGLN"),
            ),
            actor=operator,
        )
    records = store.open_for(ref.product_code, ref.lot)
    for rec in records:
        if rec.serial != ref.serial:
            store.record_check(rec.id, ref.serial, vrs.describe(reply), at=now, actor=operator)
    return [_summary(store.get(rec.id), ref.serial) for rec in records] or None


def _summary(rec: QuarantineRecord, serial: str) -> dict[str, Any]:
    return {
        "id": rec.id,
        "status": rec.status.value,
        "serial": rec.serial,
        "this_pack": rec.serial == serial,
        "checks_done": rec.checks_done,
        "checks_required": rec.required,
        "report_due": rec.report_due.isoformat() if rec.report_due else None,
    }
