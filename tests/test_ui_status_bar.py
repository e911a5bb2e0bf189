"""The status bar never widens the counter window past the screen.

Seen under Xvfb: once the hub label said "✖ Hub OFFLINE — working from the local cache" (longer in
German) or "✖ Station not ready: <error>", the window grew from 1400 to 1588 px and stayed that wide,
cutting off its right edge. The hub label now elides, with the whole text in its tooltip.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.viewmodel import StationStatus
from tests.test_ui_counter_window import ScriptedPresenter

WIDTH = 1280


def test_a_long_hub_message_does_not_widen_the_window(qtbot: QtBot) -> None:
    w = CounterWindow(ScriptedPresenter(), poll_status=False)
    qtbot.addWidget(w)
    w.resize(WIDTH, 800)
    w.show()
    qtbot.waitExposed(w)
    error = "the hub configuration in /home/pharmacy/.local/share/dispense-app cannot be read: " + "x" * 300
    w.status_bar.show_not_ready(error)
    w.status_bar.show_status(StationStatus(hub_online=False, outbox_length=12, operator="a-very-long-operator"))
    w.status_bar.show_not_ready(error)
    qtbot.waitUntil(lambda: w.status_bar.hub_label.isVisible())
    assert w.minimumSizeHint().width() <= WIDTH
    assert w.width() <= WIDTH
    label = w.status_bar.hub_label
    assert error in label.text() and error in label.toolTip()  # the whole text is still there


def test_a_short_hub_message_is_shown_whole(qtbot: QtBot) -> None:
    w = CounterWindow(ScriptedPresenter(), poll_status=False)
    qtbot.addWidget(w)
    w.resize(WIDTH, 800)
    w.show()
    qtbot.waitExposed(w)
    w.status_bar.show_status(StationStatus(hub_online=False))
    label = w.status_bar.hub_label
    qtbot.waitUntil(lambda: "OFFLINE" in QLabelText.of(label))  # laid out once the event loop runs
    assert "…" not in QLabelText.of(label)


class QLabelText:
    @staticmethod
    def of(label: object) -> str:
        from PySide6.QtWidgets import QLabel

        assert isinstance(label, QLabel)
        return QLabel.text(label)  # what is painted, not the whole text the elided label keeps


def test_site_store_unreachable_is_said_with_what_waits_to_be_merged(qtbot: QtBot) -> None:
    w = CounterWindow(ScriptedPresenter(), poll_status=False)
    qtbot.addWidget(w)
    w.status_bar.show_status(StationStatus(hub_online=True, outbox_length=3, site_journal=3))
    text = w.status_bar.outbox_label.text()
    assert text == "Site database unreachable — working locally (3 to merge)"
    w.status_bar.show_status(StationStatus(hub_online=True, outbox_length=3))
    assert w.status_bar.outbox_label.text() == "Outbox: 3"


def test_a_long_operator_name_gives_way_too(qtbot: QtBot) -> None:
    """At 1280 px in German, "Benutzer: …" beside "⚠ Alarme: 3 neu (F6)" made the window 1291 px wide."""
    w = CounterWindow(ScriptedPresenter(), poll_status=False)
    qtbot.addWidget(w)
    w.resize(WIDTH, 800)
    w.show()
    qtbot.waitExposed(w)
    name = "Dr. Maximiliane Alexandra Mustermann-Schmidt-Rodriguez y Fernández"
    w.status_bar.show_status(StationStatus(hub_online=True, outbox_length=12, operator=name, alerts_new=123))
    qtbot.waitUntil(lambda: w.status_bar.operator_label.isVisible())
    assert w.minimumSizeHint().width() <= WIDTH
    assert w.width() <= WIDTH
    label = w.status_bar.operator_label
    assert name in label.text() and name in label.toolTip()  # the whole name is still there


def test_on_a_screen_no_bigger_than_the_window_it_opens_maximised(qtbot: QtBot) -> None:
    """Under Xvfb at 1280 x 800 with a window manager, a 1280 x 800 window plus its title bar lost its
    status bar and half its buttons below the screen's edge; maximised, the window manager fits it."""
    from PySide6.QtCore import QRect

    w = CounterWindow(ScriptedPresenter(), poll_status=False)
    qtbot.addWidget(w)

    class Screen:
        def __init__(self, width: int, height: int) -> None:
            self.area = QRect(0, 0, width, height)

        def availableGeometry(self) -> QRect:
            return self.area

    w.screen = lambda: Screen(1280, 800)  # type: ignore[method-assign,assignment,return-value]
    assert w._initial_size() == (1280, 800) and w.fills_screen
    w.show_on_screen()
    qtbot.waitUntil(w.isVisible)
    assert w.isMaximized()
    w.screen = lambda: Screen(1920, 1080)  # type: ignore[method-assign,assignment,return-value]
    assert w._initial_size() == (1400, 860) and not w.fills_screen
