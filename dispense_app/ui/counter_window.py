"""The counter window: what the pharmacist sees all day.

Layout, top to bottom: the permanent TRAINING banner (training mode only); the verdict banner
(colour + icon + words, readable from a metre away) with the reasons and the next action; the pack
details to compare with the printed pack beside the running list of this dispense's packs; the
Dispense / Undo / New dispense buttons with the undo deadline; the status bar (hub, outbox, hub
p95 against the 300 ms target, scanner profile, operator).

The window holds no business logic. Scans, dispenses and undos go to a
:class:`~dispense_app.ui.viewmodel.CounterPresenter` through the :class:`~dispense_app.ui.tasks.TaskRunner`;
the window renders what comes back. Counter actions run one at a time, in the order they were asked
for (a Dispense pressed right after a scan waits for that scan's verdict), so the workflow never sees
them out of order. Keyboard only: F9 Dispense, F8 Undo, F7 Send outbox, F12 New dispense, F1 About; Tab moves
through the list and the buttons.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dispense_app.ui import palette
from dispense_app.ui.fonts import BODY_PT, font
from dispense_app.ui.pack_list import PackLine, PackList
from dispense_app.ui.pack_panel import PackPanel
from dispense_app.ui.prescription_panel import PrescriptionPanel

if TYPE_CHECKING:
    from dispense_app.ui.about_dialog import AboutDialog
    from dispense_app.ui.adherence_view import AdherenceView
    from dispense_app.ui.alerts_view import AlertsView
    from dispense_app.ui.calibration_wizard import CalibrationWizard
    from dispense_app.ui.camera_view import CameraView
    from dispense_app.ui.settings_model import StationSettings, UiPreferences
    from dispense_app.ui.settings_view import SettingsView
from dispense_app.ui.sounds import Sounds
from dispense_app.ui.tasks import TaskError, TaskRunner, require_ui_thread
from dispense_app.ui.verdict_banner import VerdictBanner, load_icon
from dispense_app.ui.viewmodel import (
    CounterPresenter,
    DispenseResult,
    Level,
    LineStatus,
    PrescriptionView,
    ScanEvent,
    ScanResult,
    StationStatus,
)

STATUS_POLL_MS = 2000


class CounterWindow(QMainWindow):
    """The counter window. ``presenter`` does the work (on workers); the window only renders."""

    _progress = Signal(int, int)  # replay progress, emitted on a worker, delivered on the UI thread
    verdict_shown = Signal(object)  # ScanResult, after the banner shows it
    dispense_done = Signal(object)  # DispenseResult, after the list shows it
    status_shown = Signal(object)  # StationStatus, after the status bar shows it
    prescription_shown = Signal(object)  # PrescriptionView (or None), after the panel shows it
    patient_chosen = Signal(str)  # the patient now in use ("" for none)
    first_painted = Signal()  # the window has painted once (startup benchmark marker)

    def __init__(
        self,
        presenter: CounterPresenter,
        *,
        runner: TaskRunner | None = None,
        training: bool = False,
        poll_status: bool = True,
        sounds: Sounds | None = None,
        settings: StationSettings | None = None,
        camera_source: Callable[[], Any] | None = None,
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
        self.settings_window: SettingsView | None = None
        self.camera_source = camera_source
        self.camera_window: CameraView | None = None
        self._lines: list[PackLine] = []
        self._actions: deque[tuple[str, Callable[[], Any], Callable[[Any], None]]] = deque()
        self._action_busy = False
        self._status_busy = False
        self._replaying = False
        self._painted = False
        self.last_result: ScanResult | None = None
        self.manual_dialog: QWidget | None = None
        self.alerts_window: AlertsView | None = None
        self.adherence_window: AdherenceView | None = None
        self.last_status: StationStatus | None = None
        self.sign_in_dialog: QDialog | None = None
        self.prompt_dialog: QDialog | None = None
        self.calibration_window: CalibrationWizard | None = None
        self.about_dialog: AboutDialog | None = None
        self.wedge: Any = None  # the application's WedgeCapture, if the app installed one (settings apply to it)
        self.runner.task_failed.connect(self._on_task_failed)
        self._progress.connect(self._on_progress)

        self.setWindowIcon(load_icon("app"))
        self._build()
        self.retranslate()
        self._show_idle()
        self._update_buttons()

        self._poll = QTimer(self)
        self._poll.setInterval(STATUS_POLL_MS)
        self._poll.timeout.connect(self.refresh_status)
        if poll_status:
            # the first status (which builds the station on a worker) waits for the first paint, so
            # the worker's imports and disk work do not compete with the window for the GIL
            self.first_painted.connect(self.refresh_status)
            self.first_painted.connect(self._poll.start)

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        central = QWidget(self)
        root = QVBoxLayout(central)
        root.setContentsMargins(10, 10, 10, 6)
        root.setSpacing(10)

        self.training_banner = QLabel(central)
        self.training_banner.setObjectName("trainingBanner")
        self.training_banner.setFont(font(BODY_PT, bold=True))
        self.training_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_banner.setStyleSheet(palette.TRAINING_BANNER_STYLE)
        self.training_banner.setVisible(self.training)
        root.addWidget(self.training_banner)

        self.banner = VerdictBanner(central)
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        root.addWidget(self.banner)
        self.override_button = QPushButton(central)  # shown only for a prescription STOP
        self.override_button.setObjectName("overrideButton")
        self.override_button.setFont(font(BODY_PT - 5, bold=True))
        self.override_button.setAutoDefault(False)
        self.override_button.setVisible(False)
        self.override_button.clicked.connect(self.ask_supply_anyway)
        override_row = QHBoxLayout()
        override_row.addStretch(1)
        override_row.addWidget(self.override_button)
        root.addLayout(override_row)

        splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.pack_panel = PackPanel(splitter)
        lists = QWidget(splitter)
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(0, 0, 0, 0)
        self.prescription_panel = PrescriptionPanel(lists)
        self.prescription_panel.open_button.clicked.connect(self.choose_prescription)
        self.prescription_panel.adherence_button.clicked.connect(self.open_adherence)
        self.prescription_panel.patient_button.clicked.connect(self.ask_patient)
        self.prescription_panel.patient_button.setVisible(hasattr(self.presenter, "set_patient"))
        self.prescription_panel.adherence_button.setVisible(getattr(self.presenter, "adherence", None) is not None)
        self.list_caption = QLabel(lists)
        self.list_caption.setFont(font(BODY_PT - 3, bold=True))
        self.pack_list = PackList(lists)
        self.list_caption.setBuddy(self.pack_list)
        lists_layout.addWidget(self.prescription_panel)
        lists_layout.addWidget(self.list_caption)
        lists_layout.addWidget(self.pack_list)
        splitter.addWidget(self.pack_panel)
        splitter.addWidget(lists)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        root.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        self.dispense_button = QPushButton(central)
        self.dispense_button.setObjectName("dispenseButton")
        self.undo_button = QPushButton(central)
        self.undo_button.setObjectName("undoButton")
        self.sync_button = QPushButton(central)
        self.sync_button.setObjectName("syncButton")
        self.new_button = QPushButton(central)
        self.new_button.setObjectName("newButton")
        self.manual_button = QPushButton(central)
        self.manual_button.setObjectName("manualButton")
        self.camera_button = QPushButton(central)
        self.camera_button.setObjectName("cameraButton")
        self.camera_button.setVisible(self.camera_source is not None)
        for button in (self.dispense_button, self.undo_button, self.manual_button, self.camera_button,
                       self.sync_button, self.new_button):
            button.setFont(font(BODY_PT - 3, bold=True))
            button.setMinimumHeight(52)
            button.setAutoDefault(False)
        self.dispense_button.setFont(font(BODY_PT, bold=True))  # the main action stands out
        self.undo_deadline = QLabel(central)
        self.undo_deadline.setObjectName("undoDeadline")
        self.undo_deadline.setFont(font(BODY_PT - 3))
        self.undo_deadline.setWordWrap(True)
        buttons.addWidget(self.dispense_button, 3)
        buttons.addWidget(self.undo_button, 2)
        buttons.addSpacing(12)
        buttons.addWidget(self.manual_button, 2)
        buttons.addWidget(self.camera_button, 1)
        buttons.addWidget(self.sync_button, 2)
        buttons.addWidget(self.new_button, 2)
        root.addWidget(self.undo_deadline)
        root.addLayout(buttons)
        self.setCentralWidget(central)

        self.dispense_button.clicked.connect(self.dispense_all)
        self.undo_button.clicked.connect(self.undo_selected)
        self.sync_button.clicked.connect(self.send_outbox)
        self.new_button.clicked.connect(self.new_dispense)
        self.manual_button.clicked.connect(self.open_manual_entry)
        self.camera_button.clicked.connect(self.open_camera)
        self.pack_list.itemSelectionChanged.connect(self._update_buttons)
        self._shortcuts = [
            self._shortcut(Qt.Key.Key_F9, self.dispense_all),
            self._shortcut(Qt.Key.Key_F8, self.undo_selected),
            self._shortcut(Qt.Key.Key_F7, self.send_outbox),
            self._shortcut(Qt.Key.Key_F12, self.new_dispense),
            self._shortcut(Qt.Key.Key_F4, self.open_manual_entry),
            self._shortcut(Qt.Key.Key_F6, self.open_alerts),
            self._shortcut(Qt.Key.Key_F3, self.choose_prescription),
            self._shortcut(Qt.Key.Key_F2, self.open_adherence),
            self._shortcut(Qt.Key.Key_F10, self.open_settings),
            self._shortcut(Qt.Key.Key_F11, self.open_camera),
            self._shortcut(Qt.Key.Key_F5, self.open_sign_in),
            self._shortcut(Qt.Key.Key_F1, self.open_about),
        ]
        # focus order: list, Dispense, Undo, Type the code, Send outbox, New dispense
        QWidget.setTabOrder(self.pack_list, self.dispense_button)
        QWidget.setTabOrder(self.dispense_button, self.undo_button)
        QWidget.setTabOrder(self.undo_button, self.manual_button)
        QWidget.setTabOrder(self.manual_button, self.camera_button)
        QWidget.setTabOrder(self.camera_button, self.sync_button)
        QWidget.setTabOrder(self.sync_button, self.new_button)

        bar = self.statusBar()
        bar.setFont(font(BODY_PT - 6))
        bar.setStyleSheet("QStatusBar::item { border: none; } QStatusBar QLabel { padding: 0 6px; }")
        self.hub_label = QLabel(bar)
        self.hub_label.setObjectName("hubLabel")
        self.outbox_label = QLabel(bar)
        self.outbox_label.setObjectName("outboxLabel")
        self.replay_progress = QProgressBar(bar)
        self.replay_progress.setObjectName("replayProgress")
        self.replay_progress.setMaximumWidth(160)
        self.replay_progress.setVisible(False)
        self.p95_label = QLabel(bar)
        self.p95_label.setObjectName("p95Label")
        self.profile_label = QLabel(bar)
        self.profile_label.setObjectName("profileLabel")
        self.operator_label = QLabel(bar)
        self.operator_label.setObjectName("operatorLabel")
        self.alerts_button = QPushButton(bar)
        self.alerts_button.setObjectName("alertsButton")
        self.alerts_button.setFlat(True)
        self.alerts_button.setFont(font(BODY_PT - 6, bold=True))
        self.alerts_button.clicked.connect(self.open_alerts)
        self.alerts_button.setVisible(getattr(self.presenter, "alerts", None) is not None)
        self.settings_button = QPushButton(bar)
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.setFlat(True)
        self.settings_button.setFont(font(BODY_PT - 6, bold=True))
        self.settings_button.clicked.connect(self.open_settings)
        self.settings_button.setVisible(self.settings is not None)
        self.sign_in_button = QPushButton(bar)  # shown once the station has operator accounts
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setFlat(True)
        self.sign_in_button.setFont(font(BODY_PT - 6, bold=True))
        self.sign_in_button.clicked.connect(self.open_sign_in)
        self.sign_in_button.setVisible(False)
        self.about_button = QPushButton(bar)
        self.about_button.setObjectName("aboutButton")
        self.about_button.setFlat(True)
        self.about_button.setFont(font(BODY_PT - 6, bold=True))
        self.about_button.clicked.connect(self.open_about)
        for widget in (
            self.hub_label,
            self.outbox_label,
            self.replay_progress,
            self.p95_label,
            self.profile_label,
            self.operator_label,
            self.sign_in_button,
            self.alerts_button,
            self.settings_button,
            self.about_button,
        ):
            if widget not in (self.alerts_button, self.settings_button, self.sign_in_button, self.about_button):
                widget.setFont(font(BODY_PT - 6))
            bar.addPermanentWidget(widget)
        self.resize(*self._initial_size())

    def _initial_size(self) -> tuple[int, int]:
        """1400 x 860, within the screen: narrower, the status bar's fixed items (hub, outbox, p95,
        scanner, operator, Alerts/Settings/Info, longer in German) get squeezed and cut off, and
        leave no room for the status messages on its left."""
        width, height = 1400, 860
        screen = self.screen()
        if screen is not None:
            area = screen.availableGeometry()
            if area.width() >= 1024:  # a real screen (offscreen test platforms report 800 x 600)
                width, height = min(width, area.width()), min(height, area.height())
        return width, height

    def _shortcut(self, key: Qt.Key, slot: Callable[[], None]) -> QShortcut:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def retranslate(self) -> None:
        """Set every fixed text (called again after the language changes)."""
        title = self.tr("dispense-app — counter")
        self.setWindowTitle(self.tr("[TRAINING] {title}").format(title=title) if self.training else title)
        self.training_banner.setText(
            self.tr("TRAINING — simulated hub and demo packs; nothing is really decommissioned")
        )
        self.training_banner.setAccessibleName(self.training_banner.text())
        self.list_caption.setText(self.tr("Packs in this dispense"))
        self.dispense_button.setText(self.tr("Dispense (F9)"))
        self.dispense_button.setAccessibleName(self.tr("Dispense the checked packs"))
        self.undo_button.setText(self.tr("Undo (F8)"))
        self.undo_button.setAccessibleName(self.tr("Undo the supply of the selected pack"))
        self.sync_button.setText(self.tr("Send outbox (F7)"))
        self.sync_button.setAccessibleName(self.tr("Send the queued offline transactions to the hub"))
        self.new_button.setText(self.tr("New dispense (F12)"))
        self.new_button.setAccessibleName(self.tr("Start a new dispense"))
        self.camera_button.setText(self.tr("Camera (F11)"))
        self.camera_button.setAccessibleName(self.tr("Scan with the webcam"))
        if self.camera_window is not None:
            self.camera_window.retranslate()
        self.manual_button.setText(self.tr("Type the code (F4)"))
        self.manual_button.setAccessibleName(self.tr("Type the printed code of a pack that cannot be scanned"))
        self.replay_progress.setAccessibleName(self.tr("Outbox replay progress"))
        self.outbox_label.setToolTip(self.tr("Transactions recorded here and not yet confirmed by the hub"))
        self.p95_label.setToolTip(
            self.tr("Rolling 95th percentile of the hub's answer time, against the 300 ms target")
        )
        self.alerts_button.setAccessibleName(self.tr("Open the alerts view"))
        self.settings_button.setText(self.tr("Settings (F10)"))
        self.override_button.setText(self.tr("Supply anyway (pharmacist, with a reason)…"))
        self.override_button.setAccessibleName(self.tr("Supply this pack despite the prescription STOP"))
        self.sign_in_button.setText(self.tr("Sign in (F5)"))
        self.sign_in_button.setAccessibleName(self.tr("Sign in or switch operator"))
        self.settings_button.setAccessibleName(self.tr("Open the settings"))
        self.about_button.setText(self.tr("About (F1)"))
        self.about_button.setAccessibleName(self.tr("About dispense-app: version, data folder, hub, licences"))
        if self.about_dialog is not None:
            self.about_dialog.retranslate()
        if self.settings_window is not None:
            self.settings_window.retranslate()
        self._show_alert_count(self.last_status.alerts_new if self.last_status else None)
        if self.alerts_window is not None:
            self.alerts_window.retranslate()
        if self.adherence_window is not None:
            self.adherence_window.retranslate()
        self.pack_panel.retranslate()
        self.prescription_panel.retranslate()
        self.pack_list.retranslate()
        self.pack_list.set_lines(self._lines)
        if self.last_result is not None:
            self._show_result(self.last_result)
        else:
            self._show_idle()
        self._show_status(self.last_status)
        self._update_undo_deadline()

    # ----------------------------------------------------------------- banner texts
    def headline(self, level: Level) -> str:
        return {
            Level.OK: self.tr("OK — may be dispensed"),
            Level.WARN: self.tr("CHECK — read the reasons"),
            Level.STOP: self.tr("STOP — do not supply"),
            Level.IDLE: self.tr("Ready — scan a pack"),
            Level.BUSY: self.tr("Checking…"),
        }[level]

    def _show_idle(self) -> None:
        self.banner.show_verdict(
            Level.IDLE,
            self.headline(Level.IDLE),
            [],
            self.tr("Scan the pack's DataMatrix code; the verdict appears here."),
        )

    def _show_result(self, result: ScanResult) -> None:
        # reasons and next action arrive translated by the presenter (core message table, context "verdict")
        self.banner.show_verdict(result.level, self.headline(result.level), list(result.reasons), result.next_action)
        self.pack_panel.show_pack(result.pack)

    # ----------------------------------------------------------------- the serial action queue
    def _enqueue(self, name: str, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self._actions.append((name, work, done))
        self._pump()

    def _pump(self) -> None:
        if self._action_busy or not self._actions or self.runner.closed:
            return
        name, work, done = self._actions.popleft()
        self._action_busy = True

        def finished(result: Any) -> None:
            self._action_busy = False
            done(result)
            self._pump()

        def failed(error: TaskError) -> None:
            self._action_busy = False
            self._show_failure(name, error)
            self._pump()

        self.runner.submit(work, on_result=finished, on_error=failed, name=name)
        self._update_buttons()

    @property
    def busy(self) -> bool:
        """True while a counter action is in flight or queued."""
        return self._action_busy or bool(self._actions)

    # ----------------------------------------------------------------- scans
    def attach_scanner(self, scanned: Any) -> None:
        """Feed scans from a signal carrying :class:`~scanner.scan_event.ScanEvent` objects (the
        application-wide wedge capture's ``scanned``, a serial reader, the camera view)."""
        scanned.connect(self.submit_scan)

    @Slot(str, str)
    def show_serial_status(self, status: str, detail: str) -> None:
        """The serial scanner's connection, in the status bar (it reconnects by itself)."""
        if status == "connected":
            self.statusBar().showMessage(self.tr("Serial scanner connected: {port}").format(port=detail), 10_000)
        elif status == "disconnected":
            self.statusBar().showMessage(self.tr("Serial scanner not connected: {detail}").format(detail=detail))

    def _show_alert_count(self, count: int | None) -> None:
        if count:
            self.alerts_button.setText(self.tr("⚠ Alerts: {n} new (F6)").format(n=count))
            self.alerts_button.setStyleSheet(palette.text_style(palette.STOP))
        else:
            self.alerts_button.setText(self.tr("Alerts (F6)"))
            self.alerts_button.setStyleSheet("")

    @Slot()
    def open_alerts(self) -> None:
        """F6: the alerts view (its own window), listing this station's alerts, newest first."""
        source = getattr(self.presenter, "alerts", None)
        if source is None or self.runner.closed:
            return
        if self.alerts_window is None:
            from dispense_app.ui.alerts_view import AlertsView

            self.alerts_window = AlertsView(source, self.runner, self)
            self.alerts_window.setWindowFlag(Qt.WindowType.Window, True)
            self.alerts_window.resize(1200, 700)
            self.alerts_window.changed.connect(lambda _rec: self.refresh_status())
        self.alerts_window.show()
        self.alerts_window.raise_()
        self.alerts_window.activateWindow()
        self.alerts_window.search()

    @Slot()
    def open_about(self) -> None:
        """F1: the About dialog (version from ``dispense_app.__version__``, data folder, hub URL, licences)."""
        if self.about_dialog is None:
            from dispense_app.ui.about_dialog import AboutDialog

            self.about_dialog = AboutDialog(self)
        home = self.settings.home if self.settings is not None else None
        hub_url = self.last_status.hub_url if self.last_status is not None else None
        self.about_dialog.show_info(home=home, hub_url=hub_url)

    @Slot()
    def open_camera(self) -> None:
        """F11: the camera view (its own window); codes it reads go the way of a scan (entry mode camera)."""
        if self.camera_source is None or self.runner.closed:
            return
        if self.camera_window is None:
            from dispense_app.ui.camera_view import CameraView

            self.camera_window = CameraView(self.camera_source, self)
            self.camera_window.setWindowFlag(Qt.WindowType.Window, True)
            self.camera_window.resize(800, 640)
            self.attach_scanner(self.camera_window.scanned)
        self.camera_window.show()
        self.camera_window.raise_()
        if not self.camera_window.running:
            self.camera_window.start()

    @Slot()
    def open_settings(self) -> None:
        """F10: the settings (hub with its secret in the keyring; language and sounds)."""
        if self.settings is None or self.runner.closed or self._refuse("settings"):
            return
        if self.settings_window is None:
            from dispense_app.ui.settings_view import SettingsView

            self.settings_window = SettingsView(self.settings, self.runner, self,
                                                operators=getattr(self.presenter, "operators", None))
            self.settings_window.setWindowFlag(Qt.WindowType.Window, True)
            self.settings_window.resize(720, 560)
            self.settings_window.ui_saved.connect(self.apply_preferences)
            self.settings_window.calibrate_requested.connect(self.open_calibration)
        self.settings_window.show()
        self.settings_window.raise_()
        self.settings_window.activateWindow()
        self.settings_window.load()

    @Slot()
    def open_calibration(self) -> None:
        """The scanner calibration wizard (from the settings): test sheet, scans, profile."""
        if self.settings is None or self.runner.closed or self._refuse("calibrate"):
            return
        if self.calibration_window is None:
            from dispense_app.ui.calibration_wizard import CalibrationWizard

            self.calibration_window = CalibrationWizard(self.settings.home, self.runner, self)
            self.calibration_window.setWindowFlag(Qt.WindowType.Window, True)
            self.calibration_window.resize(900, 700)
            self.calibration_window.profile_saved.connect(self.use_profile)
        self.calibration_window.show()
        self.calibration_window.raise_()
        self.calibration_window.activateWindow()

    @Slot(object)
    def use_profile(self, profile: Any) -> None:
        """A new scanner profile (saved by the wizard): the station uses it from the next scan on."""
        use = getattr(self.presenter, "use_profile", None)
        if use is None or self.runner.closed:
            return
        self.runner.submit(use, profile, on_result=self._on_status, name="profile")

    @Slot(object)
    def apply_preferences(self, prefs: UiPreferences) -> None:
        """Language, sounds and wedge timing from the settings, at once (every text is set again); the
        camera number the next time the camera starts (:attr:`preferences`)."""
        from PySide6.QtCore import QCoreApplication

        self.preferences = prefs
        from dispense_app.ui.i18n import install_translators

        app = QCoreApplication.instance()
        if app is not None:
            install_translators(app, prefs.language)
        if self.sounds is not None and hasattr(self.sounds, "enabled"):
            self.sounds.enabled = prefs.sounds
        if self.wedge is not None:
            self.wedge.reconfigure(prefs.wedge_config())
        self.retranslate()

    @Slot()
    def open_adherence(self) -> None:
        """F2: the adherence view (its own window), for the open prescription's patient if there is one."""
        source = getattr(self.presenter, "adherence", None)
        if source is None or self.runner.closed:
            return
        if self.adherence_window is None:
            from dispense_app.ui.adherence_view import AdherenceView

            self.adherence_window = AdherenceView(source, self.runner, self)
            self.adherence_window.setWindowFlag(Qt.WindowType.Window, True)
            self.adherence_window.resize(1280, 760)
        self.adherence_window.show()
        self.adherence_window.raise_()
        self.adherence_window.activateWindow()
        view = self.prescription_panel.view
        if view is not None and view.patient_ref:
            self.adherence_window.open_patient(view.patient_ref)
        elif self.prescription_panel.patient:
            self.adherence_window.open_patient(self.prescription_panel.patient)

    @Slot()
    def choose_prescription(self) -> None:
        """F3: pick a prescription file (FHIR R4 JSON: MedicationRequest or Bundle; or the simple CSV)."""
        from PySide6.QtWidgets import QFileDialog

        from dispense_app.ui.resources import resource_path

        start = resource_path("demo", "prescriptions") if self.training else None
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a prescription"),
            str(start) if start is not None and start.is_dir() else "",
            self.tr("Prescriptions (*.json *.csv);;All files (*)"),
        )
        if path:
            self.load_prescription(path)

    def load_prescription(self, path: str) -> None:
        """Open the prescription in ``path`` for this dispense (read and checked in the background)."""
        self._enqueue("prescription", lambda: self.presenter.open_prescription(path), self._on_prescription)

    def _on_prescription(self, view: PrescriptionView | None) -> None:
        self.prescription_panel.show_prescription(view)
        self.prescription_shown.emit(view)

    @Slot()
    def open_manual_entry(self) -> None:
        """F4: type the printed code (product code, serial, batch, expiry) when a code cannot be scanned.

        The form checks the fields like a scan; a valid entry goes the same way as a scan, with entry
        mode *manual* (national systems require the flag)."""
        from PySide6.QtWidgets import QVBoxLayout

        from dispense_app.ui.manual_entry_form import ManualEntryForm

        dialog = QDialog(self)
        dialog.setObjectName("manualEntryDialog")
        dialog.setWindowTitle(self.tr("Type the printed code"))
        form = ManualEntryForm(dialog)
        form.setFont(font(BODY_PT - 2))
        QVBoxLayout(dialog).addWidget(form)

        def use(result: Any) -> None:
            if result.scan is not None:
                dialog.accept()
                self.submit_scan(result.scan)

        form.submitted.connect(use)
        self.manual_dialog = dialog
        dialog.open()

    @Slot(object)
    def submit_scan(self, scan: ScanEvent) -> None:
        """A scan arrived (wedge, serial, camera, manual entry): check it in the background."""
        require_ui_thread("CounterWindow.submit_scan")
        wizard = self.calibration_window
        if wizard is not None and wizard.collecting:  # the calibration wizard is reading the test sheet
            wizard.feed(scan)
            return
        if self.last_status is not None and self.last_status.sign_in_required:
            self._refuse("verify")  # "Sign in first (F5)."
            self.open_sign_in()
            return
        self.banner.show_verdict(Level.BUSY, self.headline(Level.BUSY), [], "")
        self._enqueue("scan", lambda: self.presenter.scan(scan), self._on_scan_result)

    def _on_scan_result(self, result: ScanResult) -> None:
        self.last_result = result
        self._show_result(result)
        if self.sounds is not None:
            self.sounds.play(result.level)
        key = result.pack.key if result.pack else f"unreadable-{len(self._lines)}"
        status = LineStatus.CHECKED if result.may_dispense else LineStatus.BLOCKED
        existing = self._find(key)
        if existing is not None and existing.status in (LineStatus.DISPENSED, LineStatus.QUEUED):
            pass  # already handed over in this dispense: the verdict says so; keep the line as it is
        elif existing is not None:
            existing.level, existing.status, existing.pack = result.level, status, result.pack
            existing.overridable = result.overridable
        else:
            self._lines.append(PackLine(key, result.pack, result.level, status, overridable=result.overridable))
        self.pack_list.set_lines(self._lines)
        self._update_buttons()
        self.verdict_shown.emit(result)

    def _find(self, key: str) -> PackLine | None:
        return next((line for line in self._lines if line.key == key), None)

    # ----------------------------------------------------------------- dispense / undo
    @Slot()
    def dispense_all(self) -> None:
        """Dispense every checked pack of this dispense (F9)."""
        keys = [line.key for line in self._lines if line.status is LineStatus.CHECKED]
        if not keys or self._refuse("dispense"):
            return
        self._enqueue("dispense", lambda: self.presenter.dispense(keys), self._on_dispense_result)

    @Slot()
    def undo_selected(self) -> None:
        """Undo the supply of the selected pack, or of the last dispensed one (F8)."""
        line = self._undo_target()
        if line is None or self._refuse("undo"):
            return
        key = line.key
        self._enqueue("undo", lambda: self.presenter.undo(key), self._on_dispense_result)

    def _override_target(self) -> PackLine | None:
        """The selected pack (else the last one) when it is a prescription STOP that may be overridden."""
        key = self.pack_list.selected_key()
        line = self._find(key) if key is not None else (self._lines[-1] if self._lines else None)
        if line is not None and line.overridable and line.status is LineStatus.BLOCKED:
            return line
        return None

    @Slot()
    def ask_supply_anyway(self) -> None:
        """Ask a pharmacist why the pack is supplied despite the prescription STOP, then supply it."""
        line = self._override_target()
        if line is None or self._refuse("supply-anyway") or self.runner.closed:
            return
        from dispense_app.ui.prompt_dialog import PromptDialog

        key = line.key
        dialog = PromptDialog(self)
        dialog.setObjectName("supplyAnywayDialog")
        dialog.submitted.connect(lambda reason: self._enqueue(
            "supply-anyway", lambda: self.presenter.supply_anyway(key, reason),  # type: ignore[attr-defined]
            self._on_dispense_result))
        self.prompt_dialog = dialog
        dialog.ask(self.tr("Supply anyway"),
                   self.tr("Why is this pack supplied despite the STOP? The reason and your name are "
                           "recorded on the alert."),
                   self.tr("Supply anyway"))

    @Slot()
    def ask_patient(self) -> None:
        """Choose the patient to dispense to when there is no prescription (empty: nobody)."""
        if not hasattr(self.presenter, "set_patient") or self.runner.closed:
            return
        from dispense_app.ui.prompt_dialog import PromptDialog

        dialog = PromptDialog(self, max_length=100, allow_empty=True)
        dialog.setObjectName("patientDialog")
        dialog.submitted.connect(lambda ref: self.runner.submit(
            self.presenter.set_patient, ref or None,
            on_result=self._on_patient, name="patient"))
        self.prompt_dialog = dialog
        dialog.ask(self.tr("Patient"),
                   self.tr("The patient's reference (as in your patient records); their fills then count "
                           "for adherence. Empty: no patient."),
                   self.tr("Use this patient"), self.prescription_panel.patient or "")

    def _on_patient(self, patient: str | None) -> None:
        self.prescription_panel.patient = patient
        self.prescription_panel.show_prescription(self.prescription_panel.view)
        self.patient_chosen.emit(patient or "")

    def _undo_target(self) -> PackLine | None:
        selected = self.pack_list.selected_key()
        candidates = [line for line in self._lines if line.status in (LineStatus.DISPENSED, LineStatus.QUEUED)]
        if selected is not None:
            return next((line for line in candidates if line.key == selected), None)
        return candidates[-1] if candidates else None

    def _on_dispense_result(self, result: DispenseResult) -> None:
        for update in result.lines:
            line = self._find(update.key)
            if line is None:
                continue
            line.status = update.status
            line.message = update.message
            if update.status in (LineStatus.DISPENSED, LineStatus.QUEUED):
                line.undo_deadline = update.undo_deadline
            elif update.status is LineStatus.UNDONE:
                line.undo_deadline = None
        self.pack_list.set_lines(self._lines)
        if result.prescription is not None:
            self._on_prescription(result.prescription)
        if result.message:
            self.statusBar().showMessage(result.message, 15_000)
        self._update_buttons()
        self.refresh_status()
        self.dispense_done.emit(result)

    @Slot()
    def new_dispense(self) -> None:
        """Start a new dispense (F12): clears the list and the banner; nothing is sent."""
        if self.busy:
            return
        self._lines.clear()
        self.last_result = None
        self.pack_list.set_lines(self._lines)
        self.pack_panel.clear()
        self.prescription_panel.patient = None  # the presenter forgets it too
        self.prescription_panel.show_prescription(None)
        self._show_idle()
        self._enqueue("new-dispense", self.presenter.new_dispense, lambda _none: None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        checked = any(line.status is LineStatus.CHECKED for line in self._lines)
        self.dispense_button.setEnabled(checked and self.may("dispense"))
        self.undo_button.setEnabled(self._undo_target() is not None and self.may("undo"))
        target = self._override_target()
        self.override_button.setVisible(target is not None and hasattr(self.presenter, "supply_anyway"))
        allowed = self.last_status is not None and self.last_status.permissions is not None \
            and self.last_status.may("supply-anyway")
        self.override_button.setEnabled(allowed)
        self.override_button.setToolTip("" if allowed else self.tr("Only a signed-in pharmacist may supply anyway."))
        self.new_button.setEnabled(bool(self._lines))
        self.sync_button.setEnabled(not self._replaying)
        self.manual_button.setEnabled(not self.runner.closed)
        self._update_undo_deadline()

    def may(self, action: str) -> bool:
        """Whether the signed-in operator's role allows ``action`` (core.operators.Action value), as
        the last station status said; the presenter checks again (the real gate)."""
        return self.last_status is None or self.last_status.may(action)

    def _refuse(self, action: str) -> bool:
        """Say so in the status bar and return True when the role does not allow ``action``."""
        if self.may(action):
            return False
        if self.last_status is not None and self.last_status.sign_in_required:
            self.statusBar().showMessage(self.tr("Sign in first (F5)."), 10_000)
        else:
            self.statusBar().showMessage(self.tr("Your role does not allow this."), 10_000)
        return True

    @Slot()
    def open_sign_in(self) -> None:
        """F5: sign in (or switch operator) with login and PIN, when the station has accounts."""
        if not hasattr(self.presenter, "sign_in") or self.runner.closed:
            return
        if self.sign_in_dialog is None:
            from dispense_app.ui.sign_in import SignInDialog

            dialog = SignInDialog(self.presenter, self.runner, self)
            dialog.signed_in.connect(self._on_status)
            self.sign_in_dialog = dialog
        if not self.sign_in_dialog.isVisible():
            self.sign_in_dialog.open()
        self.sign_in_dialog.raise_()
        self.sign_in_dialog.activateWindow()

    def _update_undo_deadline(self) -> None:
        line = self._undo_target()
        if line is None or line.undo_deadline is None:
            self.undo_deadline.setText("")
            return
        when = line.undo_deadline.astimezone().strftime("%Y-%m-%d %H:%M")
        self.undo_deadline.setText(self.tr("Undo possible until {when} (same premises only)").format(when=when))

    def _show_failure(self, name: str, error: TaskError) -> None:
        """A counter action raised: never leave the pharmacist with a stale OK on screen."""
        if name == "scan":
            self.last_result = None
            self.banner.show_verdict(
                Level.STOP,
                self.headline(Level.STOP),
                [self.tr("The check could not be completed: {error}").format(error=str(error))],
                self.tr("Scan the pack again. If this repeats, do not supply it and call support."),
            )
            self.pack_panel.clear()
        elif name == "prescription":
            self.prescription_panel.show_error(
                self.tr("The prescription cannot be used: {error}").format(error=str(error.exception))
            )
        else:
            what = {"dispense": self.tr("Dispense"), "undo": self.tr("Undo")}.get(name, name)
            message = self.tr("{action} failed: {error}").format(action=what, error=str(error))
            self.statusBar().showMessage(message, 15_000)
        self._update_buttons()

    @Slot(str, object)
    def _on_task_failed(self, name: str, error: object) -> None:
        if name == "status":
            self._status_busy = False
            # e.g. no hub configured, keyring secret missing, database refused: say so where the hub state is
            self.hub_label.setText(self.tr("✖ Station not ready: {error}").format(error=str(error)))
            self.hub_label.setStyleSheet(palette.text_style(palette.STOP, bold=True, padded=True))

    # ----------------------------------------------------------------- status bar
    @Slot()
    def refresh_status(self) -> None:
        """Ask the presenter for the station status (in the background; skipped if one is running)."""
        if self._status_busy or self.runner.closed:
            return
        self._status_busy = True
        self.runner.submit(self.presenter.status, on_result=self._on_status, name="status")

    def _on_status(self, status: StationStatus) -> None:
        self._status_busy = False
        self._show_status(status)

    def _show_status(self, status: StationStatus | None) -> None:
        require_ui_thread("CounterWindow._show_status")
        self.last_status = status
        if status is None:
            self.hub_label.setText(self.tr("Hub: …"))
            self.outbox_label.setText("")
            self.p95_label.setText("")
            self.profile_label.setText("")
            self.operator_label.setText("")
            return
        if status.hub_online is None:
            self.hub_label.setText(self.tr("Hub: not checked yet"))
            self.hub_label.setStyleSheet("")
        elif status.hub_online:
            self.hub_label.setText(self.tr("● Hub online"))
            self.hub_label.setStyleSheet(palette.text_style(palette.OK, bold=True, padded=True))
        else:
            self.hub_label.setText(self.tr("✖ Hub OFFLINE — working from the local cache"))
            self.hub_label.setStyleSheet(palette.text_style(palette.STOP, bold=True, padded=True))
        self.outbox_label.setText(self.tr("Outbox: {n}").format(n=status.outbox_length))
        if status.hub_p95_ms is None:
            self.p95_label.setText(self.tr("p95 — / {target:.0f} ms").format(target=status.target_ms))
            self.p95_label.setStyleSheet("")
        else:
            within = status.hub_p95_ms <= status.target_ms
            mark = "✔" if within else "▲"
            self.p95_label.setText(
                self.tr("{mark} p95 {p95:.0f} ms / {target:.0f} ms").format(
                    mark=mark, p95=status.hub_p95_ms, target=status.target_ms
                )
            )
            self.p95_label.setStyleSheet(
                "" if within else palette.text_style(palette.WARN_TEXT, bold=True, padded=True)
            )
        self.profile_label.setText(
            self.tr("Scanner: {profile}").format(profile=status.scanner_profile or self.tr("no profile"))
        )
        self.operator_label.setText(
            self.tr("Operator: {name}").format(name=status.operator or self.tr("not signed in"))
        )
        self._show_alert_count(status.alerts_new)
        self.sign_in_button.setVisible(status.permissions is not None)
        self._update_buttons()
        self.status_shown.emit(status)
        if status.sign_in_required and (self.sign_in_dialog is None or not self.sign_in_dialog.isVisible()):
            self.open_sign_in()

    # ----------------------------------------------------------------- outbox replay
    @Slot()
    def send_outbox(self) -> None:
        """Send what the outbox owes (F7), with a progress bar while it runs."""
        if self._replaying or self.runner.closed:
            return
        self._replaying = True
        self.replay_progress.setRange(0, 0)  # busy until the first progress report
        self.replay_progress.setVisible(True)
        self._update_buttons()
        self.runner.submit(
            self.presenter.replay,
            self._report_progress,
            on_result=self._on_replayed,
            on_error=self._on_replay_failed,
            name="replay",
        )

    def _report_progress(self, done: int, total: int) -> None:
        # called on the worker: hop to the UI thread through the event loop, never touch widgets here
        self._progress.emit(done, total)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        require_ui_thread("CounterWindow._on_progress")
        self.replay_progress.setRange(0, max(total, 1))
        self.replay_progress.setValue(done)
        self.outbox_label.setText(self.tr("Outbox: sending {done}/{total}").format(done=done, total=total))

    def _on_replayed(self, status: StationStatus) -> None:
        self._replaying = False
        self.replay_progress.setVisible(False)
        self._show_status(status)
        self._update_buttons()

    def _on_replay_failed(self, error: TaskError) -> None:
        self._replaying = False
        self.replay_progress.setVisible(False)
        self.statusBar().showMessage(self.tr("Sending the outbox failed: {error}").format(error=str(error)), 15_000)
        self._update_buttons()

    # ----------------------------------------------------------------- Qt events
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the counter window ends the session: stop polling and let running work finish."""
        self._poll.stop()
        if self.camera_window is not None:
            self.camera_window.stop()
        self.runner.shutdown()
        super().closeEvent(event)
