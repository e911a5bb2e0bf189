"""The counter window's own windows and dialogs (alerts, adherence, settings, calibration, camera,
About, sign-in): each is made on first use, then shown again and brought to the front.

One place for "create or raise", so every sub-window behaves the same: made with the counter window
as its parent (it closes with it and follows its language), a window of its own at its opening size,
and raised above the counter window whenever it is asked for again. A window of its own closes with
Esc or Ctrl+W (and the platform's Close key, Ctrl+F4 on Windows), exactly as its title bar's close
button does. Dialogs close with Esc already (Qt's own). Windows and dialogs alike show which button
has the keyboard focus (:func:`mark_focus`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QDialog, QWidget

from dispense_app.ui import palette

W = TypeVar("W", bound=QWidget)


class SubWindows:
    """Create-or-raise for the sub-windows of one parent window; remembers how to retranslate them."""

    def __init__(self) -> None:
        self._retranslate: list[Callable[[], None]] = []

    def made(
        self,
        current: W | None,
        make: Callable[[], W],
        *,
        size: tuple[int, int] | None = None,
        retranslate: Callable[[W], None] | None = None,
    ) -> W:
        """``current``, or (the first time) what ``make()`` returns, not shown yet; keep the result.

        ``size``: a top-level window of its own at this opening size (else a dialog of the parent).
        ``retranslate(window)`` runs whenever the language changes.
        """
        if current is not None:
            return current
        window = make()
        if size is not None:
            window.setWindowFlag(Qt.WindowType.Window, True)
            window.resize(*size)
            add_close_keys(window)
        mark_focus(window)
        if retranslate is not None:
            self._retranslate.append(lambda: retranslate(window))
        return window

    def show(
        self,
        current: W | None,
        make: Callable[[], W],
        *,
        size: tuple[int, int] | None = None,
        retranslate: Callable[[W], None] | None = None,
        activate: bool = True,
    ) -> W:
        """:meth:`made`, then shown and raised (and given the focus unless ``activate`` is False). A
        dialog without a ``size`` is shown window-modal with ``open()``."""
        window = self.made(current, make, size=size, retranslate=retranslate)
        if size is None and isinstance(window, QDialog):
            if not window.isVisible():
                window.open()
        else:
            window.show()
        window.raise_()
        if activate:
            window.activateWindow()
        return window

    def on_retranslate(self, again: Callable[[], None]) -> None:
        """Run ``again`` too whenever the language changes (for parts made outside :meth:`made`)."""
        self._retranslate.append(again)

    def retranslate(self) -> None:
        """Set every text of the sub-windows made so far again (after the language changed)."""
        for again in self._retranslate:
            again()


def close_keys() -> list[QKeySequence]:
    """Esc, Ctrl+W and the platform's own Close keys, each once."""
    keys = [QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W")]
    for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Close):
        if key not in keys:
            keys.append(key)
    return keys


def add_close_keys(window: QWidget) -> QShortcut:
    """Esc and Ctrl+W close ``window`` (a window of its own), as its close button does."""
    shortcut = QShortcut(window)
    shortcut.setObjectName("closeWindowShortcut")
    shortcut.setKeys(close_keys())
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(window.close)
    return shortcut


def mark_focus(root: QWidget) -> None:
    """Give every button under ``root`` the focus frame of :data:`palette.FOCUS_STYLE`.

    Set on each button, never on a window: a style sheet on a window or dialog stops the fonts set
    with ``setFont`` from reaching its children (Qt disables font propagation under style sheets), so
    the counter's 14-point questions came out at 9 points. Call it again for buttons added later.
    """
    for button in root.findChildren(QAbstractButton):
        if palette.FOCUS_STYLE not in button.styleSheet():
            button.setStyleSheet(palette.FOCUS_STYLE + button.styleSheet())
