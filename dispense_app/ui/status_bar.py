"""The counter window's status bar: hub reachability, outbox (and its replay progress), the hub's p95
answer time against the 300 ms target, scanner profile, operator; the Sign in, Alerts, Settings and
About buttons. Status messages (a dispense that failed, a serial scanner that connected) appear on
its left, as in any QStatusBar.

The bar only shows what it is given (:meth:`StationStatusBar.show_status`); the window asks the
presenter and connects the buttons. Its texts keep the translation context ``CounterWindow`` (they
were the window's own, and the catalogue has them there), hence ``translate("CounterWindow", ...)``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QSizePolicy, QStatusBar, QWidget

from dispense_app.ui import palette
from dispense_app.ui.fonts import BODY_PT, font
from dispense_app.ui.tasks import require_ui_thread
from dispense_app.ui.viewmodel import StationStatus

translate = QCoreApplication.translate
MESSAGE_MS = 15_000
"""How long a message about an action stays in the bar."""


class ElidedLabel(QLabel):
    """A status label that never widens the window: it shows as much of its text as fits, with
    "…" at the end, and the whole text as its tooltip. A permanent status-bar item's minimum width
    is the window's too, so a long "Hub OFFLINE — …" or "Station not ready: <error>" pushed the
    counter window past the screen's edge (1400 -> 1588 px, worse in German) and kept it there."""

    SLACK = 8
    """Pixels kept free beside the text: a bold glyph's overhang is wider than its advance."""

    def __init__(self, parent: QWidget | None = None, *, min_chars: int = 14) -> None:
        """``min_chars``: the width it may shrink to, in average characters (the hub label: enough
        for "✖ Hub OFFLINE" and "● Hub online" in bold, which came out as "Hub onli…")."""
        super().__init__(parent)
        self.min_chars = min_chars
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def text(self) -> str:
        """The whole text (what is shown may be elided)."""
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._fit()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right() + self.SLACK + 2
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:
        width = self.fontMetrics().averageCharWidth() * self.min_chars
        return QSize(min(width, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # bold when offline
            self.updateGeometry()
            self._fit()

    def _fit(self) -> None:
        room = max(0, self.contentsRect().width() - self.SLACK)  # the style sheet padding is in the margins
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        super().setText(shown if room > 0 else self._full)


class StationStatusBar(QStatusBar):
    """The status bar items, in order: hub, outbox, replay progress, p95, scanner, operator, then the
    Sign in (only once the station has operator accounts), Alerts, Settings and About buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(font(BODY_PT - 6))
        self.setStyleSheet("QStatusBar::item { border: none; } QStatusBar QLabel { padding: 0 6px; }")
        self.hub_label = self._label("hubLabel", ElidedLabel(self, min_chars=18))
        self.outbox_label = self._label("outboxLabel")
        self.replay_progress = QProgressBar(self)
        self.replay_progress.setObjectName("replayProgress")
        self.replay_progress.setMaximumWidth(160)
        self.replay_progress.setVisible(False)
        self.replay_progress.setFont(font(BODY_PT - 6))
        self.p95_label = self._label("p95Label")
        self.profile_label = self._label("profileLabel", ElidedLabel(self))  # a long profile name gives way
        self.operator_label = self._label("operatorLabel", ElidedLabel(self))  # a long name gives way too
        # made in this order (Tab goes Alerts, Settings, Sign in, About), shown Sign in first
        self.alerts_button = self._button("alertsButton")
        self.settings_button = self._button("settingsButton")
        self.sign_in_button = self._button("signInButton")
        self.sign_in_button.setVisible(False)  # shown once the station has operator accounts
        self.about_button = self._button("aboutButton")
        for item in (self.hub_label, self.outbox_label, self.replay_progress, self.p95_label, self.profile_label,
                     self.operator_label, self.sign_in_button, self.alerts_button, self.settings_button,
                     self.about_button):
            self.addPermanentWidget(item)
        self.status: StationStatus | None = None

    P95_ROOM = 1350
    """Status bar width (px) from which the hub's p95 figure is shown: it is for support (and in the
    About window); at 1280 px in German the bar overflowed and cut the hub state and the Alerts button."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.p95_label.setVisible(self.width() >= self.P95_ROOM)

    def _label(self, name: str, label: QLabel | None = None) -> QLabel:
        label = label if label is not None else QLabel(self)
        label.setObjectName(name)
        label.setFont(font(BODY_PT - 6))
        return label

    def _button(self, name: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setFlat(True)
        button.setFont(font(BODY_PT - 6, bold=True))
        return button

    def retranslate(self) -> None:
        self.replay_progress.setAccessibleName(translate("CounterWindow", "Outbox replay progress"))
        self.outbox_label.setToolTip(
            translate("CounterWindow", "Transactions recorded here and not yet confirmed by the hub")
        )
        self.p95_label.setToolTip(
            translate("CounterWindow", "Rolling 95th percentile of the hub's answer time, against the 300 ms target")
        )
        self.alerts_button.setAccessibleName(translate("CounterWindow", "Open the alerts view"))
        self.settings_button.setText(translate("CounterWindow", "Settings (F10)"))
        self.sign_in_button.setText(translate("CounterWindow", "Sign in (Ctrl+L)"))
        self.sign_in_button.setAccessibleName(translate("CounterWindow", "Sign in or switch operator"))
        self.settings_button.setAccessibleName(translate("CounterWindow", "Open the settings"))
        self.about_button.setText(translate("CounterWindow", "About (F1)"))
        self.about_button.setAccessibleName(
            translate("CounterWindow", "About dispense-app: version, data folder, hub, licences")
        )
        self.show_alert_count(self.status.alerts_new if self.status else None)
        self.show_status(self.status)

    def show_alert_count(self, count: int | None) -> None:
        if count:
            self.alerts_button.setText(translate("CounterWindow", "⚠ Alerts: {n} new (F6)").format(n=count))
            self.alerts_button.setStyleSheet(palette.text_style(palette.STOP))
        else:
            self.alerts_button.setText(translate("CounterWindow", "Alerts (F6)"))
            self.alerts_button.setStyleSheet("")

    def show_status(self, status: StationStatus | None) -> None:
        """The station status (None: not known yet)."""
        require_ui_thread("StationStatusBar.show_status")
        self.status = status
        if status is None:
            self.hub_label.setText(translate("CounterWindow", "Hub: …"))
            for label in (self.outbox_label, self.p95_label, self.profile_label, self.operator_label):
                label.setText("")
            return
        self._show_hub(status.hub_online)
        self._show_hub_notice(status)
        self._show_outbox(status)
        self._show_p95(status.hub_p95_ms, status.target_ms)
        self.profile_label.setText(
            translate("CounterWindow", "Scanner: {profile}").format(
                profile=status.scanner_profile or translate("CounterWindow", "no profile")
            )
        )
        self.operator_label.setText(
            translate("CounterWindow", "Operator: {name}").format(
                name=status.operator or translate("CounterWindow", "not signed in")
            )
        )
        self.show_alert_count(status.alerts_new)
        self.sign_in_button.setVisible(status.permissions is not None)

    def _show_outbox(self, status: StationStatus) -> None:
        if status.site_journal is None:
            self.outbox_label.setText(translate("CounterWindow", "Outbox: {n}").format(n=status.outbox_length))
            self.outbox_label.setStyleSheet("")
            return
        # a site store that cannot be reached: the counter records on its local journal (docs/site.md)
        self.outbox_label.setText(
            translate("CounterWindow", "Site database unreachable — working locally ({n} to merge)").format(
                n=status.site_journal
            )
        )
        self.outbox_label.setStyleSheet(palette.text_style(palette.STOP, bold=True, padded=True))

    def _show_hub(self, online: bool | None) -> None:
        if online is None:
            self.hub_label.setText(translate("CounterWindow", "Hub: not checked yet"))
            self.hub_label.setStyleSheet("")
        elif online:
            self.hub_label.setText(translate("CounterWindow", "● Hub online"))
            self.hub_label.setStyleSheet(palette.text_style(palette.OK, bold=True, padded=True))
        else:
            self.hub_label.setText(translate("CounterWindow", "✖ Hub OFFLINE — working from the local cache"))
            self.hub_label.setStyleSheet(palette.text_style(palette.STOP, bold=True, padded=True))

    def _show_hub_notice(self, status: StationStatus) -> None:
        """An expired credential (instead of "offline": the hub refuses the station), the national
        system's offline notice, or a credential expiring soon; worded by the station."""
        level, text = status.hub_notice_level, status.hub_notice
        finding = status.hub_credential if level in ("expired", "warn") else None
        if finding is not None:
            from dispense_app.ui.credential_words import describe  # hub.lifecycle: not before the first paint

            text = describe(finding)  # the window's language
        if not text or (level == "offline" and status.hub_online is not False):
            return
        if level == "expired":
            self.hub_label.setText("✖ " + text)
            self.hub_label.setStyleSheet(palette.text_style(palette.STOP, bold=True, padded=True))
        elif level == "offline":
            self.hub_label.setText(translate("CounterWindow", "✖ Hub OFFLINE — {notice}").format(notice=text))
        else:
            self.hub_label.setText(f"{self.hub_label.text()} — ⚠ {text}")
            if status.hub_online:  # from 7 days on (hub.lifecycle.STAGES) in the stop colour
                colour = palette.STOP if finding is not None and finding.urgent else palette.WARN_TEXT
                self.hub_label.setStyleSheet(palette.text_style(colour, bold=True, padded=True))

    def _show_p95(self, p95_ms: float | None, target_ms: float) -> None:
        if p95_ms is None:
            self.p95_label.setText(translate("CounterWindow", "p95 — / {target:.0f} ms").format(target=target_ms))
            self.p95_label.setStyleSheet("")
            return
        within = p95_ms <= target_ms
        self.p95_label.setText(
            translate("CounterWindow", "{mark} p95 {p95:.0f} ms / {target:.0f} ms").format(
                mark="✔" if within else "▲", p95=p95_ms, target=target_ms
            )
        )
        self.p95_label.setStyleSheet("" if within else palette.text_style(palette.WARN_TEXT, bold=True, padded=True))

    def show_not_ready(self, error: str) -> None:
        """The station could not give its status (no hub configured, keyring secret missing, database
        refused): say so where the hub state is."""
        self.hub_label.setText(translate("CounterWindow", "✖ Station not ready: {error}").format(error=error))
        self.hub_label.setStyleSheet(palette.text_style(palette.STOP, bold=True, padded=True))

    def start_progress(self) -> None:
        """The outbox is being sent: a busy bar until the first progress report."""
        self.replay_progress.setRange(0, 0)
        self.replay_progress.setVisible(True)

    def show_progress(self, done: int, total: int) -> None:
        require_ui_thread("StationStatusBar.show_progress")
        self.replay_progress.setRange(0, max(total, 1))
        self.replay_progress.setValue(done)
        self.outbox_label.setText(
            translate("CounterWindow", "Outbox: sending {done}/{total}").format(done=done, total=total)
        )

    def end_progress(self) -> None:
        self.replay_progress.setVisible(False)

    def show_replay_failed(self, error: str) -> None:
        self.end_progress()
        self.say(translate("CounterWindow", "Sending the outbox failed: {error}").format(error=error))

    def show_serial(self, status: str, detail: str) -> None:
        """The serial scanner's connection (``connected`` with the port, ``disconnected`` with why)."""
        if status == "connected":
            self.say(translate("CounterWindow", "Serial scanner connected: {port}").format(port=detail), 10_000)
        elif status == "disconnected":
            self.say(translate("CounterWindow", "Serial scanner not connected: {detail}").format(detail=detail), 0)

    def say(self, message: str, timeout_ms: int = MESSAGE_MS) -> None:
        """A message on the left of the bar for ``timeout_ms`` (0: until the next one)."""
        self.showMessage(message, timeout_ms)
