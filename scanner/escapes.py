r"""The command line's way to write scanned bytes as text: ``\xHH`` is that byte (``\x1d`` = GS).

Shared by ``dispense-app parse`` and the transaction commands (verify, dispense, ...), so a code
written for one works for all.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|\\)")


def decode_escapes(text: str) -> bytes:
    r"""``text`` as bytes: ``\xHH`` becomes that byte, ``\\`` a backslash, everything else UTF-8."""
    out = bytearray()
    pos = 0
    for m in _ESCAPE.finditer(text):
        out += text[pos : m.start()].encode("utf-8", "surrogateescape")
        escape = m.group(1)
        out.append(0x5C if escape == "\\" else int(escape[1:], 16))
        pos = m.end()
    out += text[pos:].encode("utf-8", "surrogateescape")
    return bytes(out)
