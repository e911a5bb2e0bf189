"""Start the counter window: QApplication, translations, the window, and a presenter built off the UI thread.

The window paints first; the presenter (station database, hub client, and in training mode the hub
simulator) is built on a worker the first time the window needs it. That keeps the cold start to a
ready window short, and keeps disk and network off the UI thread from the very start.

``smoke_seconds`` is for tests and CI: the window shows (offscreen if asked), the first station
status is fetched, and the app quits that many seconds after it (exit 2 if no status arrives
within a minute). Markers on stdout (one line each; ``ready``/``cached``/``status``/``views`` only in
smoke mode): ``ready <ms>`` when the window has painted (milliseconds since the process started),
``cached <json>`` when the last run's station status is shown (before the station is built; none on a
first start), ``status <json>`` for the first live station status, ``error <text>`` if the presenter
could not be built.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dispense_app.errors import KnownCondition
from dispense_app.ui.viewmodel import (
    AdherenceSource,
    AlertsSource,
    CounterPresenter,
    DispenseResult,
    OperatorsSource,
    PrescriptionView,
    ProgressCallback,
    ReplayResult,
    ScanEvent,
    ScanResult,
    StationStatus,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from dispense_app.core.adherence import AdherenceNote
    from dispense_app.core.alerts import AlertRecord
    from dispense_app.export.base import ExportSummary
    from dispense_app.export.filters import AlertQuery
    from dispense_app.station.adherence import PatientAdherence
    from dispense_app.station.alerts import AlertPage
    from dispense_app.station.operators import OperatorRow
    from dispense_app.station.patients import Patient
    from dispense_app.ui.counter_window import CounterWindow
    from dispense_app.ui.serial_scanner import SerialScanSource
    from dispense_app.ui.settings_model import UiPreferences
    from scanner.calibration import ScannerProfile

PresenterFactory = Callable[[], CounterPresenter]
SMOKE_STATUS_WAIT_S = 60.0
"""In smoke mode, how long to wait for the first station status before giving up (exit 2)."""


def process_start_ms() -> float:
    """Milliseconds since this process started (Linux: /proc; elsewhere: since this module loaded)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime_s = float(fh.read().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
        return (uptime_s - start_ticks / ticks) * 1000.0
    except (OSError, ValueError, IndexError):
        return (time.monotonic() - _LOADED) * 1000.0


_LOADED = time.monotonic()


class LazyPresenter:
    """Builds the real presenter on first use, on whichever worker thread gets there first.

    The window paints before the station (database, hub client, training hub) exists; this
    stand-in implements the whole :class:`CounterPresenter` and builds the real one on the first
    call. Thread-safe: one build, under a lock. If the build fails, every call raises the same
    error, so the window shows it (a STOP banner for a scan, a status-bar message otherwise).
    """

    def __init__(self, factory: PresenterFactory) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._presenter: CounterPresenter | None = None
        self._error: BaseException | None = None
        self._closed = False
        self._alerts = _LazyAlerts(self)
        self._adherence = _LazyAdherence(self)
        self._operators = _LazyOperators(self)

    def get(self) -> CounterPresenter:
        with self._lock:
            if self._closed:
                raise StationNotReady("the station is shutting down")
            if self._error is not None:
                raise StationNotReady(f"the station could not start: {self._error}") from self._error
            if self._presenter is None:
                try:
                    self._presenter = self._factory()
                except BaseException as exc:
                    self._error = exc
                    raise
            return self._presenter

    @property
    def built(self) -> bool:
        return self._presenter is not None

    def scan(self, scan: ScanEvent, first: Callable[[ScanResult], None] | None = None) -> ScanResult:
        return self.get().scan(scan, first)

    def dispense(self, keys: Sequence[str]) -> DispenseResult:
        return self.get().dispense(keys)

    def undo(self, key: str, reason: str | None = None) -> DispenseResult:
        return self.get().undo(key, reason)

    def supply_anyway(self, key: str, reason: str) -> DispenseResult:
        return self.get().supply_anyway(key, reason)

    def seal_broken(self, key: str, disposal: str) -> DispenseResult:
        return self.get().seal_broken(key, disposal)

    def set_seal_check(self, on: bool) -> StationStatus:
        return self.get().set_seal_check(on)

    def status(self) -> StationStatus:
        return self.get().status()

    def replay(self, progress: ProgressCallback) -> ReplayResult:
        return self.get().replay(progress)

    def open_prescription(self, path: str) -> PrescriptionView:
        return self.get().open_prescription(path)

    def set_patient(self, patient_ref: str | None) -> str | None:
        return self.get().set_patient(patient_ref)

    def new_dispense(self) -> None:
        self.get().new_dispense()

    def use_profile(self, profile: ScannerProfile) -> StationStatus:
        return self.get().use_profile(profile)

    def sign_in(self, login: str, pin: str) -> StationStatus:
        return self.get().sign_in(login, pin)

    # The sources are asked for on the UI thread, which must not build the station: these
    # stand-ins build it on the first call of one of their methods (always on a worker).
    @property
    def alerts(self) -> AlertsSource:
        return self._alerts

    @property
    def adherence(self) -> AdherenceSource:
        return self._adherence

    @property
    def quarantine(self) -> Any:
        """The Quarantine window's source (ui/quarantine_view.py), built with the station."""
        from dispense_app.ui.quarantine_menu import LazyQuarantine

        return LazyQuarantine(self)

    @property
    def operators(self) -> OperatorsSource:
        return self._operators

    def close(self) -> None:
        with self._lock:
            self._closed = True
            presenter, self._presenter = self._presenter, None
        if presenter is not None:
            presenter.close()


class StationNotReady(KnownCondition):
    """The station is shutting down, or could not be built (the cause is in the message)."""


def _missing(what: str) -> StationNotReady:
    return StationNotReady(f"this station has no {what}")


class _LazyAlerts:
    """The alerts source of a :class:`LazyPresenter`'s station (each call runs on a worker)."""

    def __init__(self, lazy: LazyPresenter) -> None:
        self._lazy = lazy

    def _source(self) -> AlertsSource:
        source = self._lazy.get().alerts
        if source is None:
            raise _missing("alerts")
        return source

    def search(self, query: AlertQuery) -> list[AlertRecord]:
        return self._source().search(query)

    def search_page(self, query: AlertQuery, *, offset: int = 0, limit: int = 200) -> AlertPage:
        return self._source().search_page(query, offset=offset, limit=limit)

    def set_status(self, alert_id: str, status: str, cause: str | None, comment: str | None) -> AlertRecord:
        return self._source().set_status(alert_id, status, cause, comment)

    def comment(self, alert_id: str, text: str) -> AlertRecord:
        return self._source().comment(alert_id, text)

    def product_names(self, records: Sequence[AlertRecord]) -> dict[str, str]:
        return self._source().product_names(records)

    def export(
        self,
        query: AlertQuery,
        fmt: str,
        path: str | os.PathLike[str],
        *,
        progress: Callable[[int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> ExportSummary:
        return self._source().export(query, fmt, path, progress=progress, cancel=cancel)

    def permissions(self) -> tuple[str, ...] | None:
        return self._source().permissions()


class _LazyOperators:
    """The operators of a :class:`LazyPresenter`'s station (each call runs on a worker)."""

    def __init__(self, lazy: LazyPresenter) -> None:
        self._lazy = lazy

    def _source(self) -> OperatorsSource:
        source = self._lazy.get().operators
        if source is None:
            raise _missing("operator accounts")
        return source

    def rows(self) -> list[OperatorRow]:
        return self._source().rows()

    def add(self, login: str, name: str, role: str, pin: str) -> list[OperatorRow]:
        return self._source().add(login, name, role, pin)

    def set_active(self, login: str, active: bool) -> list[OperatorRow]:
        return self._source().set_active(login, active)

    def set_pin(self, login: str, pin: str) -> list[OperatorRow]:
        return self._source().set_pin(login, pin)


class _LazyAdherence:
    """The adherence source of a :class:`LazyPresenter`'s station (each call runs on a worker)."""

    def __init__(self, lazy: LazyPresenter) -> None:
        self._lazy = lazy

    def _source(self) -> AdherenceSource:
        source = self._lazy.get().adherence
        if source is None:
            raise _missing("adherence records")
        return source

    def report(self, patient_ref: str) -> PatientAdherence:
        return self._source().report(patient_ref)

    def add_note(self, patient_ref: str, medication: str, text: str) -> AdherenceNote:
        return self._source().add_note(patient_ref, medication, text)

    def patients(self) -> list[Patient]:
        return self._source().patients()


def missing_screen(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why no window can open here, or None. On Linux without X11/Wayland, Qt would abort the process
    with a message about platform plugins; a person deserves to be told what to do instead."""
    env = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return None
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no screen to show the counter window on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        "Start it from a desktop session, or on a virtual screen with `xvfb-run -a dispense-app ...`; "
        "`--no-window --smoke 5` checks that it starts without showing it."
    )


# --------------------------------------------------------------------------- webcam backend
CAMERA_BACKEND_ENV = "DISPENSE_APP_CAMERA_BACKEND"
"""``opencv`` or ``qt`` forces a webcam backend; unset (or empty): OpenCV if it imports, else Qt."""
CAMERA_BACKEND_MODULES = {"opencv": "cv2", "qt": "PySide6.QtMultimedia"}
"""Each backend and the module it needs, in order of preference."""


def module_imports(name: str) -> bool:
    """True if ``name`` imports (not just installed: a cv2 missing a system library does not)."""
    import importlib

    try:
        importlib.import_module(name)
    except (ImportError, OSError):
        return False
    return True


def pick_camera_backend(
    environ: Mapping[str, str] | None = None, available: Callable[[str], bool] = module_imports
) -> str:
    """The webcam backend to use, ``"opencv"`` or ``"qt"``.

    The frozen bundle leaves OpenCV out (issue 10: it would be most of the bundle), so there the Qt
    Multimedia camera is used; source installs keep OpenCV, which has served longest. Raises
    :class:`scanner.camera.NoCameraError` (the camera view shows its text) when the forced backend,
    or every backend, is unavailable, or the variable holds something else.
    """
    from PySide6.QtCore import QCoreApplication

    from scanner.camera import NoCameraError

    env = os.environ if environ is None else environ
    forced = env.get(CAMERA_BACKEND_ENV, "").strip().lower()
    if forced:
        if forced not in CAMERA_BACKEND_MODULES:
            raise NoCameraError(
                QCoreApplication.translate(
                    "CameraBackend", "{variable} must be “opencv” or “qt”, not “{value}”."
                ).format(variable=CAMERA_BACKEND_ENV, value=forced)
            )
        if not available(CAMERA_BACKEND_MODULES[forced]):
            raise NoCameraError(
                QCoreApplication.translate(
                    "CameraBackend", "The camera backend “{backend}” ({variable}) is not installed."
                ).format(backend=forced, variable=CAMERA_BACKEND_ENV)
            )
        return forced
    for backend, module in CAMERA_BACKEND_MODULES.items():
        if available(module):
            return backend
    raise NoCameraError(
        QCoreApplication.translate(
            "CameraBackend", "This installation has no camera support (neither OpenCV nor Qt Multimedia)."
        )
    )


def webcam_source(index: int, environ: Mapping[str, str] | None = None) -> Any:
    """A :class:`scanner.camera.FrameSource` for camera ``index`` from the backend picked above.

    Call it on the GUI thread: the Qt camera's objects live on the thread that makes them.
    """
    if pick_camera_backend(environ) == "opencv":
        from scanner.camera import OpenCVCamera

        return OpenCVCamera(index)
    from dispense_app.ui.qt_camera import QtCamera

    return QtCamera(index)


def open_smoke_views(window: Any) -> list[str]:
    """Smoke mode: open every secondary window once (alerts with their query, adherence with its
    charts, settings, About), so a smoke run also proves that their modules and Qt libraries load
    (the frozen bundle leaves unused Qt bindings out). The camera view is left alone: it would start
    the camera. Returns the names of the windows now shown."""
    openers = {
        "alerts": (window.open_alerts, "alerts_window"),
        "adherence": (window.open_adherence, "adherence_window"),
        "settings": (window.open_settings, "settings_window"),
        "about": (window.open_about, "about_dialog"),
    }
    shown = []
    for name, (opener, attribute) in openers.items():
        opener()
        view = getattr(window, attribute, None)
        if view is not None and view.isVisible():
            shown.append(name)
    window.activateWindow()
    return shown


def webcam_factory(window: Any, start_prefs: UiPreferences) -> Callable[[], Any]:
    """The camera view's source factory: the camera number saved in the settings this session
    (``window.preferences``), else the one the window started with; read each time the camera
    starts, so a new number applies without a restart."""

    def webcam() -> Any:
        prefs = getattr(window, "preferences", None) or start_prefs
        return webcam_source(prefs.camera_index)  # OpenCV, or Qt Multimedia in the frozen bundle

    return webcam


def run_counter_app(
    factory: PresenterFactory,
    *,
    training: bool = False,
    offscreen: bool = False,
    smoke_seconds: float | None = None,
    language: str | None = None,
    sounds: bool = True,
    home: Path | None = None,
    out: TextIO | None = None,
) -> int:
    """Run the counter window until it is closed (or ``smoke_seconds`` after it is ready).

    Returns 0, or 2 if the station could not start in smoke mode (so CI sees it).
    """
    out = out or sys.stdout
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif (problem := missing_screen()) is not None:
        print(f"dispense-app: {problem}", file=sys.stderr)
        return 2
    from dispense_app.station.bugs import use_home
    from dispense_app.ui.counter_window import CounterWindow
    from dispense_app.ui.settings_model import StationSettings, UiPreferences, load_ui_preferences

    use_home(home)  # a bug in a background task is logged under <home>/logs
    settings = StationSettings(home) if home is not None else None
    prefs = UiPreferences()
    if home is not None:  # the saved preferences, unless the command line says otherwise
        prefs = load_ui_preferences(home)
        language = language or prefs.language
        sounds = sounds and prefs.sounds
    app = _qt_application(language)

    presenter = LazyPresenter(factory)
    from dispense_app.ui.sounds import SoundPlayer

    player = SoundPlayer(enabled=sounds and not offscreen)  # offscreen (tests, CI): no audio device
    window = CounterWindow(presenter, training=training, sounds=player, settings=settings)
    window.camera_source = webcam_factory(window, prefs)
    window.first_painted.connect(player.preload)
    from dispense_app import collector

    window.first_painted.connect(collector.resume)  # paused by the command line for the start
    stop_scanners = _attach_scanners(window, app, prefs)
    markers = _RunMarkers(app, window, presenter, smoke_seconds, out)
    from PySide6.QtCore import Qt

    window.status_shown.connect(freeze_startup_objects, Qt.ConnectionType.SingleShotConnection)
    if home is not None:  # the last run's status at once, the live one when the station is built
        from dispense_app.ui.status_cache import load_status

        window.runner.submit(load_status, home, on_result=window.show_cached_status, name="cached-status")
    from dispense_app.ui.interrupts import EXIT_INTERRUPTED, Interrupts

    interrupts = Interrupts(app.quit).install()  # Ctrl+C / SIGTERM: the same clean close
    window.show_on_screen()
    try:
        app.exec()
    finally:
        interrupts.uninstall()
        stop_scanners()
        window.close()
        window.runner.wait_for_done(15_000)
        presenter.close()
    return EXIT_INTERRUPTED if interrupts.received else markers.exit_status()


def freeze_startup_objects(_status: object = None) -> None:
    """Once the station is built: the objects of the start (modules, widgets, the station) live as
    long as the window, so the garbage collector stops walking them. A full collection walked all
    of them, about 40 ms, whenever it came, possibly while a scan's verdict was on its way. What
    the paused collector froze at the first paint (:mod:`dispense_app.collector`) is looked at
    once more here, so no garbage of the start outlives it."""
    import gc

    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _qt_application(language: str | None) -> QApplication:
    """The process's QApplication (made if there is none yet), named, with its translations."""
    from PySide6.QtWidgets import QApplication

    from dispense_app.ui.i18n import install_translators

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "dispense-app"])
    assert isinstance(app, QApplication)
    app.setApplicationName("dispense-app")
    install_translators(app, language)
    return app


def _attach_scanners(window: CounterWindow, app: QApplication, prefs: UiPreferences) -> Callable[[], None]:
    """Feed the window from the keyboard wedge (wherever the focus is) and, if one is set up, a serial
    scanner; returns what stops them again."""
    # keyboard-wedge scans, wherever the focus is: the application-wide capture filter, made and
    # installed once the window has painted (before the ``ready`` marker; nobody scans into a window
    # not on screen yet): a Python application-wide filter is handed every event of every object,
    # and for each C++ class it meets PySide builds the Python class and its enums (about 130 enum
    # classes, 20-40 ms, that the first paint waited for: issue 22); its module, 3 ms more
    from PySide6.QtCore import Qt

    def capture() -> None:
        from dispense_app.ui.wedge_capture import WedgeCapture

        wedge = WedgeCapture(prefs.wedge_config(), parent=window)
        window.wedge = wedge  # wedge timing and suffix from the settings apply at once
        window.attach_scanner(wedge.scanned)
        wedge.install(app)

    window.first_painted.connect(capture, Qt.ConnectionType.SingleShotConnection)
    serial_source: SerialScanSource | None = None
    serial_settings = prefs.serial_settings()
    if serial_settings is not None:  # a serial scanner goes the same way as the wedge
        from dispense_app.ui.serial_scanner import SerialScanSource

        serial_source = SerialScanSource(serial_settings, parent=window)
        window.attach_scanner(serial_source.scanned)
        serial_source.status_changed.connect(window.show_serial_status)
        serial_source.start()

    def stop() -> None:
        if window.wedge is not None:
            window.wedge.uninstall()
        if serial_source is not None:
            serial_source.stop()

    return stop


class _RunMarkers:
    """The run's stdout markers (``ready``, ``status``, ``views``, ``error``; see the module
    docstring) and, in smoke mode, when to quit and with which exit status."""

    def __init__(
        self,
        app: QApplication,
        window: CounterWindow,
        presenter: LazyPresenter,
        smoke_seconds: float | None,
        out: TextIO,
    ) -> None:
        self.app = app
        self.window = window
        self.presenter = presenter
        self.smoke_seconds = smoke_seconds
        self.out = out
        self.status = 0
        self.status_seen = False
        window.first_painted.connect(self.on_painted)
        window.status_shown.connect(self.on_status)
        window.cached_status_shown.connect(self.on_cached)
        window.runner.task_failed.connect(self.on_failed)
        if smoke_seconds is not None:
            from PySide6.QtCore import QTimer

            # smoke: stay up ``smoke_seconds`` after the first station status; give up if none comes
            QTimer.singleShot(int((smoke_seconds + SMOKE_STATUS_WAIT_S) * 1000), app.quit)

    def say(self, line: str) -> None:
        # the ready/status/views markers are for --smoke runs (tests, CI, the start-up benchmark); a
        # person running the window only needs to hear about an error
        if self.smoke_seconds is not None or line.startswith("error"):
            print(line, file=self.out, flush=True)

    def on_painted(self) -> None:
        self.say(f"ready {process_start_ms():.0f}")

    def say_status(self, word: str, status: StationStatus) -> None:
        import json  # the status markers come after the first paint

        self.say(f"{word} " + json.dumps(asdict(status), sort_keys=True))

    def on_status(self, status: object) -> None:
        if not self.status_seen and isinstance(status, StationStatus):
            self.status_seen = True
            self.say_status("status", status)
            if self.smoke_seconds is not None:
                from PySide6.QtCore import QTimer

                self.say("views " + " ".join(open_smoke_views(self.window)))
                QTimer.singleShot(int(self.smoke_seconds * 1000), self.app.quit)

    def on_cached(self, status: object) -> None:
        if isinstance(status, StationStatus):
            self.say_status("cached", status)

    def on_failed(self, name: str, error: object) -> None:
        if name == "status" and not self.presenter.built:
            self.say(f"error {error}")
            self.status = 2
            if self.smoke_seconds is not None:
                self.app.quit()

    def exit_status(self) -> int:
        """0, or 2 when the presenter failed or (smoke mode) no station status came in time."""
        if self.smoke_seconds is not None and not self.status_seen and self.status == 0:
            self.say("error no station status before the smoke time ran out")
            self.status = 2
        return self.status
