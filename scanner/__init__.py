"""Light or keystrokes -> a parsed pack code. No Qt, no network.

``scanner.parse(data)`` turns whatever a scanner or camera delivered into a :class:`PackCode`
(or typed errors); ``scanner.decode(image)`` reads DataMatrix codes from images and frames.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scanner.decoding import Decoded, decode
    from scanner.parsing import PackCode, parse

__all__ = ["Decoded", "PackCode", "decode", "parse"]


def __getattr__(name: str) -> Any:
    # Lazy so that importing one part of the package (e.g. the wedge assembler) stays cheap.
    if name in ("parse", "PackCode"):
        from scanner import parsing

        return getattr(parsing, name)
    if name in ("decode", "Decoded"):
        from scanner import decoding

        return getattr(decoding, name)
    raise AttributeError(name)
