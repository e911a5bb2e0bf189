"""This dispense's packs: the list the counter window shows (:class:`PackList`) and the plain model
behind it (:class:`DispenseLines`: what each pack's verdict and hand-over say it may do next)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from dispense_app.ui import palette
from dispense_app.ui.fonts import BODY_PT, font
from dispense_app.ui.tasks import require_ui_thread
from dispense_app.ui.verdict_banner import level_icon
from dispense_app.ui.viewmodel import DispenseResult, Level, LineStatus, PackDetails, ScanResult, moment_text

HANDED_OVER = (LineStatus.DISPENSED, LineStatus.QUEUED)


@dataclass(slots=True)
class PackLine:
    """One pack of this dispense."""

    key: str
    pack: PackDetails | None
    level: Level
    status: LineStatus
    message: str = ""
    undo_deadline: dt.datetime | None = None
    overridable: bool = False  # a prescription STOP a pharmacist may supply anyway


class DispenseLines(Sequence[PackLine]):
    """The packs of this dispense, in the order they were first scanned (no Qt)."""

    def __init__(self) -> None:
        self._lines: list[PackLine] = []
        self.current: str | None = None
        """The key of the pack scanned last (the one the banner and the pack panel show)."""

    @overload
    def __getitem__(self, index: int) -> PackLine: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[PackLine]: ...

    def __getitem__(self, index: int | slice) -> PackLine | Sequence[PackLine]:
        return self._lines[index]

    def __len__(self) -> int:
        return len(self._lines)

    def __iter__(self) -> Iterator[PackLine]:
        return iter(self._lines)

    def clear(self) -> None:
        self._lines.clear()
        self.current = None

    def find(self, key: str) -> PackLine | None:
        return next((line for line in self._lines if line.key == key), None)

    def checked_keys(self) -> list[str]:
        """The packs that may be dispensed (verified, not yet handed over)."""
        return [line.key for line in self._lines if line.status is LineStatus.CHECKED]

    def add_scan(self, result: ScanResult) -> None:
        """A verdict: a new line, or the pack's line again (a pack already handed over stays as it is:
        the verdict says so)."""
        key = result.pack.key if result.pack else f"unreadable-{len(self._lines)}"
        status = LineStatus.CHECKED if result.may_dispense else LineStatus.BLOCKED
        existing = self.find(key)
        self.current = key
        if existing is not None and existing.status in HANDED_OVER:
            return
        if existing is not None:
            existing.level, existing.status, existing.pack = result.level, status, result.pack
            existing.overridable = result.overridable
        else:
            self._lines.append(PackLine(key, result.pack, result.level, status, overridable=result.overridable))

    def apply(self, result: DispenseResult) -> None:
        """The outcome of a dispense, an undo or a supply anyway."""
        for update in result.lines:
            line = self.find(update.key)
            if line is None:
                continue
            line.status = update.status
            line.message = update.message
            if update.status is LineStatus.FAILED:  # the verdict column must not keep "✓ OK" beside it
                line.level = Level.STOP
                line.overridable = False
            elif update.status is LineStatus.BLOCKED and line.level is Level.OK:  # e.g. its seal is broken
                line.level = Level.STOP if result.level is Level.STOP else Level.WARN
            if update.status in HANDED_OVER:
                line.undo_deadline = update.undo_deadline
            else:  # undone, or refused by the hub (a conflict found at replay): nothing left to undo
                line.undo_deadline = None

    def undo_target(self, selected: str | None) -> PackLine | None:
        """The selected pack if it was handed over, else (nothing selected) the last one handed over."""
        candidates = [line for line in self._lines if line.status in HANDED_OVER]
        if selected is not None:
            return next((line for line in candidates if line.key == selected), None)
        return candidates[-1] if candidates else None

    def seal_target(self, selected: str | None) -> PackLine | None:
        """The pack Ctrl+B (seal broken) acts on: the selected one, else the one scanned last, when it
        is checked and not yet handed over."""
        key = selected if selected is not None else self.current
        line = self.find(key) if key is not None else None
        return line if line is not None and line.status is LineStatus.CHECKED else None

    def override_target(self, selected: str | None) -> PackLine | None:
        """The selected pack (else the last one) when it is a prescription STOP that may be overridden."""
        line = self.find(selected) if selected is not None else (self._lines[-1] if self._lines else None)
        if line is not None and line.overridable and line.status is LineStatus.BLOCKED:
            return line
        return None


@dataclass(frozen=True)
class _ShownRow:
    """What one row of the list shows: compared with the next state to skip unchanged rows."""

    cells: tuple[str, ...]
    status: str
    key: str
    level: Level
    current: bool


class PackList(QTableWidget):
    """This dispense's packs: verdict, product, serial, batch, expiry, status, undo deadline.

    The current pack (the one scanned last, which the banner shows) is scrolled into view whole and
    drawn bold on its own background (:data:`palette.CURRENT_ROW`); it is not selected, so the
    selection still says which pack Undo or Supply anyway acts on. Rows are fitted to their wrapped
    text again whenever the columns change width. (At the end of a long list Qt aligns the last row
    with the bottom, so the top row in view may be partly hidden.)
    """

    COLUMNS = 5  # verdict, product, serial, status, undo until (batch and expiry: in the details panel)
    PRODUCT_COLUMN = 1
    STATUS_COLUMN = 3
    UNDO_COLUMN = 4
    UNDO_COLUMN_ROOM = 760  # list width (px) from which the undo deadline gets a column of its own

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        self.setObjectName("packList")
        self.setFont(font(BODY_PT - 3))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setFont(font(BODY_PT - 4, bold=True))
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # product and status share the free width and wrap; the short columns fit their contents
        header.setSectionResizeMode(self.PRODUCT_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.STATUS_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setIconSize(QSize(22, 22))
        self.setCornerButtonEnabled(False)
        # whole rows: the top row is never cut, and a row scrolled into view is shown whole
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.current_row: int | None = None
        self._has_deadlines = False
        self._shown: list[_ShownRow] = []  # what each row shows now (set_lines rewrites only changes)
        # the stretched columns change width with the window: rows are fitted to the new wrapping
        # (once the resizing settles) and the current pack is brought into view again
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_rows)
        # the scroll range follows new rows only once Qt has laid them out (later in this event loop
        # turn): a pack added at the bottom is brought into view again then
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(0)
        self._follow.timeout.connect(self._scroll_to_current)
        header.sectionResized.connect(self._columns_resized)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Packs in this dispense"))
        corner = self.findChild(QAbstractButton, "qt_tableview_cornerbutton")
        if corner is not None:  # Qt's own corner button: named too, so no button is nameless
            corner.setAccessibleName(self.tr("Select all rows"))
        self.setHorizontalHeaderLabels(
            [
                self.tr("Verdict"),
                self.tr("Product"),
                self.tr("Serial"),
                self.tr("Status"),
                self.tr("Undo until"),
            ]
        )

    def level_word(self, level: Level) -> str:
        return {
            Level.OK: self.tr("OK"),
            Level.WARN: self.tr("CHECK"),
            Level.STOP: self.tr("STOP"),
        }.get(level, "")

    def status_word(self, status: LineStatus) -> str:
        return {
            LineStatus.CHECKED: self.tr("checked, not yet dispensed"),
            LineStatus.BLOCKED: self.tr("do not supply"),
            LineStatus.DISPENSED: self.tr("dispensed"),
            LineStatus.QUEUED: self.tr("dispensed offline (queued)"),
            LineStatus.UNDONE: self.tr("undone"),
            LineStatus.FAILED: self.tr("refused by the hub"),
        }[status]

    def set_lines(self, lines: Sequence[PackLine], current: str | None = None) -> None:
        """Show ``lines``; ``current`` (default: the lines' own current pack, if they know it) is
        highlighted and scrolled into view; ``current=""``: no row is (a pack is being checked).

        Only rows whose content changed are rewritten and refitted: with every column sized to its
        contents, each ``setItem`` makes Qt measure the whole column again, so rewriting every row
        on every scan cost O(rows²) (about 70 ms a scan at 100 packs, a hospital order)."""
        require_ui_thread("PackList.set_lines")
        if current is None and isinstance(lines, DispenseLines):
            current = lines.current
        self.setRowCount(len(lines))
        del self._shown[len(lines):]
        self.current_row = None
        changed: list[int] = []
        for row, line in enumerate(lines):
            is_current = current is not None and line.key == current
            if is_current:
                self.current_row = row
            pack = line.pack
            status = self.status_word(line.status) + (f": {line.message}" if line.message else "")
            cells = (
                self.level_word(line.level),
                (pack.product_name or pack.product_code or "") if pack else self.tr("(unreadable code)"),
                (pack.serial or "") if pack else "",
                _short(status),
                moment_text(line.undo_deadline) if line.undo_deadline else "",
            )
            shown = _ShownRow(cells, status, line.key, line.level, is_current)
            if row < len(self._shown) and self._shown[row] == shown:
                continue
            self._show_row(row, shown)
            changed.append(row)
        self._has_deadlines = any(line.undo_deadline for line in lines)
        self._show_undo_column()
        for row in changed:
            self.resizeRowToContents(row)
        self._scroll_to_current()
        self._follow.start()

    def _show_row(self, row: int, shown: _ShownRow) -> None:
        highlight = QBrush(QColor(palette.CURRENT_ROW))
        bold = font(BODY_PT - 3, bold=True)
        for col, text in enumerate(shown.cells):
            item = QTableWidgetItem(text)
            if col == self.STATUS_COLUMN and text != shown.status:
                item.setToolTip(shown.status)  # the whole sentence (the banner said it too)
            item.setData(Qt.ItemDataRole.UserRole, shown.key)
            if col == 0:
                item.setIcon(level_icon(shown.level))
            if shown.current:
                item.setBackground(highlight)
                item.setFont(bold)
            self.setItem(row, col, item)
        if row < len(self._shown):
            self._shown[row] = shown
        else:
            self._shown.append(shown)

    def _show_undo_column(self) -> None:
        """"Undo until" only once a pack has a deadline, and only where the list has room for it (at
        1280 px it squeezed the status to "abgegebe"; the deadline is also written under the panel)."""
        # the width is only asked when there is a deadline to show: the window's first viewport()
        # call cost ~100 ms of the cold start (PySide builds its enums then; issue 22)
        roomy = self._has_deadlines and self.viewport().width() >= self.UNDO_COLUMN_ROOM
        self.setColumnHidden(self.UNDO_COLUMN, not roomy)

    def _fit_rows(self) -> None:
        """Rows as high as their wrapped text; the current pack wholly in view."""
        self.resizeRowsToContents()
        self._scroll_to_current()

    def _scroll_to_current(self) -> None:
        if self.current_row is not None and self.current_row < self.rowCount():
            self.scrollTo(self.model().index(self.current_row, 0), QAbstractItemView.ScrollHint.EnsureVisible)

    def _columns_resized(self, _index: int, _old: int, _new: int) -> None:
        self._refit.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_undo_column()
        self._refit.start()

    def describe(self, line: PackLine) -> str:
        """The pack in a sentence: product and serial (what a confirmation names)."""
        pack = line.pack
        if pack is None:
            return self.tr("the unreadable pack")
        product = pack.product_name or pack.product_code or ""
        return self.tr("{product}, serial {serial}").format(product=product, serial=pack.serial or "?")

    def selected_key(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.item(rows[0].row(), 0)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None


STATUS_CHARS = 70
"""A row's status is cut to about a line and a half (the whole sentence in its tooltip): a long hub
message made one row fill the list at 1280 × 800."""


def _short(text: str) -> str:
    if len(text) <= STATUS_CHARS:
        return text
    cut = text[:STATUS_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"
