"""Sign-in with a PIN (Ctrl+L): shown at start when the station has operator accounts.

The PIN is checked on a worker (scrypt takes a few hundred milliseconds) through the presenter's
``sign_in``; a failure says one sentence for every cause (no account probing) and clears the PIN.
Failed attempts in a row are throttled per login (issue 16, defect 8): the message then says how
long to wait before the next try, or until when the login is locked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from dispense_app.ui import palette
from dispense_app.ui.tasks import TaskError, TaskRunner


class SignInDialog(QDialog):
    """Login and PIN; :attr:`signed_in` carries the new StationStatus."""

    signed_in = Signal(object)  # StationStatus
    failed = Signal(str)

    def __init__(self, presenter: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.presenter = presenter
        self.runner = runner
        font = QFont()
        font.setPointSize(14)
        self.setFont(font)
        self.login = QLineEdit(self)
        self.login.setMaxLength(32)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(256)
        self.login_label = QLabel(self)
        self.login_label.setBuddy(self.login)
        self.pin_label = QLabel(self)
        self.pin_label.setBuddy(self.pin)
        self.message = QLabel(self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        self.pin.returnPressed.connect(self.submit)
        form = QFormLayout()
        form.addRow(self.login_label, self.login)
        form.addRow(self.pin_label, self.pin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.sign_in_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("dispense-app — sign in"))
        self.login_label.setText(self.tr("Login") + ":")
        self.pin_label.setText(self.tr("PIN") + ":")
        self.sign_in_button.setText(self.tr("Sign in"))
        self.sign_in_button.setAccessibleName(self.tr("Sign in with login and PIN"))

    @Slot()
    def submit(self) -> None:
        login, pin = self.login.text().strip(), self.pin.text()
        if not login or not pin:
            self._fail(self.tr("Type your login and PIN."))
            return
        self.sign_in_button.setEnabled(False)
        self.runner.submit(self.presenter.sign_in, login, pin, on_result=self._done, on_error=self._error,
                           name="sign-in")

    def _done(self, status: Any) -> None:
        self.sign_in_button.setEnabled(True)
        self.pin.clear()
        self.message.setText("")
        self.signed_in.emit(status)
        self.accept()

    def _error(self, error: TaskError) -> None:
        self.sign_in_button.setEnabled(True)
        self.pin.clear()
        self._fail(self.failure_text(error.exception))

    def failure_text(self, exc: BaseException) -> str:
        """What the counter reads after a refused sign-in: the one sentence for every failure, and how
        long to wait when failed attempts have throttled the login."""
        import datetime as dt

        from dispense_app.workflow.operators_store import SignInError, SignInThrottled

        failed = self.tr("Sign-in failed: unknown or inactive login, or wrong PIN.")
        if not isinstance(exc, SignInError) or exc.not_before is None:
            return failed
        seconds = exc.wait_seconds(dt.datetime.now(dt.UTC))
        until = exc.not_before.astimezone().strftime("%H:%M")
        if exc.locked:
            locked = self.tr("After {failures} failed attempts in a row, this login is locked for {minutes} min "
                             "(until {until}).").format(failures=exc.failures, minutes=max(1, -(-seconds // 60)),
                                                        until=until)
            return locked if isinstance(exc, SignInThrottled) else failed + " " + locked
        if isinstance(exc, SignInThrottled):
            return self.tr("Too many failed attempts for this login: wait {seconds} s, then try again.").format(
                seconds=max(1, seconds))
        if seconds:
            return failed + " " + self.tr("Wait {seconds} s before the next try.").format(seconds=seconds)
        return failed

    def _fail(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(palette.ERROR_TEXT)
        self.failed.emit(text)
