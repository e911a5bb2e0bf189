"""The background-task helper: work on a worker thread, callbacks on the UI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from dispense_app.ui.tasks import TaskError, TaskRunner, is_ui_thread, require_ui_thread

pytestmark = pytest.mark.gui


def test_result_comes_back_on_ui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    seen: dict[str, object] = {}

    def work(a: int, b: int) -> int:
        seen["worker_thread"] = threading.get_ident()
        seen["worker_is_ui"] = is_ui_thread()
        return a + b

    def on_result(value: object) -> None:
        seen["value"] = value
        seen["callback_is_ui"] = is_ui_thread()

    with qtbot.waitSignal(runner.became_idle):
        runner.submit(work, 2, b=3, on_result=on_result)
    assert seen["value"] == 5
    assert seen["worker_is_ui"] is False
    assert seen["worker_thread"] != threading.get_ident()
    assert seen["callback_is_ui"] is True
    assert runner.pending == 0


def test_error_comes_back_with_traceback(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[TaskError] = []

    def boom() -> None:
        raise ValueError("no hub")

    with qtbot.waitSignal(runner.task_failed) as blocker:
        runner.submit(boom, on_error=errors.append, name="verify")
    assert blocker.args is not None
    assert blocker.args[0] == "verify"
    assert len(errors) == 1
    assert isinstance(errors[0].exception, ValueError)
    assert "no hub" in errors[0].traceback
    assert str(errors[0]) == "ValueError: no hub"


def test_cancelled_task_calls_nothing(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    called: list[object] = []
    handle = runner.submit(gate.wait, 5, on_result=called.append)
    handle.cancel()
    with qtbot.waitSignal(runner.became_idle):
        gate.set()
    assert called == []


def test_ui_thread_stays_responsive_while_a_task_blocks(qtbot: QtBot) -> None:
    """A blocked worker (think: a 10 s hub timeout) does not stop the UI thread's event loop."""
    runner = TaskRunner()
    gate = threading.Event()
    done: list[object] = []
    runner.submit(gate.wait, 30, on_result=done.append)
    label = QLabel("before")
    qtbot.addWidget(label)
    # a queued UI event is handled while the worker is still blocked
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: label.setText("after"))
    qtbot.waitUntil(lambda: label.text() == "after")
    assert done == [] and runner.pending == 1
    with qtbot.waitSignal(runner.became_idle):
        gate.set()
    assert done == [True]


def test_no_widget_touched_from_a_worker(qtbot: QtBot) -> None:
    """Widget-updating code guards itself; calling it from a worker is caught and reported."""
    runner = TaskRunner()
    label = QLabel("x")
    qtbot.addWidget(label)

    def update_label_wrongly() -> None:
        require_ui_thread("label update")
        label.setText("from worker")  # never reached

    errors: list[TaskError] = []
    with qtbot.waitSignal(runner.task_failed):
        runner.submit(update_label_wrongly, on_error=errors.append)
    assert isinstance(errors[0].exception, RuntimeError)
    assert label.text() == "x"
    require_ui_thread("test")  # fine here


def test_many_tasks_all_report_once(qtbot: QtBot) -> None:
    runner = TaskRunner(max_threads=3)
    results: list[int] = []
    with qtbot.waitSignal(runner.became_idle, timeout=10_000):
        for i in range(50):
            runner.submit(lambda n=i: n * n, on_result=results.append)
    assert sorted(results) == [i * i for i in range(50)]


def test_shutdown_waits_for_workers_and_drops_callbacks(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    called: list[object] = []
    runner.submit(gate.wait, 10, on_result=called.append)
    threading.Timer(0.05, gate.set).start()
    assert runner.shutdown(10_000) is True
    assert runner.closed
    with pytest.raises(RuntimeError):
        runner.submit(lambda: 1)
    qtbot.wait(0)  # deliver anything queued: the dropped callback must not run
    assert called == []


def test_no_reference_to_true_is_lost(qtbot: QtBot) -> None:
    """Regression: PySide6 6.12 (Python 3.11) takes a reference from True on every Python-side emit,
    which aborted the test run at exit ("bool_dealloc") and would crash a window after minutes of
    status polling. Every emit in the UI goes through qtcompat.emit, which gives it back."""
    import sys

    runner = TaskRunner()
    before = sys.getrefcount(True)
    results: list[object] = []
    with qtbot.waitSignal(runner.became_idle):
        for _ in range(20):
            runner.submit(lambda: True, on_result=results.append)
    del results
    assert sys.getrefcount(True) >= before


def test_qtcompat_emit_keeps_true_alive() -> None:
    import sys

    from PySide6.QtCore import QObject, Signal

    from dispense_app.ui.qtcompat import emit

    class Source(QObject):
        fired = Signal(int)

    source = Source()
    seen: list[int] = []
    source.fired.connect(seen.append)
    before = sys.getrefcount(True)
    for i in range(1000):
        emit(source.fired, i)
    assert len(seen) == 1000
    assert sys.getrefcount(True) >= before
