"""Element-level rules shared by every syntax: one AI (or IFA data identifier) and its value.

:func:`check_element` applies an :class:`~scanner.parsing.spec.AISpec` (components, lengths,
character sets, linters) to one value; :class:`Reading` is what the syntax-specific validators
(:mod:`scanner.parsing.gs1`, :mod:`scanner.parsing.ifa`) make of a whole list of elements.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from scanner.parsing import checks
from scanner.parsing.model import BAD_CHARSET, DUPLICATE_AI, MALFORMED, TOO_LONG, ParseError
from scanner.parsing.spec import AISpec

# (key, value, offset of the key in the normalised input; -1 when not known)
Element = tuple[str, str, int]

_CSET_NAMES = {"N": "digits", "X": "GS1 CSET 82", "Y": "GS1 CSET 39", "Z": "base64url", "A": "digits and A-Z"}
CSETS = dict(checks.CSETS)
CSETS["A"] = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


_CSET_RX = {
    "N": "[0-9]",
    "X": "[A-Za-z0-9!\"%&'()*+,\\-./:;<=>?_]",
    "Y": "[A-Z0-9#\\-/]",
    "Z": "[A-Za-z0-9\\-_=]",
    "A": "[A-Z0-9]",
}


def compile_spec(spec: AISpec) -> tuple[Callable[[str], re.Match[str] | None], tuple[tuple[int, str], ...]]:
    """A full-match regex for the whole value (one group per component) and the linters by group."""
    pattern = ""
    closing = ""
    linters: list[tuple[int, str]] = []
    for idx, comp in enumerate(spec.components, start=1):
        part = f"({_CSET_RX[comp.cset]}{{{comp.min_len},{comp.max_len}}})"
        if comp.optional:
            pattern += "(?:" + part
            closing += ")?"
        else:
            pattern += part
        linters.extend((idx, name) for name in comp.linters if name in _LINTERS_RUN)
    return re.compile(pattern + closing).fullmatch, tuple(linters)


# The linters checks.lint implements; the others (company prefix, code lists) always pass.
_LINTERS_RUN = frozenset({"csum", "yymmd0", "yymmdd", "yyyymmdd", "hhmi", "hh", "mi", "ss", "nonzero", "zero",
                          "yesno", "iso5218", "winding", "hyphen", "nozeroprefix", "hasnondigit", "pcenc",
                          "pieceoftotal", "csumalpha", "latitude", "longitude", "posinseqslash", "importeridx"})
_COMPILED: dict[str, tuple[Callable[[str], re.Match[str] | None], tuple[tuple[int, str], ...]]] = {}


def quick_ok(key: str, value: str, spec: AISpec, today: dt.date, extra: str = "") -> bool:
    """True if ``check_element`` would find nothing wrong (the fast path: one regex, the linters)."""
    compiled = _COMPILED.get(key)  # keys never collide: AIs are digits, IFA DIs end in a letter
    if compiled is None:
        compiled = _COMPILED[key] = compile_spec(spec)
    m = compiled[0](value)
    if m is None:
        return False
    for idx, name in compiled[1]:
        part = m.group(idx)
        if part is not None and checks.lint(name, part, today) is not None:
            return False
    return not extra or _extra_lint(extra, value) is None


_RUN: dict[str, Callable[[str, int], re.Match[str] | None] | None] = {}


def simple_run(key: str, spec: AISpec, s: str, start: int) -> int:
    """For a one-component AI without linters: how many characters from ``s[start]`` (at most its
    maximum length) belong to its character set. -1 when the AI needs the full per-value check."""
    try:
        match = _RUN[key]
    except KeyError:
        comp = spec.components[0]
        simple = len(spec.components) == 1 and not any(n in _LINTERS_RUN for n in comp.linters)
        match = _RUN[key] = re.compile(f"{_CSET_RX[comp.cset]}{{0,{comp.max_len}}}").match if simple else None
    if match is None:
        return -1
    m = match(s, start)
    return m.end() - start if m else 0


def _char_repr(c: str) -> str:
    return repr(c) if c.isprintable() and not c.isspace() else f"U+{ord(c):04X}"


def check_element(
    key: str, value: str, spec: AISpec, today: dt.date, fieldname: str, offset: int = -1, *, extra: str = ""
) -> list[ParseError]:
    """Errors of one element's value against its spec; an empty list when it is valid.

    ``extra`` names an additional linter (``ppn``, ``pzn``) the project adds to the dictionary's.
    """
    if quick_ok(key, value, spec, today, extra):
        return []
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

    def repeated(self, key: str, value: str, fieldname: str, label: str, reported: dict[str, ParseError]) -> bool:
        """True if ``key`` was already read (the first value stays the one read).

        GS1 rule (GenSpecs 4.14, the Syntax Engine's duplicate-AI check): a repeated AI must carry
        the same value. *Every* repeat is compared with the first value, so a third, different
        repeat after a same-value one is still found: the same value again is one warning per key;
        any other value is one ``duplicate_ai`` error per key whose ``detail.values`` lists every
        distinct value in input order. ``reported`` is the caller's per-code bookkeeping.
        """
        first = self.elements.get(key)
        if first is None:
            return False
        if value == first:
            if "=" + key not in reported:
                warning = ParseError(DUPLICATE_AI, f"{label} appears twice with the same value", fieldname,
                                     {"ai": key})
                reported["=" + key] = warning
                self.warnings.append(warning)
            return True
        error = reported.get("!" + key)
        if error is None:
            error = ParseError(DUPLICATE_AI, f"{label} appears more than once with different values", fieldname,
                               {"ai": key, "values": [first, value]})
            reported["!" + key] = error
            self.errors.append(error)
        elif error.detail is not None and value not in error.detail["values"]:
            error.detail["values"].append(value)
        return True
