"""The camera loop, driven by fake frame sources (image files, arrays); no real camera needed."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import numpy as np
import pytest

from scanner.camera import (
    ArraySource,
    CameraError,
    CameraLoop,
    CameraLostError,
    Frame,
    FrameSource,
    ImageFileSource,
    NoCameraError,
    OpenCVCamera,
    ScanHit,
)
from scanner.decoding import Decoded, decode
from scanner.decoding.synthetic import camera_frame, gs1_pack_hri, render_code


def _codes(n: int, seed: int = 3) -> list[tuple[np.ndarray, bytes]]:
    rng = random.Random(seed)
    return [render_code(gs1_pack_hri(rng), gs1=True, module_px=5) for _ in range(n)]


def _frame(code: np.ndarray | None, seed: int) -> Frame:
    return camera_frame(code, random.Random(seed), size=(360, 480))


def test_protocol_is_met_by_the_sources(tmp_path: Path) -> None:
    assert isinstance(ArraySource([np.zeros((4, 4), np.uint8)]), FrameSource)
    assert isinstance(OpenCVCamera(0), FrameSource)


def test_image_file_source_reports_each_code_once(tmp_path: Path) -> None:
    from PIL import Image

    (a, raw_a), (b, raw_b) = _codes(2)
    sequence = [a, a, None, a, b, b, None, b, a]  # a held, b held, then a again
    paths = []
    for i, code in enumerate(sequence):
        path = tmp_path / f"frame{i}.png"
        Image.fromarray(_frame(code, i)).save(path)
        paths.append(path)
    hits: list[ScanHit] = []
    source = _Lockstep(ImageFileSource(paths))
    loop = CameraLoop(source, decoder=_StepDecoder(source), hold_s=1000.0, on_hit=hits.append)
    loop.start()
    assert loop.wait(60)
    assert [h.code.raw for h in hits] == [raw_a, raw_b]  # the second sighting of a is within the hold
    stats = loop.stats()
    assert stats.frames_captured == len(sequence) and stats.frames_decoded == len(sequence)
    assert stats.hits == 2 and not stats.running
    assert loop.hits.qsize() == 2


def test_image_file_source_gives_bgr_frames_and_clear_errors(tmp_path: Path) -> None:
    """Frames are BGR like a webcam's, whatever the file holds; decoded by Pillow, no OpenCV."""
    from PIL import Image

    gray = _frame(None, 1)
    Image.fromarray(gray).save(tmp_path / "gray.png")
    rgb = np.zeros((4, 6, 3), np.uint8)
    rgb[..., 0] = 200  # red
    Image.fromarray(rgb).save(tmp_path / "red.png")
    source = ImageFileSource([tmp_path / "gray.png", tmp_path / "red.png"])
    source.open()
    first, second = source.read(), source.read()
    assert first is not None and first.shape == (*gray.shape, 3) and first.dtype == np.uint8
    assert np.array_equal(first[..., 0], gray) and np.array_equal(first[..., 2], gray)
    assert second is not None and second[0, 0].tolist() == [0, 0, 200]
    (tmp_path / "junk.png").write_bytes(b"\x89PNG but not really")
    with pytest.raises(CameraError, match=r"junk\.png"):
        ImageFileSource([tmp_path / "junk.png"])
    with pytest.raises(CameraError, match="no such file"):
        ImageFileSource([tmp_path / "missing.png"])


class _Lockstep:
    """Wraps a source so each frame is only delivered after the previous one was decoded."""

    def __init__(self, inner: ArraySource) -> None:
        self.inner = inner
        self.name = inner.name
        self.decoded = threading.Semaphore(1)

    def open(self) -> None:
        self.inner.open()

    def read(self) -> Frame | None:
        self.decoded.acquire()
        return self.inner.read()

    @property
    def ended(self) -> bool:
        return self.inner.ended

    def close(self) -> None:
        self.inner.close()


class _StepDecoder:
    def __init__(self, source: _Lockstep) -> None:
        self.source = source

    def __call__(self, frame: Frame) -> list[Decoded]:
        try:
            return decode(frame)
        finally:
            self.source.decoded.release()


