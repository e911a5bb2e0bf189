"""Every colour of the counter window and its parts, named by what it means (no Qt here).

A verdict is never told by colour alone (the banner has an icon and words), but the colours are the
same everywhere, so green always means OK and red always means STOP or "read this". Text colours on
the banners keep a contrast of at least 7:1 (white on green, red, slate and blue; black on amber).
Widgets use these names (``palette.STOP``) or the style helpers below; no other module of the UI
writes a colour of its own.
"""

from __future__ import annotations

from dispense_app.ui.viewmodel import Level

OK = "#0b6e2e"
"""OK: the OK banner, "hub online", an adherent patient in the adherence chart, a calibration that worked."""
OK_LIGHT = "#7fb58f"
"""OK, in the background: the days a fill covers on the adherence timeline."""
WARN = "#ffb000"
"""WARN (CHECK): the banner of a verdict to read before supplying (black text on it)."""
WARN_TEXT = "#8a4b00"
"""WARN as text on the light window background (the hub answers slower than its target)."""
STOP = "#b3001b"
"""STOP and anything the user must read: the STOP banner, "hub offline", alerts waiting, error messages."""
IDLE = "#37474f"
"""The banner while nothing is being checked ("Ready — scan a pack")."""
BUSY = "#1f4e8c"
"""The banner while a scan is being checked."""
TRAINING = "#ffe14d"
"""The TRAINING banner of training mode (with a dashed black border: never taken for a verdict)."""
ON_DARK = "#ffffff"
"""Text on the dark banners (OK, STOP, idle, busy) and on the camera preview."""
ON_LIGHT = "#000000"
"""Text and borders on the light banners (WARN, TRAINING)."""
FOCUS = "#005fcc"
"""The frame of the control that has the keyboard focus (after Tab), on the light window background."""
FOCUS_LIGHT = "#e3eefc"
"""The background of the focused button, inside its :data:`FOCUS` frame."""
CURRENT_ROW = "#cfe3ff"
"""The background of the current pack's row in the list of this dispense (the pack the banner shows)."""
PREVIEW = "#202020"
"""The camera preview's background before the first frame."""
CODE_FOUND = "#00ff00"
"""The outline the camera view draws around a code it has found in the frame."""

BANNER: dict[Level, tuple[str, str]] = {
    Level.OK: (OK, ON_DARK),
    Level.WARN: (WARN, ON_LIGHT),
    Level.STOP: (STOP, ON_DARK),
    Level.IDLE: (IDLE, ON_DARK),
    Level.BUSY: (BUSY, ON_DARK),
}
"""The verdict banner of each level: background, text."""


def text_style(colour: str, *, bold: bool = False, padded: bool = False) -> str:
    """A label's style sheet: text in ``colour``; ``padded`` for the status bar's items."""
    style = f"color: {colour};"
    if bold:
        style += " font-weight: bold;"
    if padded:
        style += " padding: 0 6px;"
    return style


ERROR_TEXT = text_style(STOP, bold=True)
"""A message saying something went wrong (under a form, in a dialog, in a view)."""


TRAINING_BANNER_STYLE = (
    f"#trainingBanner {{ background: {TRAINING}; color: {ON_LIGHT}; border: 4px dashed {ON_LIGHT}; padding: 6px; }}"
)
"""The TRAINING banner: yellow with a dashed black frame."""

FOCUS_STYLE = (
    f"QPushButton:focus, QToolButton:focus {{ border: 3px solid {FOCUS}; border-radius: 4px;"
    f" background: {FOCUS_LIGHT}; padding: 1px 5px; }}"
)
"""A window's style sheet: the button with the keyboard focus gets a thick frame, so after Tab the
user sees where Space or Enter will act (the platform's own focus mark is a faint dotted line)."""

LIST_FOCUS_STYLE = f"QTableView:focus, QListView:focus {{ border: 3px solid {FOCUS}; }}"
"""The counter window adds this: the pack list with the keyboard focus is framed too (after Tab, the
arrow keys move its selection, which Undo and Supply anyway act on)."""

PREVIEW_STYLE = f"background: {PREVIEW}; color: {ON_DARK};"
"""The camera preview label."""
