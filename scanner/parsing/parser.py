"""``parse()``: whatever a scanner or camera delivered -> :class:`PackCode`. Never raises.

Order of work: normalise (strip surrounding whitespace/CR/LF/TAB, keep everything else), take an
AIM symbology identifier off the front, recognise the syntax (ISO/IEC 15434 envelope, Digital
Link URI, bracketed form, plain GTIN digits, GS1 element string), split it into elements by the
strict rules, validate, then look for a lost separator (:mod:`scanner.parsing.separators`).
"""

from __future__ import annotations

import datetime as dt
import time

from scanner.ai_table import AI_TABLE
from scanner.parsing import digital_link, fast, gs1, ifa, separators
from scanner.parsing.checks import gs1_check_ok, pzn_check_ok
from scanner.parsing.elements import Element, Reading
from scanner.parsing.model import (
    CHECK_DIGIT,
    MALFORMED,
    NOT_A_PACK_CODE,
    TOO_LONG,
    PackCode,
    ParseError,
)

GS = "\x1d"
_STRIP = " \t\r\n"
# AIM symbology identifiers whose data is GS1 element strings (FNC1 in first position)
GS1_SYMBOLOGIES = frozenset({"]d2", "]Q3", "]C1", "]e0", "]J1", "]d3", "]Q4", "]C4"})
# The symbology identifiers that mean "GS1 element strings" (GS1 General Specifications 5.1.3:
# GS1 DataMatrix, GS1-128, GS1 DataBar/Composite, GS1 QR Code, GS1 DotCode). Data under them (or
# after FNC1 in first position, a leading GS) is AIs and values, never a bare EAN/UPC/GTIN; the
# plain-digits rule applies only to data without them (]E0/]E4 EAN/UPC, ]I1 ITF-14, ]d1 ...).
ELEMENT_STRING_SYMBOLOGIES = frozenset({"]d2", "]C1", "]e0", "]Q3", "]J1"})
KNOWN_SYMBOLOGIES = GS1_SYMBOLOGIES | {"]d1", "]Q1", "]E0", "]E4", "]C0", "]A0", "]X0"}
# The largest payload of a 2D symbol is a QR code's 7089 digits (DataMatrix: 3116); anything
# longer cannot be one scanned code and is refused before any work is done on it.
MAX_INPUT = 7100
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def parse(data: str | bytes, *, today: dt.date | None = None) -> PackCode:
    """Parse one scanned code. ``today`` sets the GS1 century window (default: today's date).

    Bytes are read one byte per character (Latin-1), so every input is accepted byte-exact;
    a str is taken as it is. Nothing raises: problems come back as typed errors.
    """
    try:
        return _parse(data, today or _today())
    except Exception as exc:  # pragma: no cover - a last line of defence, the fuzz tests keep it unused
        return PackCode(
            ok=False,
            errors=[ParseError(MALFORMED, f"internal parser error ({type(exc).__name__}); input kept", None)],
            raw=_raw(data),
        )


class _Clock:
    """Today's date, looked up at most once a second (parse() is called in tight loops)."""

    at = -10.0
    day = dt.date.min


def _today() -> dt.date:
    now = time.monotonic()
    if now - _Clock.at > 1.0:
        _Clock.at = now
        _Clock.day = dt.date.today()
    return _Clock.day


def _raw(data: object) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    return repr(data).encode("utf-8", "backslashreplace")


