"""The station's files on disk: owner-only permissions and the open lock (issue 16, defects 11, 12).

*Permissions.* The data folder holds patient references, PIN hashes and the audit trail, so it is
kept ``0700`` and the database, its ``-wal``/``-shm`` files and its backups ``0600``. SQLite gives a
new ``-wal``/``-shm`` the mode of the database file, so creating ``station.db`` as ``0600`` (before
SQLite opens it) is enough for those; files left wider by an older version are narrowed when the
station is opened. On Windows POSIX modes mean nothing: there the user's profile folder (where the
default data folder lives) is private by its ACL, and nothing is changed.

*Open lock.* Creating, checking and migrating a database takes several statements; two processes
doing it at the same moment could see each other's work half done (one refused the file as "not a
station database" while another was migrating it, or both wrote a station id). :class:`OpenLock`
holds an exclusive lock on ``station.db.lock`` beside the database for the whole of
:meth:`Station.open <dispense_app.store.Station.open>` (``fcntl.flock`` on POSIX, ``msvcrt.locking``
on Windows: the stdlib, no extra dependency). The lock is released when the process ends, however it
ends, so a crashed process never leaves a stale lock behind; the lock file itself stays (removing it
would open a race of its own).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from pathlib import Path

from dispense_app.store.errors import StoreEnvironmentError

FOLDER_MODE = 0o700
FILE_MODE = 0o600
POSIX = os.name == "posix"
LOCK_TIMEOUT_S = 60.0
"""How long :meth:`Station.open` waits for another process that is opening (or migrating) the
same database before giving up with a message (a migration of a big database takes seconds)."""

_POLL_S = 0.005


def private_folder(folder: Path) -> None:
    """Keep ``folder`` readable by its owner only (``0700``) when it is ours and wider (POSIX)."""
    _narrow(folder, FOLDER_MODE)


def private_file(path: Path) -> None:
    """Keep an existing file ``0600`` when it is ours and wider (POSIX); missing files are skipped."""
    _narrow(path, FILE_MODE)


def create_private(path: Path, *, exclusive: bool = False) -> None:
    """Create ``path`` empty with mode ``0600`` (if missing; ``exclusive``: it must be missing), so
    SQLite opens a file that was never readable by others, and gives its journal files the same mode."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, FILE_MODE)
    os.close(fd)


def _narrow(path: Path, mode: int) -> None:
    if not POSIX:
        return
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode) or info.st_uid != os.geteuid():
        return  # a link or someone else's file: not ours to change
    if stat.S_IMODE(info.st_mode) & ~mode:
        try:
            os.chmod(path, stat.S_IMODE(info.st_mode) & mode)
        except OSError as exc:  # a read-only medium: use it as it is
            if exc.errno not in (errno.EROFS, errno.EPERM, errno.EACCES):
                raise


class OpenLock:
    """An exclusive lock on ``<database>.lock``, held while a database is opened (see module doc).

    Usable as a context manager. Within one process two ``OpenLock`` objects on the same file also
    exclude each other (``flock`` locks belong to the open file, not to the process).
    """

    def __init__(self, database: Path, *, timeout: float | None = None) -> None:
        self.path = database.with_name(database.name + ".lock")
        self.timeout = LOCK_TIMEOUT_S if timeout is None else timeout
        self._fd: int | None = None

    def __enter__(self) -> OpenLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def acquire(self) -> None:
        """Wait (polling, up to :attr:`timeout` seconds) for the lock. A folder where the lock file
        cannot be created (read-only) is opened without it: nothing can be created or migrated
        there, so there is nothing to race on."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
                return
            raise StoreEnvironmentError(f"cannot create the lock file {self.path}: {exc.strerror or exc}") from exc
        deadline = time.monotonic() + self.timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise StoreEnvironmentError(
                    f"another program has been opening {self.path.with_suffix('')} for {self.timeout:.0f} s "
                    "(it holds the lock file beside it); wait for it to finish, or close it, and try again"
                )
            time.sleep(_POLL_S)
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError:  # a file system without locks (some network shares): open as before
            return True
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
