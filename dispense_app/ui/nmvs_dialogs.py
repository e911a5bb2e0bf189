"""NMVS account dialogs opened from the settings: change the password at the national system
(G445) and read / accept its terms and conditions (G482/G483). The work runs on the background
runner through :class:`~dispense_app.ui.settings_model.StationSettings`; the dialogs only show."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dispense_app.ui import palette
from dispense_app.ui.settings_model import HubForm, StationSettings
from dispense_app.ui.tasks import TaskError, TaskRunner


class PasswordDialog(QDialog):
    """New password twice; on success the keyring holds it and its age starts again."""

    changed = Signal(object)  # HubForm

    def __init__(self, settings: StationSettings, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nmvsPasswordDialog")
        self.settings = settings
        self.runner = runner
        self.new = QLineEdit(self)
        self.again = QLineEdit(self)
        for edit in (self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(60)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.change_button = QPushButton(self)
        self.change_button.clicked.connect(self.change)
        self.new_label, self.again_label = QLabel(self), QLabel(self)
        self.new_label.setBuddy(self.new)
        self.again_label.setBuddy(self.again)
        form = QFormLayout()
        form.addRow(self.new_label, self.new)
        form.addRow(self.again_label, self.again)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.change_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change the NMVS password"))
        self.new_label.setText(self.tr("New password (8-60 characters)") + ":")
        self.again_label.setText(self.tr("New password again") + ":")
        self.change_button.setText(self.tr("Change at the national system"))

    def _say(self, text: str, *, bad: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(palette.ERROR_TEXT if bad else "")

    @Slot()
    def change(self) -> None:
        new = self.new.text()
        if new != self.again.text():
            self._say(self.tr("The two entries differ."), bad=True)
            return
        if not 8 <= len(new) <= 60:
            self._say(self.tr("An NMVS password has 8 to 60 characters."), bad=True)
            return
        self.change_button.setEnabled(False)
        self._say(self.tr("Asking the national system…"), bad=False)
        self.runner.submit(
            self.settings.change_nmvs_password, new, on_result=self._done, on_error=self._failed, name="nmvs-password"
        )

    def _done(self, form: HubForm) -> None:
        self.new.clear()
        self.again.clear()
        self.change_button.setEnabled(True)
        self._say(self.tr("Changed at the national system and stored in the keyring."), bad=False)
        self.changed.emit(form)

    def _failed(self, error: TaskError) -> None:
        self.change_button.setEnabled(True)
        self._say(error.for_user, bad=True)


class TermsDialog(QDialog):
    """The national system's terms and conditions; a pharmacist accepts them (recorded)."""

    accepted_terms = Signal(object)  # HubForm

    def __init__(
        self,
        settings: StationSettings,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        operator: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("nmvsTermsDialog")
        self.settings = settings
        self.runner = runner
        self.terms: Any = None
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.pharmacist = QLineEdit(self)
        self.pharmacist.setText(operator or "")
        self.pharmacist.setMaxLength(100)
        self.pharmacist_label = QLabel(self)
        self.pharmacist_label.setBuddy(self.pharmacist)
        self.accept_button = QPushButton(self)
        self.accept_button.setEnabled(False)
        self.accept_button.clicked.connect(self.accept_terms)
        row = QHBoxLayout()
        row.addWidget(self.pharmacist_label)
        row.addWidget(self.pharmacist, 1)
        row.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Terms and conditions of the national system"))
        self.pharmacist_label.setText(self.tr("Pharmacist") + ":")
        self.accept_button.setText(self.tr("Accept these terms"))

    def load(self) -> None:
        self.state.setText(self.tr("Asking the national system…"))
        self.runner.submit(
            self.settings.load_nmvs_terms, on_result=self._show, on_error=self._failed, name="nmvs-terms"
        )

    def _show(self, terms: Any) -> None:
        self.terms = terms
        if terms is None:
            self.state.setText(self.tr("The national system has no terms and conditions to accept."))
            self.text.setPlainText("")
            self.accept_button.setEnabled(False)
            return
        self.text.setPlainText(terms.text)
        if terms.accepted_by_user:
            self.state.setText(self.tr("Version {version}: accepted.").format(version=terms.version))
        else:
            self.state.setText(
                self.tr(
                    "Version {version}: NOT accepted yet. Until a pharmacist accepts them, "
                    "the national system may refuse this pharmacy."
                ).format(version=terms.version)
            )
        self.accept_button.setEnabled(not terms.accepted_by_user)

    @Slot()
    def accept_terms(self) -> None:
        if self.terms is None:
            return
        who = self.pharmacist.text().strip()
        if not who:
            self.state.setText(self.tr("Name the pharmacist who accepts the terms."))
            return
        self.accept_button.setEnabled(False)
        self.runner.submit(
            self.settings.accept_nmvs_terms,
            self.terms.version,
            who,
            on_result=self._accepted,
            on_error=self._failed,
            name="nmvs-terms-accept",
        )

    def _accepted(self, form: HubForm) -> None:
        self.state.setText(
            self.tr("Version {version}: accepted and recorded.").format(version=form.terms_accepted_version or "")
        )
        self.accepted_terms.emit(form)

    def _failed(self, error: TaskError) -> None:
        self.state.setText(error.for_user)
        self.state.setStyleSheet(palette.ERROR_TEXT)
