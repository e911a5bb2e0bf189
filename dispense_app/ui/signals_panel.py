"""The alerts view's list of counterfeit and diversion signals (informational, never a STOP).

Filled from :func:`dispense_app.core.signals.find_signals` on the background runner each time the
alerts view searches; double-clicking a signal selects the first alert it links, when listed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from dispense_app.core.signals import Signal as Finding
from dispense_app.ui import palette
from dispense_app.ui.fonts import font
from dispense_app.ui.tasks import TaskError, TaskRunner


def signal_line(s: Finding, label: str | None = None) -> str:
    where = " ".join(x for x in (s.product_code, s.lot and f"· {s.lot}", s.serial and f"· {s.serial}") if x)
    linked = f"  [{', '.join(s.alerts)}]" if s.alerts else ""
    what = label or f"{s.kind}: {s.message}"
    return f"{s.at[:16].replace('T', ' ')}  {what}  {where}{linked}"


class SignalsPanel(QWidget):
    alert_chosen = Signal(str)  # an alert id a signal links
    loaded = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signalsPanel")
        self.signals: list[Finding] = []
        self.title = QLabel(self)
        self.title.setFont(font(13, bold=True))
        self.list = QListWidget(self)
        self.list.setObjectName("signalsList")
        self.list.setFont(font(12))
        self.list.setMaximumHeight(130)
        self.list.itemActivated.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        self.retranslate()

    def retranslate(self) -> None:
        n = len(self.signals)
        self.title.setText(self.tr("Counterfeit and diversion signals: {n} (informational, never a STOP on their "
                                   "own)").format(n=n))
        self.title.setStyleSheet(palette.text_style(palette.WARN_TEXT) if n else "")

    def kind_label(self, kind: str) -> str:
        return {
            "seen-after-supply": self.tr("seen again after it was supplied"),
            "unknown-serial-cluster": self.tr("several unknown serials in one batch"),
            "other-market": self.tr("pack coded for another market"),
            "serial-shape": self.tr("serial does not fit its batch"),
            "batch-mismatch": self.tr("batch or expiry disagrees with earlier answers"),
        }.get(kind, kind)

    def refresh(self, runner: TaskRunner, source: Any) -> None:
        if hasattr(source, "signals"):
            runner.submit(source.signals, on_result=self._show, on_error=self._failed, name="signals")

    def _show(self, found: list[Finding]) -> None:
        self.signals = list(reversed(found))  # newest first, like the alerts
        self.list.clear()
        for s in self.signals:
            item = QListWidgetItem(signal_line(s, self.kind_label(s.kind)))
            item.setData(Qt.ItemDataRole.UserRole, s.alerts[0] if s.alerts else "")
            item.setToolTip(f"{s.message}\n{s.evidence}")  # the finding's own detail
            self.list.addItem(item)
        self.retranslate()
        self.loaded.emit(len(found))

    def _chosen(self, item: QListWidgetItem) -> None:
        alert_id = item.data(Qt.ItemDataRole.UserRole)
        if alert_id:
            self.alert_chosen.emit(str(alert_id))

    def _failed(self, error: TaskError) -> None:
        self.title.setText(error.message or str(error))
