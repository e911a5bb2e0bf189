"""The counter window's central area, top to bottom: the permanent TRAINING banner (training mode
only); the verdict banner with the reasons and the next action (and, for a prescription STOP, the
Supply anyway button); the pack details beside the prescription and the list of this dispense's
packs; the undo deadline; the Dispense / Undo / Type the code / Camera / Send outbox / New dispense
buttons.

It only renders what the window tells it (verdicts, the packs of this dispense, what the operator
may do); the window connects the buttons. Its texts keep the translation context ``CounterWindow``
(the catalogue has them there), hence ``translate("CounterWindow", ...)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dispense_app.ui import palette
from dispense_app.ui.fonts import BODY_PT, font
from dispense_app.ui.pack_list import DispenseLines, PackList
from dispense_app.ui.pack_panel import PackPanel
from dispense_app.ui.prescription_panel import PrescriptionPanel
from dispense_app.ui.verdict_banner import VerdictBanner
from dispense_app.ui.viewmodel import DispenseResult, Level, ReplayConflict, ScanResult, StationStatus, moment_text

translate = QCoreApplication.translate
NO_BREAK_HYPHEN = "\u2011"
"""Shown for '-' in the action headline, so a serial is never split across two lines."""


class CounterView(QWidget):
    """The banners, panels, pack list and action buttons of the counter window."""

    def __init__(self, parent: QWidget | None = None, *, training: bool, adherence: bool, camera: bool) -> None:
        super().__init__(parent)
        root = QVBoxLayout(self)
        root.setContentsMargins(10, 10, 10, 6)
        root.setSpacing(10)
        self.training_banner = QLabel(self)
        self.training_banner.setObjectName("trainingBanner")
        self.training_banner.setFont(font(BODY_PT, bold=True))
        self.training_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_banner.setStyleSheet(palette.TRAINING_BANNER_STYLE)
        self.training_banner.setVisible(training)
        root.addWidget(self.training_banner)
        self.banner = VerdictBanner(self)
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        root.addWidget(self.banner)
        self.override_button = QPushButton(self)  # shown only for a prescription STOP
        self.override_button.setObjectName("overrideButton")
        self.override_button.setFont(font(BODY_PT - 5, bold=True))
        self.override_button.setAutoDefault(False)
        self.override_button.setVisible(False)
        self.seal_button = QPushButton(self)  # shown while a checked pack waits for its seal check
        self.seal_button.setObjectName("sealButton")
        self.seal_button.setFont(font(BODY_PT - 5, bold=True))
        self.seal_button.setAutoDefault(False)
        self.seal_button.setVisible(False)
        override_row = QHBoxLayout()
        override_row.addStretch(1)
        override_row.addWidget(self.seal_button)
        override_row.addWidget(self.override_button)
        root.addLayout(override_row)
        root.addWidget(self._build_conflict_notice())
        root.addWidget(self._scrolled(self._build_lists(adherence=adherence)), 1)
        buttons = self._build_buttons(camera=camera)
        root.addWidget(self.undo_deadline)
        root.addLayout(buttons)
        # focus order: list, Dispense, Undo, Type the code, Camera, Send outbox, New dispense
        chain = (self.pack_list, self.dispense_button, self.undo_button, self.manual_button, self.camera_button,
                 self.sync_button, self.new_button)
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _build_conflict_notice(self) -> QFrame:
        """The persistent notice of replay conflicts (packs queued offline that the hub refused when
        the outbox was sent): it stays, whatever is scanned next, until someone acknowledges it."""
        self.conflict_notice = notice = QFrame(self)
        notice.setObjectName("conflictNotice")
        notice.setStyleSheet(f"QFrame#conflictNotice {{ background: {palette.STOP}; }}"
                             f" QLabel {{ color: {palette.ON_DARK}; }}")
        row = QHBoxLayout(notice)
        row.setContentsMargins(16, 8, 16, 8)
        self.conflict_text = QLabel(notice)
        self.conflict_text.setObjectName("conflictText")
        self.conflict_text.setFont(font(BODY_PT - 2, bold=True))
        self.conflict_text.setWordWrap(True)
        self.conflict_text.setTextFormat(Qt.TextFormat.PlainText)
        self.conflict_ack_button = QPushButton(notice)
        self.conflict_ack_button.setObjectName("conflictAckButton")
        self.conflict_ack_button.setFont(font(BODY_PT - 4, bold=True))
        self.conflict_ack_button.setAutoDefault(False)
        row.addWidget(self.conflict_text, 1)
        row.addWidget(self.conflict_ack_button)
        notice.setVisible(False)
        self.conflicts: list[ReplayConflict] = []
        self.conflicts_in_banner = False  # the banner says it already: the notice waits (saves height)
        return notice

    def show_conflicts(self, conflicts: Sequence[ReplayConflict]) -> None:
        """Add replay conflicts to the persistent notice (shown until acknowledged)."""
        known = {c.alert_id for c in self.conflicts}
        self.conflicts += [c for c in conflicts if c.alert_id not in known]
        self._render_conflicts()

    def acknowledge_conflicts(self) -> None:
        self.conflicts = []
        self._render_conflicts()

    def _patient(self, conflict: ReplayConflict) -> str:
        return conflict.patient_ref or translate("CounterWindow", "not recorded")

    def _render_conflicts(self) -> None:
        lines = [
            translate("CounterWindow", "Refused by the hub after hand-over: pack {serial}, patient {patient}, "
                      "alert {alert}. Contact the patient and get the pack back.").format(
                serial=c.serial, patient=self._patient(c), alert=c.alert_id)
            for c in self.conflicts
        ]
        self.conflict_text.setText("\n".join(lines))
        self.conflict_notice.setVisible(bool(lines) and not self.conflicts_in_banner)

    def _banner_changed(self, *, conflicts: bool = False) -> None:
        """The banner shows something else now: the conflict notice comes back (until acknowledged)."""
        self.conflicts_in_banner = conflicts
        self._render_conflicts()

    def show_replay_conflicts(self, conflicts: Sequence[ReplayConflict]) -> None:
        """The banner after sending the outbox found conflicts: STOP, naming pack and patient."""
        reasons = [
            translate("CounterWindow", "Pack {serial} (patient {patient}): {reason}").format(
                serial=c.serial, patient=self._patient(c), reason=c.reason)
            for c in conflicts
        ]
        self.banner.show_verdict(
            Level.STOP,
            translate("CounterWindow", "STOP — a pack dispensed offline was refused by the hub"),
            reasons,
            translate("CounterWindow", "The pack may already be with the patient: contact them and take it back; "
                      "do not hand it over again. Follow up the alert (Alerts, F6)."),
        )
        self._banner_changed(conflicts=True)

    def _scrolled(self, middle: QWidget) -> QScrollArea:
        """The pack details and lists scroll when the screen is short, so the window never grows
        taller than the screen: at 1280x800 a STOP banner's reasons made the window 897 px high
        and the Dispense button and the status bar fell off the bottom. The banner above and the
        buttons below always stay in view."""
        area = QScrollArea(self)
        area.setObjectName("packArea")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        # its width follows the window's, never the other way round (a vertical scroll bar added
        # its width to the window's minimum: 1291 px in German at 1280)
        area.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        area.setWidget(middle)
        return area

    def _build_lists(self, *, adherence: bool) -> QSplitter:
        """The pack details beside the prescription and the list of this dispense's packs."""
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.pack_panel = PackPanel(splitter)
        lists = QWidget(splitter)
        layout = QVBoxLayout(lists)
        layout.setContentsMargins(0, 0, 0, 0)
        self.prescription_panel = PrescriptionPanel(lists)
        # a patient is chosen (without a prescription) so their fills count for adherence
        self.prescription_panel.patient_button.setVisible(adherence)
        self.prescription_panel.adherence_button.setVisible(adherence)
        self.list_caption = QLabel(lists)
        self.list_caption.setFont(font(BODY_PT - 3, bold=True))
        self.pack_list = PackList(lists)
        self.list_caption.setBuddy(self.pack_list)
        layout.addWidget(self.prescription_panel)
        layout.addWidget(self.list_caption)
        layout.addWidget(self.pack_list)
        splitter.addWidget(self.pack_panel)
        splitter.addWidget(lists)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        return splitter

    def _button(self, name: str, points: int = BODY_PT - 3) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setFont(font(points, bold=True))
        button.setMinimumHeight(52)
        button.setAutoDefault(False)
        return button

    def _build_buttons(self, *, camera: bool) -> QHBoxLayout:
        """The action buttons (Dispense stands out) and the undo deadline (shown above them)."""
        self.dispense_button = self._button("dispenseButton", BODY_PT)
        self.undo_button = self._button("undoButton")
        self.sync_button = self._button("syncButton")
        self.new_button = self._button("newButton")
        self.manual_button = self._button("manualButton")
        self.camera_button = self._button("cameraButton")
        self.camera_button.setVisible(camera)
        self.undo_deadline = QLabel(self)
        self.undo_deadline.setObjectName("undoDeadline")
        self.undo_deadline.setFont(font(BODY_PT - 3))
        self.undo_deadline.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.dispense_button, 3)
        row.addWidget(self.undo_button, 2)
        row.addSpacing(12)
        for button, stretch in ((self.manual_button, 2), (self.camera_button, 1), (self.sync_button, 2),
                                (self.new_button, 2)):
            row.addWidget(button, stretch)
        return row

    def retranslate(self) -> None:
        """Set every fixed text again (the window then shows the verdict and the packs again)."""
        self.training_banner.setText(
            translate("CounterWindow", "TRAINING — simulated hub and demo packs; nothing is really decommissioned")
        )
        self.training_banner.setAccessibleName(self.training_banner.text())
        self.list_caption.setText(translate("CounterWindow", "Packs in this dispense"))
        self.conflict_ack_button.setText(translate("CounterWindow", "Acknowledged"))
        self.conflict_ack_button.setAccessibleName(translate("CounterWindow", "Acknowledge the outbox conflicts"))
        self._render_conflicts()
        texts = (
            (self.dispense_button, translate("CounterWindow", "Dispense (F9)"),
             translate("CounterWindow", "Dispense the checked packs")),
            (self.undo_button, translate("CounterWindow", "Undo (F8)"),
             translate("CounterWindow", "Undo the supply of the selected pack")),
            (self.sync_button, translate("CounterWindow", "Send outbox (F7)"),
             translate("CounterWindow", "Send the queued offline transactions to the hub")),
            (self.new_button, translate("CounterWindow", "New dispense (F12)"),
             translate("CounterWindow", "Start a new dispense")),
            (self.camera_button, translate("CounterWindow", "Camera (F11)"),
             translate("CounterWindow", "Scan with the webcam")),
            (self.manual_button, translate("CounterWindow", "Type the code (F4)"),
             translate("CounterWindow", "Type the printed code of a pack that cannot be scanned")),
            (self.override_button, translate("CounterWindow", "Supply anyway… (Ctrl+F9)"),
             translate("CounterWindow", "Supply this pack despite the prescription STOP")),
            (self.seal_button, translate("CounterWindow", "Seal broken… (Ctrl+B)"),
             translate("CounterWindow", "The seal of this pack is broken: do not dispense it")),
        )
        for button, text, name in texts:
            button.setText(text)
            button.setAccessibleName(name)
        self.pack_panel.retranslate()
        self.prescription_panel.retranslate()
        self.pack_list.retranslate()

    # ----------------------------------------------------------------- the verdict banner
    def headline(self, level: Level) -> str:
        return {
            Level.OK: translate("CounterWindow", "OK — may be dispensed"),
            Level.WARN: translate("CounterWindow", "CHECK — read the reasons"),
            Level.STOP: translate("CounterWindow", "STOP — do not supply"),
            Level.IDLE: translate("CounterWindow", "Ready — scan a pack"),
            Level.BUSY: translate("CounterWindow", "Checking…"),
        }[level]

    def show_idle(self) -> None:
        """Two lines, as a verdict has (a reason and what to do): the first scan of a dispense no
        longer makes the band a line taller and push the pack details and list down, nor lays the
        band out again while the verdict waits to be shown (issue 22)."""
        self._banner_changed()
        self.banner.show_verdict(
            Level.IDLE,
            self.headline(Level.IDLE),
            [translate("CounterWindow", "Scan the pack's DataMatrix code; the verdict appears here.")],
            translate("CounterWindow", "The code will not scan? Type it from the pack with F4."),
        )

    def show_busy(self) -> None:
        self._banner_changed()
        self.banner.show_verdict(Level.BUSY, self.headline(Level.BUSY), [], "")

    def show_result(self, result: ScanResult) -> None:
        self.show_verdict(result)
        self.pack_panel.show_pack(result.pack)

    def show_verdict(self, result: ScanResult) -> None:
        """The scan's verdict in the banner only (the window shows the pack details after its paint)."""
        self._banner_changed()
        # reasons and next action arrive translated by the presenter (core message table, context "verdict")
        if result.repeat and result.pack is not None:
            self._show_repeat(result)
        else:
            self.banner.show_verdict(result.level, self.headline(result.level), list(result.reasons),
                                     result.next_action)

    def _show_repeat(self, result: ScanResult) -> None:
        """The same pack scanned again: say so first (it was not a second pack), then its verdict."""
        assert result.pack is not None
        serial = (result.pack.serial or "").replace("-", NO_BREAK_HYPHEN)
        again = translate("CounterWindow", "Scanned again: {serial}").format(serial=serial)
        already = translate("CounterWindow", "This pack is already in this dispense; it counts once. "
                                             "Nothing was sent to the hub again.")
        if result.level is Level.STOP:
            self.banner.show_verdict(Level.STOP, self.headline(Level.STOP), [again + " — " + already,
                                                                             *result.reasons], result.next_action)
        else:
            self.banner.show_verdict(Level.WARN, again, [already],
                                     translate("CounterWindow", "If you meant to scan another pack, scan that "
                                                                "one now."))

    def show_action(self, result: DispenseResult) -> None:
        """The outcome of a Dispense, Undo or Supply anyway (headline and lines come from the presenter,
        translated); the pack panel keeps the last pack."""
        self._banner_changed()
        # the big headline names serials ("DEMO-IBU-005"): never wrap them at a hyphen
        headline = result.headline.replace("-", NO_BREAK_HYPHEN)
        self.banner.show_verdict(result.level, headline, list(result.summary), result.next_action)

    def show_replay_done(self, confirmed: int, waiting: int) -> None:
        """What F7 did when the hub refused nothing: how many decommissions it has now carried out,
        and what still waits in the outbox (the banner said "verified when the hub is back")."""
        self._banner_changed()
        reasons = []
        if confirmed:
            reasons.append(translate("CounterWindow", "Carried out by the hub now: {n}.").format(n=confirmed))
        if waiting:
            reasons.append(translate("CounterWindow", "Still in the outbox: {n}. They go with the next send.")
                           .format(n=waiting))
            self.banner.show_verdict(Level.WARN, translate("CounterWindow", "Outbox: {n} still waiting").format(
                n=waiting), reasons, translate("CounterWindow", "Send again later (F7)."))
            return
        self.banner.show_verdict(Level.OK, translate("CounterWindow", "Outbox sent: {n} confirmed").format(
            n=confirmed), reasons, translate("CounterWindow", "Nothing left to send."))

    def show_check_failed(self, error: str) -> None:
        """The check raised: a STOP, never a stale OK."""
        self._banner_changed()
        self.banner.show_verdict(
            Level.STOP,
            self.headline(Level.STOP),
            [translate("CounterWindow", "The check could not be completed: {error}").format(error=error)],
            translate("CounterWindow", "Scan the pack again. If this repeats, do not supply it and call support."),
        )
        self.pack_panel.clear()

    def keep_seal_row(self, seal_check: bool) -> None:
        """With the seal check on, the row of "Seal broken…" keeps its height while the button is
        hidden (a STOP, a new dispense): the pack details below no longer jump up and down between
        an OK and a STOP, nor wait for the window's re-layout (issue 22). Off, the row folds away."""
        policy = self.seal_button.sizePolicy()
        if policy.retainSizeWhenHidden() != seal_check:
            policy.setRetainSizeWhenHidden(seal_check)
            self.seal_button.setSizePolicy(policy)

    # ----------------------------------------------------------------- what may be done
    def update_buttons(self, lines: DispenseLines, status: StationStatus | None, *, replaying: bool,
                       closed: bool) -> None:
        """Enable what the packs of this dispense and the operator's role allow (``status`` None:
        not known yet, anything); the undo deadline of the pack Undo would undo."""

        def may(action: str) -> bool:
            return status is None or status.may(action)

        selected = self.pack_list.selected_key()
        undo_target = lines.undo_target(selected)
        self.dispense_button.setEnabled(bool(lines.checked_keys()) and may("dispense"))
        self.undo_button.setEnabled(undo_target is not None and may("undo"))
        self.override_button.setVisible(lines.override_target(selected) is not None)
        self.seal_button.setVisible(lines.seal_target(selected) is not None)
        self.seal_button.setEnabled(may("dispense") and not closed)
        allowed = status is not None and status.permissions is not None and status.may("supply-anyway")
        self.override_button.setEnabled(allowed)
        self.override_button.setToolTip(
            "" if allowed else translate("CounterWindow", "Only a signed-in pharmacist may supply anyway.")
        )
        self.new_button.setEnabled(bool(lines))
        self.sync_button.setEnabled(not replaying)
        self.manual_button.setEnabled(not closed)
        if undo_target is None or undo_target.undo_deadline is None:
            self.undo_deadline.setText("")
            return
        when = moment_text(undo_target.undo_deadline)  # as the banner says it
        self.undo_deadline.setText(
            translate("CounterWindow", "Undo possible until {when} (same premises only)").format(when=when)
        )
