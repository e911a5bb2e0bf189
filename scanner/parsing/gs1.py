"""GS1 element strings: splitting (FNC1 as GS, bracketed form) and validation of the elements.

Splitting follows the GS1 General Specifications strictly (the "as transmitted" reading): an AI
whose dictionary entry has the ``*`` flag takes its predefined length; every other AI runs to the
next GS or the end of the data. Whether a GS was lost is decided later, in
:mod:`scanner.parsing.separators`, by looking for other splits.
"""

from __future__ import annotations

import datetime as dt
import re

from scanner.ai_table import AI_LENGTH_BY_PREFIX, AI_TABLE
from scanner.parsing import checks
from scanner.parsing.elements import Element, Reading, check_element
from scanner.parsing.model import (
    MALFORMED,
    MISSING_FIELD,
    NOT_A_PACK_CODE,
    UNKNOWN_AI,
    ParseError,
)
from scanner.parsing.spec import AISpec

GS = "\x1d"

FIELD_NAMES = {"01": "gtin", "21": "serial", "10": "lot", "17": "expiry"}
NHRN_AIS = frozenset({"710", "711", "712", "713", "714", "715", "716", "717"})


def ai_at(s: str, i: int) -> tuple[str, AISpec | None] | None:
    """The AI starting at ``s[i]``: (ai, spec), spec None when the AI is not in the table.

    None when no AI can start here (not digits, or a two-digit prefix no AI has).
    """
    length = AI_LENGTH_BY_PREFIX.get(s[i : i + 2])
    if length is None:
        return None
    ai = s[i : i + length]
    if len(ai) != length or not ai.isdigit() or not ai.isascii():
        return None
    return ai, AI_TABLE.get(ai)


def split_element_string(s: str) -> tuple[list[Element], list[ParseError]]:
    """Split an element string (GS as FNC1; leading GS already removed) by the GS1 rules."""
    elements: list[Element] = []
    errors: list[ParseError] = []
    n = len(s)
    i = 0
    while i < n:
        if s[i] == GS:
            i += 1
            continue
        found = ai_at(s, i)
        if found is None or found[1] is None:
            j = s.find(GS, i)
            j = n if j < 0 else j
            head = s[i : i + 4]
            if found is not None:
                errors.append(
                    ParseError(UNKNOWN_AI, f"AI ({found[0]}) is not a GS1 Application Identifier", found[0],
                               {"ai": found[0], "offset": i})
                )
            elif head[:2].isdigit():
                errors.append(
                    ParseError(UNKNOWN_AI, f"no GS1 Application Identifier starts with {head[:2]}", head[:2],
                               {"ai": head[:2], "offset": i})
                )
            else:
                errors.append(
                    ParseError(MALFORMED, f"expected an Application Identifier at position {i + 1}, found {head!r}",
                               None, {"offset": i})
                )
            i = j
            continue
        ai, spec = found[0], found[1]
        start = i + len(ai)
        if spec.predefined:
            end = start + spec.max_len
            j = s.find(GS, start, end)
            if j >= 0:
                end = j
            end = min(end, n)
        else:
            end = s.find(GS, start)
            if end < 0:
                end = n
        elements.append((ai, s[start:end], i))
        i = end
    return elements, errors


_BRACKET_AI = re.compile(r"\(([0-9]{2,4})\)")


def split_bracketed(s: str) -> tuple[list[Element], list[ParseError]]:
    """Split the human-readable form "(01)04150...(21)...". Whitespace between elements is ignored.

    A "(" starts a new element only when followed by 2 to 4 digits and ")", so values may contain
    parentheses otherwise (CSET 82 allows them).
    """
    elements: list[Element] = []
    errors: list[ParseError] = []
    marks = list(_BRACKET_AI.finditer(s))
    if not marks or s[: marks[0].start()].strip(" \t"):
        errors.append(ParseError(MALFORMED, "bracketed element string must start with (AI)", None))
        if not marks:
            return elements, errors
    last = len(marks) - 1
    for idx, m in enumerate(marks):
        ai = m.group(1)
        value = s[m.end() : marks[idx + 1].start() if idx < last else len(s)]
        if " " in value or "\t" in value:
            value = value.strip(" \t")
        if ai not in AI_TABLE:
            errors.append(ParseError(UNKNOWN_AI, f"AI ({ai}) is not a GS1 Application Identifier", ai,
                                     {"ai": ai, "offset": m.start()}))
            continue
        elements.append((ai, value, m.start()))
    return elements, errors


def _pattern_present(pattern: str, present: dict[str, str]) -> bool:
    if "n" not in pattern:
        return pattern in present
    width = len(pattern)
    return any(
        len(ai) == width and all(p == "n" or p == c for p, c in zip(pattern, ai, strict=True)) for ai in present
    )


_NO_FIELDS: set[str | None] = set()
_ASSOC_CACHE: dict[tuple[str, ...], tuple[ParseError, ...]] = {}


