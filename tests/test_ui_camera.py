"""The camera view with a fake camera (frames rendered here): preview, outline, scan -> verdict."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.station_presenter import StationPresenter
from dispense_app.ui.training import TrainingStation, demo_packs_csv
from dispense_app.ui.viewmodel import Level
from scanner.camera import ArraySource, NoCameraError
from scanner.decoding.synthetic import place, render_code

pytestmark = pytest.mark.gui


def demo_frame() -> object:
    code, _raw = render_code("(01)04150123456782(17)280630(10)IB2401(21)DEMO-IBU-002", gs1=True, module_px=6)
    return place(code, random.Random(7))


class BrokenCamera:
    name = "broken"

    def open(self) -> None:
        raise NoCameraError("no camera at index 0")

    def read(self) -> None:
        return None

    @property
    def ended(self) -> bool:
        return True

    def close(self) -> None:
        pass


@pytest.fixture
def presenter(tmp_path: Path) -> Iterator[StationPresenter]:
    packs = demo_packs_csv()
    if packs is None:
        pytest.skip("demo data missing")
    p = TrainingStation(tmp_path / "training", packs).build_presenter()
    yield p
    p.close()


def make_window(qtbot: QtBot, presenter: StationPresenter, source: object) -> CounterWindow:
    w = CounterWindow(presenter, poll_status=False, camera_source=lambda: source)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def test_camera_code_gets_a_verdict_with_entry_mode_camera(qtbot: QtBot, presenter: StationPresenter) -> None:
    source = ArraySource([demo_frame()], fps=30, loop=True)  # type: ignore[list-item]
    w = make_window(qtbot, presenter, source)
    with qtbot.waitSignal(w.verdict_shown, timeout=20_000) as blocker:
        qtbot.keyClick(w, Qt.Key.Key_F11)
    assert blocker.args is not None
    result = blocker.args[0]
    assert result.level is Level.OK
    assert result.pack.serial == "DEMO-IBU-002" and result.pack.entry_mode == "camera"
    camera = w.camera_window
    assert camera is not None and camera.running
    qtbot.waitUntil(lambda: camera.frames_shown > 0, timeout=10_000)
    assert camera.preview.pixmap() is not None and not camera.preview.pixmap().isNull()
    assert w.pack_list.rowCount() == 1  # held in view: reported once
    w.close()
    assert not camera.running


def test_no_camera_is_reported_not_raised(qtbot: QtBot, presenter: StationPresenter) -> None:
    w = make_window(qtbot, presenter, BrokenCamera())
    w.open_camera()
    camera = w.camera_window
    assert camera is not None
    with qtbot.waitSignal(camera.failed, timeout=10_000):
        pass
    assert "no camera" in camera.message.text()
    assert camera.toggle.text() == "Start the camera"


def test_a_camera_number_saved_in_the_settings_applies_at_the_next_camera_start(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The factory reads the number each time the camera starts: saved in the settings (the window's
    apply_preferences), it applies without restarting the app (it used to need a restart)."""
    from dispense_app.ui import app as app_module
    from dispense_app.ui.settings_model import UiPreferences
    from tests.test_ui_counter_window import ScriptedPresenter

    opened: list[int] = []
    monkeypatch.setattr(app_module, "webcam_source", lambda index, environ=None: opened.append(index) or index)
    window = CounterWindow(ScriptedPresenter(), poll_status=False)
    qtbot.addWidget(window)
    factory = app_module.webcam_factory(window, UiPreferences(camera_index=1))
    assert factory() == 1  # nothing saved this session: the number the window started with
    window.apply_preferences(UiPreferences(camera_index=3))
    assert factory() == 3 and opened == [1, 3]
