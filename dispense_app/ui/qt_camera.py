"""Webcam frames through Qt Multimedia: the camera backend of the frozen build, which leaves OpenCV out.

:class:`QtCamera` is a :class:`scanner.camera.FrameSource` on ``QCamera`` + ``QMediaCaptureSession``
+ ``QVideoSink``. Qt's camera backends: Media Foundation on Windows (``windowsmediaplugin``, small,
bundled), FFmpeg in PySide6-Addons (source installs, Linux desktops).

Threads. :class:`scanner.camera.CameraLoop` calls ``open()`` and ``read()`` on its capture thread,
but Qt multimedia objects must be created, started, stopped and deleted on the thread they live on
(the GUI thread). So:

* the Qt objects belong to a small controller ``QObject`` made on the thread that makes the
  ``QtCamera`` (the GUI thread: the camera view's source factory runs there). ``open()`` and
  ``close()`` emit the controller's own signals; emitted from another thread they arrive queued on
  the GUI thread, emitted on it they run at once. The controller deletes itself (and with it the
  camera, session and sink) there when asked to stop;
* the sink's ``videoFrameChanged`` is connected *directly*, so a frame is handed over on whatever
  thread the backend delivers it (the FFmpeg backend: its own thread), without waiting for a busy
  GUI thread. The handler only puts the (implicitly shared, cheap to copy) ``QVideoFrame`` into a
  one-frame mailbox, :class:`LatestFrame`: a newer frame replaces an unread one, never a backlog;
* ``read()`` takes the newest frame out of the mailbox and converts it to a numpy array on the
  worker thread (:func:`video_frame_to_gray`): the camera's luma plane copied row by row for the
  YUV formats webcams deliver (about 0.1 ms for 1280x720), ``QVideoFrame.toImage()`` converted to
  Grayscale8 for the rest (about 9 ms for 1280x720, see docs/camera.md).

Frames are used as the sensor delivers them: a frame flagged *mirrored* (for a selfie-style
preview) is not flipped, because a mirrored DataMatrix cannot be read.

:class:`VideoSinkSource` is the frame path alone, over any ``QVideoSink`` (tests feed one with
``setVideoFrame``; a ``QMediaPlayer`` could feed one from a video file).
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import (
    QCameraPermission,
    QCoreApplication,
    QObject,
    QPermission,
    Qt,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoFrameFormat,
    QVideoSink,
)

from scanner.camera import CameraError, CameraLostError, Frame, NoCameraError

FIRST_FRAME_TIMEOUT_S = 6.0
"""How long ``open()`` waits for the first picture (cameras take 0.5-3 s to start)."""
READ_TIMEOUT_S = 0.1
"""How long ``read()`` waits for a new picture before returning None. CameraLoop gives up after 50
empty reads in a row, so a camera that freezes is reported as lost after about 5 s."""
WANTED_SIZE = (1280, 720)

_PF = QVideoFrameFormat.PixelFormat
# formats whose plane 0 is 8-bit luma, one byte per pixel: gray is that plane
_LUMA_PLANE = frozenset(
    {
        _PF.Format_Y8,
        _PF.Format_NV12,
        _PF.Format_NV21,
        _PF.Format_YUV420P,
        _PF.Format_YV12,
        _PF.Format_YUV422P,
        _PF.Format_IMC1,
        _PF.Format_IMC2,
        _PF.Format_IMC3,
        _PF.Format_IMC4,
    }
)
# packed or 16-bit formats: (bytes per pixel in plane 0, offset of the luma byte to keep)
_LUMA_STRIDED = {
    _PF.Format_YUYV: (2, 0),  # Y0 U Y1 V
    _PF.Format_UYVY: (2, 1),  # U Y0 V Y1
    _PF.Format_Y16: (2, 1),  # little-endian 16-bit: the high byte
    _PF.Format_P010: (2, 1),  # 10 bits in the top of 16: the high byte
    _PF.Format_P016: (2, 1),
}
CHEAP_FORMATS: frozenset[QVideoFrameFormat.PixelFormat] = _LUMA_PLANE | frozenset(_LUMA_STRIDED)
"""Pixel formats :func:`video_frame_to_gray` converts by copying the luma bytes (no ``toImage``)."""


# --------------------------------------------------------------------------- frame conversion


def video_frame_to_gray(frame: QVideoFrame) -> Frame | None:
    """A video frame as a (height, width) uint8 gray array that owns its pixels; None if unreadable.

    Luma formats: plane 0 mapped read-only and copied respecting ``bytesPerLine``. Anything else
    (RGB, JPEG, hardware frames that do not map): ``toImage()`` converted to Grayscale8.
    """
    width, height = frame.width(), frame.height()
    if not frame.isValid() or width <= 0 or height <= 0:
        return None
    fmt = frame.pixelFormat()
    if fmt in CHEAP_FORMATS and frame.map(QVideoFrame.MapMode.ReadOnly):
        try:
            step, offset = _LUMA_STRIDED.get(fmt, (1, 0))
            stride = frame.bytesPerLine(0)
            row = width * step
            if stride >= row and frame.mappedBytes(0) >= (height - 1) * stride + row:
                rows = np.ndarray((height, row), dtype=np.uint8, buffer=frame.bits(0), strides=(stride, 1))
                return (rows[:, offset::step] if step > 1 else rows).copy()  # owned: the mapping ends below
        finally:
            frame.unmap()
    return _gray_via_image(frame)


def _gray_via_image(frame: QVideoFrame) -> Frame | None:
    image = frame.toImage()
    if image.isNull():
        return None
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    stride = gray.bytesPerLine()
    rows = np.frombuffer(gray.constBits(), dtype=np.uint8, count=stride * gray.height())
    return rows.reshape(gray.height(), stride)[:, : gray.width()].copy()  # owned: gray is freed on return


# --------------------------------------------------------------------------- choices


@dataclass(frozen=True, slots=True)
class FormatOption:
    """What matters of a camera format for choosing one (a ``QCameraFormat``, without Qt)."""

    width: int
    height: int
    max_fps: float
    cheap: bool  # frames convert by copying luma bytes (see CHEAP_FORMATS)


def choose_format(
    options: Sequence[FormatOption], wanted: tuple[int, int] = WANTED_SIZE, min_fps: float = 15.0
) -> int | None:
    """Index of the best format: at least ``min_fps``, closest in pixel count to ``wanted``, cheap to
    convert, fastest; None if there are no options (the camera's default format is kept)."""
    if not options:
        return None
    target = wanted[0] * wanted[1]

    def key(i: int) -> tuple[bool, float, bool, float]:
        o = options[i]
        distance = abs(math.log(max(1, o.width * o.height) / target))
        return (o.max_fps < min_fps, round(distance, 3), not o.cheap, -o.max_fps)

    return min(range(len(options)), key=key)


def media_backend_plugins() -> list[str]:
    """File names of the Qt Multimedia backends Qt can load (``multimedia`` in its plugin folders).

    Without one Qt lists no cameras; a build that left the backend out must not say "no camera
    found, check the cable".
    """
    found: list[str] = []
    for base in QCoreApplication.libraryPaths():
        folder = Path(base) / "multimedia"
        if folder.is_dir():
            found += sorted(p.name for p in folder.iterdir() if p.suffix in (".so", ".dll", ".dylib"))
    return found


def pick_device(index: int, names: Sequence[str]) -> int:
    """Check ``index`` against the cameras found (their names); raise NoCameraError saying what to do."""
    if not names:
        raise NoCameraError(
            QCoreApplication.translate(
                "QtCamera", "No camera found. Check that a webcam is connected and not in use by another program."
            )
        )
    if not 0 <= index < len(names):
        raise NoCameraError(
            QCoreApplication.translate(
                "QtCamera",
                "There is no camera number {index}. Cameras found: {names}. "
                "Choose a camera number from 0 to {last} in the settings.",
            ).format(index=index, names=", ".join(f"{i}: {n}" for i, n in enumerate(names)), last=len(names) - 1)
        )
    return index


def _permission_denied() -> NoCameraError:
    return NoCameraError(
        QCoreApplication.translate(
            "QtCamera",
            "This app may not use the camera: access was denied. Allow camera access for desktop apps "
            "(Windows: Settings > Privacy & security > Camera).",
        )
    )


# --------------------------------------------------------------------------- the mailbox


class LatestFrame:
    """The newest video frame, handed from the thread that receives frames to the one that reads them.

    Holds at most one frame: a frame that arrives before the previous one was taken replaces it
    (counted in :attr:`dropped`). Accepts frames only between :meth:`open` and :meth:`close`.
    Carries a failure too (:meth:`fail`), so a reader waiting for frames learns why none come.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._frame: QVideoFrame | None = None
        self._accepting = False
        self._closed = False
        self.received = 0
        self.dropped = 0
        self.failure: CameraError | None = None

    def open(self) -> None:
        with self._cond:
            self._accepting = not self._closed

    def offer(self, frame: QVideoFrame) -> None:
        """Keep ``frame`` as the newest (any thread; the sink's ``videoFrameChanged`` handler)."""
        if not frame.isValid():  # a backend stopping sends an empty frame
            return
        copy = QVideoFrame(frame)  # shares the buffer; independent of the signal argument
        with self._cond:
            if not self._accepting:
                return
            if self._frame is not None:
                self.dropped += 1
            self._frame = copy
            self.received += 1
            self._cond.notify_all()

    def take(self, timeout: float) -> QVideoFrame | None:
        """The newest frame not taken yet, waiting up to ``timeout`` s; None if none came or closed."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._frame is None and not self._closed and self.failure is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._cond.wait(remaining)
            frame, self._frame = self._frame, None
            return None if self._closed else frame

    def wait_first(self, timeout: float) -> bool:
        """Wait until a frame has arrived (True), or a failure, closing or the timeout (False)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self.received == 0 and not self._closed and self.failure is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            return self.received > 0 and not self._closed and self.failure is None

    def fail(self, error: CameraError) -> None:
        with self._cond:
            if self.failure is None:
                self.failure = error
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._accepting = False
            self._frame = None
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        with self._cond:
            return self._closed


# --------------------------------------------------------------------------- sources


class VideoSinkSource:
    """A FrameSource over a ``QVideoSink``: frames from whatever feeds the sink.

    ``open()`` and ``read()`` block, so they must run on a worker thread (CameraLoop's capture
    thread), never on the sink's thread: that thread may have to deliver the frames. ``close()`` is
    safe from any thread, any number of times.
    """

    def __init__(
        self,
        sink: QVideoSink,
        *,
        name: str = "video",
        first_frame_timeout_s: float = FIRST_FRAME_TIMEOUT_S,
        read_timeout_s: float = READ_TIMEOUT_S,
        mailbox: LatestFrame | None = None,
    ) -> None:
        self.sink = sink
        self.name = name
        self.first_frame_timeout_s = first_frame_timeout_s
        self.read_timeout_s = read_timeout_s
        self.mailbox = mailbox if mailbox is not None else LatestFrame()
        self.frames_read = 0
        self._sink_thread = sink.thread()  # kept: the sink itself may be deleted by the time open() runs
        self._close_lock = threading.Lock()
        self._closed = False
        sink.videoFrameChanged.connect(self.mailbox.offer, Qt.ConnectionType.DirectConnection)

    def open(self) -> None:
        if self.mailbox.closed:
            raise CameraLostError(QCoreApplication.translate("QtCamera", "The camera was closed."))
        if QThread.currentThread() == self._sink_thread:
            raise RuntimeError(f"{type(self).__name__}.open() blocks: call it on a worker thread, not the sink's")
        self.mailbox.open()
        self._start()
        if not self.mailbox.wait_first(self.first_frame_timeout_s):
            error = self.mailbox.failure or NoCameraError(
                QCoreApplication.translate(
                    "QtCamera",
                    "No picture from the camera within {seconds} seconds. It may be in use by another program.",
                ).format(seconds=f"{self.first_frame_timeout_s:g}")
            )
            self.close()
            raise error

    def read(self) -> Frame | None:
        frame = self.mailbox.take(self.read_timeout_s)
        if frame is None:
            return None
        gray = video_frame_to_gray(frame)
        if gray is not None:
            self.frames_read += 1
        return gray

    @property
    def ended(self) -> bool:
        return False

    def close(self) -> None:
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
        self.mailbox.close()
        self._release()

    def interrupt(self) -> None:
        """Wake a blocked ``open()``/``read()`` from another thread (``CameraLoop.stop`` calls it):
        closing is safe from any thread."""
        self.close()

    @property
    def frames_dropped(self) -> int:
        """Frames replaced by a newer one before ``read()`` took them."""
        return self.mailbox.dropped

    # -- hooks for subclasses ------------------------------------------------------------------

    def _start(self) -> None:
        """Make frames flow (nothing to do for a sink fed from outside)."""

    def _release(self) -> None:
        with contextlib.suppress(RuntimeError, TypeError):  # the sink is gone: nothing left to disconnect
            self.sink.videoFrameChanged.disconnect(self.mailbox.offer)


class _CameraController(QObject):
    """QCamera + QMediaCaptureSession + QVideoSink, living on the thread that made it (the GUI thread).

    Parented to the application (when made on its thread), so Python's garbage collector never
    deletes it from a worker; it deletes itself with ``deleteLater`` when stopped.
    """

    start_requested = Signal()
    stop_requested = Signal()

    def __init__(self, index: int, wanted: tuple[int, int]) -> None:
        app = QCoreApplication.instance()
        on_app_thread = app is not None and app.thread() == QThread.currentThread()
        super().__init__(app if on_app_thread else None)
        self.index = index
        self.wanted = wanted
        self.mailbox = LatestFrame()
        self.sink = QVideoSink(self)
        self.camera: QCamera | None = None
        self.session: QMediaCaptureSession | None = None
        self.description = ""
        self._stopped = False
        self.start_requested.connect(self._start)  # queued when emitted from another thread
        self.stop_requested.connect(self._stop)

    @Slot()
    def _start(self) -> None:
        if self._stopped or self.camera is not None:
            return
        try:
            app = QCoreApplication.instance()
            if app is not None:
                status = app.checkPermission(QCameraPermission())
                if status == Qt.PermissionStatus.Denied:
                    raise _permission_denied()
                if status == Qt.PermissionStatus.Undetermined:  # macOS-style prompt; desktops say Granted
                    app.requestPermission(QCameraPermission(), self, self._on_permission)
                    return
            self._start_camera()
        except CameraError as exc:
            self.mailbox.fail(exc)

    def _on_permission(self, permission: QPermission) -> None:
        if permission.status() == Qt.PermissionStatus.Granted:
            try:
                self._start_camera()
            except CameraError as exc:
                self.mailbox.fail(exc)
        else:
            self.mailbox.fail(_permission_denied())

    def _start_camera(self) -> None:
        if self._stopped:
            return
        devices = QMediaDevices.videoInputs()
        if not devices and not media_backend_plugins():
            raise NoCameraError(
                QCoreApplication.translate(
                    "QtCamera", "This installation has no Qt Multimedia backend, so it cannot use a camera."
                )
            )
        device = devices[pick_device(self.index, [d.description() for d in devices])]
        self.description = device.description()
        camera = QCamera(device, self)
        formats = device.videoFormats()
        best = choose_format(
            [
                FormatOption(
                    f.resolution().width(), f.resolution().height(), f.maxFrameRate(), f.pixelFormat() in CHEAP_FORMATS
                )
                for f in formats
            ],
            self.wanted,
        )
        if best is not None:
            camera.setCameraFormat(formats[best])
        camera.errorOccurred.connect(self._on_error)
        session = QMediaCaptureSession(self)
        session.setCamera(camera)
        session.setVideoSink(self.sink)
        self.camera, self.session = camera, session
        camera.start()
        if camera.error() != QCamera.Error.NoError:
            self._on_error(camera.error(), camera.errorString())

    @Slot(QCamera.Error, str)
    def _on_error(self, error: QCamera.Error, text: str) -> None:
        name = self.description or str(self.index)
        if self.mailbox.received == 0:
            self.mailbox.fail(
                NoCameraError(
                    QCoreApplication.translate(
                        "QtCamera",
                        "Camera {name} could not start ({reason}). It may be in use by another program, "
                        "or camera access may be turned off in the privacy settings.",
                    ).format(name=name, reason=text or str(error))
                )
            )
        else:
            self.mailbox.fail(
                CameraLostError(
                    QCoreApplication.translate("QtCamera", "Camera {name} stopped working ({reason}).").format(
                        name=name, reason=text or str(error)
                    )
                )
            )

    @Slot()
    def _stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self.camera is not None:
            self.camera.stop()
        if self.session is not None:
            self.session.setVideoSink(None)  # type: ignore[arg-type]  # Qt: a null sink detaches
        self.deleteLater()  # with the camera, session and sink (children)


class QtCamera(VideoSinkSource):
    """A webcam through Qt Multimedia, selected by index into ``QMediaDevices.videoInputs()``.

    Make it on the GUI thread (its Qt objects live there); open and read it on a worker thread
    (CameraLoop does); close it from anywhere. Prefers a format near ``width`` x ``height``.
    """

    def __init__(
        self,
        index: int = 0,
        *,
        width: int = WANTED_SIZE[0],
        height: int = WANTED_SIZE[1],
        first_frame_timeout_s: float = FIRST_FRAME_TIMEOUT_S,
        read_timeout_s: float = READ_TIMEOUT_S,
    ) -> None:
        if index < 0:
            raise ValueError("camera index must be >= 0")
        self.index = index
        controller = _CameraController(index, (width, height))
        self._controller: _CameraController | None = controller
        super().__init__(
            controller.sink,
            name=f"camera {index}",
            first_frame_timeout_s=first_frame_timeout_s,
            read_timeout_s=read_timeout_s,
            mailbox=controller.mailbox,
        )

    def _start(self) -> None:
        controller = self._controller
        if controller is not None:
            controller.start_requested.emit()

    def _release(self) -> None:
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop_requested.emit()  # the sink goes with the controller: no disconnect needed
