"""Automatic replay: when to send the outbox without anyone running ``dispense-app sync``.

The UI (or any long-running process) calls :meth:`AutoReplay.tick` from its background worker,
e.g. every few seconds and after every hub answer. ``tick`` replays when something is pending and
the hub is not known to be down. After a failed attempt it backs off (5 s, doubling, at most 5 min),
and :meth:`hub_is_back` (call it when any other hub call just succeeded, e.g. a verify) ends the
back-off, so the queue goes out as soon as the hub answers again. Pure and synchronous, no threads.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from dispense_app.core.model import HubClient
from dispense_app.store import Station
from dispense_app.workflow.sender import ReplayReport, replay


class AutoReplay:
    def __init__(
        self,
        *,
        first_delay: float = 5.0,
        max_delay: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if first_delay <= 0 or max_delay < first_delay:
            raise ValueError("need 0 < first_delay <= max_delay")
        self.first_delay = first_delay
        self.max_delay = max_delay
        self._clock = clock
        self._delay = 0.0
        self._not_before = 0.0
        self.last_report: ReplayReport | None = None

    @property
    def backing_off(self) -> bool:
        return self._clock() < self._not_before

    def due(self, pending: int) -> bool:
        """Whether a replay should run now, with ``pending`` entries waiting."""
        return pending > 0 and not self.backing_off

    def record(self, report: ReplayReport) -> None:
        """Take a replay's outcome into account: an early stop (hub unavailable) means back off."""
        self.last_report = report
        if report.error and report.remaining:
            self._delay = self.first_delay if self._delay == 0 else min(self._delay * 2, self.max_delay)
            self._not_before = self._clock() + self._delay
        else:
            self.hub_is_back()

    def hub_is_back(self) -> None:
        """The hub answered something: stop waiting, replay on the next tick."""
        self._delay = 0.0
        self._not_before = 0.0

    def tick(self, station: Station, client: HubClient, *, chunk_size: int = 500) -> ReplayReport | None:
        """Replay if due; returns the report, or None when nothing was attempted."""
        if not self.due(station.pending_count()):
            return None
        report = replay(station, client, chunk_size=chunk_size)
        self.record(report)
        return report
