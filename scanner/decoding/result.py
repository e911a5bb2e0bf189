"""What a decoder returns: :class:`Decoded`, and the typed errors of the decoding package."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Backend = Literal["zxing", "dmtx"]
BACKENDS: tuple[Backend, ...] = ("zxing", "dmtx")

GS = "\x1d"
RS = "\x1e"
EOT = "\x04"


class DecodeError(Exception):
    """Base class of the decoding package's errors."""


class ImageError(DecodeError, ValueError):
    """The input is not an image we can read (missing file, unknown format, corrupt data, bad array)."""


class BackendUnavailable(DecodeError, RuntimeError):
    """The chosen backend cannot run here (e.g. libdmtx is not installed)."""


def visible(text: str) -> str:
    """``text`` with control characters shown as ``<GS>``, ``<RS>``, ``<EOT>``, ``<0xNN>``: for display and logs."""
    names = {GS: "<GS>", RS: "<RS>", EOT: "<EOT>"}
    return "".join(names.get(c, f"<0x{ord(c):02X}>" if ord(c) < 0x20 or ord(c) == 0x7F else c) for c in text)


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Decoded:
    """One DataMatrix read from an image.

    ``raw`` is the decoded data exactly as the symbol carries it: GS1 element strings with GS (0x1d)
    between variable-length fields, IFA codes with their ISO/IEC 15434 envelope (RS, GS, EOT); no
    symbology prefix. ``text`` is the same as a str (ECI-transcoded where the symbol declares an ECI,
    otherwise Latin-1), so GS/RS/EOT stay real characters. ``symbology`` is the AIM identifier
    (``]d2`` for GS1 DataMatrix, ``]d1`` for plain ECC200 such as IFA codes).
    ``corners`` are the symbol's corners in image pixels (top-left, top-right, bottom-right,
    bottom-left as the decoder saw the symbol), for outlining it in a camera preview.
    ``ms`` is the wall time of the whole :func:`scanner.decoding.decode` call that found it;
    ``stage`` names the cascade step that found it (``direct`` for the fast path).
    """

    raw: bytes
    text: str
    symbology: str | None
    gs1: bool
    backend: Backend
    ms: float
    corners: tuple[Point, Point, Point, Point]
    content: str = "text"  # "gs1", "iso15434", "text", "binary", "eci"
    stage: str = "direct"

    @property
    def visible(self) -> str:
        """``text`` with control characters made visible (see :func:`visible`)."""
        return visible(self.text)

    @property
    def centre(self) -> Point:
        return Point(sum(p.x for p in self.corners) / 4.0, sum(p.y for p in self.corners) / 4.0)
