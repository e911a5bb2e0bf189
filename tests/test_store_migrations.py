"""Schema versions: migrating from every earlier version (frozen copies of their schemas below,
never edit them), the backup taken before migrating, refusing newer or foreign files, WAL + FULL."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.store import (
    SCHEMA_VERSION,
    DispenseStatus,
    DoubleDecommissionError,
    NotAStationDatabaseError,
    SchemaTooNewError,
    Station,
)
from dispense_app.store.audit import GENESIS, canonical_json, entry_hash
from dispense_app.store.schema import MIGRATION_SET, VERSIONS, migrations

GTIN = "04150037528643"
T0 = "2026-01-01T09:00:00.000000+00:00"

# ---------------------------------------------------------------- frozen schemas (do not edit)

SCHEMA_V1 = """
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
MIGRATIONS_V1 = ["m001_initial"]

SCHEMA_V2 = """
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
MIGRATIONS_V2 = ["m001_initial", "m002_alerts"]

SCHEMA_V3 = (
    SCHEMA_V2
    + """
CREATE TABLE recalls (
    gtin TEXT NOT NULL,
    lot TEXT NOT NULL DEFAULT '',      -- '' = the whole product (withdrawal)
    kind TEXT NOT NULL,                -- recall / withdrawal
    reason TEXT,
    source TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (gtin, lot)
    );
CREATE UNIQUE INDEX dispense_one_open_per_pack ON dispense(product_code, serial)
    WHERE status IN ('queued', 'sent', 'confirmed', 'undo-queued');
"""
)
MIGRATIONS_V3 = ["m001_initial", "m002_alerts", "m003_recalls_and_guard"]

SCHEMA_V4 = (
    SCHEMA_V3
    + """
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
MIGRATIONS_V4 = [*MIGRATIONS_V3, "m004_operators_and_adherence"]

SCHEMA_V5 = (
    SCHEMA_V4
    + """
ALTER TABLE alerts ADD COLUMN scanned_at TEXT;    -- ISO 8601 UTC: when the scan arrived
ALTER TABLE alerts ADD COLUMN scan_keys TEXT;     -- JSON [[ms, key], ...] (scanner.key_log)
"""
)
MIGRATIONS_V5 = [*MIGRATIONS_V4, "m005_alert_scan_time_and_keys"]

