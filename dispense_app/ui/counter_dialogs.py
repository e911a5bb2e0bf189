"""The counter window's sub-windows and dialogs: alerts (F6), adherence (F2), settings (F10) and the
calibration wizard, camera (F11), About (F1), sign-in (Ctrl+L), typing a code by hand (F4), choosing a
prescription file (F3), the one-line questions (the patient, the reason to supply anyway or to undo)
and the confirmation before checked packs are put aside.

The window keeps its sub-windows; :class:`CounterDialogs` makes each on first use (their modules are
imported then, not at start-up) and shows and raises it when it is asked for again, through
:class:`~dispense_app.ui.sub_windows.SubWindows` (one place for "create or raise"): each method takes
the window's current one (None the first time) and returns it. What they produce (a scan typed by
hand, a sign-in, saved preferences, an answer) comes back to the window by signal; the window decides
what it means. Texts keep the translation context ``CounterWindow`` (the catalogue has them there).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout, QWidget

from dispense_app.ui.fonts import BODY_PT, font
from dispense_app.ui.sub_windows import SubWindows, mark_focus
from dispense_app.ui.tasks import TaskRunner
from dispense_app.ui.viewmodel import AdherenceSource, AlertsSource, CounterPresenter

if TYPE_CHECKING:
    from dispense_app.ui.about_dialog import AboutDialog
    from dispense_app.ui.adherence_view import AdherenceView
    from dispense_app.ui.alerts_view import AlertsView
    from dispense_app.ui.calibration_wizard import CalibrationWizard
    from dispense_app.ui.camera_view import CameraView, SourceFactory
    from dispense_app.ui.prompt_dialog import PromptDialog
    from dispense_app.ui.settings_model import StationSettings
    from dispense_app.ui.settings_view import SettingsView
    from dispense_app.ui.sign_in import SignInDialog
    from scanner.manual_entry import ManualResult

translate = QCoreApplication.translate


class CounterDialogs(QObject):
    """Makes and raises the sub-windows and dialogs of one counter window (``host``: their parent)."""

    scanned = Signal(object)  # ScanEvent: typed by hand (entry mode manual) or read by the camera
    signed_in = Signal(object)  # StationStatus after a sign-in
    alert_changed = Signal()  # an alert was followed up (the count of new alerts may have changed)
    preferences_saved = Signal(object)  # UiPreferences saved in the settings
    calibrate_requested = Signal()  # the settings' Calibrate button
    profile_saved = Signal(object)  # scanner.calibration.ScannerProfile saved by the calibration wizard
    prescription_chosen = Signal(str)  # the path of a prescription file to open
    patient_given = Signal(str)  # the patient's reference ("" for nobody)
    reason_given = Signal(str, str)  # pack key, why it is supplied despite the prescription STOP
    undo_reason_given = Signal(str, str)  # pack key, why its supply is undone
    seal_disposal_given = Signal(str, str)  # pack key, "destroy" or "return": its seal is broken

    def __init__(self, host: QWidget, presenter: CounterPresenter, runner: TaskRunner,
                 settings: StationSettings | None, refuse: Callable[[str], bool]) -> None:
        """``refuse(action)`` says so and returns True when the operator's role does not allow it."""
        super().__init__(host)
        self.host = host
        self.presenter = presenter
        self.runner = runner
        self.settings = settings
        self.refuse = refuse
        self.windows = SubWindows()
        self._transient: list[QDialog] = []

    def _one_at_a_time(self, dialog: QDialog) -> None:
        """Keep ``dialog`` (a question asked once: patient, reason, undo, manual entry, discard) and
        delete the earlier ones that are closed: each was a child of the window, so a day of undos
        and manual entries left hundreds of hidden dialogs alive (issue 22)."""
        for old in self._transient:
            if not old.isVisible():
                old.deleteLater()
        self._transient = [old for old in self._transient if old.isVisible()]
        self._transient.append(dialog)

    def retranslate(self) -> None:
        self.windows.retranslate()

    def sign_in(self, current: SignInDialog | None) -> SignInDialog | None:
        """Sign in (or switch operator) with login and PIN."""
        if self.runner.closed:
            return current

        def make() -> SignInDialog:
            from dispense_app.ui.sign_in import SignInDialog

            dialog = SignInDialog(self.presenter, self.runner, self.host)
            dialog.signed_in.connect(self.signed_in.emit)
            return dialog

        return self.windows.show(current, make, retranslate=lambda d: d.retranslate())

    def alerts(self, current: AlertsView | None, source: AlertsSource) -> AlertsView | None:
        """The alerts view (its own window), searched again each time it is asked for."""
        if self.runner.closed:
            return current

        def make() -> AlertsView:
            from dispense_app.ui.alerts_view import AlertsView

            view = AlertsView(source, self.runner, self.host)
            view.changed.connect(lambda _record: self.alert_changed.emit())
            return view

        view = self.windows.show(current, make, size=(1200, 700), retranslate=lambda w: w.retranslate())
        view.search()
        return view

    def adherence(self, current: AdherenceView | None, source: AdherenceSource,
                  patient: str | None) -> AdherenceView | None:
        """The adherence view (its own window), showing ``patient`` if one is given."""
        if self.runner.closed:
            return current

        def make() -> AdherenceView:
            from dispense_app.ui.adherence_view import AdherenceView

            return AdherenceView(source, self.runner, self.host)

        view = self.windows.show(current, make, size=(1280, 760), retranslate=lambda w: w.retranslate())
        if patient:
            view.open_patient(patient)
        return view

    def about(self, current: AboutDialog | None, home: Path | None, hub_url: str | None) -> AboutDialog:
        """The About dialog (it opens itself once it knows the data folder and the hub)."""

        def make() -> AboutDialog:
            from dispense_app.ui.about_dialog import AboutDialog

            return AboutDialog(self.host)

        dialog = self.windows.made(current, make, retranslate=lambda d: d.retranslate())
        dialog.show_info(home=home, hub_url=hub_url)
        return dialog

    def camera(self, current: CameraView | None, source: SourceFactory) -> CameraView | None:
        """The camera view (its own window; the focus stays where it was), started if it is not running."""
        if self.runner.closed:
            return current

        def make() -> CameraView:
            from dispense_app.ui.camera_view import CameraView

            view = CameraView(source, self.host)
            view.scanned.connect(self.scanned.emit)
            return view

        view = self.windows.show(current, make, size=(800, 640), activate=False, retranslate=lambda w: w.retranslate())
        if not view.running:
            view.start()
        return view

    def settings_view(self, current: SettingsView | None, *, training_hub: str | None = None) -> SettingsView | None:
        """The settings (hub with its secret in the keyring; scanner; language and sounds; operators);
        ``training_hub``: the simulated hub's URL in training mode (the hub tab says it is in use)."""
        settings = self.settings
        if settings is None or self.runner.closed or self.refuse("settings"):
            return current

        def make() -> SettingsView:
            from dispense_app.ui.settings_view import SettingsView

            view = SettingsView(settings, self.runner, self.host, operators=self.presenter.operators,
                                training_hub=training_hub)
            view.ui_saved.connect(self.preferences_saved.emit)
            view.calibrate_requested.connect(self.calibrate_requested.emit)
            return view

        view = self.windows.show(current, make, size=(720, 560), retranslate=lambda w: w.retranslate())
        view.load()
        return view

    def calibration(self, current: CalibrationWizard | None) -> CalibrationWizard | None:
        """The scanner calibration wizard (from the settings): test sheet, scans, profile."""
        settings = self.settings
        if settings is None or self.runner.closed or self.refuse("calibrate"):
            return current

        def make() -> CalibrationWizard:
            from dispense_app.ui.calibration_wizard import CalibrationWizard

            wizard = CalibrationWizard(settings.home, self.runner, self.host)
            wizard.profile_saved.connect(self.profile_saved.emit)
            return wizard

        return self.windows.show(current, make, size=(900, 700))

    def manual_entry(self) -> QDialog:
        """Type the printed code (product code, serial, batch, expiry) when a code cannot be scanned.

        The form checks the fields like a scan; a valid entry goes the same way as a scan, with entry
        mode *manual* (national systems require the flag)."""
        from dispense_app.ui.manual_entry_form import ManualEntryForm

        dialog = QDialog(self.host)
        dialog.setObjectName("manualEntryDialog")
        self._one_at_a_time(dialog)
        dialog.setWindowTitle(translate("CounterWindow", "Type the printed code"))
        form = ManualEntryForm(dialog)
        form.setFont(font(BODY_PT - 2))
        QVBoxLayout(dialog).addWidget(form)

        def use(result: ManualResult) -> None:
            if result.scan is not None:
                dialog.accept()
                self.scanned.emit(result.scan)

        form.submitted.connect(use)
        dialog.open()
        return dialog

    def choose_prescription(self, start: Path | None) -> None:
        """Pick a prescription file (FHIR R4 JSON: MedicationRequest or Bundle; or the simple CSV),
        starting in ``start`` if it is a folder."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.host,
            translate("CounterWindow", "Open a prescription"),
            str(start) if start is not None and start.is_dir() else "",
            translate("CounterWindow", "Prescriptions (*.json *.csv);;All files (*)"),
        )
        if path:
            self.prescription_chosen.emit(path)

    def _prompt(self, name: str, *, max_length: int = 500, allow_empty: bool = False) -> PromptDialog:
        from dispense_app.ui.prompt_dialog import PromptDialog

        dialog = PromptDialog(self.host, max_length=max_length, allow_empty=allow_empty)
        dialog.setObjectName(name)
        self._one_at_a_time(dialog)
        return dialog

    def ask_patient(self, current: str | None) -> PromptDialog:
        """Ask for the patient to dispense to without a prescription (empty: nobody)."""
        dialog = self._prompt("patientDialog", max_length=100, allow_empty=True)
        dialog.submitted.connect(self.patient_given.emit)
        dialog.ask(translate("CounterWindow", "Patient"),
                   translate("CounterWindow", "The patient's reference (as in your patient records); their fills "
                                              "then count for adherence. Empty: no patient."),
                   translate("CounterWindow", "Use this patient"), current or "")
        return dialog

    def ask_reason(self, key: str) -> PromptDialog:
        """Ask a pharmacist why the pack ``key`` is supplied despite the prescription STOP."""
        dialog = self._prompt("supplyAnywayDialog")
        dialog.submitted.connect(lambda reason: self.reason_given.emit(key, reason))
        dialog.ask(translate("CounterWindow", "Supply anyway"),
                   translate("CounterWindow", "Why is this pack supplied despite the STOP? The reason and your "
                                              "name are recorded on the alert."),
                   translate("CounterWindow", "Supply anyway"))
        return dialog

    def ask_undo_reason(self, key: str, pack: str) -> PromptDialog:
        """Confirm the undo of the supply of ``pack`` (its key ``key``) and ask why: an undo puts a
        decommissioned pack back into stock at the hub, so it is never one key press away from F9."""
        dialog = self._prompt("undoDialog")
        dialog.submitted.connect(lambda reason: self.undo_reason_given.emit(key, reason))
        dialog.ask(translate("CounterWindow", "Undo the supply"),
                   translate("CounterWindow", "Undo the supply of {pack}? Only if the pack is back in your "
                                              "hands, unopened: it becomes available again. Why is it undone? "
                                              "The reason is recorded.").format(pack=pack),
                   translate("CounterWindow", "Undo the supply"))
        return dialog

    def ask_seal_disposal(self, key: str, pack: str) -> QMessageBox:
        """Ctrl+B: the seal of ``pack`` (key ``key``) is broken. It is never dispensed; destroy it
        (decommissioned as destroyed at the hub) or return it to stock (still active, set aside for
        the supplier)? Cancel (also Esc and Enter) changes nothing."""
        box = QMessageBox(QMessageBox.Icon.Warning, translate("CounterWindow", "Seal broken"),
                          translate("CounterWindow", "The seal (anti-tampering device) of {pack} is broken: the "
                                                     "pack is not dispensed.").format(pack=pack),
                          QMessageBox.StandardButton.NoButton, self.host)
        box.setObjectName("sealDialog")
        box.setFont(font(BODY_PT))
        box.setInformativeText(translate(
            "CounterWindow", "An alert is recorded here for follow-up (the hub raises none). What happens to the "
                             "pack?"))
        destroy = box.addButton(translate("CounterWindow", "Destroy it"), QMessageBox.ButtonRole.DestructiveRole)
        destroy.setObjectName("sealDestroyButton")
        back = box.addButton(translate("CounterWindow", "Return to stock"), QMessageBox.ButtonRole.ActionRole)
        back.setObjectName("sealReturnButton")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)  # Enter from a scanner never decides
        box.setEscapeButton(cancel)
        for button, disposal in ((destroy, "destroy"), (back, "return")):
            button.clicked.connect(functools.partial(self.seal_disposal_given.emit, key, disposal))
        mark_focus(box)
        box.open()
        return box

    def confirm_discard(self, count: int, then: Callable[[], None], *, closing: bool = False) -> QMessageBox:
        """Ask before ``count`` checked packs that were not dispensed are put aside (a new dispense, or
        closing the window); ``then()`` runs only when the pharmacist confirms."""
        box = QMessageBox(QMessageBox.Icon.Warning, translate("CounterWindow", "Checked packs not dispensed"),
                          (translate("CounterWindow", "1 checked pack not dispensed yet.") if count == 1 else
                           translate("CounterWindow", "{count} checked packs not dispensed yet.").format(
                               count=count)),
                          QMessageBox.StandardButton.NoButton, self.host)
        box.setObjectName("discardDialog")
        self._one_at_a_time(box)
        box.setFont(font(BODY_PT))
        box.setInformativeText(
            translate("CounterWindow", "Nothing was sent to the hub for them. Put them aside and close the "
                                       "window?") if closing else
            translate("CounterWindow", "Nothing was sent to the hub for them. Put them aside and start a new "
                                       "dispense?"))
        discard = box.addButton(translate("CounterWindow", "Put them aside"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(translate("CounterWindow", "Keep them"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)  # Enter from a scanner never discards
        box.setEscapeButton(keep)
        discard.clicked.connect(then)
        mark_focus(box)
        box.open()
        return box
