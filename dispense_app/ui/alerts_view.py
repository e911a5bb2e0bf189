"""The alerts view for support staff: filter, read every field, change status, comment, export.

All station work (search, status change, comment, export) runs on the background runner through an
:class:`~dispense_app.ui.viewmodel.AlertsSource`; the view only renders. Filters are typed as text
(dates ``YYYY-MM-DD``) and checked by :class:`~dispense_app.export.filters.AlertQuery`, so the view,
the command line and the exports select alerts the same way.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QShowEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dispense_app.core.alerts import AlertCause, AlertRecord, AlertStatus
from dispense_app.ui import palette
from dispense_app.ui.alert_detail import alert_text, detail_text
from dispense_app.ui.fonts import font
from dispense_app.ui.tasks import TaskError, TaskRunner
from dispense_app.ui.viewmodel import AlertsSource

FORMATS = (("csv", "CSV"), ("jsonl", "JSON Lines"), ("pdf", "PDF"))


class AlertsView(QWidget):
    """Filter bar, list of alerts, detail pane with status/comment actions, export."""

    searched = Signal(int)  # number of alerts listed
    changed = Signal(object)  # the AlertRecord after a status change or comment
    exported = Signal(object)  # the ExportSummary
    export_cancelled = Signal()
    export_progressed = Signal(int)  # rows written so far (on the UI thread)
    _export_progress = Signal(int)  # emitted on the export worker, delivered (queued) on the UI thread
    failed = Signal(str)  # a message shown to the user
    permissions_applied = Signal()  # the signed-in operator's permissions were read and applied

    # time, status, product, serial, reason, operator; the return code (for support) is in the reason's
    # tooltip, the detail pane and the filter: as a column it took the room the reason needs
    COLUMNS = 6
    PRODUCT_COLUMN = 2
    SERIAL_COLUMN = 3
    REASON_COLUMN = 4
    PAGE_ROWS = 200  # alerts read at a time; the next page when the table is scrolled to its end

    def __init__(self, source: AlertsSource, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertsView")
        self.source = source
        self.runner = runner
        self.records: list[AlertRecord] = []
        self.current: AlertRecord | None = None
        self.product_names: dict[str, str] = {}  # product code -> name, as the station knows them
        self._query: Any = None  # the search shown (its next page is read with it)
        self._total = 0  # how many alerts match it in all
        self._fetching = False
        self._search_id = 0
        # what the signed-in operator may do (None: anyone may); read on a worker when the view is
        #: shown or activated (someone may have signed in at the counter meanwhile)
        self.allowed: tuple[str, ...] | None = None
        self._build()
        self.retranslate()
        self._update_actions()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.setFont(font(13))
        filters = self._build_filters()
        self.message = QLabel(self)
        self.message.setObjectName("alertsMessage")
        self.message.setWordWrap(True)
        self._build_table()
        # the list over the details: the list gets the window's whole width, so the reason column
        # is not squeezed to a few characters beside a detail pane
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([380, 260])
        export_row = self._build_export()
        from dispense_app.ui.signals_panel import SignalsPanel  # counterfeit signals (issue 21)

        self.signals_panel = SignalsPanel(self)
        self.signals_panel.alert_chosen.connect(self.select)
        root = QVBoxLayout(self)
        root.addLayout(filters)
        root.addWidget(self.message)
        root.addWidget(splitter, 1)
        root.addWidget(self.signals_panel)
        root.addLayout(export_row)
        self._refresh_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        self._refresh_shortcut.activated.connect(self.search)

    def _build_filters(self) -> QHBoxLayout:
        """The search row: from, until, status, return code, operator, Search."""
        self.since = QLineEdit(self)
        self.until = QLineEdit(self)
        self.status = QComboBox(self)
        self.return_code = QLineEdit(self)
        self.operator = QLineEdit(self)
        self.search_button = QPushButton(self)
        for edit in (self.since, self.until, self.return_code, self.operator):
            edit.setMaxLength(40)
            edit.returnPressed.connect(self.search)
        for edit in (self.since, self.until):
            edit.setPlaceholderText("YYYY-MM-DD")
        self.search_button.clicked.connect(self.search)
        filters = QHBoxLayout()
        self.filter_labels: dict[str, QLabel] = {}
        for name, widget in (
            ("since", self.since),
            ("until", self.until),
            ("status", self.status),
            ("return_code", self.return_code),
            ("operator", self.operator),
        ):
            label = QLabel(self)
            label.setBuddy(widget)
            self.filter_labels[name] = label
            filters.addWidget(label)
            filters.addWidget(widget, 1)
        filters.addWidget(self.search_button)
        return filters

    def _build_table(self) -> None:
        """One line per alert; the reason in full is in the detail pane."""
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("alertsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setCornerButtonEnabled(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the reason gets the room; the product name is kept to a sensible width (full name: tooltip)
        header.setSectionResizeMode(self.PRODUCT_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.REASON_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)  # one line per alert; the reason in full is in the detail pane
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.itemSelectionChanged.connect(self._on_select)
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)

    def _build_detail(self) -> QWidget:
        """The selected alert in full, and its follow-up: status, cause, comment."""
        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("alertDetail")
        self.detail.setReadOnly(True)
        self.detail.setFont(font(12, mono=True))
        self.new_status = QComboBox(self)
        self.cause = QComboBox(self)
        self.comment_text = QLineEdit(self)
        self.comment_text.setMaxLength(4000)
        self.save_status = QPushButton(self)
        self.add_comment = QPushButton(self)
        self.save_status.clicked.connect(self.apply_status)
        self.add_comment.clicked.connect(self.apply_comment)
        actions = QFormLayout()
        self.action_labels = {"status": QLabel(self), "cause": QLabel(self), "comment": QLabel(self)}
        actions.addRow(self.action_labels["status"], self.new_status)
        actions.addRow(self.action_labels["cause"], self.cause)
        actions.addRow(self.action_labels["comment"], self.comment_text)
        for key, widget in (("status", self.new_status), ("cause", self.cause), ("comment", self.comment_text)):
            self.action_labels[key].setBuddy(widget)
        self.copy_fields = QPushButton(self)
        self.copy_fields.setObjectName("copyAlertFields")
        self.copy_fields.clicked.connect(self.copy_all_fields)
        action_buttons = QHBoxLayout()
        action_buttons.addWidget(self.save_status)
        action_buttons.addWidget(self.add_comment)
        action_buttons.addStretch(1)
        action_buttons.addWidget(self.copy_fields)
        # the details on the left, the follow-up (status, cause, comment) beside them
        follow_up = QVBoxLayout()
        follow_up.addLayout(actions)
        follow_up.addLayout(action_buttons)
        follow_up.addStretch(1)
        below = QWidget(self)
        below_layout = QHBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.detail, 3)
        below_layout.addLayout(follow_up, 2)
        return below

    def _build_export(self) -> QHBoxLayout:
        """The export row: rows written, progress, Cancel, format, Export."""
        self.export_format = QComboBox(self)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.choose_export_file)
        self.export_progress = QProgressBar(self)
        self.export_progress.setObjectName("exportProgress")
        self.export_progress.setRange(0, 0)  # busy: the row count is known only at the end
        self.export_progress.setMaximumWidth(220)
        self.export_progress.setVisible(False)
        self.export_rows = QLabel(self)
        self.cancel_export_button = QPushButton(self)
        self.cancel_export_button.setObjectName("cancelExportButton")
        self.cancel_export_button.setVisible(False)
        self.cancel_export_button.clicked.connect(self.cancel_export)
        self._cancel = threading.Event()
        self.exporting = False
        self._export_progress.connect(self._on_export_progress)
        export_row = QHBoxLayout()
        export_row.addStretch(1)
        export_row.addWidget(self.export_rows)
        export_row.addWidget(self.export_progress)
        export_row.addWidget(self.cancel_export_button)
        export_row.addWidget(self.export_format)
        export_row.addWidget(self.export_button)
        return export_row

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("dispense-app — alerts"))
        self.signals_panel.retranslate()
        texts = {
            "since": self.tr("From"),
            "until": self.tr("To"),
            "status": self.tr("Status"),
            "return_code": self.tr("Return code"),
            "operator": self.tr("Operator"),
        }
        for name, text in texts.items():
            self.filter_labels[name].setText(text + ":")
        self.search_button.setText(self.tr("Search (F5)"))
        self.return_code.setPlaceholderText("NMVS_NC_PC_02")
        self._fill(self.status, [("", self.tr("all"))] + [(s.value, self.status_word(s)) for s in AlertStatus])
        self._fill(self.new_status, [(s.value, self.status_word(s)) for s in AlertStatus])
        self._fill(self.cause, [("", self.tr("(no cause)"))] + [(c.value, self.cause_word(c)) for c in AlertCause])
        self._fill(self.export_format, [(value, label) for value, label in FORMATS])
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Status"),
                self.tr("Product"),
                self.tr("Serial"),
                self.tr("Reason"),
                self.tr("Operator"),
            ]
        )
        self.table.setAccessibleName(self.tr("Alerts"))
        corner = self.table.findChild(QAbstractButton, "qt_tableview_cornerbutton")
        if corner is not None:
            corner.setAccessibleName(self.tr("Select all rows"))
        self.detail.setAccessibleName(self.tr("Every field of the selected alert"))
        self.action_labels["status"].setText(self.tr("New status") + ":")
        self.action_labels["cause"].setText(self.tr("Cause (to close)") + ":")
        self.action_labels["comment"].setText(self.tr("Comment") + ":")
        self.save_status.setText(self.tr("Save status"))
        self.copy_fields.setText(self.tr("Copy all fields"))
        self.copy_fields.setToolTip(self.tr("Every field of the alert by its record name, for a support ticket"))
        self.add_comment.setText(self.tr("Add comment"))
        self.export_button.setText(self.tr("Export…"))
        self.cancel_export_button.setText(self.tr("Cancel export"))
        self.export_progress.setAccessibleName(self.tr("Export progress"))
        self.export_button.setAccessibleName(self.tr("Export the listed alerts to a file"))

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.clear()
        for value, label in items:
            combo.addItem(label, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))

    def status_word(self, status: AlertStatus) -> str:
        return {
            AlertStatus.NEW: self.tr("new"),
            AlertStatus.INVESTIGATING: self.tr("investigating"),
            AlertStatus.CLOSED: self.tr("closed"),
        }[status]

    def cause_word(self, cause: AlertCause) -> str:
        return {
            AlertCause.SCANNER_SETUP: self.tr("scanner set-up"),
            AlertCause.USER_ERROR: self.tr("user error"),
            AlertCause.DOUBLE_DECOMMISSION: self.tr("double decommission"),
            AlertCause.DATA_ERROR: self.tr("data error"),
            AlertCause.SUSPECTED_FALSIFICATION: self.tr("suspected falsification"),
        }[cause]

    # ------------------------------------------------------------------ search
    def query(self) -> Any:
        """The filter as an AlertQuery (raises FilterError with a message naming the field)."""
        from dispense_app.export.filters import AlertQuery

        def text(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        return AlertQuery.parse(
            since=text(self.since),
            until=text(self.until),
            status=self.status.currentData() or None,
            return_code=text(self.return_code),
            operator=text(self.operator),
        )

    @Slot()
    def search(self) -> None:
        from dispense_app.export.filters import FilterError

        try:
            query = self.query()
        except FilterError as exc:
            self._fail(str(exc))
            return
        self.message.setText(self.tr("Searching…"))
        self._query, self._total, self._fetching = query, 0, True
        self._search_id += 1
        self.runner.submit(self._page_with_names, query, 0, on_result=self._show_found, on_error=self._on_error,
                           name="alerts")
        self.signals_panel.refresh(self.runner, self.source)

    def _page_with_names(self, query: Any, offset: int) -> tuple[list[AlertRecord], int, dict[str, str]]:
        """Worker: a page of the search (the first, or the next as the table is scrolled to its end)
        and the names of its products. Never the whole history: with 100,000 alerts the view read
        every one of them before it showed anything (issue 22)."""
        page = self.source.search_page(query, offset=offset, limit=self.PAGE_ROWS)
        return page.records, page.total, self.source.product_names(page.records)

    def _show_found(self, found: tuple[list[AlertRecord], int, dict[str, str]]) -> None:
        records, self._total, self.product_names = found
        self._fetching = False
        self._show(records)

    @property
    def more(self) -> bool:
        """More alerts match than the table shows (the next page comes when it is scrolled down)."""
        return len(self.records) < self._total

    def fetch_more(self) -> None:
        """The next page of the search, appended to the table (one request at a time)."""
        if self._fetching or not self.more or self._query is None or self.runner.closed:
            return
        self._fetching = True
        search_id = self._search_id

        def appended(found: tuple[list[AlertRecord], int, dict[str, str]]) -> None:
            self._fetching = False
            if search_id != self._search_id:  # a new search started meanwhile: this page is stale
                return
            records, self._total, names = found
            self.product_names.update(names)
            self._append(records)

        def failed(error: TaskError) -> None:
            self._fetching = False
            self._on_error(error)

        self.runner.submit(self._page_with_names, self._query, len(self.records), on_result=appended,
                           on_error=failed, name="alerts-page")

    def _scrolled(self, value: int) -> None:
        bar = self.table.verticalScrollBar()
        if value >= bar.maximum() - 2:
            self.fetch_more()

    def _append(self, records: list[AlertRecord]) -> None:
        start = len(self.records)
        self.records = self.records + records
        self.table.setRowCount(len(self.records))
        self._fill_rows(start, records)
        self._say_count()
        self.searched.emit(len(self.records))

    def _say_count(self) -> None:
        if self.more:
            self.message.setText(self.tr("{shown} of {n} alerts (newest first; scroll down for more)").format(
                shown=len(self.records), n=self._total))
        else:
            self.message.setText(self.tr("{n} alerts (newest first)").format(n=len(self.records)))
        self.message.setStyleSheet("")

    def _show(self, records: list[AlertRecord]) -> None:
        selected = self.current.alert_id if self.current else None
        self.records = records
        # emptied first: replacing the items of a filled table made every setItem size its column
        # over all the rows again (O(rows²): 6 s for a page of 200; issue 22)
        self.table.setRowCount(0)
        self.table.setRowCount(len(records))
        self._fill_rows(0, records)
        if records:
            self.table.setColumnWidth(self.PRODUCT_COLUMN, min(self.table.sizeHintForColumn(self.PRODUCT_COLUMN),
                                                               240))
        self._say_count()
        if selected is None or not self.select(selected):
            self.table.clearSelection()
        self._on_select()  # the record may have changed even if the selected row did not
        self.searched.emit(len(records))

    def _fill_rows(self, start: int, records: list[AlertRecord]) -> None:
        for row, rec in enumerate(records, start):
            code = rec.gtin or rec.ppn or rec.pzn or ""
            cells = [
                rec.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                self.status_word(rec.status),
                self.product_names.get(code, code),
                rec.serial or "",
                rec.reason,
                rec.operator or "",
            ]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, rec.alert_id)
                if col == self.PRODUCT_COLUMN:
                    item.setToolTip(value)  # elided in the table when the window is narrow
                elif col == self.REASON_COLUMN:
                    item.setToolTip(f"{value}\n{rec.return_code}" if rec.return_code else value)
                self.table.setItem(row, col, item)

    def select(self, alert_id: str) -> bool:
        for row, rec in enumerate(self.records):
            if rec.alert_id == alert_id:
                self.table.selectRow(row)
                return True
        return False

    def _on_select(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.current = self.records[rows[0].row()] if rows else None
        rec = self.current
        if rec is None:
            self.detail.setPlainText("")
        else:
            status = self.status_word(rec.status) + (f" — {self.cause_word(rec.cause)}" if rec.cause else "")
            code = rec.gtin or rec.ppn or rec.pzn or ""
            self.detail.setPlainText(detail_text(rec, status, self.product_names.get(code)))
        self._update_actions()

    def may(self, action: str) -> bool:
        return self.allowed is None or action in self.allowed

    def _update_actions(self) -> None:
        """Enable what the selection and the signed-in operator's role allow; say why the rest is off."""
        has = self.current is not None
        follow_up, close, export = self.may("alert-follow-up"), self.may("alert-close"), self.may("export")
        why_not = self.tr("The signed-in operator may not follow up alerts (at the counter: Ctrl+L, sign in).")
        for widget in (self.new_status, self.cause, self.comment_text, self.save_status, self.add_comment):
            widget.setEnabled(has and follow_up)
            widget.setToolTip("" if follow_up else why_not)
        model = self.new_status.model()
        if isinstance(model, QStandardItemModel):
            item = model.item(self.new_status.findData(AlertStatus.CLOSED.value))
            if item is not None:  # only a pharmacist closes an alert: listed, greyed out, for the others
                item.setEnabled(close)
        if not close and self.new_status.currentData() == AlertStatus.CLOSED.value:
            self.new_status.setCurrentIndex(self.new_status.findData(AlertStatus.INVESTIGATING.value))
        self.export_button.setEnabled(export and not self.exporting)
        self.export_button.setToolTip("" if export else self.tr("The signed-in operator may not export alerts."))

    def refresh_permissions(self) -> None:
        """Read the signed-in operator's permissions on a worker, then update the actions."""
        self.runner.submit(self.source.permissions, on_result=self._apply_permissions, on_error=self._on_error,
                           name="alerts-permissions")

    def _apply_permissions(self, allowed: tuple[str, ...] | None) -> None:
        self.allowed = allowed
        self._update_actions()
        self.permissions_applied.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_permissions()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.refresh_permissions()

    # ------------------------------------------------------------------ changes
    @Slot()
    def apply_status(self) -> None:
        if self.current is None:
            return
        args = (self.current.alert_id, self.new_status.currentData(), self.cause.currentData() or None,
                self.comment_text.text().strip() or None)
        self.runner.submit(self.source.set_status, *args, on_result=self._changed, on_error=self._on_error,
                           name="alert-status")

    @Slot()
    def apply_comment(self) -> None:
        text = self.comment_text.text().strip()
        if self.current is None or not text:
            return
        self.runner.submit(self.source.comment, self.current.alert_id, text, on_result=self._changed,
                           on_error=self._on_error, name="alert-comment")

    def _changed(self, rec: AlertRecord) -> None:
        self.comment_text.clear()
        for i, old in enumerate(self.records):
            if old.alert_id == rec.alert_id:
                self.records[i] = rec
        self.current = rec
        self._show(self.records)
        self.message.setText(self.tr("Alert for {serial} saved: {status}").format(
            serial=rec.serial or rec.gtin or rec.ppn or "—", status=self.status_word(rec.status)))
        self.changed.emit(rec)

    @Slot()
    def copy_all_fields(self) -> None:
        """Every field of the selected alert by its record name, to the clipboard (for support)."""
        if self.current is not None:
            QGuiApplication.clipboard().setText(alert_text(self.current))

    # ------------------------------------------------------------------ export
    @Slot()
    def choose_export_file(self) -> None:
        fmt = str(self.export_format.currentData())
        stamp = dt.date.today().isoformat()
        # start in the user's documents folder (it opened in the program's own folder)
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        start = str(Path(folder) / f"alerts-{stamp}.{fmt}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export alerts"), start)
        if path:
            self.export_to(path, fmt)

    def export_to(self, path: str, fmt: str) -> None:
        """Export the alerts the current filter selects (all of them, not only the listed ones)."""
        from dispense_app.export.filters import FilterError

        try:
            query = self.query()
        except FilterError as exc:
            self._fail(str(exc))
            return
        if self.exporting:
            return
        self.message.setText(self.tr("Exporting…"))
        self.message.setStyleSheet("")
        self._cancel = threading.Event()
        self._set_exporting(True)
        self.export_rows.setText("")
        cancel = self._cancel
        self.runner.submit(self.source.export, query, fmt, path, progress=self._export_progress.emit,
                           cancel=cancel.is_set, on_result=self._exported, on_error=self._export_failed,
                           name="alerts-export")

    def _set_exporting(self, running: bool) -> None:
        self.exporting = running
        self.export_progress.setVisible(running)
        self.cancel_export_button.setVisible(running)
        self.cancel_export_button.setEnabled(running)
        self.export_button.setEnabled(not running and self.may("export"))

    @Slot()
    def cancel_export(self) -> None:
        """Stop the running export; the writer removes the partial file."""
        if self.exporting:
            self._cancel.set()
            self.cancel_export_button.setEnabled(False)
            self.message.setText(self.tr("Cancelling the export…"))

    @Slot(int)
    def _on_export_progress(self, rows: int) -> None:
        self.export_rows.setText(self.tr("{rows} written").format(rows=rows))
        self.export_progressed.emit(rows)

    def _exported(self, summary: Any) -> None:
        self._set_exporting(False)
        self.export_rows.setText("")
        self.message.setText(self.tr("{rows} alerts written to {path}").format(rows=summary.rows, path=summary.path))
        self.exported.emit(summary)

    def _export_failed(self, error: TaskError) -> None:
        from dispense_app.export.base import ExportCancelled

        self._set_exporting(False)
        self.export_rows.setText("")
        if isinstance(error.exception, ExportCancelled):
            self.message.setText(self.tr("Export cancelled; no file was written."))
            self.message.setStyleSheet("")
            self.export_cancelled.emit()
            return
        self._on_error(error)

    # ------------------------------------------------------------------ errors
    def _on_error(self, error: TaskError) -> None:
        self._fail(error.for_user)

    def _fail(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(palette.ERROR_TEXT)
        self.failed.emit(text)
