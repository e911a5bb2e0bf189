"""The background-task helper: work on a worker thread, callbacks on the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from dispense_app.ui.tasks import TaskError, TaskRunner, is_ui_thread, require_ui_thread

pytestmark = pytest.mark.gui


def test_result_comes_back_on_ui_thread(task_runner: TaskRunner, qtbot: QtBot) -> None:
    runner = task_runner
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


def test_error_comes_back_with_traceback(task_runner: TaskRunner, qtbot: QtBot) -> None:
    runner = task_runner
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


def test_cancelled_task_calls_nothing(task_runner: TaskRunner, qtbot: QtBot) -> None:
    runner = task_runner
    gate = threading.Event()
    called: list[object] = []
    handle = runner.submit(gate.wait, 5, on_result=called.append)
    handle.cancel()
    with qtbot.waitSignal(runner.became_idle):
        gate.set()
    assert called == []


def test_ui_thread_stays_responsive_while_a_task_blocks(task_runner: TaskRunner, qtbot: QtBot) -> None:
    """A blocked worker (think: a 10 s hub timeout) does not stop the UI thread's event loop."""
    runner = task_runner
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


def test_no_widget_touched_from_a_worker(task_runner: TaskRunner, qtbot: QtBot) -> None:
    """Widget-updating code guards itself; calling it from a worker is caught and reported."""
    runner = task_runner
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


def test_a_finished_task_keeps_nothing_of_its_work_alive(task_runner: TaskRunner, qtbot: QtBot) -> None:
    """A task's work and its arguments (a scan's key events, say) are freed once it has reported:
    the pool used to keep a reference to a third of the jobs it had run, and the counter window's
    memory grew with every scan (issue 22)."""
    import gc
    import weakref

    class Payload:
        pass

    left: list[weakref.ref[Payload]] = []
    for _ in range(60):
        payload = Payload()
        left.append(weakref.ref(payload))
        with qtbot.waitSignal(task_runner.became_idle, timeout=10_000):
            task_runner.submit(lambda p=payload: id(p))
        del payload
    task_runner.wait_for_done(10_000)
    gc.collect()
    assert sum(ref() is not None for ref in left) <= 1  # at most the last one, still on its way out


def test_shutdown_waits_for_workers_and_drops_callbacks(task_runner: TaskRunner, qtbot: QtBot) -> None:
    runner = task_runner
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


def test_queued_tasks_run_one_at_a_time_in_order_each_with_its_own_callbacks(qtbot: QtBot) -> None:
    """enqueue: a later action starts only after the earlier one has reported, even when it failed."""
    runner = TaskRunner(max_threads=4)
    gate = threading.Event()
    started: list[str] = []
    reported: list[str] = []

    def work(name: str, fail: bool = False) -> str:
        started.append(f"{name} after {len(reported)} reports")
        if name == "first":
            gate.wait(10)
        if fail:
            raise ValueError(name)
        return name

    def failed(error: TaskError) -> None:
        reported.append(f"failed {error.exception}")

    runner.enqueue(lambda: work("first"), on_result=reported.append, on_error=failed, name="first")
    runner.enqueue(lambda: work("second", fail=True), on_result=reported.append, on_error=failed, name="second")
    runner.enqueue(lambda: work("third"), on_result=reported.append, on_error=failed, name="third")
    assert runner.queue_busy
    gate.set()
    qtbot.waitUntil(lambda: not runner.queue_busy, timeout=10_000)
    assert started == ["first after 0 reports", "second after 1 reports", "third after 2 reports"]
    assert reported == ["first", "failed second", "third"]


