"""The Qt Multimedia webcam backend (dispense_app.ui.qt_camera) and the choice of backend.

There is no camera on the test machine: the frame path is driven through a real QVideoSink fed with
QVideoFrames (a generated DataMatrix, as a QImage and as NV12), read by the real CameraLoop and
decoder on their own threads. The camera part is tested where this machine allows: no device listed.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QCamera, QMediaDevices, QVideoFrame, QVideoFrameFormat, QVideoSink
from pytestqt.qtbot import QtBot

from dispense_app.ui import app as ui_app
from dispense_app.ui.camera_view import CameraView
from dispense_app.ui.qt_camera import (
    CHEAP_FORMATS,
    FormatOption,
    LatestFrame,
    QtCamera,
    VideoSinkSource,
    choose_format,
    media_backend_plugins,
    pick_device,
    video_frame_to_gray,
)
from scanner.camera import CameraError, CameraLoop, CameraLostError, NoCameraError
from scanner.decoding.synthetic import camera_frame, render_code

PF = QVideoFrameFormat.PixelFormat
pytestmark = [
    pytest.mark.gui,
    # Qt Multimedia's start-up chatter on a machine without PipeWire/VA-API, and toImage() saying
    # it converts on the CPU (no GPU offscreen): information, not faults of the code under test
    pytest.mark.qt_log_ignore(r"Couldn.t (load|resolve) .*", r".*No RHI backend.*", r".*[Ff][Ff]mpeg.*"),
]

CONTENT = "(01)04150123456782(17)280630(10)IB2401(21)QTCAM-001"


class Relay(QObject):
    """Carries values from worker threads to the test's (GUI) thread, where qtbot waits on them."""

    got = Signal(object)


@pytest.fixture(scope="module")
def code_frame() -> tuple[np.ndarray, bytes]:
    code, raw = render_code(CONTENT, gs1=True, module_px=6)
    return camera_frame(code, random.Random(5)), raw  # 720 x 1280 gray, like a webcam frame


def image_video_frame(gray: np.ndarray) -> QVideoFrame:
    """A QVideoFrame made from a QImage (32-bit RGB: the toImage() conversion path)."""
    h, w = gray.shape
    image = QImage(gray.data, w, h, int(gray.strides[0]), QImage.Format.Format_Grayscale8)
    return QVideoFrame(image.convertToFormat(QImage.Format.Format_RGB32))


def luma_video_frame(gray: np.ndarray, fmt: QVideoFrameFormat.PixelFormat = PF.Format_NV12) -> QVideoFrame:
    """A QVideoFrame in a camera's own format whose luma is ``gray`` (chroma neutral)."""
    h, w = gray.shape
    frame = QVideoFrame(QVideoFrameFormat(QSize(w, h), fmt))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    try:
        for plane in range(frame.planeCount()):
            np.frombuffer(frame.bits(plane), np.uint8)[:] = 128
        step, offset = {PF.Format_YUYV: (2, 0), PF.Format_UYVY: (2, 1)}.get(fmt, (1, 0))
        if fmt in (PF.Format_Y16, PF.Format_P010, PF.Format_P016):
            step, offset = 2, 1
        stride = frame.bytesPerLine(0)
        plane0 = np.frombuffer(frame.bits(0), np.uint8)
        for y in range(h):
            plane0[y * stride + offset : y * stride + offset + w * step : step] = gray[y]
    finally:
        frame.unmap()
    return frame


class Feeder:
    """Pushes frames into a sink from the GUI thread, as a camera backend would, until stopped."""

    def __init__(self, sink: QVideoSink, frames: list[QVideoFrame], interval_ms: int = 15) -> None:
        self.sink, self.frames, self.pushed = sink, frames, 0
        self.timer = QTimer()
        self.timer.timeout.connect(self.push)
        self.timer.start(interval_ms)

    def push(self) -> None:
        # alternate between frames: a sink ignores the very frame it already holds
        self.sink.setVideoFrame(self.frames[self.pushed % len(self.frames)])
        self.pushed += 1

    def stop(self) -> None:
        self.timer.stop()


