"""Webcam scanning: a capture loop in worker threads that never blocks its caller.

Two threads per :class:`CameraLoop`:

* the *capture* thread reads frames from a :class:`FrameSource` as fast as the source delivers
  them and keeps only the latest one (a camera buffers frames; decoding a stale one makes the
  preview lag behind the hand holding the pack);
* the *decode* thread takes the latest frame whenever it is free, so frames that arrive while a
  decode runs are dropped, never queued.

A code held in front of the camera is reported once: the same content seen again within
``hold_s`` seconds of its last sighting is suppressed (every sighting renews the hold), so a pack
taken away and shown again after the hold is reported again.

Results go to callbacks (called on the decode thread: a GUI must hand them to its own thread, e.g.
with a queued Qt signal) and to a thread-safe queue. :meth:`CameraLoop.stop` may be called from any
thread, any number of times. No Qt here: the counter window wraps this loop in dispense_app/ui.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from scanner.decoding import Decoded
    from scanner.scan_event import ScanEvent

Frame = npt.NDArray[np.uint8]


class CameraError(Exception):
    """A camera problem the user can act on; ``str(exc)`` is the message to show."""


class NoCameraError(CameraError):
    """No camera at the requested index (none connected, or in use by another program)."""


class CameraLostError(CameraError):
    """The camera stopped delivering frames (unplugged, or taken by another program)."""


@runtime_checkable
class FrameSource(Protocol):
    """Where frames come from: a webcam, or (in tests and benchmarks) image files or arrays."""

    name: str

    def open(self) -> None:
        """Start delivering frames; raise :class:`CameraError` with a clear message if impossible."""
        ...

    def read(self) -> Frame | None:
        """Block until the next frame (BGR or gray uint8) and return it; None if no frame came."""
        ...

    @property
    def ended(self) -> bool:
        """True when the source has no more frames (a finite file source); a camera never ends."""
        ...

    def close(self) -> None: ...


def interrupt_source(source: FrameSource) -> None:
    """Wake a source blocked in ``open()`` or ``read()``, if it can be woken from another thread.

    A source may offer ``interrupt()`` (safe from any thread, any number of times; e.g. the Qt
    camera, whose ``open()`` waits up to seconds for a first picture). OpenCV's VideoCapture cannot
    be released while another thread reads it, so sources without ``interrupt()`` are left alone
    and finish their current call."""
    interrupt = getattr(source, "interrupt", None)
    if callable(interrupt):
        interrupt()


# --------------------------------------------------------------------------- sources


class OpenCVCamera:
    """A webcam through OpenCV's VideoCapture, selected by index (0 = the first camera)."""

    def __init__(self, index: int = 0, *, width: int | None = 1280, height: int | None = 720) -> None:
        if index < 0:
            raise ValueError("camera index must be >= 0")
        self.index = index
        self.width = width
        self.height = height
        self.name = f"camera {index}"
        self._cap: Any = None

    def open(self) -> None:
        import cv2

        logging = cv2.utils.logging
        level = logging.getLogLevel()
        logging.setLogLevel(logging.LOG_LEVEL_ERROR)  # no backend-probing warnings; we raise a clear error
        try:
            cap = cv2.VideoCapture(self.index)
        finally:
            logging.setLogLevel(level)
        if not cap.isOpened():
            cap.release()
            raise NoCameraError(
                f"No camera found at index {self.index}. Check that a webcam is connected and not in use "
                "by another program, or choose another camera index."
            )
        if self.width and self.height:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # the latest frame, not a backlog (where the driver allows)
        ok, _ = cap.read()
        if not ok:
            cap.release()
            raise NoCameraError(
                f"Camera {self.index} opened but delivers no picture. It may be in use by another program."
            )
        self._cap = cap

    def read(self) -> Frame | None:
        if self._cap is None:
            return None
        ok, frame = self._cap.read()
        return np.asarray(frame, dtype=np.uint8) if ok and frame is not None else None

    @property
    def ended(self) -> bool:
        return False

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


def list_cameras(max_index: int = 4) -> list[int]:
    """Indices of the cameras that open (slow: opens each one; for a settings dialog, not a loop)."""
    import cv2

    found = []
    for i in range(max_index + 1):
        cap = cv2.VideoCapture(i)
        try:
            if cap.isOpened():
                found.append(i)
        finally:
            cap.release()
    return found


class ArraySource:
    """Frames from a sequence of arrays, optionally paced at ``fps`` and looped: a fake camera.

    ``count`` limits the total number of frames delivered (None: the sequence once, or forever
    when looping).
    """

    def __init__(
        self,
        frames: Sequence[Frame],
        *,
        fps: float | None = None,
        loop: bool = False,
        count: int | None = None,
        name: str = "frames",
    ) -> None:
        if not frames:
            raise ValueError("ArraySource needs at least one frame")
        self.frames = list(frames)
        self.fps = fps
        self.loop = loop
        self.count = count
        self.name = name
        self.delivered = 0
        self._next_at = 0.0
        self._open = False

    def open(self) -> None:
        self._open = True
        self._next_at = time.monotonic()

    @property
    def ended(self) -> bool:
        if self.count is not None:
            return self.delivered >= self.count
        return not self.loop and self.delivered >= len(self.frames)

    def read(self) -> Frame | None:
        if not self._open or self.ended:
            return None
        if self.fps:
            delay = self._next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self._next_at = max(self._next_at + 1.0 / self.fps, time.monotonic() - 1.0 / self.fps)
        frame = self.frames[self.delivered % len(self.frames)]
        self.delivered += 1
        return frame

    def close(self) -> None:
        self._open = False


