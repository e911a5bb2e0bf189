"""The station database schema, as an ordered list of migrations (``sqlite_utils.Migrations``).

Rules for changing the schema:

* Never edit a migration that has been released; add a new one at the end.
* Each migration sets ``PRAGMA user_version`` to its own number, in the same transaction as its
  changes, so the version can be read without knowing the migration names. A database whose
  ``user_version`` is higher than :data:`SCHEMA_VERSION` (or that lists migrations this program does
  not know) was written by a newer app and is refused (:class:`SchemaTooNewError`).
* ``tests/test_store_migrations.py`` keeps a frozen copy of every earlier version's schema and checks
  that each one migrates to the current version with its data intact.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from dispense_app.store.errors import NotAStationDatabaseError, SchemaTooNewError, StoreEnvironmentError

MIGRATION_SET = "dispense_app.station"

migrations = Migrations(MIGRATION_SET)

# (version, migration name) in order; filled by the decorator below.
VERSIONS: list[tuple[int, str]] = []


def _migration(version: int) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    def wrap(fn: Callable[[Database], None]) -> Callable[[Database], None]:
        assert version == len(VERSIONS) + 1, "migrations must be numbered 1, 2, 3, ... in order"

        def run(db: Database) -> None:
            fn(db)
            db.execute(f"PRAGMA user_version = {version:d}")

        run.__name__ = fn.__name__
        migrations(name=fn.__name__)(run)
        VERSIONS.append((version, fn.__name__))
        return fn

    return wrap


_M001_SQL = """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,          -- JSON
            updated_at TEXT NOT NULL
        );
        CREATE TABLE products (
            gtin TEXT PRIMARY KEY,
            ppn TEXT,
            pzn TEXT,
            name TEXT,
            strength TEXT,
            form TEXT,
            pack_size TEXT,
            ingredient TEXT,
            nhrn TEXT NOT NULL DEFAULT '{}',   -- JSON {"710": "..."}
            source TEXT NOT NULL,              -- hub / import
            updated_at TEXT NOT NULL
        );
        CREATE INDEX products_ppn ON products(ppn) WHERE ppn IS NOT NULL;
        CREATE INDEX products_pzn ON products(pzn) WHERE pzn IS NOT NULL;
        CREATE TABLE pack_states (
            product_code TEXT NOT NULL,
            serial TEXT NOT NULL,
            state TEXT,
            reason TEXT,
            return_code TEXT,
            lot TEXT,
            expiry TEXT,
            answered_at TEXT NOT NULL,
            PRIMARY KEY (product_code, serial)
        );
        CREATE TABLE dispense (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            status TEXT NOT NULL,
            transaction_type TEXT NOT NULL,
            client_trx_id TEXT NOT NULL UNIQUE,
            hub_trx_id TEXT,
            patient_ref TEXT,
            prescription_ref TEXT,
            product_scheme TEXT NOT NULL,      -- GTIN / PPN
            product_code TEXT NOT NULL,
            serial TEXT NOT NULL,
            lot TEXT,
            expiry TEXT,
            code_scheme TEXT,                  -- gs1 / gs1-dl / ifa
            nhrn TEXT NOT NULL DEFAULT '{}',
            raw_hex TEXT NOT NULL,
            aim_id TEXT,
            entry_mode TEXT NOT NULL,
            operator TEXT,
            station TEXT,
            location TEXT,
            undo_deadline TEXT NOT NULL,
            confirmed_at TEXT,
            return_code TEXT,
            hub_state TEXT,
            reason TEXT,
            alert_id TEXT,
            undo_client_trx_id TEXT UNIQUE,
            undo_requested_at TEXT,
            undo_by TEXT,
            undo_reason TEXT,
            undone_at TEXT
        );
        CREATE INDEX dispense_pack ON dispense(product_code, serial);
        CREATE INDEX dispense_patient ON dispense(patient_ref, created_at);
        CREATE INDEX dispense_created ON dispense(created_at);
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            client_trx_id TEXT NOT NULL UNIQUE,
            transaction_type TEXT NOT NULL,
            dispense_id TEXT NOT NULL REFERENCES dispense(id),
            product_scheme TEXT NOT NULL,
            product_code TEXT NOT NULL,
            serial TEXT NOT NULL,
            lot TEXT,
            expiry TEXT,
            entry_mode TEXT NOT NULL,
            payload TEXT NOT NULL,             -- JSON of the request as sent
            created_at TEXT NOT NULL,
            state TEXT NOT NULL,               -- queued / sending / done / cancelled / refused
            attempts INTEGER NOT NULL DEFAULT 0,
            last_attempt_at TEXT,
            last_error TEXT,
            outcome TEXT,                      -- confirmed / conflict / rejected / refused
            return_code TEXT,
            hub_trx_id TEXT,
            done_at TEXT
        );
        CREATE INDEX outbox_pending ON outbox(seq) WHERE state IN ('queued', 'sending');
        CREATE INDEX outbox_dispense ON outbox(dispense_id);
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            actor TEXT,
            details TEXT NOT NULL,             -- canonical JSON
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        """
"""Migration 1's statements exactly as released (kept out of the function only for its length)."""


