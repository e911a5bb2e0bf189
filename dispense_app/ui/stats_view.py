"""The Statistics view: does this pharmacy's counter make false alerts?

Four QtCharts charts (QtCharts ships in the PySide6 wheel the app uses; the adherence view draws
with it too): the clean rate per day, alerts by cause, and the false-alert rate by scanner set-up
and by operator, each beside the national figure (securPharm 2021: 0.14 % of scans raised alerts)
and the target (0.05 %). Above them the period's totals. The figures come from
:mod:`dispense_app.station.stats` (no Qt) on the background runner.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QDateEdit, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from dispense_app.core.stats import NATIONAL_ALERT_RATE, TARGET_ALERT_RATE
from dispense_app.station.stats import StatsReport
from dispense_app.ui import palette
from dispense_app.ui.fonts import font
from dispense_app.ui.tasks import TaskError, TaskRunner

DEFAULT_DAYS = 30
MAX_BARS = 12


def _pct(value: float | None, digits: int = 2, locale: QLocale | None = None) -> str:
    if value is None:
        return "—"
    number = (locale or QLocale.c()).toString(value * 100, "f", digits)
    return f"{number}\u00a0%"  # the % stays on the number's line


class StatsView(QWidget):
    shown = Signal(object)  # the dict of StatsReports after it is drawn
    failed = Signal(str)

    def __init__(self, source: Any, runner: TaskRunner, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statsView")
        self.source = source
        self.runner = runner
        self.reports: dict[str | None, StatsReport] | None = None
        self._today = today or dt.datetime.now(dt.UTC).date()
        self._build()
        self.retranslate()

    def _chart(self) -> tuple[QChart, QChartView]:
        chart = QChart()
        chart.setTitleFont(font(13, bold=True))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setFont(font(11))
        view = QChartView(chart, self)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(260)
        return chart, view

    def _build(self) -> None:
        self.setFont(font(13))
        self.since_label, self.until_label = QLabel(self), QLabel(self)
        self.since, self.until = QDateEdit(self), QDateEdit(self)
        for edit, label in ((self.since, self.since_label), (self.until, self.until_label)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            label.setBuddy(edit)
        start = self._today - dt.timedelta(days=DEFAULT_DAYS - 1)
        self.since.setDate(QDate(start.year, start.month, start.day))
        self.until.setDate(QDate(self._today.year, self._today.month, self._today.day))
        self.show_button = QPushButton(self)
        self.show_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        for w in (self.since_label, self.since, self.until_label, self.until, self.show_button):
            top.addWidget(w)
        top.addStretch(1)
        self.totals = QLabel(self)
        self.totals.setObjectName("statsTotals")
        self.totals.setWordWrap(True)
        self.totals.setFont(font(14, bold=True))
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setFont(font(14))
        self.clean_chart, clean_view = self._chart()
        self.cause_chart, cause_view = self._chart()
        self.scanner_chart, scanner_view = self._chart()
        self.operator_chart, operator_view = self._chart()
        grid = QGridLayout()
        for i, v in enumerate((clean_view, cause_view, scanner_view, operator_view)):
            grid.addWidget(v, i // 2, i % 2)
        self.message = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.totals)
        layout.addWidget(self.verdict)
        layout.addLayout(grid, 1)
        layout.addWidget(self.message)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Statistics — verification at this pharmacy"))
        self.since_label.setText(self.tr("&From:"))
        self.until_label.setText(self.tr("&To:"))
        self.show_button.setText(self.tr("&Show"))
        if self.reports is not None:
            self._draw(self.reports)

    # ------------------------------------------------------------------ loading
    @Slot()
    def refresh(self) -> None:
        since = self.since.date().toString("yyyy-MM-dd")
        until = self.until.date().toString("yyyy-MM-dd")
        self.runner.submit(self.source.stats_views, since, until, on_result=self._loaded, on_error=self._failed,
                           name="statistics")

    def _loaded(self, reports: dict[str | None, StatsReport]) -> None:
        self.reports = reports
        self._draw(reports)
        self.shown.emit(reports)

    def _failed(self, error: TaskError) -> None:
        self.message.setText(error.message or str(error))
        self.message.setStyleSheet(f"color: {palette.STOP};")
        self.failed.emit(self.message.text())

    # ------------------------------------------------------------------ drawing
    def _pct(self, value: float | None, digits: int = 2) -> str:
        # the translators name the locale whose numbers the view shows (decimal comma in German)
        return _pct(value, digits, QLocale(self.tr("en_US", "the locale of the numbers shown")))

    def _draw(self, reports: dict[str | None, StatsReport]) -> None:
        t = reports[None].total_json()
        p95 = "—" if t["hub_p95_ms"] is None else f"{t['hub_p95_ms']:.0f} ms"
        self.totals.setText(self.tr(
            "{scans} scans, {verified} verified by the hub, clean rate {clean}; {alerts} alerts, {false} closed as "
            "false alerts ({false_rate} of scans); offline {offline}; hub p95 {p95}; {backlog} waiting to be sent."
        ).format(scans=t["scans"], verified=t["verified"], clean=self._pct(t["clean_rate"]), alerts=t["alerts"],
                 false=t["false_alerts"], false_rate=self._pct(t["false_alert_rate"]),
                 offline=self._pct(t["offline_share"]), p95=p95, backlog=t["outbox_backlog"]))
        rate = t["alert_rate"]
        if rate is None:
            text, color = self.tr("No scans in this period yet."), palette.IDLE
        elif rate <= NATIONAL_ALERT_RATE:
            text, color = self.tr("Alerts on {rate} of scans: at or below the national figure of 0.14 % "
                                  "(target 0.05 %).").format(rate=self._pct(rate, 3)), palette.OK
        else:
            text, color = self.tr("Alerts on {rate} of scans: above the national figure of 0.14 % (target 0.05 %). "
                                  "Check the scanner set-up and the causes below.").format(rate=self._pct(rate, 3)), \
                palette.STOP
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"color: {color};")
        self._draw_clean(reports["day"])
        self._draw_causes(reports["cause"])
        self._draw_rates(self.scanner_chart, reports["scanner"], self.tr("False alerts by scanner set-up"))
        self._draw_rates(self.operator_chart, reports["operator"], self.tr("False alerts by operator"))

    def _reset(self, chart: QChart, title: str) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(title)

    def _draw_clean(self, report: StatsReport) -> None:
        chart = self.clean_chart
        self._reset(chart, self.tr("Clean rate per day (scans without any alert)"))
        days = [(k, f) for k, f in report.groups.items() if f.scans]
        series = QLineSeries()
        series.setName(self.tr("clean rate %"))
        series.setPen(QPen(QColor(palette.OK), 3))
        for i, (_, f) in enumerate(days):
            series.append(i, 100.0 * f.clean / f.scans)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([k[5:] for k, _ in days] or ["—"])
        axis_x.setLabelsAngle(-60)
        axis_y = QValueAxis()
        low = min((100.0 * f.clean / f.scans for _, f in days), default=99.0)
        axis_y.setRange(max(0.0, min(low, 99.0) - 0.5), 100.0)
        axis_y.setLabelFormat("%.1f %%")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)

    def _draw_causes(self, report: StatsReport) -> None:
        chart = self.cause_chart
        self._reset(chart, self.tr("Alerts by cause"))
        names = {"": self.tr("not closed yet"), "scanner-setup": self.tr("scanner set-up"),
                 "user-error": self.tr("typing / handling"), "double-decommission": self.tr("double scan"),
                 "data-error": self.tr("data error"), "suspected-falsification": self.tr("suspected falsification")}
        rows = sorted(report.groups.items(), key=lambda kv: -kv[1].alerts)[:MAX_BARS]
        bars = QBarSet(self.tr("alerts"))
        bars.setColor(QColor(palette.BUSY))
        for _, f in rows:
            bars.append(f.alerts)
        self._bars(chart, [bars], [names.get(k, k) for k, _ in rows], "%d")

    def _draw_rates(self, chart: QChart, report: StatsReport, title: str) -> None:
        self._reset(chart, title)
        rows = sorted(((k, f) for k, f in report.groups.items() if f.scans),
                      key=lambda kv: -kv[1].scans)[:MAX_BARS]
        here = QBarSet(self.tr("false alerts, % of scans"))
        here.setColor(QColor(palette.STOP))
        national = QBarSet(self.tr("national 0.14 %"))
        national.setColor(QColor(palette.IDLE))
        target = QBarSet(self.tr("target 0.05 %"))
        target.setColor(QColor(palette.OK_LIGHT))
        for _, f in rows:
            here.append(100.0 * f.false_alerts / f.scans)
            national.append(100.0 * NATIONAL_ALERT_RATE)
            target.append(100.0 * TARGET_ALERT_RATE)
        names = {"": self.tr("(none)"), "none": self.tr("no calibrated profile")}
        self._bars(chart, [here, national, target], [names.get(k, k) for k, _ in rows], "%.2f %%")

    def _bars(self, chart: QChart, sets: list[QBarSet], labels: list[str], fmt: str) -> None:
        series = QBarSeries()
        for s in sets:
            series.append(s)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(labels or ["—"])
        axis_y = QValueAxis()
        axis_y.setLabelFormat(fmt)
        top = max((s.at(i) for s in sets for i in range(s.count())), default=0.0)
        if fmt == "%d":  # counts: whole-number ticks
            high = max(1, math.ceil(top * 1.15))
            axis_y.setRange(0, high)
            axis_y.setTickCount(high + 1 if high <= 5 else 6)
            if high > 5:
                axis_y.applyNiceNumbers()
        else:
            axis_y.setRange(0.0, top * 1.15 if top > 0 else 1.0)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)


__all__ = ["StatsView"]
