"""A small non-blocking dialog asking for one line of text (a reason, a patient reference).

It never runs a nested event loop (``open()``, not ``exec()``), so the window keeps taking scans
and tests drive it like any widget; :attr:`submitted` carries the text when the user confirms.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from dispense_app.ui.sub_windows import mark_focus


class PromptDialog(QDialog):
    """A question, a line edit, OK and Cancel; OK stays disabled while the text is empty."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, max_length: int = 500, allow_empty: bool = False) -> None:
        super().__init__(parent)
        self.allow_empty = allow_empty
        font = QFont()
        font.setPointSize(14)
        self.setFont(font)
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.text = QLineEdit(self)
        self.text.setMaxLength(max_length)
        self.question.setBuddy(self.text)
        self.ok_button = QPushButton(self)
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.ok_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.reject)
        self.text.textChanged.connect(self._update)
        self.text.returnPressed.connect(self.confirm)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.cancel_button.setText(self.tr("Cancel"))
        mark_focus(self)
        self._update()

    def ask(self, title: str, question: str, ok_text: str, text: str = "") -> None:
        self.setWindowTitle(title)
        self.question.setText(question)
        self.ok_button.setText(ok_text)
        self.text.setText(text)
        self._update()
        self.open()
        self.text.setFocus()

    def _update(self) -> None:
        self.ok_button.setEnabled(self.allow_empty or bool(self.text.text().strip()))

    @Slot()
    def confirm(self) -> None:
        value = self.text.text().strip()
        if not value and not self.allow_empty:
            return
        self.accept()
        self.submitted.emit(value)