class ImageFileSource(ArraySource):
    """A fake camera playing image files (PNG, JPEG, WebP ...) as frames.

    Frames are BGR (H, W, 3) uint8 like a colour webcam's, whatever the file holds (gray, palette,
    16-bit; transparency laid on white). Decoded with Pillow (:func:`scanner.decoding.images.load_bgr`),
    so this source works without OpenCV.
    """

    def __init__(self, paths: Iterable[str | Path], **kwargs: Any) -> None:
        from scanner.decoding.images import load_bgr
        from scanner.decoding.result import ImageError

        frames = []
        for p in paths:
            try:
                frames.append(load_bgr(p))
            except ImageError as exc:  # "<path>: no such file", "...: not a readable image (...)", ...
                raise CameraError(str(exc)) from None
        kwargs.setdefault("name", "image files")
        super().__init__(frames, **kwargs)


# --------------------------------------------------------------------------- the loop


@dataclass(frozen=True, slots=True)
class ScanHit:
    """A code the camera read, reported once per hold period."""

    code: Decoded
    frame_index: int
    at: float  # the loop's clock (time.monotonic() by default) when the frame's decode finished

    def to_scan_event(self) -> ScanEvent:
        """The hit as the app's common scan record (raw bytes, AIM id, source and entry mode camera)."""
        from scanner.entry_mode import EntryMode
        from scanner.scan_event import ScanEvent, ScanSource

        return ScanEvent(self.code.raw, ScanSource.CAMERA, EntryMode.CAMERA, aim=self.code.symbology)


@dataclass(frozen=True, slots=True)
class CameraStats:
    frames_captured: int
    frames_decoded: int
    frames_dropped: int  # captured but never decoded (arrived while a decode was running)
    capture_fps: float  # over the last few seconds
    decode_fps: float
    last_decode_ms: float
    mean_decode_ms: float  # over the last few seconds
    hits: int
    running: bool


Decoder = Callable[[Frame], "list[Decoded]"]


CAMERA_STEPS = ("denoise", "otsu")


def default_decoder(steps: Sequence[str] = CAMERA_STEPS) -> Decoder:
    """zxing's fast path on every frame, plus *one* cascade step per frame, taking turns.

    A live picture changes little from one frame to the next, so spreading the cascade over
    consecutive frames finds what the whole cascade would, at a fraction of the cost per frame.
    The 2x upscale step is left out by default: on a 720p frame it costs more than a frame period,
    and a code too small for the camera is better brought closer.
    """
    from scanner.decoding import decode

    turn = [0]

    def run(frame: Frame) -> list[Decoded]:
        step = steps[turn[0] % len(steps)] if steps else None
        turn[0] += 1
        return decode(frame, steps=(step,) if step else (), cascade=bool(step))

    return run


@dataclass
class _Window:
    """Timestamps (and values) of the last ``span`` seconds, for rates and means."""

    span: float = 3.0
    items: deque[tuple[float, float]] = field(default_factory=deque)

    def add(self, t: float, value: float = 0.0) -> None:
        self.items.append((t, value))
        while self.items and self.items[0][0] < t - self.span:
            self.items.popleft()

    def rate(self, now: float) -> float:
        while self.items and self.items[0][0] < now - self.span:
            self.items.popleft()
        if len(self.items) < 2:
            return 0.0
        elapsed = max(now - self.items[0][0], 1e-6)
        return (len(self.items) - 1) / elapsed if elapsed < self.span else len(self.items) / self.span

    def mean(self) -> float:
        return sum(v for _, v in self.items) / len(self.items) if self.items else 0.0


