"""Run a piece of window work after the window has painted what it already changed.

Qt paints changed widgets when the window's ``UpdateRequest`` event is handled; that event is posted
at ``Qt.LowEventPriority`` so that pending layout requests go first. Work queued with
``QTimer.singleShot(0, ...)`` is a normal-priority posted event and runs *before* that paint. Work
handed to :class:`AfterPaint` is posted one priority lower still, so the event loop lays out and
paints what changed so far, then runs it.

The counter uses this to put a verdict's banner on screen before it fills in the pack details and
the list (issue 22): the banner is what the pharmacist reads from a metre away; the details follow
one paint later, a few milliseconds.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject

AFTER_PAINT_PRIORITY = -2
"""Below ``Qt.LowEventPriority`` (-1), the priority of the window's paint request."""

_RUN = QEvent.Type(QEvent.registerEventType())


class AfterPaint(QObject):
    """Calls handed to :meth:`call` run on this object's thread, in order, each after the paint that
    was pending when it was handed over."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._calls: deque[Callable[[], None]] = deque()

    def call(self, fn: Callable[[], None]) -> None:
        self._calls.append(fn)
        QCoreApplication.postEvent(self, QEvent(_RUN), AFTER_PAINT_PRIORITY)

    @property
    def pending(self) -> int:
        """Calls handed over and not yet run."""
        return len(self._calls)

    def event(self, event: QEvent) -> bool:
        if event.type() == _RUN:
            if self._calls:
                self._calls.popleft()()
            return True
        return super().event(event)
