"""IFA format 06 (ISO/IEC 15434 envelope with ASC MH10 data identifiers), as used in Germany.

``[)>`` RS ``06`` GS ``9N``PPN GS ``1T``batch GS ``D``YYMMDD GS ``S``serial RS EOT, data identifiers
in any order, plus ``8P`` (GTIN/NTIN) and ``16D`` (production date YYYYMMDD).
"""

from __future__ import annotations

import datetime as dt

from scanner.parsing import checks
from scanner.parsing.elements import Element, Reading, check_element
from scanner.parsing.gs1 import derive_pzn, pack_completeness
from scanner.parsing.model import MALFORMED, UNKNOWN_AI, ParseError
from scanner.parsing.spec import AISpec, Component

RS = "\x1e"
GS = "\x1d"
EOT = "\x04"
HEADER = "[)>"


def _spec(di: str, cset: str, lo: int, hi: int, linters: tuple[str, ...], title: str) -> AISpec:
    return AISpec(di, False, False, (Component(cset, lo, hi, False, linters),), lo, hi, (), (), False, title)


# The data identifiers of the IFA specification this parser knows ("A" = digits and A-Z).
IFA_SPECS: dict[str, AISpec] = {
    "9N": _spec("9N", "A", 3, 22, (), "PPN"),
    "8P": _spec("8P", "N", 14, 14, ("csum",), "GTIN/NTIN"),
    "1T": _spec("1T", "X", 1, 20, (), "BATCH"),
    "D": _spec("D", "N", 6, 6, ("yymmd0",), "EXPIRY"),
    "S": _spec("S", "X", 1, 20, (), "SERIAL"),
    "16D": _spec("16D", "N", 8, 8, ("yyyymmdd",), "PRODUCTION DATE"),
}
FIELD_NAMES = {"9N": "ppn", "8P": "gtin", "1T": "lot", "D": "expiry", "S": "serial"}


def di_at(s: str, i: int) -> tuple[str, AISpec | None] | None:
    """The data identifier at ``s[i]`` (0 to 3 digits then a letter A-Z), with its spec if known."""
    j = i
    n = len(s)
    while j < n and j - i < 3 and "0" <= s[j] <= "9":
        j += 1
    if j >= n or not "A" <= s[j] <= "Z":
        return None
    di = s[i : j + 1]
    return di, IFA_SPECS.get(di)


def unwrap(text: str) -> tuple[str, str, list[ParseError]]:
    """Strip the ISO/IEC 15434 envelope: returns (format, data, warnings).

    Lenient: a missing RS after ``[)>``, a missing GS after the format, or a missing RS/EOT trailer
    is accepted with a warning (wedge scanners often drop control characters).
    """
    warnings: list[ParseError] = []
    i = len(HEADER)
    if text.startswith(RS, i):
        i += 1
    else:
        warnings.append(ParseError(MALFORMED, "ISO/IEC 15434 header: RS missing after [)>", None))
    fmt = text[i : i + 2]
    i += 2
    if text.startswith(GS, i):
        i += 1
    end = text.find(RS, i)
    if end < 0:
        warnings.append(ParseError(MALFORMED, "ISO/IEC 15434 trailer RS EOT missing", None))
        end = len(text)
        if text.endswith(EOT):
            end -= 1
    else:
        rest = text[end + 1 :]
        if rest != EOT:
            if rest == "":
                warnings.append(ParseError(MALFORMED, "ISO/IEC 15434 trailer: EOT missing after RS", None))
            else:
                warnings.append(ParseError(MALFORMED, "data after the ISO/IEC 15434 format envelope ignored", None,
                                           {"trailing": rest}))
    return fmt, text[i:end], warnings


def split(data: str) -> tuple[list[Element], list[ParseError]]:
    """Split format-06 data into data elements at GS."""
    elements: list[Element] = []
    errors: list[ParseError] = []
    pos = 0
    for part in data.split(GS):
        if part:
            found = di_at(part, 0)
            if found is None:
                errors.append(ParseError(MALFORMED, f"no data identifier at the start of {part[:8]!r}", None,
                                         {"offset": pos}))
            elif found[1] is None:
                errors.append(ParseError(UNKNOWN_AI, f"data identifier {found[0]} is not used in IFA pack codes",
                                         found[0], {"ai": found[0], "offset": pos}))
            else:
                elements.append((found[0], part[len(found[0]) :], pos))
        pos += len(part) + 1
    return elements, errors


def validate(elements: list[Element], today: dt.date, *, pack_rules: bool = True) -> Reading:
    r = Reading()
    el = r.elements
    errors = r.errors
    dups: dict[str, ParseError] = {}
    for di, value, offset in elements:
        spec = IFA_SPECS.get(di)
        fieldname = FIELD_NAMES.get(di, di)
        if spec is None:
            errors.append(ParseError(UNKNOWN_AI, f"data identifier {di} is not used in IFA pack codes", di, {"ai": di}))
            continue
        if r.repeated(di, value, fieldname, f"DI {di}", dups):
            continue
        el[di] = value
        errors.extend(check_element(di, value, spec, today, fieldname, offset, extra="ppn" if di == "9N" else ""))
    bad_fields = {e.field for e in errors}
    ppn = r.ppn = el.get("9N")  # as read; an error says when its check digits are wrong
    if ppn is not None and "ppn" not in bad_fields and len(ppn) == 12 and ppn.startswith("11"):
        pzn = ppn[2:10]
        if checks.pzn_check_ok(pzn):
            r.pzn = pzn
        else:
            errors.append(ParseError("check_digit", f"the PZN {pzn} inside the PPN {ppn} has a wrong check digit",
                                     "pzn", {"ai": "9N", "value": pzn}))
    gtin = r.gtin = el.get("8P")
    if gtin is not None and "gtin" not in bad_fields:
        ntin_pzn = checks.pzn_in_ntin(gtin)
        if r.pzn is not None and ntin_pzn is not None:
            if ntin_pzn != r.pzn:
                r.warnings.append(ParseError(MALFORMED, f"8P NTIN {gtin} and 9N PPN {ppn} name different PZNs", "pzn",
                                             {"ai": "8P"}))
        elif r.pzn is None:
            derive_pzn(r, bad_fields)
    r.serial = el.get("S")
    r.lot = el.get("1T")
    exp = el.get("D")
    if exp is not None and "expiry" not in bad_fields:
        r.expiry = checks.parse_yymmdd(exp, today, day_zero=True)
    if pack_rules:
        pack_completeness(r, ("9N", "8P"), "ppn", "1T", "D")
    return r
