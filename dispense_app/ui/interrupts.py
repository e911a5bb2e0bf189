"""Ctrl+C (SIGINT) and SIGTERM close the counter window cleanly (issue 16, item 9).

Qt's event loop runs in C++: Python's own SIGINT handler only runs the next time Python code does,
which may be never (the window did not close) or inside an event filter (a ``KeyboardInterrupt``
traceback). Here the signal wakes the loop through :func:`signal.set_wakeup_fd` and a
:class:`QSocketNotifier`, and the handler asks the application to quit: the same path as the last
window closing, without the "packs not dispensed" question (nobody is at the window to answer
it). Running work finishes (``runner.wait_for_done``) and the outbox keeps what is queued: nothing
is lost, and the next start (or ``dispense-app sync``) sends it.
"""

from __future__ import annotations

import signal
import socket
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSocketNotifier

INTERRUPTED = (
    "interrupted ({name}): closing the window; work in progress is finished first and queued decommissions stay "
    "in the outbox (sent at the next start or with `dispense-app sync`)"
)
EXIT_INTERRUPTED = 130


class Interrupts:
    """While installed, SIGINT/SIGTERM call ``quit`` once from the Qt event loop."""

    def __init__(self, quit: Callable[[], None], *, err: Any = None) -> None:
        self._quit = quit
        self._err = err or sys.stderr
        self.received: str | None = None
        self._old: dict[int, Any] = {}
        self._old_fd = -1
        self._rsock, self._wsock = socket.socketpair()
        self._rsock.setblocking(False)
        self._wsock.setblocking(False)
        self._notifier = QSocketNotifier(self._rsock.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)

    def install(self) -> Interrupts:
        self._old_fd = signal.set_wakeup_fd(self._wsock.fileno())
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._old[sig] = signal.signal(sig, self._handle)
        return self

    def uninstall(self) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)
        self._old.clear()
        signal.set_wakeup_fd(self._old_fd)
        self._notifier.setEnabled(False)
        self._rsock.close()
        self._wsock.close()

    def _drain(self, *_: object) -> None:
        """The wake-up byte: reading it lets Python run the pending signal handler."""
        try:
            while self._rsock.recv(64):
                pass
        except OSError:
            pass

    def _handle(self, signum: int, _frame: object) -> None:
        if self.received is not None:
            return  # a second Ctrl+C while closing: the close is already on its way
        self.received = signal.Signals(signum).name
        print(f"dispense-app: {INTERRUPTED.format(name=self.received)}", file=self._err, flush=True)
        self._quit()
