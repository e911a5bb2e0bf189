"""The counter window's way to the Quarantine window (US DSCSA suspect product, issue 19): its
menu entry, and the quarantine source of the app's lazy presenter.

Kept apart from :mod:`dispense_app.ui.quarantine_view` so that the counter window's start does not
load the Quarantine window, its tables and the quarantine rules: they are loaded the first time the
window is opened (issue 22: the start of the counter window).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from dispense_app.ui.quarantine_view import QuarantineView


def install_menu(window: Any) -> QAction | None:
    """Tools > Quarantine (Ctrl+Shift+Q) in the menu bar of ``window`` (the counter window: its
    ``presenter``, ``runner`` and ``dialogs.windows``; not imported here, it imports this module),
    when its presenter has a quarantine source. Returns the action (tests trigger it)."""
    source = getattr(window.presenter, "quarantine", None)
    if source is None:
        return None
    menu = window.menuBar().addMenu(QCoreApplication.translate("QuarantineView", "&Tools"))
    action = QAction(QCoreApplication.translate("QuarantineView", "&Quarantine (suspect product)…"), window)
    action.setObjectName("quarantineAction")
    action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
    menu.addAction(action)
    window.quarantine_window = None

    def open_view() -> None:
        current = getattr(window, "quarantine_window", None)

        def make() -> QuarantineView:
            from dispense_app.ui.quarantine_view import QuarantineView

            return QuarantineView(source, window.runner, window)

        view = window.dialogs.windows.show(current, make, size=(1100, 760), retranslate=lambda w: w.retranslate())
        window.quarantine_window = view
        view.load()

    action.triggered.connect(open_view)
    return action


class LazyQuarantine:
    """The quarantine source of the app's lazy presenter (ui/app.py): the station is built on the
    first call of a method, on a worker; the clock is read on the UI thread and never builds it."""

    def __init__(self, lazy: Any) -> None:
        self._lazy = lazy

    def clock(self) -> dt.datetime:
        if self._lazy.built:
            return self._lazy.get().quarantine.clock()  # type: ignore[no-any-return]
        return dt.datetime.now(dt.UTC)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._lazy.get().quarantine, name)
