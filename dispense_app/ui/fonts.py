"""The counter window's type sizes: large enough to read from a metre away, one place to change them."""

from __future__ import annotations

from PySide6.QtGui import QFont

HEADLINE_PT = 40
"""The verdict's headline words."""
BODY_PT = 18
"""Body text; the window's other sizes are given relative to it."""
VALUE_PT = 19
"""The pack's values, to compare with what is printed on the pack."""


def font(point_size: int, *, bold: bool = False, mono: bool = False) -> QFont:
    """A font of ``point_size`` points; ``mono`` for codes, serials and batches (0 and O differ)."""
    result = QFont()
    if mono:
        result.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", "monospace"])
        result.setStyleHint(QFont.StyleHint.Monospace)
    result.setPointSize(point_size)
    result.setBold(bold)
    return result
