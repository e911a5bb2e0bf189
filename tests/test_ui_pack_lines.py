"""The pack list's rows follow what an action did (DispenseLines is Qt-free)."""

from __future__ import annotations

from dispense_app.ui.pack_list import DispenseLines
from dispense_app.ui.viewmodel import DispenseResult, Level, LineStatus, LineUpdate, PackDetails, ScanResult


def _checked(serial: str) -> ScanResult:
    pack = PackDetails("04150123456782", "GTIN", serial, "IB2401", None)
    return ScanResult(Level.OK, ("Pack verified",), "", pack, may_dispense=True)


def test_a_pack_refused_at_dispense_no_longer_shows_ok() -> None:
    """Seen under Xvfb: after F9 the row said "refused by the hub" while its verdict column still
    showed "✓ OK" (a pack read as fine from across the counter)."""
    lines = DispenseLines()
    lines.add_scan(_checked("DEMO-IBU-001"))
    lines.add_scan(_checked("DEMO-IBU-002"))
    key1, key2 = (line.key for line in lines)
    lines.apply(
        DispenseResult(
            Level.STOP,
            (LineUpdate(key1, LineStatus.DISPENSED), LineUpdate(key2, LineStatus.FAILED, "refused by the hub")),
        )
    )
    first, second = lines
    assert first.level is Level.OK and first.status is LineStatus.DISPENSED
    assert second.level is Level.STOP and second.status is LineStatus.FAILED
