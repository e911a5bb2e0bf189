"""The garbage collector paused while the counter window starts (issue 22, start-up).

Starting the window imports a few hundred modules and builds a few hundred Qt wrapper classes and
enums: millions of allocations, none of them garbage, and each 700 of them woke the cyclic
collector, which walked the young objects for nothing (12 to 18 ms of a 210 ms start, measured
with the collector off from the first line). The window's command pauses it before the imports
and resumes it once the window has painted; a minute later the objects of the start are frozen
out of its sight for good (:func:`dispense_app.ui.app.freeze_startup_objects`).

Only a pause this module made is undone: a collector someone else turned off stays off.
"""

from __future__ import annotations

import gc

_paused = False


def pause_for_start() -> None:
    """Turn the collector off until :func:`resume` (no-op if it is off already)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Turn the collector back on if :func:`pause_for_start` turned it off (safe to call twice)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def paused() -> bool:
    """True while this module's pause holds."""
    return _paused
