"""A short screen (1280x800, a common counter laptop): the window never grows taller than that, so
the Dispense button and the status bar stay on screen whatever the banner says."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.viewmodel import Level
from tests.test_ui_action_banner import presenter, scan, station, window

pytestmark = pytest.mark.gui
__all__ = ["presenter", "station", "window"]  # fixtures


def test_a_tall_banner_never_pushes_the_buttons_off_a_short_screen(qtbot: QtBot, window: CounterWindow) -> None:
    """At 1280x800 a STOP with its reasons made the window 897 px high (922 in German with a replay
    conflict): the Dispense button and the status bar fell off the bottom of the screen. The pack
    details and lists scroll instead."""
    window.resize(1280, 800)
    result = scan(qtbot, window, b"]d20104150123456782172806301099999\x1d21DEMO-IBU-009")  # unknown batch
    assert result.level is Level.STOP
    qtbot.wait(0)  # let the layout settle
    assert window.minimumSizeHint().height() <= 800
    assert window.height() <= 800
    for widget in (window.dispense_button, window.status_bar):
        bottom = widget.mapTo(window, widget.rect().bottomLeft()).y()
        assert bottom <= window.height(), widget.objectName()