def _lockstep_loop(frames: list[Frame], clock: list[float], hold_s: float, step: float) -> list[bytes]:
    source = _Lockstep(ArraySource(frames))
    hits: list[ScanHit] = []
    decoder = _StepDecoder(source)

    def timed(frame: Frame) -> list[Decoded]:
        clock[0] += step
        return decoder(frame)

    loop = CameraLoop(source, decoder=timed, hold_s=hold_s, on_hit=hits.append, clock=lambda: clock[0])
    loop.start()
    assert loop.wait(60)
    return [h.code.raw for h in hits]


def test_hold_time_de_duplicates_and_expires() -> None:
    (a, raw_a), (b, raw_b) = _codes(2, seed=9)
    frames = [_frame(a, 1), _frame(a, 2), _frame(None, 3), _frame(None, 4), _frame(None, 5), _frame(a, 6)]
    # one second per frame: a is seen at t=1, 2; gone 3-5; back at t=6, 4 s after its last sighting
    assert _lockstep_loop(frames, [0.0], hold_s=2.0, step=1.0) == [raw_a, raw_a]
    assert _lockstep_loop(frames, [0.0], hold_s=5.0, step=1.0) == [raw_a]
    # every sighting renews the hold: a code held in view for long is reported once
    held = [_frame(a, i) for i in range(6)] + [_frame(b, 7)]
    assert _lockstep_loop(held, [0.0], hold_s=1.5, step=1.0) == [raw_a, raw_b]


def test_frames_arriving_during_a_decode_are_dropped() -> None:
    """The decoder is busy while the source delivers everything: only the latest frame is decoded next."""
    frames = [np.full((32, 32), i, np.uint8) for i in range(20)]
    all_delivered = threading.Event()
    source = ArraySource(frames)
    original_read = source.read

    def read() -> Frame | None:
        frame = original_read()
        if source.delivered == len(frames):
            all_delivered.set()
        return frame

    source.read = read  # type: ignore[method-assign]
    seen: list[int] = []

    def slow_decoder(frame: Frame) -> list[Decoded]:
        seen.append(int(frame[0, 0]))
        all_delivered.wait(10)
        return []

    loop = CameraLoop(source, decoder=slow_decoder)
    loop.start()
    assert loop.wait(30)
    assert seen[-1] == 19  # the newest frame
    assert len(seen) < len(frames)
    stats = loop.stats()
    assert stats.frames_captured == 20 and stats.frames_dropped == 20 - len(seen)


def test_no_camera_gives_a_typed_clear_error() -> None:
    pytest.importorskip("cv2")  # OpenCVCamera's backend; source installs only (the bundle captures through Qt)
    errors: list[CameraError] = []
    loop = CameraLoop(OpenCVCamera(97), on_error=errors.append)
    loop.start()
    assert loop.wait(30)
    assert len(errors) == 1 and isinstance(errors[0], NoCameraError)
    assert "camera" in str(errors[0]).lower() and "97" in str(errors[0])
    assert loop.error is errors[0]
    with pytest.raises(ValueError):
        OpenCVCamera(-1)


class _DyingSource(ArraySource):
    """Delivers two frames, then nothing (an unplugged camera: not ended, just silent)."""

    def read(self) -> Frame | None:
        return super().read() if self.delivered < 2 else None

    @property
    def ended(self) -> bool:
        return False


def test_camera_lost_is_reported() -> None:
    errors: list[CameraError] = []
    source = _DyingSource([np.zeros((8, 8), np.uint8)], loop=True)
    loop = CameraLoop(source, on_error=errors.append, max_read_failures=3)
    loop.start()
    assert loop.wait(30)
    assert [type(e) for e in errors] == [CameraLostError]


def test_decoder_errors_do_not_stop_the_loop() -> None:
    calls: list[int] = []

    def broken(frame: Frame) -> list[Decoded]:
        calls.append(1)
        raise RuntimeError("boom")

    source = _Lockstep(ArraySource([np.zeros((8, 8), np.uint8)] * 3))

    def decoder(frame: Frame) -> list[Decoded]:
        try:
            return broken(frame)
        finally:
            source.decoded.release()

    loop = CameraLoop(source, decoder=decoder)
    loop.start()
    assert loop.wait(30)
    assert len(calls) == 3 and loop.error is None