def _parse(data: str | bytes, today: dt.date) -> PackCode:
    if isinstance(data, str):
        raw = data.encode("utf-8", "surrogatepass")
        text = data
    elif isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        text = raw.decode("latin-1")
    else:
        return PackCode(ok=False, errors=[ParseError(MALFORMED, f"cannot parse a {type(data).__name__}", None)],
                        raw=_raw(data))
    text = text.strip(_STRIP)
    if len(text) > MAX_INPUT:
        return PackCode(ok=False, raw=raw, errors=[ParseError(
            TOO_LONG, f"{len(text)} characters: more than any 2D barcode holds ({MAX_INPUT}); not one pack code",
            None, {"length": len(text), "max": MAX_INPUT})])
    symbology: str | None = None
    warnings: list[ParseError] = []
    if len(text) >= 3 and text[0] == "]" and text[1].isalpha() and text[1].isascii() and text[2] in _ALNUM:
        symbology = text[:3]
        text = text[3:]
        if symbology not in KNOWN_SYMBOLOGIES:
            warnings.append(ParseError(MALFORMED, f"symbology identifier {symbology} is not one pack codes use", None,
                                       {"symbology": symbology}))
    if not text:
        return PackCode(ok=False, symbology=symbology, raw=raw, warnings=warnings,
                        errors=[ParseError(MALFORMED, "no data", None)])

    first = text[0]
    if first == "[" and text.startswith(ifa.HEADER):
        fmt, body, env_warnings = ifa.unwrap(text)
        warnings.extend(env_warnings)
        if fmt == "06":
            return _ifa(body, symbology, raw, warnings, today)
        if fmt == "05":  # GS1 element strings in an ISO/IEC 15434 envelope
            return _element_string(body.lstrip(GS), symbology, raw, warnings, today)
        return PackCode(ok=False, symbology=symbology, raw=raw, warnings=warnings,
                        errors=[ParseError(MALFORMED, f"ISO/IEC 15434 format {fmt!r} is not a pack code format", None)])
    if (first == "h" or first == "H") and digital_link.is_uri(text):
        return _digital_link(text, symbology, raw, warnings, today)
    if first == "(":
        elements, errors = gs1.split_bracketed(text)
        if not errors:
            done = _fast_ok("gs1", fast.element_list(elements, today), symbology, raw, warnings, None, today)
            if done is not None:
                return done
        return _finish("gs1", elements, errors, symbology, raw, warnings, today, separators.GS1, search=False)
    element_strings = first == GS or symbology in ELEMENT_STRING_SYMBOLOGIES
    if first == GS:
        text = text.lstrip(GS)
    elif symbology in ("]d1", "]Q1") and text[:2].isdigit():
        warnings.append(ParseError(MALFORMED, f"GS1 data in a non-GS1 symbol ({symbology}: FNC1 missing)", None))
    if not element_strings and text.isdigit() and text.isascii() and len(text) in (8, 12, 13, 14):
        return _plain_gtin(text, symbology, raw, warnings)
    if first == "-" and len(text) in (8, 9) and text[1:].isdigit() and text[1:].isascii():
        return _pzn_barcode(text[1:].zfill(8), symbology, raw, warnings)
    if text[:2] in ("9N", "8P") and ifa.di_at(text, 0) is not None:
        warnings.append(ParseError(MALFORMED, "IFA data elements without the ISO/IEC 15434 envelope", None))
        return _ifa(text, symbology, raw, warnings, today)
    if not (text[:2].isdigit() and text[:2].isascii()):
        # not GS1 (element strings start with a two-digit AI), not IFA (the [)> envelope or 9N/8P),
        # not a Digital Link (http...): no scheme to claim
        return PackCode(ok=False, symbology=symbology, raw=raw, warnings=warnings, errors=[ParseError(
            MALFORMED, "not a pack code: neither GS1 element strings (they start with an AI, e.g. 01), "
            "nor IFA format 06, nor a GS1 Digital Link", None)])
    return _element_string(text, symbology, raw, warnings, today)


def _fast_ok(scheme: str, found: fast.Fast | None, symbology: str | None, raw: bytes, warnings: list[ParseError],
             grammar: separators.Grammar | None, today: dt.date) -> PackCode | None:
    """The PackCode of a fast-path result, unless a lost-separator check must look closer."""
    if found is None:
        return None
    el, gtin, ppn, pzn, serial, lot, expiry, nhrn = found
    if grammar is not None:
        if grammar is separators.GS1 and separators.suspicious_nhrn(el):
            return None
        key, value = next(reversed(el.items()))
        if separators.ends_with_own_code(value, gtin, pzn) and separators.trailing_code(
            key, value, Reading(elements=el, gtin=gtin, ppn=ppn, pzn=pzn), grammar, today
        ):
            return None
    return PackCode(True, scheme, symbology, gtin, ppn, pzn, serial, lot, expiry, nhrn, [], warnings, raw, el)


def _element_string(text: str, symbology: str | None, raw: bytes, warnings: list[ParseError],
                    today: dt.date) -> PackCode:
    done = _fast_ok("gs1", fast.element_string(text, today), symbology, raw, warnings, separators.GS1, today)
    if done is not None:
        return done
    elements, errors = gs1.split_element_string(text)
    return _finish("gs1", elements, errors, symbology, raw, warnings, today, separators.GS1, search=True)


def _ifa(body: str, symbology: str | None, raw: bytes, warnings: list[ParseError], today: dt.date) -> PackCode:
    done = _fast_ok("ifa", fast.ifa(body, today), symbology, raw, warnings, separators.IFA, today)
    if done is not None:
        return done
    elements, errors = ifa.split(body)
    return _finish("ifa", elements, errors, symbology, raw, warnings, today, separators.IFA, search=True)


def _digital_link(text: str, symbology: str | None, raw: bytes, warnings: list[ParseError],
                  today: dt.date) -> PackCode:
    found = digital_link.split(text)
    if found is None:
        return PackCode(ok=False, symbology=symbology, raw=raw, warnings=warnings,
                        errors=[ParseError(NOT_A_PACK_CODE, "a web address without a GS1 Digital Link product key",
                                           None)])
    elements, errors, dl_warnings = found
    warnings.extend(dl_warnings)
    if not errors:
        done = _fast_ok("gs1-dl", fast.element_list(elements, today), symbology, raw, warnings, None, today)
        if done is not None:
            return done
    return _finish("gs1-dl", elements, errors, symbology, raw, warnings, today, separators.GS1, search=False)


