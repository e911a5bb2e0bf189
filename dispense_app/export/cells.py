"""Making one text cell safe for a spreadsheet, and the exact inverse.

Rules (docs/exports.md, "Formula neutralisation"), applied to every cell of every column:

1. C0 control characters other than TAB, LF and CR (NUL, GS, RS, EOT, ESC, ...) and DEL are
   replaced by their Unicode *Control Pictures* (NUL -> U+2400 "␀", GS -> U+241D "␝", DEL -> U+2421
   "␡"): visible, one character each, and never a row or file terminator in any reader. Raw scan
   bytes are exported losslessly as hex anyway (``raw_hex``).
2. A cell is *neutralised* by prefixing an apostrophe ``'`` when
   - it starts with a formula trigger: ``=``, ``+``, ``-``, ``@``, or a character whose Unicode
     NFKC form is one of them (full-width ＝＋－＠, small-form and super/subscript variants), or
     with TAB or CR; or
   - it starts with invisible or blank characters (white space, line breaks, control characters,
     bidi marks such as U+200F, zero-width characters, BOM) followed by such a trigger; or
   - it starts with an apostrophe itself (so that reading back can always strip exactly one).
   With the apostrophe in front no spreadsheet (Excel, LibreOffice, Google Sheets, Numbers)
   evaluates the cell as a formula, DDE or link: the apostrophe is shown as part of the text.

:func:`restore_cell` undoes both steps exactly, except that a Control Picture character that was
already in the original text comes back as the control character (JSON Lines is the lossless
format).
"""

from __future__ import annotations

import re
import unicodedata

FORMULA_TRIGGERS = frozenset(
    "=+-@"
    "\u207a\u207c\u208a\u208c"  # superscript/subscript plus and equals
    "\ufb29"  # Hebrew alternative plus sign
    "\ufe62\ufe63\ufe66\ufe6b"  # small-form plus, hyphen-minus, equals, commercial at
    "\uff0b\uff0d\uff1d\uff20"  # full-width plus, hyphen-minus, equals, commercial at
)
"""Characters that start a formula: ``=+-@`` and every character whose NFKC form is one of them."""

NEUTRALISE_PREFIX = "'"

_START_TRIGGERS = FORMULA_TRIGGERS | {"\t", "\r", NEUTRALISE_PREFIX}

_CONTROL_TO_PICTURE = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}
_CONTROL_TO_PICTURE[0x7F] = 0x2421
_PICTURE_TO_CONTROL = {v: k for k, v in _CONTROL_TO_PICTURE.items()}
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PICTURE_RE = re.compile("[\u2400-\u2408\u240b\u240c\u240e-\u241f\u2421]")


def _skippable(ch: str) -> bool:
    """Blank or invisible: white space, line breaks, control and format (bidi, zero-width) characters."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cs", "Cn")


def needs_neutralising(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula (or it starts with the prefix itself)."""
    if not text:
        return False
    if text[0] in _START_TRIGGERS:
        return True
    for ch in text:
        if ch in FORMULA_TRIGGERS:
            return True
        if not _skippable(ch):
            return False
    return False


def safe_cell(text: str) -> str:
    """``text`` as it goes into a CSV cell (control pictures, then the apostrophe if needed)."""
    if _CONTROL_RE.search(text):
        text = text.translate(_CONTROL_TO_PICTURE)
    if needs_neutralising(text):
        return NEUTRALISE_PREFIX + text
    return text


def restore_cell(cell: str) -> str:
    """The inverse of :func:`safe_cell`."""
    if cell.startswith(NEUTRALISE_PREFIX):
        cell = cell[1:]
    if _PICTURE_RE.search(cell):
        cell = cell.translate(_PICTURE_TO_CONTROL)
    return cell


# Fast screening of a whole row at once. A row needs the per-cell path only if some cell holds a
# control character or the joiner itself, or starts with anything outside a set of characters that
# can never begin a formula. Everything else (plain ids, codes, ISO dates, JSON objects) is written as
# it is. The joiner is "¤" (CURRENCY SIGN): printable, so str.isprintable() (far cheaper than a
# character-class search) rules out control characters in one step, and Latin-1, so rows keep
# Python's compact one-byte string form. A row that really holds "¤" is counted and takes the
# per-cell path.
ROW_JOIN = "\xa4"
SAFE_FIRST_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789{}[]().,:;/_\"!?#$%&*<>^|~`"
)
_SAFE_FIRST_CLASS = "A-Za-z0-9{}\\[\\]().,:;/_\"!?#$%&*<>^|~`"
ROW_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ROW_SUSPECT_START_RE = re.compile(f"\xa4[^\xa4{_SAFE_FIRST_CLASS}]")


def row_is_plain(joined: str, cells: list[str]) -> bool:
    """True when no cell needs :func:`safe_cell` and no cell holds the joiner (a quick superset
    check); ``joined`` is ``ROW_JOIN.join(cells)``."""
    first = cells[0]
    return (
        (not first or first[0] in SAFE_FIRST_CHARS)
        and joined.count(ROW_JOIN) == len(cells) - 1
        and ROW_SUSPECT_START_RE.search(joined) is None
        and (joined.isprintable() or ROW_CONTROL_RE.search(joined) is None)
    )