# schema 6 (issue 21: serialized recall and the scan log), frozen as written by migration 6
SCHEMA_V6 = SCHEMA_V5 + """
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
    INSERT INTO scan_rollup (dim, day, key, bucket, scans, answered, clean, offline)
VALUES ('all', substr(NEW.at, 1, 10), '', CASE WHEN NEW.hub_ms IS NULL THEN -1 WHEN NEW.hub_ms < 100 THEN
    CAST(NEW.hub_ms AS INTEGER) WHEN NEW.hub_ms < 1000 THEN CAST(NEW.hub_ms / 10 AS INTEGER) * 10 WHEN
    NEW.hub_ms < 10000 THEN CAST(NEW.hub_ms / 100 AS INTEGER) * 100 ELSE CAST(NEW.hub_ms / 1000 AS INTEGER) *
    1000 END, 1, NEW.offline = 0 AND NEW.return_code IS NOT NULL, NEW.alert_id IS NULL, NEW.offline <> 0)
ON CONFLICT (dim, day, key, bucket) DO UPDATE SET scans = scans + 1,
answered = answered + excluded.answered, clean = clean + excluded.clean, offline = offline +
    excluded.offline;INSERT INTO scan_rollup (dim, day, key, bucket, scans, answered, clean, offline)
VALUES ('counter', substr(NEW.at, 1, 10), coalesce(NEW.station, ''), CASE WHEN NEW.hub_ms IS NULL THEN -1
    WHEN NEW.hub_ms < 100 THEN CAST(NEW.hub_ms AS INTEGER) WHEN NEW.hub_ms < 1000 THEN CAST(NEW.hub_ms / 10
    AS INTEGER) * 10 WHEN NEW.hub_ms < 10000 THEN CAST(NEW.hub_ms / 100 AS INTEGER) * 100 ELSE
    CAST(NEW.hub_ms / 1000 AS INTEGER) * 1000 END, 1, NEW.offline = 0 AND NEW.return_code IS NOT NULL,
    NEW.alert_id IS NULL, NEW.offline <> 0)
ON CONFLICT (dim, day, key, bucket) DO UPDATE SET scans = scans + 1,
answered = answered + excluded.answered, clean = clean + excluded.clean, offline = offline +
    excluded.offline;INSERT INTO scan_rollup (dim, day, key, bucket, scans, answered, clean, offline)
VALUES ('operator', substr(NEW.at, 1, 10), coalesce(NEW.operator, ''), CASE WHEN NEW.hub_ms IS NULL THEN -1
    WHEN NEW.hub_ms < 100 THEN CAST(NEW.hub_ms AS INTEGER) WHEN NEW.hub_ms < 1000 THEN CAST(NEW.hub_ms / 10
    AS INTEGER) * 10 WHEN NEW.hub_ms < 10000 THEN CAST(NEW.hub_ms / 100 AS INTEGER) * 100 ELSE
    CAST(NEW.hub_ms / 1000 AS INTEGER) * 1000 END, 1, NEW.offline = 0 AND NEW.return_code IS NOT NULL,
    NEW.alert_id IS NULL, NEW.offline <> 0)
ON CONFLICT (dim, day, key, bucket) DO UPDATE SET scans = scans + 1,
answered = answered + excluded.answered, clean = clean + excluded.clean, offline = offline +
    excluded.offline;INSERT INTO scan_rollup (dim, day, key, bucket, scans, answered, clean, offline)
VALUES ('scanner', substr(NEW.at, 1, 10), coalesce(NEW.scanner_profile, ''), CASE WHEN NEW.hub_ms IS NULL
    THEN -1 WHEN NEW.hub_ms < 100 THEN CAST(NEW.hub_ms AS INTEGER) WHEN NEW.hub_ms < 1000 THEN
    CAST(NEW.hub_ms / 10 AS INTEGER) * 10 WHEN NEW.hub_ms < 10000 THEN CAST(NEW.hub_ms / 100 AS INTEGER) *
    100 ELSE CAST(NEW.hub_ms / 1000 AS INTEGER) * 1000 END, 1, NEW.offline = 0 AND NEW.return_code IS NOT
    NULL, NEW.alert_id IS NULL, NEW.offline <> 0)
ON CONFLICT (dim, day, key, bucket) DO UPDATE SET scans = scans + 1,
answered = answered + excluded.answered, clean = clean + excluded.clean, offline = offline +
    excluded.offline;INSERT INTO scan_rollup (dim, day, key, bucket, scans, answered, clean, offline)
VALUES ('product', substr(NEW.at, 1, 10), coalesce(NEW.product_code, ''), -1, 1, NEW.offline = 0 AND
    NEW.return_code IS NOT NULL, NEW.alert_id IS NULL, NEW.offline <> 0)
ON CONFLICT (dim, day, key, bucket) DO UPDATE SET scans = scans + 1,
answered = answered + excluded.answered, clean = clean + excluded.clean, offline = offline + excluded.offline;
        END;
        CREATE TRIGGER scans_keep BEFORE DELETE ON scans
            BEGIN SELECT RAISE(ABORT, 'the scan log is append-only (the statistics roll it up)'); END;
        CREATE TRIGGER scans_fixed BEFORE UPDATE ON scans
            BEGIN SELECT RAISE(ABORT, 'the scan log is append-only (the statistics roll it up)'); END;
"""
MIGRATIONS_V6 = [*MIGRATIONS_V5, "m006_serialized_recall_and_scan_log"]

