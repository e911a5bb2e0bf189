"""The scanner test sheet and the diagnosis of what a keyboard-wedge scanner does to it.

The sheet is a handful of DataMatrix codes whose contents are known exactly. Together they hold
every CSET 82 character in both cases, GS separators (as FNC1 in a GS1 code and as a data
character in plain codes), a GS1 (``]d2``) pack code and an IFA pack code (RS, EOT). What a
scanner types for them tells us the host keyboard layout it collides with, Caps Lock, how GS, RS
and EOT arrive, the AIM prefix and the suffix.
"""

from __future__ import annotations

from dataclasses import dataclass

GS = "\x1d"
RS = "\x1e"
EOT = "\x04"


@dataclass(frozen=True, slots=True)
class SheetCode:
    """One code of the scanner test sheet."""

    name: str
    text: str  # the raw content (GS as the real character; no AIM prefix)
    gs1: bool  # encoded as GS1 DataMatrix (FNC1 first, read back with the AIM id ]d2)

    @property
    def aim(self) -> str:
        return "]d2" if self.gs1 else "]d1"

    @property
    def payload(self) -> bytes:
        return self.text.encode("ascii")


# The sheet, in printed order. Do not change the contents without bumping SHEET_VERSION: profiles
# record which sheet they were calibrated with.
SHEET_VERSION = 1
SHEET: tuple[SheetCode, ...] = (
    # A real GS1 pack code: GTIN (check digit valid), serial with the dead-key sequences that
    # German and Spanish hosts compose (=e, +o, 'a, "u), lot, expiry; two FNC1 separators.
    SheetCode("gs1-pack", "01" + "04150123456782" + "21" + "Zy'a=e+o\"u" + GS + "10" + "Ab-1.2" + GS + "17" + "301231",
              True),
    SheetCode("upper", "ABCDEFGHIJKLM" + GS + "NOPQRSTUVWXYZ", False),
    SheetCode("lower", "abcdefghijklm" + GS + "nopqrstuvwxyz", False),
    SheetCode("digits-punct", "0123456789!\"%&'()*+,-./:;<=>?_", False),
    # An IFA (securPharm) pack code: ISO/IEC 15434 format 06 envelope with RS and EOT, so the
    # calibration also learns how a scanner transmits those two and the "[)>" header.
    SheetCode("ifa-pack", "[)>" + RS + "06" + GS + "9N110375286414" + GS + "1TxY-9.b" + GS + "D301200" + GS
              + "SqW8kP3z" + RS + EOT, False),
)


def test_sheet_codes() -> list[tuple[str, bytes, bool]]:
    """The scanner test sheet's codes in sheet order: (name, raw payload bytes, gs1 flag).

    For a GS1 code the payload is the element string as a decoder returns it (no leading FNC1;
    GS = byte 29 between fields); an encoder must write it as GS1 DataMatrix (FNC1 in first
    position). Plain codes are ASCII DataMatrix where GS is an ordinary data byte.
    """
    return [(c.name, c.payload, c.gs1) for c in SHEET]


# pytest would otherwise collect this function wherever a test module imports it by name.
test_sheet_codes.__test__ = False  # type: ignore[attr-defined]
