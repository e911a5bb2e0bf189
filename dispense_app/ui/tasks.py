"""The one background-task helper: plain Python work on a thread pool, results back by signal.

The UI thread never waits on the network or the disk (DESIGN.md "Rules of the house"). Everything
slow (hub calls, SQLite, decoding) is a plain callable handed to :meth:`TaskRunner.submit`; it runs on
a :class:`QThreadPool` worker, and its result or exception comes back to the UI thread through a
queued signal. The callbacks given to ``submit`` therefore always run on the UI thread, and the
callable itself must never touch a widget (it gets no widget, only plain values).

Why a signal on the runner and not one per task: the runner lives on the UI thread, so a signal it
emits from a worker thread is delivered by Qt's event loop on the UI thread (AutoConnection picks a
queued connection because the emitting thread differs from the receiver's). One connection, set up
once, avoids creating QObjects on worker threads.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread, QThreadPool, Signal, Slot


@dataclass(frozen=True, slots=True)
class TaskError:
    """An exception raised by a background task, carried to the UI thread."""

    exception: BaseException
    traceback: str

    def __str__(self) -> str:
        return f"{type(self.exception).__name__}: {self.exception}"


ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[TaskError], None]


@dataclass(slots=True)
class _Pending:
    name: str
    on_result: ResultCallback | None
    on_error: ErrorCallback | None
    cancelled: bool = False


class TaskHandle:
    """What ``submit`` returns: the task id, and a way to drop its result if it is no longer wanted."""

    def __init__(self, runner: TaskRunner, task_id: int) -> None:
        self._runner = runner
        self.task_id = task_id

    def cancel(self) -> None:
        """The callbacks will not be called (the work itself still finishes on its worker)."""
        self._runner._cancel(self.task_id)


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, task_id: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._runner = runner
        self._task_id = task_id
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # everything goes back to the UI; nothing may kill a worker silently
            self._runner._failed.emit(self._task_id, TaskError(exc, traceback.format_exc()))
        else:
            self._runner._finished.emit(self._task_id, result)


class TaskRunner(QObject):
    """Runs callables on a thread pool and calls back on the UI thread.

    Signals (UI thread): ``busy_changed(bool)`` when the first task starts / the last one ends,
    ``task_failed(str, object)`` with the task name and :class:`TaskError` for every failure (so the
    window can show it even when the caller gave no error callback).
    """

    busy_changed = Signal(bool)
    task_failed = Signal(str, object)
    _finished = Signal(int, object)
    _failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is not app.thread():
            raise RuntimeError("TaskRunner must be created on the UI thread")
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._finished.connect(self._on_finished)
        self._failed.connect(self._on_failed)

    @property
    def pending(self) -> int:
        """Tasks submitted whose callbacks have not run yet."""
        return len(self._pending)

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_result: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> TaskHandle:
        """Run ``fn(*args, **kwargs)`` on a worker; ``on_result``/``on_error`` run later on the UI thread."""
        task_id = next(self._ids)
        was_idle = not self._pending
        self._pending[task_id] = _Pending(name or str(getattr(fn, "__name__", "task")), on_result, on_error)
        if was_idle:
            self.busy_changed.emit(True)
        self._pool.start(_Job(self, task_id, lambda: fn(*args, **kwargs)))
        return TaskHandle(self, task_id)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every worker is finished (shutdown only: never from an interactive path)."""
        return bool(self._pool.waitForDone(msecs))

    def _cancel(self, task_id: int) -> None:
        pending = self._pending.get(task_id)
        if pending is not None:
            pending.cancelled = True

    def _take(self, task_id: int) -> _Pending | None:
        pending = self._pending.pop(task_id, None)
        if pending is not None and not self._pending:
            self.busy_changed.emit(False)
        return pending

    @Slot(int, object)
    def _on_finished(self, task_id: int, result: object) -> None:
        pending = self._take(task_id)
        if pending is None or pending.cancelled or pending.on_result is None:
            return
        pending.on_result(result)

    @Slot(int, object)
    def _on_failed(self, task_id: int, error: object) -> None:
        pending = self._take(task_id)
        if pending is None or pending.cancelled:
            return
        assert isinstance(error, TaskError)
        self.task_failed.emit(pending.name, error)
        if pending.on_error is not None:
            pending.on_error(error)


def is_ui_thread() -> bool:
    """True on the thread that owns the QApplication (the only thread that may touch widgets)."""
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def require_ui_thread(what: str = "this") -> None:
    """Raise if called off the UI thread: guards every method that updates widgets."""
    if not is_ui_thread():
        raise RuntimeError(f"{what} must run on the UI thread (widgets are not thread-safe)")
