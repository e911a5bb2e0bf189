"""The verdict banner: the big coloured band at the top of the counter window (icon, headline words,
reasons, next action), and the icon of each level for the other views."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
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
        style = palette.banner_style(level)
        if style != self.styleSheet():  # a new style sheet re-polishes every child: only on a change
            self.setStyleSheet(style)
        if level is not self.level or self.icon.pixmap().isNull():
            self.icon.setPixmap(level_pixmap(level, 96))
        self.level = level
        self.headline.setText(headline)
        self.reasons.setText("\n".join(f"• {r}" for r in reasons))
        self.reasons.setVisible(bool(reasons))
        self.next_action.setText(next_action)
        self.next_action.setVisible(bool(next_action))
        self.setAccessibleName(headline)
        self.setAccessibleDescription(" ".join([*reasons, next_action]))
