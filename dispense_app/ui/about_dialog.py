"""The About dialog (F1): what is running, where its data is, which hub it talks to, and the
licence notices of the data bundled with the app.

The version comes from :data:`dispense_app.__version__` (``dispense_app/_version.py``), the one place
it is written; ``dispense-app --version`` reads the same name. Support asks for exactly these lines,
so every value is selectable and "Copy" puts them on the clipboard.
"""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, Signal, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

import dispense_app

APP_NAME = "dispense-app"


class AboutDialog(QDialog):
    """App name, version, Qt/PySide6 and Python versions, data folder, hub URL, licence notices."""

    shown = Signal()  # after the texts are filled and the dialog is open

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.home: Path | None = None
        self.hub_url: str | None = None
        self.title = QLabel(self)
        self.title.setObjectName("aboutTitle")
        font = self.title.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.title.setFont(font)
        self.form = QFormLayout()
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for name in ("version", "qt", "python", "home", "hub"):
            caption, value = QLabel(self), QLabel(self)
            value.setObjectName(f"about_{name}")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            value.setWordWrap(True)
            caption.setBuddy(value)
            self.captions[name], self.values[name] = caption, value
            self.form.addRow(caption, value)
        self.licences_box = QGroupBox(self)
        self.licences = QLabel(self.licences_box)
        self.licences.setObjectName("aboutLicences")
        self.licences.setTextFormat(Qt.TextFormat.PlainText)
        self.licences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.licences.setWordWrap(True)
        QVBoxLayout(self.licences_box).addWidget(self.licences)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("aboutCopyButton")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addWidget(self.licences_box)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text again (language change)."""
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        self.title.setText(APP_NAME)
        self.title.setAccessibleName(APP_NAME)
        captions = {
            "version": self.tr("Version"),
            "qt": self.tr("Qt / PySide6"),
            "python": self.tr("Python"),
            "home": self.tr("Data folder"),
            "hub": self.tr("Hub"),
        }
        for name, text in captions.items():
            self.captions[name].setText(text + ":")
        self.licences_box.setTitle(self.tr("Licences of the bundled data"))
        self.licences.setText(
            self.tr(
                "GS1 Barcode Syntax Dictionary (the application identifier table): "
                "© 2020-2021 BWIPP project, © 2020-2021 Zint Project, © 2021-2026 GS1 AISBL; "
                "Apache License 2.0 (scanner/LICENSE-gs1-syntax-dictionary.txt)."
            )
            + "\n\n"
            + self.tr(
                "zxing-cpp DataMatrix sample images (decoder tests and benchmarks): "
                "© the zxing-cpp authors; Apache License 2.0."
            )
            + "\n\n"
            + self.tr("Apache License 2.0: https://www.apache.org/licenses/LICENSE-2.0")
        )
        self.licences.setAccessibleName(self.licences_box.title())
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy the version information to the clipboard"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("Close"))
            close.setAccessibleName(self.tr("Close the About dialog"))
        self._fill()

    def _fill(self) -> None:
        texts = {
            "version": dispense_app.__version__,
            "qt": f"Qt {qVersion()} / PySide6 {pyside_version}",
            "python": f"{platform.python_version()} ({platform.python_implementation()})",
            "home": str(self.home) if self.home is not None else self.tr("not known"),
            "hub": self.hub_url or self.tr("not known yet (the station has not reported one)"),
        }
        for name, text in texts.items():
            self.values[name].setText(text)
            self.values[name].setAccessibleName(f"{self.captions[name].text()} {text}")

    def show_info(self, *, home: Path | None, hub_url: str | None) -> None:
        """Fill in the data folder and hub of this window's station and open the dialog."""
        self.home, self.hub_url = home, hub_url
        self._fill()
        self.open()
        self.raise_()
        self.activateWindow()
        self.shown.emit()

    def text(self) -> str:
        """All the lines as plain text (what Copy puts on the clipboard)."""
        lines = [APP_NAME]
        lines += [f"{self.captions[n].text()} {self.values[n].text()}" for n in self.values]
        return "\n".join(lines)

    def copy_to_clipboard(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.text())