def in_thread(fn: Callable[[], Any], relay: Relay) -> threading.Thread:
    """Run ``fn`` on a worker thread; its result (or exception) arrives through ``relay.got``."""

    def run() -> None:
        try:
            relay.got.emit(("ok", fn()))
        except Exception as exc:
            relay.got.emit(("error", exc))

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


@pytest.fixture
def sink(qapp: Any) -> Iterator[QVideoSink]:
    s = QVideoSink()
    yield s
    s.deleteLater()


# --------------------------------------------------------------------------- conversion


@pytest.mark.parametrize("width", [64, 66])  # 66: rows padded to the alignment
@pytest.mark.parametrize("fmt", sorted(CHEAP_FORMATS, key=str), ids=str)
def test_luma_formats_copy_plane_0_respecting_the_row_stride(
    qapp: Any, fmt: QVideoFrameFormat.PixelFormat, width: int
) -> None:
    rng = np.random.default_rng(3)
    gray = rng.integers(0, 256, size=(40, width), dtype=np.uint8)
    frame = luma_video_frame(gray, fmt)
    out = video_frame_to_gray(frame)
    assert out is not None and out.dtype == np.uint8 and out.flags.c_contiguous
    assert out.flags.owndata  # a copy: the frame's mapping ends when the function returns
    assert np.array_equal(out, gray)


def test_rgb_frames_convert_through_to_image(qapp: Any, code_frame: tuple[np.ndarray, bytes]) -> None:
    gray = code_frame[0]
    frame = image_video_frame(gray)
    assert frame.pixelFormat() not in CHEAP_FORMATS
    out = video_frame_to_gray(frame)
    assert out is not None and out.shape == gray.shape
    assert out.flags.owndata  # regression: a view into the freed Grayscale8 image crashed numpy
    assert int(np.abs(out.astype(int) - gray.astype(int)).max()) <= 1
    assert video_frame_to_gray(QVideoFrame()) is None  # an empty frame is no picture


# --------------------------------------------------------------------------- the frame path


@pytest.mark.parametrize("kind", ["qimage", "nv12"])
def test_frames_pushed_into_the_sink_are_decoded_and_reported_once(
    qtbot: QtBot, sink: QVideoSink, code_frame: tuple[np.ndarray, bytes], kind: str
) -> None:
    gray, raw = code_frame
    make = image_video_frame if kind == "qimage" else luma_video_frame
    source = VideoSinkSource(sink, name="test sink")
    relay, errors = Relay(), Relay()
    loop = CameraLoop(source, hold_s=3600.0, on_hit=relay.got.emit, on_error=errors.got.emit)
    feeder = Feeder(sink, [make(gray), make(gray)])
    try:
        with qtbot.waitSignal(relay.got, timeout=20_000) as blocker:
            loop.start()
        hit = blocker.args[0] if blocker.args else None
        assert hit is not None and hit.code.raw == raw and hit.code.gs1
        decoded = loop.stats().frames_decoded
        qtbot.waitUntil(lambda: loop.stats().frames_decoded >= decoded + 5, timeout=20_000)
        stats = loop.stats()
        assert stats.hits == 1  # the code stayed in view: reported once
        assert loop.hits.qsize() == 1 and loop.error is None
        assert source.frames_read >= stats.frames_decoded
    finally:
        feeder.stop()
        assert loop.stop()
    assert not loop.running