# schema 7 (issue 19: US DSCSA quarantine), frozen as written by migration 7
SCHEMA_V7 = SCHEMA_V6 + """
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
MIGRATIONS_V7 = [*MIGRATIONS_V6, "m007_quarantine"]

# schema 8 (issue 16: sign-in failures), frozen as written by migration 8
SCHEMA_V8 = SCHEMA_V7 + """
        CREATE TABLE sign_in_failures (
            login TEXT PRIMARY KEY,           -- as typed, lower-case
            failures INTEGER NOT NULL,        -- failed attempts in a row
            last_failed_at TEXT NOT NULL,     -- ISO 8601 UTC
            not_before TEXT NOT NULL          -- ISO 8601 UTC: no attempt is checked before this
        );
        """
MIGRATIONS_V8 = [*MIGRATIONS_V7, "m008_sign_in_failures"]

FROZEN = {
    1: (SCHEMA_V1, MIGRATIONS_V1),
    2: (SCHEMA_V2, MIGRATIONS_V2),
    3: (SCHEMA_V3, MIGRATIONS_V3),
    4: (SCHEMA_V4, MIGRATIONS_V4),
    5: (SCHEMA_V5, MIGRATIONS_V5),
    6: (SCHEMA_V6, MIGRATIONS_V6),
    7: (SCHEMA_V7, MIGRATIONS_V7),
    8: (SCHEMA_V8, MIGRATIONS_V8),
}

# Settings rows up to version 3 kept operator accounts and adherence data in (migration 4 moves
# what it can read into tables and leaves the rest where it was).
ANNA_PW = "correct horse battery"
TOM_PIN = "2580"  # 4 digits, as allowed until schema 7 (issue 16 asks 6 of new PINs)


def old_hash(secret: str) -> str:
    """A PIN/password hash as versions up to schema 7 made it: scrypt N = 2^14, r = 8, p = 1."""
    import base64
    import os

    salt = os.urandom(16)
    key = hashlib.scrypt(secret.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"


PATIENT_KEY = hashlib.sha256(b"p1").hexdigest()[:32]  # workflow.adherence_store's key of Patient/p1
NOTE = {"patient_ref": "Patient/p1", "medication": "ibuprofen 400 mg", "author": "anna",
        "at": "2026-01-03T10:00:00+01:00", "text": "takes it with food"}  # fmt: skip
BAD_NOTE = {"patient_ref": "Patient/p1", "text": "no author, no time"}


def _old_settings(conn: sqlite3.Connection) -> None:
    rows = {
        "operators.anna": {"login": "anna", "name": "Anna A", "role": "pharmacist", "hash": old_hash(ANNA_PW),
                           "active": True},
        "operators.tom": {"login": "tom", "name": "Tom T", "role": "technician", "hash": old_hash(TOM_PIN),
                          "active": False},
        "operators.broken": "not an account",
        "adherence.fill.D-1": {"days_supply": 30, "medication": "ibuprofen 400 mg", "rx_id": "rx-1", "item_id": "i1"},
        "adherence.fill.D-404": {"days_supply": 30, "medication": "of a record that is not there"},
        f"adherence.notes.{PATIENT_KEY}": [NOTE, BAD_NOTE],
    }  # fmt: skip
    conn.executemany(
        "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)",
        [(k, json.dumps(v, sort_keys=True), T0) for k, v in rows.items()],
    )


def _v4_rows(conn: sqlite3.Connection) -> None:
    """Operator accounts and adherence data as version 4 keeps them: in their tables, with what
    migration 4 could not read still in the settings."""
    conn.executemany(
        "INSERT INTO operators (login, name, role, secret_hash, active, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [("anna", "Anna A", "pharmacist", old_hash(ANNA_PW), 1, T0, T0),
         ("tom", "Tom T", "technician", old_hash(TOM_PIN), 0, T0, T0)],
    )  # fmt: skip
    conn.execute(
        "INSERT INTO adherence_fills (dispense_id, days_supply, medication, rx_id, item_id)"
        " VALUES ('D-1', 30, 'ibuprofen 400 mg', 'rx-1', 'i1')"
    )
    conn.execute(
        "INSERT INTO adherence_notes (patient_key, patient_ref, medication, author, at, text)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (PATIENT_KEY, *(NOTE[k] for k in ("patient_ref", "medication", "author", "at", "text"))),
    )
    rows = {
        "operators.broken": "not an account",
        "adherence.fill.D-404": {"days_supply": 30, "medication": "of a record that is not there"},
        f"adherence.notes.{PATIENT_KEY}": [BAD_NOTE],
    }
    conn.executemany(
        "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)",
        [(k, json.dumps(v, sort_keys=True), T0) for k, v in rows.items()],
    )


def _audit_rows(conn: sqlite3.Connection, entries: list[tuple[str, str, dict[str, object]]]) -> None:
    prev = GENESIS
    for seq, (kind, actor, details) in enumerate(entries, start=1):
        at = f"2026-01-0{seq}T10:00:00.000000+00:00"
        digest = entry_hash(prev, seq, at, kind, actor, details)
        conn.execute(
            "INSERT INTO audit (seq, at, kind, actor, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (seq, at, kind, actor, canonical_json(details), prev, digest),
        )
        prev = digest
    conn.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)", (len(entries), prev))


def _dispense(conn: sqlite3.Connection, did: str, serial: str, status: str, created: str, trx: str) -> None:
    conn.execute(
        "INSERT INTO dispense (id, created_at, updated_at, status, transaction_type, client_trx_id, patient_ref,"
        " product_scheme, product_code, serial, lot, expiry, raw_hex, entry_mode, operator, station, location,"
        " undo_deadline) VALUES (?, ?, ?, ?, 'supply', ?, 'PAT-1', 'GTIN', ?, ?, 'L1', '2031-12-31', '1D41',"
        " 'scan', 'anna', 'ST-OLD', 'PHARMACY-1', '2026-01-11T10:00:00.000000+00:00')",
        (did, created, created, status, trx, GTIN, serial),
    )
    conn.execute(
        "INSERT INTO outbox (client_trx_id, transaction_type, dispense_id, product_scheme, product_code, serial,"
        " lot, expiry, entry_mode, payload, created_at, state) VALUES (?, 'supply', ?, 'GTIN', ?, ?, 'L1',"
        " '2031-12-31', 'scan', '{}', ?, ?)",
        (trx, did, GTIN, serial, created, "done" if status == "confirmed" else "queued"),
    )


def make_old_database(path: Path, version: int) -> None:
    """A station database as version ``version`` of the app left it, with data in every table."""
    schema, names = FROZEN[version]
    conn = sqlite3.connect(path)
    conn.executescript(schema)
    conn.execute(
        "CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, applied_at TEXT)"
    )
    for name in names:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, '2026-01-01')",
            (MIGRATION_SET, name),
        )
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO settings VALUES ('station.id', '\"ST-OLD\"', ?), ('station.location', '\"PHARMACY-1\"', ?)",
        (T0, T0),
    )
    conn.execute(
        "INSERT INTO products (gtin, pzn, name, nhrn, source, updated_at)"
        " VALUES (?, '03752864', 'Ibuprofen 400 mg', '{\"710\": \"03752864\"}', 'import', ?)",
        (GTIN, T0),
    )
    conn.execute(
        "INSERT INTO pack_states VALUES (?, 'A1', 'Supplied', NULL, 'NMVS_SUCCESS', 'L1', '2031-12-31', ?)", (GTIN, T0)
    )
    _dispense(conn, "D-1", "A1", "confirmed", "2026-01-01T10:00:00.000000+00:00", "trx-1")
    _dispense(conn, "D-2", "A2", "queued", "2026-01-01T11:00:00.000000+00:00", "trx-2")
    # an old version without the guard could hold two open decommissions of one pack
    _dispense(conn, "D-3", "A3", "queued", "2026-01-01T12:00:00.000000+00:00", "trx-3")
    # (from version 3 on, the guard index allows only one: migration 3 had marked the later one)
    _dispense(conn, "D-4", "A3", "conflict" if version >= 3 else "queued", "2026-01-01T12:30:00.000000+00:00", "trx-4")
    if version >= 2:
        conn.execute(
            "INSERT INTO alerts (alert_id, created_at, source, reason, request, raw_hex, entry_mode, status, serial)"
            " VALUES ('A24-OLD', '2026-01-02T10:00:00.000000+00:00', 'hub', 'already supplied', 'supply', '1D41',"
            " 'scan', 'new', 'A1')"
        )
    if version >= 4:
        _v4_rows(conn)
    else:
        _old_settings(conn)
    _audit_rows(conn, [("settings", "admin", {"key": "station.id"}), ("dispense", "anna", {"dispense_id": "D-1"})])
    conn.commit()
    conn.close()


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _normalized_schema(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE '%sqlite_migrations%' ORDER BY name"
    )
    return [re.sub(r"\s+", " ", sql).strip() for (sql,) in rows]


@pytest.mark.parametrize("version", sorted(FROZEN))
def test_frozen_schema_is_what_the_migrations_built(version: int, tmp_path: Path) -> None:
    """Released migrations must never change: building version N from them gives the frozen schema."""
    stop = next((name for v, name in VERSIONS if v == version + 1), None)
    db = Database(tmp_path / "built.db")
    migrations.apply(db, stop_before=stop)
    assert db.execute("PRAGMA user_version").fetchone()[0] == version
    frozen = sqlite3.connect(":memory:")
    frozen.executescript(FROZEN[version][0])
    assert _normalized_schema(db.conn) == _normalized_schema(frozen)


def test_every_earlier_version_has_a_frozen_fixture() -> None:
    assert sorted(FROZEN) == list(range(1, SCHEMA_VERSION))
    assert [v for v, _ in VERSIONS] == list(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("version", sorted(FROZEN))
def test_migrates_from_every_earlier_version_keeping_data(version: int, home: Path) -> None:
    path = home / "station.db"
    make_old_database(path, version)
    before = _dump(path)
    with Station.open(home) as st:
        assert st.schema_version == SCHEMA_VERSION
        info = st.open_info
        assert (info.from_version, info.to_version) == (version, SCHEMA_VERSION)
        assert info.migrations == [name for v, name in VERSIONS if v > version]
        # the copy taken before migrating says which version it holds, and holds it untouched
        assert info.backup is not None and info.backup.name.startswith(f"station.v{version}.backup-")
        assert _dump(info.backup) == before
        old = sqlite3.connect(info.backup)
        assert old.execute("PRAGMA user_version").fetchone()[0] == version
        old.close()
        # data kept
        assert st.station_id == "ST-OLD" and st.location == "PHARMACY-1"
        product = st.products.get(GTIN)
        assert (
            product is not None and product.info.name == "Ibuprofen 400 mg" and product.info.nhrn == {"710": "03752864"}
        )
        assert st.pack_states.get(GTIN, "A1").state == "Supplied"  # type: ignore[union-attr]
        assert st.dispense_record("D-1").status is DispenseStatus.CONFIRMED
        assert [e.client_trx_id for e in st.pending()] == ["trx-2", "trx-3", "trx-4"]
        # the audit chain continues through the migration
        assert st.audit.verify().ok
        assert [e.kind for e in st.audit.entries()][-1] == "migration"
        if version >= 2:
            old_alert = st.alert("A24-OLD")
            assert old_alert.reason == "already supplied"
            assert old_alert.scanned_at is None and old_alert.scan_keys is None  # unknown before version 5
        # the second open decommission of one pack was marked, not deleted; the guard now holds
        assert st.dispense_record("D-3").status is DispenseStatus.QUEUED
        assert st.dispense_record("D-4").status is DispenseStatus.CONFLICT
        with pytest.raises(DoubleDecommissionError):
            st.record_supply(PackRef(ProductScheme.GTIN, GTIN, "A3"), b"x", "anna")
        # operator accounts and adherence data moved from the settings into their tables
        from dispense_app.store import DispenseFill
        from dispense_app.workflow.adherence_store import notes
        from dispense_app.workflow.operators_store import OperatorDirectory

        directory = OperatorDirectory(st)
        assert [(o.login, o.role.value, o.active) for o in directory.all()] == [
            ("anna", "pharmacist", True),
            ("tom", "technician", False),
        ]
        assert directory.sign_in("anna", ANNA_PW).name == "Anna A"
        # the old hash (scrypt N = 2^14) verified and was replaced by today's (issue 16), audited without it
        anna = directory.get("anna")
        assert anna is not None and anna.secret_hash.startswith("scrypt$65536$8$1$")
        assert directory.sign_in("anna", ANNA_PW).secret_hash == anna.secret_hash
        rehashed = [e for e in st.audit.entries() if e.kind == "operator"]
        assert [e.details["change"] for e in rehashed] == ["rehashed"]
        assert "scrypt$" not in json.dumps([e.details for e in st.audit.entries()])
        # a 4-digit PIN from before the 6-digit rule still signs in
        directory.set_active("tom", True, actor="anna")
        assert directory.sign_in("tom", TOM_PIN).login == "tom"
        assert st.sign_in_failures.get("tom") is None
        assert st.adherence.fill("D-1") == DispenseFill(30, "ibuprofen 400 mg", "rx-1", "i1")
        assert [n.to_json() for n in notes(st, "Patient/p1")] == [NOTE]
        keys = {k for k, _ in st.settings.items()}
        assert not keys & {"operators.anna", "operators.tom", "adherence.fill.D-1"}
        # what could not be read stays where it was, untouched or (a list of notes) with just that part
        assert {"operators.broken", "adherence.fill.D-404"} <= keys
        assert st.settings.get(f"adherence.notes.{PATIENT_KEY}") == [BAD_NOTE]
        assert st.audit.verify().ok
    with Station.open(home) as st:  # opening again migrates nothing and copies nothing
        assert st.open_info.migrations == [] and st.open_info.backup is None
    assert len(list(home.glob("station.v*.backup-*.db"))) == 1


def test_new_database_is_wal_full_and_current(home: Path) -> None:
    with Station.open(home) as st:
        assert st.open_info.created and st.open_info.backup is None
        assert st.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert st.db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert st.schema_version == SCHEMA_VERSION
        assert st.station_id.startswith("ST-")


def test_newer_database_is_refused_and_left_untouched(home: Path) -> None:
    with Station.open(home):
        pass
    path = home / "station.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(SchemaTooNewError) as err:
        Station.open(home)
    assert err.value.found == SCHEMA_VERSION + 1 and err.value.known == SCHEMA_VERSION
    assert "newer version of dispense-app" in str(err.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not list(home.glob("*.backup-*"))
    for argv in (["audit", "verify"], ["sync", "--hub", "http://127.0.0.1:9", "--json"]):
        out = subprocess.run(
            [sys.executable, "-m", "dispense_app", *argv, "--home", str(home)], capture_output=True, text=True
        )
        assert out.returncode == 2, argv
        assert "newer version" in out.stderr and out.stdout == ""


def test_unknown_migration_name_means_newer(home: Path) -> None:
    with Station.open(home):
        pass
    conn = sqlite3.connect(home / "station.db")
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, 'm004_from_the_future', 'x')",
        (MIGRATION_SET,),
    )
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNewError, match="m004_from_the_future"):
        Station.open(home)


@pytest.mark.parametrize("content", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 200])
def test_not_a_database_is_refused(home: Path, content: bytes) -> None:
    (home / "station.db").write_bytes(content)
    with pytest.raises(NotAStationDatabaseError):
        Station.open(home)
    out = subprocess.run(
        [sys.executable, "-m", "dispense_app", "audit", "verify", "--home", str(home)], capture_output=True, text=True
    )
    assert out.returncode == 2 and "station database" in out.stderr
    assert (home / "station.db").read_bytes() == content


def test_someone_elses_sqlite_file_is_refused(home: Path) -> None:
    conn = sqlite3.connect(home / "station.db")
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAStationDatabaseError, match="photos"):
        Station.open(home)


def test_settings_are_json_and_never_secrets(home: Path) -> None:
    from dispense_app.store import SecretSettingError

    with Station.open(home) as st:
        st.settings.set("hub.url", "https://hub.example")
        st.settings.set("ui.columns", ["a", "b"], actor="admin")
        assert st.settings.get("ui.columns") == ["a", "b"] and st.settings["hub.url"] == "https://hub.example"
        for key in ("hub.client_secret", "hub.password", "oauth.token", "cert.passphrase"):
            with pytest.raises(SecretSettingError):
                st.settings.set(key, "hunter2")
        with pytest.raises(ValueError):
            st.settings.set("bad key!", 1)
        st.settings.delete("ui.columns")
        assert "ui.columns" not in st.settings
        details = [e.details for e in st.audit.entries(kind="settings")]
        assert {"key": "ui.columns", "old": None, "new": ["a", "b"]} in details
        assert all("hunter2" not in json.dumps(d) for d in details)


def test_guard_index_covers_exactly_the_open_statuses(home: Path) -> None:
    """The unique partial index (migration 3) and DispenseStatus.is_open must agree."""
    from dispense_app.store.records import OPEN_STATUSES, DispenseStatus

    with Station.open(home) as st:
        (sql,) = st.db.conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'dispense_one_open_per_pack'"
        ).fetchone()
    listed = set(re.findall(r"'([a-z-]+)'", sql.split("WHERE", 1)[1]))
    assert listed == {s.value for s in OPEN_STATUSES}
    assert {s for s in DispenseStatus if s.is_open} == OPEN_STATUSES


def test_migration_5_gives_alerts_their_scan_time_and_key_timings(home: Path) -> None:
    """From version 4: the alerts table gains scanned_at and scan_keys (NULL for the alerts it
    holds), and new alerts keep both through the record, the JSON and the CSV paths."""
    import dataclasses
    import datetime as dt

    from dispense_app.export.samples import sample_alert
    from dispense_app.store.alerts import AlertFilter

    make_old_database(home / "station.db", 4)
    scanned = dt.datetime(2026, 1, 5, 9, 30, 0, 123456, tzinfo=dt.UTC)
    keys: list[list[float | str]] = [[0, "0"], [3, "1"], [6.5, "Ctrl+]"], [9, "Enter"]]
    with Station.open(home) as st:
        assert st.open_info.migrations[0] == "m005_alert_scan_time_and_keys"
        columns = [r[1] for r in st.db.conn.execute("PRAGMA table_info(alerts)")]
        assert columns[-2:] == ["scanned_at", "scan_keys"]
        (old,) = [d for d in st.alert_dicts() if d["alert_id"] == "A24-OLD"]
        assert (old["scanned_at"], old["scan_keys"]) == (None, None)
        new = dataclasses.replace(sample_alert(alert_id="A-NEW"), scanned_at=scanned, scan_keys=keys)
        st.add_alert(new)
        assert st.alert("A-NEW") == new
        (as_json,) = [d for d in st.alert_dicts() if d["alert_id"] == "A-NEW"]
        assert as_json == new.to_json() and as_json["scanned_at"] == "2026-01-05T09:30:00.123456+00:00"
        joined = [text for _, text in st.joined_alert_rows(AlertFilter(), "\xa4") if text and "A-NEW" in text]
        tail = '\xa42026-01-05T09:30:00.123456+00:00\xa4[[0, "0"], [3, "1"], [6.5, "Ctrl+]"], [9, "Enter"]]'
        assert joined[0].endswith(tail)
        assert st.audit.verify().ok


def test_migration_8_counts_failed_sign_ins_from_an_empty_table(home: Path) -> None:
    """From version 7: the sign_in_failures table (issue 16, defect 8), empty, so nobody migrated is
    locked out; a failed sign-in is then counted there and audited."""
    from dispense_app.workflow.operators_store import OperatorDirectory, SignInError

    make_old_database(home / "station.db", 7)
    with Station.open(home) as st:
        # migration 8, then every later one (issue 22's big-history migration follows it)
        assert st.open_info.migrations == [name for v, name in VERSIONS if v > 7]
        assert st.open_info.migrations[0] == "m008_sign_in_failures"
        assert st.db.conn.execute("SELECT count(*) FROM sign_in_failures").fetchone()[0] == 0
        with pytest.raises(SignInError):
            OperatorDirectory(st).sign_in("anna", "wrong password")
        assert st.sign_in_failures.get("anna") is not None
        assert [e.kind for e in st.audit.entries()][-2:] == ["migration", "sign-in-failed"]
        assert st.audit.verify().ok