def associations(ais: tuple[str, ...]) -> tuple[ParseError, ...]:
    """The req= / ex= violations among the AIs present (cached: codes repeat the same AI sets)."""
    cached = _ASSOC_CACHE.get(ais)
    if cached is not None:
        return cached
    present = dict.fromkeys(ais, "")
    found: list[ParseError] = []
    for ai in ais:
        spec = AI_TABLE[ai]
        for group in spec.req:
            if not any(all(_pattern_present(p, present) for p in alt) for alt in group):
                if ai == "21" or (ai in ("10", "17") and "01" not in present and "21" in present):
                    continue  # reported once, by the pack-code rules, as the missing product code
                need = " or ".join("+".join(f"({p})" for p in alt) for alt in group)
                found.append(ParseError(MISSING_FIELD, f"AI ({ai}) needs {need}", FIELD_NAMES.get(ai, ai),
                                        {"ai": ai, "requires": ["+".join(alt) for alt in group]}))
        for pattern in spec.ex:
            if pattern != ai and any(_pattern_present(pattern, {x: ""}) for x in ais if x != ai):
                found.append(ParseError(MALFORMED, f"AI ({ai}) must not appear together with ({pattern})",
                                        FIELD_NAMES.get(ai, ai), {"ai": ai, "excludes": pattern}))
    if len(_ASSOC_CACHE) > 4096:
        _ASSOC_CACHE.clear()
    result = _ASSOC_CACHE[ais] = tuple(found)
    return result


def validate(elements: list[Element], today: dt.date, *, pack_rules: bool = True) -> Reading:
    """Check every element, the associations between them, and the pack-code rules."""
    r = Reading()
    el = r.elements
    errors = r.errors
    dups: dict[str, ParseError] = {}
    for ai, value, offset in elements:
        spec = AI_TABLE.get(ai)
        fieldname = FIELD_NAMES.get(ai, ai)
        if spec is None:
            errors.append(ParseError(UNKNOWN_AI, f"AI ({ai}) is not a GS1 Application Identifier", ai, {"ai": ai}))
            continue
        if r.repeated(ai, value, fieldname, f"AI ({ai})", dups):
            continue
        el[ai] = value
        errors.extend(check_element(ai, value, spec, today, fieldname, offset, extra="pzn" if ai == "710" else ""))
    bad_fields = {e.field for e in errors} if errors else _NO_FIELDS
    errors.extend(associations(tuple(el)))
    # the pack-code fields
    r.gtin = el.get("01")  # as read, even when its check digit is wrong (the error says so)
    r.serial = el.get("21")
    r.lot = el.get("10")
    exp = el.get("17")
    if exp is not None and "expiry" not in bad_fields:
        r.expiry = checks.parse_yymmdd(exp, today, day_zero=True)
    elif exp is None and "7003" in el and "7003" not in bad_fields:
        r.expiry = checks.parse_yymmdd(el["7003"][:6], today, day_zero=False)
    for ai in el:
        if ai in NHRN_AIS:
            r.nhrn[ai] = el[ai]
    derive_pzn(r, bad_fields)
    if pack_rules:
        pack_completeness(r, ("01",), "gtin", "10", "17")
    return r


def derive_pzn(r: Reading, bad_fields: set[str | None]) -> None:
    """PZN from a German NTIN (0 4150 + PZN + check) and/or NHRN (710); they must agree."""
    pzn = checks.pzn_in_ntin(r.gtin) if "gtin" not in bad_fields else None
    if pzn is not None:
        if checks.pzn_check_ok(pzn):
            r.pzn = pzn
        else:
            r.errors.append(ParseError("check_digit", f"the PZN {pzn} inside the NTIN {r.gtin} has a wrong check digit",
                                       "pzn", {"ai": "01", "value": pzn}))
    nhrn = r.nhrn.get("710")
    if nhrn is not None and "710" not in bad_fields:
        pzn = nhrn if len(nhrn) == 8 else "0" + nhrn
        if r.pzn is None:
            r.pzn = pzn
        elif r.pzn != pzn:
            r.warnings.append(ParseError(MALFORMED, f"NHRN (710) {nhrn} differs from the NTIN's PZN {r.pzn}", "pzn",
                                         {"ai": "710"}))


def pack_completeness(r: Reading, product_keys: tuple[str, ...], product_field: str, lot_key: str,
                      expiry_key: str) -> None:
    """A pack code needs product code, serial, batch and expiry (EU 2016/161 Art. 4)."""
    errors = r.errors
    el = r.elements
    if r.serial is None:
        if el:
            what = "a plain product code" if len(el) <= 1 else "product data"
            errors.append(ParseError(NOT_A_PACK_CODE, f"no serial number: {what}, not a pack's unique identifier",
                                     "serial"))
        return
    if not any(k in el for k in product_keys):
        errors.append(ParseError(MISSING_FIELD, "a serial number without a product code", product_field,
                                 {"ai": product_keys[0]}))
    if lot_key not in el:
        errors.append(ParseError(MISSING_FIELD, "no batch/lot number", "lot", {"ai": lot_key}))
    if expiry_key not in el and r.expiry is None:
        errors.append(ParseError(MISSING_FIELD, "no expiry date", "expiry", {"ai": expiry_key}))