def test_only_the_newest_frame_is_kept(qtbot: QtBot, sink: QVideoSink) -> None:
    def frame_of(level: int) -> QVideoFrame:
        return luma_video_frame(np.full((48, 64), level, dtype=np.uint8))

    source = VideoSinkSource(sink, name="test sink", read_timeout_s=0.2)
    relay = Relay()
    feeder = Feeder(sink, [frame_of(10), frame_of(11)])
    with qtbot.waitSignal(relay.got, timeout=10_000) as opened:
        in_thread(source.open, relay)
    feeder.stop()
    assert opened.args == [("ok", None)]
    dropped = source.frames_dropped
    for level in (20, 30, 40):  # three frames while nobody reads
        sink.setVideoFrame(frame_of(level))
    assert source.frames_dropped == dropped + 3  # each replaced the unread one (open() reads none)
    with qtbot.waitSignal(relay.got, timeout=10_000) as first:
        in_thread(source.read, relay)
    status, frame = first.args[0] if first.args else (None, None)
    assert status == "ok" and frame is not None and int(frame[0, 0]) == 40  # the newest, not the oldest
    with qtbot.waitSignal(relay.got, timeout=10_000) as second:
        in_thread(source.read, relay)
    assert second.args == [("ok", None)]  # nothing newer came: no stale frame from a backlog
    source.close()


def test_the_mailbox_holds_one_frame_and_counts_the_replaced(qapp: Any) -> None:
    box = LatestFrame()
    frames = [luma_video_frame(np.full((8, 8), v, dtype=np.uint8)) for v in (1, 2, 3)]
    box.offer(frames[0])
    assert box.received == 0  # not open yet: frames are not kept
    box.open()
    for f in frames:
        box.offer(f)
    assert (box.received, box.dropped) == (3, 2)
    taken = box.take(0.0)
    assert taken is not None and video_frame_to_gray(taken)[0, 0] == 3  # type: ignore[index]
    assert box.take(0.0) is None
    box.offer(QVideoFrame())  # an invalid frame (a stopping backend) is ignored
    assert box.received == 3
    box.close()
    box.offer(frames[0])
    assert box.take(0.0) is None and box.received == 3


def test_open_gives_up_when_no_picture_comes(qtbot: QtBot, sink: QVideoSink) -> None:
    source = VideoSinkSource(sink, name="camera 7", first_frame_timeout_s=0.3)
    relay = Relay()
    with qtbot.waitSignal(relay.got, timeout=10_000) as blocker:
        in_thread(source.open, relay)
    status, exc = blocker.args[0] if blocker.args else (None, None)
    assert status == "error" and isinstance(exc, NoCameraError)
    assert str(exc) == "No picture from the camera within 0.3 seconds. It may be in use by another program."
    assert source.mailbox.closed  # closed after the failure: frames no longer kept


def test_open_on_the_sinks_own_thread_is_refused(qapp: Any, sink: QVideoSink) -> None:
    source = VideoSinkSource(sink)
    with pytest.raises(RuntimeError, match="worker thread"):
        source.open()  # would block the very thread that delivers the frames
    source.close()


def test_close_from_another_thread_wakes_a_blocked_read(
    qtbot: QtBot, sink: QVideoSink, code_frame: tuple[np.ndarray, bytes]
) -> None:
    source = VideoSinkSource(sink, read_timeout_s=600.0)  # read() would wait ten minutes
    relay = Relay()
    feeder = Feeder(sink, [luma_video_frame(code_frame[0]), luma_video_frame(code_frame[0])])
    with qtbot.waitSignal(relay.got, timeout=10_000):
        in_thread(source.open, relay)
    feeder.stop()
    with qtbot.waitSignal(relay.got, timeout=10_000):  # take the frame that is there
        in_thread(source.read, relay)
    with qtbot.waitSignal(relay.got, timeout=10_000) as blocker:
        reader = in_thread(source.read, relay)  # now blocks: no new frame
        closer = threading.Thread(target=source.close)
        closer.start()
        closer.join(10)
    assert blocker.args == [("ok", None)]
    reader.join(10)
    assert not reader.is_alive() and not closer.is_alive()
    source.close()  # again, from the GUI thread: nothing happens
    sink.setVideoFrame(luma_video_frame(code_frame[0]))  # disconnected: not kept
    assert source.mailbox.take(0.0) is None


# --------------------------------------------------------------------------- the camera itself


