"""One scan as it reached the app, before any interpretation (DESIGN.md "One scan, end to end").

Whatever the source (keyboard wedge, serial port, camera, manual entry), a scan becomes a
:class:`ScanEvent`: the raw bytes exactly as delivered, the AIM symbology identifier if the
scanner sent one, where it came from, the entry mode the hub must be told, the time, and for
keyboard-wedge scans the key sequence that produced it and how the scan ended. The station passes
the event itself on: the scanner gate reads its terminator (a scan cut short is stopped), and an
alert record keeps its time (``scanned_at``) and key timings (``scan_keys``, the compact form of
:mod:`scanner.key_log`), so an investigator can see when and what the scanner really typed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from scanner.entry_mode import EntryMode

_AIM_RE = re.compile(rb"^\][A-Za-z][0-9A-Za-z]")


class ScanSource(StrEnum):
    WEDGE = "wedge"
    SERIAL = "serial"
    CAMERA = "camera"
    MANUAL = "manual"
    CLI = "cli"


@dataclass(frozen=True, slots=True)
class KeyRecord:
    """One key event as the wedge assembler saw it (press or release)."""

    text: str
    key: int
    modifiers: int
    timestamp_ms: float
    press: bool = True

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "key": self.key, "modifiers": self.modifiers, "t": self.timestamp_ms,
                "press": self.press}


@dataclass(frozen=True, slots=True)
class ScanEvent:
    """A scan as delivered. ``raw`` keeps GS/RS/EOT as the real bytes; for a wedge scan it is the
    assembled text encoded as UTF-8 (what the host typed, before any scanner profile is applied)."""

    raw: bytes
    source: ScanSource
    entry_mode: EntryMode = EntryMode.SCAN
    aim: str | None = None
    time: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    raw_keys: tuple[KeyRecord, ...] = ()
    terminator: str | None = None  # "enter", "tab", "cr", "lf", "timeout", ...

    @property
    def text(self) -> str:
        """The raw bytes as text (UTF-8, undecodable bytes escaped, never raising)."""
        return self.raw.decode("utf-8", errors="backslashreplace")

    @property
    def raw_hex(self) -> str:
        return self.raw.hex(" ")

    def to_json(self) -> dict[str, Any]:
        return {
            "raw_hex": self.raw_hex,
            "text": self.text,
            "source": str(self.source),
            "entry_mode": str(self.entry_mode),
            "aim": self.aim,
            "time": self.time.isoformat(),
            "terminator": self.terminator,
            "raw_keys": [k.to_json() for k in self.raw_keys],
        }


def aim_prefix(raw: bytes) -> str | None:
    """The AIM symbology identifier at the start of ``raw`` (``]d2``, ``]Q1``, ...), if any."""
    m = _AIM_RE.match(raw)
    return m.group(0).decode("ascii") if m else None


def visible(text: str) -> str:
    """Text with GS/RS/EOT and other control characters made visible (<GS>, <RS>, <EOT>, \\xHH)."""
    names = {0x1D: "<GS>", 0x1E: "<RS>", 0x04: "<EOT>", 0x0D: "<CR>", 0x0A: "<LF>", 0x09: "<TAB>"}
    out = []
    for ch in text:
        o = ord(ch)
        if o in names:
            out.append(names[o])
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        else:
            out.append(ch)
    return "".join(out)
