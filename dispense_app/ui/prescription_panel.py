"""The prescription panel of the counter window: the open prescription's items, how much is
prescribed, dispensed and left, and the buttons to open a prescription, choose a patient and see
their adherence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dispense_app.ui import palette
from dispense_app.ui.fonts import BODY_PT, font
from dispense_app.ui.tasks import require_ui_thread
from dispense_app.ui.viewmodel import PrescriptionView


class PrescriptionPanel(QGroupBox):
    """The open prescription: each item, how much is prescribed, dispensed and left (ticks when covered)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prescriptionPanel")
        self.setFont(font(BODY_PT - 4, bold=True))
        self.summary = QLabel(self)
        self.summary.setObjectName("prescriptionSummary")
        self.summary.setWordWrap(True)
        self.summary.setFont(font(BODY_PT - 4))
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openPrescriptionButton")
        self.open_button.setFont(font(BODY_PT - 6, bold=True))
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("prescriptionTable")
        self.table.setFont(font(BODY_PT - 4))
        self.table.verticalHeader().setVisible(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.adherence_button = QPushButton(self)
        self.adherence_button.setObjectName("adherenceButton")
        self.adherence_button.setFont(font(BODY_PT - 6, bold=True))
        self.patient_button = QPushButton(self)
        self.patient_button.setObjectName("patientButton")
        self.patient_button.setFont(font(BODY_PT - 6, bold=True))
        # the summary has the panel's whole width, the buttons their own row: beside them, at 1280 px
        # in German, "… für Anna Example (geb. 1954-03-12) (gültig)" wrapped into six short lines and
        # left the list of packs below hardly any room
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.patient_button)
        buttons.addWidget(self.adherence_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.view: PrescriptionView | None = None
        self.error: str | None = None
        self.patient: str | None = None  # chosen without a prescription
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Prescription"))
        self.open_button.setText(self.tr("Open prescription (F3)"))
        self.adherence_button.setText(self.tr("Adherence (F2)"))
        self.patient_button.setText(self.tr("Patient…"))
        self.patient_button.setAccessibleName(self.tr("Choose the patient without a prescription"))
        self.adherence_button.setAccessibleName(self.tr("The patient's adherence: days covered, refills, notes"))
        self.open_button.setAccessibleName(self.tr("Open a prescription file (FHIR JSON or CSV)"))
        self.table.setHorizontalHeaderLabels([self.tr("Prescribed item"), self.tr("Prescribed"),
                                              self.tr("Dispensed"), self.tr("Left")])
        self.table.setAccessibleName(self.tr("Prescribed items"))
        corner = self.table.findChild(QAbstractButton, "qt_tableview_cornerbutton")
        if corner is not None:
            corner.setAccessibleName(self.tr("Select all rows"))
        self.show_prescription(self.view)

    def amount(self, quantity: str | None, unit: str) -> str:
        if quantity is None:
            return "—"
        if unit == "packs":
            return self.tr("1 pack") if quantity == "1" else self.tr("{n} packs").format(n=quantity)
        return self.tr("1 unit") if quantity == "1" else self.tr("{n} units").format(n=quantity)

    def show_error(self, text: str) -> None:
        self.error = text
        self.summary.setText(text)
        self.summary.setStyleSheet(palette.ERROR_TEXT)

    def patient_words(self, view: PrescriptionView) -> str:
        """The patient as a pharmacist checks them: name and birth date where the prescription gives
        them (the record reference otherwise)."""
        if view.patient_name and view.patient_birth_date:
            return self.tr("{name} (born {date})").format(name=view.patient_name,
                                                          date=view.patient_birth_date.isoformat())
        return view.patient_name or view.patient_ref or self.tr("no patient named")

    def status_word(self, status: str) -> str:
        """A FHIR MedicationRequest status in the window's language (it showed "(active)" in German)."""
        return {
            "active": self.tr("active"),
            "on-hold": self.tr("on hold"),
            "cancelled": self.tr("cancelled"),
            "completed": self.tr("completed"),
            "entered-in-error": self.tr("entered in error"),
            "stopped": self.tr("stopped"),
            "draft": self.tr("draft"),
            "unknown": self.tr("status unknown"),
        }.get(status, status)

    def show_prescription(self, view: PrescriptionView | None) -> None:
        require_ui_thread("PrescriptionPanel.show_prescription")
        self.view = view
        self.error = None
        self.summary.setStyleSheet("")
        if view is None:
            if self.patient:
                self.summary.setText(self.tr("Patient {patient}, no prescription: fills count for their "
                                             "adherence.").format(patient=self.patient))
            else:
                self.summary.setText(self.tr("No prescription open: packs are checked without one."))
            self.table.setRowCount(0)
            self.table.setVisible(False)
            return
        self.table.setVisible(True)
        patient = self.patient_words(view)
        self.summary.setToolTip(view.patient_ref or "")
        self.summary.setText(self.tr("{rx} for {patient} ({status})").format(rx=view.rx_id, patient=patient,
                                                                            status=self.status_word(view.status)))
        self.table.setRowCount(len(view.lines))
        for row, line in enumerate(view.lines):
            dispensed = self.amount(str(line.dispensed_packs), "packs")
            if line.unit == "units" and line.dispensed_units is not None:
                dispensed = self.amount(line.dispensed_units, "units")
            left = self.amount(line.left, line.unit) if line.left is not None else "?"
            if line.covered:
                left = "✔ " + self.tr("covered")
            cells = [line.label, self.amount(line.quantity, line.unit), dispensed, left]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        # as tall as its rows (up to four), so the pack list keeps the room
        rows = min(len(view.lines), 4)
        height = self.table.horizontalHeader().sizeHint().height() + 4
        height += sum(self.table.sizeHintForRow(r) for r in range(rows)) if rows else 0
        self.table.setFixedHeight(height)
