"""Quarantine records of suspect and illegitimate product (US DSCSA; rules in core/quarantine.py).

Every change writes an audit entry in the same transaction (kinds ``quarantine`` for a new record,
``quarantine-status``, ``quarantine-update``, ``quarantine-check``, ``quarantine-purge``), as alerts
do. Records are kept :data:`~dispense_app.core.quarantine.RETENTION_YEARS` years after they were
closed; an open record is never purged, and an alert a quarantine record names is not purged while
the record exists (:meth:`QuarantineStore.held_alert_ids`).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any

from dispense_app.core.quarantine import ALLOWED_MOVES, QuarantineRecord, QuarantineStatus
from dispense_app.store.errors import InvalidTransitionError, UnknownRecordError
from dispense_app.store.records import iso, utcnow

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]
AuditIn = Callable[[sqlite3.Connection, str, str | None, dict[str, Any]], None]

COLUMNS = (
    "id", "created_at", "status", "reason", "source", "gtin", "serial", "lot", "expiry", "product_name",
    "operator", "station", "alert_id", "corr_uuid", "responder_gln", "on_hand", "trading_partner",
    "determined_at", "submitted_at", "submitted_by", "closed_at", "closed_by", "notes",
)  # fmt: skip
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM quarantine"  # noqa: S608
OPEN = (QuarantineStatus.SUSPECT.value, QuarantineStatus.ILLEGITIMATE.value)


def _dt(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


class QuarantineStore:
    """The station's quarantine records. ``write`` opens (or joins) a write transaction."""

    def __init__(self, conn: sqlite3.Connection, write: Write, audit_in: AuditIn) -> None:
        self._conn = conn
        self._write = write
        self._audit = audit_in

    # ------------------------------------------------------------------ reading
    def _from_row(self, row: Sequence[Any]) -> QuarantineRecord:
        v = dict(zip(COLUMNS, row, strict=True))
        checked = tuple(
            r[0]
            for r in self._conn.execute(
                "SELECT serial FROM quarantine_checks WHERE quarantine_id = ? ORDER BY checked_at, serial", (v["id"],)
            )
        )
        return QuarantineRecord(
            id=v["id"],
            created_at=dt.datetime.fromisoformat(v["created_at"]),
            status=QuarantineStatus(v["status"]),
            reason=v["reason"],
            source=v["source"],
            gtin=v["gtin"],
            serial=v["serial"],
            lot=v["lot"],
            expiry=dt.date.fromisoformat(v["expiry"]) if v["expiry"] else None,
            product_name=v["product_name"],
            operator=v["operator"],
            station=v["station"],
            alert_id=v["alert_id"],
            corr_uuid=v["corr_uuid"],
            responder_gln=v["responder_gln"],
            on_hand=v["on_hand"],
            trading_partner=v["trading_partner"],
            determined_at=_dt(v["determined_at"]),
            submitted_at=_dt(v["submitted_at"]),
            submitted_by=v["submitted_by"],
            closed_at=_dt(v["closed_at"]),
            closed_by=v["closed_by"],
            notes=tuple(json.loads(v["notes"] or "[]")),
            checked=checked,
        )

    def get(self, qid: str) -> QuarantineRecord:
        row = self._conn.execute(_SELECT + " WHERE id = ?", (qid,)).fetchone()
        if row is None:
            raise UnknownRecordError(f"no quarantine record {qid}")
        return self._from_row(row)

    def records(
        self, *, status: QuarantineStatus | str | None = None, open_only: bool = False
    ) -> list[QuarantineRecord]:
        """Newest first."""
        sql, params = _SELECT, []
        if status is not None:
            sql += " WHERE status = ?"
            params.append(QuarantineStatus(status).value)
        elif open_only:
            sql += " WHERE status IN (?, ?)"
            params += list(OPEN)
        rows = self._conn.execute(sql + " ORDER BY created_at DESC, id", params).fetchall()
        return [self._from_row(r) for r in rows]

    def open_for(self, gtin: str, lot: str | None) -> list[QuarantineRecord]:
        """Open records of this product and lot (any lot when the record has none)."""
        rows = self._conn.execute(
            _SELECT + " WHERE gtin = ? AND status IN (?, ?) AND (lot IS NULL OR lot = ? OR ? IS NULL)"
            " ORDER BY created_at",
            (gtin, *OPEN, lot, lot),
        ).fetchall()
        return [self._from_row(r) for r in rows]

    def held_alert_ids(self) -> set[str]:
        """Alerts named by a quarantine record: kept while the record is (retention)."""
        return {r[0] for r in self._conn.execute("SELECT alert_id FROM quarantine WHERE alert_id IS NOT NULL")}

    # ------------------------------------------------------------------ writing
    def add(self, rec: QuarantineRecord, *, actor: str | None) -> QuarantineRecord:
        """Store a new record, unless this pack already has an open one: then an ``illegitimate``
        answer upgrades a ``suspect`` record (the clock starts), and the existing record is returned."""
        with self._write() as conn:
            row = conn.execute(
                _SELECT + " WHERE gtin = ? AND serial = ? AND status IN (?, ?)", (rec.gtin, rec.serial, *OPEN)
            ).fetchone()
            if row is not None:
                found = self._from_row(row)
                if rec.status is QuarantineStatus.ILLEGITIMATE and found.status is QuarantineStatus.SUSPECT:
                    return self._move(conn, found, QuarantineStatus.ILLEGITIMATE, actor, rec.created_at, rec.reason)
                return found
            if not rec.id:
                rec = replace(rec, id="Q-" + uuid.uuid4().hex[:12].upper())
            if rec.status is QuarantineStatus.ILLEGITIMATE and rec.determined_at is None:
                rec = replace(rec, determined_at=rec.created_at)
            values = rec.to_json()
            values["notes"] = json.dumps(list(rec.notes), ensure_ascii=False)
            values["created_at"] = iso(rec.created_at)
            values["determined_at"] = iso(rec.determined_at) if rec.determined_at else None
            conn.execute(
                f"INSERT INTO quarantine ({', '.join(COLUMNS)}, updated_at) "  # noqa: S608
                f"VALUES ({', '.join('?' for _ in COLUMNS)}, ?)",
                [*(values[c] for c in COLUMNS), iso(rec.created_at)],
            )
            self._audit(
                conn,
                "quarantine",
                actor,
                {k: values[k] for k in ("id", "status", "reason", "source", "gtin", "serial", "lot", "alert_id")},
            )
            return self.get(rec.id)

    def record_check(self, qid: str, serial: str, outcome: str, *, at: dt.datetime, actor: str | None) -> bool:
        """A pack of the same product verified during the investigation; False if already counted."""
        with self._write() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO quarantine_checks (quarantine_id, serial, checked_at, outcome) VALUES (?,?,?,?)",
                (qid, serial, iso(at), outcome),
            )
            if cur.rowcount:
                self._audit(conn, "quarantine-check", actor, {"id": qid, "serial": serial, "outcome": outcome})
            return bool(cur.rowcount)

    def update(
        self,
        qid: str,
        *,
        actor: str | None,
        on_hand: int | None = None,
        trading_partner: str | None = None,
        note: str | None = None,
    ) -> QuarantineRecord:
        """Set the count on hand or the trading partner, or add a note (audited)."""
        if on_hand is not None and not 0 <= on_hand <= 1_000_000:
            raise ValueError("the count on hand must be 0 to 1,000,000")
        with self._write() as conn:
            rec = self.get(qid)
            notes = list(rec.notes) + ([note] if note else [])
            conn.execute(
                "UPDATE quarantine SET on_hand = coalesce(?, on_hand), trading_partner = coalesce(?, trading_partner),"
                " notes = ?, updated_at = ? WHERE id = ?",
                (on_hand, trading_partner, json.dumps(notes, ensure_ascii=False), iso(utcnow()), qid),
            )
            changed = {"on_hand": on_hand, "trading_partner": trading_partner, "note": note}
            self._audit(conn, "quarantine-update", actor, {"id": qid, **{k: v for k, v in changed.items() if v}})
            return self.get(qid)

    def move(
        self,
        qid: str,
        to: QuarantineStatus | str,
        *,
        actor: str | None,
        at: dt.datetime | None = None,
        note: str | None = None,
    ) -> QuarantineRecord:
        """suspect -> illegitimate | released; illegitimate -> submitted (InvalidTransitionError else)."""
        with self._write() as conn:
            return self._move(conn, self.get(qid), QuarantineStatus(to), actor, at or utcnow(), note)

    def _move(
        self,
        conn: sqlite3.Connection,
        rec: QuarantineRecord,
        to: QuarantineStatus,
        actor: str | None,
        at: dt.datetime,
        note: str | None,
    ) -> QuarantineRecord:
        if to not in ALLOWED_MOVES[rec.status]:
            raise InvalidTransitionError(
                f"quarantine record {rec.id} is {rec.status.value}: it cannot become {to.value}"
            )
        sets = {"status": to.value, "updated_at": iso(at)}
        if to is QuarantineStatus.ILLEGITIMATE:
            sets["determined_at"] = iso(at)
        if to is QuarantineStatus.SUBMITTED:
            sets.update(submitted_at=iso(at), submitted_by=actor or "")
        if not to.open:
            sets.update(closed_at=iso(at), closed_by=actor or "")
        if note:
            sets["notes"] = json.dumps([*rec.notes, note], ensure_ascii=False)
        assignments = ", ".join(f"{k} = ?" for k in sets)
        conn.execute(f"UPDATE quarantine SET {assignments} WHERE id = ?", [*sets.values(), rec.id])  # noqa: S608
        self._audit(
            conn, "quarantine-status", actor, {"id": rec.id, "from": rec.status.value, "to": to.value, "note": note}
        )
        return self.get(rec.id)

    def purge(self, *, before: dt.datetime, actor: str | None, apply: bool) -> list[str]:
        """Closed records closed before ``before`` (the caller passes now - 6 years); deleted with
        ``apply`` (one audit entry), else only listed. Open records are never purged."""
        ids = [
            r[0]
            for r in self._conn.execute(
                "SELECT id FROM quarantine WHERE status NOT IN (?, ?) AND closed_at < ? ORDER BY closed_at",
                (*OPEN, iso(before)),
            )
        ]
        if apply and ids:
            with self._write() as conn:
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    marks = ", ".join("?" for _ in chunk)
                    conn.execute(f"DELETE FROM quarantine_checks WHERE quarantine_id IN ({marks})", chunk)  # noqa: S608
                    conn.execute(f"DELETE FROM quarantine WHERE id IN ({marks})", chunk)  # noqa: S608
                self._audit(conn, "quarantine-purge", actor, {"ids": ids, "before": iso(before)})
        return ids

    def __iter__(self) -> Iterator[QuarantineRecord]:
        return iter(self.records())
