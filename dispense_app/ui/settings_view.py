"""The settings view (first cut): the hub (secrets into the keyring) and the window's language and sounds.

Reading and writing run on the background runner through
:class:`~dispense_app.ui.settings_model.StationSettings`. Hub changes take effect the next time the
station starts (the running station keeps its connection); language and sounds apply at once.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dispense_app.ui.settings_model import HubForm, StationSettings, UiPreferences
from dispense_app.ui.tasks import TaskError, TaskRunner


class SettingsView(QWidget):
    """Hub section and window section, each with its own Save button."""

    hub_loaded = Signal(object)  # HubForm
    hub_saved = Signal(object)  # HubForm
    ui_saved = Signal(object)  # UiPreferences (the window applies language and sounds)
    failed = Signal(str)

    def __init__(self, settings: StationSettings, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsView")
        self.settings = settings
        self.runner = runner
        self.form: HubForm | None = None
        font = QFont()
        font.setPointSize(13)
        self.setFont(font)

        self.hub_box = QGroupBox(self)
        self.hub_type = QComboBox(self)
        self.hub_type.addItem("FMD REST (EU)", "fmd-rest")
        self.hub_type.addItem("VRS (US DSCSA)", "vrs")
        self.hub_url = QLineEdit(self)
        self.location_id = QLineEdit(self)
        self.client_id = QLineEdit(self)
        self.client_secret = QLineEdit(self)
        self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.hub_url, self.location_id, self.client_id, self.client_secret):
            edit.setMaxLength(500)
        self.hub_message = QLabel(self)
        self.hub_message.setObjectName("hubMessage")
        self.hub_message.setWordWrap(True)
        self.save_hub_button = QPushButton(self)
        self.save_hub_button.clicked.connect(self.save_hub)
        self.hub_labels = {name: QLabel(self) for name in ("type", "url", "location", "client_id", "secret")}
        hub_form = QFormLayout()
        for name, widget in (
            ("type", self.hub_type),
            ("url", self.hub_url),
            ("location", self.location_id),
            ("client_id", self.client_id),
            ("secret", self.client_secret),
        ):
            self.hub_labels[name].setBuddy(widget)
            hub_form.addRow(self.hub_labels[name], widget)
        hub_layout = QVBoxLayout(self.hub_box)
        hub_layout.addLayout(hub_form)
        hub_layout.addWidget(self.hub_message)
        hub_layout.addWidget(self.save_hub_button)

        self.ui_box = QGroupBox(self)
        self.language = QComboBox(self)
        self.sounds = QCheckBox(self)
        self.save_ui_button = QPushButton(self)
        self.save_ui_button.clicked.connect(self.save_ui)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        ui_form = QFormLayout()
        ui_form.addRow(self.language_label, self.language)
        ui_form.addRow("", self.sounds)
        ui_layout = QVBoxLayout(self.ui_box)
        ui_layout.addLayout(ui_form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_ui_button)
        ui_layout.addLayout(row)

        root = QVBoxLayout(self)
        root.addWidget(self.hub_box)
        root.addWidget(self.ui_box)
        root.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("dispense-app — settings"))
        self.hub_box.setTitle(self.tr("Hub (takes effect when the station starts again)"))
        texts = {
            "type": self.tr("Type"),
            "url": self.tr("URL"),
            "location": self.tr("Location id"),
            "client_id": self.tr("Client id"),
            "secret": self.tr("Client secret"),
        }
        for name, text in texts.items():
            self.hub_labels[name].setText(text + ":")
        self.hub_url.setPlaceholderText("https://")
        self.save_hub_button.setText(self.tr("Save hub"))
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

    # ------------------------------------------------------------------ load
    def load(self) -> None:
        self.runner.submit(self.settings.load_hub, on_result=self._show_hub, on_error=self._on_error, name="settings")
        prefs = self.settings.load_ui()  # a tiny file: read here so the fields are right at once
        self.language.setCurrentIndex(max(self.language.findData(prefs.language), 0))
        self.sounds.setChecked(prefs.sounds)

    def _show_hub(self, form: HubForm) -> None:
        self.form = form
        self.hub_type.setCurrentIndex(max(self.hub_type.findData(form.type), 0))
        self.hub_url.setText(form.url)
        self.location_id.setText(form.location_id)
        self.client_id.setText(form.client_id)
        self.client_secret.clear()
        self._secret_hint()
        if form.keyring_problem:
            self._fail(form.keyring_problem)
        else:
            self.hub_message.setText("")
            self.hub_message.setStyleSheet("")
        self.hub_loaded.emit(form)

    # ------------------------------------------------------------------ save
    @Slot()
    def save_hub(self) -> None:
        form = HubForm(
            url=self.hub_url.text(),
            type=str(self.hub_type.currentData()),
            location_id=self.location_id.text(),
            client_id=self.client_id.text(),
        )
        secret = self.client_secret.text() or None
        self.runner.submit(self.settings.save_hub, form, secret, on_result=self._saved_hub, on_error=self._on_error,
                           name="settings-hub")

    def _saved_hub(self, form: HubForm) -> None:
        self._show_hub(form)
        self.hub_message.setText(self.tr("Saved. The station uses it from its next start."))
        self.hub_saved.emit(form)

    @Slot()
    def save_ui(self) -> None:
        prefs = UiPreferences(language=self.language.currentData(), sounds=self.sounds.isChecked())
        self.runner.submit(self.settings.save_ui, prefs, on_result=self.ui_saved.emit, on_error=self._on_error,
                           name="settings-ui")

    # ------------------------------------------------------------------ errors
    def _on_error(self, error: TaskError) -> None:
        self._fail(str(error.exception))

    def _fail(self, text: str) -> None:
        self.hub_message.setText(text)
        self.hub_message.setStyleSheet("color: #b3001b; font-weight: bold;")
        self.failed.emit(text)
