"""Recall notices with their serial scope, the trace queries and the patient contacts (schema 6).

A notice's batches also go on the local recall list (``recalls``) when the notice covers the whole
batch, so the counter stops further scans of it; a notice naming serials stops exactly those serials
(:meth:`RecallNotices.covering`, asked by the workflow's recall check).

The trace reads only the rows of the batch (indexes ``dispense_batch``, ``scans_batch``,
``pack_states_batch``): its cost grows with the batch, not with the history.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from dispense_app.core.recall import RecallNotice, RecallScope
from dispense_app.store.caches import AuditAppend, Write
from dispense_app.store.records import iso, utcnow


@dataclass(frozen=True, slots=True)
class NoticeRow:
    notice_id: str
    reason: str | None
    issued: str | None
    source: str
    imported_at: str
    imported_by: str | None
    batches: tuple[tuple[str, str, RecallScope], ...]


@dataclass(frozen=True, slots=True)
class Contact:
    notice_id: str
    dispense_id: str
    contacted_at: str
    contacted_by: str | None
    note: str


# the supply record columns the trace needs, and whether its alert says it was handed over anyway
SUPPLY_SQL = (
    "SELECT d.id, d.created_at, d.status, d.product_code, d.serial, d.lot, d.expiry, d.patient_ref,"
    " d.prescription_ref, d.operator, d.station,"
    " EXISTS (SELECT 1 FROM alerts a WHERE a.dispense_id = d.id AND a.supplied_anyway = 1) AS anyway"
    " FROM dispense d WHERE d.product_code = ? AND d.lot = ? AND d.transaction_type = 'supply'"
    " ORDER BY d.created_at"
)
SEEN_SQL = (
    "SELECT serial, expiry FROM scans WHERE product_code = ? AND lot = ?"
    " UNION SELECT serial, expiry FROM pack_states WHERE product_code = ? AND lot = ?"
)


class RecallNotices:
    def __init__(self, conn: sqlite3.Connection, write: Write, audit: AuditAppend) -> None:
        self._conn = conn
        self._write = write
        self._audit = audit

    def add(self, notice: RecallNotice, *, source: str, actor: str | None) -> None:
        """Store the notice (replacing an earlier import of the same id) and put whole-batch scopes
        on the local recall list; one transaction with its audit entry."""
        stamp = iso(utcnow())
        with self._write() as conn:
            conn.execute("DELETE FROM recall_scopes WHERE notice_id = ?", (notice.notice_id,))
            conn.execute(
                "INSERT INTO recall_notices (notice_id, reason, issued, source, imported_at, imported_by)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(notice_id) DO UPDATE SET reason = excluded.reason,"
                " issued = excluded.issued, source = excluded.source, imported_at = excluded.imported_at,"
                " imported_by = excluded.imported_by",
                (notice.notice_id, notice.reason, notice.issued, source, stamp, actor),
            )
            for (gtin, lot), scope in sorted(notice.batches.items()):
                conn.execute(
                    "INSERT INTO recall_scopes (notice_id, gtin, lot, scope) VALUES (?, ?, ?, ?)",
                    (notice.notice_id, gtin, lot, json.dumps(scope.to_json(), sort_keys=True)),
                )
                if scope.whole_batch and not scope.exclude:
                    conn.execute(
                        "INSERT INTO recalls (gtin, lot, kind, reason, source, imported_at)"
                        " VALUES (?, ?, 'recall', ?, ?, ?) ON CONFLICT(gtin, lot) DO UPDATE SET"
                        " kind = excluded.kind, reason = excluded.reason, source = excluded.source,"
                        " imported_at = excluded.imported_at",
                        (gtin, lot, notice.reason, f"notice {notice.notice_id}", stamp),
                    )
            self._audit(
                conn,
                "import",
                actor,
                {
                    "what": "recall-notice",
                    "notice_id": notice.notice_id,
                    "source": source,
                    "batches": [
                        {"gtin": g, "lot": lot, "scope": s.to_json()} for (g, lot), s in sorted(notice.batches.items())
                    ],
                },
            )

    def covering(self, gtin: str, lot: str | None, serial: str | None) -> tuple[str, str | None] | None:
        """(notice id, reason) of a notice that covers this pack, else None."""
        if not lot or serial is None:
            return None
        for nid, scope, reason in self._conn.execute(
            "SELECT s.notice_id, s.scope, n.reason FROM recall_scopes s JOIN recall_notices n USING (notice_id)"
            " WHERE s.gtin = ? AND s.lot = ? ORDER BY n.imported_at DESC",
            (gtin, lot),
        ):
            if RecallScope.from_json(json.loads(scope)).covers(serial):
                return str(nid), reason
        return None

    def notices(self) -> list[NoticeRow]:
        rows = self._conn.execute(
            "SELECT notice_id, reason, issued, source, imported_at, imported_by FROM recall_notices"
            " ORDER BY imported_at DESC, notice_id"
        ).fetchall()
        return [self._row(r) for r in rows]

    def notice(self, notice_id: str) -> NoticeRow | None:
        row = self._conn.execute(
            "SELECT notice_id, reason, issued, source, imported_at, imported_by FROM recall_notices"
            " WHERE notice_id = ?",
            (notice_id,),
        ).fetchone()
        return self._row(row) if row else None

    def _row(self, r: Sequence[Any]) -> NoticeRow:
        batches = tuple(
            (g, lot, RecallScope.from_json(json.loads(s)))
            for g, lot, s in self._conn.execute(
                "SELECT gtin, lot, scope FROM recall_scopes WHERE notice_id = ? ORDER BY gtin, lot", (r[0],)
            )
        )
        return NoticeRow(r[0], r[1], r[2], r[3], r[4], r[5], batches)

    # ------------------------------------------------------------------ the trace's reads

    def supplies(self, product_code: str, lot: str) -> Iterator[dict[str, Any]]:
        """Supply records of one product code + batch, oldest first."""
        cur = self._conn.execute(SUPPLY_SQL, (product_code, lot))
        names = [c[0] for c in cur.description]
        for row in cur:
            yield dict(zip(names, row, strict=True))

    def seen(self, product_code: str, lot: str) -> Iterator[tuple[str, str | None]]:
        """(serial, expiry) of every pack of the batch scanned or answered by the hub here."""
        yield from self._conn.execute(SEEN_SQL, (product_code, lot, product_code, lot))

    def lots(self, product_code: str) -> list[str]:
        """Every batch of a product seen here (for a trace without --lot)."""
        rows = self._conn.execute(
            "SELECT lot FROM dispense WHERE product_code = ? AND lot IS NOT NULL"
            " UNION SELECT lot FROM scans WHERE product_code = ? AND lot IS NOT NULL"
            " UNION SELECT lot FROM pack_states WHERE product_code = ? AND lot IS NOT NULL",
            (product_code, product_code, product_code),
        )
        return sorted(r[0] for r in rows)

    # ------------------------------------------------------------------ contacts

    def mark_contacted(self, notice_id: str, dispense_id: str, *, by: str | None, note: str = "") -> Contact:
        stamp = iso(utcnow())
        with self._write() as conn:
            conn.execute(
                "INSERT INTO recall_contacts (notice_id, dispense_id, contacted_at, contacted_by, note)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(notice_id, dispense_id) DO UPDATE SET"
                " contacted_at = excluded.contacted_at, contacted_by = excluded.contacted_by, note = excluded.note",
                (notice_id, dispense_id, stamp, by, note),
            )
            self._audit(
                conn, "recall-contact", by, {"notice_id": notice_id, "dispense_id": dispense_id, "note": note}
            )
        return Contact(notice_id, dispense_id, stamp, by, note)

    def contacts(self, notice_id: str) -> dict[str, Contact]:
        return {
            r[1]: Contact(*r)
            for r in self._conn.execute(
                "SELECT notice_id, dispense_id, contacted_at, contacted_by, note FROM recall_contacts"
                " WHERE notice_id = ?",
                (notice_id,),
            )
        }
