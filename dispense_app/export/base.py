"""What every export writer shares: the summary it returns, progress and cancel hooks, and the
atomic, hashing output file.

A writer never leaves a half-written file behind: it writes ``.NAME.XXXX.part`` in the target's
folder and renames it over the target only when everything was written and flushed to disk. A
cancelled or failed export removes the temporary file and leaves any earlier file at the target
untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

ProgressCallback = Callable[[int], None]
"""Called with the number of rows written so far (every :data:`PROGRESS_EVERY` rows and at the end)."""

CancelCheck = Callable[[], bool]
"""Returns True when the user asked to stop (e.g. ``threading.Event().is_set``)."""

PROGRESS_EVERY = 2000
"""Rows between two progress callbacks / cancel checks (and between two buffered disk writes)."""


class ExportError(Exception):
    """The export could not be written (bad target folder, disk full, ...); nothing was left behind."""


class ExportCancelled(Exception):
    """The cancel check returned True; the partial file was removed."""

    def __init__(self, rows: int) -> None:
        super().__init__(f"export cancelled after {rows} rows; no file written")
        self.rows = rows


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What was written: the final path, the number of alert rows, the file's SHA-256 and size."""

    path: Path
    format: str
    rows: int
    sha256: str
    bytes: int

    def to_json(self) -> dict[str, object]:
        return {"path": str(self.path), "format": self.format, "rows": self.rows, "sha256": self.sha256,
                "bytes": self.bytes}


class HashingFile:
    """A binary sink that hashes everything written through it (so the file is never read back)."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self._hash.update(data)
        self._raw.write(data)
        self.size += len(data)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def check_target(path: str | os.PathLike[str]) -> Path:
    """The absolute target path; its folder must exist and the target must not be a folder."""
    target = Path(path).expanduser().absolute()
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name")
    if not target.parent.is_dir():
        raise ExportError(f"folder {target.parent} does not exist")
    return target


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[tuple[HashingFile, Path]]:
    """Open a temporary file beside ``path``; on success fsync and rename it to ``path``.

    Yields ``(sink, target)``. On any exception (including :class:`ExportCancelled`) the
    temporary file is removed and the exception propagates. The file is created readable by the
    owner only (alert logs hold personal data: operator names, patient references).
    """
    target = check_target(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise ExportError(f"cannot write in {target.parent}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as raw:
            sink = HashingFile(raw)
            yield sink, target
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


class Ticker:
    """Counts rows and calls progress / cancel every :data:`PROGRESS_EVERY` rows."""

    __slots__ = ("_cancel", "_progress", "rows")

    def __init__(self, progress: ProgressCallback | None, cancel: CancelCheck | None) -> None:
        self._progress = progress
        self._cancel = cancel
        self.rows = 0

    def start(self) -> None:
        """Check cancel once before anything is written."""
        if self._cancel is not None and self._cancel():
            raise ExportCancelled(0)

    def tick(self, rows: int) -> None:
        """``rows`` more rows are done (called once per chunk)."""
        self.rows += rows
        if self._progress is not None:
            self._progress(self.rows)
        if self._cancel is not None and self._cancel():
            raise ExportCancelled(self.rows)

    def finish(self) -> None:
        if self._progress is not None:
            self._progress(self.rows)
