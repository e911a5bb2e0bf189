"""Counterfeit and diversion signals: informational findings over the scan history, never a STOP.

Five patterns, each with its evidence and the alerts it links (README "Counterfeit and diversion
signals"):

* ``seen-after-supply``: a pack scanned again after this site supplied it (here or at another
  counter), the supply still standing: a supplied pack should not come back to a counter.
* ``unknown-serial-cluster``: at least :data:`CLUSTER_MIN` different serials of one batch answered
  "serial unknown" (``NMVS_NC_PC_02``): one odd serial is usually a scanner problem, several from one
  batch point at packs that were never uploaded (falsified or diverted stock).
* ``other-market``: a pack the hub does not know the product code of (``NMVS_NC_PC_01``) or answered
  through the intermarket path (a reply that names another market).
* ``serial-shape``: a serial that does not fit the batch's other serials: its length lies outside
  theirs by more than :data:`LENGTH_SLACK`, or it uses a character class (digits, upper case,
  lower case, other) none of them uses. Only in batches with at least :data:`SHAPE_MIN_SIBLINGS`
  other serials, so a normal batch (or a variable-length generator) stays quiet.
* ``batch-mismatch``: a pack whose expiry (printed, or as the hub answered) disagrees with what the
  same batch showed before, or a batch/expiry error from the hub for a batch the hub accepted before.

Pure Python over the store's reads (:class:`dispense_app.store.scan_log.ScanLog`); no SQL, no Qt.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, Protocol

CLUSTER_MIN = 3
SHAPE_MIN_SIBLINGS = 20
LENGTH_SLACK = 1
UNKNOWN_SERIAL = ("NMVS_NC_PC_02",)
OTHER_MARKET = ("NMVS_NC_PC_01",)
BATCH_ERRORS = ("NMVS_FE_LOT_12", "NMVS_FE_LOT_13", "NMVS_FE_LOT_03")
KINDS = ("seen-after-supply", "unknown-serial-cluster", "other-market", "serial-shape", "batch-mismatch")


class ScanReads(Protocol):
    def seen_after_supply(self) -> Iterator[tuple[Any, ...]]: ...
    def unknown_serials(self, codes: tuple[str, ...]) -> Iterator[tuple[Any, ...]]: ...
    def other_market(self, codes: tuple[str, ...]) -> Iterator[tuple[Any, ...]]: ...
    def batch_serials(self) -> Iterator[tuple[Any, ...]]: ...
    def batch_answers(self) -> Iterator[tuple[Any, ...]]: ...


@dataclass(frozen=True, slots=True)
class Signal:
    kind: str
    product_code: str
    lot: str | None
    serial: str | None
    at: str
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)
    alerts: tuple[str, ...] = ()

    @property
    def signal_id(self) -> str:
        text = "|".join((self.kind, self.product_code, self.lot or "", self.serial or "", self.at))
        return "SIG-" + hashlib.sha256(text.encode()).hexdigest()[:10].upper()

    def to_json(self) -> dict[str, Any]:
        return {
            "signal_id": self.signal_id,
            "kind": self.kind,
            "product_code": self.product_code,
            "lot": self.lot,
            "serial": self.serial,
            "at": self.at,
            "message": self.message,
            "evidence": self.evidence,
            "alerts": list(self.alerts),
            "informational": True,
        }


def _alerts(*ids: Any) -> tuple[str, ...]:
    return tuple(sorted({str(i) for i in ids if i}))


def seen_after_supply(rows: Iterable[tuple[Any, ...]]) -> list[Signal]:
    out = []
    for at, code, serial, lot, counter, alert_id, did, supplied_at, supplied_counter, _patient in rows:
        where = "at the same counter" if counter == supplied_counter else f"at counter {counter}"
        out.append(Signal(
            "seen-after-supply", code, lot, serial, at,
            f"pack scanned again {where} after it was supplied on {supplied_at[:16].replace('T', ' ')}",
            {"supplied_at": supplied_at, "supplied_by_counter": supplied_counter, "dispense_id": did,
             "scanned_at": at, "scanned_by_counter": counter},
            _alerts(alert_id),
        ))
    return out


def unknown_serial_clusters(rows: Iterable[tuple[Any, ...]]) -> list[Signal]:
    out = []
    for (code, lot), group in groupby(rows, key=lambda r: (r[0], r[1])):
        items = list(group)
        serials = sorted({r[2] for r in items})
        if len(serials) < CLUSTER_MIN:
            continue
        out.append(Signal(
            "unknown-serial-cluster", code, lot or None, None, items[0][3],
            f"{len(serials)} serials of batch {lot} unknown to the hub",
            {"serials": serials, "first": items[0][3], "last": items[-1][3], "answers": len(items)},
            _alerts(*(r[4] for r in items)),
        ))
    return out


def other_market(rows: Iterable[tuple[Any, ...]]) -> list[Signal]:
    seen: dict[tuple[str, str], Signal] = {}
    for code, serial, lot, at, alert_id, return_code, market in rows:
        if (code, serial) in seen:
            continue
        why = f"answered for market {market}" if market else "product code unknown in this market"
        seen[(code, serial)] = Signal(
            "other-market", code, lot, serial, at, f"pack coded for another market ({why})",
            {"return_code": return_code, "market": market}, _alerts(alert_id),
        )
    return list(seen.values())


def _classes(serial: str) -> frozenset[str]:
    return frozenset(
        "digit" if c.isdigit() else "upper" if c.isupper() else "lower" if c.islower() else "other" for c in serial
    )


def _shape_outliers(code: str, lot: str, items: list[tuple[Any, ...]]) -> list[Signal]:
    if len(items) <= SHAPE_MIN_SIBLINGS:
        return []
    lengths = Counter(len(r[2]) for r in items)
    class_use = Counter(c for r in items for c in _classes(r[2]))
    out = []
    for _, _, serial, at, alert_id in items:
        others = lengths.copy()
        others[len(serial)] -= 1
        present = [n for n, k in others.items() if k > 0]
        lo, hi = min(present), max(present)
        odd_length = len(serial) < lo - LENGTH_SLACK or len(serial) > hi + LENGTH_SLACK
        new_classes = sorted(c for c in _classes(serial) if class_use[c] == 1)
        if not (odd_length or new_classes):
            continue
        out.append(Signal(
            "serial-shape", code, lot, serial, at, "serial does not fit the other serials of its batch",
            {"length": len(serial), "sibling_lengths": [lo, hi], "new_character_classes": new_classes,
             "siblings": len(items) - 1},
            _alerts(alert_id),
        ))
    return out


def serial_shapes(rows: Iterable[tuple[Any, ...]]) -> list[Signal]:
    out: list[Signal] = []
    for (code, lot), group in groupby(rows, key=lambda r: (r[0], r[1])):
        out.extend(_shape_outliers(code, lot, list(group)))
    return out


def batch_mismatches(rows: Iterable[tuple[Any, ...]]) -> list[Signal]:
    out = []
    for (code, lot), group in groupby(rows, key=lambda r: (r[0], r[1])):
        expiry: str | None = None
        accepted_at: str | None = None
        flagged: set[str] = set()
        for _, _, printed, hub_lot, hub_expiry, rc, at, serial, alert_id in group:
            problems = []
            for name, value in (("printed expiry", printed), ("hub expiry", hub_expiry)):
                if value and expiry and value != expiry:
                    problems.append(f"{name} {value} where the batch showed {expiry}")
            if hub_lot and hub_lot != lot:
                problems.append(f"the hub answered batch {hub_lot}")
            if rc in BATCH_ERRORS and accepted_at:
                problems.append(f"{rc} although the hub accepted this batch on {accepted_at[:10]}")
            if problems and serial not in flagged:
                flagged.add(serial)
                out.append(Signal("batch-mismatch", code, lot, serial, at, "; ".join(problems),
                                  {"batch_expiry": expiry, "printed_expiry": printed, "hub_lot": hub_lot,
                                   "hub_expiry": hub_expiry, "return_code": rc}, _alerts(alert_id)))
            expiry = expiry or printed or hub_expiry
            if rc == "NMVS_SUCCESS" and accepted_at is None:
                accepted_at = at
    return out


def find_signals(reads: ScanReads) -> list[Signal]:
    """Every signal in the scan history, oldest first."""
    found = [
        *seen_after_supply(reads.seen_after_supply()),
        *unknown_serial_clusters(reads.unknown_serials(UNKNOWN_SERIAL)),
        *other_market(reads.other_market(OTHER_MARKET)),
        *serial_shapes(reads.batch_serials()),
        *batch_mismatches(reads.batch_answers()),
    ]
    return sorted(found, key=lambda s: (s.at, s.kind))


def by_alert(signals: Iterable[Signal]) -> dict[str, list[Signal]]:
    """The signals each alert is evidence of (for the alert dossier and the alerts view)."""
    out: dict[str, list[Signal]] = defaultdict(list)
    for s in signals:
        for a in s.alerts:
            out[a].append(s)
    return dict(out)
