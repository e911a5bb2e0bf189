"""libdmtx (through pylibdmtx's ctypes wrapper), made safe for pharma codes.

``pylibdmtx.decode()`` never sets libdmtx's FNC1 property, so libdmtx drops GS1 separators (ASCII
mode) or garbles the character after them (C40/Text: ``GS21`` comes back as ``'1``). We drive the
library through :mod:`pylibdmtx.wrapper` ourselves: ``DmtxPropFnc1`` = 29 (GS), stop after the first
symbol, and always a time limit (on a frame without a code libdmtx otherwise searches for seconds).
The corrected codewords are checked again (:mod:`scanner.decoding.codewords`): libdmtx sometimes
returns a message whose Reed-Solomon blocks are not valid codewords (a wrong read), and content it
cannot decode exactly (ECI, structured append) is refused rather than returned wrong.

ctypes releases the GIL during the calls, so a camera thread running this does not stall the UI.
"""

from __future__ import annotations

import ctypes
import time
import warnings
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from scanner.decoding import codewords
from scanner.decoding.images import Gray
from scanner.decoding.result import BackendUnavailable, Point

DEFAULT_TIMEOUT_MS = 1500
MIN_SIDE_PX = 10  # the smallest symbol is 10x10 modules
GS_BYTE = 29
_INTERLEAVED_BLOCKS = 8  # DmtxSymAttribInterleavedBlocks
_SYMBOL_DATA_WORDS = 11  # DmtxSymAttribSymbolDataWords


@dataclass(frozen=True, slots=True)
class DmtxRead:
    raw: bytes
    info: codewords.CodewordInfo
    corners: tuple[Point, Point, Point, Point]


@cache
def _lib() -> tuple[Any, Any]:
    try:
        with warnings.catch_warnings():  # pylibdmtx compares versions with the deprecated distutils
            warnings.simplefilter("ignore", DeprecationWarning)
            from pylibdmtx import wrapper
    except (ImportError, OSError) as exc:  # the wrapper loads libdmtx at import
        raise BackendUnavailable(f"libdmtx is not available ({exc}); install libdmtx0b or use --backend zxing") from exc
    get_attr = wrapper.libdmtx_function("dmtxGetSymbolAttribute", ctypes.c_int, ctypes.c_int, ctypes.c_int)
    return wrapper, get_attr


def available() -> bool:
    try:
        _lib()
    except BackendUnavailable:
        return False
    return True


def version() -> str:
    wrapper, _ = _lib()
    return str(wrapper.dmtxVersion())


def read(gray: Gray, *, timeout_ms: int = DEFAULT_TIMEOUT_MS, shrink: int = 1) -> DmtxRead | None:
    """Find and decode the first DataMatrix in ``gray`` (2-D uint8), within ``timeout_ms``.

    Returns None when nothing is found in time, or when the symbol holds content libdmtx cannot
    decode exactly.
    """
    wrapper, get_attr = _lib()
    if timeout_ms <= 0:
        raise ValueError("timeout_ms must be positive: libdmtx must never run unbounded")
    gray = np.ascontiguousarray(gray, dtype=np.uint8)
    height, width = gray.shape
    if min(height, width) < MIN_SIDE_PX:
        return None  # no symbol fits; and libdmtx aborts the whole process (assert) on 1-2 px images
    pixels = ctypes.create_string_buffer(gray.tobytes(), gray.size)
    deadline = time.monotonic() + timeout_ms / 1000.0
    image = wrapper.dmtxImageCreate(
        ctypes.cast(pixels, wrapper.c_ubyte_p), width, height, wrapper.DmtxPackOrder.DmtxPack8bppK
    )
    if not image:
        raise MemoryError("libdmtx could not create an image")
    try:
        decoder = wrapper.dmtxDecodeCreate(image, max(1, int(shrink)))
        if not decoder:
            raise MemoryError("libdmtx could not create a decoder")
        try:
            wrapper.dmtxDecodeSetProp(decoder, wrapper.DmtxProperty.DmtxPropFnc1, GS_BYTE)
            dmtx_deadline = wrapper.dmtxTimeAdd(wrapper.dmtxTimeNow(), int(timeout_ms))
            while time.monotonic() < deadline:
                region = wrapper.dmtxRegionFindNext(decoder, ctypes.byref(dmtx_deadline))
                if not region:
                    return None  # searched the whole image, or ran out of time
                try:
                    found = _decode_region(wrapper, get_attr, decoder, region, height, shrink)
                finally:
                    wrapper.dmtxRegionDestroy(ctypes.byref(region))
                if found is not None:
                    return found
            return None
        finally:
            wrapper.dmtxDecodeDestroy(ctypes.byref(decoder))
    finally:
        wrapper.dmtxImageDestroy(ctypes.byref(image))


def _decode_region(wrapper: Any, get_attr: Any, decoder: Any, region: Any, height: int, shrink: int) -> DmtxRead | None:
    msg = wrapper.dmtxDecodeMatrixRegion(decoder, region, wrapper.DmtxUndefined)
    if not msg:
        return None
    try:
        m = msg.contents
        size_idx = region.contents.sizeIdx
        n_data = int(get_attr(_SYMBOL_DATA_WORDS, size_idx))
        n_blocks = int(get_attr(_INTERLEAVED_BLOCKS, size_idx))
        if n_data <= 0 or n_data >= int(m.codeSize):
            return None
        code = ctypes.string_at(m.code, int(m.codeSize))
        if not codewords.reed_solomon_valid(code, n_data, n_blocks):
            return None  # libdmtx's correction left a non-codeword: it would be a wrong read
        info = codewords.inspect(code[:n_data])
        if not info.libdmtx_safe:
            return None
        raw = ctypes.string_at(m.output, int(m.outputIdx))
        if info.fnc1_first:
            if not raw.startswith(bytes([GS_BYTE])):
                return None  # not what FNC1-first must give: do not guess
            raw = raw[1:]
        corners = []
        for fx, fy in ((0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0)):
            v = wrapper.DmtxVector2(fx, fy)
            wrapper.dmtxMatrix3VMultiplyBy(v, region.contents.fit2raw)
            # libdmtx's image origin is the bottom-left corner
            corners.append(Point(float(v.X) * shrink, float(height - 1) - float(v.Y) * shrink))
        return DmtxRead(raw, info, (corners[0], corners[1], corners[2], corners[3]))
    finally:
        wrapper.dmtxMessageDestroy(ctypes.byref(msg))
