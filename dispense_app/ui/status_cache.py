"""The last station status, kept in the home folder so the next start shows it at once.

Building the station (imports, the database, the hub client, in training mode the hub simulator)
takes most of a second on a slow machine; until then the status bar had nothing to say. The window
now shows the status the station had when it last answered (outbox length, alerts waiting, scanner
profile, hub address) the moment it is read, with the hub "not checked yet", and replaces it with the
live status as soon as the station gives one (issue 22). Plain Python (no Qt): it runs on workers.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from dispense_app.ui.viewmodel import StationStatus

STATUS_FILE = "last-status.json"
log = logging.getLogger(__name__)
_KEPT = ("outbox_length", "alerts_new", "scanner_profile", "hub_url", "target_ms")
"""What is worth showing from the last run; the hub's state, its timings, the operator and their
permissions are never taken from the past."""


def status_fields(status: StationStatus) -> dict[str, object]:
    return {name: getattr(status, name) for name in _KEPT}


class StatusCache:
    """Writes the status to ``<home>/last-status.json`` when what it keeps has changed."""

    def __init__(self, home: Path) -> None:
        self.path = home / STATUS_FILE
        self._written: dict[str, object] | None = None
        # statuses are worked out on several workers at once (the poll, a dispense's, a replay's):
        # two saves shared the temporary file, and the second rename found it gone
        self._lock = threading.Lock()

    def save(self, status: StationStatus) -> None:
        fields = status_fields(status)
        with self._lock:
            if fields == self._written:
                return
            tmp = self.path.with_name(self.path.name + ".tmp")
            try:
                tmp.write_text(json.dumps(fields, sort_keys=True), encoding="utf-8")
                os.replace(tmp, self.path)
            except OSError as exc:  # only a convenience for the next start: never worth a failure
                log.warning("could not keep the station status in %s: %s", self.path, exc)
                return
            self._written = fields


def load_status(home: Path) -> StationStatus | None:
    """The status kept by the last run, marked ``cached`` with the hub not checked yet; None when
    there is none (a first start) or it cannot be read."""
    try:
        data = json.loads((home / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    try:
        kept: dict[str, Any] = {name: data.get(name) for name in _KEPT if name in data}
        status = replace(StationStatus(hub_online=None), **kept, cached=True)
        int(status.outbox_length)
        float(status.target_ms)
    except (TypeError, ValueError):
        return None
    return status
