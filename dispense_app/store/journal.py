"""The counter's local journal while its site store cannot be reached (issue 20, docs/site.md).

When the site's server or the LAN is down, the counter keeps working on ``<home>/site-journal.db``:
a station database like the single counter's (same schema), whose records are all local. Its outbox
is **held**: nothing in it goes to the hub from the journal, because another counter may have
dispensed the same pack meanwhile, and only the site store can tell. When the site store is back,
:func:`merge` moves the journal into it, in order, in ONE site transaction:

* a dispense record whose pack has no open decommission at the site is added as it is, with its
  outbox rows (then sent from the site's outbox like any other);
* one whose pack was decommissioned at another counter meanwhile is added as ``conflict``, its outbox
  rows cancelled (the second decommission never reaches the hub), and an alert is raised for
  follow-up;
* the journal's alerts are added (an id the site has already gets a local id);
* one ``journal-merge`` audit entry per record says what became of it.

Afterwards the journal notes how far it was merged (settings ``journal.merged.dispense`` and
``journal.merged.alert``: the last rowids merged) and stays where it is, for the record and for a
window still working on it: what it records later is merged the next time. A merge cut short by a
crash is run again: records whose id the site already has are skipped, so each is merged exactly
once. A journal record changed after it was merged (an undo at the journal once the site was back)
is not merged again: undo it at the site.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from dispense_app.core.alerts import AlertRecord, AlertSource
from dispense_app.store import alerts as alert_rows
from dispense_app.store.audit import AuditLog
from dispense_app.store.records import DISPENSE_NAMES, OPEN_STATUSES, utcnow


class Site(Protocol):
    """What the merge needs of the site's :class:`~dispense_app.store.station.Station`."""

    audit: AuditLog

    @property
    def location(self) -> str: ...

    def transaction(self) -> AbstractContextManager[Any]: ...

JOURNAL_FILENAME = "site-journal.db"
MERGE_KIND = "journal-merge"
_MARK_DISPENSE = "journal.merged.dispense"
_MARK_ALERT = "journal.merged.alert"
_OUTBOX_COPY = (
    "client_trx_id, transaction_type, dispense_id, product_scheme, product_code, serial, lot, expiry,"
    " entry_mode, payload, created_at, state, attempts, last_attempt_at, last_error, outcome, return_code,"
    " hub_trx_id, done_at"
)


@dataclass
class MergeReport:
    merged: int = 0  # records added to the site as they were
    conflicts: list[str] = field(default_factory=list)  # dispense ids dispensed elsewhere meanwhile
    alerts: int = 0  # the journal's own alerts, added
    skipped: int = 0  # already in the site store (an earlier merge cut short)
    journal: Path | None = None  # the journal merged from

    def to_json(self) -> dict[str, Any]:
        return {
            "merged": self.merged,
            "conflicts": len(self.conflicts),
            "alerts": self.alerts,
            "skipped": self.skipped,
            "journal": str(self.journal) if self.journal else None,
        }


def journal_path(home: Path) -> Path:
    return home / JOURNAL_FILENAME


def waiting(home: Path) -> int:
    """How many dispense records and alerts the journal in ``home`` holds that are not merged yet
    (0: none, or no journal)."""
    path = journal_path(home)
    if not path.exists():
        return 0
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return unmerged(conn)
    except sqlite3.DatabaseError:
        return 0
    finally:
        conn.close()


def unmerged(conn: sqlite3.Connection) -> int:
    """Dispense records and alerts of an open journal not merged yet."""
    d, a = _marks(conn)
    rows = conn.execute("SELECT count(*) FROM dispense WHERE rowid > ?", (d,)).fetchone()[0]
    return int(rows) + int(conn.execute("SELECT count(*) FROM alerts WHERE rowid > ?", (a,)).fetchone()[0])


def _marks(conn: sqlite3.Connection) -> tuple[int, int]:
    found = dict(
        conn.execute("SELECT key, value FROM settings WHERE key IN (?, ?)", (_MARK_DISPENSE, _MARK_ALERT)).fetchall()
    )
    return int(found.get(_MARK_DISPENSE, 0)), int(found.get(_MARK_ALERT, 0))


def _set_marks(conn: sqlite3.Connection, dispense_rowid: int, alert_rowid: int, stamp: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        [(_MARK_DISPENSE, str(dispense_rowid), stamp), (_MARK_ALERT, str(alert_rowid), stamp)],
    )
    conn.commit()


