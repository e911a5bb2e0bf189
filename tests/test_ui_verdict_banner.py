"""The verdict banner on its own: colours of each level, and a steady height while "Checking…".

Issue 22: "Checking…" hid the reason lines, so with every scan the band shrank and grew back and the
whole window below it was laid out twice; against a fast hub the verdict waited for that.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from dispense_app.ui import palette
from dispense_app.ui.verdict_banner import VerdictBanner
from dispense_app.ui.viewmodel import Level

pytestmark = pytest.mark.gui


class Page(QWidget):
    """A banner with something below it, under a window style sheet as the counter window has."""

    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet(palette.FOCUS_STYLE)
        self.banner = VerdictBanner(self)
        self.below = QLabel("Pack details", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.below)
        layout.addStretch(1)
        self.resize(900, 700)


@pytest.fixture
def page(qtbot: QtBot) -> Iterator[Page]:
    p = Page()
    qtbot.addWidget(p)
    p.show()
    qtbot.waitExposed(p)
    yield p
    p.close()


def settled(qtbot: QtBot, page: Page) -> tuple[int, int]:
    """(banner height, y of the widget below) once the layout has caught up."""
    qtbot.waitUntil(lambda: page.below.y() >= page.banner.geometry().bottom())
    qtbot.wait(0)  # the posted layout request
    return page.banner.height(), page.below.y()


def stop(banner: VerdictBanner) -> None:
    banner.show_verdict(Level.STOP, "STOP — do not supply",
                        ["Already supplied elsewhere.", "Recalled batch."], "Quarantine the pack.")


def test_checking_keeps_the_banner_height_and_nothing_below_moves(qtbot: QtBot, page: Page) -> None:
    stop(page.banner)
    height, below_y = settled(qtbot, page)
    page.banner.show_verdict(Level.BUSY, "Checking…", [], "")
    assert settled(qtbot, page) == (height, below_y)
    # the lines stay (blank): showing them again with the verdict was part of the wait
    assert not page.banner.reasons.isHidden() and page.banner.reasons.text() == ""
    assert not page.banner.next_action.isHidden() and page.banner.next_action.text() == ""
    assert page.banner.headline.text() == "Checking…"


def test_the_verdict_after_checking_takes_its_own_height(qtbot: QtBot, page: Page) -> None:
    stop(page.banner)
    tall, _ = settled(qtbot, page)
    page.banner.show_verdict(Level.BUSY, "Checking…", [], "")
    page.banner.show_verdict(Level.OK, "OK — supply", [], "")
    assert page.banner.minimumHeight() == 0
    assert page.banner.reasons.isHidden() and page.banner.next_action.isHidden()  # no blank lines
    qtbot.waitUntil(lambda: page.banner.height() < tall)


def test_each_level_paints_its_own_colours(qtbot: QtBot, page: Page) -> None:
    for level, (background, text) in palette.BANNER.items():
        page.banner.show_verdict(level, level.value, ["a reason"], "what to do")
        qtbot.wait(0)
        image = page.banner.grab().toImage()
        assert image.pixelColor(4, 4) == QColor(background), level
        words = page.banner.headline.grab().toImage()
        inks = {words.pixel(x, y) for x in range(0, words.width(), 2) for y in range(0, words.height(), 2)}
        assert QColor(text).rgb() in inks, level  # the headline is written in the level's text colour


def test_the_pack_panel_rewrites_only_values_that_changed(qtbot: QtBot) -> None:
    """Packs scanned one after another mostly share product, batch and expiry: those labels are left
    as they are (each rewrite measured its text again, part of the verdict's wait; issue 22)."""
    import datetime as dt

    from dispense_app.ui.pack_panel import PackPanel
    from dispense_app.ui.viewmodel import PackDetails

    panel = PackPanel()
    qtbot.addWidget(panel)
    panel.show()

    def pack(serial: str, *, expired: bool = False) -> PackDetails:
        return PackDetails("04150123456782", "GTIN", serial, "IB2401", dt.date(2028, 6, 30), {"PZN": "12345678"},
                           "Ibuprofen Demo 400 mg", "Active", expired=expired)

    panel.show_pack(pack("DEMO-1"))
    written: list[str] = []
    for name, label in panel.values.items():
        label.setText = (lambda text, n=name, f=label.setText: (written.append(n), f(text)))  # type: ignore[method-assign]
    panel.show_pack(pack("DEMO-2"))
    assert written == ["serial"]
    assert panel.values["serial"].text() == "DEMO-2" and panel.values["product"].text() == "Ibuprofen Demo 400 mg"
    written.clear()
    panel.show_pack(pack("DEMO-2", expired=True))  # the same pack, now past its date: the words change
    assert written == ["expiry", "state"] and "expired" in panel.values["expiry"].text()
    assert panel.values["state"].text() == "Active, but expired"
    assert panel.values["expiry"].styleSheet() == palette.ERROR_TEXT
    written.clear()
    panel.retranslate()  # a new language writes every value again
    assert sorted(written) == sorted(panel.values)
