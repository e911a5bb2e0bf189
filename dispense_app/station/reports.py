"""What the Recalls and Statistics views (and the alerts view's signals) ask of the station: plain
Python, no Qt, run on worker threads under the counter session's lock."""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from dispense_app.core.recall import RecallNotice, TraceResult
from dispense_app.core.signals import Signal, find_signals
from dispense_app.station.recalls import (
    ContactLine,
    contact_lines,
    export_contacts,
    read_notice_file,
    stored_notice,
    trace,
)
from dispense_app.station.stats import StatsReport, compute

if TYPE_CHECKING:
    from dispense_app.export.base import ExportSummary
    from dispense_app.store import Station
    from dispense_app.store.recall_notices import Contact, NoticeRow


class StationReports:
    """Recall notices, statistics and signals of one station; ``actor`` is recorded on every change."""

    def __init__(self, station: Station, *, actor: str | None, lock: threading.RLock | None = None) -> None:
        self.station = station
        self.actor = actor
        self._lock = lock or threading.RLock()

    def notices(self) -> list[NoticeRow]:
        with self._lock:
            return self.station.recall_notices.notices()

    def import_notice(self, path: str | os.PathLike[str]) -> list[RecallNotice]:
        notices = read_notice_file(path)
        with self._lock:
            for n in notices:
                self.station.recall_notices.add(n, source=os.path.basename(path), actor=self.actor)
        return notices

    def trace(self, notice_id: str) -> tuple[RecallNotice, TraceResult, list[ContactLine]]:
        with self._lock:
            notice = stored_notice(self.station, notice_id)
            return notice, trace(self.station, notice), contact_lines(self.station, notice)

    def mark_contacted(self, notice_id: str, dispense_id: str, note: str) -> Contact:
        with self._lock:
            return self.station.recall_notices.mark_contacted(notice_id, dispense_id, by=self.actor, note=note)

    def export_contacts(self, notice_id: str, fmt: str, path: str | os.PathLike[str]) -> ExportSummary:
        with self._lock:
            notice = stored_notice(self.station, notice_id)
            return export_contacts(self.station, notice, fmt, path, actor=self.actor)

    def stats(self, *, since: str | None = None, until: str | None = None, by: str | None = None) -> StatsReport:
        with self._lock:
            return compute(self.station, since=since, until=until, by=by)

    def stats_views(self, since: str | None, until: str | None) -> dict[str | None, StatsReport]:
        """What the Statistics view draws: the totals, by day, by cause, by scanner set-up, by operator."""
        return {by: self.stats(since=since, until=until, by=by) for by in (None, "day", "cause", "scanner", "operator")}

    def signals(self) -> list[Signal]:
        with self._lock:
            return find_signals(self.station.scan_log)