def test_no_camera_is_a_clear_error(qtbot: QtBot) -> None:
    if QMediaDevices.videoInputs():
        pytest.skip("this machine has a camera")
    camera = QtCamera(0)
    relay = Relay()
    loop = CameraLoop(camera, on_error=relay.got.emit)
    with qtbot.waitSignal(relay.got, timeout=20_000) as blocker:
        loop.start()
    error = blocker.args[0] if blocker.args else None
    assert isinstance(error, NoCameraError)
    assert str(error) == "No camera found. Check that a webcam is connected and not in use by another program."
    loop.wait(10)
    assert not loop.running


def test_a_build_without_a_multimedia_backend_says_so(qtbot: QtBot, tmp_path: Any) -> None:
    if QMediaDevices.videoInputs():
        pytest.skip("this machine has a camera")
    assert media_backend_plugins()  # here: PySide6-Addons' FFmpeg backend
    paths = QCoreApplication.libraryPaths()
    QCoreApplication.setLibraryPaths([str(tmp_path)])  # a bundle whose multimedia folder is missing
    try:
        assert media_backend_plugins() == []
        relay = Relay()
        loop = CameraLoop(QtCamera(0), on_error=relay.got.emit)
        with qtbot.waitSignal(relay.got, timeout=20_000) as blocker:
            loop.start()
    finally:
        QCoreApplication.setLibraryPaths(paths)
    assert blocker.args is not None
    assert str(blocker.args[0]) == "This installation has no Qt Multimedia backend, so it cannot use a camera."
    loop.wait(10)


def test_camera_index_out_of_range_names_the_cameras() -> None:
    with pytest.raises(NoCameraError) as info:
        pick_device(2, ["Integrated Camera", "USB Camera"])
    assert str(info.value) == (
        "There is no camera number 2. Cameras found: 0: Integrated Camera, 1: USB Camera. "
        "Choose a camera number from 0 to 1 in the settings."
    )
    assert pick_device(1, ["Integrated Camera", "USB Camera"]) == 1
    with pytest.raises(ValueError):
        QtCamera(-1)


def test_close_from_a_worker_stops_the_qt_objects_on_the_gui_thread(qtbot: QtBot) -> None:
    camera = QtCamera(0)
    controller = camera._controller
    assert controller is not None and controller.thread() == qtbot_thread(qtbot)
    with qtbot.waitSignal(controller.destroyed, timeout=10_000):
        closers = [threading.Thread(target=camera.close) for _ in range(3)]  # racing: one stop only
        for t in closers:
            t.start()
        for t in closers:
            t.join(10)
    assert not shiboken6.isValid(controller)
    camera.close()  # idempotent, from the GUI thread too
    with pytest.raises(CameraError):
        camera.open()  # a closed camera does not come back


def test_qt_errors_before_the_first_picture_say_the_camera_did_not_start(qapp: Any) -> None:
    camera = QtCamera(3)
    controller = camera._controller
    assert controller is not None
    controller._on_error(QCamera.Error.CameraError, "Device or resource busy")
    assert isinstance(camera.mailbox.failure, NoCameraError)
    assert str(camera.mailbox.failure).startswith(
        "Camera 3 could not start (Device or resource busy). It may be in use"
    )
    assert camera.read() is None  # a failed camera does not make the reader wait
    camera.close()

    camera = QtCamera(3)
    controller = camera._controller
    assert controller is not None
    camera.mailbox.open()
    camera.mailbox.offer(luma_video_frame(np.zeros((8, 8), dtype=np.uint8)))  # pictures came
    controller._on_error(QCamera.Error.CameraError, "Device removed")
    assert isinstance(camera.mailbox.failure, CameraLostError)
    assert str(camera.mailbox.failure) == "Camera 3 stopped working (Device removed)."
    camera.close()


def qtbot_thread(qtbot: QtBot) -> Any:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    return app.thread()


