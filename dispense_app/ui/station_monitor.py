"""Keeps the counter window's view of the station fresh: the station status every 2 s (and when the
window asks, after every dispense), and the outbox replay (F7) with its progress.

Both run on workers through the :class:`~dispense_app.ui.tasks.TaskRunner` (the task names ``status``
and ``replay`` are part of the runner's ``task_failed`` reports); what comes back is emitted on the UI
thread, and the window shows it in the status bar.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from dispense_app.ui.tasks import TaskError, TaskRunner
from dispense_app.ui.viewmodel import CounterPresenter, ReplayResult, StationStatus

POLL_MS = 2000
"""How often the station status is asked for while the window is open."""


class StationMonitor(QObject):
    """The station status and the outbox replay of one counter window (its parent)."""

    # StationStatus: asked for, or after a replay; with the time.monotonic() at which it was asked
    # for (the window keeps what a scan or dispense learnt of the hub since: issue 22)
    status_known = Signal(object, float)
    not_ready = Signal(str)  # the station could not give its status (no hub configured, database refused, ...)
    replay_started = Signal()
    replay_progressed = Signal(int, int)  # done, total (emitted on the worker, delivered on the UI thread)
    replay_finished = Signal()  # the outbox was sent (``status_known`` and ``replay_done`` follow)
    replay_done = Signal(object)  # ReplayResult: what the replay found (conflicts are shown loud)
    replay_failed = Signal(str)  # sending stopped: what went wrong

    def __init__(self, presenter: CounterPresenter, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.runner = runner
        self.replaying = False
        self._asking = False
        self._asked_at = self._replay_asked_at = 0.0
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh)

    @Slot()
    def start_polling(self) -> None:
        self._poll.start()

    def stop(self) -> None:
        self._poll.stop()

    @Slot()
    def refresh(self) -> None:
        """Ask the presenter for the station status (in the background; skipped if one is on its way)."""
        if self._asking or self.runner.closed:
            return
        self._asking = True
        self._asked_at = time.monotonic()
        self.runner.submit(self.presenter.status, on_result=self._answered, on_error=self._failed, name="status")

    def _answered(self, status: StationStatus) -> None:
        self._asking = False
        self.status_known.emit(status, self._asked_at)

    def _failed(self, error: TaskError) -> None:
        self._asking = False
        self.not_ready.emit(error.for_user)

    @Slot()
    def send_outbox(self) -> None:
        """Send what the outbox owes, reporting progress; nothing if a replay is running already."""
        if self.replaying or self.runner.closed:
            return
        self.replaying = True
        self._replay_asked_at = time.monotonic()
        self.replay_started.emit()
        self.runner.submit(self.presenter.replay, self.replay_progressed.emit, on_result=self._replayed,
                           on_error=self._replay_failed, name="replay")

    def _replayed(self, result: ReplayResult) -> None:
        self.replaying = False
        self.replay_finished.emit()
        self.status_known.emit(result.status, self._replay_asked_at)
        self.replay_done.emit(result)

    def _replay_failed(self, error: TaskError) -> None:
        self.replaying = False
        self.replay_failed.emit(error.for_user)
