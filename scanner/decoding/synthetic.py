"""Synthetic DataMatrix test images: real codes from zxing-cpp's writer, degraded like camera photos.

The tests and ``bench/decode.py`` use the same generator, so both measure the same thing. Every
image comes with the exact bytes it encodes (or ``None`` for an empty frame), so a result can be
checked byte for byte: a read that differs is a *wrong read*, which is worse than no read.

Degradations imitate what a webcam at a pharmacy counter or a phone photo of a vial produces:
rotation, perspective, defocus blur, sensor noise, glare, low contrast, JPEG artefacts, labels
wrapped round a vial (cylinder), small modules, and frames with no code at all. All randomness is
seeded, so a set is the same on every run. Geometry, blur, JPEG and resizing are Pillow's, the
vial's column resampling numpy's (no OpenCV); the blur is deliberately not the decoder's own filter.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from scanner.decoding.images import as_u8

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

Gray = npt.NDArray[np.uint8]

GS = "\x1d"
RS = "\x1e"
EOT = "\x04"

_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_ALNUM = _UPPER + "0123456789"
_MIXED = _ALNUM + "abcdefghijkmnpqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class Sample:
    """One test image and what it must decode to (``expected`` is None for a frame with no code)."""

    name: str
    image: Gray
    expected: bytes | None
    gs1: bool
    kind: str  # degradation family, e.g. "blur"; "clean" for undegraded codes; "empty" for no code
    level: int  # 0 mild .. 2 severe


def gtin_check_digit(body: str) -> str:
    """GS1 mod-10 check digit for the first 13 (or 7, 11, 16) digits."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def _rand(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def gs1_pack_hri(rng: random.Random) -> str:
    """A plausible pharma pack code as a GS1 element string in HRI form ``(01)...(21)...``.

    Serial and batch are often upper case + digits, which zxing's writer packs in C40 mode:
    exactly the case where libdmtx without FNC1 garbles the character after a separator.
    """
    gtin13 = rng.choice(["0415", "0950", "0360", "0541"]) + _rand(rng, "0123456789", 9)
    gtin = gtin13 + gtin_check_digit(gtin13)
    alphabet = rng.choice([_ALNUM, _MIXED, "0123456789"])
    serial = _rand(rng, alphabet, rng.randint(8, 20))
    lot = _rand(rng, rng.choice([_ALNUM, _UPPER]), rng.randint(4, 12))
    expiry = f"{rng.randint(25, 35):02d}{rng.randint(1, 12):02d}{rng.choice(['00', '15', '28'])}"
    fields = [("01", gtin), ("17", expiry), ("10", lot), ("21", serial)]
    head, tail = fields[:1], fields[1:]
    rng.shuffle(tail)
    fields = head + tail
    if rng.random() < 0.3:
        pzn = _rand(rng, "0123456789", 8)
        fields.append(("710", pzn))
    return "".join(f"({ai}){value}" for ai, value in fields)


def ifa_pack_payload(rng: random.Random) -> bytes:
    """An IFA (securPharm) code, ISO/IEC 15434 format 06: ``[)>RS06GS9N...GS1T...GSD...GSS...RSEOT``."""
    ppn = "11" + _rand(rng, "0123456789", 10)
    parts = [f"9N{ppn}", f"1T{_rand(rng, _ALNUM, 6)}", f"D{rng.randint(25, 35):02d}{rng.randint(1, 12):02d}00"]
    parts.append(f"S{_rand(rng, _ALNUM, 12)}")
    return f"[)>{RS}06{GS}{GS.join(parts)}{RS}{EOT}".encode("ascii")


def render_code(
    content: str | bytes, *, gs1: bool, module_px: int = 6, quiet_modules: int = 2, square: bool = True
) -> tuple[Gray, bytes]:
    """Encode ``content`` as a DataMatrix with zxing-cpp's writer; return (image, raw bytes encoded).

    For GS1, ``content`` is the HRI form (``(01)...``); the returned bytes are the element string with
    GS separators, exactly what a decoder must report. ``square`` keeps to square symbols (what
    pharma packs carry; zxing's writer otherwise may pick a DMRE rectangle such as 8x96).
    """
    import zxingcpp

    text = content.decode("latin-1") if isinstance(content, bytes) else content
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.DataMatrix, gs1=gs1, forceSquare=square)
    raw = bytes(barcode.bytes)
    image = np.asarray(barcode.to_image(scale=module_px, add_quiet_zones=False), dtype=np.uint8)
    pad = quiet_modules * module_px
    image = np.pad(image, pad, constant_values=255)
    return np.ascontiguousarray(image), raw


