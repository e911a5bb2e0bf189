"""The Unicode TrueType font embedded in PDF reports, and which characters it can show.

fpdf2's built-in fonts only cover Windows-1252, so the report embeds a TrueType font. Looked for in this
order: ``DISPENSE_APP_PDF_FONT`` (a ``.ttf`` path; its ``-Bold`` sibling is used for bold when it
exists), DejaVu Sans in the usual Linux places (Debian/Ubuntu package ``fonts-dejavu-core``,
installed by ``scripts/setup.sh``), then fonts every Windows and macOS machine has (Arial, Segoe UI).
When none is found the report still renders, with the built-in Helvetica (Windows-1252 characters
only); characters a font cannot show are written as ``<U+XXXX>`` (never dropped silently, never a
crash).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ENV_FONT = "DISPENSE_APP_PDF_FONT"

_CANDIDATES: tuple[tuple[str, str], ...] = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"),
    ("C:/Windows/Fonts/DejaVuSans.ttf", "C:/Windows/Fonts/DejaVuSans-Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
    ("C:/Windows/Fonts/segoeui.ttf", "C:/Windows/Fonts/segoeuib.ttf"),
    ("/Library/Fonts/Arial Unicode.ttf", ""),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
)


@dataclass(frozen=True, slots=True)
class FontChoice:
    """``regular`` is None when no TrueType font was found (built-in Helvetica, Latin-1 only)."""

    regular: Path | None
    bold: Path | None
    codepoints: frozenset[int]

    @property
    def name(self) -> str:
        return self.regular.stem if self.regular else "Helvetica (built-in, Windows-1252 only)"


def _bold_sibling(regular: Path) -> Path | None:
    for name in (f"{regular.stem}-Bold{regular.suffix}", f"{regular.stem}bd{regular.suffix}"):
        candidate = regular.with_name(name)
        if candidate.is_file():
            return candidate
    return None


def _codepoints(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(str(path), lazy=True, fontNumber=0) as font:
        cmap = font.getBestCmap() or {}
    return frozenset(cmap)


def _cp1252() -> frozenset[int]:
    points = set()
    for b in range(0x20, 0x100):
        try:
            points.add(ord(bytes([b]).decode("cp1252")))
        except UnicodeDecodeError:
            continue
    return frozenset(points)


CP1252 = _cp1252()
"""What the built-in PDF fonts can show (fpdf2 is told to encode them as Windows-1252)."""


@lru_cache(maxsize=4)
def find_font(explicit: str | None = None) -> FontChoice:
    """The font to embed (see the module docstring for the search order)."""
    wanted = explicit or os.environ.get(ENV_FONT)
    pairs: list[tuple[Path, Path | None]] = []
    if wanted:
        p = Path(wanted)
        pairs.append((p, _bold_sibling(p)))
    pairs += [(Path(r), Path(b) if b else None) for r, b in _CANDIDATES]
    for regular, bold in pairs:
        if regular.is_file():
            try:
                points = _codepoints(regular)
            except Exception:  # noqa: S112 -- a damaged font file: try the next one
                continue
            return FontChoice(regular, bold if bold and bold.is_file() else None, points)
    return FontChoice(None, None, CP1252)
