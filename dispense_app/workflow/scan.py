"""From what was scanned or typed to a parsed pack code, its hub identity and any input problems.

A :class:`ScanInput` is the raw input (bytes exactly as received), how it was entered, whether the
scanner gate sees it first (keyboard-wedge input, with the station's scanner profile) and, when a
scanner delivered it, the scanner's own :class:`~scanner.scan_event.ScanEvent` (its time and, for a
wedge, its key events: the gate sees them, and the alert record keeps the time and key timings).
Everything a user can type ends as a :class:`Prepared` value; nothing here raises on bad input.
A gate stop, or a scan the gate repaired, leaves its local scanner event in
:attr:`Prepared.scanner_event` for the workflow to record (``Station.record_scanner_event``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dispense_app.core.model import EntryMode, PackRef, ProductScheme
from dispense_app.core.verdict import InputProblem
from scanner.parsing.parser import MAX_INPUT as PARSE_MAX_INPUT
from scanner.scan_event import ScanEvent

if TYPE_CHECKING:
    from scanner.gate import GateResult

MAX_INPUT = PARSE_MAX_INPUT
"""Longer input is refused before parsing: the parser's one limit (more than any 2D barcode holds; a
pack code is under 150 characters), so `parse`, `verify` and `dispense` refuse the same codes."""


@dataclass(frozen=True, slots=True)
class ScanInput:
    """One scan or manual entry as received. ``event`` is the scanner's record of it when a scanner
    (or the window's manual entry) delivered it, with ``raw`` as its raw bytes; the command line
    has none."""

    raw: bytes
    entry_mode: EntryMode = EntryMode.SCAN
    aim_id: str | None = None  # symbology identifier reported separately by the scanner, if any
    wedge: bool = False  # typed by a keyboard-wedge scanner: apply the scanner profile first
    event: ScanEvent | None = None

    def __post_init__(self) -> None:
        if self.event is not None and self.event.raw != self.raw:
            raise ValueError("ScanInput.raw must be the raw bytes of its ScanEvent")


@dataclass(slots=True)
class Prepared:
    """A scan after parsing: the pack code (if any), problems that stop it, its hub identity."""

    scan: ScanInput
    pack: Any = None  # scanner.parsing.PackCode
    problems: list[InputProblem] = field(default_factory=list)
    ref: PackRef | None = None
    gate_notes: list[str] = field(default_factory=list)
    scanner_event: dict[str, Any] | None = None  # the gate's local event record: a stop or a repair

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
    with the station's scanner profile (``profile``: a ``ScannerProfile`` or None): the scanner's
    event itself where there is one (the gate then sees the scan's real time, key events and
    terminator: a scan cut short is stopped), else the raw bytes. A stop, or an admitted scan the
    gate repaired, sets :attr:`Prepared.scanner_event` (nothing is set for a normal scan)."""
    if len(scan.raw) > MAX_INPUT:
        too_long = f"{len(scan.raw)} bytes: more than any 2D barcode holds ({MAX_INPUT}); not one pack code"
        return Prepared(scan, problems=[InputProblem("too_long", too_long)])
    notes: list[str] = []
    gate_event: dict[str, Any] | None = None
    if scan.wedge:
        from scanner.gate import admit

        result = admit(scan.event if scan.event is not None else scan.raw, profile)
        notes = [*result.corrections, *result.repaired]
        gate_event = scanner_event_record(result) if not result.admitted or result.is_repaired else None
        if not result.admitted:
            problem = InputProblem(result.stop_code or "gate", result.message or "stopped by the scanner gate", "gate")
            return Prepared(scan, pack=result.pack, problems=[problem], gate_notes=notes, scanner_event=gate_event)
        pack = result.pack
    else:
        from scanner import parse

        pack = parse(scan.raw)
    prepared = Prepared(scan, pack=pack, gate_notes=notes, scanner_event=gate_event)
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


def scanner_event_record(result: GateResult) -> dict[str, Any]:
    """What the station records of a gate stop or repair: the gate's
    :meth:`~scanner.gate.GateResult.event_record`, with the scan's key events in the compact,
    bounded form of the alert record (``scan_keys``, :func:`scanner.key_log.key_timings`) in
    place of ``scan_raw_keys`` (every press and release, unbounded)."""
    from scanner.key_log import key_timings

    record: dict[str, Any] = result.event_record()
    record.pop("scan_raw_keys", None)
    record["scan_keys"] = key_timings(result.scan.raw_keys)
    return record
