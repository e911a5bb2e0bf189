"""What the alerts view asks of the station: plain Python, no Qt, run on worker threads.

:class:`StationAlerts` reads and changes alerts through the station database
(:class:`dispense_app.store.Station`) and exports them through :mod:`dispense_app.export.service`
(audited). It shares the counter presenter's lock, so it never runs in the middle of a dispense.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from dispense_app.core.alerts import AlertRecord
from dispense_app.export.base import ExportSummary
from dispense_app.export.filters import AlertQuery

if TYPE_CHECKING:
    from dispense_app.core.signals import Signal
    from dispense_app.station.operators import StationOperators
    from dispense_app.store import Station
    from dispense_app.store.alerts import AlertFilter

MAX_ROWS = 2000
"""The most alerts one search shows (newest first); narrow the filter to see older ones."""


PAGE_ROWS = 200
"""How many alerts the alerts view reads at a time (the next page when it is scrolled to the end)."""


@dataclass(frozen=True, slots=True)
class AlertPage:
    """A page of a search: its alerts (newest first), how many match in all, where it starts."""

    records: list[AlertRecord]
    total: int
    offset: int = 0

    @property
    def more(self) -> bool:
        return self.offset + len(self.records) < self.total


def alert_filter(query: AlertQuery) -> AlertFilter:
    """The store's filter for an alerts query (without alert ids): the same conditions as
    :meth:`AlertQuery.matches`, in SQL."""
    from dispense_app.export.filters import NO_CODE
    from dispense_app.store.alerts import AlertFilter

    no_code = query.return_code == NO_CODE
    return AlertFilter(since=query.since, until=query.until, status=query.status, source=query.source,
                       return_code=None if no_code else query.return_code, without_return_code=no_code,
                       operator=query.operator)


class StationAlerts:
    """Alerts of one station; ``actor`` is the operator recorded on every change and export."""

    def __init__(self, station: Station, *, actor: str | None, lock: threading.RLock | None = None,
                 operators: StationOperators | None = None) -> None:
        self.station = station
        self.actor = actor
        self._lock = lock or threading.RLock()
        self.operators = operators  # ui.operators_model.StationOperators: role checks, when given

    def _require(self, action: str) -> None:
        if self.operators is not None:
            from dispense_app.core.operators import Action

            self.operators.require(Action(action))

    def permissions(self) -> tuple[str, ...] | None:
        """What the signed-in operator may do (action values), or None when anyone may (no accounts
        on this station, or no role checks wired in). The view greys out what is not allowed; the
        checks in the methods below stay the authority."""
        if self.operators is None:
            return None
        return self.operators.permissions()

    def search(self, query: AlertQuery) -> list[AlertRecord]:
        """The matching alerts, newest first, at most :data:`MAX_ROWS`."""
        if not query.alert_ids:
            return self.search_page(query, offset=0, limit=MAX_ROWS).records
        with self._lock:
            rows = self.station.alerts(
                since=query.since, until=query.until, status=query.status, source=query.source, newest_first=True
            )
            return list(islice((r for r in rows if query.matches(r)), MAX_ROWS))

    def search_page(self, query: AlertQuery, *, offset: int = 0, limit: int = PAGE_ROWS) -> AlertPage:
        """One page of the matching alerts, newest first, and how many match in all: every condition
        is in the SQL (an index each, migration 10), so the first page of 100,000 alerts comes as fast
        as the first page of ten (issue 22)."""
        if query.alert_ids:  # a list of alert ids (the command line's --id): few, matched here
            found = self.search(query)
            return AlertPage(found[offset:offset + limit], len(found), offset)
        flt = alert_filter(query)
        with self._lock:
            return AlertPage(self.station.alert_page(flt, offset=offset, limit=limit),
                             self.station.alert_total(flt), offset)

    def product_names(self, records: Sequence[AlertRecord]) -> dict[str, str]:
        """The product names this station knows (product master data) for the alerts' codes."""
        names: dict[str, str] = {}
        with self._lock:
            for code in {c for r in records for c in (r.gtin, r.ppn, r.pzn) if c}:
                cached = self.station.products.get(code)
                if cached is not None and cached.info.name:
                    names[code] = cached.info.name
        return names

    def set_status(self, alert_id: str, status: str, cause: str | None, comment: str | None) -> AlertRecord:
        """new -> investigating -> closed (closing needs a cause); the store refuses other moves.
        Following up needs ``alert-follow-up``, closing ``alert-close`` (a pharmacist)."""
        self._require("alert-close" if status == "closed" else "alert-follow-up")
        with self._lock:
            return self.station.update_alert_status(
                alert_id, status, by=self.actor, cause=cause or None, comment=comment or None
            )

    def comment(self, alert_id: str, text: str) -> AlertRecord:
        self._require("alert-follow-up")
        with self._lock:
            return self.station.add_alert_comment(alert_id, by=self.actor, text=text)

    def signals(self) -> list[Signal]:
        """Counterfeit and diversion signals over the scan history (informational; issue 21)."""
        from dispense_app.core.signals import find_signals

        with self._lock:
            return find_signals(self.station.scan_log)

    def export(self, query: AlertQuery, fmt: str, path: str | os.PathLike[str], *,
               progress: Callable[[int], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> ExportSummary:
        """Write the matching alerts as csv / jsonl / pdf (audited); returns the ExportSummary.
        ``progress(rows)`` is called from this (worker) thread; ``cancel()`` True stops it (the
        partial file is removed, ExportCancelled raised). The window's file dialog has already asked
        before replacing an existing file (``force``); the data folder stays refused."""
        from dispense_app.export.service import export_alerts

        self._require("export")
        with self._lock:
            return export_alerts(
                self.station, query, fmt, path, actor=self.actor, progress=progress, cancel=cancel, force=True
            )
