"""The Recalls view: import a recall notice, see which patients received affected packs, mark each
contacted with a note, and write the contact list (CSV or PDF, audited).

All station work runs on the background runner through
:class:`~dispense_app.station.reports.StationReports`; the trace itself is
:mod:`dispense_app.station.recalls` (no Qt).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dispense_app.core.recall import RecallNotice, RecallScope, TraceResult
from dispense_app.station.recalls import ContactLine
from dispense_app.ui import palette
from dispense_app.ui.fonts import font
from dispense_app.ui.tasks import TaskError, TaskRunner

COLUMNS = 8


class RecallsView(QWidget):
    """Notice chooser and import, the trace's summary, the patients to contact, contact notes."""

    traced = Signal(object)  # (RecallNotice, TraceResult, list[ContactLine]) after it is shown
    failed = Signal(str)

    def __init__(self, source: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recallsView")
        self.source = source
        self.runner = runner
        self.notice: RecallNotice | None = None
        self.result: TraceResult | None = None
        self.lines: list[ContactLine] = []
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.setFont(font(13))
        self.notice_label = QLabel(self)
        self.notices = QComboBox(self)
        self.notices.setMinimumWidth(320)
        self.notices.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.notices.activated.connect(lambda _i: self.show_notice())
        self.notice_label.setBuddy(self.notices)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(self.choose_notice_file)
        self.csv_button = QPushButton(self)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.pdf_button = QPushButton(self)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        top = QHBoxLayout()
        widgets: list[QWidget] = [self.notice_label, self.notices, self.import_button, self.csv_button,
                                  self.pdf_button]
        for i, w in enumerate(widgets):
            if i == 2:
                top.addStretch(1)
            top.addWidget(w)
        self.summary = QLabel(self)
        self.summary.setObjectName("recallSummary")
        self.summary.setWordWrap(True)
        self.summary.setFont(font(15, bold=True))
        self.scope = QLabel(self)
        self.scope.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setObjectName("recallTable")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.setWordWrap(True)  # a long contact note wraps instead of being cut off
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        self.note = QLineEdit(self)
        self.note.setMaxLength(500)
        self.note.returnPressed.connect(self.mark_contacted)
        self.contacted_button = QPushButton(self)
        self.contacted_button.clicked.connect(self.mark_contacted)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.contacted_button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.scope)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.message)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Recalls — who received the affected packs"))
        self.notice_label.setText(self.tr("&Notice:"))
        self.import_button.setText(self.tr("&Import notice…"))
        self.csv_button.setText(self.tr("Contact list &CSV…"))
        self.pdf_button.setText(self.tr("Contact list &PDF…"))
        self.note.setPlaceholderText(self.tr("Note on the call (what the patient was told, when the pack comes back)"))
        self.contacted_button.setText(self.tr("&Mark contacted"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Patient"), self.tr("Pack serial"), self.tr("Batch"), self.tr("Dispensed"), self.tr("Status"),
            self.tr("Counter"), self.tr("Contacted"), self.tr("Note"),
        ])
        self._show_summary()
        self._update_buttons()

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        """Read the notices again (and show the first, or the one shown before)."""
        self.runner.submit(self.source.notices, on_result=self._notices_loaded, on_error=self._failed,
                           name="recall notices")

    def _notices_loaded(self, rows: list[Any]) -> None:
        keep = self.notices.currentData()
        self.notices.clear()
        for row in rows:
            self.notices.addItem(f"{row.notice_id} — {row.reason or ''}".rstrip(" —"), row.notice_id)
        index = self.notices.findData(keep) if keep else 0
        self.notices.setCurrentIndex(max(index, 0))
        if rows:
            self.show_notice()
        else:
            self.summary.setText(self.tr("No recall notice imported yet: import the notice the authority sent."))
        self._update_buttons()

    def show_notice(self, notice_id: str | None = None) -> None:
        nid = notice_id or self.notices.currentData()
        if nid:
            self.runner.submit(self.source.trace, nid, on_result=self._traced, on_error=self._failed,
                               name="recall trace")

    def _traced(self, found: tuple[RecallNotice, TraceResult, list[ContactLine]]) -> None:
        self.notice, self.result, self.lines = found
        self._fill_table()
        self._show_summary()
        self._update_buttons()
        self.traced.emit(found)

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.lines))
        for r, line in enumerate(self.lines):
            p, c = line.pack, line.contact
            status = {"dispensed": self.tr("dispensed"), "queued": self.tr("dispensed (hub not told yet)")}.get(
                p.status, p.status)
            values = (line.name or p.patient or self.tr("(no patient reference)"), p.serial, p.lot or "",
                      (p.dispensed_at or "")[:10], status, p.counter or "",
                      (c.contacted_at[:10] + (f" {c.contacted_by}" if c.contacted_by else ""))
                      if c else self.tr("not yet"), c.note if c else "")
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if col == 6 and c is None:
                    item.setForeground(QColor(palette.STOP))
                self.table.setItem(r, col, item)

    def _show_summary(self) -> None:
        if self.notice is None or self.result is None:
            return
        s = self.result.summary()
        self.summary.setText(self.tr(
            "{dispensed} affected pack(s) dispensed to {patients} patient(s), {queued} waiting to be sent; "
            "{checked} checked and still in the pharmacy, {returned} returned."
        ).format(**s))
        scope = "; ".join(self.tr("{gtin} · batch {lot}: {scope}").format(gtin=g, lot=lot, scope=self._scope(sc))
                          for (g, lot), sc in sorted(self.notice.batches.items()))
        self.scope.setText(self.tr("Notice {notice} ({reason}). Scope: {scope}. Packs of the batch seen here that "
                                   "the notice does not cover: {spared}.").format(
            notice=self.notice.notice_id, reason=self.notice.reason or "—", scope=scope, spared=s["not_affected"]))

    def _scope(self, scope: RecallScope) -> str:
        parts = [self.tr("whole batch")] if scope.whole_batch else []
        if scope.serials:
            parts.append(self.tr("{n} serial(s)").format(n=len(scope.serials)))
        parts += [f"{lo}..{hi}" for lo, hi in scope.ranges]
        if scope.exclude:
            parts.append(self.tr("{n} excluded").format(n=len(scope.exclude)))
        return ", ".join(parts)

    def _update_buttons(self) -> None:
        has = self.notice is not None
        self.csv_button.setEnabled(has)
        self.pdf_button.setEnabled(has)
        self.contacted_button.setEnabled(has and bool(self.table.selectedItems()))

    # ------------------------------------------------------------------ actions
    @Slot()
    def choose_notice_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import recall notice"), "",
                                              self.tr("Recall notice (*.csv)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        self.runner.submit(self.source.import_notice, path, on_result=self._imported, on_error=self._failed,
                           name="recall import")

    def _imported(self, notices: list[RecallNotice]) -> None:
        self.message.setText(self.tr("Imported {count} notice(s).").format(count=len(notices)))
        if notices:
            self.notices.clear()
            self.notices.addItem(notices[0].notice_id, notices[0].notice_id)
        self.refresh()

    @Slot()
    def mark_contacted(self) -> None:
        row = self.table.currentRow()
        if self.notice is None or not 0 <= row < len(self.lines):
            return
        did = self.lines[row].pack.dispense_id or ""
        self.runner.submit(self.source.mark_contacted, self.notice.notice_id, did, self.note.text().strip(),
                           on_result=lambda _c: self._after_contact(), on_error=self._failed, name="recall contact")

    def _after_contact(self) -> None:
        self.note.clear()
        self.show_notice(self.notice.notice_id if self.notice else None)

    def export(self, fmt: str, path: str | None = None) -> None:
        if self.notice is None:
            return
        if path is None:
            pattern = self.tr("CSV (*.csv)") if fmt == "csv" else self.tr("PDF (*.pdf)")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save contact list"),
                                                  f"recall-{self.notice.notice_id}.{fmt}", pattern)
        if path:
            self.runner.submit(self.source.export_contacts, self.notice.notice_id, fmt, path,
                               on_result=lambda s: self.message.setText(
                                   self.tr("Wrote {rows} line(s) to {path}.").format(rows=s.rows, path=s.path)),
                               on_error=self._failed, name="recall contact list")

    def _failed(self, error: TaskError) -> None:
        text = error.message or str(error)
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {palette.STOP};")
        self.failed.emit(text)


__all__ = ["RecallsView"]
