"""The counter window: what the pharmacist sees all day.

It is put together from small parts: the central area (:mod:`~dispense_app.ui.counter_view`: the
TRAINING banner, the verdict banner, the pack details beside the prescription and this dispense's
packs, the action buttons), the status bar (:mod:`~dispense_app.ui.status_bar`: hub, outbox, hub p95
against the 300 ms target, scanner profile, operator) kept fresh by :mod:`~dispense_app.ui.station_monitor`,
and the sub-windows and dialogs (:mod:`~dispense_app.ui.counter_dialogs`). Colours come from
:mod:`~dispense_app.ui.palette`.

The window holds no business logic. Scans, dispenses and undos go to a
:class:`~dispense_app.ui.viewmodel.CounterPresenter` through the :class:`~dispense_app.ui.tasks.TaskRunner`;
the window renders what comes back. Counter actions run one at a time, in the order they were asked
for (:meth:`~dispense_app.ui.tasks.TaskRunner.enqueue`: a Dispense pressed right after a scan waits for
that scan's verdict), so the workflow never sees them out of order; each action has its own error
callback, which says what its failure means on screen. Keyboard only: F9 Dispense, F8 Undo, F7 Send
outbox, F12 New dispense, F1 About, Ctrl+B seal broken (:mod:`dispense_app.core.seal`); Tab moves
through the list and the buttons.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, SignalInstance, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

from dispense_app.ui import palette
from dispense_app.ui.after_paint import AfterPaint
from dispense_app.ui.counter_dialogs import CounterDialogs
from dispense_app.ui.counter_view import CounterView
from dispense_app.ui.i18n import install_translators
from dispense_app.ui.pack_list import DispenseLines
from dispense_app.ui.resources import resource_path
from dispense_app.ui.sounds import Sounds
from dispense_app.ui.station_monitor import StationMonitor
from dispense_app.ui.status_bar import StationStatusBar
from dispense_app.ui.sub_windows import mark_focus
from dispense_app.ui.tasks import TaskError, TaskRunner, require_ui_thread
from dispense_app.ui.verdict_banner import load_icon
from dispense_app.ui.viewmodel import (
    CounterPresenter,
    DispenseResult,
    Level,
    LineStatus,
    LineUpdate,
    PrescriptionView,
    ReplayResult,
    ScanEvent,
    ScanResult,
    StationStatus,
)

if TYPE_CHECKING:
    from dispense_app.ui.about_dialog import AboutDialog
    from dispense_app.ui.adherence_view import AdherenceView
    from dispense_app.ui.alerts_view import AlertsView
    from dispense_app.ui.calibration_wizard import CalibrationWizard
    from dispense_app.ui.camera_view import CameraView, SourceFactory
    from dispense_app.ui.settings_model import StationSettings, UiPreferences
    from dispense_app.ui.settings_view import SettingsView
    from dispense_app.ui.sign_in import SignInDialog
    from dispense_app.ui.wedge_capture import WedgeCapture
    from scanner.calibration import ScannerProfile


CHECKING_AFTER_MS = 20
"""How long the hub may take (about a frame) before the banner says "Checking…" and the last pack's
details are blanked while a scan is checked."""


class CounterWindow(QMainWindow):
    """The counter window. ``presenter`` does the work (on workers); the window only renders."""

    # ScanResult: the banner has the verdict; the window paints it before anything else of the scan
    banner_shown = Signal(object)
    verdict_shown = Signal(object)  # ScanResult, after the whole window shows it (banner, pack details, list)
    dispense_done = Signal(object)  # DispenseResult, after the list shows it
    status_shown = Signal(object)  # StationStatus, after the status bar shows it
    replay_shown = Signal(object)  # ReplayResult, after the window shows what sending the outbox found
    prescription_shown = Signal(object)  # PrescriptionView (or None), after the panel shows it
    patient_chosen = Signal(str)  # the patient now in use ("" for none)
    first_painted = Signal()  # the window has painted once (startup benchmark marker)
    cached_status_shown = Signal(object)  # StationStatus kept by the last run, shown until the live one

    def __init__(
        self,
        presenter: CounterPresenter,
        *,
        runner: TaskRunner | None = None,
        training: bool = False,
        poll_status: bool = True,
        sounds: Sounds | None = None,
        settings: StationSettings | None = None,
        camera_source: SourceFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("counterWindow")
        self.presenter = presenter
        self.runner = runner or TaskRunner(self)
        self.training = training
        self.sounds = sounds
        self.settings = settings
        self.preferences: UiPreferences | None = None  # the last saved in the settings, this session
        self.camera_source = camera_source
        self.wedge: WedgeCapture | None = None  # the application's wedge capture (settings apply to it)
        self.settings_window: SettingsView | None = None
        self.camera_window: CameraView | None = None
        self.alerts_window: AlertsView | None = None
        self.adherence_window: AdherenceView | None = None
        self.calibration_window: CalibrationWizard | None = None
        self.about_dialog: AboutDialog | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.prompt_dialog: QDialog | None = None  # the last question asked (patient, reason)
        self.manual_dialog: QDialog | None = None
        self._lines = DispenseLines()
        self._painted = False
        self._close_confirmed = False  # the user confirmed closing with checked packs not dispensed
        self.last_result: ScanResult | None = None
        self.last_action: DispenseResult | None = None  # the banner shows this action's outcome
        self.last_replay: ReplayResult | None = None  # ... or what sending the outbox found
        self.last_status: StationStatus | None = None
        self.monitor = StationMonitor(presenter, self.runner, self)
        self._hub_learnt: tuple[bool, float] | None = None  # what a scan or dispense last learnt of the hub, when
        self._checking_timer = QTimer(self, singleShot=True)  # see _show_checking
        self._checking_timer.timeout.connect(self._show_checking)
        self._after_paint = AfterPaint(self)  # see _on_scan_result
        self.setWindowIcon(load_icon("app"))
        self._build()
        # after Tab the focused button (or the pack list) is plainly marked, as in the sub-windows
        mark_focus(self)
        self.pack_list.setStyleSheet(palette.LIST_FOCUS_STYLE)
        self.retranslate()
        if poll_status:
            # the first status (which builds the station on a worker) waits for the first paint, so
            # the worker's imports and disk work do not compete with the window for the GIL
            # ... and for the rest of the first paint's work (the wedge capture, the ready marker):
            # queued, it is asked for once that is done
            self.first_painted.connect(self.monitor.refresh, Qt.ConnectionType.QueuedConnection)
            self.first_painted.connect(self.monitor.start_polling)

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        self.view = view = CounterView(self, training=self.training, adherence=self.presenter.adherence is not None,
                                       camera=self.camera_source is not None)
        # the parts tests and tools know by the window's names
        self.training_banner, self.banner, self.undo_deadline = view.training_banner, view.banner, view.undo_deadline
        self.conflict_notice = view.conflict_notice
        self.pack_panel, self.prescription_panel, self.pack_list = view.pack_panel, view.prescription_panel, \
            view.pack_list
        self.dispense_button, self.undo_button, self.override_button = view.dispense_button, view.undo_button, \
            view.override_button
        self.seal_button = view.seal_button
        self.sync_button, self.new_button, self.manual_button, self.camera_button = view.sync_button, \
            view.new_button, view.manual_button, view.camera_button
        self.dialogs = dialogs = CounterDialogs(self, self.presenter, self.runner, self.settings, self._refuse)
        monitor = self.monitor
        for signal, slot in (
            (view.override_button.clicked, self.ask_supply_anyway),
            (view.seal_button.clicked, self.seal_broken),
            (view.prescription_panel.open_button.clicked, self.choose_prescription),
            (view.prescription_panel.adherence_button.clicked, self.open_adherence),
            (view.prescription_panel.patient_button.clicked, self.ask_patient),
            (view.pack_list.itemSelectionChanged, self._update_buttons),
            (view.dispense_button.clicked, self.dispense_all),
            (view.undo_button.clicked, self.undo_selected),
            (view.sync_button.clicked, self.send_outbox),
            (view.new_button.clicked, self.new_dispense),
            (view.manual_button.clicked, self.open_manual_entry),
            (view.camera_button.clicked, self.open_camera),
            (dialogs.scanned, self.submit_scan),
            (dialogs.signed_in, self._show_status),
            (dialogs.alert_changed, self.refresh_status),
            (dialogs.preferences_saved, self.apply_preferences),
            (dialogs.calibrate_requested, self.open_calibration),
            (dialogs.profile_saved, self.use_profile),
            (dialogs.prescription_chosen, self.load_prescription),
            (dialogs.patient_given, self._set_patient),
            (dialogs.reason_given, self._supply_anyway),
            (dialogs.undo_reason_given, self._undo),
            (dialogs.seal_disposal_given, self._seal_broken),
            (monitor.status_known, self._on_status_known),
            (monitor.replay_done, self._on_replay),
            (view.conflict_ack_button.clicked, view.acknowledge_conflicts),
        ):
            signal.connect(slot)
        self.setCentralWidget(view)
        self._shortcuts = [self._shortcut(key, slot) for key, slot in (
            (Qt.Key.Key_F9, self.dispense_all),
            (Qt.Key.Key_F8, self.undo_selected),
            (Qt.Key.Key_F7, self.send_outbox),
            (Qt.Key.Key_F12, self.new_dispense),
            (Qt.Key.Key_F4, self.open_manual_entry),
            (Qt.Key.Key_F6, self.open_alerts),
            (Qt.Key.Key_F3, self.choose_prescription),
            (Qt.Key.Key_F2, self.open_adherence),
            (Qt.Key.Key_F10, self.open_settings),
            (Qt.Key.Key_F11, self.open_camera),
            (QKeySequence("Ctrl+L"), self.open_sign_in),
            (QKeySequence("Ctrl+F9"), self.ask_supply_anyway),
            (QKeySequence("Ctrl+B"), self.seal_broken),
            (Qt.Key.Key_F1, self.open_about),
        )]
        self._build_status_bar()
        from dispense_app.ui.quarantine_menu import install_menu  # US DSCSA suspect product (issue 19)

        self.quarantine_action = install_menu(self)
        self._build_seal_action()
        self.resize(*self._initial_size())

    def _build_status_bar(self) -> None:
        self.status_bar = bar = StationStatusBar(self)
        self.setStatusBar(bar)
        bar.sign_in_button.clicked.connect(self.open_sign_in)
        bar.alerts_button.clicked.connect(self.open_alerts)
        bar.alerts_button.setVisible(self.presenter.alerts is not None)
        bar.settings_button.clicked.connect(self.open_settings)
        bar.settings_button.setVisible(self.settings is not None)
        bar.about_button.clicked.connect(self.open_about)
        monitor = self.monitor
        monitor.not_ready.connect(bar.show_not_ready)
        monitor.replay_started.connect(bar.start_progress)
        monitor.replay_progressed.connect(bar.show_progress)
        monitor.replay_finished.connect(bar.end_progress)
        monitor.replay_failed.connect(bar.show_replay_failed)
        for signal in (monitor.replay_started, monitor.replay_finished, monitor.replay_failed):
            signal.connect(self._update_buttons)
        self.hub_label, self.outbox_label, self.p95_label = bar.hub_label, bar.outbox_label, bar.p95_label
        self.profile_label, self.operator_label = bar.profile_label, bar.operator_label
        self.replay_progress, self.sign_in_button = bar.replay_progress, bar.sign_in_button
        self.alerts_button, self.settings_button, self.about_button = bar.alerts_button, bar.settings_button, \
            bar.about_button
        from dispense_app.ui.reports_menu import install as install_reports  # Recalls, Statistics (issue 21)

        install_reports(self)

    def _build_seal_action(self) -> None:
        """Counter > Check the seal before dispensing: the station's seal check on or off (a setting
        of the station, changed by someone whose role allows settings; its state comes with the status)."""
        self.counter_menu = self.menuBar().addMenu("")
        self.seal_action = action = QAction(self)
        action.setObjectName("sealCheckAction")
        action.setCheckable(True)
        action.setChecked(True)
        action.triggered.connect(self.set_seal_check)  # the user's click only, not setChecked()
        self.counter_menu.addAction(action)

    def _initial_size(self) -> tuple[int, int]:
        """1400 x 860, within the screen: narrower, the status bar's fixed items (hub, outbox, p95,
        scanner, operator, Alerts/Settings/Info, longer in German) get squeezed and cut off, and
        leave no room for the status messages on its left."""
        width, height = 1400, 860
        screen = self.screen()
        if screen is not None:
            area = screen.availableGeometry()
            if area.width() >= 1024:  # a real screen (offscreen test platforms report 800 x 600)
                self.fills_screen = area.width() <= width or area.height() <= height
                width, height = min(width, area.width()), min(height, area.height())
        return width, height

    fills_screen = False
    """The screen is no bigger than the window's own size (:meth:`show_on_screen` maximises it)."""

    def show_on_screen(self) -> None:
        """Show the window: maximised on a screen no bigger than its size, so the window manager fits
        its title bar in (at 1280 x 800 a window of the screen's size, title bar added, lost its
        status bar and half its buttons below the screen's edge); else at its size."""
        if self.fills_screen:
            self.showMaximized()
        else:
            self.show()

    def _shortcut(self, key: Qt.Key | QKeySequence, slot: Callable[[], None]) -> QShortcut:
        shortcut = QShortcut(key if isinstance(key, QKeySequence) else QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def retranslate(self) -> None:
        """Set every fixed text (called again after the language changes)."""
        title = self.tr("dispense-app — counter")
        self.setWindowTitle(self.tr("[TRAINING] {title}").format(title=title) if self.training else title)
        self.view.retranslate()
        self.counter_menu.setTitle(self.tr("&Counter"))
        self.seal_action.setText(self.tr("Check the seal before dispensing (F9 intact, Ctrl+B broken)"))
        self.status_bar.retranslate()
        self.dialogs.retranslate()
        self.pack_list.set_lines(self._lines)
        if self.last_replay is not None and self.last_replay.conflicts:
            self.view.show_replay_conflicts(self.last_replay.conflicts)
        elif self.last_replay is not None:
            self.view.show_replay_done(self.last_replay.confirmed, self.last_replay.status.outbox_length)
        elif self.last_action is not None:
            self.view.show_action(self.last_action)
        elif self.last_result is not None:
            self.view.show_result(self.last_result)
        else:
            self.view.show_idle()
        self._show_status(self.last_status)
        self._update_buttons()

    def headline(self, level: Level) -> str:
        """The banner's headline words for ``level``."""
        return self.view.headline(level)

    # ----------------------------------------------------------------- the sub-windows
    @Slot()
    def open_alerts(self) -> None:
        """F6: the alerts view (its own window), listing this station's alerts, newest first."""
        if (source := self.presenter.alerts) is not None:
            self.alerts_window = self.dialogs.alerts(self.alerts_window, source)

    @Slot()
    def open_adherence(self) -> None:
        """F2: the adherence view (its own window), for the open prescription's patient if there is one."""
        if (source := self.presenter.adherence) is not None:
            rx, patient = self.prescription_panel.view, self.prescription_panel.patient
            patient = rx.patient_ref if rx is not None and rx.patient_ref else patient
            self.adherence_window = self.dialogs.adherence(self.adherence_window, source, patient)

    @Slot()
    def open_settings(self) -> None:
        """F10: the settings (hub with its secret in the keyring; language and sounds)."""
        training_hub = self.last_status.hub_url if self.training and self.last_status is not None else None
        self.settings_window = self.dialogs.settings_view(self.settings_window, training_hub=training_hub)

    @Slot()
    def open_calibration(self) -> None:
        """The scanner calibration wizard (from the settings): test sheet, scans, profile."""
        self.calibration_window = self.dialogs.calibration(self.calibration_window)

    @Slot()
    def open_about(self) -> None:
        """F1: the About dialog (version from ``dispense_app.__version__``, data folder, hub URL, licences)."""
        self.about_dialog = self.dialogs.about(self.about_dialog, self.settings.home if self.settings else None,
                                               self.last_status.hub_url if self.last_status else None)

    @Slot()
    def open_camera(self) -> None:
        """F11: the camera view (its own window); codes it reads go the way of a scan (entry mode camera)."""
        if self.camera_source is not None:
            self.camera_window = self.dialogs.camera(self.camera_window, self.camera_source)

    @Slot()
    def open_sign_in(self) -> None:
        """Ctrl+L: sign in (or switch operator) with login and PIN, when the station has accounts."""
        self.sign_in_dialog = self.dialogs.sign_in(self.sign_in_dialog)

    @Slot()
    def open_manual_entry(self) -> None:
        """F4: type the printed code when a code cannot be scanned (it then goes the way of a scan)."""
        self.manual_dialog = self.dialogs.manual_entry()

    @Slot()
    def choose_prescription(self) -> None:
        """F3: pick a prescription file (in training mode, the demo prescriptions are offered first)."""
        self.dialogs.choose_prescription(resource_path("demo", "prescriptions") if self.training else None)

    @Slot(object)
    def use_profile(self, profile: ScannerProfile) -> None:
        """A new scanner profile (saved by the wizard): the station uses it from the next scan on."""
        if not self.runner.closed:
            self.runner.submit(self.presenter.use_profile, profile, on_result=self._show_status,
                               on_error=lambda error: self.status_bar.show_not_ready(error.for_user), name="profile")

    @Slot(object)
    def apply_preferences(self, prefs: UiPreferences) -> None:
        """Language, sounds and wedge timing from the settings, at once (every text is set again); the
        camera number the next time the camera starts (:attr:`preferences`)."""
        self.preferences = prefs
        app = QCoreApplication.instance()
        if app is not None:
            install_translators(app, prefs.language)
        if self.sounds is not None:
            self.sounds.enabled = prefs.sounds
        if self.wedge is not None:
            self.wedge.reconfigure(prefs.wedge_config())
        self.retranslate()

    # ----------------------------------------------------------------- counter actions, one at a time
    @property
    def busy(self) -> bool:
        """True while a counter action is in flight or queued."""
        return self.runner.queue_busy

    def _failed(self, action: str) -> Callable[[TaskError], None]:
        """The error callback of ``action``, a change to the dispense: say so in the status bar."""

        def failed(error: TaskError) -> None:
            self.status_bar.say(self.tr("{action} failed: {error}").format(action=action, error=error.for_user))
            self._update_buttons()

        return failed

    def attach_scanner(self, scanned: SignalInstance) -> None:
        """Feed scans from a signal carrying ScanEvent objects (the wedge capture's, a serial reader's)."""
        scanned.connect(self.submit_scan)

    @Slot(str, str)
    def show_serial_status(self, status: str, detail: str) -> None:
        """The serial scanner's connection, in the status bar (it reconnects by itself)."""
        self.status_bar.show_serial(status, detail)

    @Slot(object)
    def submit_scan(self, scan: ScanEvent) -> None:
        """A scan arrived (wedge, serial, camera, manual entry): check it in the background."""
        require_ui_thread("CounterWindow.submit_scan")
        wizard = self.calibration_window
        if wizard is not None and wizard.collecting:  # the calibration wizard is reading the test sheet
            wizard.feed(scan)
            return
        if self.last_status is not None and self.last_status.sign_in_required:
            self._refuse("verify")  # "Sign in first (Ctrl+L)."
            self.open_sign_in()
            return
        self._checking_timer.start(CHECKING_AFTER_MS)
        # the verdict comes back as soon as it is decided; the scan log is written after it (issue 22)
        self.runner.enqueue_early(lambda first: self.presenter.scan(scan, first), on_result=self._on_scan_result,
                                  on_error=self._scan_failed, name="scan", on_late_error=self._scan_not_recorded)

    def _scan_not_recorded(self, error: TaskError) -> None:
        """The verdict is on screen, but writing the scan's records after it failed (its alert, the
        scan log, the offline cache): the verdict stands; the missing records are said until the next
        message, for support (the error is in the bug log)."""
        self.status_bar.say(self.tr("This scan's records could not be saved: {error}. The verdict shown stands; "
                                    "call support.").format(error=error.for_user), 0)

    def _show_checking(self) -> None:
        """The hub has not answered within a frame: the banner says "Checking…", and the pack
        details, the last pack's and not the one being checked, are blanked until the verdict (which
        shows the new pack's) rather than pass for this pack's during a long wait; the last pack's
        row in the list is no longer highlighted as the current one either.

        A quicker verdict replaces the last one directly (issue 22): no "Checking…" flashes up for
        a few milliseconds, and painting it no longer competes with the scan's own request to the hub
        for the machine's cores (the hub call took 0.5-1 ms longer on two cores)."""
        if self.busy:
            self.view.show_busy()
            self.pack_panel.clear()
            self.pack_list.set_lines(self._lines, current="")  # nor is the last pack's row highlighted

    def _on_scan_result(self, result: ScanResult) -> None:
        """The verdict first: the banner (and the sound) now, painted before the window fills in the
        pack details, the list and the buttons, one paint later (issue 22). What the dispense holds
        is up to date at once: an action taken in between works on this scan."""
        self._checking_timer.stop()
        self.last_result, self.last_action, self.last_replay = result, None, None
        self._hub_seen(online=not result.offline if result.offline or result.return_code else None)
        self.view.show_verdict(result)
        if self.sounds is not None:
            self.sounds.play(result.level)
        if result.repeat and result.pack is not None:  # the pack's line stays as it was
            self._lines.current = result.pack.key
        elif not result.not_a_pack:  # an EAN/PZN barcode is no pack of this dispense
            self._lines.add_scan(result)
        self.banner_shown.emit(result)
        self._after_paint.call(lambda: self._show_scan_details(result))

    def _show_scan_details(self, result: ScanResult) -> None:
        """The rest of the window after the banner's paint: the pack's details (unless something
        else took the banner since, e.g. F12), the list and the buttons as the dispense now is."""
        if self.last_result is result:
            self.pack_panel.show_pack(result.pack)
        self.pack_list.set_lines(self._lines)
        self._update_buttons()
        self.verdict_shown.emit(result)

    def _scan_failed(self, error: TaskError) -> None:
        """The check raised: never leave the pharmacist with a stale OK on screen."""
        self._checking_timer.stop()
        self.last_result, self.last_action, self.last_replay = None, None, None
        self.view.show_check_failed(error.for_user)
        self._update_buttons()

    def load_prescription(self, path: str) -> None:
        """Open the prescription in ``path`` for this dispense (read and checked in the background)."""
        self.runner.enqueue(lambda: self.presenter.open_prescription(path), on_result=self._on_prescription,
                            on_error=self._prescription_failed, name="prescription")

    def _on_prescription(self, view: PrescriptionView | None) -> None:
        self.prescription_panel.show_prescription(view)
        self.prescription_shown.emit(view)

    def _prescription_failed(self, error: TaskError) -> None:
        self.prescription_panel.show_error(
            self.tr("The prescription cannot be used: {error}").format(error=error.for_user)
        )
        self._update_buttons()

    @Slot()
    def ask_patient(self) -> None:
        """Choose the patient to dispense to when there is no prescription (empty: nobody)."""
        if not self.runner.closed:
            self.prompt_dialog = self.dialogs.ask_patient(self.prescription_panel.patient)

    def _set_patient(self, ref: str) -> None:
        self.runner.submit(self.presenter.set_patient, ref or None, on_result=self._on_patient,
                           on_error=self._failed(self.tr("Use this patient")), name="patient")

    def _on_patient(self, patient: str | None) -> None:
        self.prescription_panel.patient = patient
        self.prescription_panel.show_prescription(self.prescription_panel.view)
        self.patient_chosen.emit(patient or "")

    @Slot()
    def dispense_all(self) -> None:
        """Dispense every checked pack of this dispense (F9)."""
        keys = self._lines.checked_keys()
        if keys and not self._refuse("dispense"):
            self.runner.enqueue(lambda: self.presenter.dispense(keys), on_result=self._on_dispense_result,
                                on_error=self._failed(self.tr("Dispense")), name="dispense")

    @Slot()
    def undo_selected(self) -> None:
        """Undo the supply of the selected pack, or of the last dispensed one (F8): after a confirmation
        with the reason (it is recorded), never at once."""
        line = self._lines.undo_target(self.pack_list.selected_key())
        if line is not None and not self._refuse("undo") and not self.runner.closed:
            self.prompt_dialog = self.dialogs.ask_undo_reason(line.key, self.pack_list.describe(line))

    def _undo(self, key: str, reason: str) -> None:
        self.runner.enqueue(lambda: self.presenter.undo(key, reason), on_result=self._on_dispense_result,
                            on_error=self._failed(self.tr("Undo")), name="undo")

    @Slot()
    def ask_supply_anyway(self) -> None:
        """Ask a pharmacist why the pack is supplied despite the prescription STOP, then supply it."""
        line = self._lines.override_target(self.pack_list.selected_key())
        if line is not None and not self._refuse("supply-anyway") and not self.runner.closed:
            self.prompt_dialog = self.dialogs.ask_reason(line.key)

    def _supply_anyway(self, key: str, reason: str) -> None:
        self.runner.enqueue(lambda: self.presenter.supply_anyway(key, reason), on_result=self._on_dispense_result,
                            on_error=self._failed(self.tr("Supply anyway")), name="supply-anyway")

    @Slot()
    def seal_broken(self) -> None:
        """Ctrl+B: the seal of the selected (else the last scanned) checked pack is broken: ask whether it
        is destroyed or returned to stock; it is never dispensed."""
        line = self._lines.seal_target(self.pack_list.selected_key())
        if line is None:
            self.status_bar.say(self.tr("Ctrl+B (seal broken) is for a checked pack that was not dispensed."),
                                10_000)
        elif not self._refuse("dispense") and not self.runner.closed:
            self.prompt_dialog = self.dialogs.ask_seal_disposal(line.key, self.pack_list.describe(line))

    def _seal_broken(self, key: str, disposal: str) -> None:
        self.runner.enqueue(lambda: self.presenter.seal_broken(key, disposal), on_result=self._on_dispense_result,
                            on_error=self._failed(self.tr("Seal broken")), name="seal-broken")

    @Slot(bool)
    def set_seal_check(self, on: bool) -> None:
        """Counter menu: turn the seal check on or off (the presenter checks the role)."""
        def failed(error: TaskError) -> None:
            self.status_bar.say(self.tr("The seal check was not changed: {error}").format(error=error.for_user))
            self._show_status(self.last_status)  # the menu shows the setting as it is

        self.runner.submit(self.presenter.set_seal_check, on, on_result=self._show_status, on_error=failed,
                           name="seal-check")

    def _on_dispense_result(self, result: DispenseResult) -> None:
        if any(line.status is LineStatus.QUEUED for line in result.lines):
            self._hub_seen(online=False)
        self._lines.apply(result)
        self.pack_list.set_lines(self._lines)
        if result.headline:  # the banner shows what this action did, not the last scan
            self.last_action, self.last_replay = result, None
            self.view.show_action(result)
            if self.sounds is not None and result.level is Level.STOP:
                self.sounds.play(result.level)
        if result.prescription is not None:
            self._on_prescription(result.prescription)
        if result.message:
            self.status_bar.say(result.message)
        self._update_buttons()
        self.refresh_status()
        self.dispense_done.emit(result)

    @Slot()
    def new_dispense(self) -> None:
        """Start a new dispense (F12): clears the list and the banner; nothing is sent. Checked packs
        not dispensed yet are put aside only after a confirmation."""
        if self.busy:
            return
        waiting = len(self._lines.checked_keys())
        if waiting:
            self.prompt_dialog = self.dialogs.confirm_discard(waiting, self._start_new_dispense)
        else:
            self._start_new_dispense()

    def _start_new_dispense(self) -> None:
        if self.busy:
            return
        self._lines.clear()
        self.last_result, self.last_action, self.last_replay = None, None, None
        self.pack_list.set_lines(self._lines)
        self.pack_panel.clear()
        self.prescription_panel.patient = None  # the presenter forgets it too
        self.prescription_panel.show_prescription(None)
        self.view.show_idle()
        self.runner.enqueue(self.presenter.new_dispense, on_result=lambda _none: None,
                            on_error=self._failed(self.tr("Start a new dispense")), name="new-dispense")
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.view.update_buttons(self._lines, self.last_status, replaying=self.monitor.replaying,
                                 closed=self.runner.closed)

    def _refuse(self, action: str) -> bool:
        """Say so in the status bar and return True when the signed-in operator's role does not allow
        ``action`` (a core.operators.Action value), as the last station status said (the presenter
        checks again: it is the real gate)."""
        if self.last_status is None or self.last_status.may(action):
            return False
        if self.last_status is not None and self.last_status.sign_in_required:
            self.status_bar.say(self.tr("Sign in first (Ctrl+L)."), 10_000)
        else:
            self.status_bar.say(self.tr("Your role does not allow this."), 10_000)
        return True

    # ----------------------------------------------------------------- station status and outbox
    @Slot()
    def refresh_status(self) -> None:
        """Ask the presenter for the station status (in the background; skipped if one is running)."""
        self.monitor.refresh()

    @Slot()
    def send_outbox(self) -> None:
        """Send what the outbox owes (F7), with a progress bar while it runs."""
        self.monitor.send_outbox()

    def _hub_seen(self, *, online: bool | None) -> None:
        """What a scan or a dispense just learnt of the hub, in the status bar at once (offline the
        moment a call fails, not at the next status poll); None: it learnt nothing."""
        if online is None:
            return
        self._hub_learnt = (online, time.monotonic())
        if self.last_status is not None and self.last_status.hub_online is online:
            return
        status = self.last_status or StationStatus(hub_online=None)
        self._show_status(dataclasses.replace(status, hub_online=online))

    def _on_status_known(self, status: StationStatus, asked_at: float) -> None:
        """A status the monitor asked for at ``asked_at``. What a scan or dispense learnt of the hub
        since then is newer than the status's hub line and stays: a poll asked while the hub was away
        and answered after the next scan found it back said "Hub OFFLINE" under that scan's verdict."""
        learnt = self._hub_learnt
        if learnt is not None and learnt[1] > asked_at and status.hub_online is not learnt[0]:
            status = dataclasses.replace(status, hub_online=learnt[0])
        self._show_status(status)

    def _on_replay(self, result: ReplayResult) -> None:
        """The outbox was sent: a conflict (a pack queued offline the hub refused) is loud: a STOP
        banner naming pack and patient, the STOP sound, a notice that stays until acknowledged, and
        the pack's line in this dispense says it was refused."""
        # a pack queued offline that the hub has now carried out: its row says dispensed, not queued
        queued = {line.key for line in self._lines if line.status is LineStatus.QUEUED}
        confirmed = tuple(u for u in result.lines if u.key in queued)
        if confirmed:
            self._lines.apply(DispenseResult(Level.OK, confirmed))
            self.pack_list.set_lines(self._lines)
            self._update_buttons()
        if result.conflicts:
            updates = tuple(LineUpdate(c.key, LineStatus.FAILED, c.reason) for c in result.conflicts)
            self._lines.apply(DispenseResult(Level.STOP, updates))
            self.pack_list.set_lines(self._lines)
            self.last_result, self.last_action, self.last_replay = None, None, result
            self.view.show_replay_conflicts(result.conflicts)
            self.view.show_conflicts(result.conflicts)
            if self.sounds is not None:
                self.sounds.play(Level.STOP)
            self._update_buttons()
        elif result.confirmed or result.status.outbox_length:
            # the banner said these packs would be verified when the hub is back: say what happened
            self.last_result, self.last_action, self.last_replay = None, None, result
            self.view.show_replay_done(result.confirmed, result.status.outbox_length)
        self.replay_shown.emit(result)

    def show_cached_status(self, status: StationStatus | None) -> None:
        """The status the station had when it last answered (:mod:`~dispense_app.ui.status_cache`),
        in the status bar until the live one comes; it opens no gate (the window's decisions wait for
        the live status)."""
        require_ui_thread("CounterWindow.show_cached_status")
        if status is None or self.last_status is not None:
            return
        self.status_bar.show_status(status)
        self.cached_status_shown.emit(status)

    def _show_status(self, status: StationStatus | None) -> None:
        require_ui_thread("CounterWindow._show_status")
        self.last_status = status
        self.status_bar.show_status(status)
        if status is None:
            return
        self.seal_action.setChecked(status.seal_check)
        self.view.keep_seal_row(status.seal_check)
        self._update_buttons()
        self.status_shown.emit(status)
        if status.sign_in_required and (self.sign_in_dialog is None or not self.sign_in_dialog.isVisible()):
            self.open_sign_in()

    def _close_confirmed_by_user(self) -> None:
        self._close_confirmed = True
        self.close()

    # ----------------------------------------------------------------- Qt events
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the counter window ends the session: stop polling and let running work finish.
        A user's close (the window's X, Alt+F4) with checked packs not dispensed asks first."""
        waiting = len(self._lines.checked_keys())
        if event.spontaneous() and waiting and not self._close_confirmed and not self.runner.closed:
            event.ignore()
            self.prompt_dialog = self.dialogs.confirm_discard(waiting, self._close_confirmed_by_user, closing=True)
            return
        self.monitor.stop()
        if self.camera_window is not None:
            self.camera_window.stop()
        self.runner.shutdown()
        super().closeEvent(event)