@_migration(1)
def m001_initial(db: Database) -> None:
    """Settings, caches of products and pack states, dispense records, outbox, audit chain."""
    db.executescript(_M001_SQL)


@_migration(2)
def m002_alerts(db: Database) -> None:
    """Alerts: one column per AlertRecord field (dispense_app.core.alerts)."""
    db.executescript(
        """
        CREATE TABLE alerts (
            alert_id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            source TEXT NOT NULL,
            return_code TEXT,
            alert_class TEXT,
            reason TEXT NOT NULL,
            request TEXT NOT NULL,
            client_trx_id TEXT,
            hub_trx_id TEXT,
            operator TEXT,
            station TEXT,
            location TEXT,
            raw_hex TEXT NOT NULL,
            aim_id TEXT,
            entry_mode TEXT NOT NULL,
            scheme TEXT,
            gtin TEXT,
            ppn TEXT,
            pzn TEXT,
            serial TEXT,
            lot TEXT,
            expiry TEXT,
            nhrn TEXT NOT NULL DEFAULT '{}',
            state TEXT,
            app_version TEXT,
            scanner_profile TEXT,
            dispense_id TEXT,
            patient_ref TEXT,
            supplied_anyway INTEGER NOT NULL DEFAULT 0,
            supplied_anyway_reason TEXT,
            supplied_anyway_by TEXT,
            status TEXT NOT NULL,
            cause TEXT,
            comments TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX alerts_created ON alerts(created_at);
        CREATE INDEX alerts_status ON alerts(status, created_at);
        CREATE INDEX alerts_dispense ON alerts(dispense_id) WHERE dispense_id IS NOT NULL;
        """
    )


@_migration(3)
def m003_recalls_and_guard(db: Database) -> None:
    """Local recall/withdrawal list; at most one open decommission per pack (unique partial index).

    Databases from version 2 could in principle hold two open decommissions of one pack; the
    later ones are marked ``conflict`` (with a reason) before the index is created, so the
    migration cannot fail on old data and nothing is deleted.
    """
    db.executescript(
        """
        CREATE TABLE recalls (
            gtin TEXT NOT NULL,
            lot TEXT NOT NULL DEFAULT '',      -- '' = the whole product (withdrawal)
            kind TEXT NOT NULL,                -- recall / withdrawal
            reason TEXT,
            source TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            PRIMARY KEY (gtin, lot)
        );
        UPDATE dispense SET status = 'conflict',
               reason = 'second open decommission of this pack found while migrating to schema 3'
         WHERE status IN ('queued', 'sent', 'confirmed', 'undo-queued')
           AND EXISTS (SELECT 1 FROM dispense AS d
                        WHERE d.product_code = dispense.product_code AND d.serial = dispense.serial
                          AND d.status IN ('queued', 'sent', 'confirmed', 'undo-queued')
                          AND (d.created_at < dispense.created_at
                               OR (d.created_at = dispense.created_at AND d.rowid < dispense.rowid)));
        CREATE UNIQUE INDEX dispense_one_open_per_pack ON dispense(product_code, serial)
            WHERE status IN ('queued', 'sent', 'confirmed', 'undo-queued');
        """
    )


