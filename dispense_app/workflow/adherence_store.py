"""Adherence data kept with the station: days of therapy per dispense, and notes per patient.

Both live in tables of the station database (``Station.adherence``): the days of therapy and
medication of a supply are written with its dispense record, in the same transaction, when a
prescription gives them (``SupplyItem.fill``, by the workflow); notes are kept per patient under a
hash of the bare patient id. Fills are the station's supply records of the patient that still stand
(not undone, cancelled, rejected or in conflict).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from dispense_app.core.adherence import AdherenceNote, AdherenceReport, Fill, new_note, report
from dispense_app.core.model import Transaction

MAX_NOTES = 500


def patient_refs(ref: str) -> list[str]:
    """The forms a patient reference may have been recorded in ("Patient/p1" and "p1")."""
    ref = ref.strip()
    bare = ref.rsplit("/", 1)[-1]
    return list(dict.fromkeys([ref, bare, f"Patient/{bare}"]))


def _patient_key(ref: str) -> str:
    """The key a patient's notes are kept under ("Patient/p1" and "p1" are one patient)."""
    bare = ref.strip().rsplit("/", 1)[-1]
    return hashlib.sha256(bare.encode("utf-8")).hexdigest()[:32]


def fills(station: Any, patient_ref: str) -> tuple[list[Fill], int]:
    """The patient's fills with known days of therapy, and how many supplies had none."""
    from dispense_app.store import DispenseStatus

    standing = {DispenseStatus.QUEUED, DispenseStatus.SENT, DispenseStatus.CONFIRMED, DispenseStatus.UNDO_QUEUED}
    supplies: dict[str, Any] = {}
    for ref in patient_refs(patient_ref):
        for rec in station.dispense_records(patient_ref=ref):
            if rec.transaction is Transaction.SUPPLY and rec.status in standing:
                supplies.setdefault(rec.id, rec)
    days = station.adherence.fills(supplies)
    out = [
        Fill(rec.created_at.date(), days[rec.id].days_supply, days[rec.id].medication, rec.id)
        for rec in supplies.values()
        if rec.id in days
    ]
    return out, len(supplies) - len(out)


def notes(station: Any, patient_ref: str) -> list[AdherenceNote]:
    return list(station.adherence.notes(_patient_key(patient_ref)))


def add_note(station: Any, patient_ref: str, medication: str, author: str, text: str, at: dt.datetime) -> AdherenceNote:
    """Keep a note (:class:`ValueError` for an empty or over-long one, or past ``MAX_NOTES`` per patient)."""
    from dispense_app.store import InvalidInputError

    note = new_note(patient_ref, medication, author, text, at)
    try:
        station.adherence.add_note(_patient_key(patient_ref), note, max_notes=MAX_NOTES)
    except InvalidInputError as exc:
        raise ValueError(str(exc)) from exc
    return note


def match_medication(station: Any, patient_ref: str, given: str, as_of: dt.date) -> str:
    """The patient's medication that ``given`` names: the same name in any case, else the one name
    that starts with it or holds all its words (``metformin`` -> ``Metformin 500 mg``). Raises
    :class:`ValueError` listing the patient's medications when none or several match."""
    rep, _unknown = patient_report(station, patient_ref, as_of)
    names = [m["medication"] for m in rep.to_json()["medications"]]
    want = " ".join(given.split()).casefold()
    exact = [n for n in names if n.casefold() == want]
    if exact:
        return str(exact[0])
    words = want.split()
    close = [n for n in names if n.casefold().startswith(want) or all(w in n.casefold().split() for w in words)]
    if len(close) == 1:
        return str(close[0])
    listed = "; ".join(names) if names else "none recorded at this station"
    if close:
        raise ValueError(f"--medication {given!r} is ambiguous: it matches {'; '.join(close)}")
    raise ValueError(f"{patient_ref} has no medication {given!r}; the patient's medications: {listed}")


def patient_report(station: Any, patient_ref: str, as_of: dt.date) -> tuple[AdherenceReport, int]:
    """The adherence report (PDC 180/365, refills, notes) and the count of fills without days."""
    found, unknown = fills(station, patient_ref)
    all_notes = notes(station, patient_ref)
    bare = {r for r in patient_refs(patient_ref)}
    rep = report(patient_ref, found, as_of, [n for n in all_notes if n.patient_ref in bare])
    return rep, unknown
