"""The application-wide wedge filter: scans never land in a text field, typing passes untouched."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from dispense_app.ui.wedge_capture import WedgeCapture
from scanner.wedge import KeyEvent, WedgeConfig, key_events_for

pytestmark = pytest.mark.gui
CODE = "]d2010415012345678221Zy7ab\x1d10LOT1\x1d17280131"


@pytest.fixture
def form(qtbot: QtBot) -> tuple[QWidget, QLineEdit, QLineEdit]:
    w = QWidget()
    lay = QVBoxLayout(w)
    a, b = QLineEdit(), QLineEdit()
    lay.addWidget(a)
    lay.addWidget(b)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    a.setFocus()
    return w, a, b


@pytest.fixture
def capture(qapp: QApplication) -> Iterator[WedgeCapture]:
    c = WedgeCapture(WedgeConfig(max_gap_ms=30))
    c.install(qapp)
    yield c
    c.uninstall()


def send(target: QWidget, events: list[KeyEvent]) -> None:
    for ev in events:
        q = QKeyEvent(QEvent.Type.KeyPress if ev.press else QEvent.Type.KeyRelease, ev.key,
                      Qt.KeyboardModifier(ev.modifiers), ev.text)
        q.setTimestamp(int(ev.timestamp_ms) + 1_000)  # a real event's clock; never 0
        QApplication.sendEvent(target, q)


def typed_by_person(text: str, gap: int = 150) -> list[KeyEvent]:
    evs = []
    for i, ch in enumerate(text):
        t = 10_000 + i * gap
        evs.append(KeyEvent(ch, ord(ch.upper()), 0, t))
        evs.append(KeyEvent(ch, ord(ch.upper()), 0, t + 60, press=False))
    return evs


def test_scan_goes_to_the_signal_not_the_focused_field(qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit],
                                                       capture: WedgeCapture) -> None:
    _, a, _ = form
    with qtbot.waitSignal(capture.scanned, timeout=2000) as blocker:
        send(a, key_events_for(CODE, gap_ms=4))
    event = blocker.args[0]
    assert event.raw == CODE.encode()
    assert event.aim == "]d2"
    assert event.raw_keys
    assert a.text() == ""


def test_human_typing_reaches_the_field_unchanged(qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit],
                                                  capture: WedgeCapture) -> None:
    _, a, _ = form
    scans: list[object] = []
    capture.scanned.connect(scans.append)
    send(a, typed_by_person("Hello"))
    qtbot.waitUntil(lambda: a.text() == "Hello", timeout=2000)
    assert scans == []


def test_scan_while_typing_in_another_field(qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit],
                                            capture: WedgeCapture) -> None:
    _, a, b = form
    b.setFocus()
    send(b, typed_by_person("ab"))
    qtbot.waitUntil(lambda: b.text() == "ab", timeout=2000)
    with qtbot.waitSignal(capture.scanned, timeout=2000) as blocker:
        send(b, key_events_for(CODE, start_ms=20_000, gap_ms=3, gs_as="text"))
    assert blocker.args[0].raw == CODE.encode()
    send(b, [KeyEvent(ch, ord(ch.upper()), 0, 30_000 + i * 200) for i, ch in enumerate("cd")])
    qtbot.waitUntil(lambda: b.text() == "abcd", timeout=2000)
    assert a.text() == ""


def test_scanner_without_suffix_ends_on_the_timer(qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit],
                                                  capture: WedgeCapture) -> None:
    _, a, _ = form
    with qtbot.waitSignal(capture.scanned, timeout=2000) as blocker:
        send(a, key_events_for("ABCDEFGH", gap_ms=5, suffix="none"))
    assert blocker.args[0].terminator == "timeout-no-suffix"  # the configured suffix never came
    assert a.text() == ""


def test_disabled_capture_passes_everything(qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit],
                                            capture: WedgeCapture) -> None:
    _, a, _ = form
    capture.enabled = False
    send(a, key_events_for("ABCD", gap_ms=2, suffix="none"))
    assert a.text() == "ABCD"


def test_auto_repeat_is_a_person(qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit],
                                 capture: WedgeCapture) -> None:
    _, a, _ = form
    for i in range(6):  # a held key repeats every 20 ms: fast, but auto-repeat
        q = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_X, Qt.KeyboardModifier.NoModifier, "x", i > 0)
        q.setTimestamp(50_000 + 20 * i)
        QApplication.sendEvent(a, q)
    qtbot.waitUntil(lambda: a.text() == "xxxxxx", timeout=2000)


def test_program_made_key_events_pass_untouched(qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit],
                                                capture: WedgeCapture) -> None:
    _, a, _ = form
    qtbot.keyClicks(a, "04150123456782")  # QTest events carry no timestamp: other GUI tests keep working
    assert a.text() == "04150123456782"


def test_a_shortcut_is_not_taken_in_the_middle_of_a_scan(qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit],
                                                         capture: WedgeCapture) -> None:
    """While a burst is held (it may be a scan), Qt's ShortcutOverride for its keys is accepted by the
    filter, so no menu shortcut fires from a scanner's Ctrl+] (GS); other events pass untouched."""
    _, a, _ = form
    first = key_events_for(CODE, gap_ms=4)[:6]
    send(a, first)
    assert capture.assembler.holding
    override = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    override.ignore()
    assert capture.eventFilter(a, override) is True and override.isAccepted()
    assert capture.eventFilter(a, QEvent(QEvent.Type.Enter)) is False


def test_the_key_events_held_during_a_burst_are_freed_with_it(qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit],
                                                              capture: WedgeCapture) -> None:
    """The copies of the keys held while a burst may still be a scan are Python's own, freed once
    the burst is decided (QKeyEvent.clone()'s copies were owned by no one: memory grew all day)."""
    import shiboken6

    _, a, _ = form
    send(a, key_events_for(CODE, gap_ms=4)[:6])
    held = [event for event, _widget in capture._held.values()]
    assert held and all(shiboken6.ownedByPython(event) for event in held)
    assert all(event.timestamp() > 0 and event.text() for event in held if event.type() == QEvent.Type.KeyPress)