# --------------------------------------------------------------------------- placing and degrading


def _background(rng: random.Random, shape: tuple[int, int]) -> Gray:
    """A carton-like background: a smooth gradient plus faint texture and some printed bars."""
    h, w = shape
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    base = rng.uniform(150, 230)
    grad = base + rng.uniform(-30, 30) * (x / w) + rng.uniform(-30, 30) * (y / h)
    nprng = np.random.default_rng(rng.getrandbits(32))
    texture = nprng.normal(0.0, 3.0, size=(h, w)).astype(np.float32)
    img = grad + texture
    for _ in range(rng.randint(0, 4)):  # printed text lines / bars far from the code's centre
        y0 = rng.randrange(0, max(1, h - 10))
        x0 = rng.randrange(0, max(1, w // 3))
        img[y0 : y0 + rng.randint(3, 8), x0 : x0 + rng.randint(w // 8, w // 3)] -= rng.uniform(60, 120)
    return as_u8(np.clip(img, 0, 255))


def place(code: Gray, rng: random.Random, frame: tuple[int, int] | None = None) -> Gray:
    """Put a code on a background frame (default: a margin of one code size round it)."""
    ch, cw = code.shape
    if frame is None:
        frame = (ch * 2 + rng.randint(0, ch), cw * 2 + rng.randint(0, cw))
    fh, fw = frame
    bg = _background(rng, (fh, fw))
    y0 = rng.randint(0, fh - ch)
    x0 = rng.randint(0, fw - cw)
    region = bg[y0 : y0 + ch, x0 : x0 + cw].astype(np.float32)
    # dark modules print dark; light modules take the paper's colour
    ink = rng.uniform(10, 40)
    mixed = np.where(code < 128, ink, np.maximum(region, 200.0))
    bg[y0 : y0 + ch, x0 : x0 + cw] = np.clip(mixed, 0, 255).astype(np.uint8)
    return bg


def _pil(img: Gray) -> PILImage:
    from PIL import Image

    return Image.fromarray(as_u8(img))


def _fill(img: Gray) -> int:
    """The grey to fill uncovered corners with: the top row's median (the background there)."""
    return int(np.median(img[0]))


def rotate(img: Gray, angle: float) -> Gray:
    """``img`` turned ``angle`` degrees anticlockwise, enlarged to hold all of it, corners filled."""
    from PIL import Image

    out = _pil(img).rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=_fill(img))
    return as_u8(np.asarray(out))


def perspective_coefficients(src: npt.NDArray[np.float64], dst: npt.NDArray[np.float64]) -> tuple[float, ...]:
    """The 8 coefficients of the projective map taking each ``dst`` corner to its ``src`` corner.

    Pillow's ``Image.transform(..., PERSPECTIVE, coeffs)`` maps output pixels to input pixels:
    ``x = (a u + b v + c) / (g u + h v + 1)``, ``y = (d u + e v + f) / (g u + h v + 1)``: four point
    pairs give eight linear equations.
    """
    rows = []
    rhs = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([u, v, 1.0, 0.0, 0.0, 0.0, -x * u, -x * v])
        rows.append([0.0, 0.0, 0.0, u, v, 1.0, -y * u, -y * v])
        rhs += [x, y]
    solution = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64))
    return tuple(float(c) for c in solution)


def perspective(img: Gray, rng: random.Random, strength: float) -> Gray:
    """The image's corners pulled inwards at random (up to ``strength`` of its size): a tilted view."""
    from PIL import Image

    h, w = img.shape
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float64)
    offsets = [[rng.uniform(0, strength) * w, rng.uniform(0, strength) * h] for _ in range(4)]
    jitter = np.array(offsets, dtype=np.float64)
    signs = np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]], dtype=np.float64)
    dst = src + jitter * signs
    coeffs = perspective_coefficients(src, dst)
    out = _pil(img).transform(
        (w, h), Image.Transform.PERSPECTIVE, coeffs, resample=Image.Resampling.BILINEAR, fillcolor=_fill(img)
    )
    return as_u8(np.asarray(out))


def blur(img: Gray, sigma: float) -> Gray:
    """Defocus: Pillow's Gaussian blur of standard deviation ``sigma`` (not the decoder's own filter)."""
    from PIL import ImageFilter

    return as_u8(np.asarray(_pil(img).filter(ImageFilter.GaussianBlur(sigma))))


def noise(img: Gray, rng: random.Random, sigma: float) -> Gray:
    nprng = np.random.default_rng(rng.getrandbits(32))
    out = img.astype(np.float32) + nprng.normal(0.0, sigma, size=img.shape)
    return as_u8(np.clip(out, 0, 255))


