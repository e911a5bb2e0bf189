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

Actions that must not overtake each other (the counter's scans, dispenses, undos: a Dispense pressed
right after a scan waits for that scan's verdict) go through :meth:`TaskRunner.enqueue` instead: they
run one at a time, in the order they were asked for, each with its own result and error callback.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QThread, QThreadPool, Signal, Slot


@dataclass(frozen=True, slots=True)
class TaskError:
    """An exception raised by a background task, carried to the UI thread."""

    exception: BaseException
    traceback: str
    message: str = ""
    """What the user reads (see :func:`dispense_app.station.bugs.user_message`): the exception's
    own sentence for a known condition, one line naming the log for a bug. Empty: ``str(self)``."""

    def __str__(self) -> str:
        return f"{type(self.exception).__name__}: {self.exception}"

    @property
    def for_user(self) -> str:
        return self.message or str(self)


EARLY_RESULT_HEAD_START_S = 0.05
"""How long the rest of an :meth:`TaskRunner.enqueue_early` work waits for the UI thread to show its
early result (the window takes about 2 ms; a UI thread that is held up does not hold the work)."""

ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[TaskError], None]
T = TypeVar("T")


@dataclass(slots=True)
class _Pending:
    name: str
    on_result: ResultCallback | None
    on_error: ErrorCallback | None
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class _Queued(Generic[T]):
    """An action waiting its turn in :meth:`TaskRunner.enqueue`'s queue."""

    name: str
    work: Callable[..., T]  # () -> T; with ``early``: (deliver) -> T
    on_result: Callable[[T], None]
    on_error: ErrorCallback
    early: bool = False
    on_late_error: ErrorCallback | None = None  # enqueue_early: the work failed after its result was given


class TaskHandle:
    """What ``submit`` returns: the task id, and a way to drop its result if it is no longer wanted."""

    def __init__(self, runner: TaskRunner, task_id: int) -> None:
        self._runner = runner
        self.task_id = task_id

    def cancel(self) -> None:
        """The callbacks will not be called (the work itself still finishes on its worker)."""
        self._runner._cancel(self.task_id)


class _Job:
    """One task's work on a pool thread: runs it, parks the outcome, tells the runner.

    A plain callable handed to ``QThreadPool.start``, not a ``QRunnable`` subclass: the pool's Python
    wrapper kept a reference to every started ``QRunnable`` it had auto-deleted, so about a third of
    the jobs, with their work and its arguments (a scan's key events), stayed alive for good: the
    window's memory grew with every scan (issue 22)."""

    __slots__ = ("_fn", "_name", "_runner", "_task_id")

    def __init__(self, runner: TaskRunner, task_id: int, fn: Callable[[], Any], name: str) -> None:
        self._runner = runner
        self._task_id = task_id
        self._fn = fn
        self._name = name

    def __call__(self) -> None:
        try:
            outcome: tuple[bool, Any] = (True, self._fn())
        except BaseException as exc:  # everything goes back to the UI; nothing may kill a worker silently
            from dispense_app.station.bugs import user_message

            message = user_message(exc, where=f"background task {self._name}")  # a bug is logged here
            outcome = (False, TaskError(exc, traceback.format_exc(), message))
        self._runner._deliver(self._task_id, outcome)


