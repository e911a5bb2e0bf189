r"""The command line's way to write scanned bytes as text: ``\xHH`` is that byte (``\x1d`` = GS).

Shared by ``dispense-app parse`` and the transaction commands (verify, dispense, ...), so a code
written for one works for all.
"""

from __future__ import annotations

import re
from typing import Literal

_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|\\)")


def decode_escapes(text: str, *, literals: Literal["utf-8", "latin-1"] = "utf-8") -> bytes:
    r"""``text`` as bytes: ``\xHH`` becomes that byte, ``\\`` a backslash, everything else as ``literals`` says.

    ``"utf-8"`` (lines read from files and stdin, already bytes once): the characters back as the
    UTF-8 bytes they came from (undecodable bytes, held as surrogates, back as themselves).
    ``"latin-1"`` (a CODE typed on the command line): a character up to U+00FF is that one byte,
    the way a DataMatrix holds it (ISO 8859-1 is its default character set) and the way
    :func:`scanner.parse` reads bytes, so ``parse 'LÖT'`` reports the same lot as
    ``scanner.parse("LÖT")``; characters beyond Latin-1 are UTF-8, undecodable argument bytes
    (surrogates) themselves.
    """
    encode = _utf8 if literals == "utf-8" else _latin1_first
    out = bytearray()
    pos = 0
    for m in _ESCAPE.finditer(text):
        out += encode(text[pos : m.start()])
        escape = m.group(1)
        out.append(0x5C if escape == "\\" else int(escape[1:], 16))
        pos = m.end()
    out += encode(text[pos:])
    return bytes(out)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _latin1_first(text: str) -> bytes:
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return b"".join(ch.encode("latin-1") if ord(ch) <= 0xFF else _utf8(ch) for ch in text)