@_migration(4)
def m004_operators_and_adherence(db: Database) -> None:
    """Operator accounts, adherence fills (days of therapy per supply) and adherence notes get tables
    of their own; until now they were settings rows (``operators.<login>``, ``adherence.fill.<dispense
    id>``, ``adherence.notes.<patient key>``). Every such row this migration can read is moved (and
    removed from the settings); a row it cannot read (malformed JSON value, a fill of a dispense
    record that does not exist) stays in the settings untouched, so nothing is lost.
    """
    db.executescript(
        """
        CREATE TABLE operators (
            login TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,                -- pharmacist / technician / support
            secret_hash TEXT NOT NULL,         -- scrypt$N$r$p$salt$key, never the secret
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE adherence_fills (
            dispense_id TEXT PRIMARY KEY REFERENCES dispense(id),
            days_supply INTEGER NOT NULL CHECK (days_supply >= 1),
            medication TEXT NOT NULL,
            rx_id TEXT,
            item_id TEXT
        );
        CREATE TABLE adherence_notes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            patient_key TEXT NOT NULL,         -- hash of the bare patient id (workflow.adherence_store)
            patient_ref TEXT NOT NULL,
            medication TEXT NOT NULL,
            author TEXT NOT NULL,
            at TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX adherence_notes_patient ON adherence_notes(patient_key, id);
        """
    )
    conn = db.conn
    moved: list[str] = []
    rows = conn.execute(
        "SELECT key, value, updated_at FROM settings"
        " WHERE key GLOB 'operators.*' OR key GLOB 'adherence.fill.*' OR key GLOB 'adherence.notes.*' ORDER BY key"
    ).fetchall()
    for key, text, updated_at in rows:
        try:
            value = json.loads(text)
        except ValueError:
            continue
        if key.startswith("operators."):
            done = _move_operator(conn, value, updated_at)
        elif key.startswith("adherence.fill."):
            done = _move_fill(conn, key.removeprefix("adherence.fill."), value)
        else:
            done = _move_notes(conn, key, value)
        if done:
            moved.append(key)
    conn.executemany("DELETE FROM settings WHERE key = ?", [(k,) for k in moved])


def _move_operator(conn: sqlite3.Connection, value: Any, stamp: str) -> bool:
    if not isinstance(value, dict):
        return False
    fields = (value.get("login"), value.get("name"), value.get("role"), value.get("hash"))
    if not all(isinstance(f, str) and f for f in fields) or not isinstance(value.get("active"), bool):
        return False
    conn.execute(
        "INSERT INTO operators (login, name, role, secret_hash, active, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(login) DO NOTHING",
        (*fields, 1 if value["active"] else 0, stamp, stamp),
    )
    return True


