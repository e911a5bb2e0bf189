"""Issue 15, findings 3 and 6: the pack panel never clips and keeps its width; the list of this
dispense follows and highlights the current pack. The real counter window, a scripted presenter."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QTableWidgetItem
from pytestqt.qtbot import QtBot

from dispense_app.ui import palette
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.pack_list import PackList
from dispense_app.ui.viewmodel import Level, PackDetails, ScanEvent, ScanResult
from scanner.scan_event import ScanSource
from tests.test_ui_counter_window import ScriptedPresenter

pytestmark = pytest.mark.gui

SHORT = PackDetails("04150123456782", "GTIN", "S1", "L1", dt.date(2028, 5, 31), {"PZN": "12345678"}, "Demo", "Active")
LONG = PackDetails(
    "04150123456843",
    "GTIN",
    "DEMO-IBU600-00123456",  # 20 characters, hyphens
    "LOT-24/05.A-12345678",  # 20 characters, '-', '/' and '.'
    dt.date(2028, 6, 30),
    {"PZN": "12345684"},
    "Amoxicillin/Clavulanic acid 875 mg/125 mg film-coated tablets",  # 61 characters
    "Active",
)


class PackPresenter(ScriptedPresenter):
    """Answers OK for every scan; the raw bytes name the pack (``short``, ``long``, or a serial)."""

    def scan(self, scan: ScanEvent, first: object = None) -> ScanResult:  # the verdict is returned
        self._seen("scan")
        raw = scan.raw.decode()
        if raw == "short":
            pack = SHORT
        elif raw == "long":
            pack = LONG
        else:
            pack = PackDetails(
                "04150123456782", "GTIN", raw, "IB2401", dt.date(2028, 6, 30), {}, "Ibuprofen Demo 400 mg", "Active"
            )
        return ScanResult(Level.OK, (), "Hand the pack over and press Dispense.", pack, True)


@pytest.fixture
def window(qtbot: QtBot) -> CounterWindow:
    w = CounterWindow(PackPresenter(), poll_status=False)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def scan(qtbot: QtBot, w: CounterWindow, raw: str) -> None:
    with qtbot.waitSignal(w.verdict_shown):
        w.submit_scan(ScanEvent(raw.encode(), ScanSource.WEDGE))


def shown_whole(label: QLabel) -> bool:
    """Nothing of the label is clipped by the panel or the window."""
    return label.isVisible() and label.visibleRegion().boundingRect() == label.rect()


def test_pack_panel_keeps_its_width_and_shows_every_value_whole(qtbot: QtBot, window: CounterWindow) -> None:
    panel = window.pack_panel
    scan(qtbot, window, "short")
    qtbot.wait(0)  # let the layout settle
    width = panel.width()
    scan(qtbot, window, "long")
    qtbot.waitUntil(lambda: panel.values["serial"].text() != "S1")
    qtbot.wait(0)
    assert panel.width() == width  # the layout does not jump between packs
    for name, text in (("code", LONG.product_code), ("serial", LONG.serial), ("lot", LONG.lot)):
        label = panel.values[name]
        metrics = QFontMetrics(label.font())
        assert label.text() == text, name  # neither elided nor changed
        assert metrics.horizontalAdvance(text) <= label.contentsRect().width(), name
        # one line: no break at '-', '/' or '.'
        assert label.height() < 2 * metrics.lineSpacing(), name
        assert shown_whole(label), name
    product = panel.values["product"]
    metrics = QFontMetrics(product.font())
    assert product.text() == LONG.product_name
    assert product.heightForWidth(product.width()) <= product.height()  # every line of it
    assert product.heightForWidth(product.width()) <= 2 * metrics.lineSpacing() + 2  # two lines
    assert shown_whole(product)
    scan(qtbot, window, "short")
    qtbot.wait(0)
    assert panel.width() == width


def row_whole(table: PackList, row: int) -> bool:
    rect = table.visualRect(table.model().index(row, 0))
    return table.viewport().rect().contains(rect)


def test_pack_list_follows_and_highlights_the_current_pack(qtbot: QtBot, window: CounterWindow) -> None:
    table = window.pack_list
    for n in range(12):
        scan(qtbot, window, f"DEMO-IBU-{n:03}")
    assert table.rowCount() == 12
    qtbot.waitUntil(lambda: row_whole(table, 11))  # the current pack, wholly in view

    def highlighted(row: int) -> bool:
        item = table.item(row, 2)
        assert item is not None
        return item.background().color().name() == palette.CURRENT_ROW and item.font().bold()

    assert highlighted(11)
    assert not any(highlighted(row) for row in range(11))
    assert not table.selectionModel().selectedRows()  # Undo's target stays the user's choice

    scan(qtbot, window, "DEMO-IBU-001")  # a pack scanned again: its row is the current one
    qtbot.waitUntil(lambda: row_whole(table, 1))
    assert highlighted(1)
    assert not highlighted(11)


def test_undo_column_appears_with_the_first_deadline(qtbot: QtBot, window: CounterWindow) -> None:
    window.resize(1920, 1080)  # a list with room for it (see the narrow-list test below)
    table = window.pack_list
    qtbot.waitUntil(lambda: table.viewport().width() >= PackList.UNDO_COLUMN_ROOM)
    scan(qtbot, window, "DEMO-IBU-001")
    assert table.isColumnHidden(PackList.UNDO_COLUMN)  # its width goes to the status meanwhile
    with qtbot.waitSignal(window.dispense_done):
        window.dispense_all()
    assert not table.isColumnHidden(PackList.UNDO_COLUMN)
    item = table.item(0, PackList.UNDO_COLUMN)
    assert item is not None and item.text()


def test_a_narrow_list_gives_the_undo_deadline_no_column(qtbot: QtBot, window: CounterWindow) -> None:
    """At 1280 x 800 the undo column squeezed the status to "abgegebe" (the deadline is written under
    the pack panel too); a wide list shows it."""
    table = window.pack_list
    scan(qtbot, window, "DEMO-IBU-001")
    with qtbot.waitSignal(window.dispense_done):
        window.dispense_all()
    table.resize(PackList.UNDO_COLUMN_ROOM - 100, 300)
    qtbot.waitUntil(lambda: table.isColumnHidden(PackList.UNDO_COLUMN))
    assert window._lines[0].undo_deadline is not None
    table.resize(PackList.UNDO_COLUMN_ROOM + 200, 300)
    qtbot.waitUntil(lambda: not table.isColumnHidden(PackList.UNDO_COLUMN))


def test_a_scan_rewrites_only_the_rows_that_changed(qtbot: QtBot, window: CounterWindow) -> None:
    """Every column is sized to its contents, so each rewritten cell makes Qt measure the whole
    column again: rewriting every row on every scan cost O(rows²) (bench/scan_to_verdict_ui.py went
    from 21 ms to 100 ms p50 once its list grew). A row that did not change keeps its items."""
    table = window.pack_list
    for n in range(6):
        scan(qtbot, window, f"DEMO-IBU-{n:03}")
    marker = Qt.ItemDataRole.UserRole + 7
    for row in range(6):
        item = table.item(row, 1)
        assert item is not None
        item.setData(marker, "untouched")
    scan(qtbot, window, "DEMO-IBU-006")

    def cell(row: int, col: int) -> QTableWidgetItem:
        item = table.item(row, col)
        assert item is not None
        return item

    def untouched(row: int) -> bool:
        return bool(cell(row, 1).data(marker) == "untouched")

    assert [untouched(row) for row in range(7)] == [True] * 5 + [False, False]  # the old and new current
    assert [cell(row, 2).text() for row in range(7)] == [f"DEMO-IBU-{n:03}" for n in range(7)]
    # a shorter list after a new dispense: no stale rows, and the first scan is drawn afresh
    window._start_new_dispense()
    assert table.rowCount() == 0
    scan(qtbot, window, "short")
    assert table.rowCount() == 1 and cell(0, 2).text() == "S1"
    assert cell(0, 2).font().bold()


def test_the_prescription_summary_has_the_panel_s_width(qtbot: QtBot, window: CounterWindow) -> None:
    """Beside its three buttons the summary wrapped into a narrow column (six lines in German at
    1280 px), leaving the list of packs below hardly any room; the buttons now have their own row."""
    panel = window.prescription_panel
    qtbot.waitUntil(lambda: panel.summary.width() > 0)
    assert panel.summary.width() >= 0.8 * panel.contentsRect().width()
    lines = panel.summary.height() / panel.summary.fontMetrics().lineSpacing()
    assert lines <= 2.5
    assert panel.open_button.y() > panel.summary.geometry().bottom() - 1  # the buttons below the summary


def test_with_the_seal_check_on_the_pack_details_stay_put_between_ok_and_stop(
    qtbot: QtBot, window: CounterWindow
) -> None:
    """The "Seal broken…" button shows after an OK and hides after a STOP: with the seal check on its
    row keeps its height, so the pack details do not jump (and wait for no re-layout); off, it folds."""
    from PySide6.QtCore import QPoint

    view = window.view

    def panel_y() -> int:
        return view.pack_panel.mapTo(window, QPoint(0, 0)).y()

    def settle() -> int:
        for _ in range(3):
            qtbot.wait(10)
        return panel_y()

    view.keep_seal_row(True)
    view.seal_button.setVisible(True)
    shown = settle()
    view.seal_button.setVisible(False)
    assert settle() == shown
    view.keep_seal_row(False)
    assert settle() < shown