def test_stop_from_a_callback_and_twice() -> None:
    ((a, raw_a),) = _codes(1)
    loop_box: list[CameraLoop] = []
    stopped: list[bool] = []

    def on_hit(hit: ScanHit) -> None:
        stopped.append(loop_box[0].stop())  # from the decode thread itself: must not deadlock

    loop = CameraLoop(ArraySource([_frame(a, 1)], loop=True, fps=200), on_hit=on_hit)
    loop_box.append(loop)
    loop.start()
    assert loop.wait(30)
    assert stopped == [True]
    assert loop.stop() and loop.stop()
    assert loop.hits.get_nowait().code.raw == raw_a
    with pytest.raises(RuntimeError):
        loop.start()


def test_start_returns_while_the_source_is_still_opening() -> None:
    opening = threading.Event()
    release = threading.Event()

    class SlowOpen(ArraySource):
        def open(self) -> None:
            opening.set()
            release.wait(10)
            super().open()

    loop = CameraLoop(SlowOpen([np.zeros((8, 8), np.uint8)]), decoder=lambda f: [])
    loop.start()  # returns at once although open() blocks
    assert opening.wait(10)
    assert loop.running
    release.set()
    assert loop.wait(30)


def test_default_decoder_spreads_the_cascade_over_frames() -> None:
    """A frame only the 'otsu' step can read is read within two consecutive frames."""
    from scanner.camera import CAMERA_STEPS, default_decoder
    from scanner.decoding import decode_report
    from scanner.decoding.synthetic import generated_set

    target = None
    for s in generated_set(seed=2024, per_level=2, empty=0):
        if s.kind == "contrast" and s.expected is not None:
            report = decode_report(s.image)
            if report.codes and report.codes[0].stage == "otsu":
                target = s
                break
    assert target is not None
    assert CAMERA_STEPS.index("otsu") == 1
    decoder = default_decoder()
    first, second = decoder(target.image), decoder(target.image)
    assert first == []  # fast path + denoise cannot read it
    assert [d.raw for d in second] == [target.expected] and second[0].stage == "otsu"


def test_hit_becomes_a_camera_scan_event() -> None:
    from dispense_app.core.model import EntryMode
    from scanner.scan_event import ScanSource

    ((a, raw_a),) = _codes(1, seed=12)
    (code,) = decode(_frame(a, 1))
    event = ScanHit(code, 1, 0.0).to_scan_event()
    assert event.raw == raw_a and event.aim == "]d2"
    assert event.source is ScanSource.CAMERA and event.entry_mode is EntryMode.CAMERA


def test_stop_wakes_a_source_that_can_be_interrupted() -> None:
    """A stop while the camera is still opening returns as soon as the source is interrupted (the
    Qt camera waits up to seconds for its first picture); a source without ``interrupt()`` is left
    to finish its call (OpenCV's capture cannot be released under a reading thread)."""
    opening = threading.Event()

    class InterruptibleOpen(ArraySource):
        def __init__(self) -> None:
            super().__init__([np.zeros((8, 8), np.uint8)])
            self.woken = threading.Event()

        def open(self) -> None:
            opening.set()
            if not self.woken.wait(60):  # far longer than the stop below waits
                return
            raise CameraError("camera closed while opening")

        def interrupt(self) -> None:
            self.woken.set()

    source = InterruptibleOpen()
    loop = CameraLoop(source, decoder=lambda f: [])
    loop.start()
    assert opening.wait(10)
    assert loop.stop(timeout=20) is True  # without the interrupt the open would hold it for 60 s
    assert source.woken.is_set() and not loop.running

    plain = CameraLoop(ArraySource([np.zeros((8, 8), np.uint8)]), decoder=lambda f: [])
    assert plain.stop() is True  # never started: nothing to interrupt, nothing raised
