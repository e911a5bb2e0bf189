"""``decode(image)``: DataMatrix codes from an image, with a cheap fast path and a cascade for hard images.

The fast path is one zxing-cpp pass (DataMatrix only, local-average binariser, rotations,
downscaling and inversion on). Only when it finds nothing does the cascade run, one step at a time,
stopping at the first step that reads something:

1. ``denoise``  Gaussian blur (sensor noise, JPEG blocks, dot-like print)
2. ``otsu``     blur + Otsu global threshold (low contrast, uneven ink)
3. ``upscale``  2x bicubic enlargement (modules of 1-2 pixels), only for images up to ~1.6 MP

Every step feeds zxing an ordinary image and accepts only what zxing's Reed-Solomon decoding
validated, so preprocessing can lose a code but cannot invent one. An optional ``budget_ms`` stops
the cascade from starting further steps; ``steps`` picks some of them (the camera loop runs one
step per frame, in turn, to keep its frame rate). The filters are numpy + Pillow
(:mod:`scanner.decoding.filters`); nothing here needs OpenCV.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from scanner.decoding import dmtx_backend, zxing_backend
from scanner.decoding.filters import BINOMIAL_5, binarize, convolve_separable, gaussian_blur, otsu_threshold, upscale2x
from scanner.decoding.images import Gray, ImageSource, load_image
from scanner.decoding.result import BACKENDS, Backend, Decoded

UPSCALE_MAX_PIXELS = 1_600_000

Step = Callable[[Gray, bool], list[zxing_backend.ZxingRead]]


def _denoise(gray: Gray, multi: bool) -> list[zxing_backend.ZxingRead]:
    return zxing_backend.read(gaussian_blur(gray, 1.5), multi=multi)


def _otsu(gray: Gray, multi: bool) -> list[zxing_backend.ZxingRead]:
    smooth = convolve_separable(gray, BINOMIAL_5)
    return zxing_backend.read(binarize(smooth, otsu_threshold(smooth)), multi=multi)


def _upscale(gray: Gray, multi: bool) -> list[zxing_backend.ZxingRead]:
    if gray.size > UPSCALE_MAX_PIXELS:
        return []
    return zxing_backend.read(upscale2x(gray), multi=multi, scale=2.0)


CASCADE: tuple[tuple[str, Step], ...] = (
    ("denoise", _denoise),
    ("otsu", _otsu),
    ("upscale", _upscale),
)


@dataclass(frozen=True, slots=True)
class DecodeReport:
    """What one decode call did: the codes found (maybe none), its time and the steps it ran."""

    codes: list[Decoded]
    ms: float
    steps: tuple[str, ...]


def decode(
    image: ImageSource,
    *,
    backend: Backend = "zxing",
    cascade: bool = True,
    budget_ms: float | None = None,
    timeout_ms: int = dmtx_backend.DEFAULT_TIMEOUT_MS,
    multi: bool = False,
    steps: Sequence[str] | None = None,
) -> list[Decoded]:
    """Read the DataMatrix codes in ``image`` (numpy BGR/BGRA/gray array, file path, or encoded bytes).

    ``backend="zxing"`` (default) runs the fast path and, if it finds nothing and ``cascade`` is
    true, the cascade above (within ``budget_ms`` if given). ``backend="dmtx"`` runs libdmtx with
    FNC1 set, returns at most one code, and never searches longer than ``timeout_ms``.
    With ``multi`` (zxing only) every code in the image is returned, else the first one found
    (much faster on a frame that holds a code). ``steps`` limits the cascade to the named steps
    (default: all of :data:`CASCADE`, in order). An empty list means no code was found.
    Raises :class:`ImageError` for input that is not an image and :class:`BackendUnavailable`
    when libdmtx is missing.
    """
    return decode_report(
        image, backend=backend, cascade=cascade, budget_ms=budget_ms, timeout_ms=timeout_ms, multi=multi, steps=steps
    ).codes


def decode_report(
    image: ImageSource,
    *,
    backend: Backend = "zxing",
    cascade: bool = True,
    budget_ms: float | None = None,
    timeout_ms: int = dmtx_backend.DEFAULT_TIMEOUT_MS,
    multi: bool = False,
    steps: Sequence[str] | None = None,
) -> DecodeReport:
    """:func:`decode`, also telling how long it took (found or not) and which steps ran.

    The time counts decoding only, from the loaded image (reading and decompressing a file is not
    decoding; a numpy frame's colour-to-gray conversion is).
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if steps is not None and (unknown := set(steps) - {name for name, _ in CASCADE}):
        raise ValueError(f"unknown cascade step(s) {sorted(unknown)}; known: {[name for name, _ in CASCADE]}")
    if not isinstance(image, np.ndarray):
        image = load_image(image)
    if backend == "dmtx":
        dmtx_backend.version()  # load libdmtx before the clock starts (and fail early if it is missing)
    start = time.perf_counter()
    gray = load_image(image)
    if backend == "dmtx":
        found = dmtx_backend.read(gray, timeout_ms=timeout_ms)
        ms = (time.perf_counter() - start) * 1000.0
        if found is None:
            return DecodeReport([], ms, ("direct",))
        info = found.info
        text = found.raw.decode("latin-1")
        symbology = "]d2" if info.fnc1_first else ("]d3" if info.fnc1_second else "]d1")
        content = "gs1" if info.fnc1_first else ("iso15434" if info.macro or text.startswith("[)>\x1e") else "text")
        code = Decoded(found.raw, text, symbology, info.fnc1_first, "dmtx", ms, found.corners, content, "direct")
        return DecodeReport([code], ms, ("direct",))

    stage = "direct"
    ran = ["direct"]
    reads = zxing_backend.read(gray, multi=multi)
    if not reads and cascade:
        for name, step in CASCADE:
            if steps is not None and name not in steps:
                continue
            if budget_ms is not None and (time.perf_counter() - start) * 1000.0 >= budget_ms:
                break
            ran.append(name)
            reads = step(gray, multi)
            if reads:
                stage = name
                break
    ms = (time.perf_counter() - start) * 1000.0
    out: list[Decoded] = []
    seen: set[bytes] = set()
    for r in reads:
        if r.raw in seen:
            continue
        seen.add(r.raw)
        gs1 = r.content == "gs1"
        out.append(Decoded(r.raw, r.text, r.symbology, gs1, "zxing", ms, r.corners, r.content, stage))
    return DecodeReport(out, ms, tuple(ran))
