"""Keyboard-wedge assembler: tells scanner bursts from human typing and assembles one scan per burst.

A USB keyboard-wedge scanner "types" its data as key events, a character every 1-20 ms; a person
rarely manages three keystrokes in a row under 30 ms. The assembler is fed every key event (press
and release) with its timestamp and decides, without Qt, what each one is:

* the first keystrokes are *held* until timing says who is typing: as soon as ``min_burst``
  characters arrived with every gap <= ``max_gap_ms`` it is a scanner, and everything up to the
  suffix (Enter/Tab) or the next long gap becomes one :class:`~scanner.scan_event.ScanEvent`;
* if a gap exceeds ``max_gap_ms`` first (or a suffix key comes too early), it was a person: the
  held events are handed back in order (:class:`Replay`) so the caller can deliver them untouched.

Control characters arrive as key combinations: Ctrl+] becomes GS (and Ctrl + the key at the US
``]`` position on other hosts: ``+`` on German, Italian and Spanish layouts, ``$`` on French ones),
Ctrl+^ / Ctrl+6 becomes RS, Ctrl+D EOT, any Ctrl+letter its control character; Alt + numpad digits
(Alt+0029 or Alt+029 for GS, Alt+030 for RS, Alt+004 for EOT) become that character. The key
sequence itself is kept in the scan (``ScanEvent.raw_keys``); an alert record and a local scanner
event keep its key timings (:mod:`scanner.key_log`).

Key codes and modifier bits use Qt's numeric values so the Qt filter can pass events through
unchanged, but nothing here imports Qt. The caller calls :meth:`WedgeAssembler.timeout` when no
key event arrived for ``max_gap_ms`` (a single-shot timer restarted on every event).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum, IntFlag
from typing import Literal

from scanner.scan_event import KeyRecord, ScanEvent, ScanSource, aim_prefix


class Mod(IntFlag):
    """Keyboard modifiers (values of Qt.KeyboardModifier)."""

    NONE = 0
    SHIFT = 0x02000000
    CONTROL = 0x04000000
    ALT = 0x08000000
    META = 0x10000000
    KEYPAD = 0x20000000


class Key(IntEnum):
    """The key codes the assembler cares about (values of Qt.Key)."""

    TAB = 0x01000001
    BACKTAB = 0x01000002
    RETURN = 0x01000004
    ENTER = 0x01000005
    SHIFT = 0x01000020
    CONTROL = 0x01000021
    META = 0x01000022
    ALT = 0x01000023
    CAPS_LOCK = 0x01000024
    NUM_LOCK = 0x01000025
    ALT_GR = 0x01001103
    DOLLAR = 0x24
    PLUS = 0x2B
    DIGIT_0 = 0x30
    DIGIT_6 = 0x36
    DIGIT_9 = 0x39
    A = 0x41
    Z = 0x5A
    BRACKET_RIGHT = 0x5D
    ASCII_CIRCUM = 0x5E


#: Keypad keys with Num Lock off (Qt key codes) -> the digit they stand for in an Alt+numpad code.
KEYPAD_NAV_DIGITS: dict[int, str] = {
    0x01000006: "0", 0x01000011: "1", 0x01000015: "2", 0x01000017: "3", 0x01000012: "4",
    0x0100000B: "5", 0x01000014: "6", 0x01000010: "7", 0x01000013: "8", 0x01000016: "9",
}
MODIFIER_KEYS = frozenset({Key.SHIFT, Key.CONTROL, Key.META, Key.ALT, Key.ALT_GR, Key.CAPS_LOCK, Key.NUM_LOCK})
GS, RS, EOT = "\x1d", "\x1e", "\x04"
#: ScanEvent.terminator of a scan that ended on a pause although the scanner sends a suffix:
#: the scan may be cut short (the gate stops it).
INCOMPLETE = "timeout-no-suffix"
#: Characters the host types for the US ``]`` key position; Ctrl + that key is a scanner's GS.
CTRL_GS_TEXTS = frozenset({"]", "+", "$"})


@dataclass(frozen=True, slots=True)
class KeyEvent:
    """One key event: what the host typed (``text``), the key code, the modifiers and the time
    in milliseconds (any monotonic origin, the same for every event)."""

    text: str
    key: int
    modifiers: int = 0
    timestamp_ms: float = 0.0
    press: bool = True

    def record(self) -> KeyRecord:
        return KeyRecord(self.text, int(self.key), int(self.modifiers), self.timestamp_ms, self.press)


GAP_EPSILON_MS = 1e-6  # float rounding of timestamp differences, far below any real timing


@dataclass(frozen=True, slots=True)
class WedgeConfig:
    """Timing and suffix settings. ``max_gap_ms``: the longest gap between two keystrokes of one
    scan (scanners: 1-20 ms; people: rarely under 50 ms); ``min_burst``: how many fast characters
    make a scan; ``suffix``: what the scanner sends after the data (``none``: a scan ends on the
    first gap longer than ``max_gap_ms``)."""

    max_gap_ms: float = 30.0
    min_burst: int = 4
    suffix: Literal["enter", "tab", "none"] = "enter"
    max_length: int = 4096

    def __post_init__(self) -> None:
        if self.max_gap_ms <= 0:
            raise ValueError("max_gap_ms must be positive")
        if self.min_burst < 2:
            raise ValueError("min_burst must be at least 2")


@dataclass(frozen=True, slots=True)
class Replay:
    """Held events that turned out to be a person typing: deliver them unchanged, in order."""

    events: tuple[KeyEvent, ...]


@dataclass(frozen=True, slots=True)
class Scan:
    """A completed scanner burst."""

    event: ScanEvent
    text: str  # what the host typed, control characters assembled (GS/RS/EOT real characters)


Output = Replay | Scan


@dataclass
class _Burst:
    events: list[KeyEvent] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    chars: int = 0
    last_press_ms: float | None = None
    alt_digits: str = ""
    swallow_next: str | None = None


class WedgeAssembler:
    """Feed it every key event; it returns what to do with them (see module docstring)."""

    def __init__(self, config: WedgeConfig | None = None, *, source: ScanSource = ScanSource.WEDGE,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self.config = config or WedgeConfig()
        self.source = source
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._burst: _Burst | None = None
        self._scanning = False
        self._unreleased: set[int] = set()  # keys pressed inside a finished scan, release not yet seen

    # -- state ---------------------------------------------------------------------------------
    @property
    def holding(self) -> bool:
        """True while events are being held (undecided) or collected into a scan."""
        return self._burst is not None

    @property
    def scanning(self) -> bool:
        return self._scanning

    # -- input ---------------------------------------------------------------------------------
    def feed(self, ev: KeyEvent) -> list[Output]:
        out: list[Output] = []
        burst = self._burst
        if burst is not None and ev.press and burst.last_press_ms is not None \
                and self._over_gap(ev.timestamp_ms - burst.last_press_ms):
            out.extend(self._end("timeout"))
            burst = None
        if ev.press and not self._scanning and self._is_human_only(ev):
            # a key no scanner sends (arrows, F-keys, Backspace, Escape, Delete): a person
            held = burst.events if burst is not None else []
            self._burst = None
            out.append(Replay((*held, ev)))
            return out
        if burst is None:
            if not ev.press:
                if ev.key in self._unreleased:
                    self._unreleased.discard(ev.key)  # its press went into a scan: swallow it too
                else:
                    out.append(Replay((ev,)))  # a stray release: nothing to decide
                return out
            if ev.press and self._is_suffix(ev):
                out.append(Replay((ev,)))
                return out
            burst = self._burst = _Burst()
            self._scanning = False
        burst.events.append(ev)
        if ev.press:
            burst.last_press_ms = ev.timestamp_ms
        if ev.press and self._is_suffix(ev):
            if self._scanning:
                out.extend(self._end("tab" if ev.key in (Key.TAB, Key.BACKTAB) else "enter"))
            else:
                out.extend(self._end("early-suffix"))
            return out
        self._collect(burst, ev)
        if not self._scanning and burst.chars >= self.config.min_burst:
            self._scanning = True
        if self._scanning and len(burst.text) > self.config.max_length:
            out.extend(self._end("too-long"))
        return out

    def timeout(self) -> list[Output]:
        """No key event for ``max_gap_ms``: decide what is held."""
        if self._burst is None:
            return []
        return self._end("timeout")

    def poll(self, now_ms: float) -> list[Output]:
        """Timestamp-driven alternative to :meth:`timeout` (same timebase as the events)."""
        b = self._burst
        if b is not None and b.last_press_ms is not None and self._over_gap(now_ms - b.last_press_ms):
            return self._end("timeout")
        return []

    def _over_gap(self, gap_ms: float) -> bool:
        """``gap_ms`` exceeds ``max_gap_ms``. A gap *of* ``max_gap_ms`` is within it, also when it
        comes out a hair above as a difference of two float timestamps (1234.5 + 30 - 1234.5 is
        30.000000000000227): a scan must not split on rounding."""
        return gap_ms > self.config.max_gap_ms + GAP_EPSILON_MS

    # -- internals -----------------------------------------------------------------------------
    @staticmethod
    def _is_human_only(ev: KeyEvent) -> bool:
        if ev.key in MODIFIER_KEYS or ev.modifiers & (Mod.CONTROL | Mod.ALT):
            return False
        if ev.key in (Key.RETURN, Key.ENTER, Key.TAB, Key.BACKTAB):
            return False
        return not ev.text or ev.text in ("\x08", "\x7f", "\x1b")

    def _is_suffix(self, ev: KeyEvent) -> bool:
        return ev.key in (Key.RETURN, Key.ENTER, Key.TAB, Key.BACKTAB) and not (ev.modifiers & Mod.ALT)

    def _collect(self, burst: _Burst, ev: KeyEvent) -> None:
        mods = Mod(ev.modifiers & (Mod.SHIFT | Mod.CONTROL | Mod.ALT | Mod.META | Mod.KEYPAD))
        if not ev.press:
            if ev.key == Key.ALT and burst.alt_digits:
                value = int(burst.alt_digits)
                burst.alt_digits = ""
                if 0 < value < 0x110000:
                    ch = chr(value)
                    burst.text.append(ch)
                    burst.chars += 1
                    burst.swallow_next = ch  # Windows also delivers the composed character
            return
        if ev.key in MODIFIER_KEYS:
            return
        if burst.swallow_next is not None:
            expected = burst.swallow_next
            burst.swallow_next = None
            if ev.text == expected and not mods & Mod.ALT:
                return
        ctrl = bool(mods & Mod.CONTROL) and not mods & Mod.ALT  # Ctrl+Alt is AltGr on Windows
        if mods & Mod.ALT and not mods & Mod.CONTROL:
            digit = chr(ev.key) if Key.DIGIT_0 <= ev.key <= Key.DIGIT_9 and (
                mods & Mod.KEYPAD or not ev.text or ev.text.isdigit()) else None
            if digit is None and mods & Mod.KEYPAD:
                digit = KEYPAD_NAV_DIGITS.get(ev.key)  # Num Lock off: the keypad reports navigation keys
            if digit is not None:
                burst.alt_digits += digit
                burst.chars += 1
                return
        if ctrl:
            ctl = self._control_char(ev)
            if ctl is not None:
                burst.text.append(ctl)
                burst.chars += 1
            return
        if ev.text:
            burst.text.append(ev.text)
            burst.chars += 1

    @staticmethod
    def _control_char(ev: KeyEvent) -> str | None:
        if len(ev.text) == 1 and ord(ev.text) < 0x20:
            return ev.text
        if ev.key == Key.BRACKET_RIGHT or ev.text in CTRL_GS_TEXTS or ev.key in (Key.PLUS, Key.DOLLAR):
            return GS
        if ev.key in (Key.ASCII_CIRCUM, Key.DIGIT_6):
            return RS
        if Key.A <= ev.key <= Key.Z:
            return chr(ev.key - 0x40)
        return None

    def _end(self, terminator: str) -> list[Output]:
        burst = self._burst
        self._burst = None
        scanning, self._scanning = self._scanning, False
        if burst is None:
            return []
        if not scanning:
            return [Replay(tuple(burst.events))]
        pressed: set[int] = set()
        for e in burst.events:
            (pressed.add if e.press else pressed.discard)(e.key)
        self._unreleased = pressed
        if terminator == "timeout" and self.config.suffix != "none":
            terminator = INCOMPLETE  # the scanner always sends a suffix: this scan was cut short
        text = "".join(burst.text)
        raw = text.encode("utf-8", errors="surrogatepass")
        event = ScanEvent(raw=raw, source=self.source, aim=aim_prefix(raw), time=self._clock(),
                          raw_keys=tuple(e.record() for e in burst.events), terminator=terminator)
        return [Scan(event, text)]


def key_events_for(text: str, *, start_ms: float = 0.0, gap_ms: float = 5.0, suffix: str = "enter",
                   gs_as: Literal["ctrl", "alt", "text"] = "ctrl") -> list[KeyEvent]:
    """Key events a US-host wedge scanner produces for ``text`` (presses and releases).

    Used by tests, the benchmark and the GUI's self-test; GS/RS/EOT are sent as Ctrl
    combinations (``ctrl``), Alt + numpad digits (``alt``) or as the control character itself
    (``text``, what X11 reports for Ctrl+]).
    """
    evs: list[KeyEvent] = []
    t = start_ms
    ctrl_keys = {GS: (Key.BRACKET_RIGHT, "\x1d"), RS: (Key.ASCII_CIRCUM, "\x1e"), EOT: (0x44, "\x04")}
    alt_codes = {GS: "0029", RS: "030", EOT: "004"}
    for ch in text:
        if ch in ctrl_keys and gs_as == "alt":
            evs.append(KeyEvent("", Key.ALT, Mod.ALT, t))
            for d in alt_codes[ch]:
                t += gap_ms
                evs.append(KeyEvent("", ord(d), Mod.ALT | Mod.KEYPAD, t))
                evs.append(KeyEvent("", ord(d), Mod.ALT | Mod.KEYPAD, t + 0.5, press=False))
            evs.append(KeyEvent("", Key.ALT, Mod.NONE, t + 1, press=False))
        elif ch in ctrl_keys:
            key, ctl = ctrl_keys[ch]
            evs.append(KeyEvent("", Key.CONTROL, Mod.CONTROL, t))
            evs.append(KeyEvent(ctl if gs_as == "text" else "", key, Mod.CONTROL, t + 0.5))
            evs.append(KeyEvent("", key, Mod.CONTROL, t + 1, press=False))
            evs.append(KeyEvent("", Key.CONTROL, Mod.NONE, t + 1.5, press=False))
        else:
            key = ord(ch.upper()) if ch.isascii() else 0
            mods = Mod.SHIFT if ch.isupper() else Mod.NONE
            evs.append(KeyEvent(ch, key, mods, t))
            evs.append(KeyEvent(ch, key, mods, t + 1, press=False))
        t += gap_ms
    if suffix in ("enter", "tab"):
        key = Key.RETURN if suffix == "enter" else Key.TAB
        evs.append(KeyEvent("\r" if suffix == "enter" else "\t", key, Mod.NONE, t))
        evs.append(KeyEvent("", key, Mod.NONE, t + 1, press=False))
    return evs
