"""The gate: nothing reaches the hub unless it is exactly what is printed on the pack.

Every keyboard-wedge scan the station checks passes :func:`admit` before any hub call (serial and
camera scans do not: they are parsed byte-exact, without a profile). The scanner profile from
calibration is applied (layout, Caps Lock, GS/RS/EOT forms, AIM prefix), the result is parsed, and
the gate either

* **admits** a :class:`~scanner.parsing.PackCode` that parsed cleanly (``corrections`` lists what
  the profile corrected; ``repaired`` lists guesses beyond the profile: a lost GS restored because
  exactly one split of the data validates, or a token that could have been data taken as GS
  because only that reading validates), or
* **stops** it with a message saying what to do (rescan, check the scanner, type the printed code).

A stop, and an admitted scan that was repaired, is a *local scanner event*
(:meth:`GateResult.event_record`): the station's workflow records it in its audit trail (kind
``scanner-event``, with the key timings of :mod:`scanner.key_log` in place of the raw key events).
It is never a hub alert, because the hub never saw it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from scanner.calibration import EOT, GS, RS, ProfileMismatch, ScannerProfile
from scanner.parsing import PackCode, parse
from scanner.parsing.model import MALFORMED, NOT_A_PACK_CODE, SEPARATOR_MISSING
from scanner.scan_event import ScanEvent, ScanSource, visible
from scanner.wedge import INCOMPLETE

Action = Literal["rescan", "check_scanner", "type_printed_code", "calibrate"]

_IDENTITY_FIELDS = ("scheme", "gtin", "ppn", "serial", "lot", "expiry")


@dataclass(frozen=True)
class GateResult:
    """The gate's decision about one scan."""

    admitted: bool
    pack: PackCode | None  # admitted: the pack code for the hub; stopped: the best reading, if any
    scan: ScanEvent
    recovered: str | None = None  # the scan after the profile: AIM + data, GS/RS/EOT as real characters
    corrections: tuple[str, ...] = ()
    repaired: tuple[str, ...] = ()
    stop_code: str | None = None  # "profile_mismatch" | "ambiguous" | "parse_failed" | "not_a_pack_code" | ...
    message: str | None = None
    action: Action | None = None
    profile: dict[str, Any] | None = None
    readings: tuple[dict[str, Any], ...] = field(default=())

    @property
    def is_repaired(self) -> bool:
        return bool(self.repaired)

    def event_record(self) -> dict[str, Any]:
        """The local scanner event (for a stop, or for an admitted scan that was repaired)."""
        return {
            "kind": "scanner_event",
            "admitted": self.admitted,
            "stop_code": self.stop_code,
            "message": self.message,
            "action": self.action,
            "corrections": list(self.corrections),
            "repaired": list(self.repaired),
            "recovered_visible": visible(self.recovered) if self.recovered is not None else None,
            "pack": self.pack.to_json() if self.pack is not None else None,
            "readings": list(self.readings),
            "scanner_profile": self.profile,
            **{f"scan_{k}": v for k, v in self.scan.to_json().items()},
        }

    def to_json(self) -> dict[str, Any]:
        return self.event_record()

    def to_parse_json(self) -> dict[str, Any]:
        """The ``parse --json`` document for this scan (what ``parse --wedge`` prints): the admitted
        pack code, or for a stop the best reading with ``ok`` false and the stop as the first error;
        plus a ``wedge`` object with the gate's decision."""
        if self.pack is not None:
            doc = self.pack.to_json()
        else:
            doc = {"ok": False, "scheme": None, "symbology": None, "gtin": None, "ppn": None, "pzn": None,
                   "serial": None, "lot": None, "expiry": None, "nhrn": None, "errors": [], "warnings": []}
        if not self.admitted:
            doc["ok"] = False
            code = {"ambiguous": SEPARATOR_MISSING if self.readings else MALFORMED,
                    "separator_missing": SEPARATOR_MISSING, "not_a_pack_code": NOT_A_PACK_CODE}.get(
                self.stop_code or "", MALFORMED)
            gate_error = {"code": code, "message": self.message, "field": None, "gate": self.stop_code}
            if self.stop_code in ("profile_mismatch", "ambiguous", "separator_missing"):
                doc["errors"] = [gate_error, *doc["errors"]]
        doc["wedge"] = {
            "admitted": self.admitted,
            "stop": self.stop_code,
            "message": self.message,
            "action": self.action,
            "corrections": list(self.corrections),
            "repaired": list(self.repaired),
            "recovered": self.recovered,
            "readings": list(self.readings),
        }
        return doc


def _identity(p: PackCode) -> tuple[Any, ...]:
    return (*tuple(getattr(p, f) for f in _IDENTITY_FIELDS), tuple(sorted(p.nhrn.items())))


def _rebuild(scheme: str | None, elements: dict[str, str], symbology: str | None) -> str | None:
    """An element string for one candidate reading from the parser's ``separator_missing`` detail."""
    if not elements:
        return None
    if scheme == "ifa":
        body = GS.join(k + v for k, v in elements.items())
        return "[)>" + RS + "06" + GS + body + RS + EOT
    return (symbology or "") + GS.join(k + v for k, v in elements.items())


def _split_readings(pack: PackCode, today: dt.date | None) -> list[PackCode]:
    """The valid readings among the parser's candidate splits for a lost separator."""
    out: list[PackCode] = []
    for err in pack.errors:
        if err.code != SEPARATOR_MISSING or not err.detail:
            continue
        for cand in err.detail.get("candidates") or []:
            if not isinstance(cand, dict):
                continue
            text = _rebuild(pack.scheme, {str(k): str(v) for k, v in cand.items()}, pack.symbology)
            if text is None:
                continue
            p = parse(text, today=today)
            if p.ok:
                out.append(p)
    return out


