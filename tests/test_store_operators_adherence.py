"""The operators and adherence tables (migration 4) through the store: audited, hashes never in
the audit trail, a fill only with its dispense record, bounds checked inside the transaction."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dispense_app.core.adherence import new_note
from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.core.operators import new_operator
from dispense_app.store import (
    DispenseFill,
    DoubleDecommissionError,
    InvalidInputError,
    Station,
    SupplyItem,
    UnknownRecordError,
)

GTIN = "04150037528643"


@pytest.fixture
def station(home: Path, store_url: str) -> Iterator[Station]:
    with Station.open(home) as st:
        yield st


def pack(serial: str) -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN, serial, "L1", dt.date(2031, 12, 31))


def test_operator_changes_are_audited_without_the_hash(station: Station) -> None:
    anna = new_operator("anna", "Anna A", "pharmacist", "correct horse battery")
    station.operators.add(anna, actor=None)
    with pytest.raises(InvalidInputError):
        station.operators.add(anna)
    station.operators.update(new_operator("anna", "Anna B", "pharmacist", "258014"), actor="anna")
    with pytest.raises(UnknownRecordError):
        station.operators.update(new_operator("nobody", "N", "support", "258014"))
    got = station.operators.get("anna")
    assert got is not None and got.name == "Anna B" and got.check("258014")
    entries = list(station.audit.entries(kind="operator"))
    assert [(e.details["change"], e.actor) for e in entries] == [("added", None), ("updated", "anna")]
    assert entries[1].details["secret_changed"] is True
    assert "scrypt" not in json.dumps([e.details for e in entries])
    assert station.audit.verify().ok


def test_a_fill_is_written_with_its_record_or_not_at_all(station: Station) -> None:
    fill = DispenseFill(30, "ibuprofen 400 mg", "rx-1", "i1")
    rec = station.record_supply(pack("F1"), b"x", "anna", "Patient/p1", fill=fill)
    assert station.adherence.fill(rec.id) == fill
    assert [e.details.get("fill") for e in station.audit.entries(kind="dispense")] == [
        {"days_supply": 30, "medication": "ibuprofen 400 mg"}
    ]
    # a batch where one pack is refused: no record and no fill of any of them
    items = [SupplyItem(pack("F2"), b"x", "anna", fill=fill), SupplyItem(pack("F1"), b"x", "anna", fill=fill)]
    with pytest.raises(DoubleDecommissionError):
        station.record_supplies(items)
    assert station.db.conn.execute("SELECT count(*) FROM adherence_fills").fetchone()[0] == 1
    # and the table refuses a fill of a record that does not exist
    with pytest.raises(sqlite3.IntegrityError):
        station.db.conn.execute(
            "INSERT INTO adherence_fills (dispense_id, days_supply, medication) VALUES ('D-none', 1, 'x')"
        )
    station.db.conn.rollback()
    for bad in (0, -3, True):
        with pytest.raises(ValueError):
            DispenseFill(bad, "x")


def test_notes_are_bounded_per_patient(station: Station) -> None:
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for i in range(3):
        station.adherence.add_note("key-1", new_note("Patient/p1", "m", "anna", f"n{i}", at), max_notes=3)
    with pytest.raises(InvalidInputError):
        station.adherence.add_note("key-1", new_note("Patient/p1", "m", "anna", "one too many", at), max_notes=3)
    station.adherence.add_note("key-2", new_note("Patient/p2", "m", "anna", "other patient", at), max_notes=3)
    assert [n.text for n in station.adherence.notes("key-1")] == ["n0", "n1", "n2"]
    assert station.adherence.note_count() == 4
    assert [e.details["text"] for e in station.audit.entries(kind="adherence-note")][-1] == "other patient"


def test_a_note_audit_entry_names_the_note(station: Station) -> None:
    """The audit entry carries the new note's id (SQLite's lastrowid once; RETURNING on both stores)."""
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for i in range(2):
        station.adherence.add_note("key-1", new_note("Patient/p1", "m", "anna", f"n{i}", at), max_notes=3)
    ids = [e.details["note_id"] for e in station.audit.entries(kind="adherence-note")]
    assert len(ids) == 2 and all(isinstance(i, int) for i in ids) and ids[1] > ids[0]
