"""The scan log (schema 6): one row per pack the workflow answered, for statistics and signals.

Written on the verify path with the cache durability (``synchronous=NORMAL``): a power cut may lose
the last few rows of statistics, never a dispense record. The queries here return plain aggregates;
:mod:`dispense_app.core.stats` turns them into figures and :mod:`dispense_app.core.signals` into
findings. The statistics read a daily roll-up that a trigger keeps up to date on every insert
(``scan_rollup``: per day and counter, operator, scanner set-up or product, with the hub time in
buckets), so they cost days x groups, not scans; the alerts are read through a covering index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from dispense_app.store.caches import Write

_ROLLUP = {
    # --by -> (rollup dimension, the column that names the group)
    None: ("all", "''"),
    "day": ("all", "day"),
    "week": ("all", "day"),  # days, folded into ISO weeks by the caller
    "counter": ("counter", "key"),
    "operator": ("operator", "key"),
    "scanner": ("scanner", "key"),
    "product": ("product", "key"),
    "cause": ("all", "NULL"),  # scans have no cause: only the totals
}
_ALERT_KEY = {
    None: "''",
    "day": "substr(created_at, 1, 10)",
    "week": "substr(created_at, 1, 10)",
    "counter": "coalesce(station, '')",
    "operator": "coalesce(operator, '')",
    "scanner": "coalesce(scanner_profile, '')",
    "product": "coalesce(gtin, ppn, '')",
    "cause": "coalesce(cause, '')",
}


@dataclass(frozen=True, slots=True)
class ScanRow:
    at: str
    request: str
    verdict: str
    return_code: str | None
    state: str | None
    offline: bool
    hub_ms: float | None
    alert_id: str | None
    dispense_id: str | None
    operator: str | None
    station: str | None
    scanner_profile: str | None
    entry_mode: str | None
    product_code: str | None
    serial: str | None
    lot: str | None
    expiry: str | None
    hub_lot: str | None = None
    hub_expiry: str | None = None
    market: str | None = None


SCAN_COLUMNS = ScanRow.__slots__
_INSERT = f"INSERT INTO scans ({', '.join(SCAN_COLUMNS)}) VALUES ({', '.join('?' * len(SCAN_COLUMNS))})"  # noqa: S608


def _values(row: ScanRow) -> tuple[object, ...]:
    """The row's values in column order (plain values: ``dataclasses.astuple`` deep-copied each one,
    ~1 ms of every scan; issue 22)."""
    return tuple(getattr(row, name) for name in SCAN_COLUMNS)


def _window(column: str, since: str | None, until: str | None) -> tuple[str, list[str]]:
    """A WHERE clause for ``since <= column < until`` (ISO texts compare in time order)."""
    parts, args = [], []
    if since:
        parts.append(f"{column} >= ?")
        args.append(since)
    if until:
        parts.append(f"{column} < ?")
        args.append(until)
    return (" WHERE " + " AND ".join(parts)) if parts else "", args


class ScanLog:
    def __init__(self, conn: sqlite3.Connection, write: Write) -> None:
        self._conn = conn
        self._write = write

    def add(self, row: ScanRow) -> None:
        with self._write() as conn:
            conn.execute(_INSERT, _values(row))

    def add_many(self, rows: Sequence[ScanRow]) -> None:
        with self._write() as conn:
            conn.executemany(_INSERT, (_values(r) for r in rows))

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM scans").fetchone()[0])

    def scan_groups(self, by: str | None, since: str | None, until: str | None) -> Iterator[tuple[Any, ...]]:
        """(key, hub ms bucket or None, scans, answered, clean, offline) per key and bucket, from the
        daily roll-up the ``scans_rollup`` trigger keeps (schema 6): its size grows with days x groups,
        not with scans. ``since``/``until`` are day bounds (``YYYY-MM-DD``; until exclusive)."""
        dim, key = _ROLLUP[by]
        where, args = _window("day", since[:10] if since else None, until[:10] if until else None)
        where = (where + " AND" if where else " WHERE") + " dim = ?"
        sql = (
            f"SELECT {key} AS k, CASE WHEN bucket < 0 THEN NULL ELSE bucket END AS b,"  # noqa: S608 (fixed texts)
            f" sum(scans), sum(answered), sum(clean), sum(offline) FROM scan_rollup{where} GROUP BY k, b"
        )
        yield from self._conn.execute(sql, [*args, dim])

    def alert_groups(self, by: str | None, since: str | None, until: str | None) -> Iterator[tuple[Any, ...]]:
        """(key, status, cause, count) of the alerts raised in the window."""
        where, args = _window("created_at", since, until)
        sql = f"SELECT {_ALERT_KEY[by]} AS k, status, cause, count(*) FROM alerts{where} GROUP BY k, status, cause"  # noqa: S608
        yield from self._conn.execute(sql, args)

    def outbox_backlog(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending')").fetchone()[0])

    def all_rows(self) -> Iterator[tuple[Any, ...]]:
        """Every scan row (the benchmarks' and tests' brute-force baseline)."""
        yield from self._conn.execute(f"SELECT {', '.join(SCAN_COLUMNS)} FROM scans")  # noqa: S608

    # ------------------------------------------------------------------ signals' reads

    def seen_after_supply(self) -> Iterator[tuple[Any, ...]]:
        """Scans of a pack after this site supplied it (the supply still standing at that moment),
        other than the dispense's own scan: (scan at, code, serial, lot, station, alert id,
        dispense id, supplied at, supplied by counter, patient)."""
        yield from self._conn.execute(
            "SELECT s.at, s.product_code, s.serial, s.lot, s.station, s.alert_id, d.id, d.created_at, d.station,"
            " d.patient_ref FROM dispense d JOIN scans s ON s.product_code = d.product_code AND s.serial = d.serial"
            " WHERE d.transaction_type = 'supply' AND d.status IN ('queued', 'sent', 'confirmed', 'undo-queued')"
            " AND s.at > d.created_at AND (s.dispense_id IS NULL OR s.dispense_id <> d.id)"
            " ORDER BY s.at"
        )

    def unknown_serials(self, codes: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """(code, lot, serial, at, alert id) of scans the hub answered with one of ``codes``."""
        marks = ", ".join("?" * len(codes))
        yield from self._conn.execute(
            f"SELECT product_code, coalesce(lot, ''), serial, at, alert_id FROM scans WHERE return_code IN ({marks})"  # noqa: S608
            " ORDER BY product_code, lot, at",
            list(codes),
        )

    def other_market(self, codes: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """(code, serial, lot, at, alert id, return code, market) of scans answered as another market's
        pack or with an unknown product code."""
        marks = ", ".join("?" * len(codes))
        yield from self._conn.execute(
            "SELECT product_code, serial, lot, at, alert_id, return_code, market FROM scans"  # noqa: S608
            f" WHERE return_code IN ({marks}) OR market IS NOT NULL ORDER BY at",
            list(codes),
        )

    def batch_serials(self) -> Iterator[tuple[Any, ...]]:
        """(code, lot, serial, first seen, alert id) of every distinct pack scanned, by batch."""
        yield from self._conn.execute(
            "SELECT product_code, lot, serial, min(at), max(alert_id) FROM scans"
            " WHERE lot IS NOT NULL AND serial IS NOT NULL GROUP BY product_code, lot, serial"
            " ORDER BY product_code, lot"
        )

    def batch_answers(self) -> Iterator[tuple[Any, ...]]:
        """(code, lot, expiry, hub lot, hub expiry, return code, at, serial, alert id), by batch and time."""
        yield from self._conn.execute(
            "SELECT product_code, lot, expiry, hub_lot, hub_expiry, return_code, at, serial, alert_id FROM scans"
            " WHERE lot IS NOT NULL AND offline = 0 AND return_code IS NOT NULL ORDER BY product_code, lot, at"
        )