def merge(site: Site, home: Path, *, now: dt.datetime | None = None) -> MergeReport:
    """Move the journal in ``home`` into the site store (see the module docstring)."""
    report = MergeReport()
    path = journal_path(home)
    if not path.exists():
        return report
    moment = now or utcnow()
    src = sqlite3.connect(str(path), timeout=30, isolation_level=None)  # a window may still hold it
    try:
        mark_d, mark_a = _marks(src)
        found = src.execute(
            f"SELECT rowid, {', '.join(DISPENSE_NAMES)} FROM dispense WHERE rowid > ? ORDER BY created_at, rowid",  # noqa: S608
            (mark_d,),
        ).fetchall()
        rows = [dict(zip(DISPENSE_NAMES, r[1:], strict=True)) for r in found]
        ids = [r["id"] for r in rows]
        outbox = [
            o
            for o in src.execute(f"SELECT {_OUTBOX_COPY} FROM outbox ORDER BY seq").fetchall()  # noqa: S608
            if o[2] in ids
        ]
        alert_found = src.execute(
            f"SELECT rowid, {', '.join(alert_rows.COLUMNS)} FROM alerts WHERE rowid > ? ORDER BY rowid",  # noqa: S608
            (mark_a,),
        ).fetchall()
        alerts = [a[1:] for a in alert_found]
        with site.transaction() as conn:
            for row in rows:
                _merge_record(site, conn, row, [o for o in outbox if o[2] == row["id"]], report, moment)
            for a in alerts:
                record = alert_rows.from_row(a)
                if record.dispense_id and record.dispense_id in report.conflicts:
                    continue
                alert_rows.record(conn, site.audit, record)
                report.alerts += 1
        # after the site's commit: a crash here merges nothing twice (known ids are skipped)
        last_d = max((r[0] for r in found), default=mark_d)
        last_a = max((a[0] for a in alert_found), default=mark_a)
        _set_marks(src, last_d, last_a, moment.isoformat())
    finally:
        src.close()
    report.journal = path
    return report


def _merge_record(
    site: Site,
    conn: Any,
    row: dict[str, Any],
    outbox: list[tuple[Any, ...]],
    report: MergeReport,
    moment: dt.datetime,
) -> None:
    if conn.execute("SELECT 1 FROM dispense WHERE id = ?", (row["id"],)).fetchone():
        report.skipped += 1
        return
    row = {**row, "location": site.location}
    open_values = {s.value for s in OPEN_STATUSES}
    other = None
    if row["status"] in open_values:
        other = conn.execute(
            "SELECT id, station, created_at FROM dispense WHERE product_code = ? AND serial = ?"
            " AND status IN ('queued', 'sent', 'confirmed', 'undo-queued')",
            (row["product_code"], row["serial"]),
        ).fetchone()
    if other is not None:
        row["status"] = "conflict"
        row["reason"] = (
            f"dispensed at two counters while the site store was unreachable: {other[1]} at {other[2]} "
            f"(record {other[0]}) and {row['station']} at {row['created_at']}; this one was never sent to the hub"
        )
        row["alert_id"] = _conflict_alert(site, conn, row, moment)
        report.conflicts.append(row["id"])
    names = ", ".join(DISPENSE_NAMES)
    marks = ", ".join("?" for _ in DISPENSE_NAMES)
    conn.execute(f"INSERT INTO dispense ({names}) VALUES ({marks})", [row[n] for n in DISPENSE_NAMES])  # noqa: S608
    for o in outbox:
        values = list(o)
        if other is not None:
            values[11] = "cancelled"  # state: the second decommission never goes to the hub
        conn.execute(
            f"INSERT INTO outbox ({_OUTBOX_COPY}) VALUES ({', '.join('?' for _ in values)})",  # noqa: S608
            values,
        )
    if other is None:
        report.merged += 1
    details = {
        "dispense_id": row["id"],
        "counter": row["station"],
        "outcome": "conflict" if other is not None else "merged",
        "client_trx_id": row["client_trx_id"],
    }
    site.audit._append(conn, MERGE_KIND, row["operator"], details, moment)


def _conflict_alert(site: Site, conn: Any, row: dict[str, Any], moment: dt.datetime) -> str:
    expiry = dt.date.fromisoformat(row["expiry"]) if row["expiry"] else None
    alert = AlertRecord(
        alert_id="L-" + uuid.uuid4().hex[:12].upper(),
        created_at=moment,
        source=AlertSource.LOCAL,
        return_code=None,
        alert_class=None,
        reason=str(row["reason"]),
        request=str(row["transaction_type"]),
        client_trx_id=row["client_trx_id"],
        hub_trx_id=None,
        operator=row["operator"],
        station=row["station"],
        location=site.location,
        raw_hex=row["raw_hex"],
        aim_id=row["aim_id"],
        entry_mode=row["entry_mode"],
        scheme=row["code_scheme"],
        gtin=row["product_code"] if row["product_scheme"] == "GTIN" else None,
        ppn=row["product_code"] if row["product_scheme"] == "PPN" else None,
        pzn=None,
        serial=row["serial"],
        lot=row["lot"],
        expiry=expiry,
        dispense_id=row["id"],
        patient_ref=row["patient_ref"],
    )
    stored = alert_rows.record(conn, site.audit, alert)
    return stored.alert_id

