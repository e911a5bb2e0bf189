"""Verification statistics for ``dispense-app stats`` and the Statistics view (no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dispense_app.core.stats import STATS_KEYS, Figures, combine, total
from dispense_app.errors import InputError

if TYPE_CHECKING:
    from dispense_app.store import Station


class StatsInputError(InputError):
    """A date or grouping the statistics cannot take."""


def day_bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """``--since``/``--until`` (YYYY-MM-DD, whole UTC days, inclusive) as ISO text bounds
    (since <= at < the day after until)."""
    out: list[str | None] = []
    for name, text, shift in (("--since", since, 0), ("--until", until, 1)):
        if text is None:
            out.append(None)
            continue
        try:
            day = dt.date.fromisoformat(text.strip())
        except ValueError:
            raise StatsInputError(f"{name}: {text!r} is not a date (YYYY-MM-DD)") from None
        out.append((day + dt.timedelta(days=shift)).isoformat())
    if out[0] and out[1] and out[0] >= out[1]:
        raise StatsInputError("--since is after --until")
    return out[0], out[1]


@dataclass(slots=True)
class StatsReport:
    by: str | None
    since: str | None
    until: str | None
    groups: dict[str, Figures]
    overall: Figures
    outbox_backlog: int

    def total_json(self) -> dict[str, Any]:
        return {**self.overall.to_json(), "outbox_backlog": self.outbox_backlog, "since": self.since,
                "until": self.until}

    def group_lines(self) -> list[dict[str, Any]]:
        return [{"by": self.by, "group": key, **f.to_json()} for key, f in self.groups.items()]


def compute(station: Station, *, since: str | None = None, until: str | None = None,
            by: str | None = None) -> StatsReport:
    if by is not None and by not in STATS_KEYS:
        raise StatsInputError(f"--by: one of {', '.join(STATS_KEYS)}")
    lo, hi = day_bounds(since, until)
    log = station.scan_log
    groups = combine(by, log.scan_groups(by, lo, hi), log.alert_groups(by, lo, hi))
    if by in (None, "cause"):
        overall = total(combine(None, log.scan_groups(None, lo, hi), log.alert_groups(None, lo, hi)))
    else:
        overall = total(groups)
    if by is None:
        groups = {}
    return StatsReport(by, since, until, groups, overall, log.outbox_backlog())
