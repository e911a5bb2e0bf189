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
import queue
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dispense_app.errors import KnownCondition

ProgressCallback = Callable[[int], None]
"""Called with the number of rows written so far (every :data:`PROGRESS_EVERY` rows and at the end)."""

CancelCheck = Callable[[], bool]
"""Returns True when the user asked to stop (e.g. ``threading.Event().is_set``)."""

PROGRESS_EVERY = 2000
"""Rows between two progress callbacks / cancel checks (and between two buffered disk writes)."""


class ExportError(KnownCondition):
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
    """A binary sink that hashes everything written through it (so the file is never read back).

    Hashing and writing happen on a helper thread (``hashlib`` and file writes release the GIL), so
    they overlap with the formatting of the next chunk. At most :data:`QUEUE_CHUNKS` chunks wait,
    so memory stays flat. :meth:`close` waits until everything is on disk and re-raises a write
    error; :meth:`hexdigest` and :attr:`size` are final after it.
    """

    QUEUE_CHUNKS = 4

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._hash = hashlib.sha256()
        self.size = 0
        self._error: BaseException | None = None
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=self.QUEUE_CHUNKS)
        self._thread = threading.Thread(target=self._drain, name="export-writer", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        while True:
            data = self._queue.get()
            if data is None:
                return
            if self._error is None:
                try:
                    self._hash.update(data)
                    self._raw.write(data)
                except BaseException as exc:  # handed over to the exporting thread by write() / close()
                    self._error = exc

    def write(self, data: bytes) -> None:
        if self._error is not None:
            raise self._error
        self.size += len(data)
        self._queue.put(data)

    def close(self) -> None:
        self._stop()
        if self._error is not None:
            raise self._error

    def abort(self) -> None:
        """Stop the helper thread after a failure elsewhere (its own error, if any, is dropped)."""
        self._stop()

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

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


#: how the files this app exports begin: CSV (byte order mark + the header's first column),
#: JSON Lines (an alert object), PDF. An existing file that starts otherwise is not ours to replace.
_EXPORT_STARTS = (b"\xef\xbb\xbf\"alert_id\"", b"\xef\xbb\xbfalert_id", b'{"alert_id"', b"%PDF-")


def looks_like_export(path: Path) -> bool:
    """True when ``path`` starts like a file an earlier export wrote (or is empty)."""
    try:
        with path.open("rb") as f:
            head = f.read(64)
    except OSError:
        return False
    return not head or head.startswith(_EXPORT_STARTS)


def guard_target(path: str | os.PathLike[str], data_folder: Path | None, *, force: bool = False) -> Path:
    """Refuse an export target that would destroy something (issue 16, defect 1).

    - Never inside the station's data folder (the database, its ``-wal``/``-shm``, ``hub.json``,
      backups, the scanner profile): not even with ``force``. Symbolic links and hard links to
      a file in that folder count as inside.
    - An existing file that does not start like an earlier export (CSV, JSON Lines, PDF written by
      this app) only with ``force``.
    """
    target = check_target(path)
    if data_folder is not None:
        folder = data_folder.resolve()
        real = target.resolve()
        inside = real == folder or folder in real.parents
        if not inside and target.exists():
            inside = any(_same_file(target, f) for f in _files_in(folder))
        if inside:
            raise ExportError(
                f"{target} is in the station's data folder {folder}; exports go elsewhere "
                "(writing there could destroy the station database)"
            )
    if target.exists() and not force and not looks_like_export(target):
        raise ExportError(
            f"{target} exists and is not an earlier export; choose another name, or add --force to replace it"
        )
    return target


def _files_in(folder: Path) -> list[Path]:
    try:
        return [f for f in folder.iterdir() if f.is_file()]
    except OSError:
        return []


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


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
            try:
                yield sink, target
            except BaseException:
                sink.abort()
                raise
            sink.close()  # waits until the writer thread has hashed and written everything
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ExportError(f"writing {target} failed: {exc.strerror or exc}") from exc
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
