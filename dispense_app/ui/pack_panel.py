"""The pack details panel of the counter window: the human-readable values of the scanned pack, to
compare with what is printed on it.

The panel keeps one width whatever is scanned (so the counter's layout never jumps): its value
column fits the longest realistic code (a 20-character serial or batch, a 14-digit GTIN) on one line,
and the product name, on a row of its own across the panel, fits about 60 characters on two lines.
Codes never wrap (a serial broken at a hyphen is misread against the box); one longer than the
column is elided with the full value in its tooltip and accessible name. Product names wrap on words
and are always shown in full (the label grows; two lines are always reserved).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSizePolicy, QWidget

from dispense_app.ui import palette
from dispense_app.ui.fonts import BODY_PT, VALUE_PT, font
from dispense_app.ui.tasks import require_ui_thread
from dispense_app.ui.viewmodel import PackDetails


class PackPanel(QGroupBox):
    """Pack details: the human-readable values to compare with what is printed on the pack."""

    FIELDS = ("product", "code", "serial", "lot", "expiry", "nhrn", "entry", "state")
    WRAPPED = ("product", "entry", "state")
    """Words, wrapped on word boundaries; every other value is a code, kept on one line."""
    LONGEST_CODE = 20
    """Characters of the longest code the value column shows on one line (GS1 serial and batch: 20)."""
    LONGEST_PRODUCT = "Amoxicillin/Clavulansäure 875 mg/125 mg Filmtabletten, 20 St"
    """A long realistic product name (60 characters): it fits on two lines."""
    PRODUCT_LINES = 2
    """Lines always reserved for the product name (so a second line is never cut)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(font(BODY_PT - 3, bold=True))
        self.form = QFormLayout(self)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(18)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        self.full_texts: dict[str, str] = {}
        self._shown: dict[str, tuple[str, int, str]] = {}  # (text, width, caption) each value shows
        for name in self.FIELDS:
            caption = QLabel(self)
            caption.setFont(font(BODY_PT - 2))
            value = QLabel(self)
            value.setObjectName(f"pack_{name}")
            value.setFont(font(VALUE_PT, bold=True, mono=name not in self.WRAPPED))
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(name in self.WRAPPED)
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            value.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
            caption.setBuddy(value)
            self.captions[name] = caption
            self.values[name] = value
            if name == "product":  # its own row across the panel: caption above, the name below
                caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
                self.form.addRow(caption)
                self.form.addRow(value)
            else:
                self.form.addRow(caption, value)
        self.retranslate()
        self.clear()

    def code_width(self) -> int:
        """The value column's width: the longest code on one line (the value font is monospaced)."""
        metrics = QFontMetrics(self.values["serial"].font())
        return metrics.horizontalAdvance("W" * self.LONGEST_CODE) + 2

    def _fix_width(self) -> None:
        """One width for every pack: captions as wide as the widest caption this language has (every
        product code scheme included), codes fitting :attr:`LONGEST_CODE`, the product row wide
        enough for :attr:`LONGEST_PRODUCT` on two lines."""
        captions = [caption.text() for caption in self.captions.values()] + [
            self.tr("Product code ({scheme})").format(scheme=scheme) + ":" for scheme in ("GTIN", "PPN", "NTIN")
        ]
        caption_metrics = QFontMetrics(self.captions["code"].font())
        caption_width = max(caption_metrics.horizontalAdvance(text) for text in captions) + 2
        code_width = self.code_width()
        product_metrics = QFontMetrics(self.values["product"].font())
        half_product = product_metrics.horizontalAdvance(self.LONGEST_PRODUCT) * 11 // (10 * self.PRODUCT_LINES)
        inner = max(caption_width + self.form.horizontalSpacing() + code_width, half_product)
        code_width = inner - caption_width - self.form.horizontalSpacing()
        for name, caption in self.captions.items():
            if name != "product":
                caption.setFixedWidth(caption_width)
        for name, value in self.values.items():
            value.setFixedWidth(inner if name == "product" else code_width)
        self.form.invalidate()
        self.form.activate()
        self.setFixedWidth(max(self.sizeHint().width(), self.minimumSizeHint().width()))

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
        self._fix_width()
        for name, text in self.full_texts.items():
            self._set_value(name, text, again=True)

    def _set_value(self, name: str, text: str, *, again: bool = False) -> None:
        """Show ``text`` in full: words wrap (and the label takes the lines it needs); a code stays on
        one line and, only if it is longer than the column, is elided with the full value in the
        tooltip. A value already shown as it is (same text, width and caption) is left alone: packs
        scanned one after another mostly share product, batch and expiry (issue 22)."""
        label = self.values[name]
        self.full_texts[name] = text
        showing = (text, label.width(), self.captions[name].text())
        if not again and self._shown.get(name) == showing:
            return
        self._shown[name] = showing
        label.setAccessibleName(f"{self.captions[name].text()} {text}" if text != "—" else "")
        metrics = QFontMetrics(label.font())
        if name in self.WRAPPED:
            label.setText(text)
            label.setToolTip("")
            lines = self.PRODUCT_LINES if name == "product" else 1
            label.setMinimumHeight(max(label.heightForWidth(label.width()), metrics.lineSpacing() * lines))
            return
        width = label.width() - 2
        shown = [
            line
            if metrics.horizontalAdvance(line) <= width
            else metrics.elidedText(line, Qt.TextElideMode.ElideMiddle, width)
            for line in text.split("\n")
        ]
        label.setText("\n".join(shown))
        label.setToolTip(text if shown != text.split("\n") else "")

    def clear(self) -> None:
        self.captions["code"].setText(self.tr("Product code") + ":")
        for name in self.values:
            self._set_value(name, "—")

    def state_word(self, state: str) -> str:
        """A hub pack state in the window's language."""
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
        return words.get(state, state)  # in the window's language only (no English word in brackets)

    def show_pack(self, pack: PackDetails | None) -> None:
        require_ui_thread("PackPanel.show_pack")
        if pack is None:
            self.clear()
            return
        entry_words = {"scan": self.tr("Scanned"), "manual": self.tr("Typed by hand"), "camera": self.tr("Camera")}
        code = pack.product_code or "—"
        scheme_caption = self.tr("Product code ({scheme})").format(scheme=pack.scheme) if pack.scheme else None
        self.captions["code"].setText((scheme_caption or self.tr("Product code")) + ":")
        nhrn = "\n".join(f"{k} {v}" for k, v in sorted(pack.nhrn.items())) or "—"  # one per line, never wrapped
        texts = {
            "product": pack.product_name or "—",
            "code": code,
            "serial": pack.serial or "—",
            "lot": pack.lot or "—",
            "expiry": (self.tr("{date} — expired").format(date=pack.expiry.isoformat()) if pack.expired
                       else pack.expiry.isoformat()) if pack.expiry else "—",
            "nhrn": nhrn,
            "entry": entry_words.get(pack.entry_mode, pack.entry_mode),
            "state": self._state_text(pack),
        }
        for name, text in texts.items():
            self._set_value(name, text)
        # an expired pack: the date to compare with the box stands out (never colour alone: the words say it)
        style = palette.ERROR_TEXT if pack.expired else ""
        if self.values["expiry"].styleSheet() != style:  # a style sheet set again re-polishes the label
            self.values["expiry"].setStyleSheet(style)

    def _state_text(self, pack: PackDetails) -> str:
        """The hub's state; an expired pack the hub still calls Active says both, so the panel never
        contradicts the banner ("expired" beside a plain "Active")."""
        if not pack.state:
            return "—"
        if pack.expired and pack.state == "Active":
            return self.tr("Active, but expired")
        return self.state_word(pack.state)
