"""A station database made by release 634ba48 (schema 3, tests/data/station-v3-634ba48.db, made by
tests/data/make_release_station.py with that release's code), opened by this version: migration 4
moves its operator accounts, days of therapy and adherence notes out of the settings into their
tables, and nothing else changes."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from dispense_app.store import SCHEMA_VERSION, DispenseStatus, Station
from dispense_app.store.schema import VERSIONS
from dispense_app.workflow.adherence_store import fills, notes, patient_report
from dispense_app.workflow.operators_store import OperatorDirectory, SignInError

DATA = Path(__file__).parent / "data" / "station-v3-634ba48.db"
GTIN = "04150037528643"
PATIENT = "Patient/p1"
ANNA_PW = "correct horse battery"


@pytest.fixture
def station(home: Path) -> Station:
    shutil.copyfile(DATA, home / "station.db")
    return Station.open(home)


def test_the_release_database_is_what_this_test_expects() -> None:
    """Schema 3, and the three kinds of settings rows migration 4 is about."""
    conn = sqlite3.connect(f"file:{DATA}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        keys = [k for (k,) in conn.execute("SELECT key FROM settings ORDER BY key")]
    finally:
        conn.close()
    assert [k.rsplit(".", 1)[0] if k.startswith("adherence.") else k for k in keys] == [
        "adherence.fill",
        "adherence.fill",
        "adherence.notes",
        "operators.anna",
        "operators.tom",
        "station.id",
        "station.location",
    ]


def test_operators_and_adherence_move_into_their_tables(station: Station, home: Path) -> None:
    with station as st:
        info = st.open_info
        assert (info.from_version, info.to_version) == (3, SCHEMA_VERSION)
        # migration 4 first; then the later ones (5: the alerts' scan time and key timings)
        assert info.migrations == [name for v, name in VERSIONS if v > 3]
        assert info.migrations[0] == "m004_operators_and_adherence"
        assert info.backup is not None and info.backup.name.startswith("station.v3.backup-")
        assert st.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

        # the accounts: same logins, names, roles, active flags and PIN/password hashes
        directory = OperatorDirectory(st)
        assert directory.enabled
        assert [(o.login, o.name, o.role.value, o.active) for o in directory.all()] == [
            ("anna", "Anna Apothekerin", "pharmacist", True),
            ("tom", "Tom Technician", "technician", False),
        ]
        assert directory.sign_in("anna", ANNA_PW).login == "anna"
        with pytest.raises(SignInError):
            directory.sign_in("anna", "wrong password")
        with pytest.raises(SignInError):
            directory.sign_in("tom", "2580")  # inactive stays inactive
        assert [r[0] for r in st.db.conn.execute("SELECT login FROM operators ORDER BY login")] == ["anna", "tom"]

        # the days of therapy: two supplies on the prescription, one without
        records = list(st.dispense_records(patient_ref=PATIENT))
        assert [r.status for r in records] == [DispenseStatus.QUEUED] * 3
        found, without_days = fills(st, PATIENT)
        assert without_days == 1
        assert sorted((f.record_id, f.days_supply, f.medication) for f in found) == sorted(
            (r.id, 30, GTIN) for r in records[:2]
        )
        assert st.adherence.fill(records[0].id) is not None and st.adherence.fill(records[2].id) is None

        # the note, under the same patient key, with its time as written
        (note,) = notes(st, PATIENT)
        assert (note.author, note.medication, note.text) == ("anna", "ibuprofen 400 mg", "takes it with food")
        assert note.at == dt.datetime(2026, 1, 3, 10, 0, tzinfo=dt.UTC)
        key = hashlib.sha256(b"p1").hexdigest()[:32]
        assert st.db.conn.execute("SELECT patient_key FROM adherence_notes").fetchall() == [(key,)]

        # the settings keep only what is a setting
        assert sorted(k for k, _ in st.settings.items()) == ["station.id", "station.location"]

        # everything else as it was: the outbox, the audit chain (continued by the migration entry)
        assert st.pending_count() == 3
        assert st.audit.verify().ok
        # after the migration entry: anna's old hash replaced at her sign-in, then the two failures
        kinds = [e.kind for e in st.audit.entries()]
        assert kinds[-4:] == ["migration", "operator", "sign-in-failed", "sign-in-failed"]
        report, unknown = patient_report(st, PATIENT, dt.date(2026, 12, 31))
        assert unknown == 1 and report.to_json()["patient"] == PATIENT

    with Station.open(home) as again:  # opening again migrates nothing
        assert again.open_info.migrations == [] and len(OperatorDirectory(again).all()) == 2


def test_the_migrated_station_keeps_working(station: Station) -> None:
    """New accounts, notes and supplies with days of therapy go to the tables."""
    from dispense_app.core.model import PackRef, ProductScheme
    from dispense_app.store import DispenseFill
    from dispense_app.workflow.adherence_store import add_note

    with station as st:
        directory = OperatorDirectory(st)
        directory.add("sue", "Sue Support", "support", "739164", actor="anna")
        directory.set_active("tom", True, actor="anna")
        assert directory.sign_in("tom", "2580").login == "tom"
        add_note(st, "p1", "ibuprofen 400 mg", "anna", "second note", dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
        assert [n.text for n in notes(st, PATIENT)] == ["takes it with food", "second note"]
        pack = PackRef(ProductScheme.GTIN, GTIN, "REL004", "L1", dt.date(2031, 12, 31))
        rec = st.record_supply(pack, b"x", "anna", PATIENT, fill=DispenseFill(10, "ibuprofen 400 mg"))
        assert st.adherence.fill(rec.id) == DispenseFill(10, "ibuprofen 400 mg")
        assert len(fills(st, PATIENT)[0]) == 3
        assert all(not k.startswith(("operators.", "adherence.")) for k, _ in st.settings.items())
        assert st.audit.verify().ok
