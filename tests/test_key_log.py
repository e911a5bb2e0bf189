"""The compact key timings of a wedge scan (scanner.key_log): what the alert record keeps."""

from __future__ import annotations

import json

from scanner.calibration import GS
from scanner.key_log import MAX_KEYS, is_key_timings, key_timings, label, summary
from scanner.scan_event import KeyRecord
from scanner.wedge import Key, KeyEvent, Mod, Scan, WedgeAssembler, key_events_for

CODE = "]d2" + "0104150123456782" + "21" + "Zy/7" + GS + "10" + "L1"


def scanned(events: list[KeyEvent]) -> Scan:
    asm = WedgeAssembler()
    (scan,) = [o for ev in events for o in asm.feed(ev) if isinstance(o, Scan)]
    return scan


def test_one_entry_per_key_press_in_ms_since_the_first() -> None:
    scan = scanned(key_events_for(CODE, start_ms=1000.0, gap_ms=3.0, gs_as="ctrl"))
    timings = key_timings(scan.event.raw_keys)
    assert timings[:4] == [[0, "]"], [3, "d"], [6, "2"], [9, "0"]]
    labels = [k for _, k in timings]
    assert labels[-1] == "Enter" and "Ctrl+]" in labels and "Shift+Z" in labels and "y" in labels
    assert len(timings) == len(CODE) + 1  # every character and the suffix; no releases, no lone Ctrl
    assert is_key_timings(timings) and json.loads(json.dumps(timings)) == timings
    # the Ctrl+] press comes 0.5 ms after its Ctrl, so one gap is 3.5 ms
    assert summary(timings) == f"{len(timings)} keys in {3 * (len(timings) - 1)} ms, max gap 3.5 ms"


def test_gs_forms_stay_visible() -> None:
    alt = [k for _, k in key_timings(scanned(key_events_for(CODE, gs_as="alt")).event.raw_keys)]
    assert alt[alt.index("Alt+Num0") : alt.index("Alt+Num0") + 4] == ["Alt+Num0", "Alt+Num0", "Alt+Num2", "Alt+Num9"]
    x11 = [k for _, k in key_timings(scanned(key_events_for(CODE, gs_as="text")).event.raw_keys)]
    assert "Ctrl+]" in x11  # Ctrl+] that X11 reports with the GS character as its text


def test_labels() -> None:
    assert label(KeyRecord("a", ord("A"), int(Mod.SHIFT), 0.0)) == "Shift+a"  # Caps Lock at work
    assert label(KeyRecord("\x1d", Key.BRACKET_RIGHT, 0, 0.0)) == "<GS>"
    assert label(KeyRecord("+", Key.PLUS, int(Mod.CONTROL), 0.0)) == "Ctrl++"  # GS on a German host
    assert label(KeyRecord("", 0x01000006, int(Mod.ALT | Mod.KEYPAD), 0.0)) == "Alt+Num0"  # Num Lock off
    assert label(KeyRecord("", Key.CAPS_LOCK, 0, 0.0)) == "CapsLock"
    assert label(KeyRecord("\t", Key.TAB, 0, 0.0)) == "Tab"
    assert label(KeyRecord("", 0x01000030, 0, 0.0)) == "key 0x1000030"
    assert len(label(KeyRecord("x" * 100, 0, 0, 0.0))) == 24


def test_bounded_and_the_summary_still_counts_every_key() -> None:
    keys = tuple(KeyRecord("7", ord("7"), 0, float(i * 2)) for i in range(400))
    timings = key_timings(keys)
    assert len(timings) == MAX_KEYS
    assert timings[-1] == [798, f"… {400 - MAX_KEYS + 1} more keys"]
    assert summary(timings) == f"400 keys in 798 ms, max gap 2 ms (the first {MAX_KEYS - 1} kept)"


def test_nothing_typed_means_no_timings() -> None:
    assert key_timings(()) == []
    assert key_timings((KeyRecord("", Key.SHIFT, int(Mod.SHIFT), 0.0),)) == []
    assert summary([]) == "no key timings"
    assert summary([[0, "7"]]) == "1 key in 0 ms"


def test_shape_check() -> None:
    assert is_key_timings([]) and is_key_timings([[0, "a"], [1.5, "b"]])
    for bad in (None, "x", [[0]], [["0", "a"]], [[True, "a"]], [[0, 1]], [(0, "a")]):
        assert not is_key_timings(bad)
