"""Application-wide capture of keyboard-wedge scans, wherever the keyboard focus is.

:class:`WedgeCapture` is an event filter on the QApplication. Every key event bound for a widget
goes to the pure :class:`scanner.wedge.WedgeAssembler` first and is held: a scanner burst (fast
keystrokes) becomes one :class:`~scanner.scan_event.ScanEvent` emitted by :attr:`scanned` and
never reaches the focused widget, so a scan cannot land in a text field by accident; keystrokes
that turn out to be a person typing are replayed, unchanged and in order, to the widget they were
meant for. The hold is short (``max_gap_ms``, 30 ms by default) and ends either when the next key
event's timestamp decides it or when a QTimer fires; nothing ever sleeps.

While keystrokes are held, ShortcutOverride events are accepted so that a scanner's Ctrl+] or a
letter can never trigger a shortcut. Key events with no timestamp (made by program code, e.g.
QTest.keyClicks or an on-screen keypad) pass untouched unless ``capture_synthetic`` is set.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from scanner.wedge import KeyEvent, Output, Replay, Scan, WedgeAssembler, WedgeConfig

_KEY_TYPES = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)


def _monotonic_ms() -> float:
    return time.monotonic() * 1000.0


def _copy(event: QKeyEvent) -> QKeyEvent:
    """A copy of a key event that Python owns and frees. ``QKeyEvent.clone()``'s copy is owned by
    neither side: about 100 bytes stayed behind for every key of every scan, the counter window's
    memory growing all day (issue 22)."""
    copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.nativeScanCode(), event.nativeVirtualKey(),
                     event.nativeModifiers(), event.text(), event.isAutoRepeat(), event.count())
    copy.setTimestamp(event.timestamp())
    return copy


class WedgeCapture(QObject):
    """Routes scanner bursts to the assembler; lets human typing through untouched."""

    scanned = Signal(object)  # scanner.scan_event.ScanEvent
    replayed = Signal(int)  # number of human key events delivered after a hold

    def __init__(self, config: WedgeConfig | None = None, *, clock: Callable[[], float] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.assembler = WedgeAssembler(config)
        self._clock = clock or _monotonic_ms
        self._held: dict[int, tuple[QKeyEvent, QWidget]] = {}
        self._replaying = False
        self._installed_on: QCoreApplication | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # The timer only ends a burst that no further key event decides. It waits longer than the
        # gap itself so that a busy event loop delivering a burst's queued keys late does not cut a
        # scan in two (decisions between events use the events' own timestamps).
        gap = self.assembler.config.max_gap_ms
        self._timer.setInterval(int(max(2 * gap, gap + 20)))
        self._timer.timeout.connect(self._on_timeout)
        self.enabled = True
        #: also examine key events without a timestamp (made by program code); off by default so
        #: that QTest.keyClicks and on-screen keypads type normally
        self.capture_synthetic = False

    def reconfigure(self, config: WedgeConfig) -> None:
        """New timing and suffix (from the settings), from the next key on; a burst in progress is
        decided first under the old ones."""
        self._timer.stop()
        self._flush(self.assembler.timeout())
        self._held.clear()
        self.assembler = WedgeAssembler(config)
        gap = config.max_gap_ms
        self._timer.setInterval(int(max(2 * gap, gap + 20)))

    # -- installation --------------------------------------------------------------------------
    def install(self, app: QCoreApplication | None = None) -> None:
        target = app or QCoreApplication.instance()
        if target is None:
            raise RuntimeError("no QApplication")
        target.installEventFilter(self)
        self._installed_on = target

    def uninstall(self) -> None:
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None
        self._flush(self.assembler.timeout())

    # -- the filter ----------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # every event of the application passes here: anything but a key event leaves at once, before
        # event.type() (each call builds a Python enum object; tens of events per scan; issue 22).
        # ShortcutOverride is a QKeyEvent too.
        if self._replaying or not self.enabled or not isinstance(event, QKeyEvent):
            return False
        etype = event.type()
        if etype == QEvent.Type.ShortcutOverride and self.assembler.holding:
            event.accept()
            return True
        if etype not in _KEY_TYPES or not isinstance(obj, QWidget):
            return False
        if event.isAutoRepeat() and not self.assembler.scanning:
            # a key held down by a person (scanners never auto-repeat): deliver what is held, then it
            self._flush(self.assembler.timeout())
            self._timer.stop()
            self._held.clear()
            return False
        stamp = float(event.timestamp())
        if stamp == 0:
            # Key events from a device always carry the window system's timestamp; 0 means the
            # event was made by program code (QTest, an on-screen keypad): not a scanner.
            if not self.capture_synthetic:
                return False
            stamp = self._clock()
        key_event = KeyEvent(event.text(), int(event.key()), int(event.modifiers().value), stamp,
                             press=etype == QEvent.Type.KeyPress)
        self._held[id(key_event)] = (_copy(event), obj)
        outputs = self.assembler.feed(key_event)
        self._flush(outputs)
        # keep the copies of events the assembler still holds, drop the rest
        if self.assembler.holding:
            self._timer.start()
        else:
            self._timer.stop()
            self._held.clear()
        return True

    # -- results -------------------------------------------------------------------------------
    def _on_timeout(self) -> None:
        self._flush(self.assembler.timeout())
        if not self.assembler.holding:
            self._held.clear()

    def _flush(self, outputs: list[Output]) -> None:
        for out in outputs:
            if isinstance(out, Replay):
                self._replay(out)
            elif isinstance(out, Scan):
                self.scanned.emit(out.event)

    def _replay(self, replay: Replay) -> None:
        count = 0
        self._replaying = True
        try:
            for ev in replay.events:
                held = self._held.pop(id(ev), None)
                if held is None:
                    continue
                qevent, widget = held
                target = widget if shiboken6.isValid(widget) else QApplication.focusWidget()
                if target is None:
                    continue
                QCoreApplication.sendEvent(target, qevent)
                count += 1
        finally:
            self._replaying = False
        if count:
            self.replayed.emit(count)