def test_an_early_result_is_shown_while_its_work_winds_up_and_the_next_action_waits(qtbot: QtBot) -> None:
    """enqueue_early (a scan: its verdict, then its bookkeeping): the result reaches the UI thread
    while the work still runs; the next queued action starts only when that work has returned; a
    work that never delivers early reports its return value, and a failure before delivering goes
    to its error callback (issue 22)."""
    runner = TaskRunner(max_threads=4)
    winding_up = threading.Event()
    events: list[str] = []

    def scan(deliver: Callable[[str], None]) -> str:
        deliver("verdict")
        winding_up.wait(10)  # the scan log is being written
        events.append("bookkeeping done")
        return "ignored: already delivered"

    def failed(error: TaskError) -> None:
        events.append(f"failed {error.exception}")

    def boom(_deliver: Callable[[str], None]) -> str:
        raise ValueError("before the verdict")

    runner.enqueue_early(scan, on_result=lambda r: events.append(f"shown {r}"), on_error=failed, name="scan")
    runner.enqueue(lambda: events.append("next action ran") or "next", on_result=events.append, on_error=failed,
                   name="next")
    qtbot.waitUntil(lambda: "shown verdict" in events, timeout=10_000)
    assert events == ["shown verdict"]  # the result is out, the work still winds up, the next one waits
    winding_up.set()
    qtbot.waitUntil(lambda: not runner.queue_busy, timeout=10_000)
    assert events == ["shown verdict", "bookkeeping done", "next action ran", "next"]

    events.clear()
    runner.enqueue_early(lambda _deliver: "returned", on_result=lambda r: events.append(f"shown {r}"),
                         on_error=failed, name="plain")
    runner.enqueue_early(boom, on_result=lambda r: events.append(f"shown {r}"), on_error=failed, name="boom")
    qtbot.waitUntil(lambda: not runner.queue_busy, timeout=10_000)
    assert events == ["shown returned", "failed before the verdict"]
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)  # nothing left waiting: the runner goes idle
    runner.shutdown()


def test_queue_is_free_for_the_next_action_once_the_early_result_is_out(qtbot: QtBot) -> None:
    """F12 right after a verdict: the counter is not busy any more once the verdict is shown, though
    the scan's bookkeeping still runs; an action asked for now runs after it."""
    runner = TaskRunner(max_threads=4)
    winding_up = threading.Event()
    seen: list[bool] = []

    def scan(deliver: Callable[[str], None]) -> str:
        deliver("verdict")
        winding_up.wait(10)
        return "verdict"

    runner.enqueue_early(scan, on_result=lambda _r: seen.append(runner.queue_busy), on_error=print, name="scan")
    assert runner.queue_busy  # before the verdict: busy
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == [False]
    winding_up.set()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)
    runner.shutdown()


STRESS = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import dispense_app.ui  # applies the compat layer
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
class Source(QObject):
    fired = Signal(int)
source, label = Source(), QLabel()
source.fired.connect(lambda n: None)
for i in range(50_000):
    label.setText("x")      # a void method: returns None
    source.fired.emit(i)    # returns True
print("alive", sys.getrefcount(None) > 0)
"""


def test_many_widget_updates_do_not_kill_the_interpreter() -> None:
    """Regression: PySide6 6.12.0 on Python 3.11 loses a reference to None on every void call and to
    True on every emit; the run aborted ("none_dealloc"/"bool_dealloc") after a few thousand. The
    compat layer pins the singletons; 100,000 such calls must leave a process that exits cleanly."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", STRESS], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "alive True" in done.stdout


def test_compat_layer_only_acts_on_a_defective_binding() -> None:
    import sys

    from dispense_app.ui import qtcompat

    if sys.version_info >= (3, 12):
        assert qtcompat.SINGLETONS_PINNED is False
    none_lost, true_lost = qtcompat._losses(50)
    assert (sys.version_info < (3, 12) and (none_lost > 0 or true_lost > 0)) == qtcompat.SINGLETONS_PINNED



def test_shutdown_hands_the_pool_to_the_ui_thread(task_runner: TaskRunner, qtbot: QtBot) -> None:
    """The runner's QThreadPool is held only by Python: before, it lived until a garbage collection
    freed the runner (inside any allocation, on whichever thread ran it). Now shutdown() deletes it
    through the UI thread's event loop; the runner stays usable for its questions."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    runner = task_runner
    with qtbot.waitSignal(runner.became_idle):
        runner.submit(lambda: 1)
    pool = runner._pool
    assert runner.shutdown() and runner.closed
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(pool)  # deleted here, on the UI thread
    assert runner.shutdown() and runner.wait_for_done(10)  # twice is fine
    with pytest.raises(RuntimeError, match="shut down"):
        runner.submit(lambda: 2)
