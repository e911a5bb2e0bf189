"""The garbage collector paused while the counter window starts (issue 22, start-up).

Starting the window imports a few hundred modules and builds a few hundred Qt wrapper classes and
enums: by the first paint the collector tracks about 34,000 objects, hardly any of them garbage
(about 400). Each 700 new ones woke the cyclic collector, which walked the young objects (and now
and then the older ones) for nothing: 12 to 18 ms of a 210 ms start, measured with the collector off
from the first line. The window's command pauses it before the imports; the window resumes it at its
first paint and freezes what the start made, so its first collections do not walk that again. Once
the station is built, :func:`dispense_app.ui.app.freeze_startup_objects` unfreezes, collects once
and freezes again: the start's garbage does not outlive it.

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
