"""The pack details panel of the counter window: the human-readable values of the scanned pack, to
compare with what is printed on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from dispense_app.ui.fonts import BODY_PT, VALUE_PT, font
from dispense_app.ui.tasks import require_ui_thread
from dispense_app.ui.viewmodel import PackDetails


class PackPanel(QGroupBox):
    """Pack details: the human-readable values to compare with what is printed on the pack."""

    FIELDS = ("product", "code", "serial", "lot", "expiry", "nhrn", "entry", "state")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(font(BODY_PT - 3, bold=True))
        self.form = QFormLayout(self)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(18)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for name in self.FIELDS:
            caption = QLabel(self)
            caption.setFont(font(BODY_PT - 2))
            value = QLabel(self)
            value.setObjectName(f"pack_{name}")
            value.setFont(font(VALUE_PT, bold=True, mono=name not in ("product", "entry", "state")))
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            caption.setBuddy(value)
            self.captions[name] = caption
            self.values[name] = value
            self.form.addRow(caption, value)
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Pack — compare with the printed pack"))
        captions = {
            "product": self.tr("Product"),
            "code": self.tr("Product code"),
            "serial": self.tr("Serial (SN)"),
            "lot": self.tr("Batch (LOT)"),
            "expiry": self.tr("Expiry (EXP)"),
            "nhrn": self.tr("PZN / NHRN"),
            "entry": self.tr("Entry"),
            "state": self.tr("Hub state"),
        }
        for name, text in captions.items():
            self.captions[name].setText(text + ":")

    def clear(self) -> None:
        self.captions["code"].setText(self.tr("Product code") + ":")
        for value in self.values.values():
            value.setText("—")
            value.setAccessibleName("")

    def state_word(self, state: str) -> str:
        """A hub pack state in the window's language (the hub's own word in brackets)."""
        words = {
            "Active": self.tr("Active"),
            "Supplied": self.tr("Supplied (dispensed)"),
            "Destroyed": self.tr("Destroyed"),
            "Exported": self.tr("Exported"),
            "Sample": self.tr("Sample"),
            "FreeSample": self.tr("Free sample"),
            "Locked": self.tr("Locked"),
            "Stolen": self.tr("Stolen"),
            "CheckedOut": self.tr("Checked out"),
            "Expired": self.tr("Expired"),
            "Recalled": self.tr("Recalled"),
            "Withdrawn": self.tr("Withdrawn"),
        }
        word = words.get(state)
        if word is None:
            return state
        return word if word.startswith(state) else f"{word} ({state})"

    def show_pack(self, pack: PackDetails | None) -> None:
        require_ui_thread("PackPanel.show_pack")
        if pack is None:
            self.clear()
            return
        entry_words = {"scan": self.tr("Scanned"), "manual": self.tr("Typed by hand"), "camera": self.tr("Camera")}
        code = pack.product_code or "—"
        scheme_caption = self.tr("Product code ({scheme})").format(scheme=pack.scheme) if pack.scheme else None
        self.captions["code"].setText((scheme_caption or self.tr("Product code")) + ":")
        nhrn = "  ".join(f"{k} {v}" for k, v in sorted(pack.nhrn.items())) or "—"
        texts = {
            "product": pack.product_name or "—",
            "code": code,
            "serial": pack.serial or "—",
            "lot": pack.lot or "—",
            "expiry": pack.expiry.isoformat() if pack.expiry else "—",
            "nhrn": nhrn,
            "entry": entry_words.get(pack.entry_mode, pack.entry_mode),
            "state": self.state_word(pack.state) if pack.state else "—",
        }
        for name, text in texts.items():
            self.values[name].setText(text)
            self.values[name].setAccessibleName(f"{self.captions[name].text()} {text}")
