"""The counter window's Reports menu: the Recalls view (Ctrl+Shift+R) and the Statistics view
(Ctrl+Shift+T), each its own window, made on first use (:class:`~dispense_app.ui.sub_windows.SubWindows`).

The counter window calls :func:`install` once; everything else lives here, so the window's own
module only gains that one call. The views get a
:class:`~dispense_app.station.reports.StationReports` on the counter session's station and lock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

if TYPE_CHECKING:
    from dispense_app.ui.recalls_view import RecallsView
    from dispense_app.ui.stats_view import StatsView

translate = QCoreApplication.translate
RECALLS_KEY = "Ctrl+Shift+R"
STATS_KEY = "Ctrl+Shift+T"


class ReportsMenu(QObject):
    """The Reports menu in the window's menu bar, the two shortcuts and the two windows."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.recalls_window: RecallsView | None = None
        self.stats_window: StatsView | None = None
        self._source: Any = None
        self.menu = QMenu(window)
        self.menu.setObjectName("reportsMenu")
        self.recalls_action = QAction(self.menu)
        self.recalls_action.triggered.connect(self.open_recalls)
        self.stats_action = QAction(self.menu)
        self.stats_action.triggered.connect(self.open_stats)
        self.menu.addAction(self.recalls_action)
        self.menu.addAction(self.stats_action)
        bar = window.menuBar()
        bar.addMenu(self.menu)
        self._more = bar.findChild(QToolButton, "qt_menubar_ext_button")  # Qt's own overflow button
        for key, action in ((RECALLS_KEY, self.recalls_action), (STATS_KEY, self.stats_action)):
            action.setShortcut(QKeySequence(key))  # shown in the menu beside the entry
            window.addAction(action)  # the key works while the menu is closed
        window.dialogs.windows.on_retranslate(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.menu.setTitle(translate("ReportsMenu", "&Reports"))
        if self._more is not None:
            self._more.setAccessibleName(translate("ReportsMenu", "More menus"))
        self.recalls_action.setText(translate("ReportsMenu", "Re&calls…"))
        self.stats_action.setText(translate("ReportsMenu", "&Statistics…"))

    def source(self) -> Any:
        if self._source is None:
            from dispense_app.station.reports import StationReports

            session = self.window.presenter.session
            self._source = StationReports(session.station, actor=session.alerts.actor, lock=session.lock)
        return self._source

    def open_recalls(self) -> RecallsView | None:
        dialogs = self.window.dialogs
        if dialogs.runner.closed:
            return self.recalls_window

        def make() -> RecallsView:
            from dispense_app.ui.recalls_view import RecallsView

            return RecallsView(self.source(), dialogs.runner, dialogs.host)

        view: RecallsView = dialogs.windows.show(self.recalls_window, make, size=(1200, 720),
                                                 retranslate=lambda w: w.retranslate())
        self.recalls_window = view
        view.refresh()
        return view

    def open_stats(self) -> StatsView | None:
        dialogs = self.window.dialogs
        if dialogs.runner.closed:
            return self.stats_window

        def make() -> StatsView:
            from dispense_app.ui.stats_view import StatsView

            return StatsView(self.source(), dialogs.runner, dialogs.host)

        view: StatsView = dialogs.windows.show(self.stats_window, make, size=(1280, 860),
                                               retranslate=lambda w: w.retranslate())
        self.stats_window = view
        view.refresh()
        return view


def install(window: QWidget) -> ReportsMenu:
    """Add the Reports menu to a counter window (called once, after its status bar is built)."""
    menu = ReportsMenu(window)
    window.reports_menu = menu  # type: ignore[attr-defined]
    return menu
