"""Adherence data kept with the station: days of therapy per dispense, and notes per patient.

Both live in the station's settings table (through :mod:`dispense_app.store`, audited like every
setting): ``adherence.fill.<dispense id>`` -> ``{"days_supply", "medication", "rx_id", "item_id"}``
(written by the workflow when a prescription gives the days of therapy) and
``adherence.notes.<patient hash>`` -> a list of notes. Fills are the station's supply records of the
patient that still stand (not undone, cancelled, rejected or in conflict).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from dispense_app.core.adherence import AdherenceNote, AdherenceReport, Fill, new_note, report
from dispense_app.core.model import Transaction

FILL_PREFIX = "adherence.fill."
NOTES_PREFIX = "adherence.notes."
MAX_NOTES = 500


def patient_refs(ref: str) -> list[str]:
    """The forms a patient reference may have been recorded in ("Patient/p1" and "p1")."""
    ref = ref.strip()
    bare = ref.rsplit("/", 1)[-1]
    return list(dict.fromkeys([ref, bare, f"Patient/{bare}"]))


def _notes_key(ref: str) -> str:
    bare = ref.strip().rsplit("/", 1)[-1]
    return NOTES_PREFIX + hashlib.sha256(bare.encode("utf-8")).hexdigest()[:32]


def fills(station: Any, patient_ref: str) -> tuple[list[Fill], int]:
    """The patient's fills with known days of therapy, and how many supplies had none."""
    from dispense_app.store import DispenseStatus

    standing = {DispenseStatus.QUEUED, DispenseStatus.SENT, DispenseStatus.CONFIRMED, DispenseStatus.UNDO_QUEUED}
    out: list[Fill] = []
    unknown = 0
    seen: set[str] = set()
    for ref in patient_refs(patient_ref):
        for rec in station.dispense_records(patient_ref=ref):
            if rec.id in seen or rec.transaction is not Transaction.SUPPLY or rec.status not in standing:
                continue
            seen.add(rec.id)
            meta = station.settings.get(FILL_PREFIX + rec.id)
            if not isinstance(meta, dict) or not isinstance(meta.get("days_supply"), int):
                unknown += 1
                continue
            out.append(Fill(rec.created_at.date(), max(1, meta["days_supply"]), str(meta.get("medication")), rec.id))
    return out, unknown


def notes(station: Any, patient_ref: str) -> list[AdherenceNote]:
    raw = station.settings.get(_notes_key(patient_ref), [])
    out = []
    for n in raw if isinstance(raw, list) else []:
        try:
            out.append(
                AdherenceNote(
                    n["patient_ref"], n["medication"], n["author"], dt.datetime.fromisoformat(n["at"]), n["text"]
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return out


def add_note(station: Any, patient_ref: str, medication: str, author: str, text: str, at: dt.datetime) -> AdherenceNote:
    note = new_note(patient_ref, medication, author, text, at)
    existing = [n.to_json() for n in notes(station, patient_ref)]
    if len(existing) >= MAX_NOTES:
        raise ValueError(f"at most {MAX_NOTES} notes per patient")
    station.settings.set(_notes_key(patient_ref), [*existing, note.to_json()], actor=author)
    return note


def patient_report(station: Any, patient_ref: str, as_of: dt.date) -> tuple[AdherenceReport, int]:
    """The adherence report (PDC 180/365, refills, notes) and the count of fills without days."""
    found, unknown = fills(station, patient_ref)
    all_notes = notes(station, patient_ref)
    bare = {r for r in patient_refs(patient_ref)}
    rep = report(patient_ref, found, as_of, [n for n in all_notes if n.patient_ref in bare])
    return rep, unknown
