"""Turn whatever the caller has (file path, encoded bytes, numpy array) into an 8-bit grayscale array.

Both decoders work on luminance, so everything is converted once, here, with numpy and Pillow
only (no OpenCV: the frozen bundle leaves it out). Files and bytes are decoded by Pillow (PNG,
JPEG, WebP, BMP, TIFF, GIF, AVIF where Pillow has it, ...); a header that declares more than
:data:`MAX_PIXELS` is refused before anything is decompressed. Transparent pixels are laid on white
(a code exported as a PNG with a transparent background would otherwise turn black on black);
16-bit images keep their upper byte; palette, CMYK and YCbCr images go through Pillow's own
luminance conversion. EXIF orientation is not applied: zxing reads a code in any orientation (and
mirrored), and corner coordinates stay in the stored pixel grid, as the file's pixels are.

Camera frames arrive as numpy BGR (OpenCV's order) or BGRA arrays: :func:`to_gray` converts them
with Pillow's ``"BGR"`` raw mode and its fixed-point ITU-R 601 luminance (measured on this machine
at 1.3-2.0 ms for a 720p frame and 3.1-5.2 ms for 1080p over several runs, against 1.3-2.6 /
3.3-6.8 ms for the same sum in numpy uint16; every one of the 16.7 million colours within ±1 of
OpenCV's ``COLOR_BGR2GRAY``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import numpy.typing as npt

from scanner.decoding.result import ImageError

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

Gray = npt.NDArray[np.uint8]
ImageSource = str | os.PathLike[str] | bytes | bytearray | memoryview | npt.NDArray[np.generic]

MAX_PIXELS = 80_000_000  # refuse decompression bombs; a 64 MP phone photo still passes


def as_u8(array: Any) -> Gray:
    """``array`` as a C-contiguous uint8 array (values must already be in 0..255)."""
    return cast(Gray, np.ascontiguousarray(array, dtype=np.uint8))


def load_image(source: ImageSource) -> Gray:
    """Return ``source`` as a C-contiguous 2-D uint8 array.

    Raises :class:`ImageError` for a missing or unreadable file, undecodable bytes, or an array
    that is not an image.
    """
    if isinstance(source, np.ndarray):
        return to_gray(source)
    if isinstance(source, bytes | bytearray | memoryview):
        return decode_bytes(bytes(source), what="image data")
    if isinstance(source, str | os.PathLike):
        return decode_bytes(read_file(source), what=str(source))
    raise ImageError(f"not an image: {type(source).__name__}")


def load_bgr(source: str | os.PathLike[str] | bytes) -> npt.NDArray[np.uint8]:
    """An image file (or its bytes) as a (H, W, 3) BGR uint8 array, like a colour camera frame.

    Transparency is laid on white; the same size limit and errors as :func:`load_image`.
    """
    if isinstance(source, bytes):
        return decode_bgr(source)
    return decode_bgr(read_file(source), what=str(source))


def read_file(source: str | os.PathLike[str]) -> bytes:
    """The bytes of an image file; :class:`ImageError` with a short reason if it cannot be read."""
    path = Path(source)
    shown = os.fspath(source)  # the path as the user gave it
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ImageError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise ImageError(f"{shown}: is a folder, not an image file") from None
    except OSError as exc:
        raise ImageError(f"{shown}: cannot read: {exc.strerror or exc}") from None


def decode_bytes(data: bytes, *, what: str = "image data") -> Gray:
    """Decode an encoded image (PNG, JPEG, WebP, ...) held in memory to 8-bit gray."""
    with open_image(data, what=what) as im:
        return pil_to_gray(im, what=what)


def decode_bgr(data: bytes, *, what: str = "image data") -> npt.NDArray[np.uint8]:
    """Decode an encoded image to a (H, W, 3) BGR uint8 array (camera frame order), transparency on white."""
    from PIL import Image

    with open_image(data, what=what) as im:
        try:
            if _has_alpha(im):
                rgb = _on_white(im).convert("RGB")
            elif im.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
                rgb = Image.fromarray(pil_to_gray(im, what=what)).convert("RGB")
            else:
                rgb = im.convert("RGB")
        except (OSError, ValueError):
            raise ImageError(f"{what}: not a readable image") from None
        return np.ascontiguousarray(np.asarray(rgb)[:, :, ::-1])


@contextmanager
def open_image(data: bytes, *, what: str = "image data") -> Iterator[PILImage]:
    """Pillow's image for ``data``, its header read and its size checked, nothing decompressed yet.

    Raises :class:`ImageError` for empty or unidentifiable data and for more than :data:`MAX_PIXELS`
    pixels (a 100 kB PNG can declare 40000 x 40000 pixels and take gigabytes once decoded).
    """
    import io
    import warnings

    from PIL import Image, UnidentifiedImageError

    if not data:
        raise ImageError(f"{what}: empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit is lower
            im = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise ImageError(f"{what}: image too large") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise ImageError(f"{what}: not a readable image (PNG, JPEG, WebP, BMP, TIFF, GIF)") from None
    with im:
        if im.width * im.height > MAX_PIXELS:
            raise ImageError(f"{what}: image too large ({im.width}x{im.height})")
        yield im


def pil_to_gray(im: PILImage, *, what: str = "image") -> Gray:
    """A Pillow image (any mode) as a writable 2-D uint8 array of its luminance, transparency on white."""
    try:
        if im.format == "JPEG" and im.mode == "RGB":
            im.draft("L", im.size)  # libjpeg decodes the luma plane only: a third of the memory, faster
        if _has_alpha(im):
            return np.array(_on_white(im).convert("L"))
        if im.mode in ("1", "L"):
            return np.array(im.convert("L"))
        if im.mode == "I":  # 32-bit integer: Pillow's mode for some 16-bit TIFFs and PNGs
            wide = np.asarray(im)
            if int(wide.max(initial=0)) > 255:
                return as_u8(np.clip(wide, 0, 65535).astype(np.uint16) >> 8)
            return np.array(np.clip(wide, 0, 255).astype(np.uint8))
        if im.mode.startswith("I;16") or im.mode == "F":
            return np.array(_to_uint8(np.asarray(im)))
        if im.mode == "LAB":  # CIELab TIFF: the lightness channel
            return np.array(im.getchannel("L"))
        return np.array(im.convert("L"))
    except ImageError:
        raise
    except (OSError, ValueError, SyntaxError, EOFError) as exc:  # truncated or corrupt data
        raise ImageError(f"{what}: not a readable image ({exc})") from None


def _has_alpha(im: PILImage) -> bool:
    """An alpha channel, or a transparent colour (PNG tRNS, GIF) in a mode that can carry one."""
    return im.mode in ("RGBA", "RGBa", "LA", "La", "PA") or (
        im.mode in ("1", "L", "P", "RGB") and "transparency" in im.info
    )


def _on_white(im: PILImage) -> PILImage:
    from PIL import Image

    rgba = im.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, rgba)


def to_gray(img: npt.NDArray[np.generic]) -> Gray:
    """Convert a BGR / BGRA / gray array of uint8, uint16, bool or float (0..1) to 2-D uint8.

    Three channels are BGR and four BGRA (the order camera frames come in); transparent pixels
    are laid on white.
    """
    from PIL import Image

    if not isinstance(img, np.ndarray) or img.size == 0:
        raise ImageError("empty image")
    if img.ndim == 3 and img.shape[2] == 1:
        img = img[:, :, 0]
    if img.ndim not in (2, 3) or (img.ndim == 3 and img.shape[2] not in (3, 4)):
        raise ImageError(f"not an image array: shape {img.shape}")
    if img.shape[0] * img.shape[1] > MAX_PIXELS:
        raise ImageError(f"image too large ({img.shape[1]}x{img.shape[0]})")
    arr = _to_uint8(img)
    if arr.ndim == 2:
        return arr
    h, w, channels = arr.shape
    if channels == 4:
        bgra = Image.frombuffer("RGBA", (w, h), arr, "raw", "BGRA", 0, 1)
        return np.array(_on_white(bgra).convert("L"))
    # Pillow unpacks BGR into its own RGB buffer and converts with integer ITU-R 601 weights
    return np.array(Image.frombuffer("RGB", (w, h), arr, "raw", "BGR", 0, 1).convert("L"))


def _to_uint8(img: npt.NDArray[Any]) -> Gray:
    if img.dtype == np.uint8:
        return as_u8(img)
    if img.dtype == np.bool_:
        return as_u8(img.astype(np.uint8) * 255)
    if img.dtype == np.uint16:
        return as_u8(img.astype(np.uint16) >> 8)
    if np.issubdtype(img.dtype, np.floating):
        f = np.nan_to_num(img.astype(np.float32), nan=0.0)
        scale = 255.0 if float(f.max(initial=0.0)) <= 1.0 else 1.0
        return as_u8(np.clip(f * scale + 0.5, 0, 255))
    if np.issubdtype(img.dtype, np.integer):
        return as_u8(np.clip(img, 0, 255))
    raise ImageError(f"unsupported pixel type {img.dtype}")
