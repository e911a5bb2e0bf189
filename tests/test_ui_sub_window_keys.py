"""Issue 15, finding 14 (part): Esc and Ctrl+W close the alerts, adherence and settings windows, and
the button with the keyboard focus is visibly marked. The real counter window on a training station."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from dispense_app.ui import palette
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.settings_model import StationSettings
from dispense_app.ui.station_presenter import StationPresenter
from dispense_app.ui.training import TrainingStation, demo_packs_csv

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[CounterWindow]:
    packs = demo_packs_csv()
    if packs is None:
        pytest.skip("demo data missing")
    presenter: StationPresenter = TrainingStation(tmp_path / "training", packs, operator="anna").build_presenter()
    w = CounterWindow(presenter, poll_status=False, settings=StationSettings(tmp_path))
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    yield w
    w.close()
    presenter.close()


def open_window(qtbot: QtBot, w: CounterWindow, key: Qt.Key, attr: str) -> QWidget:
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w, key)
    view = getattr(w, attr)
    assert isinstance(view, QWidget)
    qtbot.waitUntil(view.isVisible)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


WINDOWS = [(Qt.Key.Key_F6, "alerts_window"), (Qt.Key.Key_F2, "adherence_window"), (Qt.Key.Key_F10, "settings_window")]


@pytest.mark.parametrize(("key", "attr"), WINDOWS, ids=["alerts", "adherence", "settings"])
def test_esc_and_ctrl_w_close_the_window(qtbot: QtBot, window: CounterWindow, key: Qt.Key, attr: str) -> None:
    presses: list[Callable[[QWidget], None]] = [
        lambda view: qtbot.keyClick(view, Qt.Key.Key_Escape),
        lambda view: qtbot.keyClick(view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ]
    for press in presses:
        view = open_window(qtbot, window, key, attr)
        target = QApplication.focusWidget() or view
        press(target)
        qtbot.waitUntil(lambda view=view: not view.isVisible())  # type: ignore[misc]
    assert window.isVisible()  # only the sub-window closed


def focus_colour_shown(button: QPushButton) -> bool:
    image = button.grab().toImage()
    frame = QColor(palette.FOCUS).rgb()
    return any(image.pixel(x, image.height() // 2) == frame for x in range(min(6, image.width())))


def test_the_focused_button_is_marked(qtbot: QtBot, window: CounterWindow) -> None:
    view = open_window(qtbot, window, Qt.Key.Key_F6, "alerts_window")
    buttons = [b for b in view.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]
    assert len(buttons) >= 2
    first, second = buttons[0], buttons[1]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    assert focus_colour_shown(first)
    assert not focus_colour_shown(second)
    second.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(second.hasFocus)
    assert focus_colour_shown(second)
    assert not focus_colour_shown(first)


def test_the_focused_button_of_a_dialog_is_marked(qtbot: QtBot, window: CounterWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.about_dialog is not None and window.about_dialog.isVisible())
    dialog = window.about_dialog
    assert dialog is not None
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]
    assert buttons
    buttons[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(buttons[0].hasFocus)
    assert focus_colour_shown(buttons[0])


def test_the_counter_windows_focused_button_is_marked(qtbot: QtBot, window: CounterWindow) -> None:
    """Issue 15 finding 14: after Tab no focus was visible in the counter window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    buttons = [b for b in window.view.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]
    assert len(buttons) >= 2
    first, second = buttons[0], buttons[1]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    assert focus_colour_shown(first) and not focus_colour_shown(second)
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not first.hasFocus())
    focused = QApplication.focusWidget()
    assert isinstance(focused, QPushButton) and focus_colour_shown(focused)
    assert not focus_colour_shown(first)


def test_focus_marks_keep_the_windows_fonts(qtbot: QtBot, window: CounterWindow) -> None:
    """The focus frame was a style sheet on each window, and a style sheet stops setFont from
    reaching the children: the Undo question came out at 9 points instead of 14, the alerts view at
    9 instead of 13. Now each button carries the frame."""
    from PySide6.QtGui import QFontInfo

    from dispense_app.ui.prompt_dialog import PromptDialog

    dialog = PromptDialog(window)
    dialog.ask("t", "question", "ok")
    assert QFontInfo(dialog.question.font()).pointSize() == 14
    assert QFontInfo(dialog.ok_button.font()).pointSize() == 14
    dialog.reject()
    view = open_window(qtbot, window, Qt.Key.Key_F6, "alerts_window")
    assert QFontInfo(view.message.font()).pointSize() == 13
