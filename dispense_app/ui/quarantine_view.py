"""The Quarantine window: suspect and illegitimate product (US DSCSA, 21 U.S.C. 360eee-1(d)).

It lists the station's quarantine records and, for the selected one, shows the investigation
guidance (verify at least 3 packs or 10 % of the suspect product on hand, counted as the user scans
them at the counter), the 24-hour clock of an illegitimate pack until it is marked submitted (with a
reminder line for every pack whose report is due within :data:`REMIND_WITHIN` or overdue), the
trading-partner notice, and the actions: record the count on hand and the trading partner, confirm
illegitimate, release, write the FDA Form 3911 draft, mark submitted.

Opened from the counter window's menu (Tools > Quarantine, Ctrl+Shift+Q), which
:func:`dispense_app.ui.quarantine_menu.install_menu` puts there. Everything that reads or writes the
store runs on the window's task runner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dispense_app.core.quarantine import MIN_CHECKS, QuarantineRecord, QuarantineStatus
from dispense_app.ui import palette
from dispense_app.ui.tasks import TaskError, TaskRunner

if TYPE_CHECKING:
    from dispense_app.station.quarantine import StationQuarantine

REMIND_WITHIN = dt.timedelta(hours=24)
"""Every illegitimate pack not yet submitted is reminded of (the whole 24 hours)."""
TICK_MS = 30_000


class QuarantineView(QWidget):
    """The records of one station (newest first) and the selected record's investigation."""

    loaded = Signal(object)  # list[QuarantineRecord], after the table shows them
    changed = Signal(object)  # QuarantineRecord, after a change was saved and shown
    form_written = Signal(str)  # the Form 3911 draft's path
    reminder_shown = Signal(str)  # the reminder line, each time it is shown (empty: none)
    failed = Signal(str)
    notice_shown = Signal(str)  # the trading-partner notice, after it is shown

    def __init__(self, source: StationQuarantine, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quarantineView")
        self.source = source
        self.runner = runner
        self.records: list[QuarantineRecord] = []
        self.current: QuarantineRecord | None = None
        self.ask_path: Callable[[str], str | None] = self._ask_path
        self._build()
        self.retranslate()
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        self.reminder = QLabel(self)
        self.reminder.setObjectName("quarantineReminder")
        self.reminder.setWordWrap(True)
        self.table = QTableWidget(0, 7, self)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._selected)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.guidance = QLabel(self)
        self.guidance.setObjectName("guidanceLabel")
        self.guidance.setWordWrap(True)
        self.clock = QLabel(self)
        self.clock.setObjectName("clockLabel")
        self.on_hand = QSpinBox(self)
        self.on_hand.setRange(0, 1_000_000)
        self.partner = QLineEdit(self)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save_details)
        self.form = QFormLayout()
        self.form.addRow("", self.on_hand)
        self.form.addRow("", self.partner)
        self.confirm_button, self.release_button = QPushButton(self), QPushButton(self)
        self.form_button, self.submitted_button = QPushButton(self), QPushButton(self)
        self.copy_button, self.refresh_button = QPushButton(self), QPushButton(self)
        for button, slot in (
            (self.confirm_button, self.confirm_illegitimate),
            (self.release_button, self.release),
            (self.form_button, self.write_form),
            (self.submitted_button, self.mark_submitted),
            (self.copy_button, self.copy_notice),
            (self.refresh_button, self.load),
        ):
            button.clicked.connect(slot)
        self.notice = QPlainTextEdit(self)
        self.notice.setReadOnly(True)
        self.notice.setObjectName("noticeText")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self._arrange()

    def _arrange(self) -> None:
        buttons = QHBoxLayout()
        for b in (self.save_button, self.confirm_button, self.release_button, self.form_button, self.submitted_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        notice_row = QHBoxLayout()
        notice_row.addStretch(1)
        notice_row.addWidget(self.copy_button)
        notice_row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        for widget in (self.reminder, self.table, self.title, self.guidance, self.clock):
            layout.addWidget(widget)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        layout.addLayout(notice_row)
        layout.addWidget(self.message)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("dispense-app — quarantine (US DSCSA suspect product)"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Record"), self.tr("Status"), self.tr("GTIN"), self.tr("Serial"), self.tr("Lot"),
             self.tr("Packs verified"), self.tr("Report due")]
        )  # fmt: skip
        label = self.form.labelForField(self.on_hand)
        if isinstance(label, QLabel):
            label.setText(self.tr("Suspect packs on hand"))
        label = self.form.labelForField(self.partner)
        if isinstance(label, QLabel):
            label.setText(self.tr("Received from (trading partner)"))
        self.save_button.setText(self.tr("Save count and partner"))
        self.confirm_button.setText(self.tr("Confirm illegitimate"))
        self.release_button.setText(self.tr("Release (cleared)"))
        self.form_button.setText(self.tr("FDA Form 3911 draft (PDF)…"))
        self.submitted_button.setText(self.tr("Mark submitted"))
        self.copy_button.setText(self.tr("Copy notice"))
        self.refresh_button.setText(self.tr("Refresh"))
        self._show_current()
        self.tick()

    # ----------------------------------------------------------------- texts
    def status_text(self, status: QuarantineStatus) -> str:
        return {
            QuarantineStatus.SUSPECT: self.tr("suspect"),
            QuarantineStatus.ILLEGITIMATE: self.tr("ILLEGITIMATE"),
            QuarantineStatus.SUBMITTED: self.tr("submitted"),
            QuarantineStatus.RELEASED: self.tr("released"),
        }[status]

    def guidance_text(self, rec: QuarantineRecord) -> str:
        need, done = rec.required, rec.checks_done
        if need > MIN_CHECKS:
            rule = self.tr("Verify at least {need} packs of this product and lot (10 % of {on_hand} on hand).")
        else:
            rule = self.tr("Verify at least {need} packs of this product and lot (3 packs, or 10 % of a larger stock).")
        rule = rule.format(need=need, on_hand=rec.on_hand or 0)
        count = self.tr("{done} of {need} verified.").format(done=done, need=need)
        step = (
            self.tr("Enough packs verified: confirm the product illegitimate or release the pack.")
            if done >= need
            else self.tr("Scan the other packs on the shelf at the counter: each one is counted here.")
        )
        return f"{rule} {count} {step}"

    def clock_text(self, rec: QuarantineRecord, now: dt.datetime) -> str:
        left = rec.time_left(now)
        if left is None:
            return ""
        hours, mins = divmod(int(abs(left).total_seconds() // 60), 60)
        if left.total_seconds() >= 0:
            return self.tr("FDA Form 3911 and trading-partner notices due in {h} h {m:02d} min").format(h=hours, m=mins)
        return self.tr("OVERDUE by {h} h {m:02d} min: submit FDA Form 3911 and notify trading partners now").format(
            h=hours, m=mins
        )

    def reminder_text(self, now: dt.datetime) -> str:
        due = [r for r in self.records if r.report_due is not None and r.report_due - now <= REMIND_WITHIN]
        if not due:
            return ""
        lines = [
            self.tr("Reminder — {serial}: {clock}").format(serial=r.serial, clock=self.clock_text(r, now)) for r in due
        ]
        return "\n".join(lines)

    # ----------------------------------------------------------------- loading
    @Slot()
    def load(self) -> None:
        """Read the records again (on a worker) and show them."""
        self.runner.submit(self.source.records, on_result=self._show, on_error=self._on_error, name="quarantine")

    def _show(self, records: list[QuarantineRecord]) -> None:
        keep = self.current.id if self.current is not None else None
        self.records = list(records)
        now = self.source.clock()
        self.table.setRowCount(len(self.records))
        for row, rec in enumerate(self.records):
            due = rec.report_due.astimezone().strftime("%d %b %H:%M") if rec.report_due else ""
            cells = (rec.id, self.status_text(rec.status), rec.gtin, rec.serial, rec.lot or "",
                     f"{rec.checks_done} / {rec.required}", due)  # fmt: skip
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        chosen = next((i for i, r in enumerate(self.records) if r.id == keep), 0 if self.records else None)
        if chosen is not None:
            self.table.selectRow(chosen)
        self.current = self.records[chosen] if chosen is not None else None
        self._show_current()
        self._remind(now)
        self.loaded.emit(self.records)

    @Slot()
    def _selected(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        if rows:
            self.current = self.records[min(rows)]
            self._show_current()

    def select(self, qid: str) -> None:
        row = next(i for i, r in enumerate(self.records) if r.id == qid)
        self.table.selectRow(row)
        self.current = self.records[row]
        self._show_current()

    def _show_current(self) -> None:
        rec = self.current
        for w in (self.save_button, self.confirm_button, self.release_button, self.form_button, self.submitted_button,
                  self.copy_button, self.on_hand, self.partner):  # fmt: skip
            w.setEnabled(rec is not None)
        if rec is None:
            self.title.setText(self.tr("No pack is in quarantine."))
            for label in (self.guidance, self.clock):
                label.setText("")
            self.notice.setPlainText("")
            return
        self.title.setText(
            self.tr("{id}: {status} — {product} serial {serial}, lot {lot}. Why: {reason}").format(
                id=rec.id, status=self.status_text(rec.status), product=rec.product_name or rec.gtin,
                serial=rec.serial, lot=rec.lot or "-", reason=rec.reason,
            )
        )  # fmt: skip
        self.guidance.setText(self.guidance_text(rec) if rec.status.open else "")
        self.clock.setText(self.clock_text(rec, self.source.clock()))
        self.clock.setStyleSheet(f"color: {palette.STOP}; font-weight: bold;" if rec.report_due else "")
        self.on_hand.setValue(rec.on_hand or 0)
        self.partner.setText(rec.trading_partner or "")
        self.confirm_button.setEnabled(rec.status is QuarantineStatus.SUSPECT)
        self.release_button.setEnabled(rec.status is QuarantineStatus.SUSPECT)
        self.submitted_button.setEnabled(rec.status is QuarantineStatus.ILLEGITIMATE)
        self.notice.setPlainText("")
        if rec.status is not QuarantineStatus.SUSPECT:  # the notice names the pharmacy: read on a worker
            self.runner.submit(
                self.source.notification, rec.id, on_result=self._show_notice, on_error=self._on_error, name="notice"
            )

    def _show_notice(self, text: str) -> None:
        self.notice.setPlainText(text)
        self.notice_shown.emit(text)

    @Slot()
    def tick(self) -> None:
        """Every 30 s: the 24-hour clock and the reminder line."""
        now = self.source.clock()
        if self.current is not None:
            self.clock.setText(self.clock_text(self.current, now))
        self._remind(now)

    def _remind(self, now: dt.datetime) -> None:
        text = self.reminder_text(now)
        self.reminder.setText(text)
        self.reminder.setVisible(bool(text))
        self.reminder.setStyleSheet(f"color: {palette.STOP}; font-weight: bold;")
        self.reminder_shown.emit(text)

    # ----------------------------------------------------------------- actions
    def _run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.runner.submit(fn, *args, on_result=self._changed, on_error=self._on_error, name="quarantine", **kwargs)

    def _changed(self, rec: QuarantineRecord | None) -> None:
        if rec is not None:
            self.current = rec
        self.message.setText("")
        self.runner.submit(
            self.source.records, on_result=self._shown_changed, on_error=self._on_error, name="quarantine"
        )

    def _shown_changed(self, records: list[QuarantineRecord]) -> None:
        self._show(records)
        self.changed.emit(self.current)

    @Slot()
    def save_details(self) -> None:
        if self.current is not None:
            partner = self.partner.text().strip() or None
            self._run(self.source.update, self.current.id, on_hand=self.on_hand.value(), trading_partner=partner)

    @Slot()
    def confirm_illegitimate(self) -> None:
        if self.current is not None:
            self._run(self.source.confirm_illegitimate, self.current.id)

    @Slot()
    def release(self) -> None:
        if self.current is not None:
            self._run(self.source.release, self.current.id)

    @Slot()
    def mark_submitted(self) -> None:
        if self.current is not None:
            self._run(self.source.mark_submitted, self.current.id)

    @Slot()
    def write_form(self) -> None:
        rec = self.current
        if rec is None:
            return
        path = self.ask_path(f"form3911-{rec.id}.pdf")
        if not path:
            return
        self.runner.submit(
            self.source.write_form3911,
            rec.id,
            path,
            on_result=lambda _rec: self._form_done(path),
            on_error=self._on_error,
            name="form3911",
        )

    def _form_done(self, path: str) -> None:
        self.message.setText(self.tr("Form 3911 draft written to {path}.").format(path=path))
        self.form_written.emit(path)

    def _ask_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the Form 3911 draft"), suggested, "PDF (*.pdf)")
        return path or None

    @Slot()
    def copy_notice(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.notice.toPlainText())

    def _on_error(self, error: TaskError) -> None:
        self.message.setText(error.for_user)
        self.failed.emit(error.for_user)
