"""Manual entry of the printed human-readable fields, with the same checks as a scan.

When a scan is stopped (or there is no scanner), the pharmacist types what is printed next to
the code: product code (GTIN, PPN or PZN), serial, batch and expiry. :func:`validate_manual`
builds the element string those fields stand for (GS1 for a GTIN; IFA format 06 for a PPN or
PZN), runs it through the same parser as a scan, and returns a result marked as *manual entry*
(national systems require that flag). Errors name the form field they belong to.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from scanner.entry_mode import EntryMode
from scanner.keyboard_layouts import CSET82
from scanner.parsing import PackCode, ParseError, parse
from scanner.parsing.checks import gs1_check_digit, ppn_from_pzn, pzn_check_ok
from scanner.parsing.model import BAD_CHARSET, CHECK_DIGIT, INVALID_DATE, MISSING_FIELD, SEPARATOR_MISSING, TOO_LONG
from scanner.scan_event import ScanEvent, ScanSource

GS, RS, EOT = "\x1d", "\x1e", "\x04"
FIELDS = ("product_code", "serial", "lot", "expiry")
_PARSE_FIELD = {"gtin": "product_code", "ppn": "product_code", "pzn": "product_code", "serial": "serial",
                "lot": "lot", "expiry": "expiry"}
# labels printed before a product code or an expiry date (never stripped from serial or batch)
_LABEL = re.compile(r"^\s*(?:GTIN|PC|PPN|EXP|VERW\.?\s*BIS|VERWENDBAR\s*BIS)\s*[:.\-]?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class ManualResult:
    """The outcome of a manual entry: ``ok`` and a pack code, or errors per field."""

    ok: bool
    pack: PackCode | None
    errors: list[ParseError] = field(default_factory=list)
    scan: ScanEvent | None = None
    entry_mode: EntryMode = EntryMode.MANUAL

    def errors_by_field(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for e in self.errors:
            out.setdefault(e.field or "", []).append(e.message)
        return out

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = self.pack.to_json() if self.pack is not None else {"ok": False}
        doc["ok"] = self.ok
        doc["errors"] = [e.to_json() for e in self.errors]
        doc["entry_mode"] = str(self.entry_mode)
        return doc


def _clean(value: str) -> str:
    return _LABEL.sub("", value).strip()


def normalise_expiry(value: str) -> str | None:
    """The expiry as YYMMDD (day 00 = the month's last day), from the formats printed on packs:
    YYYY-MM-DD, YYYY-MM, MM/YYYY, MM/YY, MM.YYYY, DD.MM.YYYY, DD/MM/YYYY, YYMMDD. None if unreadable."""
    v = _clean(value).replace(" ", "")
    patterns: list[tuple[str, tuple[str, str, str]]] = [
        (r"(\d{4})-(\d{2})-(\d{2})", ("y4", "m", "d")),
        (r"(\d{4})-(\d{2})", ("y4", "m", "")),
        (r"(\d{2})[/.](\d{4})", ("m", "y4", "")),
        (r"(\d{2})/(\d{2})", ("m", "y2", "")),
        (r"(\d{2})\.(\d{2})\.(\d{4})", ("d", "m", "y4")),
        (r"(\d{2})/(\d{2})/(\d{4})", ("d", "m", "y4")),
        (r"(\d{2})(\d{2})(\d{2})", ("y2", "m", "d")),
    ]
    for pattern, roles in patterns:
        m = re.fullmatch(pattern, v)
        if not m:
            continue
        parts = dict(zip(roles, m.groups(), strict=False))
        year = parts.get("y4", "")[-2:] or parts.get("y2", "")
        day = parts.get("d", "00")
        return f"{year}{parts['m']}{day}"
    return None


def validate_manual(product_code: str, serial: str, lot: str, expiry: str, *,
                    today: dt.date | None = None) -> ManualResult:
    """Check typed fields the way a scan is checked; build the pack code they describe."""
    errors: list[ParseError] = []
    pc = re.sub(r"[\s\-]", "", _clean(product_code)).upper().removeprefix("PZN")
    # Serial and batch are taken as typed (only surrounding blanks go): a label-looking start such
    # as "LOT-" may be part of the value.
    serial_v, lot_v = serial.strip(), lot.strip()
    for name, value in (("serial", serial_v), ("lot", lot_v)):
        if not value:
            errors.append(ParseError(MISSING_FIELD, f"the {name} is missing", name))
        elif bad := sorted({c for c in value if c not in CSET82}):
            errors.append(ParseError(BAD_CHARSET, f"the {name} contains characters a pack code cannot hold: "
                                                  f"{''.join(bad)!r}", name, {"chars": bad}))
        elif len(value) > 20:
            errors.append(ParseError(TOO_LONG, f"the {name} is {len(value)} characters long; at most 20", name))
    exp = normalise_expiry(expiry) if expiry.strip() else None
    if not expiry.strip():
        errors.append(ParseError(MISSING_FIELD, "the expiry date is missing", "expiry"))
    elif exp is None:
        errors.append(ParseError(INVALID_DATE, "the expiry date cannot be read (use e.g. 2027-05-31 or 05/2027)",
                                 "expiry"))
    scheme: str
    code_value = ""
    if not pc:
        errors.append(ParseError(MISSING_FIELD, "the product code is missing", "product_code"))
        scheme = "gs1"
    elif pc.isdigit() and len(pc) in (12, 13, 14) and not (len(pc) == 12 and pc.startswith("11")):
        scheme, code_value = "gs1", pc.zfill(14)
        if str(gs1_check_digit(code_value[:-1])) != code_value[-1]:
            errors.append(ParseError(CHECK_DIGIT, f"GTIN {pc}: wrong check digit", "product_code"))
    elif len(pc) == 12 and pc.startswith("11"):
        scheme, code_value = "ifa", pc
        if not pzn_check_ok(pc[2:10]) or ppn_from_pzn(pc[2:10]) != pc:
            errors.append(ParseError(CHECK_DIGIT, f"PPN {pc}: wrong check digits", "product_code"))
    elif pc.isdigit() and len(pc) in (7, 8):
        pzn = pc.zfill(8)
        scheme, code_value = "ifa", ppn_from_pzn(pzn)
        if not pzn_check_ok(pzn):
            errors.append(ParseError(CHECK_DIGIT, f"PZN {pzn}: wrong check digit", "product_code"))
    else:
        scheme = "gs1"
        errors.append(ParseError(MISSING_FIELD, "the product code must be a GTIN (14 digits), a PPN (12 characters, "
                                                "starting 11) or a PZN (8 digits)", "product_code"))
    if errors:
        return ManualResult(False, None, errors)
    assert exp is not None
    if scheme == "gs1":
        text = "01" + code_value + "17" + exp + "10" + lot_v + GS + "21" + serial_v
    else:
        text = "[)>" + RS + "06" + GS + "9N" + code_value + GS + "1T" + lot_v + GS + "D" + exp + GS + "S" + serial_v \
            + RS + EOT
    pack = parse(text, today=today)
    # the separators are ours: a "lost separator" suspicion cannot apply to typed fields
    field_errors = [dataclasses.replace(e, field=_PARSE_FIELD.get(e.field or "", e.field))
                    for e in pack.errors if e.code != SEPARATOR_MISSING]
    ok = not field_errors and pack.serial == serial_v and pack.lot == lot_v
    if ok and not pack.ok:
        pack = dataclasses.replace(pack, ok=True, errors=[])
    scan = ScanEvent(raw=text.encode("ascii"), source=ScanSource.MANUAL, entry_mode=EntryMode.MANUAL)
    return ManualResult(ok, pack, field_errors, scan)