def test_format_choice_prefers_720p_at_a_usable_rate_and_cheap_pixels() -> None:
    options = [
        FormatOption(640, 480, 30.0, True),
        FormatOption(1920, 1080, 30.0, True),
        FormatOption(1280, 720, 10.0, True),  # too slow for scanning
        FormatOption(1280, 720, 30.0, False),  # MJPEG: toImage() per frame
        FormatOption(1280, 720, 30.0, True),  # NV12/YUYV
    ]
    assert choose_format(options) == 4
    assert choose_format(options[:4]) == 3
    assert choose_format(options[:3]) == 1  # 1080p is nearer 720p than VGA (in pixel count, log scale)
    assert choose_format([FormatOption(1280, 720, 10.0, True)]) == 0  # slow is better than nothing
    assert choose_format([]) is None


# --------------------------------------------------------------------------- which backend


def test_backend_choice() -> None:
    everything = {"cv2", "PySide6.QtMultimedia"}.__contains__
    no_cv2 = {"PySide6.QtMultimedia"}.__contains__
    env = ui_app.CAMERA_BACKEND_ENV
    assert ui_app.pick_camera_backend({}, everything) == "opencv"  # source install
    assert ui_app.pick_camera_backend({}, no_cv2) == "qt"  # the frozen bundle
    assert ui_app.pick_camera_backend({env: "qt"}, everything) == "qt"
    assert ui_app.pick_camera_backend({env: " OpenCV "}, everything) == "opencv"
    assert ui_app.pick_camera_backend({env: ""}, no_cv2) == "qt"
    with pytest.raises(NoCameraError, match=r"“opencv” .* is not installed"):
        ui_app.pick_camera_backend({env: "opencv"}, no_cv2)
    with pytest.raises(NoCameraError, match="must be “opencv” or “qt”, not “v4l”"):
        ui_app.pick_camera_backend({env: "v4l"}, everything)
    with pytest.raises(NoCameraError, match="no camera support"):
        ui_app.pick_camera_backend({}, lambda module: False)


def test_backend_modules_really_import_here(qapp: Any) -> None:
    assert ui_app.module_imports("cv2") and ui_app.module_imports("PySide6.QtMultimedia")
    assert not ui_app.module_imports("dispense_app_no_such_module")
    assert ui_app.pick_camera_backend({}) == "opencv"
    source = ui_app.webcam_source(0, {ui_app.CAMERA_BACKEND_ENV: "qt"})
    assert isinstance(source, QtCamera) and source.index == 0
    source.close()
    from scanner.camera import OpenCVCamera

    assert isinstance(ui_app.webcam_source(1, {ui_app.CAMERA_BACKEND_ENV: "opencv"}), OpenCVCamera)


# --------------------------------------------------------------------------- the camera view


def test_camera_view_shows_why_the_qt_camera_cannot_open(qtbot: QtBot) -> None:
    if QMediaDevices.videoInputs():
        pytest.skip("this machine has a camera")
    view = CameraView(lambda: ui_app.webcam_source(0, {ui_app.CAMERA_BACKEND_ENV: "qt"}))
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.failed, timeout=20_000) as blocker:
        view.start()
    assert blocker.args is not None and "No camera found" in blocker.args[0]
    assert view.message.text() == blocker.args[0]
    assert not view.running and view.toggle.text() == "Start the camera"


def test_camera_view_shows_a_missing_backend_instead_of_crashing(qtbot: QtBot) -> None:
    view = CameraView(lambda: ui_app.webcam_source(0, {ui_app.CAMERA_BACKEND_ENV: "v4l"}))
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.failed, timeout=10_000):
        view.start()
    assert "DISPENSE_APP_CAMERA_BACKEND must be" in view.message.text()
    assert not view.running


def test_camera_messages_in_german(qapp: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from dispense_app.ui import i18n

    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "i18n-cache")
    assert i18n.install_translators(qapp, "de") == "de"
    try:
        with pytest.raises(NoCameraError, match=r"^Keine Kamera gefunden"):
            pick_device(0, [])
        with pytest.raises(NoCameraError, match="muss „opencv“ oder „qt“ sein, nicht „x“"):
            ui_app.pick_camera_backend({ui_app.CAMERA_BACKEND_ENV: "x"})
    finally:
        i18n.install_translators(qapp, "en")
