"""GS1 Digital Link URIs on any domain: ``https://example.com/any/prefix/01/{gtin}/10/{lot}/21/{serial}?17=YYMMDD``.

The path holds a primary key AI and its qualifiers as /AI/value pairs, after any path prefix (the
"custom stem") the resolver uses; the query holds data attributes as AI=value. Values are
percent-decoded.

Rules, as the GS1 Digital Link standard and the reference Syntax Engine (``gs1_parseDLuri``)
apply them, with the qualifier data generated from the Syntax Dictionary's ``dlpkey`` attribute
(:data:`scanner.ai_table.DL_KEY_QUALIFIERS`):

- The primary key is the **right-most** ``/AI/value`` pair whose AI is a key, reached by walking
  the path backwards in pairs over AIs only: a custom stem may contain anything, even
  ``/00/faux``.
- After the key, the path may hold only that key's qualifiers, each at most once, in the
  dictionary's order, from one alternative (01: ``22, 10, 21`` or ``235``); anything else is a
  ``malformed`` error (``detail.rule`` ``dl_path_qualifier``).
- A query AI that is a qualifier of the key and would fit the path (``?21=`` with
  ``/01/{gtin}/10/{lot}``) is refused by the reference engine. The parser reads it as the pack's
  value with a ``malformed`` *warning* (``detail.rule`` ``dl_qualifier_in_query``): at a
  pharmacy counter the serial is the pack's serial wherever the URI put it, the hub check
  decides on that pack, and refusing would only block a genuine pack the pharmacist cannot fix.
  Any other query AI that is not a data attribute (no ``?`` flag) is an error, as in the
  reference engine.
"""

from __future__ import annotations

from urllib.parse import unquote

from scanner.ai_table import AI_TABLE, DL_KEY_QUALIFIERS
from scanner.parsing.elements import Element
from scanner.parsing.gs1 import FIELD_NAMES
from scanner.parsing.model import MALFORMED, UNKNOWN_AI, ParseError

PRIMARY_KEYS = frozenset(DL_KEY_QUALIFIERS)
RULE_PATH = "dl_path_qualifier"
RULE_QUERY = "dl_qualifier_in_query"


def is_uri(text: str) -> bool:
    head = text[:8].lower()
    return head.startswith("https://") or head.startswith("http://")


def _decode(value: str) -> str:
    return unquote(value, errors="strict") if "%" in value else value


def _is_ai_like(seg: str) -> bool:
    return 2 <= len(seg) <= 4 and seg.isascii() and seg.isdigit()


def primary_key_index(segments: list[str]) -> int:
    """Index of the primary key AI in the path segments, or -1.

    Walks the path backwards in /AI/value pairs while the AI position holds digits (2-4 of
    them) and stops at the first primary key: the right-most key wins, so a custom stem before
    it may contain anything. Unknown numeric AIs on the way are passed over so that they are
    reported as ``unknown_ai`` (the reference engine reports "no key" instead).
    """
    k = len(segments) - 2
    while k >= 0:
        ai = segments[k]
        if not _is_ai_like(ai):
            return -1
        if ai in PRIMARY_KEYS:
            return k
        k -= 2
    return -1


def _ordered_subsets(alt: tuple[str, ...]) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = {()}
    for ai in alt:
        out |= {(*seq, ai) for seq in out}
    return out


# Every valid qualifier sequence per key, as the reference engine lists them (each alternative's
# ordered subsets), and every AI that is a qualifier of the key: set look-ups on the hot path.
_VALID_PATHS: dict[str, frozenset[tuple[str, ...]]] = {
    key: frozenset(set().union(*(_ordered_subsets(alt) for alt in alts)) | {()})
    for key, alts in DL_KEY_QUALIFIERS.items()
}
_QUALIFIER_AIS: dict[str, frozenset[str]] = {
    key: frozenset(ai for alt in alts for ai in alt) for key, alts in DL_KEY_QUALIFIERS.items()
}


def qualifiers_ok(key: str, path: list[str]) -> bool:
    """True if ``path`` (the AIs after the key) is a valid qualifier sequence of ``key``: the AIs
    of one ``dlpkey`` alternative, each at most once, in the dictionary's order."""
    return not path or tuple(path) in _VALID_PATHS.get(key, frozenset())


