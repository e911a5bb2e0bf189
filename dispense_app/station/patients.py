"""Who a patient reference is: name and birth date, as a pharmacist checks them at the counter.

The app keeps no patient records of its own (they live in the pharmacy's own system). It shows names
where something gives them: the prescription's own Patient resource (``core.fhir``), else the
station's patient list ``<home>/patients.csv`` (columns ``patient_ref,name,birth_date``; an export
from the pharmacy's system, or the demo patients in training mode). The list also feeds the patient
picker of the adherence view, so nobody types a FHIR reference by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

PATIENTS_FILE = "patients.csv"
MAX_PATIENTS = 100_000


@dataclass(frozen=True, slots=True)
class Patient:
    ref: str  # "Patient/demo-anna"
    name: str | None = None
    birth_date: dt.date | None = None

    @property
    def label(self) -> str:
        """"Anna Example (1954-03-12)", or the reference alone."""
        if self.name and self.birth_date:
            return f"{self.name} ({self.birth_date.isoformat()})"
        return self.name or self.ref


def read_patients(path: Path) -> dict[str, Patient]:
    """The patients of a ``patient_ref,name,birth_date`` CSV, by reference. A missing or unreadable
    file is no list (names are a help, never a gate); a bad date is left out."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))[:MAX_PATIENTS]
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    patients: dict[str, Patient] = {}
    for row in rows:
        ref = (row.get("patient_ref") or "").strip()
        if not ref:
            continue
        try:
            birth = dt.date.fromisoformat((row.get("birth_date") or "").strip())
        except ValueError:
            birth = None
        patients[ref] = Patient(ref, (row.get("name") or "").strip()[:200] or None, birth)
    return patients


class PatientDirectory:
    """The station's patient list (``<home>/patients.csv``), read when asked (it is small)."""

    def __init__(self, home: Path) -> None:
        self.path = home / PATIENTS_FILE

    def all(self) -> dict[str, Patient]:
        return read_patients(self.path)

    def get(self, ref: str | None) -> Patient | None:
        return self.all().get(ref) if ref else None
