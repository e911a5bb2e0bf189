"""DataMatrix from images and camera frames: zxing-cpp (default) and libdmtx (FNC1 fixed) backends.

>>> from scanner.decoding import decode
>>> [d.text for d in decode("pack.jpg")]           # doctest: +SKIP
['0104150123456782\\x1d10LOT1\\x1d17271130\\x1d21SER1']

See docs/decoding.md for the cascade, the guarantees (no wrong reads, nothing in empty frames) and
the measured figures.
"""

from __future__ import annotations

from scanner.decoding.decoder import CASCADE, DecodeReport, decode, decode_report
from scanner.decoding.images import ImageSource, load_image
from scanner.decoding.result import (
    BACKENDS,
    Backend,
    BackendUnavailable,
    Decoded,
    DecodeError,
    ImageError,
    Point,
)

__all__ = [
    "BACKENDS",
    "CASCADE",
    "Backend",
    "BackendUnavailable",
    "DecodeError",
    "DecodeReport",
    "Decoded",
    "ImageError",
    "ImageSource",
    "Point",
    "decode",
    "decode_report",
    "load_image",
]
