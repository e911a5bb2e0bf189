"""Alert retention: how long alerts are kept, and which ones a purge may remove. Pure logic.

Rules (docs/exports.md, "Retention"):

* Alerts are kept ``years`` full calendar years (default 5: the longest period inspectors may look
  back), counted back from the start of today (UTC). An alert created before that cut-off is
  *expired*.
* Only **closed** alerts are ever purged. An expired alert that is still new or under
  investigation is kept and counted, so someone can close it first.
* Nothing is purged silently: a purge is an explicit command (``alerts purge``), a dry run unless
  ``--apply`` is given, and every applied purge writes an audit entry with the counts and cut-off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dispense_app.core.alerts import AlertRecord, AlertStatus

DEFAULT_RETENTION_YEARS = 5
MIN_RETENTION_YEARS = 1
MAX_RETENTION_YEARS = 100
SETTING_KEY = "alerts.retention_years"
"""Station setting that overrides the default (an integer number of years)."""


class RetentionError(ValueError):
    """A retention period that is not a whole number of years in the allowed range."""


def check_years(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RetentionError(f"retention must be a whole number of years, got {value!r}")
    if not MIN_RETENTION_YEARS <= value <= MAX_RETENTION_YEARS:
        raise RetentionError(f"retention must be {MIN_RETENTION_YEARS} to {MAX_RETENTION_YEARS} years, got {value}")
    return value


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    years: int = DEFAULT_RETENTION_YEARS

    def __post_init__(self) -> None:
        check_years(self.years)

    def cutoff(self, now: dt.datetime) -> dt.datetime:
        """Alerts created before this moment (UTC midnight) have outlived the retention period."""
        today = now.astimezone(dt.UTC).date()
        day = years_before(today, self.years)
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)

    def plan(self, alerts: Iterable[AlertRecord], now: dt.datetime) -> PurgePlan:
        """Which of ``alerts`` a purge would remove (streamed once; keeps only ids of purgeable ones)."""
        cutoff = self.cutoff(now)
        result = PurgePlan(years=self.years, cutoff=cutoff)
        for rec in alerts:
            result.examined += 1
            if rec.created_at >= cutoff:
                continue
            if rec.status is AlertStatus.CLOSED:
                result.purge_ids.append(rec.alert_id)
            else:
                result.kept_open += 1
        return result


@dataclass(slots=True)
class PurgePlan:
    years: int
    cutoff: dt.datetime
    examined: int = 0
    kept_open: int = 0
    purge_ids: list[str] = field(default_factory=list)

    @property
    def purgeable(self) -> int:
        return len(self.purge_ids)

    def to_json(self) -> dict[str, Any]:
        return {
            "retention_years": self.years,
            "cutoff": self.cutoff.isoformat(),
            "examined": self.examined,
            "purgeable": self.purgeable,
            "kept_open": self.kept_open,
        }
