"""A keyboard-wedge scan's key timings, in a compact form an investigator can read.

A wedge :class:`~scanner.scan_event.ScanEvent` keeps every key event of the scan (press and
release, Qt key code, modifier bits, timestamp). For the alert record and the local scanner events
that is too much and too raw, so :func:`key_timings` keeps one entry per key press:
``[milliseconds since the first key press, what was pressed]``, e.g.::

    [[0, "]"], [3, "d"], [6, "2"], [9, "0"], ..., [41, "Ctrl+]"], ..., [71, "Enter"]]

*What was pressed* is the typed character of a plain key (``"7"``, ``"A"``), the modifiers held
before it (``"Shift+a"``: Shift with a lower-case letter is Caps Lock at work; ``"Ctrl+]"``, the GS
of many scanners; ``"Alt+Num0"``, a digit of an Alt+0029 code), a control character made visible
(``"<GS>"``) or a key's name (``"Enter"``, ``"Tab"``, ``"CapsLock"``). Presses of Shift, Ctrl,
Alt, Meta and AltGr on their own, and all releases, are left out: the modifiers show as the prefix
of the key they modify.

Why this form: in a JSON export it reads as what the scanner typed, in order, with its timing (a
scanner types a key every 1-20 ms; a person rarely manages one under 50 ms), and it shows what
investigators of false alerts look for (the GS sent as Ctrl+] or Alt+0029 or not at all, Caps
Lock, a keyboard layout that swaps y and z) at about ten bytes a key.

Bounded: at most :data:`MAX_KEYS` entries (a pack code is under 150 characters; an Alt+numpad
separator takes four presses). A longer scan keeps its first ``MAX_KEYS - 1`` presses and ends
with ``[ms of its last press, "… N more keys"]``; :func:`summary` counts those too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from scanner.scan_event import KeyRecord, visible
from scanner.wedge import KEYPAD_NAV_DIGITS, Key, Mod

MAX_KEYS = 256
"""Most entries kept for one scan."""
MAX_LABEL = 24
"""Longest label kept for one key press (a key types one character; an input method may type more)."""

KeyTiming = list[float | str]
"""One entry: ``[ms since the first key press, what was pressed]``."""

_SILENT = frozenset({Key.SHIFT, Key.CONTROL, Key.META, Key.ALT, Key.ALT_GR})
_NAMES: dict[int, str] = {Key.RETURN: "Enter", Key.ENTER: "Enter", Key.TAB: "Tab", Key.BACKTAB: "Backtab",
          Key.CAPS_LOCK: "CapsLock", Key.NUM_LOCK: "NumLock"}
# plain ints: every ``&`` with an IntFlag member made a new enum object, about 1 ms for each alert's
# key log (issue 22)
_PREFIXES = tuple((int(flag), name) for flag, name in
                  ((Mod.CONTROL, "Ctrl+"), (Mod.ALT, "Alt+"), (Mod.META, "Meta+"), (Mod.SHIFT, "Shift+")))
_KEYPAD = int(Mod.KEYPAD)
_CHORD = int(Mod.CONTROL | Mod.ALT | Mod.META)
_MORE = re.compile(r"^… (\d+) more keys$")


def label(rec: KeyRecord) -> str:
    """What one key press was, as :func:`key_timings` writes it."""
    mods = int(rec.modifiers)
    keypad = bool(mods & _KEYPAD)
    if rec.key in _NAMES:
        base = _NAMES[rec.key]
    elif keypad and rec.key in KEYPAD_NAV_DIGITS:
        base = KEYPAD_NAV_DIGITS[rec.key]  # a keypad digit with Num Lock off
    elif (mods & _CHORD or not rec.text) and 0x20 < rec.key < 0x7F:
        base = chr(rec.key)  # a chord (Ctrl+], Alt+0) or a key that typed nothing: the key itself
    elif rec.text:
        base = visible(rec.text)
    else:
        base = f"key {rec.key:#x}"
    prefix = "".join(name for flag, name in _PREFIXES if mods & flag)
    return (prefix + ("Num" if keypad else "") + base)[:MAX_LABEL]


def _ms(value: float) -> float:
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else rounded


def key_timings(keys: Sequence[KeyRecord], *, limit: int = MAX_KEYS) -> list[KeyTiming]:
    """The scan's key presses as ``[ms since the first press, label]`` (see the module docstring);
    an empty list when there are none (a scan that did not come from a keyboard wedge)."""
    presses = [k for k in keys if k.press and k.key not in _SILENT]
    if not presses:
        return []
    t0 = presses[0].timestamp_ms
    if len(presses) <= limit:
        return [[_ms(k.timestamp_ms - t0), label(k)] for k in presses]
    kept: list[KeyTiming] = [[_ms(k.timestamp_ms - t0), label(k)] for k in presses[: limit - 1]]
    kept.append([_ms(presses[-1].timestamp_ms - t0), f"… {len(presses) - limit + 1} more keys"])
    return kept


def is_key_timings(value: Any) -> bool:
    """Whether ``value`` has the shape :func:`key_timings` returns (a list of [number, text])."""
    return isinstance(value, list) and all(
        isinstance(e, list) and len(e) == 2 and isinstance(e[0], (int, float)) and not isinstance(e[0], bool)
        and isinstance(e[1], str)
        for e in value
    )


def summary(timings: Sequence[Sequence[Any]]) -> str:
    """One line about a scan's key timings, e.g. ``34 keys in 71 ms, max gap 4 ms``."""
    if not timings:
        return "no key timings"
    entries = list(timings)
    more = _MORE.match(str(entries[-1][1])) if len(entries) > 1 else None
    total_ms = float(entries[-1][0])
    count = len(entries)
    if more:
        entries.pop()
        count += int(more.group(1)) - 1
    times = [float(e[0]) for e in entries]
    gaps = [b - a for a, b in pairwise(times)]
    text = f"{count} key{'s' if count != 1 else ''} in {_ms(total_ms)} ms"
    if gaps:
        text += f", max gap {_ms(max(gaps))} ms"
    if more:
        text += f" (the first {len(entries)} kept)"
    return text