def glare(img: Gray, rng: random.Random, strength: float) -> Gray:
    """A specular highlight: a bright elliptical blob washing out part of the code."""
    h, w = img.shape
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    cy, cx = rng.uniform(0.3, 0.7) * h, rng.uniform(0.3, 0.7) * w
    ry, rx = rng.uniform(0.08, 0.2) * h, rng.uniform(0.1, 0.3) * w
    blob = np.exp(-(((y - cy) / ry) ** 2 + ((x - cx) / rx) ** 2))
    out = img.astype(np.float32) + strength * 255.0 * blob
    return as_u8(np.clip(out, 0, 255))


def low_contrast(img: Gray, lo: float, hi: float) -> Gray:
    out = lo + (img.astype(np.float32) / 255.0) * (hi - lo)
    return as_u8(np.clip(out, 0, 255))


def jpeg(img: Gray, quality: int) -> Gray:
    """A JPEG round trip at ``quality`` (libjpeg's 1..95 scale): blocking and ringing."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    _pil(img).save(buf, format="JPEG", quality=quality)
    with Image.open(io.BytesIO(buf.getvalue())) as im:
        return as_u8(np.asarray(im.convert("L")))


def sample_columns(img: Gray, src_x: npt.NDArray[np.float64], fill: int) -> Gray:
    """Output column ``i`` = ``img`` sampled at (fractional) column ``src_x[i]``, linear between columns.

    Outside the image the sample fades into ``fill`` over one pixel (as a constant border would).
    """
    h, w = img.shape
    padded = np.empty((h, w + 2), np.float32)
    padded[:, 1:-1] = img
    padded[:, 0] = padded[:, -1] = fill
    x = np.clip(np.asarray(src_x, dtype=np.float64) + 1.0, 0.0, w + 1.0)  # into padded coordinates
    left = np.minimum(np.floor(x).astype(np.intp), w)
    frac = (x - left).astype(np.float32)
    out = padded[:, left] * (1.0 - frac) + padded[:, left + 1] * frac
    return as_u8(np.clip(out + 0.5, 0, 255))


def cylinder(img: Gray, curvature: float) -> Gray:
    """Wrap the image round a vertical cylinder (a vial label): columns compress towards the edges.

    ``curvature`` is the half-angle of the visible arc in radians (0.9 ~ a label filling most of a vial).
    """
    w = img.shape[1]
    half = w / 2.0
    radius = half / np.sin(curvature)
    xs = np.arange(w, dtype=np.float64) - half  # output columns, projected positions
    theta = np.arcsin(np.clip(xs / radius, -1.0, 1.0))
    out = sample_columns(img, theta * radius + half, _fill(img))  # arc length on the label
    # shading: the label darkens towards the vial's edges
    shade = (0.55 + 0.45 * np.cos(theta)).astype(np.float32)
    return as_u8(np.clip(out.astype(np.float32) * shade[None, :], 0, 255))


def shrink(img: Gray, factor: float) -> Gray:
    """Scaled down by ``factor`` with area averaging (Pillow's box filter): small modules, no aliasing."""
    from PIL import Image

    h, w = img.shape
    size = (max(8, round(w * factor)), max(8, round(h * factor)))
    return as_u8(np.asarray(_pil(img).resize(size, Image.Resampling.BOX)))


# --------------------------------------------------------------------------- the sets

Degrade = Callable[[Gray, random.Random, int], Gray]


def _deg_rotation(img: Gray, rng: random.Random, level: int) -> Gray:
    return rotate(img, rng.uniform(5, 355))


def _deg_perspective(img: Gray, rng: random.Random, level: int) -> Gray:
    return perspective(img, rng, (0.08, 0.16, 0.24)[level])


def _deg_blur(img: Gray, rng: random.Random, level: int) -> Gray:
    return blur(img, (1.2, 2.0, 2.8)[level] * rng.uniform(0.9, 1.1))


def _deg_noise(img: Gray, rng: random.Random, level: int) -> Gray:
    return noise(img, rng, (20.0, 40.0, 60.0)[level])


def _deg_glare(img: Gray, rng: random.Random, level: int) -> Gray:
    return glare(img, rng, (0.5, 0.8, 1.1)[level])


def _deg_contrast(img: Gray, rng: random.Random, level: int) -> Gray:
    span = (40.0, 20.0, 10.0)[level]
    lo = rng.uniform(60, 180)
    return noise(low_contrast(img, lo, lo + span), rng, 2.0)


def _deg_jpeg(img: Gray, rng: random.Random, level: int) -> Gray:
    return jpeg(shrink(img, 0.6), (30, 15, 8)[level])


def _deg_cylinder(img: Gray, rng: random.Random, level: int) -> Gray:
    return cylinder(img, (0.7, 1.0, 1.25)[level])


def _deg_tiny(img: Gray, rng: random.Random, level: int) -> Gray:
    # module size 6 px -> 2.4 / 1.8 / 1.4 px
    return shrink(img, (0.4, 0.3, 0.23)[level])


def _deg_combo(img: Gray, rng: random.Random, level: int) -> Gray:
    """What a webcam really delivers: a bit of everything at once."""
    out = perspective(rotate(img, rng.uniform(0, 360)), rng, 0.06 + 0.04 * level)
    out = glare(blur(out, 1.0 + 0.4 * level), rng, 0.3 + 0.2 * level)
    out = low_contrast(out, 40, 200 - 20 * level)
    return jpeg(noise(out, rng, 8.0 + 6 * level), 40 - 10 * level)


DEGRADATIONS: dict[str, Degrade] = {
    "rotation": _deg_rotation,
    "perspective": _deg_perspective,
    "blur": _deg_blur,
    "noise": _deg_noise,
    "glare": _deg_glare,
    "contrast": _deg_contrast,
    "jpeg": _deg_jpeg,
    "cylinder": _deg_cylinder,
    "tiny": _deg_tiny,
    "combo": _deg_combo,
}


def empty_frames(rng: random.Random, count: int, shape: tuple[int, int] = (360, 480)) -> Iterator[Sample]:
    """Frames with no DataMatrix: backgrounds, noise, checkerboards, random module-like blocks."""
    h, w = shape
    nprng = np.random.default_rng(rng.getrandbits(32))
    makers: list[Callable[[], Gray]] = [
        lambda: _background(rng, shape),
        lambda: nprng.integers(0, 256, size=shape, dtype=np.uint8),
        lambda: ((np.indices(shape).sum(axis=0) // rng.randint(4, 16)) % 2 * 255).astype(np.uint8),
        lambda: np.kron(
            nprng.integers(0, 2, size=(h // 8, w // 8), dtype=np.uint8) * 255, np.ones((8, 8), dtype=np.uint8)
        ),
        lambda: np.full(shape, rng.randint(0, 255), dtype=np.uint8),
    ]
    for i in range(count):
        img = makers[i % len(makers)]()
        yield Sample(f"empty-{i:03d}", np.ascontiguousarray(img, dtype=np.uint8), None, False, "empty", 0)


def generated_set(seed: int = 1234, per_level: int = 2, empty: int = 10) -> list[Sample]:
    """The generated test set: for every degradation and level, ``per_level`` codes; plus empty frames.

    About one code in five is an IFA (ISO/IEC 15434) code, the rest GS1.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test images, not secrets
    samples: list[Sample] = []
    n = 0
    for kind, degrade in DEGRADATIONS.items():
        for level in range(3):
            for _ in range(per_level):
                n += 1
                if n % 5 == 0:
                    code, raw = render_code(ifa_pack_payload(rng), gs1=False, module_px=6)
                    gs1 = False
                else:
                    code, raw = render_code(gs1_pack_hri(rng), gs1=True, module_px=6)
                    gs1 = True
                img = degrade(place(code, rng), rng, level)
                samples.append(Sample(f"{kind}-{level}-{n:03d}", np.ascontiguousarray(img), raw, gs1, kind, level))
    samples.extend(empty_frames(rng, empty))
    return samples


def clean_set(seed: int = 99, count: int = 10) -> list[Sample]:
    """Undegraded codes placed on a background (the easy case every decoder must read)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test images, not secrets
    out = []
    for i in range(count):
        code, raw = render_code(gs1_pack_hri(rng), gs1=True, module_px=rng.randint(3, 8))
        out.append(Sample(f"clean-{i:03d}", place(code, rng), raw, True, "clean", 0))
    return out


def camera_frame(code: Gray | None, rng: random.Random, size: tuple[int, int] = (720, 1280)) -> Gray:
    """A 720p webcam-like frame, with ``code`` (if given) somewhere near the middle."""
    h, w = size
    frame = _background(rng, size)
    if code is not None:
        ch, cw = code.shape
        y0 = h // 2 - ch // 2 + rng.randint(-h // 8, h // 8)
        x0 = w // 2 - cw // 2 + rng.randint(-w // 8, w // 8)
        frame[y0 : y0 + ch, x0 : x0 + cw] = np.where(code < 128, 25, 215).astype(np.uint8)
        frame = noise(blur(frame, 0.8), rng, 4.0)
    return np.ascontiguousarray(frame)
