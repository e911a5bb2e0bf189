"""The scanner calibration wizard (Settings → Scanner → Calibrate): the test sheet, five scans, the profile.

1. **Test sheet**: saved as a PDF to print (``scanner.labels.render_test_sheet_pdf`` with the codes of
   ``scanner.calibration.test_sheet_codes()``, the same sheet as ``dispense-app labels --scanner-test``).
2. **Scans**: while the wizard collects, the counter window hands it every scan (the wedge
   capture's ``scanned`` signal, i.e. keyboard events as the host typed them) instead of verifying
   it; the wizard says which sheet code to scan next.
3. **Result**: after the last code, ``scanner.calibration.calibrate`` runs on a worker over the
   scans joined by newlines; the findings and the advice are shown, and when it is ``ok`` the profile
   is saved (``scanner_profile.json`` in the home folder) and :attr:`profile_saved` is emitted so
   the window uses it at once and shows it in the status bar.

Rendering, calibrating and saving run on the background runner; widgets change only on the UI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dispense_app.ui import palette
from dispense_app.ui.tasks import TaskError, TaskRunner, require_ui_thread


def _sheet_names() -> list[str]:
    from scanner.calibration import SHEET

    return [code.name for code in SHEET]


def write_test_sheet(path: str) -> str:
    """Render the scanner test sheet PDF to ``path`` (runs on a worker)."""
    from scanner.calibration import test_sheet_codes
    from scanner.labels import render_test_sheet_pdf

    render_test_sheet_pdf(test_sheet_codes(), path)
    return path


def calibrate_and_save(home: Path, texts: list[str]) -> Any:
    """Calibrate from the typed scans; save the profile when the result is ok (runs on a worker)."""
    from scanner.calibration import calibrate, save_profile

    result = calibrate("\n".join(texts))
    if result.ok and result.profile is not None:
        save_profile(home, result.profile)
    return result


class CalibrationWizard(QWidget):
    """Collects the sheet's scans in order and shows what the calibration found."""

    sheet_saved = Signal(str)  # the PDF's path
    step_changed = Signal(int)  # scans collected so far
    finished = Signal(object)  # scanner.calibration.CalibrationResult
    profile_saved = Signal(object)  # scanner.calibration.ScannerProfile (only when ok)
    failed = Signal(str)

    def __init__(self, home: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calibrationWizard")
        self.home = home
        self.runner = runner
        self.names = _sheet_names()
        self.texts: list[str] = []
        self.collecting = False
        self.result: Any = None
        font = QFont()
        font.setPointSize(13)
        self.setFont(font)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.save_sheet_button = QPushButton(self)
        self.save_sheet_button.clicked.connect(self.choose_sheet_path)
        self.start_button = QPushButton(self)
        self.start_button.clicked.connect(self.start)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("calibrationPrompt")
        self.prompt.setWordWrap(True)
        prompt_font = QFont()
        prompt_font.setPointSize(18)
        prompt_font.setBold(True)
        self.prompt.setFont(prompt_font)
        self.scans = QListWidget(self)
        self.findings = QListWidget(self)
        self.findings.setObjectName("calibrationFindings")
        self.findings.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("calibrationMessage")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.save_sheet_button)
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.prompt)
        layout.addWidget(self.scans, 1)
        layout.addWidget(self.findings, 2)
        layout.addWidget(self.message)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("dispense-app — scanner calibration"))
        self.intro.setText(self.tr(
            "1. Save the test sheet and print it at 100 % (no scaling). 2. Press Start and scan its "
            "{n} codes in order with the scanner as it is set up at this counter. The calibration "
            "then says what the scanner does (keyboard layout, Caps Lock, how it sends GS) and what to "
            "change, and saves the profile that reads its codes exactly."
        ).format(n=len(self.names)))
        self.save_sheet_button.setText(self.tr("Save the test sheet (PDF)…"))
        self.start_button.setText(self.tr("Start over") if self.collecting or self.result else self.tr("Start"))
        self.scans.setAccessibleName(self.tr("Scans so far"))
        self.findings.setAccessibleName(self.tr("What the calibration found"))
        self._show_prompt()

    def _show_prompt(self) -> None:
        if self.collecting and len(self.texts) < len(self.names):
            i = len(self.texts)
            self.prompt.setText(self.tr("Scan code {i} of {n}: “{name}”").format(
                i=i + 1, n=len(self.names), name=self.names[i]))
        elif not self.collecting and self.result is None:
            self.prompt.setText(self.tr("Press Start, then scan the sheet's codes in order."))

    # ------------------------------------------------------------------ the sheet
    @Slot()
    def choose_sheet_path(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the scanner test sheet"), str(Path.home() / "scanner-test-sheet.pdf"),
            self.tr("PDF files (*.pdf)"))
        if path:
            self.save_sheet(path)

    def save_sheet(self, path: str) -> None:
        self.runner.submit(write_test_sheet, path, on_result=self._sheet_done, on_error=self._on_error,
                           name="calibration-sheet")

    def _sheet_done(self, path: str) -> None:
        self.message.setText(self.tr("Test sheet saved: {path}. Print it at 100 %.").format(path=path))
        self.message.setStyleSheet("")
        self.sheet_saved.emit(path)

    # ------------------------------------------------------------------ the scans
    @Slot()
    def start(self) -> None:
        self.texts = []
        self.result = None
        self.collecting = True
        self.scans.clear()
        self.findings.clear()
        self.message.setText("")
        self.message.setStyleSheet("")
        self.retranslate()
        self.step_changed.emit(0)

    @Slot(object)
    def feed(self, scan: Any) -> None:
        """One scan from the scanner (a ScanEvent); the counter window calls this while collecting."""
        require_ui_thread("CalibrationWizard.feed")
        if not self.collecting:
            return
        text = scan.text if hasattr(scan, "text") else str(scan)
        self.texts.append(text)
        shown = "".join(ch if ch.isprintable() else f"<{ord(ch):02X}>" for ch in text)
        self.scans.addItem(f"{len(self.texts)}. {self.names[len(self.texts) - 1]}: {shown}")
        self.step_changed.emit(len(self.texts))
        if len(self.texts) < len(self.names):
            self._show_prompt()
            return
        self.collecting = False
        self.prompt.setText(self.tr("Calibrating…"))
        self.runner.submit(calibrate_and_save, self.home, list(self.texts), on_result=self._calibrated,
                           on_error=self._on_error, name="calibration")

    def _calibrated(self, result: Any) -> None:
        self.result = result
        self.findings.clear()
        for finding in result.findings:
            self.findings.addItem(f"• {finding.message}")
        for advice in result.advice:
            self.findings.addItem(self.tr("→ {advice}").format(advice=advice))
        if result.ok:
            self.prompt.setText(self.tr("✔ Calibrated: the profile is saved and in use."))
            self.prompt.setStyleSheet(palette.text_style(palette.OK))
        else:
            self.prompt.setText(self.tr("✖ Not calibrated: follow the advice, then start over."))
            self.prompt.setStyleSheet(palette.text_style(palette.STOP))
        self.retranslate()
        self.finished.emit(result)
        if result.ok and result.profile is not None:
            self.profile_saved.emit(result.profile)

    def _on_error(self, error: TaskError) -> None:
        self.collecting = False
        text = error.for_user
        self.message.setText(text)
        self.message.setStyleSheet(palette.ERROR_TEXT)
        self.failed.emit(text)
