"""How a pack's data reached the app: the flag national hub systems require with every request.

It lives in the scanner package because the scanner decides it (a wedge or serial scan, a camera
read, a manual entry) and ``scanner`` must not import ``dispense_app``. ``dispense_app.core.model``
re-exports this one type, so there is a single ``EntryMode`` everywhere, never two to convert.
"""

from __future__ import annotations

from enum import StrEnum


class EntryMode(StrEnum):
    """How the pack's data reached the app (national systems require the flag)."""

    SCAN = "scan"
    MANUAL = "manual"
    CAMERA = "camera"
