"""The parse result: :class:`PackCode` and its typed :class:`ParseError` values.

``PackCode.to_json()`` is the DESIGN.md "parse --json" contract: the keys ok, scheme, symbology,
gtin, ppn, pzn, serial, lot, expiry, nhrn, errors, warnings, always present, absent values null.
"""

from __future__ import annotations

import datetime as dt
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


@dataclass(frozen=True, slots=True)
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

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message, "field": self.field}
        if self.detail:
            for k, v in self.detail.items():
                out.setdefault(k, v)
        return out


@dataclass(frozen=True, slots=True)
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
