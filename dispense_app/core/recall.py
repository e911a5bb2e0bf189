"""Serialized recall: what a recall notice covers, and what a trace says about each pack.

A notice names a product (GTIN, or a PZN for German packs) and a batch, and sometimes narrows it:
a list of serials, ranges of serials (``serial_from``..``serial_to``), or the batch minus some
excluded serials. :class:`RecallScope` is that scope for one product + batch; :func:`parse_notice`
reads a notice CSV's rows into one :class:`RecallNotice`.

Serial ranges: when the bound and the serial are all digits they compare as numbers (``9`` lies in
``1``..``10``); otherwise as text, character by character (the order a manufacturer's alphanumeric
serials are printed in).

Pure Python: no SQL, no Qt (the store runs the queries, :mod:`dispense_app.station.recalls` joins).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from scanner.parsing import checks

MAX_SERIAL = 20
MAX_LOT = 20
_LIST_SPLIT = re.compile(r"[|;\s]+")


class NoticeError(ValueError):
    """A notice file that cannot be read; ``problems`` names each bad line."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{source}: {len(problems)} problem(s): " + "; ".join(problems[:5]))


def _digits(text: str) -> bool:
    """ASCII digits only: ``str.isdigit`` is also true for '¹' or '٣', which ``int`` refuses or reads
    as another number (a hypothesis case crashed a trace with ``int('¹')``)."""
    return text.isascii() and text.isdigit()


def _key(serial: str) -> tuple[int, int, str]:
    return (0, int(serial), "") if _digits(serial) else (1, 0, serial)


def in_range(serial: str, low: str, high: str) -> bool:
    """``low <= serial <= high``: numerically when all three are digits, else as text."""
    if _digits(serial) and _digits(low) and _digits(high):
        return int(low) <= int(serial) <= int(high)
    return low <= serial <= high


