"""Element-level rules shared by every syntax: one AI (or IFA data identifier) and its value.

:func:`check_element` applies an :class:`~scanner.parsing.spec.AISpec` (components, lengths,
character sets, linters) to one value; :class:`Reading` is what the syntax-specific validators
(:mod:`scanner.parsing.gs1`, :mod:`scanner.parsing.ifa`) make of a whole list of elements.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from scanner.parsing import checks
from scanner.parsing.model import BAD_CHARSET, MALFORMED, TOO_LONG, ParseError
from scanner.parsing.spec import AISpec

# (key, value, offset of the key in the normalised input; -1 when not known)
Element = tuple[str, str, int]

_CSET_NAMES = {"N": "digits", "X": "GS1 CSET 82", "Y": "GS1 CSET 39", "Z": "base64url", "A": "digits and A-Z"}
CSETS = dict(checks.CSETS)
CSETS["A"] = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _char_repr(c: str) -> str:
    return repr(c) if c.isprintable() and not c.isspace() else f"U+{ord(c):04X}"


def check_element(
    key: str, value: str, spec: AISpec, today: dt.date, fieldname: str, offset: int = -1, *, extra: str = ""
) -> list[ParseError]:
    """Errors of one element's value against its spec; an empty list when it is valid.

    ``extra`` names an additional linter (``ppn``, ``pzn``) the project adds to the dictionary's.
    """
    errors: list[ParseError] = []
    n = len(value)
    label = f"AI ({key})" if key[0].isdigit() and key.isdigit() else f"DI {key}"
    if n > spec.max_len:
        errors.append(
            ParseError(
                TOO_LONG,
                f"{label} is {n} characters long; at most {spec.max_len} allowed",
                fieldname,
                {"ai": key, "length": n, "max": spec.max_len},
            )
        )
        return errors
    pos = 0
    for comp in spec.components:
        if pos >= n and comp.optional:
            break
        part = value[pos : pos + comp.max_len]
        allowed = CSETS.get(comp.cset, checks.CSET82)
        bad = checks.first_bad_char(part, allowed)
        if bad >= 0:
            c = part[bad]
            errors.append(
                ParseError(
                    BAD_CHARSET,
                    f"{label}: character {_char_repr(c)} at position {pos + bad + 1} is not allowed "
                    f"({_CSET_NAMES.get(comp.cset, comp.cset)} only)",
                    fieldname,
                    {
                        "ai": key,
                        "char": c,
                        "position": pos + bad + 1,
                        "offset": offset + len(key) + pos + bad if offset >= 0 else None,
                    },
                )
            )
            return errors
        if len(part) < comp.min_len:
            errors.append(
                ParseError(
                    MALFORMED,
                    f"{label} is too short: {n} characters, at least {spec.min_len} needed",
                    fieldname,
                    {"ai": key, "length": n, "min": spec.min_len},
                )
            )
            return errors
        for name in comp.linters:
            code = checks.lint(name, part, today)
            if code is not None:
                errors.append(ParseError(code, _lint_message(name, label, part), fieldname, {"ai": key, "value": part}))
                return errors
        pos += len(part)
    if extra:
        code = _extra_lint(extra, value)
        if code is not None:
            errors.append(ParseError(code, _lint_message(extra, label, value), fieldname, {"ai": key, "value": value}))
    return errors


def _extra_lint(name: str, value: str) -> str | None:
    if name == "ppn":
        return None if checks.ppn_check_ok(value) else "check_digit"
    if name == "pzn":
        v = value if len(value) != 7 else "0" + value
        if len(v) != 8 or not v.isdigit():
            return MALFORMED
        return None if checks.pzn_check_ok(v) else "check_digit"
    return None


def _lint_message(name: str, label: str, value: str) -> str:
    if name == "csum":
        return f"{label}: wrong check digit in {value} (GS1 mod 10)"
    if name in ("yymmdd", "yymmd0", "yyyymmdd"):
        return f"{label}: {value} is not a valid date"
    if name in ("hhmi", "hh", "mi", "ss"):
        return f"{label}: {value} is not a valid time"
    if name == "ppn":
        return f"{label}: wrong check digits in PPN {value} (mod 97)"
    if name == "pzn":
        return f"{label}: {value} is not a valid PZN (8 digits, mod 11 check digit)"
    return f"{label}: {value} fails the {name} rule"


@dataclass(slots=True)
class Reading:
    """The fields and problems of one interpretation of a code's elements."""

    elements: dict[str, str] = field(default_factory=dict)
    errors: list[ParseError] = field(default_factory=list)
    warnings: list[ParseError] = field(default_factory=list)
    gtin: str | None = None
    ppn: str | None = None
    pzn: str | None = None
    serial: str | None = None
    lot: str | None = None
    expiry: dt.date | None = None
    nhrn: dict[str, str] = field(default_factory=dict)
