"""The station database: one SQLite file per station, opened with :meth:`Station.open`.

Everything the rest of the app keeps on disk goes through this class: dispense records and their
outbox rows, replay to the hub, alerts, caches, settings and the audit trail. See docs/store.md.

Durability: WAL journal, ``synchronous=FULL``; every write is one ``BEGIN IMMEDIATE`` transaction,
so a dispense record, its outbox row and its audit entry are on disk together (or not at all)
before :meth:`Station.record_supply` returns, and before any network I/O.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from dispense_app import __version__
from dispense_app.core.alerts import ALLOWED_TRANSITIONS, AlertCause, AlertRecord, AlertSource, AlertStatus
from dispense_app.core.model import (
    EntryMode,
    HubClient,
    HubReply,
    HubRequestError,
    HubUnavailable,
    PackRef,
    PackState,
    ProductScheme,
    ReturnCode,
    Transaction,
    TransactionNotSupported,
)
from dispense_app.store import alerts as alert_rows
from dispense_app.store.audit import AuditKind, AuditLog
from dispense_app.store.caches import PackStateCache, ProductCache, RecallList, pzn_from_ntin, pzn_from_ppn
from dispense_app.store.errors import (
    DoubleDecommissionError,
    InvalidInputError,
    InvalidTransitionError,
    NotAStationDatabaseError,
    NotDispensedHereError,
    StoreError,
    UndoWindowClosedError,
    UnknownRecordError,
)
from dispense_app.store.records import (
    DECOMMISSIONS,
    OPEN_STATUSES,
    UNDO_OF,
    UNDO_WINDOW,
    DispenseRecord,
    DispenseStatus,
    OutboxEntry,
    OutboxState,
    Outcome,
    ReplayReport,
    SendResult,
    iso,
    utcnow,
)
from dispense_app.store.schema import SCHEMA_VERSION, check_not_newer, migrate, migrations
from dispense_app.store.settings import Settings

DB_FILENAME = "station.db"
DEFAULT_CHUNK = 500
_OPEN_SQL = "(" + ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES)) + ")"
_PENDING_SQL = f"('{OutboxState.QUEUED.value}', '{OutboxState.SENDING.value}')"
_DISPENSE_COLUMNS = (
    "id, created_at, updated_at, status, transaction_type, client_trx_id, hub_trx_id, patient_ref, prescription_ref,"
    " product_scheme, product_code, serial, lot, expiry, code_scheme, nhrn, raw_hex, aim_id, entry_mode, operator,"
    " station, location, undo_deadline, confirmed_at, return_code, hub_state, reason, alert_id, undo_client_trx_id,"
    " undo_requested_at, undo_by, undo_reason, undone_at"
)
_DISPENSE_NAMES = tuple(c.strip() for c in _DISPENSE_COLUMNS.split(","))
_OUTBOX_COLUMNS = (
    "seq, client_trx_id, transaction_type, dispense_id, product_scheme, product_code, serial, lot, expiry,"
    " entry_mode, created_at, state, attempts, last_error, outcome, return_code"
)
_OUTBOX_NAMES = tuple(c.strip() for c in _OUTBOX_COLUMNS.split(","))
MAX_CODE = 50
MAX_SERIAL = 20
MAX_LOT = 20
MAX_TEXT = 500


@dataclass(frozen=True, slots=True)
class SupplyItem:
    """One pack to decommission, for :meth:`Station.record_supplies` (see :meth:`Station.record_supply`)."""

    pack: PackRef
    raw: bytes | str
    operator: str | None
    patient_ref: str | None = None
    prescription_ref: str | None = None
    entry_mode: EntryMode = EntryMode.SCAN
    aim_id: str | None = None
    code_scheme: str | None = None
    nhrn: dict[str, str] = field(default_factory=dict)
    transaction: Transaction = Transaction.SUPPLY


@dataclass(frozen=True, slots=True)
class OpenInfo:
    """What :meth:`Station.open` did to the file."""

    path: Path
    created: bool
    from_version: int
    to_version: int
    migrations: list[str]
    backup: Path | None


def raw_to_hex(raw: bytes | str) -> str:
    """Raw scan bytes as upper-case hex without separators (GS shows as ``1D``).

    ``str`` input is the scanned text; it is encoded as UTF-8 first.
    """
    data = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
    return data.hex().upper()


class Station:
    """One station's database. Open with :meth:`open`; close with :meth:`close` (or ``with``).

    A ``Station`` may be shared between threads (writes are serialised by a lock); several
    processes may open the same file at once (WAL; writers wait for each other).
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, db: Database, info: OpenInfo):
        self.path = path
        self.db = db
        self.open_info = info
        self._conn = conn
        self._lock = threading.RLock()
        self.audit = AuditLog(conn, self._write)
        self.settings = Settings(conn, self._write, self._audit_in)
        self.products = ProductCache(conn, self._write, self._audit_in, self._write_cache)
        self.pack_states = PackStateCache(conn, self._write_cache)
        self.recalls = RecallList(conn, self._write, self._audit_in)

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, home: str | Path | None = None, *, filename: str = DB_FILENAME, create: bool = True) -> Station:
        """Open (creating or migrating) the station database in ``home``.

        Refuses a file written by a newer schema (:class:`SchemaTooNewError`) or one that is not a
        station database (:class:`NotAStationDatabaseError`); both mean CLI exit status 2. Before an
        existing database is migrated, a copy is written beside it, named after the version it is
        migrated from: ``station.v2.backup-20260101T120000Z.db``. ``create=False``: refuse a home
        folder without a database instead of creating one.
        """
        from dispense_app.paths import resolve_home

        folder = resolve_home(home)
        path = folder / filename
        created = not path.exists() or path.stat().st_size == 0
        if created and not create:
            raise NotAStationDatabaseError(f"there is no station database in {folder} (no {filename})")
        conn = sqlite3.connect(str(path), timeout=30.0, check_same_thread=False)
        try:
            try:
                db = Database(conn, execute_plugins=False)
                version = check_not_newer(db, str(path))
                conn.execute("PRAGMA busy_timeout = 30000")
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("PRAGMA foreign_keys = ON")
                backup: Path | None = None
                applied: list[str] = []
                if migrations.pending(db):
                    if not created and version >= 1:
                        backup = _backup(conn, path, version)
                    applied = _migrate_locked(conn, db, str(path))
            except sqlite3.DatabaseError as exc:
                raise NotAStationDatabaseError(f"{path} cannot be used as a station database: {exc}") from exc
            info = OpenInfo(path, created, version, SCHEMA_VERSION, applied, backup)
            station = cls(path, conn, db, info)
            if applied and not created:
                station.audit.append(
                    AuditKind.MIGRATION,
                    None,
                    {
                        "from": version,
                        "to": SCHEMA_VERSION,
                        "migrations": applied,
                        "backup": backup.name if backup else None,
                    },
                )
            if "station.id" not in station.settings:
                station.settings.set("station.id", "ST-" + uuid.uuid4().hex[:8].upper())
            return station
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Station:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def station_id(self) -> str:
        return str(self.settings.get("station.id"))

    @property
    def location(self) -> str:
        """The premises id sent to the hub (setting ``station.location``; else the station id)."""
        value = self.settings.get("station.location")
        return str(value) if value else self.station_id

    # ------------------------------------------------------------------ transactions

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``); nested calls join the outer one."""
        with self._lock:
            if self._conn.in_transaction:
                yield self._conn
                return
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.rollback()
                raise
            else:
                self._conn.commit()

    @contextmanager
    def _write_cache(self) -> Iterator[sqlite3.Connection]:
        """A write transaction for cache data (pack states, products from the hub) on the verify
        path: committed with ``synchronous=NORMAL``, i.e. without waiting for the disk. In WAL mode
        this is still atomic and consistent; a power cut may lose the last few cache entries (they
        are asked again), never a dispense record, which is always committed with FULL."""
        with self._lock:
            if self._conn.in_transaction:
                yield self._conn
                return
            self._conn.execute("PRAGMA synchronous = NORMAL")
            try:
                with self._write() as conn:
                    yield conn
            finally:
                self._conn.execute("PRAGMA synchronous = FULL")

    def transaction(self) -> Any:
        """Context manager: several store calls in one transaction (all or nothing)."""
        return self._write()

    def _audit_in(self, conn: sqlite3.Connection, kind: str, actor: str | None, details: dict[str, Any]) -> None:
        self.audit._append(conn, kind, actor, details, utcnow())

    # ------------------------------------------------------------------ dispensing

    def record_supply(
        self,
        pack: PackRef,
        raw: bytes | str,
        operator: str | None,
        patient_ref: str | None = None,
        prescription_ref: str | None = None,
        *,
        entry_mode: EntryMode = EntryMode.SCAN,
        aim_id: str | None = None,
        code_scheme: str | None = None,
        nhrn: dict[str, str] | None = None,
        transaction: Transaction = Transaction.SUPPLY,
        now: dt.datetime | None = None,
    ) -> DispenseRecord:
        """Record a decommission (supply by default) and queue it in the outbox, in ONE transaction.

        Call this before any network I/O; then send with :meth:`send` (online) or leave it for
        :meth:`replay`. ``raw`` is the scanned data exactly as received (bytes, or the scanned text).
        Raises :class:`DoubleDecommissionError` when the pack already has an open decommission at
        this station (queued, sent, confirmed or with an undo pending): nothing is written.
        """
        item = SupplyItem(
            pack,
            raw,
            operator,
            patient_ref,
            prescription_ref,
            entry_mode,
            aim_id,
            code_scheme,
            dict(nhrn or {}),
            transaction,
        )
        return self.record_supplies([item], now=now)[0]

    def record_supplies(self, items: Sequence[SupplyItem], *, now: dt.datetime | None = None) -> list[DispenseRecord]:
        """Several decommissions in one transaction: all are recorded, or (on any error) none."""
        moment = now or utcnow()
        for item in items:
            _validate(item)
        keys = [i.pack.key for i in items]
        if len(set(keys)) != len(keys):
            dup = next(k for k in keys if keys.count(k) > 1)
            raise DoubleDecommissionError(dup[0], dup[1], "(same request)", "listed twice")
        with self._write() as conn:
            return [self._insert_decommission(conn, item, moment) for item in items]

    def _insert_decommission(self, conn: sqlite3.Connection, item: SupplyItem, moment: dt.datetime) -> DispenseRecord:
        pack = item.pack
        existing = conn.execute(
            f"SELECT id, status FROM dispense WHERE product_code = ? AND serial = ? AND status IN {_OPEN_SQL}",  # noqa: S608
            pack.key,
        ).fetchone()
        if existing:
            raise DoubleDecommissionError(pack.product_code, pack.serial, existing[0], existing[1])
        station = self.station_id
        record = DispenseRecord(
            id="D-" + uuid.uuid4().hex,
            created_at=moment,
            updated_at=moment,
            status=DispenseStatus.QUEUED,
            transaction=item.transaction,
            client_trx_id=str(uuid.uuid4()),
            pack=pack,
            raw_hex=raw_to_hex(item.raw),
            entry_mode=EntryMode(item.entry_mode),
            undo_deadline=moment + UNDO_WINDOW,
            patient_ref=item.patient_ref,
            prescription_ref=item.prescription_ref,
            code_scheme=item.code_scheme,
            nhrn=dict(item.nhrn),
            aim_id=item.aim_id,
            operator=item.operator,
            station=station,
            location=self.location,
        )
        stamp = iso(moment)
        expiry = pack.expiry.isoformat() if pack.expiry else None
        try:
            conn.execute(
                "INSERT INTO dispense (id, created_at, updated_at, status, transaction_type, client_trx_id,"
                " patient_ref,"
                " prescription_ref, product_scheme, product_code, serial, lot, expiry, code_scheme, nhrn, raw_hex,"
                " aim_id, entry_mode, operator, station, location, undo_deadline)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.id,
                    stamp,
                    stamp,
                    record.status.value,
                    record.transaction.value,
                    record.client_trx_id,
                    record.patient_ref,
                    record.prescription_ref,
                    pack.scheme.value,
                    pack.product_code,
                    pack.serial,
                    pack.lot,
                    expiry,
                    record.code_scheme,
                    json.dumps(record.nhrn, sort_keys=True),
                    record.raw_hex,
                    record.aim_id,
                    record.entry_mode.value,
                    record.operator,
                    record.station,
                    record.location,
                    iso(record.undo_deadline),
                ),
            )
        except sqlite3.IntegrityError as exc:  # another process won the race for this pack
            row = conn.execute(
                f"SELECT id, status FROM dispense WHERE product_code = ? AND serial = ? AND status IN {_OPEN_SQL}",  # noqa: S608
                pack.key,
            ).fetchone()
            if row:
                raise DoubleDecommissionError(pack.product_code, pack.serial, row[0], row[1]) from exc
            raise
        self._queue(conn, record.client_trx_id, record.transaction, record.id, pack, record.entry_mode, stamp)
        self.audit._append(
            conn,
            AuditKind.DISPENSE,
            item.operator,
            {
                "dispense_id": record.id,
                "transaction": record.transaction.value,
                "client_trx_id": record.client_trx_id,
                "product_code": pack.product_code,
                "serial": pack.serial,
                "lot": pack.lot,
                "expiry": expiry,
                "patient_ref": record.patient_ref,
                "prescription_ref": record.prescription_ref,
                "entry_mode": record.entry_mode.value,
                "raw_hex": record.raw_hex,
            },
            moment,
        )
        return record

    @staticmethod
    def _queue(
        conn: sqlite3.Connection,
        client_trx_id: str,
        transaction: Transaction,
        dispense_id: str,
        pack: PackRef,
        entry_mode: EntryMode,
        stamp: str,
    ) -> None:
        expiry = pack.expiry.isoformat() if pack.expiry else None
        payload = {
            "transaction": transaction.value,
            "client_trx_id": client_trx_id,
            "scheme": pack.scheme.value,
            "product_code": pack.product_code,
            "serial": pack.serial,
            "lot": pack.lot,
            "expiry": expiry,
            "entry_mode": entry_mode.value,
            "dispense_id": dispense_id,
        }
        conn.execute(
            "INSERT INTO outbox (client_trx_id, transaction_type, dispense_id, product_scheme, product_code, serial,"
            " lot, expiry, entry_mode, payload, created_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                client_trx_id,
                transaction.value,
                dispense_id,
                pack.scheme.value,
                pack.product_code,
                pack.serial,
                pack.lot,
                expiry,
                entry_mode.value,
                json.dumps(payload, sort_keys=True),
                stamp,
                OutboxState.QUEUED.value,
            ),
        )

    def record_undo(
        self,
        target: str | PackRef | tuple[str, str],
        *,
        operator: str | None,
        reason: str | None = None,
        now: dt.datetime | None = None,
    ) -> DispenseRecord:
        """Undo a decommission made at this station (by dispense id, or the pack's open record).

        * never sent to the hub yet: cancelled locally (status ``cancelled``), nothing is sent;
        * else an undo request is queued in the outbox (status ``undo-queued``), to be sent with
          :meth:`send` or :meth:`replay`.

        Raises :class:`UndoWindowClosedError` after the 240 h window (the hub would refuse it; it is
        never sent, and the refusal is written to the audit trail), :class:`NotDispensedHereError`
        when there is no open decommission to undo. An undo that is already queued is returned as is.
        """
        moment = now or utcnow()
        refused: UndoWindowClosedError | None = None
        with self._write() as conn:
            row = self._find_open(conn, target)
            record = DispenseRecord.from_row(row)
            if record.status is DispenseStatus.UNDO_QUEUED:
                return record
            undo_trx = UNDO_OF.get(record.transaction)
            if undo_trx is None:
                raise NotDispensedHereError(
                    f"a {record.transaction.value} cannot be undone (dispense record {record.id})"
                )
            cancelled = conn.execute(
                "UPDATE outbox SET state = ?, done_at = ? WHERE client_trx_id = ? AND state = ? AND attempts = 0",
                (OutboxState.CANCELLED.value, iso(moment), record.client_trx_id, OutboxState.QUEUED.value),
            ).rowcount
            stamp = iso(moment)
            if cancelled:
                conn.execute(
                    "UPDATE dispense SET status = ?, updated_at = ?, undo_requested_at = ?, undo_by = ?,"
                    " undo_reason = ?,"
                    " undone_at = ?, reason = ? WHERE id = ?",
                    (
                        DispenseStatus.CANCELLED.value,
                        stamp,
                        stamp,
                        operator,
                        reason,
                        stamp,
                        "cancelled before it was sent to the hub",
                        record.id,
                    ),
                )
                self.audit._append(
                    conn,
                    AuditKind.UNDO,
                    operator,
                    {"dispense_id": record.id, "cancelled_locally": True, "reason": reason},
                    moment,
                )
            elif moment > record.undo_deadline:
                refused = UndoWindowClosedError(record.id, iso(record.undo_deadline), stamp)
                self.audit._append(
                    conn,
                    AuditKind.UNDO_REFUSED,
                    operator,
                    {"dispense_id": record.id, "deadline": iso(record.undo_deadline), "reason": str(refused)},
                    moment,
                )
            else:
                trx = str(uuid.uuid4())
                self._queue(conn, trx, undo_trx, record.id, record.pack, record.entry_mode, stamp)
                conn.execute(
                    "UPDATE dispense SET status = ?, updated_at = ?, undo_client_trx_id = ?, undo_requested_at = ?,"
                    " undo_by = ?, undo_reason = ? WHERE id = ?",
                    (DispenseStatus.UNDO_QUEUED.value, stamp, trx, stamp, operator, reason, record.id),
                )
                self.audit._append(
                    conn,
                    AuditKind.UNDO,
                    operator,
                    {"dispense_id": record.id, "client_trx_id": trx, "transaction": undo_trx.value, "reason": reason},
                    moment,
                )
        if refused is not None:
            raise refused
        return self.dispense_record(record.id)

    def _find_open(self, conn: sqlite3.Connection, target: str | PackRef | tuple[str, str]) -> dict[str, Any]:
        if isinstance(target, str):
            row = conn.execute(f"SELECT {_DISPENSE_COLUMNS} FROM dispense WHERE id = ?", (target,)).fetchone()  # noqa: S608
            if row is None:
                raise UnknownRecordError(f"no dispense record {target}")
            found = dict(zip(_DISPENSE_NAMES, row, strict=True))
            if found["status"] not in {s.value for s in OPEN_STATUSES}:
                raise NotDispensedHereError(f"dispense record {target} is {found['status']}: nothing to undo")
            return found
        key = target.key if isinstance(target, PackRef) else target
        row = conn.execute(
            f"SELECT {_DISPENSE_COLUMNS} FROM dispense WHERE product_code = ? AND serial = ? AND status IN {_OPEN_SQL}",  # noqa: S608
            key,
        ).fetchone()
        if row is None:
            raise NotDispensedHereError(f"pack {key[0]} / {key[1]} has no open decommission at this station")
        return dict(zip(_DISPENSE_NAMES, row, strict=True))

    # ------------------------------------------------------------------ reading records

    def dispense_record(self, dispense_id: str) -> DispenseRecord:
        row = self._conn.execute(f"SELECT {_DISPENSE_COLUMNS} FROM dispense WHERE id = ?", (dispense_id,)).fetchone()  # noqa: S608
        if row is None:
            raise UnknownRecordError(f"no dispense record {dispense_id}")
        return DispenseRecord.from_row(dict(zip(_DISPENSE_NAMES, row, strict=True)))

    def open_decommission(self, product_code: str, serial: str) -> DispenseRecord | None:
        """The pack's open decommission at this station (the "already dispensed here" rule), if any."""
        row = self._conn.execute(
            f"SELECT {_DISPENSE_COLUMNS} FROM dispense WHERE product_code = ? AND serial = ? AND status IN {_OPEN_SQL}",  # noqa: S608
            (product_code, serial),
        ).fetchone()
        return DispenseRecord.from_row(dict(zip(_DISPENSE_NAMES, row, strict=True))) if row else None

    def dispense_records(
        self,
        *,
        patient_ref: str | None = None,
        status: DispenseStatus | str | None = None,
        product_code: str | None = None,
        serial: str | None = None,
        since: dt.datetime | None = None,
    ) -> Iterator[DispenseRecord]:
        """Dispense records, oldest first (streamed)."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("patient_ref", patient_ref),
            ("status", status.value if isinstance(status, DispenseStatus) else status),
            ("product_code", product_code),
            ("serial", serial),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if since is not None:
            clauses.append("created_at >= ?")
            params.append(iso(since))
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        for row in self._conn.execute(
            f"SELECT {_DISPENSE_COLUMNS} FROM dispense{where} ORDER BY created_at, rowid",  # noqa: S608
            params,
        ):
            yield DispenseRecord.from_row(dict(zip(_DISPENSE_NAMES, row, strict=True)))

    # ------------------------------------------------------------------ outbox

    def pending(self, *, limit: int | None = None) -> list[OutboxEntry]:
        """Outbox entries not yet answered by the hub, in sending order."""
        sql = f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE state IN {_PENDING_SQL} ORDER BY seq"  # noqa: S608
        params: tuple[Any, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        return [OutboxEntry.from_row(dict(zip(_OUTBOX_NAMES, r, strict=True))) for r in self._conn.execute(sql, params)]

    def pending_count(self) -> int:
        return int(self._conn.execute(f"SELECT count(*) FROM outbox WHERE state IN {_PENDING_SQL}").fetchone()[0])  # noqa: S608

    def outbox_entry(self, client_trx_id: str) -> OutboxEntry:
        row = self._conn.execute(
            f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE client_trx_id = ?",  # noqa: S608
            (client_trx_id,),
        ).fetchone()
        if row is None:
            raise UnknownRecordError(f"no outbox entry {client_trx_id}")
        return OutboxEntry.from_row(dict(zip(_OUTBOX_NAMES, row, strict=True)))

    def send(
        self, client: HubClient, client_trx_ids: Sequence[str], *, post_hoc_alerts: bool = False
    ) -> list[SendResult]:
        """Send these outbox entries now (the online path), after any earlier pending entries of the
        same packs, and record the answers. Offline (:class:`HubUnavailable`), they stay queued and
        the results have ``outcome=None``.

        Online the workflow shows the hub's answer and creates its own alert, so no post-hoc alert
        is written unless ``post_hoc_alerts`` is set. ``outcome`` is None when the entry was not
        answered: hub unavailable, held back as malformed (``reason`` says why), or cancelled.
        """
        wanted = list(dict.fromkeys(client_trx_ids))
        if not wanted:
            return []
        marks = ",".join("?" for _ in wanted)
        rows = self._conn.execute(
            f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE state IN {_PENDING_SQL} AND (product_code, serial) IN"  # noqa: S608
            f" (SELECT product_code, serial FROM outbox WHERE client_trx_id IN ({marks})) ORDER BY seq",
            wanted,
        ).fetchall()
        entries = [OutboxEntry.from_row(dict(zip(_OUTBOX_NAMES, r, strict=True))) for r in rows]
        answers: dict[str, tuple[Outcome, HubReply | None, str | None]] = {}
        run = _Run(report=ReplayReport(), post_hoc=post_hoc_alerts, answers=answers)
        try:
            self._send_entries(client, entries, run, now=None)
        except HubUnavailable as exc:
            run.report.error = str(exc)
        results = []
        for trx in wanted:
            entry = self.outbox_entry(trx)
            got = answers.get(trx)
            if got is None and entry.state is OutboxState.DONE:
                # answered earlier (e.g. by a concurrent replay): report what was recorded
                got = (Outcome(entry.outcome), None, None) if entry.outcome else None
            outcome, reply, alert_id = got if got else (None, None, None)
            results.append(
                SendResult(
                    client_trx_id=trx,
                    dispense_id=entry.dispense_id,
                    outcome=outcome,
                    reply_return_code=reply.return_code.value if reply else entry.return_code,
                    state=reply.state.value if reply and reply.state else None,
                    reason=reply.reason
                    if reply
                    else ("cancelled before it was sent" if entry.state is OutboxState.CANCELLED else entry.last_error),
                    alert_id=alert_id,
                )
            )
        return results

    def replay(
        self,
        client: HubClient,
        *,
        chunk_size: int = DEFAULT_CHUNK,
        now: dt.datetime | None = None,
        max_rate_limit_waits: int = 3,
        sleep: Callable[[float], None] = time.sleep,
        progress: Callable[[ReplayReport], None] | None = None,
    ) -> ReplayReport:
        """Send everything pending, oldest first, in bulk (``chunk_size`` per request), and record the
        answers. Safe to kill at any instant and run again: entries are resent with the client
        transaction id recorded when they were queued (the hub answers a repeat idempotently), and
        an answered entry is never sent again. Offline, stops and reports what ``remaining``.
        """
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        run = _Run(report=ReplayReport(), post_hoc=True, max_waits=max_rate_limit_waits, sleep=sleep)
        last_seq = 0
        try:
            while True:
                rows = self._conn.execute(
                    f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE state IN {_PENDING_SQL} AND seq > ?"  # noqa: S608
                    " ORDER BY seq LIMIT ?",
                    (last_seq, chunk_size),
                ).fetchall()
                if not rows:
                    break
                entries = [OutboxEntry.from_row(dict(zip(_OUTBOX_NAMES, r, strict=True))) for r in rows]
                last_seq = entries[-1].seq
                self._send_entries(client, entries, run, now=now)
                if progress:
                    progress(run.report)
        except HubUnavailable as exc:
            run.report.error = str(exc)
        if run.held and run.report.error is None:
            run.report.error = f"{len(run.held)} pack(s) held back: the hub refused their requests as malformed"
        run.report.remaining = self.pending_count()
        return run.report

    def _send_entries(
        self, client: HubClient, entries: list[OutboxEntry], run: _Run, *, now: dt.datetime | None
    ) -> None:
        for segment in _segments(entries):
            # skip undos cancelled in this run, and anything behind a request the hub refused as malformed
            segment = [e for e in segment if e.client_trx_id not in run.cancelled and e.pack.key not in run.held]
            to_send = self._claim(segment, run, now or utcnow())
            if not to_send:
                continue
            try:
                replies = self._call(client, to_send, run)
            except TransactionNotSupported as exc:
                self._note_error(to_send, str(exc))
                raise HubUnavailable(f"the configured hub cannot take these requests: {exc}") from exc
            except HubRequestError as exc:
                if len(to_send) > 1:
                    # one bad item spoils a bulk request: send one by one to find it
                    for e in to_send:
                        self._send_entries(client, [e], run, now=now)
                    continue
                # a malformed request is never dropped: it stays pending (remaining) with the error,
                # and later requests for the same pack wait behind it
                self._note_error(to_send, f"refused as malformed by the hub: {exc}")
                run.report.sent += 1
                run.held.add(to_send[0].pack.key)
                continue
            run.report.sent += len(to_send)
            self._apply(to_send, replies, run, now or utcnow())

    def _call(self, client: HubClient, entries: list[OutboxEntry], run: _Run) -> list[HubReply]:
        waits = 0
        while True:
            try:
                if len(entries) == 1:
                    replies = [client.transact(entries[0].request)]
                else:
                    replies = client.bulk([e.request for e in entries])
            except HubUnavailable as exc:
                self._note_error(entries, f"hub unavailable: {exc}")
                if exc.status == 429 and waits < run.max_waits:
                    waits += 1
                    run.sleep(min(max(exc.retry_after or 1.0, 0.05), 10.0))
                    continue
                raise
            if len(replies) != len(entries):
                message = f"hub answered {len(replies)} replies for {len(entries)} requests"
                self._note_error(entries, message)
                raise HubUnavailable(message)
            return replies

    def _note_error(self, entries: list[OutboxEntry], message: str) -> None:
        with self._write() as conn:
            conn.executemany(
                f"UPDATE outbox SET last_error = ? WHERE client_trx_id = ? AND state IN {_PENDING_SQL}",  # noqa: S608
                [(message[:MAX_TEXT], e.client_trx_id) for e in entries],
            )

    def _claim(self, entries: list[OutboxEntry], run: _Run, moment: dt.datetime) -> list[OutboxEntry]:
        """Mark entries as being sent (attempts + 1) before any network I/O; refuse undos past the window."""
        if not entries:
            return []
        stamp = iso(moment)
        send: list[OutboxEntry] = []
        with self._write() as conn:
            pending = _still_pending(conn, [e.client_trx_id for e in entries])
            for e in entries:
                if e.client_trx_id not in pending:
                    continue  # answered meanwhile (another replay), or cancelled
                if e.transaction not in DECOMMISSIONS:
                    deadline = conn.execute(
                        "SELECT undo_deadline FROM dispense WHERE id = ?", (e.dispense_id,)
                    ).fetchone()
                    if deadline and stamp > deadline[0]:
                        self._refuse_late_undo(conn, e, deadline[0], moment, run)
                        continue
                send.append(e)
            conn.executemany(
                "UPDATE outbox SET state = ?, attempts = attempts + 1, last_attempt_at = ? WHERE client_trx_id = ?",
                [(OutboxState.SENDING.value, stamp, e.client_trx_id) for e in send],
            )
            conn.executemany(
                "UPDATE dispense SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                [
                    (DispenseStatus.SENT.value, stamp, e.dispense_id, DispenseStatus.QUEUED.value)
                    for e in send
                    if e.transaction in DECOMMISSIONS
                ],
            )
        return send

    def _refuse_late_undo(
        self, conn: sqlite3.Connection, e: OutboxEntry, deadline: str, moment: dt.datetime, run: _Run
    ) -> None:
        stamp = iso(moment)
        reason = (
            f"undo not sent: the 10-day undo window closed at {deadline} before the hub could be reached; "
            "the pack is still decommissioned on the hub"
        )
        conn.execute(
            "UPDATE outbox SET state = ?, outcome = ?, last_error = ?, done_at = ? WHERE client_trx_id = ?",
            (OutboxState.REFUSED.value, Outcome.REFUSED.value, reason, stamp, e.client_trx_id),
        )
        row = self._dispense_row(conn, e.dispense_id)
        status = DispenseStatus.CONFIRMED if row["confirmed_at"] else DispenseStatus.SENT
        conn.execute(
            "UPDATE dispense SET status = ?, updated_at = ?, reason = ? WHERE id = ? AND status = ?",
            (status.value, stamp, reason, e.dispense_id, DispenseStatus.UNDO_QUEUED.value),
        )
        self.audit._append(conn, AuditKind.UNDO_REFUSED, None, {"dispense_id": e.dispense_id, "reason": reason}, moment)
        run.report.conflicts += 1
        run.settled += 1
        alert_id = None
        if run.post_hoc:
            alert_id = self._post_hoc_alert(conn, row, e, None, reason, moment, source=AlertSource.LOCAL)
            run.report.alerts.append(alert_id)
        run.answers[e.client_trx_id] = (Outcome.REFUSED, None, alert_id)

    @staticmethod
    def _dispense_row(conn: sqlite3.Connection, dispense_id: str) -> dict[str, Any]:
        row = conn.execute(f"SELECT {_DISPENSE_COLUMNS} FROM dispense WHERE id = ?", (dispense_id,)).fetchone()  # noqa: S608
        if row is None:
            raise StoreError(f"outbox entry refers to a missing dispense record {dispense_id}")
        return dict(zip(_DISPENSE_NAMES, row, strict=True))

    def _apply(self, entries: list[OutboxEntry], replies: list[HubReply], run: _Run, moment: dt.datetime) -> None:
        """Record the hub's answers (one transaction): the confirm is written after the reply.

        Confirmed decommissions (the common case) are written with two ``executemany``; anything
        else (conflicts, refusals, undos) goes through the per-entry path that can raise alerts.
        """
        stamp = iso(moment)
        own_location = self.location
        confirmed: list[str] = []
        problems: list[str] = []
        with self._write() as conn:
            pending = _still_pending(conn, [e.client_trx_id for e in entries])
            done_rows: list[tuple[Any, ...]] = []
            confirm_rows: list[tuple[Any, ...]] = []
            other: list[tuple[OutboxEntry, HubReply, Outcome]] = []
            for e, reply in zip(entries, replies, strict=True):
                if e.client_trx_id not in pending:
                    continue  # already answered (a concurrent replay got there first): nothing to do twice
                outcome = _classify(e, reply, own_location)
                state = reply.state.value if reply.state else None
                rc = reply.return_code.value
                done_rows.append((OutboxState.DONE.value, outcome.value, rc, reply.hub_trx_id, stamp, e.client_trx_id))
                if outcome is Outcome.CONFIRMED and e.transaction in DECOMMISSIONS:
                    confirm_rows.append((stamp, stamp, reply.hub_trx_id, rc, state, e.dispense_id))
                    run.answers[e.client_trx_id] = (outcome, reply, None)
                    confirmed.append(e.dispense_id)
                else:
                    other.append((e, reply, outcome))
            conn.executemany(
                "UPDATE outbox SET state = ?, outcome = ?, return_code = ?, hub_trx_id = ?, done_at = ?,"
                " last_error = NULL WHERE client_trx_id = ?",
                done_rows,
            )
            conn.executemany(
                "UPDATE dispense SET status = CASE WHEN status IN ('queued', 'sent') THEN 'confirmed' ELSE status END,"
                " updated_at = ?, confirmed_at = ?, hub_trx_id = ?, return_code = ?, hub_state = ? WHERE id = ?",
                confirm_rows,
            )
            for e, reply, outcome in other:
                row = self._dispense_row(conn, e.dispense_id)
                if e.transaction in DECOMMISSIONS:
                    alert_id = self._apply_decommission(conn, e, reply, outcome, row, run, moment)
                else:
                    alert_id = self._apply_undo(conn, e, reply, outcome, row, run, moment)
                run.answers[e.client_trx_id] = (outcome, reply, alert_id)
                if outcome is Outcome.CONFIRMED:
                    confirmed.append(e.dispense_id)
                else:
                    problems.append(e.dispense_id)
            run.settled += len(done_rows)
            run.report.confirmed += len(confirmed)
            run.report.conflicts += len(problems)
            PackStateCache.put_many(conn, [(e.pack, r) for e, r in zip(entries, replies, strict=True)], stamp)
            if confirmed or problems:
                self.audit._append(
                    conn,
                    AuditKind.REPLAY,
                    None,
                    {
                        "confirmed": len(confirmed),
                        "first_dispense_id": confirmed[0] if confirmed else None,
                        "last_dispense_id": confirmed[-1] if confirmed else None,
                        "not_confirmed": problems,
                    },
                    moment,
                )

    def _apply_decommission(
        self,
        conn: sqlite3.Connection,
        e: OutboxEntry,
        reply: HubReply,
        outcome: Outcome,
        row: dict[str, Any],
        run: _Run,
        moment: dt.datetime,
    ) -> str | None:
        """A decommission the hub did not carry out: conflict or rejected (confirmed ones are batched)."""
        stamp = iso(moment)
        status = DispenseStatus.CONFLICT if outcome is Outcome.CONFLICT else DispenseStatus.REJECTED
        if outcome is Outcome.CONFLICT:
            reason = (
                f"found at replay: the hub says the pack was already {reply.state.value if reply.state else 'inactive'}"
                " by someone else's transaction before this station's decommission reached it"
                f" (recorded here {row['created_at']}, patient {row['patient_ref'] or '-'})"
            )
        else:
            reason = (
                f"found at replay: the hub refused the {e.transaction.value} ({reply.return_code.value}"
                f"{': ' + reply.reason if reply.reason else ''}); recorded here {row['created_at']},"
                f" patient {row['patient_ref'] or '-'}"
            )
        alert_id = None
        if run.post_hoc:
            alert_id = self._post_hoc_alert(conn, row, e, reply, reason, moment, source=AlertSource.REPLAY)
            run.report.alerts.append(alert_id)
        conn.execute(
            "UPDATE dispense SET status = ?, updated_at = ?, hub_trx_id = ?, return_code = ?, hub_state = ?,"
            " reason = ?,"
            " alert_id = coalesce(?, alert_id) WHERE id = ?",
            (
                status.value,
                stamp,
                reply.hub_trx_id,
                reply.return_code.value,
                reply.state.value if reply.state else None,
                reason,
                alert_id,
                e.dispense_id,
            ),
        )
        # an undo queued behind a decommission that never happened must not be sent
        undo = row["undo_client_trx_id"]
        if undo:
            cancelled = conn.execute(
                f"UPDATE outbox SET state = ?, done_at = ? WHERE client_trx_id = ? AND state IN {_PENDING_SQL}",  # noqa: S608
                (OutboxState.CANCELLED.value, stamp, undo),
            ).rowcount
            if cancelled:
                run.cancelled.add(undo)
        return alert_id

    def _apply_undo(
        self,
        conn: sqlite3.Connection,
        e: OutboxEntry,
        reply: HubReply,
        outcome: Outcome,
        row: dict[str, Any],
        run: _Run,
        moment: dt.datetime,
    ) -> str | None:
        stamp = iso(moment)
        if outcome is Outcome.CONFIRMED:
            conn.execute(
                "UPDATE dispense SET status = ?, updated_at = ?, undone_at = ?, hub_state = ? WHERE id = ?",
                (
                    DispenseStatus.UNDONE.value,
                    stamp,
                    stamp,
                    reply.state.value if reply.state else PackState.ACTIVE.value,
                    e.dispense_id,
                ),
            )
            return None
        reason = (
            f"undo refused by the hub ({reply.return_code.value}{': ' + reply.reason if reply.reason else ''});"
            " the pack is still decommissioned on the hub"
        )
        alert_id = None
        if run.post_hoc:
            alert_id = self._post_hoc_alert(conn, row, e, reply, reason, moment, source=AlertSource.REPLAY)
            run.report.alerts.append(alert_id)
        status = DispenseStatus.CONFIRMED if row["confirmed_at"] else DispenseStatus.SENT
        conn.execute(
            "UPDATE dispense SET status = CASE WHEN status = ? THEN ? ELSE status END, updated_at = ?, reason = ?"
            " WHERE id = ?",
            (DispenseStatus.UNDO_QUEUED.value, status.value, stamp, reason, e.dispense_id),
        )
        return alert_id

    def _post_hoc_alert(
        self,
        conn: sqlite3.Connection,
        row: dict[str, Any],
        e: OutboxEntry,
        reply: HubReply | None,
        reason: str,
        moment: dt.datetime,
        *,
        source: AlertSource,
    ) -> str:
        code = row["product_code"]
        is_gtin = row["product_scheme"] == ProductScheme.GTIN.value
        rc = reply.return_code if reply else None
        alert = AlertRecord(
            alert_id=(reply.alert_id if reply and reply.alert_id else "L-" + uuid.uuid4().hex),
            created_at=moment,
            source=source,
            return_code=rc.value if rc else None,
            alert_class=rc.alert_class if rc else None,
            reason=reason,
            request=e.transaction.value,
            client_trx_id=e.client_trx_id,
            hub_trx_id=reply.hub_trx_id if reply else None,
            operator=row["operator"],
            station=row["station"],
            location=row["location"],
            raw_hex=row["raw_hex"],
            aim_id=row["aim_id"],
            entry_mode=row["entry_mode"],
            scheme=row["code_scheme"],
            gtin=code if is_gtin else None,
            ppn=None if is_gtin else code,
            pzn=pzn_from_ntin(code) if is_gtin else pzn_from_ppn(code),
            serial=row["serial"],
            lot=row["lot"],
            expiry=dt.date.fromisoformat(row["expiry"]) if row["expiry"] else None,
            nhrn=json.loads(row["nhrn"] or "{}"),
            state=reply.state.value if reply and reply.state else None,
            app_version=__version__,
            dispense_id=row["id"],
            patient_ref=row["patient_ref"],
            supplied_anyway=e.transaction is Transaction.SUPPLY,
            supplied_anyway_reason="handed over while the hub was unreachable"
            if e.transaction is Transaction.SUPPLY
            else None,
            supplied_anyway_by=row["operator"] if e.transaction is Transaction.SUPPLY else None,
        )
        if conn.execute("SELECT 1 FROM alerts WHERE alert_id = ?", (alert.alert_id,)).fetchone():
            alert = replace(alert, alert_id="L-" + uuid.uuid4().hex)
        self._insert_alert(conn, alert)
        return alert.alert_id

    # ------------------------------------------------------------------ alerts

    def add_alert(self, alert: AlertRecord) -> AlertRecord:
        """Persist an alert (every field) and append it to the audit trail.

        An alert id the station already has (a hub alert id reported twice) gets a local id
        (``L-...``) instead, so nothing is overwritten; the stored record is returned.
        """
        if alert.created_at.tzinfo is None:
            raise ValueError("AlertRecord.created_at must be timezone-aware")
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM alerts WHERE alert_id = ?", (alert.alert_id,)).fetchone():
                alert = replace(alert, alert_id="L-" + uuid.uuid4().hex)
            self._insert_alert(conn, alert)
        return alert

    def _insert_alert(self, conn: sqlite3.Connection, alert: AlertRecord) -> None:
        alert_rows.insert(conn, alert)
        if alert.dispense_id:
            conn.execute(
                "UPDATE dispense SET alert_id = coalesce(alert_id, ?) WHERE id = ?", (alert.alert_id, alert.dispense_id)
            )
        self.audit._append(
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
            },
            alert.created_at,
        )

    def alert(self, alert_id: str) -> AlertRecord:
        found = alert_rows.get(self._conn, alert_id)
        if found is None:
            raise UnknownRecordError(f"no alert {alert_id}")
        return found

    def alerts(
        self,
        *,
        since: dt.datetime | dt.date | None = None,
        until: dt.datetime | dt.date | None = None,
        status: AlertStatus | str | None = None,
        source: AlertSource | str | None = None,
        dispense_id: str | None = None,
        patient_ref: str | None = None,
        serial: str | None = None,
        newest_first: bool = False,
    ) -> Iterator[AlertRecord]:
        """Alerts matching the filter, oldest first (streamed: a cursor, not a list).

        ``since``/``until`` are inclusive; a date means the whole UTC day.
        """
        flt = alert_rows.AlertFilter(since, until, status, source, dispense_id, patient_ref, serial)
        for row in alert_rows.select(self._conn, flt, newest_first=newest_first):
            yield alert_rows.from_row(row)

    def alert_dicts(
        self,
        *,
        since: dt.datetime | dt.date | None = None,
        until: dt.datetime | dt.date | None = None,
        status: AlertStatus | str | None = None,
        source: AlertSource | str | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Like :meth:`alerts` but yields ``AlertRecord.to_json()``-shaped dicts straight from the
        rows (no object per row): the fast path for exports of many alerts."""
        flt = alert_rows.AlertFilter(since, until, status, source)
        for row in alert_rows.select(self._conn, flt):
            yield alert_rows.json_from_row(row)

    def alert_count(self, *, status: AlertStatus | str | None = None) -> int:
        flt = alert_rows.AlertFilter(status=status)
        where, params = flt.where()
        return int(self._conn.execute("SELECT count(*) FROM alerts" + where, params).fetchone()[0])  # noqa: S608

    def update_alert_status(
        self,
        alert_id: str,
        status: AlertStatus | str,
        *,
        by: str | None,
        cause: AlertCause | str | None = None,
        comment: str | None = None,
        now: dt.datetime | None = None,
    ) -> AlertRecord:
        """Move an alert along new -> investigating -> closed (closing needs a cause; closed can be
        reopened to investigating). Raises :class:`InvalidTransitionError` otherwise."""
        target = AlertStatus(status)
        cause_value = AlertCause(cause) if cause else None
        moment = now or utcnow()
        with self._write() as conn:
            current = alert_rows.get(conn, alert_id)
            if current is None:
                raise UnknownRecordError(f"no alert {alert_id}")
            if target not in ALLOWED_TRANSITIONS[current.status]:
                raise InvalidTransitionError(
                    f"alert {alert_id}: {current.status.value} -> {target.value} is not allowed"
                )
            if target is AlertStatus.CLOSED and cause_value is None:
                raise InvalidTransitionError(
                    f"alert {alert_id}: closing needs a cause ({', '.join(c.value for c in AlertCause)})"
                )
            comments = list(current.comments)
            if comment:
                comments.append({"at": iso(moment), "by": by or "", "text": comment[:4000]})
            new_cause = cause_value if target is AlertStatus.CLOSED else current.cause
            conn.execute(
                "UPDATE alerts SET status = ?, cause = ?, comments = ? WHERE alert_id = ?",
                (
                    target.value,
                    new_cause.value if new_cause else None,
                    json.dumps(comments, ensure_ascii=False),
                    alert_id,
                ),
            )
            self.audit._append(
                conn,
                AuditKind.ALERT_STATUS,
                by,
                {
                    "alert_id": alert_id,
                    "from": current.status.value,
                    "to": target.value,
                    "cause": new_cause.value if new_cause else None,
                    "comment": comment,
                },
                moment,
            )
        return self.alert(alert_id)

    def add_alert_comment(
        self, alert_id: str, *, by: str | None, text: str, now: dt.datetime | None = None
    ) -> AlertRecord:
        moment = now or utcnow()
        with self._write() as conn:
            current = alert_rows.get(conn, alert_id)
            if current is None:
                raise UnknownRecordError(f"no alert {alert_id}")
            comments = [*current.comments, {"at": iso(moment), "by": by or "", "text": text[:4000]}]
            conn.execute(
                "UPDATE alerts SET comments = ? WHERE alert_id = ?",
                (json.dumps(comments, ensure_ascii=False), alert_id),
            )
            self.audit._append(conn, AuditKind.ALERT_COMMENT, by, {"alert_id": alert_id, "text": text[:4000]}, moment)
        return self.alert(alert_id)


# ---------------------------------------------------------------------- helpers


@dataclass(slots=True)
class _Run:
    report: ReplayReport
    post_hoc: bool
    answers: dict[str, tuple[Outcome, HubReply | None, str | None]] = field(default_factory=dict)
    cancelled: set[str] = field(default_factory=set)
    held: set[tuple[str, str]] = field(default_factory=set)
    settled: int = 0
    max_waits: int = 3
    sleep: Callable[[float], None] = time.sleep


def _still_pending(conn: sqlite3.Connection, client_trx_ids: list[str]) -> set[str]:
    """Which of these outbox entries are still waiting for the hub's answer (read in the caller's
    write transaction, so the answer cannot change before it commits)."""
    found: set[str] = set()
    for start in range(0, len(client_trx_ids), 500):
        part = client_trx_ids[start : start + 500]
        marks = ",".join("?" for _ in part)
        found.update(
            r[0]
            for r in conn.execute(
                f"SELECT client_trx_id FROM outbox WHERE client_trx_id IN ({marks}) AND state IN {_PENDING_SQL}",  # noqa: S608
                part,
            )
        )
    return found


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


def _classify(e: OutboxEntry, reply: HubReply, own_location: str | None) -> Outcome:
    """What a hub answer means for an outbox entry.

    Success is confirmed; that includes the hub's idempotent answer to a resent client transaction
    id it has already applied (our own transaction). "Already inactive / already in that state" is
    someone else's transaction (a conflict), unless the hub names our location as the one that
    made the change (``extra["location"]``, for hubs that report it). Any other refusal is rejected.
    """
    if reply.ok:
        return Outcome.CONFIRMED
    if reply.return_code in (ReturnCode.ALREADY_INACTIVE, ReturnCode.ALREADY_IN_STATE):
        target = e.transaction.target_state
        reported = reply.extra.get("location")
        if reply.state is not None and reply.state is target and reported and reported == own_location:
            return Outcome.CONFIRMED
        if e.transaction in DECOMMISSIONS:
            return Outcome.CONFLICT
    return Outcome.REJECTED


def _validate(item: SupplyItem) -> None:
    pack = item.pack
    if item.transaction not in DECOMMISSIONS:
        raise InvalidInputError(f"{item.transaction.value} is not a decommission")
    if not pack.product_code or len(pack.product_code) > MAX_CODE or not pack.product_code.isprintable():
        raise InvalidInputError(f"product code must be 1..{MAX_CODE} printable characters")
    if not pack.serial or len(pack.serial) > MAX_SERIAL or not pack.serial.isprintable():
        raise InvalidInputError(f"serial number must be 1..{MAX_SERIAL} printable characters")
    if pack.lot is not None and (len(pack.lot) > MAX_LOT or not pack.lot.isprintable()):
        raise InvalidInputError(f"batch must be at most {MAX_LOT} printable characters")
    for name, value in (
        ("operator", item.operator),
        ("patient_ref", item.patient_ref),
        ("prescription_ref", item.prescription_ref),
        ("aim_id", item.aim_id),
        ("code_scheme", item.code_scheme),
    ):
        if value is not None and len(value) > MAX_TEXT:
            raise InvalidInputError(f"{name} is longer than {MAX_TEXT} characters")
    raw = item.raw.encode("utf-8") if isinstance(item.raw, str) else item.raw
    if len(raw) > 4096:
        raise InvalidInputError("raw scan data longer than 4096 bytes")


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the database (consistently, with SQLite's backup API) before migrating it."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.stem}.v{version}.backup-{stamp}{path.suffix}")
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def _migrate_locked(conn: sqlite3.Connection, db: Database, path: str) -> list[str]:
    """Migrate inside one ``BEGIN IMMEDIATE`` transaction, so two processes opening the same old
    file at once cannot both migrate it (the second finds nothing pending)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        check_not_newer(db, path)
        applied = migrate(db)
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    conn.commit()
    return applied
