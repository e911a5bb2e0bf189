"""The verdict banner: the big coloured band at the top of the counter window (icon, headline words,
reasons, next action), and the icon of each level for the other views."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dispense_app.ui import palette
from dispense_app.ui.fonts import BODY_PT, HEADLINE_PT, font
from dispense_app.ui.resources import icon_path
from dispense_app.ui.tasks import require_ui_thread
from dispense_app.ui.viewmodel import Level

ICON_FOR_LEVEL: dict[Level, str] = {
    Level.OK: "ok",
    Level.WARN: "warn",
    Level.STOP: "stop",
    Level.IDLE: "idle",
    Level.BUSY: "busy",
}


_ICONS: dict[str, QIcon] = {}


def load_icon(name: str) -> QIcon:
    """An icon of resources/icons (an empty icon if the file is missing). Loaded once: every pack
    row and banner asked for its icon again, a file lookup each time (issue 22)."""
    icon = _ICONS.get(name)
    if icon is None:
        path = icon_path(name)
        icon = _ICONS[name] = QIcon(str(path)) if path.is_file() else QIcon()
    return QIcon(icon)  # a cheap shared copy


def level_icon(level: Level) -> QIcon:
    return load_icon(ICON_FOR_LEVEL[level])


def level_pixmap(level: Level, size: int = 64) -> QPixmap:
    """The icon of a level, for other views (alerts list, adherence)."""
    return level_icon(level).pixmap(QSize(size, size))


class VerdictBanner(QFrame):
    """The big coloured band: icon + headline words + reasons + next action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictBanner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        # The band's colours are its palette, not a style sheet: a new style sheet on every level
        # change re-polished the band and each label, about 0.5 ms per scan, twice (issue 22)
        self.setAutoFillBackground(True)
        self.icon = QLabel(self)
        self.icon.setFixedSize(QSize(96, 96))
        self.headline = QLabel(self)
        self.headline.setObjectName("verdictHeadline")
        self.headline.setFont(font(HEADLINE_PT, bold=True))
        self.headline.setWordWrap(True)
        self.reasons = self._text_label("verdictReasons", bold=False)
        self.next_action = self._text_label("verdictNextAction", bold=True)

        top = QHBoxLayout()
        top.setSpacing(20)
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.headline, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        layout.addWidget(self.reasons)
        layout.addWidget(self.next_action)
        self.level = Level.IDLE

    def _text_label(self, name: str, *, bold: bool) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setFont(font(BODY_PT + 2, bold=bold))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def show_verdict(self, level: Level, headline: str, reasons: Sequence[str], next_action: str) -> None:
        require_ui_thread("VerdictBanner.show_verdict")
        busy = level is Level.BUSY
        if busy:
            # "Checking…" keeps the band's height and its lines until the verdict replaces them
            # (blank meanwhile): the pack details and list below do not jump up and back with every
            # scan, and the verdict no longer waits for the whole window's re-layout and for the
            # lines being shown again (about 3 ms per scan against a fast hub; issue 22)
            self.setMinimumHeight(max(self.minimumHeight(), self.height()))
        elif self.minimumHeight():
            self.setMinimumHeight(0)
        if level is not self.level or self.icon.pixmap().isNull():
            self._colour(level)
            self.icon.setPixmap(level_pixmap(level, 96))
        self.level = level
        self.headline.setText(headline)
        self.reasons.setText("\n".join(f"• {r}" for r in reasons))
        self.next_action.setText(next_action)
        if not busy:
            _show(self.reasons, bool(reasons))
            _show(self.next_action, bool(next_action))
        self.setAccessibleName(headline)
        self.setAccessibleDescription(" ".join([*reasons, next_action]))

    def _colour(self, level: Level) -> None:
        background, text = palette.BANNER[level]
        colours = QPalette(self.palette())
        colours.setColor(QPalette.ColorRole.Window, QColor(background))
        colours.setColor(QPalette.ColorRole.WindowText, QColor(text))
        self.setPalette(colours)
        # each label too: under the window's style sheet a polished label keeps its own palette
        for label in (self.headline, self.reasons, self.next_action):
            label.setPalette(colours)


def _show(widget: QWidget, visible: bool) -> None:
    """Show or hide ``widget`` only when that changes something."""
    if widget.isHidden() == visible:
        widget.setVisible(visible)