class CameraLoop:
    """Capture + decode in worker threads; see the module docstring.

    ``on_hit(ScanHit)`` fires for every new code, ``on_frame(frame, codes)`` after every decoded
    frame (for a preview with outlines), ``on_error(CameraError)`` once if the source cannot open or
    is lost. All three run on the decode thread. Hits are also put on :attr:`hits` (a queue).
    """

    def __init__(
        self,
        source: FrameSource,
        *,
        decoder: Decoder | None = None,
        hold_s: float = 2.0,
        on_hit: Callable[[ScanHit], None] | None = None,
        on_frame: Callable[[Frame, list[Decoded]], None] | None = None,
        on_error: Callable[[CameraError], None] | None = None,
        max_read_failures: int = 50,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if hold_s < 0:
            raise ValueError("hold_s must be >= 0")
        self.source = source
        self.decoder = decoder or default_decoder()
        self.hold_s = hold_s
        self.on_hit = on_hit
        self.on_frame = on_frame
        self.on_error = on_error
        self.max_read_failures = max_read_failures
        self.clock = clock  # for the hold time; tests pass a fake clock
        self.hits: queue.Queue[ScanHit] = queue.Queue()
        self.error: CameraError | None = None

        self._lock = threading.Lock()
        self._frame_ready = threading.Condition(self._lock)
        self._latest: tuple[int, Frame] | None = None
        self._stop = threading.Event()
        self._capture_done = threading.Event()
        self._threads: list[threading.Thread] = []
        self._last_seen: dict[bytes, float] = {}
        self._captured = 0
        self._decoded = 0
        self._hits = 0
        self._last_ms = 0.0
        self._capture_times = _Window()
        self._decode_times = _Window()
        self._started = False

    # -- control -------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the threads and return at once (the source opens on the capture thread)."""
        with self._lock:
            if self._started:
                raise RuntimeError("CameraLoop already started")
            self._started = True
        capture = threading.Thread(target=self._capture_loop, name=f"camera-capture ({self.source.name})", daemon=True)
        decode = threading.Thread(target=self._decode_loop, name=f"camera-decode ({self.source.name})", daemon=True)
        self._threads = [capture, decode]
        capture.start()
        decode.start()

    def stop(self, timeout: float = 2.0) -> bool:
        """Ask the threads to finish and wait up to ``timeout`` s; True if they did. Safe from any thread.

        A source that can be interrupted (see :func:`interrupt_source`) is woken at once, so a
        stop while the camera is still opening does not wait for the open to time out."""
        self._stop.set()
        with self._lock:
            self._frame_ready.notify_all()
        if self._started:
            interrupt_source(self.source)
        deadline = time.monotonic() + timeout
        current = threading.current_thread()
        for t in self._threads:
            if t is not current:
                t.join(max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in self._threads if t is not current)

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the loop has finished by itself (a finite source ran out, or an error)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for t in self._threads:
            t.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return not self.running

    def stats(self) -> CameraStats:
        now = time.monotonic()
        with self._lock:
            return CameraStats(
                frames_captured=self._captured,
                frames_decoded=self._decoded,
                frames_dropped=max(0, self._captured - self._decoded - (1 if self._latest else 0)),
                capture_fps=self._capture_times.rate(now),
                decode_fps=self._decode_times.rate(now),
                last_decode_ms=self._last_ms,
                mean_decode_ms=self._decode_times.mean(),
                hits=self._hits,
                running=self.running,
            )

    # -- threads -------------------------------------------------------------------------------

    def _fail(self, error: CameraError) -> None:
        self.error = error
        self._stop.set()
        with self._lock:
            self._frame_ready.notify_all()
        if self.on_error is not None:
            self.on_error(error)

    def _capture_loop(self) -> None:
        try:
            try:
                self.source.open()
            except CameraError as exc:
                self._fail(exc)
                return
            except Exception as exc:  # a driver error is still "the camera does not work"
                self._fail(NoCameraError(f"{self.source.name}: could not open ({type(exc).__name__}: {exc})"))
                return
            failures = 0
            while not self._stop.is_set():
                frame = self.source.read()
                if frame is None:
                    if self.source.ended:
                        break
                    failures += 1
                    if failures >= self.max_read_failures:
                        self._fail(CameraLostError(f"{self.source.name} stopped delivering pictures."))
                        break
                    time.sleep(0.01)
                    continue
                failures = 0
                with self._lock:
                    self._captured += 1
                    self._capture_times.add(time.monotonic())
                    self._latest = (self._captured, frame)
                    self._frame_ready.notify()
        finally:
            try:
                self.source.close()
            finally:
                self._capture_done.set()
                with self._lock:
                    self._frame_ready.notify_all()

    def _decode_loop(self) -> None:
        while True:
            with self._lock:
                while self._latest is None and not self._stop.is_set() and not self._capture_done.is_set():
                    self._frame_ready.wait(0.5)
                if self._latest is None or self._stop.is_set():
                    return  # stopped, or the source ended and every last frame was decoded
                index, frame = self._latest
                self._latest = None
            t0 = time.perf_counter()
            try:
                codes = self.decoder(frame)
            except Exception:  # a frame the decoder chokes on is a frame without a code
                codes = []
            ms = (time.perf_counter() - t0) * 1000.0
            with self._lock:
                self._decoded += 1
                self._last_ms = ms
                self._decode_times.add(time.monotonic(), ms)
            now = self.clock()
            new = [c for c in codes if self._is_new(c.raw, now)]
            for code in new:
                hit = ScanHit(code, index, now)
                with self._lock:
                    self._hits += 1
                self.hits.put(hit)
                if self.on_hit is not None:
                    self.on_hit(hit)
            if self.on_frame is not None:
                self.on_frame(frame, codes)

    def _is_new(self, raw: bytes, now: float) -> bool:
        last = self._last_seen.get(raw)
        self._last_seen[raw] = now
        if len(self._last_seen) > 256:  # forget codes not seen for a long time
            for key in [k for k, t in self._last_seen.items() if now - t > self.hold_s]:
                del self._last_seen[key]
        return last is None or now - last > self.hold_s
