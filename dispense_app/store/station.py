"""The station database: one SQLite file per station, opened with :meth:`Station.open`.

Everything the rest of the app keeps on disk goes through this class: dispense records and their
outbox rows (the outbox's claim/apply transactions are ``Station.outbox``; sending them is
:mod:`dispense_app.workflow.sender`), alerts, caches, settings, operator accounts, adherence data
and the audit trail. See docs/store.md.

Durability: WAL journal, ``synchronous=FULL``; every write is one ``BEGIN IMMEDIATE`` transaction,
so a dispense record, its outbox row and its audit entry are on disk together (or not at all)
before :meth:`Station.record_supply` returns, and before any network I/O.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from sqlite_utils import Database

from dispense_app.core.alerts import ALLOWED_TRANSITIONS, AlertCause, AlertRecord, AlertSource, AlertStatus
from dispense_app.core.hub_answer import DECOMMISSIONS
from dispense_app.core.model import EntryMode, PackRef, Transaction
from dispense_app.store import alerts as alert_rows
from dispense_app.store.adherence import AdherenceStore
from dispense_app.store.audit import AuditKind, AuditLog, AuditVerification
from dispense_app.store.caches import PackStateCache, ProductCache, RecallList
from dispense_app.store.errors import (
    DoubleDecommissionError,
    InvalidInputError,
    InvalidTransitionError,
    NotAStationDatabaseError,
    NotDispensedHereError,
    StoreEnvironmentError,
    UndoWindowClosedError,
    UnknownRecordError,
)
from dispense_app.store.files import OpenLock, create_private, private_file, private_folder
from dispense_app.store.journal import JOURNAL_FILENAME, MergeReport, unmerged, waiting
from dispense_app.store.journal import merge as merge_journal
from dispense_app.store.operators import OperatorStore
from dispense_app.store.outbox import OutboxStore
from dispense_app.store.quarantine import QuarantineStore
from dispense_app.store.recall_notices import RecallNotices
from dispense_app.store.records import (
    DISPENSE_COLUMNS,
    DISPENSE_NAMES,
    OPEN_SQL,
    OPEN_STATUSES,
    UNDO_OF,
    UNDO_WINDOW,
    DispenseFill,
    DispenseRecord,
    DispenseStatus,
    OutboxEntry,
    OutboxState,
    iso,
    utcnow,
)
from dispense_app.store.scan_log import ScanLog
from dispense_app.store.schema import SCHEMA_VERSION, check_not_newer, migrate, migrations
from dispense_app.store.settings import Settings
from dispense_app.store.sign_in import SignInFailures
from dispense_app.store.site import (
    Counter,
    SiteUnreachableError,
    open_site_connection,
    remember_site,
    remembered_location,
)
from dispense_app.store.site_url import StoreURL, resolve

DB_FILENAME = "station.db"
MAX_CODE = 50
MAX_SERIAL = 20
MAX_LOT = 20
MAX_TEXT = 500

_LOCATION_SQL = {
    # the premises id (a non-empty text setting, else the counter's id): Station.location reads it
    # with this, and so does a dispense's INSERT (on a site store a separate read was a round trip)
    "sqlite": "coalesce((SELECT json_extract(value, '$') FROM settings WHERE key = 'station.location'"
              " AND json_type(value) = 'text' AND json_extract(value, '$') <> ''), ?)",
    "postgresql": "coalesce((SELECT value::jsonb #>> '{}' FROM settings WHERE key = 'station.location'"
                  " AND jsonb_typeof(value::jsonb) = 'string' AND value::jsonb #>> '{}' <> ''), ?)",
}


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
    fill: DispenseFill | None = None  # days of therapy, for adherence: written with the record
    seal: str | None = None  # the seal check at the counter ("intact"), written into the audit entry


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

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        db: Database | None,
        info: OpenInfo,
        *,
        store: StoreURL | None = None,
        counter: Counter | None = None,
    ):
        self.path = path
        # sqlite-utils' view of the file; on a site store only ``.conn`` (the tests' raw handle)
        self.db: Any = db if db is not None else _RawHandle(conn)
        self.open_info = info
        self.store = store or StoreURL("sqlite")
        self.counter = counter  # this counter's own name (a site store; else the station id setting)
        self._station_id: str | None = None
        self.journal_for: StoreURL | None = None  # the site store this local journal stands in for
        self.merge_report: MergeReport | None = None  # what opening merged from the journal
        self.dialect = getattr(conn, "dialect", "sqlite")
        self._conn = conn
        self._lock = threading.RLock()
        self.audit = AuditLog(conn, self._write)
        self.settings = Settings(conn, self._write, self._audit_in)
        self.products = ProductCache(conn, self._write, self._audit_in, self._write_cache)
        self.pack_states = PackStateCache(conn, self._write_cache)
        self.recalls = RecallList(conn, self._write, self._audit_in)
        self.recall_notices = RecallNotices(conn, self._write, self._audit_in)
        self.scan_log = ScanLog(conn, self._write_cache)
        self.outbox = OutboxStore(
            conn, self._write, self.audit, claim_write=self._write_rows, claimer=lambda: self.station_id
        )
        self.operators = OperatorStore(conn, self._write, self._audit_in)
        self.sign_in_failures = SignInFailures(conn, self._write, self._audit_in)  # throttling (issue 16)
        self.adherence = AdherenceStore(conn, self._write, self._audit_in)
        self.quarantine = QuarantineStore(conn, self._write, self._audit_in)  # US DSCSA suspect product

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        home: str | Path | None = None,
        *,
        filename: str = DB_FILENAME,
        create: bool = True,
        store: str | StoreURL | None = None,
        journal: bool = False,
    ) -> Station:
        """Open (creating or migrating) the station database in ``home``.

        ``store`` (else env ``DISPENSE_APP_STORE``, else ``sqlite``): ``postgresql://...`` opens the
        site store shared by several counters instead (:meth:`open_site`); ``home`` then keeps this
        counter's own name and settings. ``journal=True`` (the counter's workflow): when the site
        store cannot be reached, open the counter's local journal instead (:mod:`journal`), and
        merge a journal left from an earlier outage into the site store once it is back.

        Refuses a file written by a newer schema (:class:`SchemaTooNewError`) or one that is not a
        station database (:class:`NotAStationDatabaseError`); both mean CLI exit status 2. Before an
        existing database is migrated, a copy is written beside it, named after the version it is
        migrated from: ``station.v2.backup-20260101T120000Z.db``. ``create=False``: refuse a home
        folder without a database instead of creating one.

        One process at a time opens a given database (an exclusive lock on ``station.db.lock``,
        :class:`~dispense_app.store.files.OpenLock`), so processes starting together on a fresh or
        old data folder create and migrate it once. The data folder is kept ``0700``, the database,
        its ``-wal``/``-shm`` and backups ``0600`` (POSIX).
        """
        from dispense_app.paths import resolve_home

        chosen = resolve(store)
        if chosen.is_site:
            return cls.open_site(resolve_home(home, create=create), chosen, create=create, journal=journal)
        folder = resolve_home(home, create=create)
        path = folder / filename
        if not create and not path.exists():
            raise NotAStationDatabaseError(f"there is no station database in {folder} (no {filename})")
        with OpenLock(path):  # one process at a time creates, checks and migrates (issue 16, defect 11)
            return cls._open_locked(folder, path, create=create)

    @classmethod
    def _open_locked(cls, folder: Path, path: Path, *, create: bool) -> Station:
        created = not path.exists() or path.stat().st_size == 0
        if created and not create:
            raise NotAStationDatabaseError(f"there is no station database in {folder} (no {path.name})")
        _private(folder, path, create=created)
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
            _private(folder, path, create=False)  # the -wal/-shm SQLite has just made
            return station
        except BaseException:
            conn.close()
            raise

    @classmethod
    def open_site(cls, folder: Path, store: StoreURL, *, create: bool = True, journal: bool = False) -> Station:
        """Open the site store (PostgreSQL) for the counter whose home is ``folder``: refused when
        written by a newer version; migrated (all pending migrations in one transaction) when
        older; ``create=False`` refuses a site store that was never initialised. ``journal``: see
        :meth:`open`."""
        try:
            conn, version, applied, counter = open_site_connection(folder, store, create=create)
        except SiteUnreachableError:
            if not journal:
                raise
            return cls._open_journal(folder, store)
        info = OpenInfo(folder / "site.store", version == 0, version, SCHEMA_VERSION, applied, None)
        station = cls._site_station(folder, store, conn, info, counter)
        if create and station.settings.get("station.location"):
            remember_site(folder, store, station.location)  # for the journal, should the site be down later
        if journal and waiting(folder):
            try:
                station.merge_report = merge_journal(station, folder)
            except BaseException:
                station.close()
                raise
        return station

    @classmethod
    def _open_journal(cls, folder: Path, store: StoreURL) -> Station:
        """The counter's local journal (SQLite, same schema), its outbox held until merged."""
        station = cls.open(folder, filename=JOURNAL_FILENAME, store=StoreURL("sqlite"))
        station.counter = Counter.load(folder)
        station.journal_for = store
        station.outbox.held = True
        location = remembered_location(folder, store)
        if location and station.settings.get("station.location") != location:
            station.settings.set("station.location", location)
        return station

    @classmethod
    def _site_station(cls, folder: Path, store: StoreURL, conn: Any, info: OpenInfo, counter: Counter) -> Station:
        try:
            # PgConnection offers the part of sqlite3.Connection the store uses (dispense_app.store.pg)
            handle = cast(sqlite3.Connection, conn)
            station = cls(folder / "site.store", handle, None, info, store=store, counter=counter)
            if info.migrations and not info.created:
                station.audit.append(
                    AuditKind.MIGRATION,
                    None,
                    {"from": info.from_version, "to": SCHEMA_VERSION, "migrations": info.migrations, "backup": None},
                )
            return station
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        """Close the database, first anchoring the audit chain's head outside it (:mod:`.audit_anchor`)."""
        from dispense_app.store import audit_anchor

        with self._lock:
            with contextlib.suppress(sqlite3.Error):  # closed already, or unreadable: verify says so
                audit_anchor.record(self._conn, self.path)
            self._conn.close()

    def verify_audit(self) -> AuditVerification:
        """The whole check of ``audit verify``: the hash chain, the records against their entries
        (:mod:`.audit_check`) and the chain against the heads anchored outside the database."""
        from dataclasses import replace

        from dispense_app.store import audit_anchor
        from dispense_app.store.audit_check import cross_check

        with self._lock:
            result = self.audit.verify()
            current = audit_anchor.head(self._conn)
            extra: dict[str, Any] = {"head": current.to_json() if current else None}
            try:
                anchored_problem, last = audit_anchor.check(self._conn, self.path)
            except sqlite3.DatabaseError:
                anchored_problem, last = None, None
            extra["anchored"] = last
            if not result.ok:
                return replace(result, **extra)
            if anchored_problem is not None:
                return replace(result, ok=False, first_broken=anchored_problem.seq, problem=anchored_problem.problem,
                               message=anchored_problem.message, **extra)
            try:
                findings = cross_check(self._conn)
            except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
                return replace(result, ok=False, problem="unreadable", message=f"records cannot be checked: {exc}",
                               **extra)
            if findings:
                first = findings[0]
                return replace(result, ok=False, first_broken=first.seq, problem=first.problem, message=first.message,
                               findings=[f.message for f in findings], **extra)
            return replace(result, **extra)

    def __enter__(self) -> Station:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def station_id(self) -> str:
        """The name of the counter: on a site store its own (kept in its home), else the station id."""
        if self.counter is not None:
            return self.counter.name
        if self._station_id is None:  # made once, when the station was created, and never changed:
            value = self.settings.get("station.id")  # read once (every scan named it)
            if value is None:
                return "None"  # as before, while the station is being created
            self._station_id = str(value)
        return self._station_id

    @property
    def is_site(self) -> bool:
        return self.store.is_site

    @property
    def location(self) -> str:
        """The premises id sent to the hub (setting ``station.location``; else the station id). The
        same SQL as a dispense's INSERT reads it with, so the two never disagree."""
        row = self._conn.execute("SELECT " + _LOCATION_SQL[self.dialect], (self.station_id,)).fetchone()
        return str(row[0])

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
    def _write_rows(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that locks only the rows it touches (no site write lock): the
        outbox claim, which picks its rows with ``FOR UPDATE SKIP LOCKED`` on a site store. On
        SQLite the same as :meth:`_write`."""
        if self.dialect == "sqlite":
            with self._write() as conn:
                yield conn
            return
        with self._lock:
            if self._conn.in_transaction:
                yield self._conn
                return
            self._conn.execute("BEGIN")
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

    def cache_transaction(self) -> Any:
        """Context manager: several cache writes (pack states, the scan log) in one transaction with
        the cache durability (``synchronous=NORMAL``): one commit per scan instead of one per write."""
        return self._write_cache()

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
        fill: DispenseFill | None = None,
        now: dt.datetime | None = None,
    ) -> DispenseRecord:
        """Record a decommission (supply by default) and queue it in the outbox, in ONE transaction
        (with its days of therapy, ``fill``, when given).

        Call this before any network I/O; then send it (``dispense_app.workflow.sender.send``,
        online) or leave it for the replay (``sender.replay``). ``raw`` is the scanned data exactly
        as received (bytes, or the scanned text). Raises :class:`DoubleDecommissionError` when the
        pack already has an open decommission at this station (queued, sent, confirmed or with an
        undo pending): nothing is written.
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
            fill,
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
            # every record's rows first, then their audit entries: on a site store the audit append
            # takes the site's write lock, and a transaction holding it waits for no row (no deadlock)
            done = [self._insert_decommission(conn, item, moment) for item in items]
            for item, (_record, details) in zip(items, done, strict=True):
                self.audit._append(conn, AuditKind.DISPENSE, item.operator, details, moment)
            return [record for record, _details in done]

    def _insert_decommission(
        self, conn: sqlite3.Connection, item: SupplyItem, moment: dt.datetime
    ) -> tuple[DispenseRecord, dict[str, Any]]:
        pack = item.pack
        if self.dialect == "sqlite":
            # on a site store the INSERT below is the check (its ON CONFLICT on the open-decommission
            # index), and _refuse_open names the holder only when it inserted nothing: a round trip less
            self._refuse_open(conn, pack)
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
            location=station,  # the premises id is read by the INSERT below (RETURNING location)
        )
        stamp = iso(moment)
        expiry = pack.expiry.isoformat() if pack.expiry else None
        try:
            inserted = conn.execute(
                "INSERT INTO dispense (id, created_at, updated_at, status, transaction_type, client_trx_id,"  # noqa: S608 (fixed texts)
                " patient_ref,"
                " prescription_ref, product_scheme, product_code, serial, lot, expiry, code_scheme, nhrn, raw_hex,"
                " aim_id, entry_mode, operator, station, location, undo_deadline)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + _LOCATION_SQL[self.dialect] + ", ?)"
                # the one-open-decommission-per-pack index (schema 3) decides a race between
                # processes or counters: the loser inserts nothing (and its transaction stays usable)
                " ON CONFLICT (product_code, serial) WHERE status IN ('queued', 'sent', 'confirmed', 'undo-queued')"
                " DO NOTHING RETURNING location",
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
                    station,
                    iso(record.undo_deadline),
                ),
            ).fetchone()
        except sqlite3.IntegrityError as exc:  # another process won the race for this pack
            self._refuse_open(conn, pack)
            raise exc
        if inserted is None:
            self._refuse_open(conn, pack)
            raise DoubleDecommissionError(pack.product_code, pack.serial, "(unknown)", "open")
        record = replace(record, location=str(inserted[0]))
        self._queue(conn, record.client_trx_id, record.transaction, record.id, pack, record.entry_mode, stamp)
        details: dict[str, Any] = {
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
        }
        if item.fill is not None:
            AdherenceStore.insert_fill(conn, record.id, item.fill)
            details["fill"] = {"days_supply": item.fill.days_supply, "medication": item.fill.medication}
        if item.seal is not None:  # the pharmacist confirmed the anti-tampering device (core/seal.py)
            details["seal"] = item.seal
        return record, details

    def _refuse_open(self, conn: sqlite3.Connection, pack: PackRef) -> None:
        """Raise :class:`DoubleDecommissionError` when the pack has an open decommission (naming
        the counter that made it and when, on a site store)."""
        row = conn.execute(
            "SELECT id, status, station, created_at, undo_deadline FROM dispense"  # noqa: S608
            f" WHERE product_code = ? AND serial = ? AND status IN {OPEN_SQL}",
            pack.key,
        ).fetchone()
        if row:
            site = (str(row[2] or "?"), str(row[3]), str(row[4])) if self.is_site else None
            raise DoubleDecommissionError(pack.product_code, pack.serial, row[0], row[1], site=site)

    @staticmethod
    def _queue(
        conn: sqlite3.Connection,
        client_trx_id: str,
        transaction: Transaction,
        dispense_id: str,
        pack: PackRef,
        entry_mode: EntryMode,
        stamp: str,
        ref_client_trx_id: str | None = None,
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
        if ref_client_trx_id:
            payload["ref_client_trx_id"] = ref_client_trx_id
        # on a site store, sent with the transaction's next statement or its COMMIT (one round trip less)
        send = getattr(conn, "defer", conn.execute)
        send(
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
        * else an undo request is queued in the outbox (status ``undo-queued``), to be sent
          (``dispense_app.workflow.sender``).

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
                self._queue(
                    conn, trx, undo_trx, record.id, record.pack, record.entry_mode, stamp, record.client_trx_id
                )
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
            row = conn.execute(f"SELECT {DISPENSE_COLUMNS} FROM dispense WHERE id = ?", (target,)).fetchone()  # noqa: S608
            if row is None:
                raise UnknownRecordError(f"no dispense record {target}")
            found = dict(zip(DISPENSE_NAMES, row, strict=True))
            if found["status"] not in {s.value for s in OPEN_STATUSES}:
                raise NotDispensedHereError(f"dispense record {target} is {found['status']}: nothing to undo")
            return found
        key = target.key if isinstance(target, PackRef) else target
        row = conn.execute(
            f"SELECT {DISPENSE_COLUMNS} FROM dispense WHERE product_code = ? AND serial = ? AND status IN {OPEN_SQL}",  # noqa: S608
            key,
        ).fetchone()
        if row is None:
            raise NotDispensedHereError(f"pack {key[0]} / {key[1]} has no open decommission at this station")
        return dict(zip(DISPENSE_NAMES, row, strict=True))

    # ------------------------------------------------------------------ reading records

    def dispense_record(self, dispense_id: str) -> DispenseRecord:
        row = self._conn.execute(f"SELECT {DISPENSE_COLUMNS} FROM dispense WHERE id = ?", (dispense_id,)).fetchone()  # noqa: S608
        if row is None:
            raise UnknownRecordError(f"no dispense record {dispense_id}")
        return DispenseRecord.from_row(dict(zip(DISPENSE_NAMES, row, strict=True)))

    def open_decommission(self, product_code: str, serial: str) -> DispenseRecord | None:
        """The pack's open decommission at this station (the "already dispensed here" rule), if any."""
        if not (product_code.isprintable() and serial.isprintable()):
            return None  # never recorded: record_supply refuses codes with control characters
        row = self._conn.execute(
            f"SELECT {DISPENSE_COLUMNS} FROM dispense WHERE product_code = ? AND serial = ? AND status IN {OPEN_SQL}",  # noqa: S608
            (product_code, serial),
        ).fetchone()
        return DispenseRecord.from_row(dict(zip(DISPENSE_NAMES, row, strict=True))) if row else None

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
            f"SELECT {DISPENSE_COLUMNS} FROM dispense{where} ORDER BY created_at, rowid",  # noqa: S608
            params,
        ):
            yield DispenseRecord.from_row(dict(zip(DISPENSE_NAMES, row, strict=True)))

    # ------------------------------------------------------------------ outbox

    def journal_waiting(self) -> int:
        """A counter's local journal: its records (dispenses and alerts) not merged into the site yet."""
        return unmerged(self._conn)

    def pending(self, *, limit: int | None = None) -> list[OutboxEntry]:
        """Outbox entries not yet answered by the hub, in sending order."""
        return self.outbox.pending(limit=limit)

    def pending_count(self) -> int:
        return self.outbox.pending_count()

    def outbox_entry(self, client_trx_id: str) -> OutboxEntry:
        found = self.outbox.entry(client_trx_id)
        if found is None:
            raise UnknownRecordError(f"no outbox entry {client_trx_id}")
        return found

    # ------------------------------------------------------------------ scanner events

    def record_scanner_event(self, details: dict[str, Any], *, actor: str | None) -> None:
        """Record a local scanner event (a scan the scanner gate stopped, or admitted after repairing
        it: ``details`` is what the workflow makes of ``GateResult.event_record()``) as an audit
        entry of kind ``scanner-event``, in its own small transaction. It stays on this station: the
        hub never saw the scan, so nothing is queued for it."""
        self.audit.append(AuditKind.SCANNER_EVENT, actor, details)

    # ------------------------------------------------------------------ alerts

    def add_alert(self, alert: AlertRecord) -> AlertRecord:
        """Persist an alert (every field) and append it to the audit trail.

        An alert id the station already has (a hub alert id reported twice) gets a local id
        (``L-...``) instead, so nothing is overwritten; the stored record is returned.
        """
        if alert.created_at.tzinfo is None:
            raise ValueError("AlertRecord.created_at must be timezone-aware")
        with self._write() as conn:
            return alert_rows.record(conn, self.audit, alert)

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
        return_code: str | None = None,
        without_return_code: bool = False,
        operator: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Like :meth:`alerts` but yields ``AlertRecord.to_json()``-shaped dicts straight from the
        rows (no object per row): the fast path for exports of many alerts. ``return_code``,
        ``without_return_code`` and ``operator`` as in :class:`~dispense_app.store.alerts.AlertFilter`."""
        flt = alert_rows.AlertFilter(
            since, until, status, source,
            return_code=return_code, without_return_code=without_return_code, operator=operator,
        )
        for row in alert_rows.select(self._conn, flt):
            yield alert_rows.json_from_row(row)

    def joined_alert_rows(self, flt: alert_rows.AlertFilter, joiner: str) -> Iterator[tuple[int, str | None]]:
        """``(rowid, text)`` for each alert ``flt`` selects, oldest first (streamed): the fast path
        for a CSV export of many alerts, which needs the stored text and no object per row.

        ``text`` is the row's cells in :data:`alerts.COLUMNS <dispense_app.store.alerts.COLUMNS>`
        order joined by ``joiner`` (NULL as an empty cell, ``supplied_anyway`` as ``true``/``false``,
        everything else as stored), or None when a column holds a NUL character: read that row with
        :meth:`stored_alert_row`.
        """
        return alert_rows.select_joined(self._conn, flt, joiner)

    def stored_alert_row(self, rowid: int) -> tuple[Any, ...]:
        """One alert as stored (a row of the alerts table in ``COLUMNS`` order: dates as ISO text,
        nhrn/comments as JSON text, supplied_anyway 0/1), by the ``rowid`` that
        :meth:`joined_alert_rows` gave. Raises :class:`UnknownRecordError` if it is gone."""
        row = alert_rows.select_rowid(self._conn, rowid)
        if row is None:
            raise UnknownRecordError(f"no alert with rowid {rowid}")
        return row

    def delete_closed_alerts(
        self,
        alert_ids: Sequence[str],
        *,
        before: dt.datetime,
        actor: str | None,
        details: dict[str, Any],
        kind: str = "alert-purge",
    ) -> int:
        """Delete those of ``alert_ids`` that are (still) closed and were created before ``before``,
        and append one audit entry ``kind`` with ``details`` plus ``purged`` (the number deleted) and
        ``alert_ids``, in ONE transaction (joining the caller's :meth:`transaction`, if any): no alert
        leaves the store without its audit entry. Returns the number deleted."""
        if before.tzinfo is None:
            raise ValueError("before must be timezone-aware")
        held = self.quarantine.held_alert_ids()  # kept with their quarantine record (6 years)
        ids = [i for i in alert_ids if i not in held]
        with self._write() as conn:
            deleted = alert_rows.delete_closed(conn, ids, before)
            self._audit_in(conn, kind, actor, {**details, "purged": deleted, "alert_ids": ids})
        return deleted

    def alert_count(self, *, status: AlertStatus | str | None = None) -> int:
        """How many alerts (with ``status``): one row of the counts the triggers of migration 10 keep,
        not a count over the alerts (the status bar asks every 2 s; issue 22)."""
        if status is None:
            row = self._conn.execute("SELECT coalesce(sum(n), 0) FROM alert_counts").fetchone()
        else:
            sql = "SELECT coalesce(sum(n), 0) FROM alert_counts WHERE status = ?"
            row = self._conn.execute(sql, (AlertStatus(status).value,)).fetchone()
        return int(row[0])

    def alert_page(self, flt: alert_rows.AlertFilter, *, offset: int, limit: int) -> list[AlertRecord]:
        """One page of the matching alerts, newest first (the alerts view scrolls through pages)."""
        return [alert_rows.from_row(row) for row in alert_rows.page(self._conn, flt, offset=offset, limit=limit)]

    def alert_total(self, flt: alert_rows.AlertFilter) -> int:
        """How many alerts match ``flt``."""
        return alert_rows.count(self._conn, flt)

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


@dataclass(frozen=True, slots=True)
class _RawHandle:
    """``Station.db`` on a site store: the raw connection only (sqlite-utils is SQLite's)."""

    conn: Any


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


def _private(folder: Path, path: Path, *, create: bool) -> None:
    """The data folder ``0700``; the database (created so when ``create``), its ``-wal``/``-shm``
    and its backups ``0600`` (POSIX; issue 16, defect 12). See :mod:`dispense_app.store.files`."""
    try:
        private_folder(folder)
        if create:
            create_private(path)
        for file in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
            private_file(file)
        for backup in folder.glob(f"{path.stem}.v*.backup-*{path.suffix}"):
            private_file(backup)
    except OSError as exc:
        raise StoreEnvironmentError(f"cannot make {path} private to its owner: {exc.strerror or exc}") from exc


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the database (consistently, with SQLite's backup API) before migrating it; the copy is
    created ``0600`` (it holds what the database holds)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.stem}.v{version}.backup-{stamp}{path.suffix}")
    create_private(target, exclusive=True)
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
