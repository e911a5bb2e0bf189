"""Adherence data in the station database (migration 4): days of therapy per supply, notes per patient.

* ``adherence_fills``: one row per dispense record that came with its days of therapy
  (:class:`~dispense_app.store.records.DispenseFill`), written by ``Station.record_supply`` /
  ``record_supplies`` in the same transaction as the dispense record, so a crash can never keep
  the record and lose its days.
* ``adherence_notes``: a pharmacist's notes, keyed by ``patient_key`` (a hash of the patient id
  that :mod:`dispense_app.workflow.adherence_store` computes; the store does not interpret it).

Storage only: the adherence rules are :mod:`dispense_app.core.adherence`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import Any

from dispense_app.core.adherence import AdherenceNote
from dispense_app.store.errors import InvalidInputError
from dispense_app.store.records import DispenseFill

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]
AuditAppend = Callable[[sqlite3.Connection, str, str | None, dict[str, Any]], None]

NOTE_AUDIT_KIND = "adherence-note"
_CHUNK = 500


class AdherenceStore:
    def __init__(self, conn: sqlite3.Connection, write: Write, audit: AuditAppend) -> None:
        self._conn = conn
        self._write = write
        self._audit = audit

    # ------------------------------------------------------------------ fills

    @staticmethod
    def insert_fill(conn: sqlite3.Connection, dispense_id: str, fill: DispenseFill) -> None:
        """Write a fill in the caller's transaction (the one that writes the dispense record)."""
        conn.execute(
            "INSERT INTO adherence_fills (dispense_id, days_supply, medication, rx_id, item_id) VALUES (?, ?, ?, ?, ?)",
            (dispense_id, fill.days_supply, fill.medication, fill.rx_id, fill.item_id),
        )

    def fill(self, dispense_id: str) -> DispenseFill | None:
        return self.fills([dispense_id]).get(dispense_id)

    def fills(self, dispense_ids: Iterable[str]) -> dict[str, DispenseFill]:
        """The fills of these dispense records, by dispense id (records without one are not in it)."""
        ids = list(dict.fromkeys(dispense_ids))
        out: dict[str, DispenseFill] = {}
        for start in range(0, len(ids), _CHUNK):
            part = ids[start : start + _CHUNK]
            marks = ",".join("?" for _ in part)
            for did, days, medication, rx_id, item_id in self._conn.execute(
                "SELECT dispense_id, days_supply, medication, rx_id, item_id FROM adherence_fills"  # noqa: S608
                f" WHERE dispense_id IN ({marks})",
                part,
            ):
                out[did] = DispenseFill(int(days), medication, rx_id, item_id)
        return out

    # ------------------------------------------------------------------ notes

    def notes(self, patient_key: str) -> list[AdherenceNote]:
        """The notes kept under ``patient_key``, oldest first."""
        rows = self._conn.execute(
            "SELECT patient_ref, medication, author, at, text FROM adherence_notes WHERE patient_key = ? ORDER BY id",
            (patient_key,),
        ).fetchall()
        return [
            AdherenceNote(ref, medication, author, dt.datetime.fromisoformat(at), text)
            for ref, medication, author, at, text in rows
        ]

    def add_note(self, patient_key: str, note: AdherenceNote, *, max_notes: int) -> None:
        """Keep ``note`` (its time as given) under ``patient_key``; :class:`InvalidInputError` when the patient has
        ``max_notes`` already (checked in the same transaction; nothing is written)."""
        with self._write() as conn:
            (count,) = conn.execute(
                "SELECT count(*) FROM adherence_notes WHERE patient_key = ?", (patient_key,)
            ).fetchone()
            if count >= max_notes:
                raise InvalidInputError(f"at most {max_notes} notes per patient")
            (note_id,) = conn.execute(  # RETURNING: the new id on SQLite and on a site store alike
                "INSERT INTO adherence_notes (patient_key, patient_ref, medication, author, at, text)"
                " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (patient_key, note.patient_ref, note.medication, note.author, note.at.isoformat(), note.text),
            ).fetchone()
            self._audit(
                conn,
                NOTE_AUDIT_KIND,
                note.author,
                {"note_id": note_id, "patient_key": patient_key, **note.to_json()},
            )

    def note_count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM adherence_notes").fetchone()[0])
