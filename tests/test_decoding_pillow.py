"""Image loading and the cascade's filters in numpy + Pillow (no OpenCV): formats, colour order, limits."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image

from scanner.decoding import ImageError, decode, load_image
from scanner.decoding.filters import (
    BINOMIAL_5,
    binarize,
    convolve_separable,
    gaussian_blur,
    gaussian_weights,
    otsu_threshold,
    upscale2x,
)
from scanner.decoding.images import MAX_PIXELS, decode_bytes, load_bgr, to_gray
from scanner.decoding.synthetic import (
    gs1_pack_hri,
    perspective_coefficients,
    place,
    render_code,
    rotate,
    sample_columns,
)


def _luma(r: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray:
    return 0.299 * r + 0.587 * g + 0.114 * b  # ITU-R BT.601, what OpenCV's BGR2GRAY computes


def _encode(img: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


@pytest.fixture(scope="module")
def code() -> tuple[np.ndarray, bytes]:
    rng = random.Random(21)
    image, raw = render_code(gs1_pack_hri(rng), gs1=True)
    return place(image, rng), raw


# --------------------------------------------------------------------------- arrays: BGR order, luminance


def test_three_channels_are_bgr_and_four_bgra() -> None:
    px = np.zeros((1, 3, 3), np.uint8)
    px[0, 0] = (255, 0, 0)  # blue
    px[0, 1] = (0, 255, 0)  # green
    px[0, 2] = (0, 0, 255)  # red
    assert to_gray(px).tolist() == [[29, 150, 76]]
    bgra = np.zeros((1, 2, 4), np.uint8)
    bgra[0, 0] = (0, 0, 255, 255)  # opaque red
    bgra[0, 1] = (0, 0, 0, 0)  # fully transparent black: white
    assert to_gray(bgra).tolist() == [[76, 255]]


def test_every_colour_is_within_one_grey_level_of_bt601() -> None:
    levels = np.arange(0, 256, 5, dtype=np.uint8)  # 52^3 colours, corners included
    b, g, r = np.meshgrid(levels, levels, levels, indexing="ij")
    bgr = np.stack([b, g, r], axis=-1).reshape(len(levels), -1, 3)
    got = to_gray(bgr).astype(np.float64)
    exact = _luma(r.astype(np.float64), g.astype(np.float64), b.astype(np.float64)).reshape(got.shape)
    assert np.abs(got - exact).max() <= 1.0


def test_gray_arrays_pass_through_and_results_are_writable() -> None:
    gray = np.arange(12, dtype=np.uint8).reshape(3, 4)
    assert to_gray(gray) is gray or np.array_equal(to_gray(gray), gray)
    out = to_gray(np.repeat(gray[:, :, None], 3, axis=2))
    assert np.array_equal(out, gray) and out.flags.writeable and out.flags.c_contiguous


def test_too_large_array_is_refused() -> None:
    big = np.lib.stride_tricks.as_strided(np.zeros(1, np.uint8), shape=(MAX_PIXELS // 1000 + 1, 1000), strides=(0, 0))
    with pytest.raises(ImageError, match="too large"):
        to_gray(big)


# --------------------------------------------------------------------------- files: formats and modes


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "BMP", "TIFF", "GIF", "PPM"])
def test_formats_decode(code: tuple[np.ndarray, bytes], fmt: str) -> None:
    frame, raw = code
    data = _encode(Image.fromarray(frame).convert("RGB"), fmt)
    assert [d.raw for d in decode(data)] == [raw]


def test_jpeg_luma_matches_full_decode(code: tuple[np.ndarray, bytes]) -> None:
    """Colour JPEGs are decoded to their luma plane only: as close to the true luminance as RGB -> L."""
    frame, _ = code
    rgb = np.stack([frame, np.roll(frame, 3, axis=1), frame // 2 + 100], axis=-1).astype(np.uint8)
    data = _encode(Image.fromarray(rgb), "JPEG", quality=95)
    with Image.open(io.BytesIO(data)) as im:
        full = np.asarray(im.convert("L")).astype(np.float64)
    luma = decode_bytes(data).astype(np.float64)
    exact = _luma(*(rgb[..., i].astype(np.float64) for i in range(3)))
    assert np.abs(luma - full).mean() < 0.1  # differs only where RGB was clamped at strong colour edges
    assert np.abs(luma - exact).mean() <= np.abs(full - exact).mean() + 0.05


def test_sixteen_bit_keeps_the_upper_byte(code: tuple[np.ndarray, bytes]) -> None:
    frame, raw = code
    wide = frame.astype(np.uint16) * 257  # 0..65535
    data = _encode(Image.fromarray(wide), "PNG")
    with Image.open(io.BytesIO(data)) as im:
        assert im.mode.startswith("I")
    assert np.array_equal(decode_bytes(data), frame)
    assert [d.raw for d in decode(data)] == [raw]


def test_palette_cmyk_bilevel_and_float_tiff(code: tuple[np.ndarray, bytes]) -> None:
    frame, raw = code
    rgb = Image.fromarray(frame).convert("RGB")
    for im in (rgb.convert("P"), rgb.convert("CMYK"), Image.fromarray(frame).convert("1")):
        fmt = "JPEG" if im.mode == "CMYK" else "PNG"
        assert [d.raw for d in decode(_encode(im, fmt))] == [raw], im.mode
    floats = Image.fromarray(frame.astype(np.float32) / 255.0, "F")
    assert [d.raw for d in decode(_encode(floats, "TIFF"))] == [raw]


def test_transparent_palette_png_is_laid_on_white(code: tuple[np.ndarray, bytes]) -> None:
    frame, raw = code
    dark = np.where(frame < 128, 0, 1).astype(np.uint8)  # index 0 black, index 1 ...
    im = Image.fromarray(dark, "P")
    im.putpalette([0, 0, 0, 0, 0, 0])  # ... black too, but transparent
    data = _encode(im, "PNG", transparency=1)
    gray = decode_bytes(data)
    assert set(np.unique(gray).tolist()) == {0, 255}
    assert [d.raw for d in decode(data)] == [raw]


def test_truncated_and_garbage_files_are_image_errors(code: tuple[np.ndarray, bytes], tmp_path: Path) -> None:
    frame, _ = code
    png = _encode(Image.fromarray(frame), "PNG")
    for bad in (png[: len(png) // 2], png[:40], b"GIF89a" + b"\0" * 20, b"\xff\xd8\xff" + b"\0" * 50):
        with pytest.raises(ImageError):
            decode_bytes(bad)
    path = tmp_path / "cut.png"
    path.write_bytes(png[: len(png) // 2])
    with pytest.raises(ImageError, match=r"cut\.png"):
        load_image(path)


def test_exif_orientation_is_not_applied(code: tuple[np.ndarray, bytes]) -> None:
    """Pixels stay in the stored grid (corner coordinates refer to it); the code reads either way."""
    frame, raw = code
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display"
    data = _encode(Image.fromarray(frame), "JPEG", quality=95, exif=exif.tobytes())
    assert decode_bytes(data).shape == frame.shape
    assert [d.raw for d in decode(data)] == [raw]


def test_load_bgr_gives_camera_like_frames(tmp_path: Path) -> None:
    rgba = np.zeros((2, 3, 4), np.uint8)
    rgba[0, 0] = (255, 0, 0, 255)  # opaque red
    rgba[0, 1] = (0, 0, 255, 255)  # opaque blue
    rgba[0, 2] = (0, 0, 0, 0)  # transparent: white
    rgba[1] = (10, 20, 30, 255)
    path = tmp_path / "c.png"
    Image.fromarray(rgba, "RGBA").save(path)
    bgr = load_bgr(path)
    assert bgr.shape == (2, 3, 3) and bgr.dtype == np.uint8 and bgr.flags.c_contiguous
    assert bgr[0].tolist() == [[0, 0, 255], [255, 0, 0], [255, 255, 255]]
    assert bgr[1, 0].tolist() == [30, 20, 10]
    gray = np.arange(6, dtype=np.uint8).reshape(2, 3) * 40
    Image.fromarray(gray).save(tmp_path / "g.png")
    assert np.array_equal(load_bgr(tmp_path / "g.png"), np.repeat(gray[:, :, None], 3, axis=2))
    with pytest.raises(ImageError, match="no such file"):
        load_bgr(tmp_path / "missing.png")


# --------------------------------------------------------------------------- the cascade's filters


@pytest.mark.parametrize(("sigma", "radius"), [(1.5, None), (1.1, 2), (0.8, 1), (3.0, None), (0.3, None)])
def test_gaussian_weights_are_symmetric_and_sum_to_one(sigma: float, radius: int | None) -> None:
    w = gaussian_weights(sigma, radius)
    assert sum(w) == 256 and w == w[::-1] and len(w) % 2 == 1
    assert list(w[: len(w) // 2 + 1]) == sorted(w[: len(w) // 2 + 1])  # rising to the centre
    if radius is not None:
        assert len(w) == 2 * radius + 1


def _reference_convolution(img: np.ndarray, weights: tuple[int, ...]) -> np.ndarray:
    """Float64 separable convolution with mirrored borders (edge not repeated)."""
    k = np.array(weights, np.float64) / 256.0
    r = len(k) // 2
    out = img.astype(np.float64)
    for axis in (0, 1):
        pad = [(0, 0), (0, 0)]
        pad[axis] = (r, r)
        p = np.pad(out, pad, mode="reflect")
        n = out.shape[axis]
        out = sum(k[i] * (p[i : i + n] if axis == 0 else p[:, i : i + n]) for i in range(len(k)))
    return np.asarray(out)


@settings(max_examples=40, deadline=None)
@example(h=3, w=3, sigma=1.1, seed=0)  # regression: width r + 1 (a negative slice end lost the right border)
@example(h=5, w=4, sigma=0.8, seed=1)
@example(h=9, w=5, sigma=1.5, seed=2)
@given(
    h=st.integers(1, 30),
    w=st.integers(1, 30),
    sigma=st.sampled_from([0.8, 1.1, 1.5, 2.0]),
    seed=st.integers(0, 2**16),
)
def test_blur_matches_a_float_convolution(h: int, w: int, sigma: float, seed: int) -> None:
    img = np.random.default_rng(seed).integers(0, 256, (h, w), dtype=np.uint8)
    weights = gaussian_weights(sigma)
    out = gaussian_blur(img, sigma)
    assert out.shape == img.shape and out.dtype == np.uint8
    if h <= len(weights) // 2 or w <= len(weights) // 2:
        assert np.array_equal(out, img)  # too small to mirror: left alone
    else:
        assert np.abs(out - _reference_convolution(img, weights)).max() <= 1.0  # two roundings


def test_blur_keeps_flat_areas_and_smooths_edges() -> None:
    flat = np.full((20, 30), 173, np.uint8)
    assert np.array_equal(gaussian_blur(flat, 1.5), flat)
    step = np.zeros((20, 30), np.uint8)
    step[:, 15:] = 255
    out = convolve_separable(step, BINOMIAL_5)
    assert out[:, 0].max() == 0 and out[:, -1].min() == 255
    assert 0 < out[10, 14] < 128 < out[10, 15] < 255
    with pytest.raises(ValueError):
        convolve_separable(step, (1, 2, 3))


def _otsu_by_definition(img: np.ndarray) -> int:
    best, best_t = -1.0, 0
    values = img.ravel().astype(np.float64)
    for t in range(256):
        dark, light = values[values <= t], values[values > t]
        if not len(dark) or not len(light):
            continue
        between = len(dark) * len(light) * (dark.mean() - light.mean()) ** 2
        if between > best * (1 + 1e-12):
            best, best_t = between, t
    return best_t


@settings(max_examples=25, deadline=None)
@given(
    lo=st.integers(0, 120),
    hi=st.integers(130, 255),
    share=st.floats(0.1, 0.9),
    spread=st.integers(0, 40),
    seed=st.integers(0, 2**16),
)
def test_otsu_threshold_is_the_textbook_one(lo: int, hi: int, share: float, spread: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    centre = np.where(rng.random((24, 24)) < share, lo, hi)
    img = np.clip(centre + rng.integers(-spread, spread + 1, centre.shape), 0, 255).astype(np.uint8)
    t = otsu_threshold(img)
    assert t == _otsu_by_definition(img)
    binary = binarize(img, t)
    assert set(np.unique(binary).tolist()) <= {0, 255}
    assert np.array_equal(binary == 255, img > t)


def test_otsu_of_one_grey_level_is_zero() -> None:
    assert otsu_threshold(np.full((5, 5), 200, np.uint8)) == 0


def test_upscale_doubles_and_keeps_flat_areas() -> None:
    img = np.full((7, 9), 90, np.uint8)
    img[3, 4] = 200
    big = upscale2x(img)
    assert big.shape == (14, 18) and big.dtype == np.uint8
    assert big[0, 0] == 90 and big[6:8, 8:10].min() > 150


# --------------------------------------------------------------------------- the generator's geometry


def test_perspective_coefficients_map_each_corner() -> None:
    src = np.array([[0, 0], [100, 0], [100, 80], [0, 80]], np.float64)
    dst = np.array([[10, 5], [90, 12], [95, 70], [3, 77]], np.float64)
    a, b, c, d, e, f, g, h = perspective_coefficients(src, dst)
    for (x, y), (u, v) in zip(src, dst, strict=True):
        den = g * u + h * v + 1
        assert (a * u + b * v + c) / den == pytest.approx(x) and (d * u + e * v + f) / den == pytest.approx(y)


def test_sample_columns_and_quarter_turns() -> None:
    img = np.arange(20, dtype=np.uint8).reshape(4, 5) * 10
    assert np.array_equal(sample_columns(img, np.arange(5, dtype=np.float64), 255), img)
    half = sample_columns(img, np.array([0.5, -5.0, 4.0, 4.5]), 255)
    assert half[:, 0].tolist() == (img[:, 0] / 2 + img[:, 1] / 2 + 0.5).astype(np.uint8).tolist()
    assert half[:, 1].tolist() == [255] * 4 and np.array_equal(half[:, 2], img[:, 4])
    assert np.array_equal(rotate(img, 90), np.rot90(img))
