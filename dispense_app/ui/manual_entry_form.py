"""A small form for typing the printed human-readable fields of a pack (manual entry).

Four fields (product code, serial, batch, expiry) checked by :func:`scanner.manual_entry.validate_manual`,
the same checks as a scan. On a valid entry :attr:`ManualEntryForm.submitted` carries the
:class:`~scanner.manual_entry.ManualResult` (entry mode *manual*, as national systems require);
otherwise each field shows its own error. The counter window embeds it (later issue).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from dispense_app.ui import palette
from scanner.manual_entry import FIELDS, ManualResult, validate_manual


class ManualEntryForm(QWidget):
    submitted = Signal(object)  # scanner.manual_entry.ManualResult (ok)
    rejected = Signal(object)  # ManualResult with errors

    def __init__(self, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setObjectName("manualEntryForm")
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        labels = {
            "product_code": self.tr("Product code (GTIN, PPN or PZN)"),
            "serial": self.tr("Serial number"),
            "lot": self.tr("Batch"),
            "expiry": self.tr("Expiry (e.g. 2027-05-31 or 05/2027)"),
        }
        form = QFormLayout()
        for name in FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"manual_{name}")
            edit.setMaxLength(64)
            edit.returnPressed.connect(self.submit)
            err = QLabel(self)
            err.setObjectName(f"manual_{name}_error")
            err.setStyleSheet(palette.text_style(palette.STOP))
            err.setWordWrap(True)
            err.hide()
            form.addRow(labels[name], edit)
            form.addRow("", err)
            self.fields[name] = edit
            self.errors[name] = err
        self.general_error = QLabel(self)
        self.general_error.hide()
        self.button = QPushButton(self.tr("Check and use"), self)
        self.button.setObjectName("manual_submit")
        self.button.clicked.connect(self.submit)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(self.general_error)
        outer.addWidget(self.button)

    def clear(self) -> None:
        for name in FIELDS:
            self.fields[name].clear()
            self.errors[name].hide()
        self.general_error.hide()

    def submit(self) -> ManualResult:
        result = validate_manual(*(self.fields[n].text() for n in FIELDS), today=self._today)
        by_field = result.errors_by_field()
        for name in FIELDS:
            messages = by_field.get(name, [])
            self.errors[name].setText("\n".join(messages))
            self.errors[name].setVisible(bool(messages))
        other = [m for k, v in by_field.items() if k not in FIELDS for m in v]
        self.general_error.setText("\n".join(other))
        self.general_error.setVisible(bool(other))
        (self.submitted if result.ok else self.rejected).emit(result)
        return result