def describe(key: str) -> str:
    alts = DL_KEY_QUALIFIERS.get(key, ())
    if not alts:
        return f"/{key}/ takes no qualifiers in the path"
    return f"after /{key}/ the path takes " + ", or ".join(
        ", ".join(f"/{ai}/" for ai in alt) + (" in that order" if len(alt) > 1 else "") for alt in alts)


def _path_errors(key: str, path: list[str]) -> list[ParseError]:
    if qualifiers_ok(key, path):
        return []
    allowed = _QUALIFIER_AIS.get(key, frozenset())
    detail = {"key": key, "path": path, "qualifiers": [",".join(alt) for alt in DL_KEY_QUALIFIERS.get(key, ())],
              "rule": RULE_PATH}
    stray = [ai for ai in path if ai not in allowed and ai in AI_TABLE]
    if stray:
        ai = stray[0]
        return [ParseError(MALFORMED, f"AI ({ai}) is not a Digital Link path qualifier of ({key}): {describe(key)}",
                           FIELD_NAMES.get(ai, ai), {"ai": ai, **detail})]
    if any(ai not in AI_TABLE for ai in path):
        return []  # unknown AIs are reported as unknown_ai
    return [ParseError(MALFORMED, f"Digital Link path qualifiers {', '.join(path)} (in this order) are not valid: "
                       f"{describe(key)}",
                       None, detail)]


def _query_fits_path(key: str, path: list[str], ai: str) -> bool:
    """The reference engine's test: would ``ai`` make a valid qualifier sequence at some place in the path?"""
    if ai not in _QUALIFIER_AIS.get(key, frozenset()):
        return False
    return any(qualifiers_ok(key, [*path[:j], ai, *path[j:]]) for j in range(len(path) + 1))


def split(text: str) -> tuple[list[Element], list[ParseError], list[ParseError]] | None:
    """(elements, errors, warnings) of a Digital Link URI; None if the URI holds no GS1 primary key."""
    errors: list[ParseError] = []
    warnings: list[ParseError] = []
    uri = text.split("#", 1)[0]
    rest = uri[uri.index("//") + 2 :]
    path, _, query = rest.partition("?")
    segments = path.split("/")[1:]  # drop the host
    while segments and segments[-1] == "":
        segments.pop()
    start = primary_key_index(segments)
    if start < 0:
        return None
    key = segments[start]
    elements: list[Element] = []
    path_ais: list[str] = []
    for k in range(start, len(segments), 2):
        ai = segments[k]
        if k > start:
            path_ais.append(ai)
        if ai not in AI_TABLE:
            errors.append(ParseError(UNKNOWN_AI, f"AI ({ai}) is not a GS1 Application Identifier", ai, {"ai": ai}))
            continue
        elements.append((ai, _value(ai, segments[k + 1]), -1))
    errors.extend(_path_errors(key, path_ais))
    if query:
        for item in query.split("&"):
            ai, _, raw_value = item.partition("=")
            if not (ai.isascii() and ai.isdigit() and 2 <= len(ai) <= 4):
                continue  # linkType, context and other non-AI attributes
            spec = AI_TABLE.get(ai)
            if spec is None:
                errors.append(ParseError(UNKNOWN_AI, f"query key {ai} is not a GS1 Application Identifier", ai,
                                         {"ai": ai}))
                continue
            if _query_fits_path(key, path_ais, ai):
                warnings.append(ParseError(
                    MALFORMED, f"AI ({ai}) belongs in the URI path ({describe(key)}); read as the pack's value",
                    FIELD_NAMES.get(ai, ai), {"ai": ai, "key": key, "rule": RULE_QUERY}))
            elif not spec.dl_attr:
                errors.append(ParseError(
                    MALFORMED, f"AI ({ai}) is not a Digital Link data attribute and not a path qualifier of ({key})",
                    FIELD_NAMES.get(ai, ai), {"ai": ai, "key": key, "rule": "dl_attribute"}))
            elements.append((ai, _value(ai, raw_value), -1))
    return elements, errors, warnings


def _value(ai: str, raw: str) -> str:
    try:
        value = _decode(raw)
    except UnicodeDecodeError:
        value = raw
    if ai == "01" and value.isascii() and value.isdigit() and len(value) in (8, 12, 13):
        value = value.zfill(14)  # GTIN-8/12/13 in a Digital Link are padded to 14 digits
    return value
