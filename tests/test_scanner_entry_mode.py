"""The scanner package owns the entry-mode type; core re-exports that one type (issue 14)."""

from __future__ import annotations

import subprocess
import sys

from dispense_app.core import model
from scanner.entry_mode import EntryMode
from scanner.manual_entry import validate_manual
from scanner.scan_event import ScanEvent, ScanSource


def test_core_and_scanner_share_one_entry_mode_type() -> None:
    assert model.EntryMode is EntryMode
    assert [m.value for m in EntryMode] == ["scan", "manual", "camera"]


def test_scanner_values_are_core_values() -> None:
    event = ScanEvent(b"x", ScanSource.WEDGE)
    assert event.entry_mode is model.EntryMode.SCAN
    result = validate_manual("04150123456782", "SN1", "LOT1", "2030-01-31")
    assert result.entry_mode is model.EntryMode.MANUAL
    assert result.scan is not None and result.scan.entry_mode is model.EntryMode.MANUAL


def test_importing_the_scanner_loads_nothing_of_dispense_app() -> None:
    code = (
        "import sys\n"
        "import scanner.scan_event, scanner.manual_entry, scanner.camera, scanner.gate, scanner.wedge\n"
        "from scanner.camera import ScanHit\n"
        "from scanner.decoding.result import Decoded, Point\n"
        "p = Point(0.0, 0.0)\n"
        "code = Decoded(b'x', 'x', ']d2', True, 'zxing', 1.0, (p, p, p, p))\n"
        "assert str(ScanHit(code, 0, 0.0).to_scan_event().entry_mode) == 'camera'\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'dispense_app'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
