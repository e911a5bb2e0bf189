"""GS1 Digital Link URIs on any domain: ``https://example.com/any/prefix/01/{gtin}/10/{lot}/21/{serial}?17=YYMMDD``.

The path holds a primary key AI and its qualifiers as /AI/value pairs, after any path prefix the
resolver uses; the query holds data attributes as AI=value. Values are percent-decoded.
"""

from __future__ import annotations

from urllib.parse import unquote

from scanner.ai_table import AI_TABLE
from scanner.parsing.elements import Element
from scanner.parsing.model import MALFORMED, UNKNOWN_AI, ParseError

PRIMARY_KEYS = frozenset(ai for ai, spec in AI_TABLE.items() if spec.dlpkey)


def is_uri(text: str) -> bool:
    head = text[:8].lower()
    return head.startswith("https://") or head.startswith("http://")


def _decode(value: str) -> str:
    return unquote(value, errors="strict") if "%" in value else value


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
    start = -1
    for k, seg in enumerate(segments):
        if seg in PRIMARY_KEYS and (len(segments) - k) % 2 == 0:
            pairs = segments[k::2]
            if all(p.isascii() and p.isdigit() for p in pairs):
                start = k
                break
    if start < 0:
        return None
    elements: list[Element] = []
    for k in range(start, len(segments), 2):
        ai = segments[k]
        try:
            value = _decode(segments[k + 1])
        except UnicodeDecodeError:
            value = segments[k + 1]
        if ai == "01" and value.isascii() and value.isdigit() and len(value) in (8, 12, 13):
            value = value.zfill(14)  # GTIN-8/12/13 in a Digital Link are padded to 14 digits
        if ai not in AI_TABLE:
            errors.append(ParseError(UNKNOWN_AI, f"AI ({ai}) is not a GS1 Application Identifier", ai, {"ai": ai}))
            continue
        elements.append((ai, value, -1))
    if query:
        for item in query.split("&"):
            key, _, raw_value = item.partition("=")
            if not (key.isascii() and key.isdigit() and 2 <= len(key) <= 4):
                continue  # linkType, context and other non-AI attributes
            spec = AI_TABLE.get(key)
            if spec is None:
                errors.append(ParseError(UNKNOWN_AI, f"query key {key} is not a GS1 Application Identifier", key,
                                         {"ai": key}))
                continue
            try:
                value = _decode(raw_value)
            except UnicodeDecodeError:
                value = raw_value
            if not spec.dl_attr:
                warnings.append(ParseError(MALFORMED, f"AI ({key}) belongs in the URI path, not the query", key,
                                           {"ai": key}))
            elements.append((key, value, -1))
    return elements, errors, warnings
