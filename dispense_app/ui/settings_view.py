"""The settings view: the hub (secrets into the keyring), the scanners, the window's language and sounds.

Reading and writing run on the background runner through
:class:`~dispense_app.ui.settings_model.StationSettings`. Hub and scanner changes take effect the
next time the window starts (the running station keeps its connection and its scanners); language
and sounds apply at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dispense_app.ui import palette
from dispense_app.ui.credential_words import line
from dispense_app.ui.settings_model import BAUD_RATES, HubForm, StationSettings, UiPreferences
from dispense_app.ui.tasks import TaskError, TaskRunner
from dispense_app.ui.unsaved_changes import UnsavedChanges


class SettingsView(QWidget):
    """Hub, scanner and window tabs, each with its own Save button (closing with unsaved edits asks
    first: :mod:`dispense_app.ui.unsaved_changes`), and the operators tab."""

    operators_changed = Signal(object)  # list[OperatorRow]
    calibrate_requested = Signal()  # the window opens the calibration wizard
    hub_loaded = Signal(object)  # HubForm
    hub_saved = Signal(object)  # HubForm
    ui_saved = Signal(object)  # UiPreferences (the window applies language and sounds)
    failed = Signal(str)

    def __init__(self, settings: StationSettings, runner: TaskRunner, parent: QWidget | None = None, *,
                 operators: Any = None, training_hub: str | None = None) -> None:
        """``training_hub``: the simulated hub's URL when the counter runs in training mode."""
        super().__init__(parent)
        self.training_hub = training_hub
        self._close_confirmed = False
        self.setObjectName("settingsView")
        self.settings = settings
        self.runner = runner
        self.operators = operators  # ui.operators_model.StationOperators (or the lazy presenter's), if any
        self.operator_rows: list[Any] = []  # as listed (OperatorRow)
        self.form: HubForm | None = None
        font = QFont()
        font.setPointSize(13)
        self.setFont(font)
        # Built in this order on purpose: the widgets' creation order is the keyboard focus order.
        self._build_hub_box()
        self._build_ui_box()
        self._build_scanner_box()
        self._build_operators_box(with_operators=operators is not None)
        self._build_tabs(with_operators=operators is not None)
        self.retranslate()
        self._type_fields()

    def _build_hub_box(self) -> None:
        """The hub tab: type, URL, ids, secret and certificate files (secrets go to the keyring)."""
        self.hub_box = QGroupBox(self)
        self.hub_type = QComboBox(self)
        self.hub_type.addItem("FMD REST (EU)", "fmd-rest")
        self.hub_type.addItem("VRS (US DSCSA)", "vrs")
        self.hub_type.addItem("NMVS SOAP (EU national systems)", "nmvs-soap")
        self.user_id = QLineEdit(self)
        self.user_id.setMaxLength(20)
        self.nmvs_state = QLabel(self)
        self.nmvs_state.setWordWrap(True)
        self.password_button = QPushButton(self)
        self.password_button.clicked.connect(self.open_password_dialog)
        self.terms_button = QPushButton(self)
        self.terms_button.clicked.connect(self.open_terms_dialog)
        self.operator: str | None = None  # the signed-in pharmacist, offered when terms are accepted
        self.nmvs_dialog: QWidget | None = None
        self.hub_type.addItem("securPharm (DE)", "securpharm")
        self.hub_type.currentIndexChanged.connect(self._type_fields)
        self.hub_url = QLineEdit(self)
        self.auth_url = QLineEdit(self)
        self.credentials_text = QLabel(self)
        self.credentials_text.setObjectName("hubCredentials")
        self.credentials_text.setWordWrap(True)
        self.credentials_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location_id = QLineEdit(self)
        self.client_id = QLineEdit(self)
        self.client_secret = QLineEdit(self)
        self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_bundle = QLineEdit(self)
        self.client_cert = QLineEdit(self)
        self.cert_passphrase = QLineEdit(self)
        self.cert_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.hub_url, self.auth_url, self.location_id, self.client_id, self.client_secret,
                     self.ca_bundle, self.client_cert, self.cert_passphrase):
            edit.setMaxLength(500)
        self.requester_gln = QLineEdit(self)  # US VRS (issue 19): reqGLN, and the ATP credential (keyring)
        self.requester_gln.setMaxLength(13)
        self.atp_credential = QLineEdit(self)
        self.atp_credential.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_browse = QPushButton(self)
        self.ca_browse.clicked.connect(lambda: self._browse(self.ca_bundle))
        self.cert_browse = QPushButton(self)
        self.cert_browse.clicked.connect(lambda: self._browse(self.client_cert))
        self.hub_message = QLabel(self)
        self.hub_message.setObjectName("hubMessage")
        self.hub_message.setWordWrap(True)
        self.save_hub_button = QPushButton(self)
        self.save_hub_button.clicked.connect(self.save_hub)
        self.hub_labels = {name: QLabel(self) for name in ("type", "url", "auth_url", "location", "client_id",
                                                            "user_id", "secret", "ca", "cert", "passphrase",
                                                            "gln", "atp")}
        hub_form = QFormLayout()
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(self.ca_browse)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.client_cert, 1)
        cert_row.addWidget(self.cert_browse)
        for name, widget, row_item in (
            ("type", self.hub_type, None),
            ("url", self.hub_url, None),
            ("auth_url", self.auth_url, None),
            ("location", self.location_id, None),
            ("client_id", self.client_id, None),
            ("user_id", self.user_id, None),
            ("secret", self.client_secret, None),
            ("ca", self.ca_bundle, ca_row),
            ("cert", self.client_cert, cert_row),
            ("passphrase", self.cert_passphrase, None),
            ("gln", self.requester_gln, None),
            ("atp", self.atp_credential, None),
        ):
            self.hub_labels[name].setBuddy(widget)
            if row_item is None:
                hub_form.addRow(self.hub_labels[name], widget)
            else:
                hub_form.addRow(self.hub_labels[name], row_item)
        self.hub_form = hub_form
        nmvs_row = QHBoxLayout()
        nmvs_row.addWidget(self.password_button)
        nmvs_row.addWidget(self.terms_button)
        nmvs_row.addStretch(1)
        hub_layout = QVBoxLayout(self.hub_box)
        hub_layout.addLayout(hub_form)
        hub_layout.addWidget(self.credentials_text)
        hub_layout.addWidget(self.nmvs_state)
        hub_layout.addLayout(nmvs_row)
        hub_layout.addWidget(self.hub_message)
        hub_layout.addWidget(self.save_hub_button)

    def _build_ui_box(self) -> None:
        """The window tab: language and sounds."""
        self.ui_box = QGroupBox(self)
        self.language = QComboBox(self)
        self.sounds = QCheckBox(self)
        # what a save says, in the tab where it was pressed (the hub tab's message is out of sight here)
        self.ui_message = QLabel(self)
        self.ui_message.setObjectName("uiMessage")
        self.ui_message.setWordWrap(True)
        self.save_ui_button = QPushButton(self)
        self.save_ui_button.clicked.connect(lambda: self.save_ui(self.ui_message))
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        ui_form = QFormLayout()
        ui_form.addRow(self.language_label, self.language)
        ui_form.addRow("", self.sounds)
        ui_layout = QVBoxLayout(self.ui_box)
        ui_layout.addLayout(ui_form)
        ui_layout.addWidget(self.ui_message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_ui_button)
        ui_layout.addLayout(row)

    def _build_scanner_box(self) -> None:
        """The scanner tab: wedge timing, serial port, camera number, calibration."""
        self.scanner_box = QGroupBox(self)
        self.wedge_gap = QSpinBox(self)
        self.wedge_gap.setRange(1, 500)
        self.wedge_min_chars = QSpinBox(self)
        self.wedge_min_chars.setRange(2, 64)
        self.wedge_suffix = QComboBox(self)
        self.serial_port = QComboBox(self)
        self.serial_port.setEditable(True)
        self.serial_baud = QComboBox(self)
        for baud in BAUD_RATES:
            self.serial_baud.addItem(str(baud), baud)
        self.camera_index = QSpinBox(self)
        self.camera_index.setRange(0, 16)
        self.scanner_message = QLabel(self)
        self.scanner_message.setObjectName("scannerMessage")
        self.scanner_message.setWordWrap(True)
        self.save_scanner_button = QPushButton(self)
        self.save_scanner_button.clicked.connect(lambda: self.save_ui(self.scanner_message))
        self.scanner_labels = {name: QLabel(self) for name in ("gap", "min", "suffix", "port", "baud", "camera")}
        scanner_form = QFormLayout()
        scanner_widget: QWidget
        for name, scanner_widget in (
            ("gap", self.wedge_gap),
            ("min", self.wedge_min_chars),
            ("suffix", self.wedge_suffix),
            ("port", self.serial_port),
            ("baud", self.serial_baud),
            ("camera", self.camera_index),
        ):
            self.scanner_labels[name].setBuddy(scanner_widget)
            scanner_form.addRow(self.scanner_labels[name], scanner_widget)
        scanner_layout = QVBoxLayout(self.scanner_box)
        scanner_layout.addLayout(scanner_form)
        scanner_layout.addWidget(self.scanner_message)
        self.scanner_extra = QHBoxLayout()  # the calibration wizard's button goes here
        self.calibrate_button = QPushButton(self)
        self.calibrate_button.clicked.connect(self.calibrate_requested.emit)
        self.scanner_extra.addWidget(self.calibrate_button)
        self.scanner_extra.addStretch(1)
        self.scanner_extra.addWidget(self.save_scanner_button)
        scanner_layout.addLayout(self.scanner_extra)

    def _build_operators_box(self, *, with_operators: bool) -> None:
        """The operators tab (shown only when the station has operator accounts)."""
        self.operators_box = QGroupBox(self)
        self.operator_list = QListWidget(self)
        self.operator_list.setObjectName("operatorList")
        self.new_login = QLineEdit(self)
        self.new_login.setMaxLength(32)
        self.new_name = QLineEdit(self)
        self.new_name.setMaxLength(100)
        self.new_role = QComboBox(self)
        self.new_pin = QLineEdit(self)
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setMaxLength(256)
        self.add_operator_button = QPushButton(self)
        self.add_operator_button.clicked.connect(self.add_operator)
        self.operator_message = QLabel(self)
        self.operator_message.setObjectName("operatorMessage")
        self.operator_message.setWordWrap(True)
        self.operator_labels = {name: QLabel(self) for name in ("login", "name", "role", "pin")}
        operator_form = QFormLayout()
        operator_widget: QWidget
        for name, operator_widget in (("login", self.new_login), ("name", self.new_name), ("role", self.new_role),
                                      ("pin", self.new_pin)):
            self.operator_labels[name].setBuddy(operator_widget)
            operator_form.addRow(self.operator_labels[name], operator_widget)
        operators_layout = QVBoxLayout(self.operators_box)
        operators_layout.addWidget(self.operator_list, 1)
        operators_layout.addLayout(operator_form)
        self.toggle_operator_button = QPushButton(self)
        self.toggle_operator_button.clicked.connect(self.toggle_operator)
        self.set_pin_button = QPushButton(self)
        self.set_pin_button.clicked.connect(self.set_operator_pin)
        operator_buttons = QHBoxLayout()
        operator_buttons.addWidget(self.add_operator_button)
        operator_buttons.addWidget(self.set_pin_button)
        operator_buttons.addWidget(self.toggle_operator_button)
        operators_layout.addWidget(self.operator_message)
        operators_layout.addLayout(operator_buttons)
        self.operators_box.setVisible(with_operators)

    def _build_tabs(self, *, with_operators: bool) -> None:
        """One tab per section, each section at the top of its page."""
        self.tabs = QTabWidget(self)
        pages = []
        for box in (self.hub_box, self.scanner_box, self.ui_box, self.operators_box):
            page = QWidget(self)
            pages.append(page)
            page_layout = QVBoxLayout(page)
            page_layout.addWidget(box)
            page_layout.addStretch(1)
            self.tabs.addTab(page, "")
        self.tabs.setTabVisible(3, with_operators)
        self.unsaved = UnsavedChanges({"hub": pages[0], "scanner": pages[1], "window": pages[2]})
        root = QVBoxLayout(self)
        root.addWidget(self.tabs)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("dispense-app — settings"))
        self.hub_box.setTitle(self.tr("Hub (takes effect when the station starts again)"))
        self._hub_texts()
        self.hub_url.setPlaceholderText("https://")
        self.auth_url.setPlaceholderText(self.tr("empty: the same as the URL"))
        self.save_hub_button.setText(self.tr("Save hub"))
        self.ca_bundle.setPlaceholderText(self.tr("empty: the system's certificate store"))
        self.client_cert.setPlaceholderText(self.tr("empty: no client certificate"))
        for button in (self.ca_browse, self.cert_browse):
            button.setText(self.tr("Choose…"))
        self.ca_browse.setAccessibleName(self.tr("Choose the CA bundle file"))
        self.cert_browse.setAccessibleName(self.tr("Choose the client certificate file"))
        self.scanner_box.setTitle(
            self.tr("Scanner (wedge: at once; camera: when it next starts; serial port: when the window starts again)"))
        scanner_texts = {
            "gap": self.tr("Wedge: longest gap between keys (ms)"),
            "min": self.tr("Wedge: shortest scan (characters)"),
            "suffix": self.tr("Suffix after the code"),
            "port": self.tr("Serial port"),
            "baud": self.tr("Baud rate"),
            "camera": self.tr("Camera number"),
        }
        for name, text in scanner_texts.items():
            self.scanner_labels[name].setText(text + ":")
        suffix = self.wedge_suffix.currentData()
        self.wedge_suffix.clear()
        self.wedge_suffix.addItem(self.tr("Enter"), "enter")
        self.wedge_suffix.addItem(self.tr("Tab"), "tab")
        self.wedge_suffix.addItem(self.tr("none (a pause ends the scan)"), "none")
        self.wedge_suffix.setCurrentIndex(max(self.wedge_suffix.findData(suffix), 0))
        port_edit = self.serial_port.lineEdit()
        if port_edit is not None:
            port_edit.setPlaceholderText(self.tr("none (keyboard wedge only)"))
        self.save_scanner_button.setText(self.tr("Save scanner"))
        self.calibrate_button.setText(self.tr("Calibrate the scanner (test sheet)…"))
        for index, text in enumerate((self.tr("Hub"), self.tr("Scanner"), self.tr("This window"),
                                      self.tr("Operators"))):
            self.tabs.setTabText(index, text)
        self.operators_box.setTitle(self.tr("Operators and roles (sign-in with PIN once an account exists)"))
        for name, text in {"login": self.tr("Login"), "name": self.tr("Name"), "role": self.tr("Role"),
                           "pin": self.tr("PIN (6-12 digits)")}.items():
            self.operator_labels[name].setText(text + ":")
        role = self.new_role.currentData()
        self.new_role.clear()
        self.new_role.addItem(self.tr("Pharmacist"), "pharmacist")
        self.new_role.addItem(self.tr("Pharmacy technician"), "technician")
        self.new_role.addItem(self.tr("IT support"), "support")
        self.new_role.setCurrentIndex(max(self.new_role.findData(role), 0))
        self.add_operator_button.setText(self.tr("Add operator"))
        self.set_pin_button.setText(self.tr("New PIN for the selected"))
        self.toggle_operator_button.setText(self.tr("Deactivate / reactivate the selected"))
        self.operator_list.setAccessibleName(self.tr("Operator accounts"))
        self.ui_box.setTitle(self.tr("This window"))
        self.language_label.setText(self.tr("Language") + ":")
        current = self.language.currentData()
        self.language.clear()
        self.language.addItem(self.tr("as the system"), None)
        self.language.addItem("English", "en")
        self.language.addItem("Deutsch", "de")
        self.language.setCurrentIndex(max(self.language.findData(current), 0))
        self.sounds.setText(self.tr("Sounds for OK and STOP"))
        self.save_ui_button.setText(self.tr("Apply and save"))
        self._secret_hint()

    def _secret_hint(self) -> None:
        form = self.form
        if form is not None and form.has_secret:
            self.client_secret.setPlaceholderText(self.tr("stored in the keyring (type to replace)"))
        else:
            self.client_secret.setPlaceholderText(self.tr("stored in the keyring, never in a file"))
        if form is not None and form.has_passphrase:
            self.cert_passphrase.setPlaceholderText(self.tr("stored in the keyring (type to replace)"))
        else:
            self.cert_passphrase.setPlaceholderText(self.tr("stored in the keyring, never in a file"))
        if form is not None and form.has_atp:
            self.atp_credential.setPlaceholderText(self.tr("stored in the keyring (type to replace)"))
        else:
            self.atp_credential.setPlaceholderText(self.tr("stored in the keyring, never in a file"))

    # ------------------------------------------------------------------ the fields of each hub type
    @Slot()
    def _type_fields(self) -> None:
        """Each type shows the fields it needs: an NMVS has a user id (and no location id: the
        client login id is the organisation); its account buttons work on the saved NMVS."""
        nmvs = self.hub_type.currentData() == "nmvs-soap"
        securpharm = self.hub_type.currentData() == "securpharm"  # no location or client secret; a token server
        for widget, visible in ((self.user_id, nmvs), (self.location_id, not (nmvs or securpharm)),
                                (self.auth_url, securpharm), (self.client_secret, not securpharm)):
            self.hub_form.setRowVisible(widget, visible)
        saved = self.form is not None and self.form.type == "nmvs-soap"
        for shown in (self.nmvs_state, self.password_button, self.terms_button):
            shown.setVisible(nmvs)
        self.password_button.setEnabled(saved)
        self.terms_button.setEnabled(saved)
        self._hub_texts()

    def _hub_texts(self) -> None:
        """The hub labels, which depend on the type (an NMVS's client id is its client login id)."""
        texts = {
            "type": self.tr("Type"),
            "url": self.tr("URL"),
            "auth_url": self.tr("Token server URL"),
            "location": self.tr("Location id"),
            "client_id": self.tr("Client id"),
            "secret": self.tr("Client secret"),
            "ca": self.tr("CA bundle (PEM)"),
            "cert": self.tr("Client certificate (PEM)"),
            "passphrase": self.tr("Certificate passphrase"),
            "gln": self.tr("GLN (US VRS)"),
            "atp": self.tr("ATP credential (US VRS)"),
        }
        if self.hub_type.currentData() == "securpharm":  # the words securPharm uses for them
            texts.update(client_id=self.tr("Application id (sid)"), cert=self.tr("N-Ident certificate (PEM)"))
        nmvs = self.hub_type.currentData() == "nmvs-soap"
        if nmvs:
            texts["client_id"] = self.tr("Client login id (NMVS)")
            texts["secret"] = self.tr("NMVS password")
        texts["user_id"] = self.tr("User id (NMVS)")
        for name, text in texts.items():
            self.hub_labels[name].setText(text + ":")
        self.password_button.setText(self.tr("Change the NMVS password…"))
        self.terms_button.setText(self.tr("Terms and conditions…"))
        self._nmvs_state()

    def _nmvs_state(self) -> None:
        form = self.form
        if form is None or form.type != "nmvs-soap":
            self.nmvs_state.setText(self.tr("Save the NMVS first: the password and the terms are handled "
                                            "with the national system."))
            return
        parts = []
        if form.password_changed_on:
            parts.append(self.tr("Password set on {day}, valid until {until}.").format(
                day=form.password_changed_on, until=form.password_expires_on or "?"))
        else:
            parts.append(self.tr("No password date recorded."))
        if form.terms_accepted_version:
            parts.append(self.tr("Terms version {version} accepted.").format(version=form.terms_accepted_version))
        else:
            parts.append(self.tr("No acceptance of terms recorded."))
        self.nmvs_state.setText(" ".join(parts))

    @Slot()
    def open_password_dialog(self) -> None:
        from dispense_app.ui.nmvs_dialogs import PasswordDialog

        dialog = PasswordDialog(self.settings, self.runner, self)
        dialog.changed.connect(self._show_hub)
        self.nmvs_dialog = dialog
        dialog.show()

    @Slot()
    def open_terms_dialog(self) -> None:
        from dispense_app.ui.nmvs_dialogs import TermsDialog

        dialog = TermsDialog(self.settings, self.runner, self, operator=self.operator)
        dialog.accepted_terms.connect(self._show_hub)
        self.nmvs_dialog = dialog
        dialog.show()
        dialog.load()

    # ------------------------------------------------------------------ load
    def load(self) -> None:
        self.runner.submit(self.settings.load_hub, on_result=self._show_hub, on_error=self._on_error, name="settings")
        if self.operators is not None:
            self.runner.submit(self.operators.rows, on_result=self._show_operators, on_error=self._operator_error,
                               name="settings-operators")
        self.runner.submit(_serial_ports, on_result=self._show_ports, on_error=lambda _e: None, name="settings-ports")
        prefs = self.settings.load_ui()  # a tiny file: read here so the fields are right at once
        self.language.setCurrentIndex(max(self.language.findData(prefs.language), 0))
        self.sounds.setChecked(prefs.sounds)
        self.wedge_gap.setValue(round(prefs.wedge_gap_ms))
        self.wedge_min_chars.setValue(prefs.wedge_min_chars)
        self.wedge_suffix.setCurrentIndex(max(self.wedge_suffix.findData(prefs.wedge_suffix), 0))
        self.serial_port.setEditText(prefs.serial_port)
        self.serial_baud.setCurrentIndex(max(self.serial_baud.findData(prefs.serial_baud), 0))
        self.camera_index.setValue(prefs.camera_index)
        self._close_confirmed = False
        self.unsaved.mark_saved("scanner", "window")

    def _role_word(self, role: str) -> str:
        return {"pharmacist": self.tr("Pharmacist"), "technician": self.tr("Pharmacy technician"),
                "support": self.tr("IT support")}.get(role, role)

    def _show_operators(self, rows: list[Any]) -> None:
        self.operator_rows = list(rows)
        self.operator_list.clear()
        for row in rows:
            text = f"{row.login} — {row.name} ({self._role_word(row.role)})"
            if not row.active:
                text += " — " + self.tr("inactive")
            self.operator_list.addItem(text)
        self.operators_changed.emit(rows)

    def _selected_operator(self) -> Any:
        index = self.operator_list.currentRow()
        if 0 <= index < len(self.operator_rows):
            return self.operator_rows[index]
        self._operator_fail(self.tr("Select an operator in the list first."))
        return None

    @Slot()
    def toggle_operator(self) -> None:
        row = self._selected_operator()
        if row is None or self.operators is None:
            return
        self.runner.submit(self.operators.set_active, row.login, not row.active, on_result=self._changed_operator,
                           on_error=self._operator_error, name="settings-operators")

    @Slot()
    def set_operator_pin(self) -> None:
        row = self._selected_operator()
        if row is None or self.operators is None:
            return
        self.runner.submit(self.operators.set_pin, row.login, self.new_pin.text(), on_result=self._changed_operator,
                           on_error=self._operator_error, name="settings-operators")

    def _changed_operator(self, rows: list[Any]) -> None:
        self.operator_message.setText(self.tr("Saved."))
        self.operator_message.setStyleSheet("")
        self.new_pin.clear()
        self._show_operators(rows)

    @Slot()
    def add_operator(self) -> None:
        if self.operators is None:
            return
        self.runner.submit(self.operators.add, self.new_login.text(), self.new_name.text(),
                           str(self.new_role.currentData()), self.new_pin.text(), on_result=self._added_operator,
                           on_error=self._operator_error, name="settings-operators")

    def _added_operator(self, rows: list[Any]) -> None:
        self.operator_message.setText(self.tr("Added. Sign in with the new account (Ctrl+L)."))
        self.operator_message.setStyleSheet("")
        for edit in (self.new_login, self.new_name, self.new_pin):
            edit.clear()
        self._show_operators(rows)

    def _operator_error(self, error: TaskError) -> None:
        self.new_pin.clear()
        self._operator_fail(error.for_user)

    def _operator_fail(self, text: str) -> None:
        self.operator_message.setText(text)
        self.operator_message.setStyleSheet(palette.ERROR_TEXT)
        self.failed.emit(text)

    def _show_ports(self, ports: list[str]) -> None:
        current = self.serial_port.currentText()
        self.serial_port.clear()
        self.serial_port.addItem("")
        self.serial_port.addItems(ports)
        self.serial_port.setEditText(current)

    def _browse(self, edit: QLineEdit) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose a PEM file"), edit.text(),
                                                    self.tr("PEM files (*.pem *.crt *.cer);;All files (*)"))
        if path:
            edit.setText(path)

    def _show_hub(self, form: HubForm) -> None:
        self.form = form
        self.hub_type.setCurrentIndex(max(self.hub_type.findData(form.type), 0))
        self._type_fields()
        self.hub_url.setText(form.url)
        self.auth_url.setText(form.auth_url)
        self.credentials_text.setText(
            "\n".join(line(f) for f in form.credential_findings) if form.credential_findings
            else "\n".join(form.credentials)
        )
        self.location_id.setText(form.location_id)
        self.client_id.setText(form.client_id)
        self.user_id.setText(form.user_id)
        self.ca_bundle.setText(form.ca_bundle)
        self.client_cert.setText(form.client_cert)
        self.requester_gln.setText(form.requester_gln)
        self.client_secret.clear()
        self.cert_passphrase.clear()
        self.atp_credential.clear()
        self._secret_hint()
        self.hub_message.setToolTip(form.keyring_problem or "")  # the technical detail, for support
        if form.keyring_problem and form.keyring_problem.startswith("hub.json"):
            self._fail(self.tr("The saved hub settings cannot be read; enter them again and save."))
        elif form.keyring_problem:
            self._fail(self.tr("Secrets (client secret, certificate passphrase) cannot be stored on this "
                               "computer: it has no secure password store (Windows Credential Manager, "
                               "macOS Keychain, or a Secret Service on Linux). Ask your IT to set one up."))
        elif self.training_hub and not form.url:
            self.hub_url.setPlaceholderText(self.training_hub)
            self.hub_message.setText(self.tr("Training mode uses the simulated hub at {url}. The settings "
                                             "here are for the real station.").format(url=self.training_hub))
            self.hub_message.setStyleSheet("")
        else:
            self.hub_message.setText("")
            self.hub_message.setStyleSheet("")
        self._type_fields()
        self.unsaved.mark_saved("hub")
        self.hub_loaded.emit(form)

    # ------------------------------------------------------------------ save
    @Slot()
    def save_hub(self) -> None:
        form = HubForm(
            url=self.hub_url.text(),
            type=str(self.hub_type.currentData()),
            location_id=self.location_id.text(),
            client_id=self.client_id.text(),
            ca_bundle=self.ca_bundle.text(),
            client_cert=self.client_cert.text(),
            user_id=self.user_id.text(),
            auth_url=self.auth_url.text() if self.hub_type.currentData() == "securpharm" else "",
            requester_gln=self.requester_gln.text(),
        )
        secret = self.client_secret.text() or None
        passphrase = self.cert_passphrase.text() or None
        atp_credential = self.atp_credential.text() or None
        self.runner.submit(self.settings.save_hub, form, secret, passphrase, atp_credential,
                           on_result=self._saved_hub, on_error=self._on_error, name="settings-hub")

    def _saved_hub(self, form: HubForm) -> None:
        self._show_hub(form)
        self.hub_message.setText(self.tr("Saved. The station uses it from its next start."))
        self.hub_saved.emit(form)

    def save_ui(self, message: QLabel | None = None) -> None:
        """Save the window and scanner settings; the outcome is said in ``message`` (the label of the
        tab whose Save button was pressed; the window tab's by default)."""
        target = message if message is not None else self.ui_message
        prefs = self.preferences()
        self.runner.submit(
            self.settings.save_ui,
            prefs,
            on_result=lambda saved: self._saved_ui(saved, target),
            on_error=lambda error: self._ui_failed(error, target),
            name="settings-ui",
        )

    def preferences(self) -> UiPreferences:
        """What the window and scanner fields say now."""
        return UiPreferences(
            language=self.language.currentData(),
            sounds=self.sounds.isChecked(),
            wedge_gap_ms=float(self.wedge_gap.value()),
            wedge_min_chars=self.wedge_min_chars.value(),
            wedge_suffix=str(self.wedge_suffix.currentData() or "enter"),
            serial_port=self.serial_port.currentText().strip(),
            serial_baud=int(self.serial_baud.currentData() or 9600),
            camera_index=self.camera_index.value(),
        )

    def _saved_ui(self, prefs: UiPreferences, target: QLabel) -> None:
        self.unsaved.mark_saved("scanner", "window")
        self.ui_saved.emit(prefs)  # first: a new language is in place before the message is written
        if target is self.scanner_message:
            target.setText(
                self.tr(
                    "Saved. A new camera number applies the next time the camera starts, "
                    "a serial port when the window starts again."
                )
            )
        else:
            target.setText(self.tr("Saved and applied."))
        target.setStyleSheet("")

    def _ui_failed(self, error: TaskError, target: QLabel) -> None:
        text = error.for_user
        target.setText(text)
        target.setStyleSheet(palette.ERROR_TEXT)
        self.failed.emit(text)

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing with edits never saved asks first (each tab has its own Save)."""
        if self.unsaved.changed() and not self._close_confirmed:
            event.ignore()
            titles = {"hub": self.tabs.tabText(0), "scanner": self.tabs.tabText(1), "window": self.tabs.tabText(2)}
            self.unsaved_dialog = self.unsaved.ask(self, titles, self._close_without_saving)
            return
        super().closeEvent(event)

    def _close_without_saving(self) -> None:
        self._close_confirmed = True
        self.close()

    # ------------------------------------------------------------------ errors
    def _on_error(self, error: TaskError) -> None:
        self._fail(error.for_user)

    def _fail(self, text: str) -> None:
        self.hub_message.setText(text)
        self.hub_message.setStyleSheet(palette.ERROR_TEXT)
        self.failed.emit(text)


def _serial_ports() -> list[str]:
    """The serial ports this machine has (runs on a worker: it may touch the disk)."""
    from serial.tools import list_ports

    return sorted(port.device for port in list_ports.comports())
