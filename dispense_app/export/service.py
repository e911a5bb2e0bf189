"""Exports and purges against the station database, each with its audit entry.

This is the one entry point for the command line and the alerts view (which runs it in a background
task with a progress callback and a cancel check):

>>> summary = export_alerts(station, AlertQuery.parse(since="2025-01-01"), "csv", "alerts.csv",
...                         actor="anna", progress=bar.setValue, cancel=stop_event.is_set)  # doctest: +SKIP

Every completed export appends an ``export`` audit entry: who, the format, the file (path, SHA-256,
size), the filter and the row count. A cancelled or failed export leaves no file and no entry.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

from dispense_app.export.base import CancelCheck, ExportSummary, ProgressCallback, guard_target
from dispense_app.export.filters import AlertQuery
from dispense_app.export.retention import (
    DEFAULT_RETENTION_YEARS,
    SETTING_KEY,
    PurgePlan,
    RetentionPolicy,
    check_years,
)

if TYPE_CHECKING:
    from dispense_app.store import Station

FORMATS = ("csv", "jsonl", "pdf")
AUDIT_EXPORT = "export"
AUDIT_PURGE = "alert-purge"


def export_alerts(
    station: Station,
    query: AlertQuery,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    actor: str | None,
    delimiter: str = ",",
    dossier: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    force: bool = False,
) -> ExportSummary:
    """Write the alerts ``query`` selects as ``fmt`` (csv, jsonl, pdf; ``dossier`` for one PDF page per
    alert) to ``path``, then audit it. Raises ExportError / ExportCancelled / the store's errors.

    The target is checked first (:func:`~dispense_app.export.base.guard_target`): never in the
    station's data folder; an existing file that is not an earlier export only with ``force``."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    guard_target(path, station.path.parent, force=force)
    if fmt == "csv":
        from dispense_app.export.csv_writer import write_csv, write_csv_lines
        from dispense_app.export.store_rows import stored_csv_lines

        lines = stored_csv_lines(station, query, delimiter)
        if lines is not None:  # the fast path: stored text straight to lines
            summary = write_csv_lines(lines, path, delimiter=delimiter, progress=progress, cancel=cancel)
        else:
            summary = write_csv(query.stream(station), path, delimiter=delimiter, progress=progress, cancel=cancel)
    elif fmt == "jsonl":
        from dispense_app.export.jsonl_writer import write_jsonl, write_jsonl_objects
        from dispense_app.export.store_rows import stored_alert_dicts

        dicts = stored_alert_dicts(station, query)
        if dicts is not None:
            summary = write_jsonl_objects(dicts, path, progress=progress, cancel=cancel)
        else:
            summary = write_jsonl(query.stream(station), path, progress=progress, cancel=cancel)
    elif dossier:
        from dispense_app.export.pdf_report import write_pdf_dossiers

        summary = write_pdf_dossiers(
            query.stream(station), path, station=station.station_id, progress=progress, cancel=cancel,
            signals=dossier_signals(station),
        )
    else:
        from dispense_app.export.pdf_report import write_pdf_report

        summary = write_pdf_report(
            query.stream(station), path, filter_text=query.describe(), station=station.station_id,
            progress=progress, cancel=cancel,
        )
    details: dict[str, Any] = {
        **summary.to_json(),
        "format": "pdf-dossier" if fmt == "pdf" and dossier else fmt,
        "filter": query.to_json(),
    }
    if fmt == "csv":
        details["delimiter"] = delimiter
    station.audit.append(AUDIT_EXPORT, actor, details)
    return summary


def dossier_signals(station: Station) -> dict[str, list[str]]:
    """Per alert id, the counterfeit and diversion signals it is evidence of, one line each."""
    from dispense_app.core.signals import by_alert, find_signals

    return {
        alert_id: [f"{s.kind} ({s.signal_id}): {s.message}; evidence {s.evidence}" for s in found]
        for alert_id, found in by_alert(find_signals(station.scan_log)).items()
    }


def retention_years(station: Station) -> int:
    """The station's retention period (setting ``alerts.retention_years``, default 5)."""
    return check_years(station.settings.get(SETTING_KEY, DEFAULT_RETENTION_YEARS))


def plan_purge(station: Station, policy: RetentionPolicy, now: dt.datetime) -> PurgePlan:
    """What a purge would remove now (reads only the alerts older than the cut-off)."""
    cutoff = policy.cutoff(now)
    return policy.plan(station.alerts(until=cutoff - dt.timedelta(microseconds=1)), now)


def purge_alerts(station: Station, plan: PurgePlan, *, actor: str | None) -> int:
    """Delete the plan's alerts that are still closed and older than its cut-off, and audit it
    (``alert-purge``: the plan, ``purged`` and ``alert_ids``), in one transaction
    (:meth:`Station.delete_closed_alerts`). Returns the number deleted."""
    return station.delete_closed_alerts(
        plan.purge_ids, before=plan.cutoff, actor=actor, details=plan.to_json(), kind=AUDIT_PURGE
    )
