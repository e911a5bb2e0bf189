"""From what was scanned or typed to a parsed pack code, its hub identity and any input problems.

A :class:`ScanInput` is the raw input (bytes exactly as received), how it was entered and, for
keyboard-wedge input, the scanner profile to apply first (through the scanner gate). Everything a
user can type ends as a :class:`Prepared` value; nothing here raises on bad input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dispense_app.core.model import EntryMode, PackRef, ProductScheme
from dispense_app.core.verdict import InputProblem

MAX_INPUT = 4096
"""Longer input is refused before parsing (a pack code is under 150 characters)."""


@dataclass(frozen=True, slots=True)
class ScanInput:
    """One scan or manual entry as received."""

    raw: bytes
    entry_mode: EntryMode = EntryMode.SCAN
    aim_id: str | None = None  # symbology identifier reported separately by the scanner, if any
    wedge: bool = False  # typed by a keyboard-wedge scanner: apply the scanner profile first


@dataclass(slots=True)
class Prepared:
    """A scan after parsing: the pack code (if any), problems that stop it, its hub identity."""

    scan: ScanInput
    pack: Any = None  # scanner.parsing.PackCode
    problems: list[InputProblem] = field(default_factory=list)
    ref: PackRef | None = None
    gate_notes: list[str] = field(default_factory=list)

    @property
    def aim_id(self) -> str | None:
        return self.scan.aim_id or (self.pack.symbology if self.pack is not None else None)

    def pack_json(self) -> dict[str, Any]:
        """The parse fields (DESIGN.md parse --json); the empty shape when nothing could be parsed."""
        if self.pack is not None:
            doc: dict[str, Any] = self.pack.to_json()
            doc.pop("elements", None)
            return doc
        return {
            "ok": False,
            "scheme": None,
            "symbology": None,
            "gtin": None,
            "ppn": None,
            "pzn": None,
            "serial": None,
            "lot": None,
            "expiry": None,
            "nhrn": None,
            "errors": [{"code": p.code, "message": p.message, "field": None} for p in self.problems],
            "warnings": [],
        }


def pack_ref(pack: Any) -> PackRef | None:
    """The hub's identity of a parsed pack: GTIN (or NTIN), else PPN; None without a serial."""
    if pack is None or not pack.serial:
        return None
    if pack.gtin:
        return PackRef(ProductScheme.GTIN, pack.gtin, pack.serial, pack.lot, pack.expiry)
    if pack.ppn:
        return PackRef(ProductScheme.PPN, pack.ppn, pack.serial, pack.lot, pack.expiry)
    return None


def prepare(scan: ScanInput, profile: Any = None) -> Prepared:
    """Parse one input. Wedge input goes through the scanner gate first (``scanner.gate.admit``)
    with the station's scanner profile (``profile``: a ``ScannerProfile`` or None)."""
    if len(scan.raw) > MAX_INPUT:
        return Prepared(scan, problems=[InputProblem("too_long", f"input longer than {MAX_INPUT} bytes")])
    notes: list[str] = []
    if scan.wedge:
        from scanner.gate import admit

        result = admit(scan.raw, profile)
        notes = [*result.corrections, *result.repaired]
        if not result.admitted:
            problem = InputProblem(result.stop_code or "gate", result.message or "stopped by the scanner gate", "gate")
            return Prepared(scan, pack=result.pack, problems=[problem], gate_notes=notes)
        pack = result.pack
    else:
        from scanner import parse

        pack = parse(scan.raw)
    prepared = Prepared(scan, pack=pack, gate_notes=notes)
    if pack is None:
        prepared.problems.append(InputProblem("malformed", "not a pack code", "parse"))
        return prepared
    if not pack.ok:
        for e in pack.errors:
            prepared.problems.append(InputProblem(e.code, e.message, "parse"))
        if not pack.errors:
            prepared.problems.append(InputProblem("malformed", "not a complete pack code", "parse"))
        return prepared
    prepared.ref = pack_ref(pack)
    if prepared.ref is None:
        prepared.problems.append(InputProblem("not_a_pack_code", "no product code and serial number", "parse"))
    return prepared