def _plain_gtin(digits: str, symbology: str | None, raw: bytes, warnings: list[ParseError]) -> PackCode:
    gtin = digits.zfill(14)
    label = {8: "EAN-8", 12: "UPC-A", 13: "EAN-13", 14: "GTIN-14"}[len(digits)]
    if not gs1_check_ok(digits):
        return PackCode(ok=False, scheme="gs1", symbology=symbology, raw=raw, warnings=warnings,
                        elements={"01": gtin},
                        errors=[ParseError(CHECK_DIGIT, f"{label} {digits}: wrong check digit", "gtin", {"ai": "01"})])
    return PackCode(ok=False, scheme="gs1", symbology=symbology, gtin=gtin, raw=raw, warnings=warnings,
                    elements={"01": gtin},
                    errors=[ParseError(NOT_A_PACK_CODE, f"a plain {label} product number, no serial number", None)])


def _pzn_barcode(pzn: str, symbology: str | None, raw: bytes, warnings: list[ParseError]) -> PackCode:
    """The German PZN barcode (Code 39: "-" + PZN8, or a PZN7 of old packs): a valid barcode that
    is not a pack code (no serial), like a plain EAN; the DataMatrix next to it is the one to scan."""
    if not pzn_check_ok(pzn):
        return PackCode(ok=False, raw=raw, symbology=symbology, warnings=warnings,
                        errors=[ParseError(CHECK_DIGIT, f"PZN barcode -{pzn}: wrong check digit (mod 11)", "pzn")])
    return PackCode(ok=False, symbology=symbology, pzn=pzn, raw=raw, warnings=warnings,
                    errors=[ParseError(NOT_A_PACK_CODE, f"the PZN barcode (PZN {pzn}), no serial number: scan the "
                                       "pack's DataMatrix code", None)])


def _finish(scheme: str, elements: list[Element], split_errors: list[ParseError], symbology: str | None, raw: bytes,
            warnings: list[ParseError], today: dt.date, grammar: separators.Grammar, *, search: bool) -> PackCode:
    reading: Reading = grammar.validate(elements, today)
    errors = split_errors + reading.errors
    if not elements and not errors:
        errors.append(ParseError(MALFORMED, "no data elements", None))
    if search and not split_errors:
        lost = separators.lost_separator(elements, reading, grammar, today)
        if lost is None and elements:
            lost = separators.trailing_code(elements[-1][0], elements[-1][1], reading, grammar, today)
        if lost is not None:
            # the lost separator explains missing fields and "no serial"; other findings stay
            errors = [lost, *(e for e in errors if e.code not in ("missing_field", "not_a_pack_code"))]
    warnings.extend(reading.warnings)
    return PackCode(
        ok=not errors,
        scheme=scheme,
        symbology=symbology,
        gtin=reading.gtin,
        ppn=reading.ppn,
        pzn=reading.pzn,
        serial=reading.serial,
        lot=reading.lot,
        expiry=reading.expiry,
        nhrn=reading.nhrn,
        errors=errors,
        warnings=warnings,
        raw=raw,
        elements=reading.elements,
    )


def render(elements: dict[str, str], scheme: str | None) -> str:
    """A canonical code for ``elements`` (AI/DI -> value): an IFA format-06 envelope for IFA data
    identifiers, else a GS1 element string with GS after every AI that needs one."""
    if scheme == "ifa":
        return f"[)>{ifa.RS}06{GS}" + GS.join(k + v for k, v in elements.items()) + f"{ifa.RS}{ifa.EOT}"
    parts: list[str] = []
    items = list(elements.items())
    for i, (ai, value) in enumerate(items):
        parts.append(ai + value)
        spec = AI_TABLE.get(ai)
        if i < len(items) - 1 and (spec is None or not spec.predefined):
            parts.append(GS)
    return "".join(parts)


def candidate_codes(code: PackCode, *, today: dt.date | None = None) -> list[PackCode]:
    """The readings a ``separator_missing`` error offers, each parsed as a code of its own.

    For the caller that may act on a unique valid candidate (the wedge gate): the result's
    ``raw`` is the rendered candidate, not the scan; the scan stays in ``code.raw``.
    """
    out: list[PackCode] = []
    for err in code.errors:
        if err.code == "separator_missing" and err.detail:
            for cand in err.detail.get("candidates") or []:
                out.append(parse(render(cand, code.scheme), today=today))
    return out
