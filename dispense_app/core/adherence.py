"""Adherence from dispense history: proportion of days covered (PDC), refill timing, notes.

PDC (shared/DOMAIN.md section 6): days in a period covered by dispensed supply / days in the
period; 0.80 is the usual threshold for "adherent". Conventions used here (as in the PQA measure):

- the period is the ``days`` days ending on ``as_of`` (inclusive), but starts at the first fill
  inside it when there is no supply carried in from before (so a new therapy is not penalised
  for the days before it began);
- supply from an earlier fill that is still running is carried in;
- overlapping fills are *shifted*: an early refill starts when the previous supply runs out, so
  stockpiled tablets cover later days instead of being counted twice;
- fills after ``as_of`` are ignored;
- packs of one medication dispensed on the same day are one fill (their days add up): two packs of
  one prescription handed over together are not an "early refill";
- a PDC needs data: :data:`MIN_PERIOD_DAYS` days since the first fill (the PQA quality measures
  ask a 91-day treatment period for a year's report; a counter wants to see it sooner, so 60). With
  less, the value is still computed but
  ``enough_data`` is False, ``adherent`` is None and the window says "not enough data" instead of a
  percentage (a "100 %" from one day of data misled).

Refill flags: a refill is *early* when more than ``early_fraction`` of the previous fill's days
supply was still left, *late* when it came more than ``late_grace_days`` after the supply ran out
(the gap is reported). The medication is *overdue* when ``as_of`` is past the run-out date plus
the grace days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

ADHERENT_THRESHOLD = 0.80
MIN_PERIOD_DAYS = 60  # days from the first fill to the day of the report (see the module docstring)


@dataclass(frozen=True, slots=True)
class Fill:
    """One dispense: date, days of therapy it supplies, and the medication it counts towards."""

    date: dt.date
    days_supply: int
    medication: str
    record_id: str | None = None

    def __post_init__(self) -> None:
        if self.days_supply < 1:
            raise ValueError("days_supply must be at least 1")


@dataclass(frozen=True, slots=True)
class PdcResult:
    days: int  # the nominal window (180, 365)
    start: dt.date | None  # first day counted (None: no fill in or carried into the window)
    end: dt.date
    period_days: int
    covered_days: int
    fill_days: int = 0  # distinct days with a fill, up to ``end``
    history_days: int = 0  # days from the first fill to ``end`` (inclusive)

    @property
    def pdc(self) -> float | None:
        return self.covered_days / self.period_days if self.period_days else None

    @property
    def enough_data(self) -> bool:
        """Enough history for the PDC to mean something (see the module docstring)."""
        return self.history_days >= MIN_PERIOD_DAYS

    @property
    def adherent(self) -> bool | None:
        value = self.pdc
        return None if value is None or not self.enough_data else value >= ADHERENT_THRESHOLD

    def to_json(self) -> dict[str, Any]:
        value = self.pdc
        return {
            "days": self.days,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat(),
            "period_days": self.period_days,
            "covered_days": self.covered_days,
            "pdc": round(value, 4) if value is not None else None,
            "adherent": self.adherent,
            "enough_data": self.enough_data,
        }


def _shifted(fills: Sequence[Fill]) -> list[tuple[Fill, dt.date, dt.date]]:
    """(fill, first covered day, day after the last covered day), overlaps shifted forward."""
    out = []
    cursor: dt.date | None = None
    for f in sorted(fills, key=lambda f: f.date):
        start = f.date if cursor is None or f.date >= cursor else cursor
        end = start + dt.timedelta(days=f.days_supply)
        out.append((f, start, end))
        cursor = end
    return out


def pdc(fills: Iterable[Fill], as_of: dt.date, days: int = 180) -> PdcResult:
    """PDC of one medication over the ``days`` days ending on ``as_of``."""
    if days < 1:
        raise ValueError("days must be at least 1")
    window_start = as_of - dt.timedelta(days=days - 1)
    relevant = [f for f in fills if f.date <= as_of]
    spans = _shifted(relevant)
    carried_in = any(s < window_start < e for _, s, e in spans)
    in_window = [f.date for f in relevant if f.date >= window_start]
    if carried_in:
        start = window_start
    elif in_window:
        start = min(in_window)
    else:
        return PdcResult(days, None, as_of, 0, 0, len({f.date for f in relevant}))
    period = (as_of - start).days + 1
    covered = 0
    for _, s, e in spans:
        lo = max(s, start)
        hi = min(e, as_of + dt.timedelta(days=1))
        if hi > lo:
            covered += (hi - lo).days  # spans never overlap after shifting
    fill_days = {f.date for f in relevant}
    history = (as_of - min(fill_days)).days + 1
    return PdcResult(days, start, as_of, period, min(covered, period), len(fill_days), history)


def together(fills: Iterable[Fill]) -> list[Fill]:
    """Fills of one medication on the same day as one fill (days supplied add up; the first record
    id is kept): packs handed over together are one supply, not a refill."""
    by_day: dict[dt.date, Fill] = {}
    for f in sorted(fills, key=lambda f: f.date):
        first = by_day.get(f.date)
        by_day[f.date] = f if first is None else Fill(
            f.date, first.days_supply + f.days_supply, first.medication, first.record_id
        )
    return list(by_day.values())


class RefillFlag(StrEnum):
    FIRST = "first"
    ON_TIME = "on-time"
    EARLY = "early"
    LATE = "late"


@dataclass(frozen=True, slots=True)
class Refill:
    fill: Fill
    flag: RefillFlag
    expected: dt.date | None  # when the previous supply ran out (shifted)
    remaining_days: int  # supply left on the refill day (0 if it had run out)
    gap_days: int  # days without supply before this refill

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.fill.date.isoformat(),
            "days_supply": self.fill.days_supply,
            "flag": self.flag.value,
            "expected": self.expected.isoformat() if self.expected else None,
            "remaining_days": self.remaining_days,
            "gap_days": self.gap_days,
            "record_id": self.fill.record_id,
        }


def refills(fills: Iterable[Fill], *, early_fraction: float = 0.25, late_grace_days: int = 7) -> list[Refill]:
    """Each fill of one medication with its early/late flag, in date order."""
    out: list[Refill] = []
    prev: Fill | None = None
    run_out: dt.date | None = None
    for f, _start, end in _shifted(list(fills)):
        if prev is None or run_out is None:
            out.append(Refill(f, RefillFlag.FIRST, None, 0, 0))
        else:
            remaining = max(0, (run_out - f.date).days)
            gap = max(0, (f.date - run_out).days)
            if remaining > early_fraction * prev.days_supply:
                flag = RefillFlag.EARLY
            elif gap > late_grace_days:
                flag = RefillFlag.LATE
            else:
                flag = RefillFlag.ON_TIME
            out.append(Refill(f, flag, run_out, remaining, gap))
        prev, run_out = f, end
    return out


def run_out_date(fills: Iterable[Fill]) -> dt.date | None:
    spans = _shifted(list(fills))
    return spans[-1][2] if spans else None


# --- notes --------------------------------------------------------------------------------------

MAX_NOTE = 2000


@dataclass(frozen=True, slots=True)
class AdherenceNote:
    """A pharmacist's note on a patient's medication (e.g. "side effects, talked to GP")."""

    patient_ref: str
    medication: str
    author: str
    at: dt.datetime
    text: str

    def to_json(self) -> dict[str, str]:
        return {
            "patient_ref": self.patient_ref,
            "medication": self.medication,
            "author": self.author,
            "at": self.at.isoformat(),
            "text": self.text,
        }


def new_note(patient_ref: str, medication: str, author: str, text: str, at: dt.datetime) -> AdherenceNote:
    text = text.strip()
    if not text or len(text) > MAX_NOTE:
        raise ValueError(f"a note has 1 to {MAX_NOTE} characters")
    if not patient_ref.strip() or not medication.strip() or not author.strip():
        raise ValueError("a note needs a patient, a medication and an author")
    if at.tzinfo is None:
        raise ValueError("the note's time must carry a time zone")
    return AdherenceNote(patient_ref.strip(), medication.strip(), author.strip(), at, text)


# --- report -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MedicationAdherence:
    medication: str
    pdc_180: PdcResult
    pdc_365: PdcResult
    refills: tuple[Refill, ...]
    run_out: dt.date | None
    overdue: bool
    notes: tuple[AdherenceNote, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "medication": self.medication,
            "pdc_180": self.pdc_180.to_json(),
            "pdc_365": self.pdc_365.to_json(),
            "refills": [r.to_json() for r in self.refills],
            "early_refills": sum(r.flag is RefillFlag.EARLY for r in self.refills),
            "late_refills": sum(r.flag is RefillFlag.LATE for r in self.refills),
            "run_out": self.run_out.isoformat() if self.run_out else None,
            "overdue": self.overdue,
            "notes": [n.to_json() for n in self.notes],
        }


@dataclass(frozen=True, slots=True)
class AdherenceReport:
    patient_ref: str
    as_of: dt.date
    medications: tuple[MedicationAdherence, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "patient": self.patient_ref,
            "as_of": self.as_of.isoformat(),
            "threshold": ADHERENT_THRESHOLD,
            "medications": [m.to_json() for m in self.medications],
        }


def report(
    patient_ref: str,
    fills: Iterable[Fill],
    as_of: dt.date,
    notes: Iterable[AdherenceNote] = (),
    *,
    late_grace_days: int = 7,
) -> AdherenceReport:
    """Per medication: PDC over 180 and 365 days, refill flags, run-out date, overdue, notes."""
    by_med: dict[str, list[Fill]] = {}
    for f in fills:
        if f.date <= as_of:
            by_med.setdefault(f.medication, []).append(f)
    notes_by_med: dict[str, list[AdherenceNote]] = {}
    for n in notes:
        if n.patient_ref == patient_ref:
            notes_by_med.setdefault(n.medication, []).append(n)
    meds = []
    for med in sorted(set(by_med) | set(notes_by_med)):
        fl = together(by_med.get(med, []))
        out = run_out_date(fl)
        meds.append(
            MedicationAdherence(
                med,
                pdc(fl, as_of, 180),
                pdc(fl, as_of, 365),
                tuple(refills(fl, late_grace_days=late_grace_days)),
                out,
                out is not None and as_of > out + dt.timedelta(days=late_grace_days),
                tuple(sorted(notes_by_med.get(med, []), key=lambda n: n.at)),
            )
        )
    return AdherenceReport(patient_ref, as_of, tuple(meds))
