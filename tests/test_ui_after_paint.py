"""AfterPaint: window work that waits for the paint of what already changed (issue 22)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from dispense_app.ui.after_paint import AfterPaint


def test_a_call_runs_after_the_pending_paint_where_a_zero_timer_runs_before_it(qtbot: QtBot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    first, second = QLabel("first"), QLabel("second")
    layout.addWidget(first)
    layout.addWidget(second)
    top.show()
    qtbot.waitExposed(top)
    log: list[str] = []

    class Paints(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and obj is first:
                log.append(f"paint {first.text()}")
            return False

    paints = Paints()
    first.installEventFilter(paints)
    after = AfterPaint(top)
    qtbot.wait(50)  # the first paints are done
    log.clear()
    first.setText("verdict")
    QTimer.singleShot(0, lambda: log.append("zero timer"))
    after.call(lambda: log.append("after paint 1"))
    after.call(lambda: log.append("after paint 2"))
    assert after.pending == 2
    qtbot.waitUntil(lambda: after.pending == 0)
    assert log.index("zero timer") < log.index("paint verdict") < log.index("after paint 1") < log.index(
        "after paint 2")