@dataclass(frozen=True, slots=True)
class RecallScope:
    """Which packs of one product + batch a notice covers: the whole batch unless serials or ranges
    are named; ``exclude`` is taken out either way."""

    serials: frozenset[str] = frozenset()
    ranges: tuple[tuple[str, str], ...] = ()
    exclude: frozenset[str] = frozenset()

    @property
    def whole_batch(self) -> bool:
        return not self.serials and not self.ranges

    def covers(self, serial: str) -> bool:
        if serial in self.exclude:
            return False
        if self.whole_batch or serial in self.serials:
            return True
        return any(in_range(serial, lo, hi) for lo, hi in self.ranges)

    def merged(self, other: RecallScope) -> RecallScope:
        return RecallScope(self.serials | other.serials, self.ranges + other.ranges, self.exclude | other.exclude)

    def to_json(self) -> dict[str, Any]:
        return {
            "serials": sorted(self.serials, key=_key),
            "ranges": [list(r) for r in self.ranges],
            "exclude": sorted(self.exclude, key=_key),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RecallScope:
        return cls(
            frozenset(data.get("serials") or ()),
            tuple((str(a), str(b)) for a, b in data.get("ranges") or ()),
            frozenset(data.get("exclude") or ()),
        )

    def describe(self) -> str:
        """A short text for people: 'whole batch', '3 serials', '1 range, 2 excluded', ..."""
        parts = []
        if self.whole_batch:
            parts.append("whole batch")
        if self.serials:
            parts.append(f"{len(self.serials)} serial(s)")
        if self.ranges:
            parts.append(", ".join(f"{lo}..{hi}" for lo, hi in self.ranges))
        if self.exclude:
            parts.append(f"{len(self.exclude)} excluded")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class RecallNotice:
    notice_id: str
    reason: str | None
    issued: str | None
    batches: dict[tuple[str, str], RecallScope] = field(default_factory=dict)  # (gtin14, lot) -> scope


def product_gtin(gtin: str | None, pzn: str | None) -> str | None:
    """The notice's product as 14 digits: a GTIN with a valid check digit, or a PZN's German NTIN."""
    if gtin:
        g = gtin.strip()
        if g.isdigit() and len(g) in (8, 12, 13, 14) and checks.gs1_check_ok(g):
            return g.zfill(14)
        return None
    if pzn:
        p = pzn.strip().removeprefix("PZN-").removeprefix("-")
        if p.isdigit() and len(p) == 8 and checks.pzn_check_ok(p):
            return checks.ntin_from_pzn(p)
    return None


def product_codes(gtin14: str) -> list[str]:
    """Every product code a dispense record of this product may carry: the GTIN, and for a German
    NTIN (``04150`` + PZN) the PPN (``11`` + PZN + check)."""
    codes = [gtin14]
    pzn = checks.pzn_in_ntin(gtin14)
    if pzn:
        codes.append(checks.ppn_from_pzn(pzn))
    return codes


def _serials(text: str) -> list[str]:
    return [s for s in _LIST_SPLIT.split(text.strip()) if s]


def _row_scope(line: int, row: Mapping[str, str], problems: list[str]) -> RecallScope:
    serials = _serials(row.get("serial", "") or "")
    excluded = _serials(row.get("exclude", "") or "")
    lo, hi = (row.get("serial_from") or "").strip(), (row.get("serial_to") or "").strip()
    ranges: tuple[tuple[str, str], ...] = ()
    if lo or hi:
        if not (lo and hi):
            problems.append(f"line {line}: serial_from and serial_to go together")
        elif not in_range(lo, lo, hi) or not in_range(hi, lo, hi):
            problems.append(f"line {line}: serial_from {lo!r} is after serial_to {hi!r}")
        else:
            ranges = ((lo, hi),)
    for s in (*serials, *excluded, lo, hi):
        if len(s) > MAX_SERIAL or not s.isprintable():
            problems.append(f"line {line}: serial {s[:30]!r} is not a pack serial (1-20 printable characters)")
    return RecallScope(frozenset(serials), ranges, frozenset(excluded))


def parse_notice(rows: Iterable[tuple[int, Mapping[str, str]]], source: str, content_hash: str) -> list[RecallNotice]:
    """The notices in a CSV's rows ((line number, row) pairs, column names lower-case).

    Columns: ``gtin`` or ``pzn``, ``lot`` (required), optional ``serial`` (one or several, separated
    by ``|``, ``;`` or spaces), ``serial_from``/``serial_to``, ``exclude`` (serials), ``reason``,
    ``notice_id`` (default: ``N-`` + the file's hash), ``issued``. Rows of the same notice, product and
    batch add up. Raises :class:`NoticeError` naming every bad line (nothing is imported)."""
    problems: list[str] = []
    notices: dict[str, RecallNotice] = {}
    default_id = "N-" + content_hash[:10].upper()
    for line, row in rows:
        gtin = product_gtin(row.get("gtin"), row.get("pzn"))
        if gtin is None:
            problems.append(f"line {line}: no valid gtin or pzn ({row.get('gtin') or row.get('pzn') or 'empty'!r})")
        lot = (row.get("lot") or "").strip()
        if not lot or len(lot) > MAX_LOT or not lot.isprintable():
            problems.append(f"line {line}: lot missing, longer than {MAX_LOT} characters or not printable")
        issued = (row.get("issued") or "").strip() or None
        if issued is not None and not _is_date(issued):
            problems.append(f"line {line}: issued {issued!r} is not a date (YYYY-MM-DD)")
        scope = _row_scope(line, row, problems)
        if problems and problems[-1].startswith(f"line {line}:"):
            continue
        assert gtin is not None
        nid = (row.get("notice_id") or "").strip() or default_id
        notice = notices.setdefault(nid, RecallNotice(nid, (row.get("reason") or "").strip() or None, issued))
        key = (gtin, lot)
        notice.batches[key] = notice.batches[key].merged(scope) if key in notice.batches else scope
    if not notices and not problems:
        problems.append("the file holds no notice rows")
    if problems:
        raise NoticeError(source, problems)
    return list(notices.values())


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


# ------------------------------------------------------------------------------------------ the trace

TRACE_STATUSES = ("dispensed", "queued", "checked", "returned")

_DISPENSE_STATUS = {
    "confirmed": "dispensed",
    "queued": "queued",
    "sent": "queued",
    "undo-queued": "returned",
    "undone": "returned",
    "cancelled": "returned",
}


def trace_status(record_status: str, supplied_anyway: bool) -> str:
    """A supply record's status in the trace. A supply the hub refused or found in conflict counts as
    dispensed only when the pack was handed over anyway (offline, or a pharmacist's decision: its
    alert says so); otherwise the pack stayed in the pharmacy and counts as checked."""
    if record_status in _DISPENSE_STATUS:
        return _DISPENSE_STATUS[record_status]
    return "dispensed" if supplied_anyway else "checked"


@dataclass(frozen=True, slots=True)
class TracedPack:
    """One pack of the recalled batch the station (or site) has seen, with its latest supply."""

    gtin: str
    serial: str
    lot: str | None
    expiry: str | None
    status: str
    dispensed_at: str | None = None
    patient: str | None = None
    prescription: str | None = None
    operator: str | None = None
    counter: str | None = None
    dispense_id: str | None = None
    notice_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "gtin": self.gtin,
            "serial": self.serial,
            "lot": self.lot,
            "expiry": self.expiry,
            "status": self.status,
            "dispensed_at": self.dispensed_at,
            "patient": self.patient,
            "prescription": self.prescription,
            "operator": self.operator,
            "counter": self.counter,
            "dispense_id": self.dispense_id,
            "notice_id": self.notice_id,
        }


@dataclass(slots=True)
class TraceResult:
    packs: list[TracedPack]
    not_affected: int  # packs of the same batch(es) seen here that the notice does not cover

    def summary(self) -> dict[str, Any]:
        counts = {s: 0 for s in TRACE_STATUSES}
        for p in self.packs:
            counts[p.status] += 1
        patients = {p.patient for p in self.packs if p.status in ("dispensed", "queued") and p.patient}
        return {
            "dispensed": counts["dispensed"],
            "queued": counts["queued"],
            "checked": counts["checked"],
            "patients": len(patients),
            "returned": counts["returned"],
            "not_affected": self.not_affected,
        }


def advice(notice_reason: str | None) -> str:
    """What the pharmacist tells a patient who received an affected pack (the contact list's column)."""
    why = f" ({notice_reason})" if notice_reason else ""
    return (
        f"Your medicine pack is part of a recall{why}. Please stop using it and bring it back to the "
        "pharmacy; we will replace it."
    )