class TaskRunner(QObject):
    """Runs callables on a thread pool and calls back on the UI thread.

    Signals (UI thread): ``became_busy()`` when the first task starts, ``became_idle()`` when the
    last one has reported,
    ``task_failed(str, object)`` with the task name and :class:`TaskError` for every failure (so the
    window can show it even when the caller gave no error callback).
    """

    became_busy = Signal()
    became_idle = Signal()
    task_failed = Signal(str, object)
    # Only the task id crosses threads by signal; the result waits in ``_outcomes`` (under a lock).
    # Passing arbitrary Python objects through queued signals is avoided on purpose: an event that
    # is never delivered (the runner gone) must not leave a Python reference to clean up on the Qt side.
    _done = Signal(int)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is not app.thread():
            raise RuntimeError("TaskRunner must be created on the UI thread")
        # not a child of the runner: Qt would destroy it inside the runner's destructor, while a
        # worker might still be emitting on the runner; shutdown() waits for the workers instead
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max_threads)
        self._pool_released = False  # shutdown() gave the pool to the event loop to delete
        self._closed = False
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._outcomes: dict[int, tuple[bool, Any]] = {}
        self._outcomes_lock = threading.Lock()
        self._queue: deque[_Queued[Any]] = deque()
        self._queue_running = False
        self._queue_result_given = False  # the running action gave its result early (enqueue_early)
        self._done.connect(self._on_done)

    @property
    def closed(self) -> bool:
        """True after :meth:`shutdown`: no new tasks are accepted."""
        return self._closed

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
        if self._closed:
            raise RuntimeError("the task runner is shut down")
        task_id = next(self._ids)
        was_idle = not self._pending
        label = name or str(getattr(fn, "__name__", "task"))
        self._pending[task_id] = _Pending(label, on_result, on_error)
        if was_idle:
            self.became_busy.emit()
        self._pool.start(_Job(self, task_id, lambda: fn(*args, **kwargs), label))
        return TaskHandle(self, task_id)

    def enqueue(
        self, work: Callable[[], T], *, on_result: Callable[[T], None], on_error: ErrorCallback, name: str
    ) -> None:
        """Run ``work()`` on a worker after every action queued before it has reported: queued actions
        run one at a time, in order. ``on_result`` or ``on_error`` runs on the UI thread, then the next
        action starts (``task_failed`` is emitted for a failure, as for :meth:`submit`). After
        :meth:`shutdown` nothing more starts."""
        self._queue.append(_Queued(name, work, on_result, on_error))
        self._next_in_queue()

    def enqueue_early(
        self,
        work: Callable[[Callable[[T], None]], T],
        *,
        on_result: Callable[[T], None],
        on_error: ErrorCallback,
        name: str,
        on_late_error: ErrorCallback | None = None,
    ) -> None:
        """As :meth:`enqueue`, for work whose result is ready before the work is done (a scan's
        verdict, then its bookkeeping): ``work(deliver)`` may call ``deliver(result)`` once, and
        ``on_result`` runs on the UI thread from then on, while the work finishes on its worker. The
        next queued action still starts only when the work has returned. Without a call to
        ``deliver``, the returned value is the result. An exception after ``deliver`` is reported
        by ``task_failed`` and ``on_late_error`` (the result was already given)."""
        self._queue.append(_Queued(name, work, on_result, on_error, early=True, on_late_error=on_late_error))
        self._next_in_queue()

    @property
    def queue_busy(self) -> bool:
        """True while a queued action runs or waits its turn; not once the running action has given
        its result early (:meth:`enqueue_early`): what is left of it runs before anything queued next."""
        return (self._queue_running and not self._queue_result_given) or bool(self._queue)

    def _next_in_queue(self) -> None:
        if self._queue_running or not self._queue or self._closed:
            return
        action = self._queue.popleft()
        self._queue_running = True
        self._queue_result_given = False
        work: Callable[[], Any] = action.work
        early_id: int | None = None
        delivered = threading.Event()
        if action.early:
            # the early result travels as a task of its own, registered here on the UI thread
            early_id = next(self._ids)
            shown = threading.Event()

            def given(result: Any) -> None:  # UI thread: the result is out, the work winds up
                self._queue_result_given = True
                try:
                    action.on_result(result)
                finally:
                    shown.set()

            self._pending[early_id] = _Pending(action.name, given, None)

            def deliver(result: Any) -> None:  # worker thread
                if not delivered.is_set():
                    delivered.set()
                    assert early_id is not None
                    self._deliver(early_id, (True, result))
                    # the rest of the work waits until the window has shown the result (bounded): on
                    # two cores it would otherwise compete with the window for the interpreter lock
                    shown.wait(EARLY_RESULT_HEAD_START_S)

            def work() -> Any:
                return action.work(deliver)

        def callbacks_owed() -> bool:
            """UI thread, the work done: True unless the result went out early (an early slot
            left unused is closed)."""
            if early_id is None:
                return True
            if delivered.is_set():
                return False
            self._take(early_id)
            return True

        def finished(result: Any) -> None:
            self._queue_running = False
            try:
                if callbacks_owed():
                    action.on_result(result)
            finally:
                self._next_in_queue()

        def failed(error: TaskError) -> None:
            self._queue_running = False
            try:
                if callbacks_owed():
                    action.on_error(error)
                elif action.on_late_error is not None:
                    action.on_late_error(error)
            finally:
                self._next_in_queue()

        self.submit(work, on_result=finished, on_error=failed, name=action.name)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every worker is finished (shutdown and tests only: never from an interactive path)."""
        if self._pool_released:
            return True
        return bool(self._pool.waitForDone(msecs))

    def shutdown(self, msecs: int = 15_000) -> bool:
        """Refuse new tasks, drop the callbacks of running ones, and wait for the workers to finish.

        Called when the window closes, so no worker is left emitting on a destroyed object. The wait
        is bounded by the slowest running call (the hub client's own timeouts), at most ``msecs``.
        Once the workers are done, the pool is handed to the UI thread's event loop for deletion: only
        this runner's Python object held it, so it was otherwise destroyed by whichever garbage
        collection freed the runner (inside any allocation, possibly on another pool's worker thread).
        """
        self._closed = True
        for pending in self._pending.values():
            pending.cancelled = True
        done = self.wait_for_done(msecs)
        if done and not self._pool_released:
            self._pool_released = True
            self._pool.deleteLater()
        return done

    def _cancel(self, task_id: int) -> None:
        pending = self._pending.get(task_id)
        if pending is not None:
            pending.cancelled = True

    def _take(self, task_id: int) -> _Pending | None:
        pending = self._pending.pop(task_id, None)
        if pending is not None and not self._pending:
            self.became_idle.emit()
        return pending

    def _deliver(self, task_id: int, outcome: tuple[bool, Any]) -> None:
        """Worker side: park the outcome, then tell the UI thread (queued: the runner lives there)."""
        with self._outcomes_lock:
            self._outcomes[task_id] = outcome
        self._done.emit(task_id)

    @Slot(int)
    def _on_done(self, task_id: int) -> None:
        with self._outcomes_lock:
            ok, value = self._outcomes.pop(task_id, (True, None))
        pending = self._take(task_id)
        if pending is None or pending.cancelled:
            return
        if ok:
            if pending.on_result is not None:
                pending.on_result(value)
            return
        assert isinstance(value, TaskError)
        self.task_failed.emit(pending.name, value)
        if pending.on_error is not None:
            pending.on_error(value)


def is_ui_thread() -> bool:
    """True on the thread that owns the QApplication (the only thread that may touch widgets)."""
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def require_ui_thread(what: str = "this") -> None:
    """Raise if called off the UI thread: guards every method that updates widgets."""
    if not is_ui_thread():
        raise RuntimeError(f"{what} must run on the UI thread (widgets are not thread-safe)")
