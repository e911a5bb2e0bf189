"""Light or keystrokes -> a parsed pack code. No Qt, no network.

``scanner.parse(data)`` turns whatever a scanner or camera delivered into a :class:`PackCode`
(or typed errors); ``scanner.decode(image)`` reads DataMatrix codes from images and frames.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scanner.parsing import PackCode, parse

__all__ = ["PackCode", "parse"]


def __getattr__(name: str) -> Any:
    # Lazy so that importing one part of the package (e.g. the wedge assembler) stays cheap.
    if name in ("parse", "PackCode"):
        from scanner import parsing

        return getattr(parsing, name)
    raise AttributeError(name)