def _move_fill(conn: sqlite3.Connection, dispense_id: str, value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    days = value.get("days_supply")
    if isinstance(days, bool) or not isinstance(days, int):
        return False
    if conn.execute("SELECT 1 FROM dispense WHERE id = ?", (dispense_id,)).fetchone() is None:
        return False
    rx_id, item_id = value.get("rx_id"), value.get("item_id")
    conn.execute(
        "INSERT INTO adherence_fills (dispense_id, days_supply, medication, rx_id, item_id) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(dispense_id) DO NOTHING",
        (
            dispense_id,
            max(1, days),
            str(value.get("medication")),
            rx_id if isinstance(rx_id, str) else None,
            item_id if isinstance(item_id, str) else None,
        ),
    )
    return True


def _move_notes(conn: sqlite3.Connection, key: str, value: Any) -> bool:
    """Move the notes that can be read; any that cannot stay behind in the settings row."""
    if not isinstance(value, list):
        return False
    patient_key = key.removeprefix("adherence.notes.")
    notes, unreadable = [], []
    for n in value:
        parts = [n.get(k) for k in ("patient_ref", "medication", "author", "at", "text")] if isinstance(n, dict) else []
        if len(parts) == 5 and all(isinstance(p, str) for p in parts) and _is_time(str(parts[3])):
            notes.append((patient_key, *parts))
        else:
            unreadable.append(n)
    conn.executemany(
        "INSERT INTO adherence_notes (patient_key, patient_ref, medication, author, at, text)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        notes,
    )
    if unreadable:
        kept = json.dumps(unreadable, sort_keys=True, ensure_ascii=False)
        conn.execute("UPDATE settings SET value = ? WHERE key = ?", (kept, key))
    return not unreadable


def _is_time(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


@_migration(5)
def m005_alert_scan_time_and_keys(db: Database) -> None:
    """Alerts keep when the scan arrived and a keyboard-wedge scan's key timings
    (``AlertRecord.scanned_at``, ``scan_keys``): two columns that may be NULL. Alerts recorded
    before have neither (NULL: unknown); nothing else changes."""
    db.executescript(
        """
        ALTER TABLE alerts ADD COLUMN scanned_at TEXT;    -- ISO 8601 UTC: when the scan arrived
        ALTER TABLE alerts ADD COLUMN scan_keys TEXT;     -- JSON [[ms, key], ...] (scanner.key_log)
        """
    )


@_migration(6)
def m006_serialized_recall_and_scan_log(db: Database) -> None:
    """Serialized recall (issue 21): recall notices with their serial scope (a batch, serial lists,
    ranges, exclusions), the pharmacist's patient contacts per notice, and a scan log (one row per
    pack the workflow answered: verdict, hub code, offline, hub time, scanner profile) that the
    statistics and the counterfeit signals read. Indexes for the trace (dispense and scan log by
    product code + batch). Nothing existing changes."""
    db.executescript(
        """
        CREATE TABLE recall_notices (
            notice_id TEXT PRIMARY KEY,
            reason TEXT,
            issued TEXT,
            source TEXT NOT NULL,              -- file name, or 'manual'
            imported_at TEXT NOT NULL,
            imported_by TEXT
        );
        CREATE TABLE recall_scopes (
            notice_id TEXT NOT NULL REFERENCES recall_notices(notice_id),
            gtin TEXT NOT NULL,                -- 14 digits
            lot TEXT NOT NULL,
            scope TEXT NOT NULL,               -- JSON {"serials": [...], "ranges": [[a, b]], "exclude": [...]}
            PRIMARY KEY (notice_id, gtin, lot)
        );
        CREATE INDEX recall_scopes_batch ON recall_scopes(gtin, lot);
        CREATE TABLE recall_contacts (
            notice_id TEXT NOT NULL REFERENCES recall_notices(notice_id),
            dispense_id TEXT NOT NULL,
            contacted_at TEXT NOT NULL,
            contacted_by TEXT,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (notice_id, dispense_id)
        );
        CREATE TABLE scans (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,                  -- ISO 8601 UTC
            request TEXT NOT NULL,             -- verify / supply / undo-supply / ...
            verdict TEXT NOT NULL,             -- ok / warn / stop
            return_code TEXT,
            state TEXT,
            offline INTEGER NOT NULL DEFAULT 0,
            hub_ms REAL,
            alert_id TEXT,
            dispense_id TEXT,
            operator TEXT,
            station TEXT,
            scanner_profile TEXT,
            entry_mode TEXT,
            product_code TEXT,
            serial TEXT,
            lot TEXT,
            expiry TEXT,
            hub_lot TEXT,
            hub_expiry TEXT,
            market TEXT
        );
        CREATE INDEX scans_at ON scans(at);
        CREATE INDEX scans_batch ON scans(product_code, lot);
        CREATE INDEX scans_pack ON scans(product_code, serial);
        CREATE INDEX dispense_batch ON dispense(product_code, lot);
        CREATE INDEX pack_states_batch ON pack_states(product_code, lot);
        CREATE INDEX alerts_stats ON alerts(created_at, status, cause, station, operator, scanner_profile, gtin, ppn);
        """
        + _SCAN_ROLLUP_SQL
    )


_HUB_BUCKET = (
    "CASE WHEN NEW.hub_ms IS NULL THEN -1 WHEN NEW.hub_ms < 100 THEN CAST(NEW.hub_ms AS INTEGER)"
    " WHEN NEW.hub_ms < 1000 THEN CAST(NEW.hub_ms / 10 AS INTEGER) * 10"
    " WHEN NEW.hub_ms < 10000 THEN CAST(NEW.hub_ms / 100 AS INTEGER) * 100"
    " ELSE CAST(NEW.hub_ms / 1000 AS INTEGER) * 1000 END"
)
"""The hub-time bucket of a scan (dispense_app.core.stats.hub_bucket says the same in Python)."""


def _rollup_upsert(dim: str, key: str, bucket: str) -> str:
    return (
        "INSERT INTO scan_rollup (dim, day, key, bucket, scans, answered, clean, offline)"  # noqa: S608 (fixed texts)
        f" VALUES ('{dim}', substr(NEW.at, 1, 10), {key}, {bucket}, 1,"
        " NEW.offline = 0 AND NEW.return_code IS NOT NULL, NEW.alert_id IS NULL, NEW.offline <> 0)"
        " ON CONFLICT (dim, day, key, bucket) DO UPDATE SET scans = scans + 1,"
        " answered = answered + excluded.answered, clean = clean + excluded.clean,"
        " offline = offline + excluded.offline;"
    )


_SCAN_ROLLUP_SQL = (
    """
        CREATE TABLE scan_rollup (
            dim TEXT NOT NULL,                 -- all / counter / operator / scanner / product
            day TEXT NOT NULL,                 -- YYYY-MM-DD (UTC)
            key TEXT NOT NULL,                 -- the counter, operator, ... ('' for all)
            bucket INTEGER NOT NULL,           -- hub time bucket in ms (-1: no hub time; product: always -1)
            scans INTEGER NOT NULL,
            answered INTEGER NOT NULL,
            clean INTEGER NOT NULL,
            offline INTEGER NOT NULL,
            PRIMARY KEY (dim, day, key, bucket)
        ) WITHOUT ROWID;
        CREATE TRIGGER scans_rollup AFTER INSERT ON scans BEGIN
    """
    + _rollup_upsert("all", "''", _HUB_BUCKET)
    + _rollup_upsert("counter", "coalesce(NEW.station, '')", _HUB_BUCKET)
    + _rollup_upsert("operator", "coalesce(NEW.operator, '')", _HUB_BUCKET)
    + _rollup_upsert("scanner", "coalesce(NEW.scanner_profile, '')", _HUB_BUCKET)
    + _rollup_upsert("product", "coalesce(NEW.product_code, '')", "-1")
    + """
        END;
        CREATE TRIGGER scans_keep BEFORE DELETE ON scans
            BEGIN SELECT RAISE(ABORT, 'the scan log is append-only (the statistics roll it up)'); END;
        CREATE TRIGGER scans_fixed BEFORE UPDATE ON scans
            BEGIN SELECT RAISE(ABORT, 'the scan log is append-only (the statistics roll it up)'); END;
    """
)


# --- issue 19 (US DSCSA suspect product). Its own step: renumber on rebase if another lands first.
@_migration(7)
def m007_quarantine(db: Database) -> None:
    """Quarantine records for suspect and illegitimate product (US DSCSA; core/quarantine.py) and the
    packs of the same product verified during the investigation (the 3-packs-or-10 % count)."""
    db.executescript(
        """
        CREATE TABLE quarantine (
            id TEXT PRIMARY KEY,              -- Q-...
            created_at TEXT NOT NULL,         -- ISO 8601 UTC
            status TEXT NOT NULL,             -- suspect / illegitimate / submitted / released
            reason TEXT NOT NULL,
            source TEXT NOT NULL,             -- vrs / manual
            gtin TEXT NOT NULL,
            serial TEXT NOT NULL,
            lot TEXT,
            expiry TEXT,
            product_name TEXT,
            operator TEXT,
            station TEXT,
            alert_id TEXT,
            corr_uuid TEXT,
            responder_gln TEXT,
            on_hand INTEGER,
            trading_partner TEXT,
            determined_at TEXT,               -- illegitimate since: the 24-hour clock
            submitted_at TEXT,
            submitted_by TEXT,
            closed_at TEXT,
            closed_by TEXT,
            notes TEXT NOT NULL DEFAULT '[]', -- JSON list of text
            updated_at TEXT NOT NULL
        );
        CREATE INDEX quarantine_product ON quarantine(gtin, lot, status);
        CREATE TABLE quarantine_checks (
            quarantine_id TEXT NOT NULL REFERENCES quarantine(id),
            serial TEXT NOT NULL,
            checked_at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            PRIMARY KEY (quarantine_id, serial)
        );
        """
    )


# --- issue 16 (defect 8: PINs could be brute-forced).
@_migration(8)
def m008_sign_in_failures(db: Database) -> None:
    """Failed sign-ins in a row, per login as typed (an unknown login is counted like a known one, so
    the answers never tell which accounts exist); ``not_before`` is when the next attempt may be
    checked (the growing delays and the lockout of :func:`dispense_app.core.operators.wait_after`).
    A successful sign-in deletes the row."""
    db.executescript(
        """
        CREATE TABLE sign_in_failures (
            login TEXT PRIMARY KEY,           -- as typed, lower-case
            failures INTEGER NOT NULL,        -- failed attempts in a row
            last_failed_at TEXT NOT NULL,     -- ISO 8601 UTC
            not_before TEXT NOT NULL          -- ISO 8601 UTC: no attempt is checked before this
        );
        """
    )


# --- issue 22 (big histories); number 9 (the audit anchor that was to take it needed no migration)
@_migration(9)
def m009_big_histories(db: Database) -> None:
    """Years of history at a busy counter (1,000,000 dispenses, 100,000 alerts): the status bar's
    counts are kept by triggers (one row read, not a count over every alert or outbox entry), and the
    alerts view's filters (source, operator, return code) each have an index in newest-first order."""
    db.executescript(
        """
        CREATE TABLE alert_counts (
            status TEXT PRIMARY KEY,
            n INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO alert_counts (status, n) SELECT status, count(*) FROM alerts GROUP BY status;
        CREATE TRIGGER alert_counts_insert AFTER INSERT ON alerts BEGIN
            INSERT INTO alert_counts (status, n) VALUES (NEW.status, 1)
                ON CONFLICT (status) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER alert_counts_delete AFTER DELETE ON alerts BEGIN
            UPDATE alert_counts SET n = n - 1 WHERE status = OLD.status;
        END;
        CREATE TRIGGER alert_counts_status AFTER UPDATE OF status ON alerts
            WHEN OLD.status IS NOT NEW.status BEGIN
            UPDATE alert_counts SET n = n - 1 WHERE status = OLD.status;
            INSERT INTO alert_counts (status, n) VALUES (NEW.status, 1)
                ON CONFLICT (status) DO UPDATE SET n = n + 1;
        END;
        CREATE TABLE outbox_counts (
            state TEXT PRIMARY KEY,
            n INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO outbox_counts (state, n) SELECT state, count(*) FROM outbox GROUP BY state;
        CREATE TRIGGER outbox_counts_insert AFTER INSERT ON outbox BEGIN
            INSERT INTO outbox_counts (state, n) VALUES (NEW.state, 1)
                ON CONFLICT (state) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER outbox_counts_delete AFTER DELETE ON outbox BEGIN
            UPDATE outbox_counts SET n = n - 1 WHERE state = OLD.state;
        END;
        CREATE TRIGGER outbox_counts_state AFTER UPDATE OF state ON outbox
            WHEN OLD.state IS NOT NEW.state BEGIN
            UPDATE outbox_counts SET n = n - 1 WHERE state = OLD.state;
            INSERT INTO outbox_counts (state, n) VALUES (NEW.state, 1)
                ON CONFLICT (state) DO UPDATE SET n = n + 1;
        END;
        CREATE INDEX alerts_source ON alerts(source, created_at);
        CREATE INDEX alerts_operator ON alerts(operator, created_at);
        CREATE INDEX alerts_return_code ON alerts(upper(return_code), created_at);
        """
    )


SCHEMA_VERSION = VERSIONS[-1][0]
"""The schema version this program writes."""

KNOWN_MIGRATIONS = frozenset(name for _, name in VERSIONS)


def read_version(db: Database, path: str) -> int:
    """The schema version of an open database (0 for a new, empty file)."""
    try:
        row = db.execute("PRAGMA user_version").fetchone()
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        if any(t in str(exc) for t in ("disk I/O error", "disk is full")):  # not the file's fault (issue 16)
            raise StoreEnvironmentError(
                f"{path} cannot be used: the disk is full or a write failed ({exc}); free some space and try again"
            ) from exc
        raise NotAStationDatabaseError(f"{path} is not a station database ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        raise NotAStationDatabaseError(f"{path} is not a station database ({exc})") from exc
    return int(row[0])


def check_not_newer(db: Database, path: str) -> int:
    """Raise :class:`SchemaTooNewError` for a database written by a newer app; return its version."""
    version = read_version(db, path)
    unknown: list[str] = []
    if db[Migrations.migrations_table].exists():
        unknown = [m.name for m in migrations.applied(db) if m.name not in KNOWN_MIGRATIONS]
    if version > SCHEMA_VERSION or unknown:
        raise SchemaTooNewError(path, max(version, SCHEMA_VERSION + 1 if unknown else version), SCHEMA_VERSION, unknown)
    tables = set(db.table_names())
    if version == 0 and tables - {Migrations.migrations_table}:
        raise NotAStationDatabaseError(
            f"{path} is an SQLite database but not a station database (tables: {', '.join(sorted(tables))})"
        )
    return version


def migrate(db: Database) -> list[str]:
    """Apply every pending migration (each in its own transaction); return their names."""
    pending = [m.name for m in migrations.pending(db)]
    if pending:
        migrations.apply(db)
    return pending
