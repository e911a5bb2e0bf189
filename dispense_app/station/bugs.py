"""Bugs, as opposed to known conditions: logged with their traceback, shown as one short line.

A user never reads a traceback (DESIGN.md "Rules of the house"). Whatever is not a
:class:`~dispense_app.errors.KnownCondition` is a bug in the app: :func:`log_bug` appends its
traceback to ``<home>/logs/dispense-app.log`` (rotated at 1 MB, three files kept) and returns the
log's path, and :func:`bug_message` is what the user reads instead.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import threading
from pathlib import Path

from dispense_app import __version__
from dispense_app.errors import KnownCondition

LOG_NAME = "dispense-app.log"
_lock = threading.Lock()
_handlers: dict[Path, logging.Handler] = {}
_default_home: Path | None = None


def use_home(home: Path | None) -> None:
    """Where bugs are logged when the caller does not say (the window sets its data folder)."""
    global _default_home
    _default_home = home


def is_known(exc: BaseException) -> bool:
    """A condition the user can act on, not a bug: the app's own known conditions, the hub's
    answers and outages, refused input (ValueError), permissions and the file system."""
    from dispense_app.core.model import HubRequestError, HubUnavailable

    return isinstance(exc, (KnownCondition, HubUnavailable, HubRequestError, ValueError, PermissionError, OSError))


def user_message(exc: BaseException, *, where: str, home: Path | None = None) -> str:
    """What a user reads about ``exc``: its own message for a known condition; for a bug, one
    line naming the log its traceback was written to."""
    if is_known(exc):
        return " ".join(str(exc).split()) or type(exc).__name__
    return bug_message(log_bug(exc, home=home, where=where))


def log_folder(home: Path | None) -> Path:
    """``<home>/logs``, or a folder in the temporary directory when there is no usable home."""
    base = home / "logs" if home is not None else Path(tempfile.gettempdir()) / "dispense-app-logs"
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError:
        base = Path(tempfile.gettempdir())
    return base


def _logger(path: Path) -> logging.Logger:
    logger = logging.getLogger("dispense_app.bugs")
    logger.propagate = False
    logger.setLevel(logging.ERROR)
    with _lock:
        if path not in _handlers:
            from logging.handlers import RotatingFileHandler  # here: the window's start logs no bug (issue 22)

            handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            _handlers[path] = handler
            logger.addHandler(handler)
    return logger


def log_bug(exc: BaseException, *, home: Path | None, where: str) -> Path:
    """Append ``exc`` with its traceback to the bug log; the log's path. Never raises."""
    path = log_folder(home if home is not None else _default_home) / LOG_NAME
    with contextlib.suppress(Exception):  # logging a bug must never raise another one
        _logger(path).error("bug in %s (dispense-app %s)", where, __version__, exc_info=exc)
        handler = _handlers.get(path)
        if handler is not None:
            handler.flush()
    return path


def bug_message(log: Path) -> str:
    """What the user reads about a bug: one line, where the details are, what to do."""
    return f"internal error (a bug in dispense-app); details are in {log} - please send that file to support"