def _distinct(packs: Sequence[PackCode]) -> list[PackCode]:
    seen: dict[tuple[Any, ...], PackCode] = {}
    for p in packs:
        seen.setdefault(_identity(p), p)
    return list(seen.values())


def _describe(p: PackCode) -> dict[str, Any]:
    return {k: (str(getattr(p, k)) if getattr(p, k) is not None else None) for k in _IDENTITY_FIELDS}


def admit(typed: str | bytes | ScanEvent, profile: ScannerProfile | None, *, today: dt.date | None = None,
          allow_split_repair: bool | None = None) -> GateResult:
    """Decide whether a scan may go to the hub.

    ``typed`` is what the scanner delivered: the text a keyboard-wedge scanner typed (str, or its
    UTF-8 bytes), or a :class:`ScanEvent`. ``profile`` is the station's scanner profile (None: no
    calibration; the text is taken as it is). A lost GS is restored only when exactly one split
    validates and the scanner is known (or not known not) to drop GS: ``allow_split_repair``
    defaults to True without a profile or when the profile says GS is dropped.
    """
    if isinstance(typed, ScanEvent):
        scan = typed
        text = scan.text
    else:
        raw = typed.encode("utf-8", "surrogatepass") if isinstance(typed, str) else bytes(typed)
        text = typed if isinstance(typed, str) else raw.decode("utf-8", "backslashreplace")
        scan = ScanEvent(raw=raw, source=ScanSource.WEDGE)
    prof_json = profile.to_json() if profile is not None else None
    corrections = tuple(profile.corrections) if profile is not None else ()
    if allow_split_repair is None:
        allow_split_repair = profile is not None and profile.gs.mode == "dropped"

    def stop(code: str, message: str, action: Action, *, pack: PackCode | None = None,
             recovered: str | None = None, readings: Sequence[PackCode] = ()) -> GateResult:
        return GateResult(False, pack, scan, recovered, corrections, (), code, message, action, prof_json,
                          tuple(_describe(r) for r in readings))

    if scan.terminator == INCOMPLETE:
        return stop("incomplete_scan",
                    "The scan ended without the scanner's Enter/Tab: it may have been cut short. Rescan the pack.",
                    "rescan")
    if profile is None:
        # no profile: parse exactly what was delivered (bytes byte-exact, e.g. from a serial port)
        recoveries: list[tuple[str | bytes, int]] = [(scan.raw if not isinstance(typed, str) else text, 0)]
    else:
        try:
            recoveries = [(r.text, r.guessed_tokens) for r in profile.recover(text)]
        except ProfileMismatch as exc:
            return stop("profile_mismatch",
                        f"This scan does not match the calibrated scanner ({exc}). Check the scanner's settings "
                        f"or run the calibration again; meanwhile type the printed code.", "check_scanner")

    parsed = [(parse(t, today=today), t if isinstance(t, str) else t.decode("latin-1"), guessed)
              for t, guessed in recoveries]
    ok = _distinct([p for p, _, _ in parsed if p.ok])
    repaired: list[str] = []
    if len(parsed) > 1 and len(ok) == 1:
        token_note = next(g for p, _, g in parsed if p.ok and _identity(p) == _identity(ok[0]))
        repaired.append(f"{len(parsed)} readings of the GS/RS/EOT stand-ins were possible; only one is a valid "
                        f"pack code" + (f" ({token_note} stand-in(s) taken as separators)" if token_note else ""))
    if len(ok) > 1:
        return stop("ambiguous",
                    f"The scan can be read as {len(ok)} different valid pack codes. Rescan; if it happens again, "
                    f"type the printed code.", "type_printed_code", readings=ok, recovered=parsed[0][1])
    if len(ok) == 1:
        pack = ok[0]
        recovered = next(t for p, t, _ in parsed if p.ok and _identity(p) == _identity(pack))
        return GateResult(True, pack, scan, recovered, corrections, tuple(repaired), profile=prof_json)
    # nothing valid as read: a lost separator?
    best, best_text, _ = min(parsed, key=lambda x: len(x[0].errors))
    if any(e.code == SEPARATOR_MISSING for p, _, _ in parsed for e in p.errors):
        splits = _distinct([s for p, _, _ in parsed for s in _split_readings(p, today)])
        if len(splits) == 1 and allow_split_repair:
            pack = splits[0]
            fields = ", ".join(f"{k}" for k in pack.elements)
            return GateResult(True, pack, scan, _rebuild(pack.scheme, pack.elements, pack.symbology), corrections,
                              (f"GS separator missing: restored, the only valid split of the data ({fields})",),
                              profile=prof_json)
        if len(splits) > 1:
            return stop("ambiguous",
                        f"A GS separator is missing and the data can be split into {len(splits)} different valid "
                        f"pack codes. Do not guess: type the printed code, and have the scanner set to transmit GS.",
                        "type_printed_code", pack=best, recovered=best_text, readings=splits)
        if len(splits) == 1:
            return stop("separator_missing",
                        "A GS separator is missing from this scan although the scanner normally sends it. Rescan; "
                        "if it happens again, check the scanner or type the printed code.", "rescan", pack=best,
                        recovered=best_text, readings=splits)
    codes = [e.code for e in best.errors]
    if NOT_A_PACK_CODE in codes:
        return stop("not_a_pack_code",
                    "This is not a pack's unique identifier (e.g. a plain EAN barcode): scan the DataMatrix code.",
                    "rescan", pack=best, recovered=best_text)
    first = best.errors[0].message if best.errors else "unreadable"
    return stop("parse_failed",
                f"The code could not be read reliably ({first}). Rescan the pack; if it fails again, check the "
                f"scanner or type the printed code.", "rescan", pack=best, recovered=best_text)
