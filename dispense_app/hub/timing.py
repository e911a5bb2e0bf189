"""Per-call timing of hub requests: total round trip, the hub's own time (``Server-Timing``) and the
rest (network and client overhead), with a rolling p95 against the 300 ms target (Art. 35)."""

from __future__ import annotations

import math
import re
import threading
from collections import deque
from dataclasses import dataclass

TARGET_MS = 300.0
_DUR = re.compile(r"dur=([0-9]+(?:\.[0-9]+)?)")


def parse_server_timing(header: str | None) -> float | None:
    """Sum of the ``dur`` values of a Server-Timing header (ms), or None when there is none."""
    if not header:
        return None
    values = [float(m) for m in _DUR.findall(header)]
    return sum(values) if values else None


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100) of ``values``; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True, slots=True)
class CallTiming:
    operation: str
    total_ms: float
    server_ms: float | None
    status: int

    @property
    def network_ms(self) -> float | None:
        """Round trip minus the hub's own time: network plus client overhead."""
        return None if self.server_ms is None else max(0.0, self.total_ms - self.server_ms)


class CallStats:
    """A rolling window of the last ``window`` calls (thread-safe)."""

    def __init__(self, window: int = 1000) -> None:
        self._calls: deque[CallTiming] = deque(maxlen=window)
        self._lock = threading.Lock()
        self.count = 0

    def record(self, timing: CallTiming) -> None:
        with self._lock:
            self._calls.append(timing)
            self.count += 1

    def calls(self) -> list[CallTiming]:
        with self._lock:
            return list(self._calls)

    def _p(self, attr: str, q: float) -> float | None:
        values = [v for c in self.calls() if (v := getattr(c, attr)) is not None]
        return percentile(values, q)

    @property
    def p50_ms(self) -> float | None:
        return self._p("total_ms", 50)

    @property
    def p95_ms(self) -> float | None:
        """Rolling p95 of the full round trip, as the user feels it."""
        return self._p("total_ms", 95)

    @property
    def server_p95_ms(self) -> float | None:
        """Rolling p95 of the hub's own processing time (what Art. 35's 300 ms is about)."""
        return self._p("server_ms", 95)

    @property
    def network_p95_ms(self) -> float | None:
        return self._p("network_ms", 95)

    @property
    def within_target(self) -> float | None:
        """Share of calls whose hub time (or round trip, without Server-Timing) was under 300 ms."""
        calls = self.calls()
        if not calls:
            return None
        ok = sum(1 for c in calls if (c.server_ms if c.server_ms is not None else c.total_ms) < TARGET_MS)
        return ok / len(calls)

    @property
    def meets_target(self) -> bool | None:
        """True when at least 95 % of the window answered within 300 ms."""
        share = self.within_target
        return None if share is None else share >= 0.95

    def snapshot(self) -> dict[str, float | int | bool | None]:
        return {
            "calls": self.count,
            "p50_ms": self.p50_ms,
            "p95_ms": self.p95_ms,
            "server_p95_ms": self.server_p95_ms,
            "network_p95_ms": self.network_p95_ms,
            "within_target": self.within_target,
            "meets_target": self.meets_target,
            "target_ms": TARGET_MS,
        }
