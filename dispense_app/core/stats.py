"""Verification statistics from the store's aggregates (pure Python; the store does the counting).

Figures per group (or for the whole period):

* ``scans``: packs the workflow answered (verify and every decommission request);
* ``verified``: of those, the ones the hub answered (online, with a return code);
* ``clean_rate``: share of scans that raised no alert;
* ``alerts``: alerts raised in the period (hub, local and replay);
* ``false_alerts``: alerts closed with a cause other than suspected falsification, by cause;
  ``false_alert_rate`` = false alerts / scans, ``alert_rate`` = alerts / scans, beside the national
  figure (securPharm: 0.14 % of scans raised alerts in 2021) and the target (0.05 %);
* ``offline_share``: share of scans answered offline;
* ``hub_p95_ms``: 95th percentile of the hub's round trip, from a histogram of buckets
  (:func:`hub_bucket`: 1 ms below 100 ms, 10 ms below 1 s, 100 ms below 10 s, then 1 s); not kept
  per product (``null`` there);
* ``outbox_backlog``: requests waiting in the outbox now (totals only).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

STATS_KEYS = ("day", "week", "counter", "operator", "scanner", "product", "cause")
"""What ``--by`` groups by. Here, not in the store, so that the command line offers them without
loading the store (and sqlite-utils) when it builds its parser, which every start of the app does."""

NATIONAL_ALERT_RATE = 0.0014
"""securPharm, Germany 2021: 0.14 % of scans raised alerts (shared/DOMAIN.md)."""
TARGET_ALERT_RATE = 0.0005
"""The target named with it: 0.05 %."""
GENUINE_CAUSE = "suspected-falsification"


def hub_bucket(ms: float) -> int:
    """The histogram bucket of a hub time (its lower bound in ms; the store's roll-up trigger in
    ``store/schema.py`` computes the same)."""
    for limit, step in ((100, 1), (1000, 10), (10000, 100)):
        if ms < limit:
            return int(ms / step) * step
    return int(ms / 1000) * 1000


def week_of(day: str) -> str:
    """``YYYY-MM-DD`` -> the ISO week ``YYYY-Www``."""
    year, week, _ = dt.date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def percentile(histogram: Counter[int], q: float) -> float | None:
    """The ``q`` quantile (nearest rank) of a histogram of whole milliseconds."""
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = max(1, -(-int(q * total * 1000) // 1000))  # ceil(q * total) without float surprises
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return float(value)
    return float(max(histogram))


@dataclass(slots=True)
class Figures:
    scans: int = 0
    verified: int = 0
    clean: int = 0
    offline: int = 0
    alerts: int = 0
    closed: int = 0
    false_by_cause: Counter[str] = field(default_factory=Counter)
    hub_ms: Counter[int] = field(default_factory=Counter)

    @property
    def false_alerts(self) -> int:
        return sum(self.false_by_cause.values())

    def to_json(self) -> dict[str, Any]:
        n = self.scans
        return {
            "scans": n,
            "verified": self.verified,
            "clean_rate": round(self.clean / n, 6) if n else None,
            "alerts": self.alerts,
            "alert_rate": round(self.alerts / n, 6) if n else None,
            "alerts_closed": self.closed,
            "false_alerts": self.false_alerts,
            "false_alerts_by_cause": dict(sorted(self.false_by_cause.items())),
            "false_alert_rate": round(self.false_alerts / n, 6) if n else None,
            "national_alert_rate": NATIONAL_ALERT_RATE,
            "target_alert_rate": TARGET_ALERT_RATE,
            "offline_share": round(self.offline / n, 6) if n else None,
            "hub_p95_ms": percentile(self.hub_ms, 0.95),
        }


def _key(by: str | None, raw: Any) -> str:
    text = "" if raw is None else str(raw)
    return week_of(text) if by == "week" and text else text


def combine(
    by: str | None, scan_groups: Iterable[tuple[Any, ...]], alert_groups: Iterable[tuple[Any, ...]]
) -> dict[str, Figures]:
    """Figures per group key from the store's ``scan_groups`` (key, ms bucket, scans, answered, clean,
    offline) and ``alert_groups`` (key, status, cause, count)."""
    groups: dict[str, Figures] = defaultdict(Figures)
    if by != "cause":
        for key, bucket, scans, answered, clean, offline in scan_groups:
            f = groups[_key(by, key)]
            f.scans += scans
            f.verified += answered or 0
            f.clean += clean or 0
            f.offline += offline or 0
            if bucket is not None:
                f.hub_ms[int(bucket)] += scans
    for key, status, cause, count in alert_groups:
        f = groups[_key(by, key)]
        f.alerts += count
        if status == "closed":
            f.closed += count
            if cause and cause != GENUINE_CAUSE:
                f.false_by_cause[cause] += count
    return dict(sorted(groups.items()))


def total(groups: dict[str, Figures]) -> Figures:
    out = Figures()
    for f in groups.values():
        out.scans += f.scans
        out.verified += f.verified
        out.clean += f.clean
        out.offline += f.offline
        out.alerts += f.alerts
        out.closed += f.closed
        out.false_by_cause.update(f.false_by_cause)
        out.hub_ms.update(f.hub_ms)
    return out
