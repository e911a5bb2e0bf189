"""Turn whatever the caller has (file path, encoded bytes, numpy array) into an 8-bit grayscale array.

Both decoders work on luminance, so everything is converted once, here. Transparent pixels are laid
on white (a code exported as a PNG with a transparent background would otherwise turn black on
black). Files go through OpenCV first (PNG, JPEG, WebP, BMP, TIFF) and Pillow second (GIF and the
odd format OpenCV lacks).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from scanner.decoding.result import ImageError

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
        path = Path(source)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ImageError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise ImageError(f"{path}: is a directory") from None
        except OSError as exc:
            raise ImageError(f"{path}: cannot read: {exc.strerror or exc}") from None
        return decode_bytes(data, what=str(path))
    raise ImageError(f"not an image: {type(source).__name__}")


def decode_bytes(data: bytes, *, what: str = "image data") -> Gray:
    """Decode an encoded image (PNG, JPEG, WebP, ...) held in memory."""
    if not data:
        raise ImageError(f"{what}: empty")
    _check_declared_size(data, what)
    import cv2

    buf = np.frombuffer(data, dtype=np.uint8)
    img: Any = None
    try:
        img = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    except cv2.error:
        img = None
    if img is None:
        img = _decode_with_pillow(data, what)
    return to_gray(img)


def _check_declared_size(data: bytes, what: str) -> None:
    """Refuse an image whose header declares more than MAX_PIXELS before anything is decoded
    (a 100 kB PNG can declare 40000 x 40000 pixels and take gigabytes once decoded)."""
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as im:  # reads the header only
                width, height = im.size
    except Image.DecompressionBombError:
        raise ImageError(f"{what}: image too large") from None
    except Exception:  # not something Pillow knows: OpenCV decides below
        return
    if width * height > MAX_PIXELS:
        raise ImageError(f"{what}: image too large ({width}x{height})")


def _decode_with_pillow(data: bytes, what: str) -> npt.NDArray[np.generic]:
    import io
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                if im.width * im.height > MAX_PIXELS:
                    raise ImageError(f"{what}: image too large ({im.width}x{im.height})")
                if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
                    rgba = im.convert("RGBA")
                    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                    return np.asarray(Image.alpha_composite(white, rgba).convert("L"))
                return np.asarray(im.convert("L"))
    except ImageError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(f"{what}: not a readable image (PNG, JPEG, WebP, BMP, TIFF, GIF)") from None


def to_gray(img: npt.NDArray[np.generic]) -> Gray:
    """Convert a BGR / BGRA / gray array of uint8, uint16, bool or float (0..1) to 2-D uint8."""
    import cv2

    if not isinstance(img, np.ndarray) or img.size == 0:
        raise ImageError("empty image")
    if img.ndim == 3 and img.shape[2] == 1:
        img = img[:, :, 0]
    if img.ndim not in (2, 3) or (img.ndim == 3 and img.shape[2] not in (3, 4)):
        raise ImageError(f"not an image array: shape {img.shape}")
    if img.shape[0] * img.shape[1] > MAX_PIXELS:
        raise ImageError(f"image too large ({img.shape[1]}x{img.shape[0]})")
    arr = _to_uint8(img)
    if arr.ndim == 3:
        if arr.shape[2] == 4:
            alpha = arr[:, :, 3:4].astype(np.float32) / 255.0
            rgb = arr[:, :, :3].astype(np.float32) * alpha + 255.0 * (1.0 - alpha)
            arr = as_u8(np.clip(rgb + 0.5, 0, 255))
        arr = as_u8(cv2.cvtColor(np.ascontiguousarray(arr), cv2.COLOR_BGR2GRAY))
    return as_u8(arr)


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
