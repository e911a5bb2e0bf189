"""The shared teardown (tests/conftest.py, ``qt_objects_die_with_their_test``): the Qt objects a test
made are destroyed when it ends, on the UI thread, not by a garbage collection in a later test
(which is where the intermittent segfault in QStatusBar() / QScreen::virtualSiblings came from).
The two tests run in file order: the second looks at what the first left."""

from __future__ import annotations

from typing import Any

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from dispense_app.ui.counter_window import CounterWindow
from tests.test_ui_counter_window import ScriptedPresenter

pytestmark = pytest.mark.gui

LEFT: dict[str, Any] = {}


def test_a_test_leaves_windows_behind(qtbot: QtBot) -> None:
    closed_by_qtbot = CounterWindow(ScriptedPresenter(), poll_status=False)
    qtbot.addWidget(closed_by_qtbot)  # pytest-qt: close() and deleteLater() only
    closed_by_qtbot.show()
    forgotten = CounterWindow(ScriptedPresenter(), poll_status=False)  # never registered, left open
    forgotten.show()
    qtbot.waitExposed(forgotten)
    LEFT.update(registered=closed_by_qtbot, forgotten=forgotten,
                pool=closed_by_qtbot.runner._pool, bar=forgotten.status_bar)


def test_the_next_test_finds_them_destroyed() -> None:
    assert LEFT, "runs after test_a_test_leaves_windows_behind"
    for name, obj in LEFT.items():
        assert not shiboken6.isValid(obj), f"{name} outlived its test"
    LEFT.clear()
