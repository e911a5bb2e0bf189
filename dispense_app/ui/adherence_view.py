"""The adherence view: per patient, each medication's proportion of days covered (PDC) as a chart,
the dispense timeline (each fill and the days it covers), refill flags and notes.

All station work runs on the background runner through :class:`~dispense_app.station.adherence.StationAdherence`.
QtCharts is imported here only, when the view is first opened.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QStringListModel, Qt, QTime, Signal, Slot
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dispense_app.core.adherence import (
    ADHERENT_THRESHOLD,
    AdherenceNote,
    MedicationAdherence,
    PdcResult,
    RefillFlag,
)
from dispense_app.station.adherence import PatientAdherence
from dispense_app.station.patients import Patient
from dispense_app.ui import palette
from dispense_app.ui.fonts import font
from dispense_app.ui.tasks import TaskError, TaskRunner

GOOD = QColor(palette.OK)
BAD = QColor(palette.STOP)
LIGHT = QColor(palette.OK_LIGHT)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f} %"


def _qdatetime(day: dt.date, hour: int = 0) -> QDateTime:
    return QDateTime(QDate(day.year, day.month, day.day), QTime(hour, 0))


def _msecs(day: dt.date) -> int:
    """Noon of ``day`` in local time, in ms since the epoch (what ``_qdatetime(day, 12)`` is, without
    building a QDateTime for every point of the timeline)."""
    return int(dt.datetime(day.year, day.month, day.day, 12).timestamp() * 1000)


class AdherenceView(QWidget):
    """Patient field, PDC chart, timeline chart, table per medication, notes."""

    shown = Signal(object)  # the PatientAdherence after it is drawn
    note_added = Signal(object)  # the AdherenceNote
    failed = Signal(str)

    def __init__(self, source: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adherenceView")
        self.source = source
        self.runner = runner
        self.current: PatientAdherence | None = None
        self._build()
        self.retranslate()
        self.runner.submit(self.source.patients, on_result=self._set_patients, on_error=lambda _e: None,
                           name="adherence-patients")

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.setFont(font(13))
        self.patient = QLineEdit(self)
        self.patient.setMaxLength(200)
        self.patient.returnPressed.connect(self.show_patient)
        # a picker: type part of a name (or a reference) and choose; nobody types "Patient/demo-anna"
        self.patient_refs: dict[str, str] = {}  # label shown -> patient reference
        self.completer = QCompleter([], self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.patient.setCompleter(self.completer)
        self.patient_label = QLabel(self)
        self.patient_label.setBuddy(self.patient)
        self.show_button = QPushButton(self)
        self.show_button.clicked.connect(self.show_patient)
        top = QHBoxLayout()
        top.addWidget(self.patient_label)
        top.addWidget(self.patient, 1)
        top.addWidget(self.show_button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        self.pdc_chart = QChart()
        self.pdc_chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.pdc_view = QChartView(self.pdc_chart, self)
        self.pdc_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.pdc_view.setMinimumHeight(240)
        self.timeline_chart = QChart()
        self.timeline_chart.legend().setVisible(False)
        self.timeline_view = QChartView(self.timeline_chart, self)
        self.timeline_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.timeline_view.setMinimumHeight(200)

        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setObjectName("adherenceTable")
        self.table.verticalHeader().setVisible(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.notes = QListWidget(self)
        self.note_medication = QComboBox(self)
        self.note_medication.setMaximumWidth(260)
        self.note_text = QLineEdit(self)
        self.note_text.setMaxLength(2000)
        self.note_text.returnPressed.connect(self.add_note)
        self.note_button = QPushButton(self)
        self.note_button.clicked.connect(self.add_note)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_medication)
        note_row.addWidget(self.note_text, 1)
        note_row.addWidget(self.note_button)

        charts = QSplitter(Qt.Orientation.Horizontal, self)
        charts.addWidget(self.pdc_view)
        charts.addWidget(self.timeline_view)
        charts.setSizes([560, 700])
        notes_box = QWidget(self)
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        self.notes_label = QLabel(notes_box)
        self.notes_label.setFont(font(13, bold=True))
        notes_layout.addWidget(self.notes_label)
        notes_layout.addWidget(self.notes, 1)
        notes_layout.addLayout(note_row)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(self.table)
        lower.addWidget(notes_box)
        lower.setSizes([760, 500])
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(charts)
        body.addWidget(lower)
        body.setSizes([420, 260])

        root = QVBoxLayout(self)
        root.addLayout(top)
        root.addWidget(self.message)
        root.addWidget(body, 1)
        self._refresh = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        self._refresh.activated.connect(self.show_patient)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("dispense-app — adherence"))
        self.patient_label.setText(self.tr("Patient") + ":")
        self.patient.setPlaceholderText(self.tr("name or patient reference"))
        self.show_button.setText(self.tr("Show (F5)"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Medication"),
                self.tr("PDC 180 d"),
                self.tr("PDC 365 d"),
                self.tr("Early"),
                self.tr("Late"),
                self.tr("Runs out"),
                self.tr("Overdue"),
            ]
        )
        self.table.setAccessibleName(self.tr("Adherence per medication"))
        corner = self.table.findChild(QAbstractButton, "qt_tableview_cornerbutton")
        if corner is not None:
            corner.setAccessibleName(self.tr("Select all rows"))
        self.pdc_view.setAccessibleName(self.tr("Proportion of days covered per medication"))
        self.timeline_view.setAccessibleName(self.tr("Dispense timeline"))
        self.notes_label.setText(self.tr("Notes"))
        self.notes.setAccessibleName(self.tr("Adherence notes"))
        self.note_text.setPlaceholderText(self.tr("New note for the selected medication"))
        self.note_button.setText(self.tr("Add note"))
        if self.current is not None:
            self._draw(self.current)

    # ------------------------------------------------------------------ show
    def _set_patients(self, patients: list[Patient]) -> None:
        self.patient_refs = {f"{p.label} — {p.ref}": p.ref for p in patients}
        self.completer.setModel(QStringListModel(list(self.patient_refs), self.completer))
        typed = self.patient.text().strip()  # a reference put there before the list arrived: named
        label = next((label for label, ref in self.patient_refs.items() if ref == typed), None)
        if label is not None:
            self.patient.setText(label)

    def patient_ref(self) -> str:
        """The reference for what the patient field says: a picked entry, a name that only one
        patient has, or a reference typed as it is."""
        text = self.patient.text().strip()
        if text in self.patient_refs:
            return self.patient_refs[text]
        folded = text.casefold()
        named = {ref for label, ref in self.patient_refs.items() if folded and folded in label.casefold()}
        return named.pop() if len(named) == 1 else text

    def open_patient(self, patient_ref: str) -> None:
        label = next((label for label, ref in self.patient_refs.items() if ref == patient_ref), patient_ref)
        self.patient.setText(label)
        self.show_patient()

    @Slot()
    def show_patient(self) -> None:
        ref = self.patient_ref()
        if not ref:
            self._fail(self.tr("Give a patient reference."))
            return
        self.message.setText(self.tr("Loading…"))
        self.message.setStyleSheet("")
        self.runner.submit(self.source.report, ref, on_result=self._draw, on_error=self._on_error, name="adherence")

    def _draw(self, data: PatientAdherence) -> None:
        self.current = data
        rep = data.report
        meds = list(rep.medications)
        medications = (self.tr("1 medication") if len(meds) == 1 else
                       self.tr("{n} medications").format(n=len(meds)))
        text = self.tr("{patient}: {medications}, as of {day}; adherent from {threshold} of days covered "
                       "(PDC: proportion of days covered by the supplies dispensed)").format(
            patient=rep.patient_ref, medications=medications, day=rep.as_of.isoformat(),
            threshold=_pct(ADHERENT_THRESHOLD))
        if data.without_days == 1:
            text += " " + self.tr("(1 supply without days of therapy is not counted)")
        elif data.without_days:
            text += " " + self.tr("({n} supplies without days of therapy are not counted)").format(n=data.without_days)
        self.message.setText(text)
        self._fill_table(meds)
        self._draw_pdc(meds)
        self._draw_timeline(meds, rep.as_of)
        self._fill_notes(meds)
        self.shown.emit(data)

    def _fill_table(self, meds: list[MedicationAdherence]) -> None:
        self.table.setRowCount(len(meds))
        for row, med in enumerate(meds):
            early = sum(r.flag is RefillFlag.EARLY for r in med.refills)
            late = sum(r.flag is RefillFlag.LATE for r in med.refills)
            cells = [
                med.medication,
                self._pdc_text(med.pdc_180),
                self._pdc_text(med.pdc_365),
                str(early),
                str(late),
                med.run_out.isoformat() if med.run_out else "—",
                self.tr("yes") if med.overdue else self.tr("no"),
            ]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col in (1, 2):
                    adherent = (med.pdc_180 if col == 1 else med.pdc_365).adherent
                    if adherent is not None:
                        item.setForeground(GOOD if adherent else BAD)
                        item.setToolTip(self.tr("adherent") if adherent else self.tr("below threshold"))
                self.table.setItem(row, col, item)

    def _pdc_text(self, result: PdcResult) -> str:
        """"92 % ✔" or "47 % ✖" (the mark says it without colour), or "not enough data" when the
        history is too short for a PDC to mean anything (core.adherence.MIN_PERIOD_DAYS)."""
        if result.pdc is None:
            return "—"
        if not result.enough_data:
            return self.tr("not enough data ({days} d)").format(days=result.history_days)
        return f"{_pct(result.pdc)} {'✔' if result.adherent else '✖'}"

    def _draw_pdc(self, meds: list[MedicationAdherence]) -> None:
        chart = self.pdc_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(self.tr("Proportion of days covered (threshold {t})").format(t=_pct(ADHERENT_THRESHOLD)))
        series = QBarSeries()
        set180 = QBarSet(self.tr("180 days"))
        set365 = QBarSet(self.tr("365 days"))
        set180.setColor(GOOD)
        set365.setColor(LIGHT)
        for med in meds:  # no bar where there is not enough data (a 100 % from one day misleads)
            set180.append((med.pdc_180.pdc or 0.0) * 100 if med.pdc_180.enough_data else 0.0)
            set365.append((med.pdc_365.pdc or 0.0) * 100 if med.pdc_365.enough_data else 0.0)
        series.append(set180)
        series.append(set365)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([m.medication for m in meds] or [""])
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d %%")
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        threshold = QLineSeries()
        threshold.setName(self.tr("threshold"))
        threshold.setPen(QPen(BAD, 2, Qt.PenStyle.DashLine))
        threshold.append(-0.5, ADHERENT_THRESHOLD * 100)
        threshold.append(max(len(meds), 1) - 0.5, ADHERENT_THRESHOLD * 100)
        chart.addSeries(threshold)
        x = QValueAxis()
        x.setRange(-0.5, max(len(meds), 1) - 0.5)
        x.setVisible(False)
        chart.addAxis(x, Qt.AlignmentFlag.AlignTop)
        threshold.attachAxis(x)
        threshold.attachAxis(values)

    def _draw_timeline(self, meds: list[MedicationAdherence], as_of: dt.date) -> None:
        chart = self.timeline_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(self.tr("Dispense timeline, last 365 days: each fill and its days (red: early or late)"))
        start = as_of - dt.timedelta(days=365)
        x = QDateTimeAxis()
        x.setFormat("yyyy-MM-dd")
        x.setRange(_qdatetime(start), _qdatetime(as_of + dt.timedelta(days=30)))
        y = QCategoryAxis()
        y.setRange(-0.5, max(len(meds), 1) - 0.5)
        y.setStartValue(-0.5)
        y.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
        for row, med in enumerate(meds):
            y.append(med.medication[:24], row + 0.5)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for row, med in enumerate(meds):
            for refill in med.refills:
                fill = refill.fill
                if fill.date + dt.timedelta(days=fill.days_supply) < start or fill.date > as_of:
                    continue  # outside the 365 days shown: five years of fills drew ~250 series (issue 22)
                segment = QLineSeries()
                flag_colour = BAD if refill.flag in (RefillFlag.LATE, RefillFlag.EARLY) else GOOD
                segment.setPen(QPen(flag_colour, 10, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
                end = fill.date + dt.timedelta(days=fill.days_supply)
                segment.append(_msecs(fill.date), row)
                segment.append(_msecs(end), row)
                chart.addSeries(segment)
                segment.attachAxis(x)
                segment.attachAxis(y)

    def _fill_notes(self, meds: list[MedicationAdherence]) -> None:
        current = self.note_medication.currentText()
        self.note_medication.clear()
        for med in meds:
            self.note_medication.addItem(med.medication)
        index = self.note_medication.findText(current)
        self.note_medication.setCurrentIndex(max(index, 0))
        self.notes.clear()
        for med in meds:
            for note in med.notes:
                when = f"{note.at.astimezone():%Y-%m-%d %H:%M}"
                self.notes.addItem(f"{when}  {note.author} · {med.medication}: {note.text}")

    # ------------------------------------------------------------------ notes
    @Slot()
    def add_note(self) -> None:
        text = self.note_text.text().strip()
        medication = self.note_medication.currentText()
        ref = self.patient_ref()
        if not text or not medication or not ref:
            return
        self.runner.submit(self.source.add_note, ref, medication, text, on_result=self._note_added,
                           on_error=self._on_error, name="adherence-note")

    def _note_added(self, note: AdherenceNote) -> None:
        self.note_text.clear()
        self.note_added.emit(note)
        self.show_patient()

    # ------------------------------------------------------------------ errors
    def _on_error(self, error: TaskError) -> None:
        self._fail(error.for_user)

    def _fail(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(palette.ERROR_TEXT)
        self.failed.emit(text)
