"""The parse result: :class:`PackCode` and its typed :class:`ParseError` values.

``PackCode.to_json()`` is the DESIGN.md "parse --json" contract: the keys ok, scheme, symbology,
gtin, ppn, pzn, serial, lot, expiry, nhrn, errors, warnings, always present, absent values null.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

# The error codes of the contract (DESIGN.md "parse --json").
CHECK_DIGIT: Final = "check_digit"
INVALID_DATE: Final = "invalid_date"
TOO_LONG: Final = "too_long"
BAD_CHARSET: Final = "bad_charset"
MISSING_FIELD: Final = "missing_field"
UNKNOWN_AI: Final = "unknown_ai"
DUPLICATE_AI: Final = "duplicate_ai"
SEPARATOR_MISSING: Final = "separator_missing"
NOT_A_PACK_CODE: Final = "not_a_pack_code"
MALFORMED: Final = "malformed"

ERROR_CODES: Final = (
    CHECK_DIGIT,
    INVALID_DATE,
    TOO_LONG,
    BAD_CHARSET,
    MISSING_FIELD,
    UNKNOWN_AI,
    DUPLICATE_AI,
    SEPARATOR_MISSING,
    NOT_A_PACK_CODE,
    MALFORMED,
)


@dataclass(frozen=True, slots=True, init=False)
class ParseError:
    """One problem found in a scanned code.

    ``field`` names the pack-code field where there is one ("gtin", "ppn", "pzn", "serial", "lot",
    "expiry"), otherwise the AI or IFA data identifier ("710", "7003", "16D"), or None for the code
    as a whole. ``detail`` holds extra machine-readable facts (``ai``, ``position``, ``char``,
    ``candidates`` ...); ``to_json`` merges them into the error object.
    """

    code: str
    message: str
    field: str | None = None
    detail: dict[str, Any] | None = None

    def __init__(self, code: str, message: str, field: str | None = None, detail: dict[str, Any] | None = None) -> None:
        s = _ERROR_SETTERS  # faster than the generated frozen __init__ (see PackCode.__init__)
        s[0](self, code)
        s[1](self, message)
        s[2](self, field)
        s[3](self, detail)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message, "field": self.field}
        if self.detail:
            for k, v in self.detail.items():
                out.setdefault(k, v)
        return out


@dataclass(frozen=True, slots=True, init=False)
class PackCode:
    """A parsed pack code (or what could be read of one, with errors).

    ``ok`` is True only for a complete, valid pack code: product code, serial, batch and expiry,
    every check passed and no sign of a lost separator. ``elements`` holds every element as read,
    keyed by GS1 AI or IFA data identifier, in input order. ``raw`` is the input exactly as given.
    """

    ok: bool
    scheme: str | None = None  # "gs1" | "gs1-dl" | "ifa" | None
    symbology: str | None = None  # AIM symbology identifier, e.g. "]d2"
    gtin: str | None = None
    ppn: str | None = None
    pzn: str | None = None
    serial: str | None = None
    lot: str | None = None
    expiry: dt.date | None = None
    nhrn: dict[str, str] = field(default_factory=dict)
    errors: list[ParseError] = field(default_factory=list)
    warnings: list[ParseError] = field(default_factory=list)
    raw: bytes = b""
    elements: dict[str, str] = field(default_factory=dict)

    def __init__(
        self,
        ok: bool,
        scheme: str | None = None,
        symbology: str | None = None,
        gtin: str | None = None,
        ppn: str | None = None,
        pzn: str | None = None,
        serial: str | None = None,
        lot: str | None = None,
        expiry: dt.date | None = None,
        nhrn: dict[str, str] | None = None,
        errors: list[ParseError] | None = None,
        warnings: list[ParseError] | None = None,
        raw: bytes = b"",
        elements: dict[str, str] | None = None,
    ) -> None:
        # A frozen dataclass's generated __init__ goes through object.__setattr__ per field, which
        # costs more than the whole parse of a valid code; the slot descriptors do the same, faster.
        s = _SLOT_SETTERS
        s[0](self, ok)
        s[1](self, scheme)
        s[2](self, symbology)
        s[3](self, gtin)
        s[4](self, ppn)
        s[5](self, pzn)
        s[6](self, serial)
        s[7](self, lot)
        s[8](self, expiry)
        s[9](self, {} if nhrn is None else nhrn)
        s[10](self, [] if errors is None else errors)
        s[11](self, [] if warnings is None else warnings)
        s[12](self, raw)
        s[13](self, {} if elements is None else elements)

    def error_codes(self) -> list[str]:
        return [e.code for e in self.errors]

    def to_json(self) -> dict[str, Any]:
        """The DESIGN.md "parse --json" document (plus an ``elements`` key)."""
        return {
            "ok": self.ok,
            "scheme": self.scheme,
            "symbology": self.symbology,
            "gtin": self.gtin,
            "ppn": self.ppn,
            "pzn": self.pzn,
            "serial": self.serial,
            "lot": self.lot,
            "expiry": self.expiry.isoformat() if self.expiry else None,
            "nhrn": dict(self.nhrn) if self.nhrn else None,
            "errors": [e.to_json() for e in self.errors],
            "warnings": [w.to_json() for w in self.warnings],
            "elements": dict(self.elements),
        }


_ERROR_SETTERS: list[Callable[[ParseError, Any], None]] = [
    getattr(ParseError, name).__set__ for name in ParseError.__dataclass_fields__
]
_SLOT_SETTERS: list[Callable[[PackCode, Any], None]] = [
    getattr(PackCode, name).__set__ for name in PackCode.__dataclass_fields__
]
