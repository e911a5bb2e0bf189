"""The camera view: a live preview with each detected code outlined; codes go the same way as scans.

It wraps :class:`scanner.camera.CameraLoop` (capture and decode on their own threads, frames
dropped rather than queued, a code held in view reported once). The loop's callbacks run on its
decode thread: they only park the newest frame and the new hits under a lock and ping the UI thread
through a queued signal; every widget update happens on the UI thread. Hits become
:class:`~scanner.scan_event.ScanEvent` values with entry mode *camera* (:attr:`CameraView.scanned`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from dispense_app.ui import palette
from dispense_app.ui.tasks import require_ui_thread

SourceFactory = Callable[[], Any]  # -> scanner.camera.FrameSource


def frame_to_image(frame: Any) -> QImage:
    """A grayscale (H, W) or BGR (H, W, 3) uint8 frame as a QImage that owns its pixels."""
    height, width = frame.shape[:2]
    if frame.ndim == 2:
        image = QImage(frame.data, width, height, int(frame.strides[0]), QImage.Format.Format_Grayscale8)
    else:
        image = QImage(frame.data, width, height, int(frame.strides[0]), QImage.Format.Format_BGR888)
    return image.copy()  # detach from the numpy buffer


class CameraView(QWidget):
    """Start/stop the camera, show the preview with outlines, emit each new code as a ScanEvent."""

    scanned = Signal(object)  # ScanEvent (entry mode camera), on the UI thread
    frame_shown = Signal()
    failed = Signal(str)
    _ping = Signal()  # emitted on the decode thread; delivered (queued) on the UI thread

    def __init__(self, source_factory: SourceFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraView")
        self.source_factory = source_factory
        self.loop: Any = None
        self._lock = threading.Lock()
        self._frame: tuple[Any, list[Any]] | None = None
        self._hits: list[Any] = []
        self._error: str | None = None
        self.frames_shown = 0

        self.preview = QLabel(self)
        self.preview.setObjectName("cameraPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(320, 240)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setStyleSheet(palette.PREVIEW_STYLE)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        font = QFont()
        font.setPointSize(13)
        self.message.setFont(font)
        self.toggle = QPushButton(self)
        self.toggle.clicked.connect(self.toggle_camera)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.toggle)
        self._ping.connect(self._on_ping)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("dispense-app — camera"))
        self.toggle.setText(self.tr("Stop the camera") if self.running else self.tr("Start the camera"))
        self.preview.setAccessibleName(self.tr("Camera preview; detected codes are outlined"))
        if not self.running and not self._error:
            self.message.setText(self.tr("Hold the pack's DataMatrix code in front of the camera."))

    @property
    def running(self) -> bool:
        return self.loop is not None and bool(self.loop.running)

    # ------------------------------------------------------------------ start / stop
    @Slot()
    def toggle_camera(self) -> None:
        if self.running:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        """Open the camera and start capturing (opening happens on the loop's own thread)."""
        require_ui_thread("CameraView.start")
        from scanner.camera import CameraLoop

        self.stop()
        self._error = None
        try:
            source = self.source_factory()
            loop = CameraLoop(source, on_hit=self._park_hit, on_frame=self._park_frame, on_error=self._park_error)
            loop.start()
        except Exception as exc:  # a camera that cannot even be set up: say so, never crash
            self._show_error(str(exc))
            return
        self.loop = loop
        self.message.setText(self.tr("Camera on: hold the code still, about 15 cm away."))
        self.retranslate()

    def stop(self) -> None:
        if self.loop is not None:
            self.loop.stop()
            self.loop = None
        self.retranslate()

    def closeEvent(self, event: Any) -> None:
        self.stop()
        super().closeEvent(event)

    # ------------------------------------------------------------------ decode thread side
    def _park_frame(self, frame: Any, codes: list[Any]) -> None:
        with self._lock:
            self._frame = (frame, list(codes))
        self._ping.emit()

    def _park_hit(self, hit: Any) -> None:
        with self._lock:
            self._hits.append(hit)
        self._ping.emit()

    def _park_error(self, error: Exception) -> None:
        with self._lock:
            self._error = str(error)
        self._ping.emit()

    # ------------------------------------------------------------------ UI thread side
    @Slot()
    def _on_ping(self) -> None:
        require_ui_thread("CameraView._on_ping")
        with self._lock:
            frame, self._frame = self._frame, None
            hits, self._hits = self._hits, []
            error = self._error
        if frame is not None:
            self._show_frame(*frame)
        for hit in hits:
            self.message.setText(self.tr("Read: {code}").format(code=hit.code.visible))
            self.scanned.emit(hit.to_scan_event())
        if error is not None and self.loop is not None:
            self.loop = None
            self._show_error(error)

    def _show_frame(self, frame: Any, codes: list[Any]) -> None:
        image = frame_to_image(frame).convertToFormat(QImage.Format.Format_RGB888)
        painter = QPainter(image)
        try:  # end() always: a painter left open on a deleted image crashes Qt
            painter.setPen(QPen(QColor(palette.CODE_FOUND), max(3, image.width() // 200)))
            for code in codes:
                painter.drawPolygon(QPolygonF([QPointF(float(p.x), float(p.y)) for p in code.corners]))
        finally:
            painter.end()
        pixmap = QPixmap.fromImage(image).scaled(
            self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.preview.setPixmap(pixmap)
        self.frames_shown += 1
        self.frame_shown.emit()

    def _show_error(self, text: str) -> None:
        self._error = text
        self.message.setText(text)
        self.message.setStyleSheet(palette.ERROR_TEXT)
        self.retranslate()
        self.failed.emit(text)
