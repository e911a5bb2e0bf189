"""Alerts in the station database: one column per :class:`AlertRecord` field.

``nhrn``, ``comments`` and ``scan_keys`` are stored as JSON text (``scan_keys`` NULL when there
are none), dates as ISO 8601 (``scanned_at`` NULL when unknown), ``supplied_anyway`` as 0/1.
Reading is streamed (a cursor, not a list), so an export of a million alerts does not load them all.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain
from typing import Any

from dispense_app.core.alerts import ALERT_FIELDS, AlertCause, AlertRecord, AlertSource, AlertStatus
from dispense_app.store.audit import AuditKind, AuditLog
from dispense_app.store.records import bounded, iso

COLUMNS = ALERT_FIELDS
_INSERT = f"INSERT INTO alerts ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"  # noqa: S608
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM alerts"  # noqa: S608


def to_row(alert: AlertRecord) -> tuple[Any, ...]:
    """The alert as a row of the alerts table, in :data:`COLUMNS` order."""
    values: dict[str, Any] = {name: getattr(alert, name) for name in COLUMNS}
    values["created_at"] = iso(alert.created_at)
    values["expiry"] = alert.expiry.isoformat() if alert.expiry else None
    values["source"] = AlertSource(alert.source).value
    values["status"] = AlertStatus(alert.status).value
    values["cause"] = AlertCause(alert.cause).value if alert.cause else None
    values["nhrn"] = json.dumps(alert.nhrn or {}, sort_keys=True, ensure_ascii=False)
    values["comments"] = json.dumps(alert.comments or [], ensure_ascii=False)
    values["supplied_anyway"] = 1 if alert.supplied_anyway else 0
    values["scanned_at"] = iso(alert.scanned_at) if alert.scanned_at is not None else None
    values["scan_keys"] = json.dumps(alert.scan_keys, ensure_ascii=False) if alert.scan_keys is not None else None
    return tuple(values[name] for name in COLUMNS)


def from_row(row: sqlite3.Row | tuple[Any, ...]) -> AlertRecord:
    v = dict(zip(COLUMNS, row, strict=True))
    v["created_at"] = dt.datetime.fromisoformat(v["created_at"])
    v["expiry"] = dt.date.fromisoformat(v["expiry"]) if v["expiry"] else None
    v["source"] = AlertSource(v["source"])
    v["status"] = AlertStatus(v["status"])
    v["cause"] = AlertCause(v["cause"]) if v["cause"] else None
    v["nhrn"] = json.loads(v["nhrn"] or "{}")
    v["comments"] = json.loads(v["comments"] or "[]")
    v["supplied_anyway"] = bool(v["supplied_anyway"])
    v["scanned_at"] = dt.datetime.fromisoformat(v["scanned_at"]) if v["scanned_at"] else None
    v["scan_keys"] = json.loads(v["scan_keys"]) if v["scan_keys"] is not None else None
    return AlertRecord(**v)


def json_from_row(row: tuple[Any, ...]) -> dict[str, Any]:
    """The `AlertRecord.to_json()` shape straight from a row (fast path for large exports)."""
    v = dict(zip(COLUMNS, row, strict=True))
    v["created_at"] = dt.datetime.fromisoformat(v["created_at"]).isoformat()  # same text as to_json()
    v["nhrn"] = json.loads(v["nhrn"] or "{}")
    v["comments"] = json.loads(v["comments"] or "[]")
    v["supplied_anyway"] = bool(v["supplied_anyway"])
    v["scanned_at"] = dt.datetime.fromisoformat(v["scanned_at"]).isoformat() if v["scanned_at"] else None
    v["scan_keys"] = json.loads(v["scan_keys"]) if v["scan_keys"] is not None else None
    return v


@dataclass(frozen=True, slots=True)
class AlertFilter:
    """Which alerts to read. Dates are inclusive bounds on ``created_at`` (UTC).

    ``return_code`` matches ignoring ASCII case (SQLite's ``upper()``, which only folds ASCII
    letters); ``without_return_code`` selects the alerts that have none (NULL or empty: raised by a
    local rule). ``operator`` matches exactly. Every value is a bound parameter.
    """

    since: dt.datetime | dt.date | None = None
    until: dt.datetime | dt.date | None = None
    status: AlertStatus | str | None = None
    source: AlertSource | str | None = None
    dispense_id: str | None = None
    patient_ref: str | None = None
    serial: str | None = None
    return_code: str | None = None
    without_return_code: bool = False
    operator: str | None = None

    def __post_init__(self) -> None:
        if self.without_return_code and self.return_code is not None:
            raise ValueError("AlertFilter: give return_code or without_return_code, not both")

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.since is not None:
            clauses.append("created_at >= ?")
            params.append(_bound(self.since, end=False))
        if self.until is not None:
            if isinstance(self.until, dt.datetime):
                clauses.append("created_at <= ?")
            else:  # a date: the whole day
                clauses.append("created_at < ?")
            params.append(_bound(self.until, end=True))
        for column, value in (
            ("status", self.status),
            ("source", self.source),
            ("dispense_id", self.dispense_id),
            ("patient_ref", self.patient_ref),
            ("serial", self.serial),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(str(value.value if hasattr(value, "value") else value))
        if self.without_return_code:
            clauses.append("(return_code IS NULL OR return_code = '')")
        elif self.return_code is not None:
            clauses.append("upper(return_code) = upper(?)")
            params.append(self.return_code)
        if self.operator is not None:
            clauses.append("operator = ?")
            params.append(self.operator)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _bound(value: dt.datetime | dt.date, *, end: bool) -> str:
    if isinstance(value, dt.datetime):
        return iso(value if value.tzinfo else value.replace(tzinfo=dt.UTC))
    day = value + dt.timedelta(days=1) if end else value
    return iso(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))


def page(conn: sqlite3.Connection, flt: AlertFilter, *, offset: int, limit: int) -> list[tuple[Any, ...]]:
    """One page of the matching alerts, newest first: what the alerts view shows as it scrolls (it
    never reads a whole history of 100,000 alerts at once; issue 22)."""
    where, params = flt.where()
    sql = _SELECT + where + " ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?"
    return conn.execute(sql, [*params, max(0, limit), max(0, offset)]).fetchall()


def count(conn: sqlite3.Connection, flt: AlertFilter) -> int:
    """How many alerts match (an index range count with the indexes of migration 10)."""
    where, params = flt.where()
    return int(conn.execute("SELECT count(*) FROM alerts" + where, params).fetchone()[0])  # noqa: S608


def select(conn: sqlite3.Connection, flt: AlertFilter, *, newest_first: bool = False) -> Iterator[tuple[Any, ...]]:
    where, params = flt.where()
    order = " ORDER BY created_at DESC, rowid DESC" if newest_first else " ORDER BY created_at, rowid"
    cursor = conn.execute(_SELECT + where + order, params)
    cursor.arraysize = 1000
    while True:
        chunk = cursor.fetchmany()
        if not chunk:
            return
        yield from chunk


def _joined_sql() -> str:
    """``rowid`` and the row as one text: its cells joined by the joiner (bound as printf's format,
    ``%s`` between joiners), NULL printed as nothing, ``supplied_anyway`` as true/false. A row with
    a NUL character in any column gives NULL instead (printf's ``%s`` stops at NUL)."""
    cells = ", ".join(
        "CASE WHEN supplied_anyway THEN 'true' ELSE 'false' END" if name == "supplied_anyway" else name
        for name in COLUMNS
    )
    has_nul = " OR ".join(f"instr({name}, char(0)) > 0" for name in COLUMNS if name != "supplied_anyway")
    return f"SELECT rowid, CASE WHEN {has_nul} THEN NULL ELSE printf(?, {cells}) END FROM alerts"  # noqa: S608


_SELECT_JOINED = _joined_sql()


def _joined_sql_pg() -> str:
    """The same on a site store (PostgreSQL): the cells joined by the joiner (bound), NULL as
    nothing; PostgreSQL text never holds NUL, so no row needs reading apart."""
    cells = ", ".join(
        "CASE WHEN supplied_anyway <> 0 THEN 'true' ELSE 'false' END" if name == "supplied_anyway" else f"{name}::text"
        for name in COLUMNS
    )
    return f"SELECT rowid, array_to_string(ARRAY[{cells}], ?, '') FROM alerts"  # noqa: S608


_SELECT_JOINED_PG = _joined_sql_pg()


def select_joined(conn: sqlite3.Connection, flt: AlertFilter, joiner: str) -> Iterator[tuple[int, str | None]]:
    """``(rowid, text)`` per alert ``flt`` selects, oldest first, streamed; ``text`` is the row's
    cells in :data:`COLUMNS` order joined by ``joiner`` (see :func:`_joined_sql`), or None for a
    row holding a NUL character: read that one with :func:`select_rowid`."""
    if not joiner or "\x00" in joiner:
        raise ValueError("the joiner must be a non-empty text without NUL")
    where, params = flt.where()
    if getattr(conn, "dialect", "sqlite") != "sqlite":
        cursor = conn.execute(_SELECT_JOINED_PG + where + " ORDER BY created_at, rowid", [joiner, *params])
    else:
        fmt = joiner.replace("%", "%%").join(["%s"] * len(COLUMNS))
        cursor = conn.execute(_SELECT_JOINED + where + " ORDER BY created_at, rowid", [fmt, *params])
    # 1,000 rows per fetch, chained in C: no Python frame per row on the export's hot path
    rows: Iterator[tuple[int, str | None]] = chain.from_iterable(iter(partial(cursor.fetchmany, 1000), []))
    return rows


def select_rowid(conn: sqlite3.Connection, rowid: int) -> tuple[Any, ...] | None:
    """One stored row, by ``rowid``, in :data:`COLUMNS` order (None if there is no such row)."""
    row: tuple[Any, ...] | None = conn.execute(_SELECT + " WHERE rowid = ?", (rowid,)).fetchone()
    return row


def delete_closed(conn: sqlite3.Connection, alert_ids: Sequence[str], before: dt.datetime) -> int:
    """Delete those of ``alert_ids`` that are closed and were created before ``before``; the count
    deleted. Ids go 500 to a statement (SQLite's variable limit may be as low as 999)."""
    deleted = 0
    cutoff = iso(before)
    for start in range(0, len(alert_ids), 500):
        chunk = list(alert_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        cursor = conn.execute(
            f"DELETE FROM alerts WHERE alert_id IN ({marks}) AND status = ? AND created_at < ?",  # noqa: S608
            [*chunk, AlertStatus.CLOSED.value, cutoff],
        )
        deleted += int(cursor.rowcount)
    return deleted


def insert(conn: sqlite3.Connection, alert: AlertRecord) -> None:
    conn.execute(_INSERT, to_row(alert))


def insert_many(conn: sqlite3.Connection, alerts: list[AlertRecord]) -> None:
    conn.executemany(_INSERT, [to_row(a) for a in alerts])


def get(conn: sqlite3.Connection, alert_id: str) -> AlertRecord | None:
    row = conn.execute(_SELECT + " WHERE alert_id = ?", (alert_id,)).fetchone()
    return from_row(row) if row else None


def _bounded(alert: AlertRecord) -> AlertRecord:
    """The hub's words in ``alert`` cut to a sane length (a hostile hub may send a megabyte)."""
    reason = bounded(alert.reason) or ""
    small = {k: bounded(getattr(alert, k), 200) for k in ("alert_class", "hub_trx_id", "state", "alert_id")}
    if reason == alert.reason and all(v == getattr(alert, k) for k, v in small.items()):
        return alert
    return replace(alert, reason=reason, **small)  # type: ignore[arg-type]


def record(conn: sqlite3.Connection, audit: AuditLog, alert: AlertRecord) -> AlertRecord:
    """Persist ``alert`` in the caller's write transaction, link it to its dispense record (if that
    has no alert yet) and append it to the audit trail. An alert id the station already has (a hub
    alert id reported twice) gets a local id (``L-...``) instead, so nothing is overwritten; the
    stored record is returned."""
    if alert.created_at.tzinfo is None:
        raise ValueError("AlertRecord.created_at must be timezone-aware")
    alert = _bounded(alert)
    if conn.execute("SELECT 1 FROM alerts WHERE alert_id = ?", (alert.alert_id,)).fetchone():
        alert = replace(alert, alert_id="L-" + uuid.uuid4().hex)
    insert(conn, alert)
    if alert.dispense_id:
        conn.execute(
            "UPDATE dispense SET alert_id = coalesce(alert_id, ?) WHERE id = ?", (alert.alert_id, alert.dispense_id)
        )
    audit._append(
        conn,
        AuditKind.ALERT,
        alert.operator,
        {
            "alert_id": alert.alert_id,
            "source": AlertSource(alert.source).value,
            "return_code": alert.return_code,
            "request": alert.request,
            "reason": alert.reason,
            "product_code": alert.gtin or alert.ppn,
            "serial": alert.serial,
            "dispense_id": alert.dispense_id,
            "patient_ref": alert.patient_ref,
            "raw_hex": alert.raw_hex,
            # issue 16: what follow-up starts from, so `audit verify` can replay it (audit_check.py)
            "status": AlertStatus(alert.status).value,
            "cause": AlertCause(alert.cause).value if alert.cause else None,
            "comments": len(alert.comments),
        },
        alert.created_at,
    )
    return alert
