"""What the adherence view asks of the station: plain Python, no Qt, run on worker threads.

:class:`StationAdherence` reads a patient's fills (the station's standing supply records with days of
therapy) and notes through :mod:`dispense_app.workflow.adherence_store`, and reports them with the
core's rules (:mod:`dispense_app.core.adherence`: PDC over 180 and 365 days, early and late refills).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dispense_app.core.adherence import AdherenceNote, AdherenceReport
from dispense_app.station.patients import Patient, PatientDirectory

if TYPE_CHECKING:
    from dispense_app.store import Station


@dataclass(frozen=True, slots=True)
class PatientAdherence:
    """The report, and how many of the patient's supplies had no days of therapy (not counted)."""

    report: AdherenceReport
    without_days: int


class StationAdherence:
    """Adherence of the station's patients; ``actor`` is the author of the notes added here."""

    def __init__(
        self,
        station: Station,
        *,
        actor: str | None,
        lock: threading.RLock | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        patients: PatientDirectory | None = None,
    ) -> None:
        self.station = station
        self.actor = actor
        self._lock = lock or threading.RLock()
        self._today = today
        self._patients = patients

    def patients(self) -> list[Patient]:
        """The station's patient list (name, birth date), for the view's patient picker."""
        if self._patients is None:
            return []
        return sorted(self._patients.all().values(), key=lambda p: (p.name or p.ref).casefold())

    def report(self, patient_ref: str) -> PatientAdherence:
        from dispense_app.workflow.adherence_store import patient_report

        ref = patient_ref.strip()
        if not ref:
            raise ValueError("give a patient reference (e.g. Patient/demo-anna)")
        with self._lock:
            rep, unknown = patient_report(self.station, ref, self._today())
        return PatientAdherence(rep, unknown)

    def add_note(self, patient_ref: str, medication: str, text: str) -> AdherenceNote:
        from dispense_app.workflow.adherence_store import add_note

        if not text.strip():
            raise ValueError("the note is empty")
        with self._lock:
            return add_note(
                self.station,
                patient_ref.strip(),
                medication,
                self.actor or "unknown",
                text.strip(),
                dt.datetime.now(dt.UTC),
            )
