"""The alerts view on a real training station: alerts made by real STOP verdicts, filtered, changed, exported."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from dispense_app.core.alerts import AlertStatus
from dispense_app.ui.alert_detail import alert_text
from dispense_app.ui.alerts_view import AlertsView
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.station_presenter import StationPresenter
from dispense_app.ui.training import TrainingStation, demo_file, demo_packs_csv
from scanner.scan_event import ScanEvent, ScanSource

pytestmark = pytest.mark.gui
STOPS = ("DEMO-SUPPLIED-1", "DEMO-DESTROYED-1", "DEMO-UNKNOWN-1", "DEMO-MISMATCH-1")


def label_code(serial: str) -> bytes:
    path = demo_file("labels.csv")
    assert path is not None
    with path.open(encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["serial"] == serial)
    expiry = dt.date.fromisoformat(row["expiry"]).strftime("%y%m%d")
    return f"]d201{row['gtin']}17{expiry}10{row['lot']}\x1d21{serial}".encode()


@pytest.fixture
def presenter(tmp_path: Path) -> Iterator[StationPresenter]:
    packs = demo_packs_csv()
    if packs is None:
        pytest.skip("demo data missing")
    p = TrainingStation(tmp_path / "training", packs, operator="anna").build_presenter()
    for serial in STOPS:
        assert p.scan(ScanEvent(label_code(serial), ScanSource.WEDGE)).level.value == "stop"
    yield p
    p.close()


@pytest.fixture
def view(qtbot: QtBot, presenter: StationPresenter) -> Iterator[AlertsView]:
    window = CounterWindow(presenter, poll_status=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.alerts_window is not None
    v = window.alerts_window
    qtbot.waitUntil(lambda: v.table.rowCount() == len(STOPS), timeout=15_000)
    yield v


def test_lists_every_alert_with_every_field(view: AlertsView) -> None:
    serials = {view.table.item(r, AlertsView.SERIAL_COLUMN).text() for r in range(view.table.rowCount())}
    assert serials == set(STOPS)
    view.table.selectRow(0)
    text = view.detail.toPlainText()
    rec = view.current
    assert rec is not None and rec.raw_hex
    # labelled in words, times to the minute (issue 15 finding 12: it was a dump of field names)
    for label in ("What happened", "Status", "When", "Product", "Serial", "Batch", "Expiry", "Hub answer",
                  "Entry", "Code read (hex)", "Operator", "Station", "Alert id", "App version"):
        assert f"{label}: " in text, label
    assert "Operator: anna" in text and f"Code read (hex): {rec.raw_hex}" in text
    assert "created_at" not in text and "raw_hex" not in text
    assert f"When: {rec.created_at.astimezone():%Y-%m-%d %H:%M}\n" in text  # no seconds, no microseconds
    # every field by its record name stays one click away, for a support ticket
    view.copy_all_fields()
    copied = QGuiApplication.clipboard().text()
    assert copied == alert_text(rec)
    for name in ("alert_id", "created_at", "return_code", "raw_hex", "entry_mode", "serial", "lot", "expiry",
                 "operator", "station", "app_version", "scanner_profile", "status"):
        assert f"{name}: " in copied


def test_product_and_reason_columns(qtbot: QtBot, view: AlertsView) -> None:
    """Issue 15 finding 12: no product column; the reason cut to a few characters."""
    header = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]
    assert header[AlertsView.PRODUCT_COLUMN] == "Product" and header[AlertsView.REASON_COLUMN] == "Reason"
    row = next(r for r in range(view.table.rowCount())
               if view.table.item(r, AlertsView.SERIAL_COLUMN).text() == "DEMO-UNKNOWN-1")
    assert "Demo" in view.table.item(row, AlertsView.PRODUCT_COLUMN).text()  # the name, not only a GTIN
    assert "Return code" not in header  # it took the reason's room; now in the tooltip and the details
    assert "NMVS_NC_PC_02" in view.table.item(row, AlertsView.REASON_COLUMN).toolTip()
    view.resize(1200, 700)  # the size the counter opens it at
    qtbot.waitUntil(lambda: view.table.columnWidth(AlertsView.REASON_COLUMN) > 0)
    widths = [view.table.columnWidth(c) for c in range(view.table.columnCount())]
    assert widths[AlertsView.REASON_COLUMN] == max(widths)  # the widest column
    assert widths[AlertsView.REASON_COLUMN] >= 0.35 * view.table.viewport().width()


def test_export_dialog_starts_in_the_documents_folder(view: AlertsView, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    seen: list[str] = []

    def fake(parent: object, title: str, start: str, *rest: object) -> tuple[str, str]:
        seen.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    view.choose_export_file()
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert seen and seen[0].startswith(docs or str(Path.home())) and seen[0].endswith(".csv")


def test_filter_by_return_code_and_bad_filter(qtbot: QtBot, view: AlertsView) -> None:
    view.return_code.setText("NMVS_NC_PC_02")
    with qtbot.waitSignal(view.searched, timeout=15_000) as blocker:
        view.search()
    assert blocker.args == [1]
    assert view.table.item(0, AlertsView.SERIAL_COLUMN).text() == "DEMO-UNKNOWN-1"
    view.return_code.clear()
    view.since.setText("yesterday-ish")
    with qtbot.waitSignal(view.failed):
        view.search()
    assert "--since" in view.message.text() or "since" in view.message.text().lower()


def test_status_change_comment_and_refused_close(qtbot: QtBot, view: AlertsView, presenter: StationPresenter) -> None:
    view.table.selectRow(0)
    alert_id = view.current.alert_id  # type: ignore[union-attr]
    view.new_status.setCurrentIndex(view.new_status.findData("investigating"))
    view.comment_text.setText("compared with the printed code: serial differs")
    with qtbot.waitSignal(view.changed, timeout=15_000) as blocker:
        view.save_status.click()
    assert blocker.args is not None and blocker.args[0].status is AlertStatus.INVESTIGATING
    assert "serial differs" in view.detail.toPlainText()

    view.new_status.setCurrentIndex(view.new_status.findData("closed"))
    view.cause.setCurrentIndex(0)  # no cause: the store refuses
    with qtbot.waitSignal(view.failed, timeout=15_000):
        view.save_status.click()
    assert "cause" in view.message.text()

    view.cause.setCurrentIndex(view.cause.findData("scanner-setup"))
    with qtbot.waitSignal(view.changed, timeout=15_000):
        view.save_status.click()
    stored = presenter.session.workflow.station.alert(alert_id)
    assert stored.status is AlertStatus.CLOSED and stored.cause is not None

    view.status.setCurrentIndex(view.status.findData("new"))
    with qtbot.waitSignal(view.searched, timeout=15_000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_F5)
    assert blocker.args == [len(STOPS) - 1]


def test_export_csv(qtbot: QtBot, view: AlertsView, tmp_path: Path) -> None:
    target = tmp_path / "alerts.csv"
    with qtbot.waitSignal(view.exported, timeout=30_000) as blocker:
        view.export_to(str(target), "csv")
    assert blocker.args is not None and blocker.args[0].rows == len(STOPS)
    body = target.read_text(encoding="utf-8-sig")
    assert all(serial in body for serial in STOPS)


def test_alert_count_in_the_status_bar(qtbot: QtBot, presenter: StationPresenter) -> None:
    window = CounterWindow(presenter, poll_status=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.status_shown, timeout=15_000):
        window.refresh_status()
    assert window.alerts_button.text() == f"⚠ Alerts: {len(STOPS)} new (F6)"


def test_every_alerts_button_has_text_or_accessible_name(view: AlertsView) -> None:
    from PySide6.QtWidgets import QAbstractButton

    for button in view.findChildren(QAbstractButton):
        assert button.text().strip() or button.accessibleName().strip(), button.objectName()


@pytest.mark.parametrize("fmt", ["jsonl", "pdf"])
def test_export_with_the_current_filter_and_progress(qtbot: QtBot, view: AlertsView, tmp_path: Path, fmt: str) -> None:
    view.return_code.setText("NMVS_NC_PC_02")
    target = tmp_path / f"alerts.{fmt}"
    with qtbot.waitSignal(view.exported, timeout=30_000) as blocker, \
            qtbot.waitSignal(view.export_progressed, timeout=30_000) as progressed:
        view.export_to(str(target), fmt)
        assert view.exporting and view.cancel_export_button.isVisibleTo(view)
        assert not view.export_button.isEnabled()
    assert blocker.args is not None and blocker.args[0].rows == 1  # only the filtered alert
    assert progressed.args == [1]
    assert not view.exporting and not view.export_progress.isVisibleTo(view) and view.export_button.isEnabled()
    if fmt == "jsonl":
        body = target.read_text(encoding="utf-8")
        assert "DEMO-UNKNOWN-1" in body and "DEMO-SUPPLIED-1" not in body
    else:
        assert target.read_bytes().startswith(b"%PDF")


class HeldExport:
    """The real alerts source, but the export waits (on its worker) until the view's cancel is set,
    so the test can press Cancel while the export is running."""

    def __init__(self, inner: object) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def export(self, query: object, fmt: str, path: object, *, progress: object = None,
               cancel: object = None) -> object:
        assert callable(progress) and callable(cancel)
        progress(0)  # running: the test may press Cancel now
        cancel.__self__.wait(30)  # the view's threading.Event
        return self.inner.export(query, fmt, path, progress=progress, cancel=cancel)  # type: ignore[attr-defined]


def test_export_can_be_cancelled(qtbot: QtBot, view: AlertsView, tmp_path: Path) -> None:
    view.source = HeldExport(view.source)  # type: ignore[assignment]
    target = tmp_path / "alerts.csv"
    with qtbot.waitSignal(view.export_progressed, timeout=30_000):
        view.export_to(str(target), "csv")
    assert view.exporting
    with qtbot.waitSignal(view.export_cancelled, timeout=30_000):
        view.cancel_export_button.click()
    assert not target.exists()  # the writer removed its partial file
    assert "cancelled" in view.message.text() and view.export_button.isEnabled()


def test_a_long_history_comes_page_by_page(qtbot: QtBot, view: AlertsView, presenter: StationPresenter,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 22: the view reads a page of the search, then the next when the table is scrolled to its
    end (with 100,000 alerts it read every one before it showed anything)."""
    from tests.test_store_alerts import make_alert

    station = presenter.session.station
    for n in range(1, 8):  # 4 made by the scans + 7 = 11 alerts
        station.add_alert(make_alert(900 + n, created_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=n),
                                     status=AlertStatus.NEW, cause=None, comments=[]))
    monkeypatch.setattr(AlertsView, "PAGE_ROWS", 4)
    with qtbot.waitSignal(view.searched, timeout=15_000) as first:
        view.search()
    assert first.args == [4] and view.table.rowCount() == 4 and view.more
    assert "4" in view.message.text() and "11" in view.message.text()
    with qtbot.waitSignal(view.searched, timeout=15_000) as second:
        view.table.verticalScrollBar().setValue(view.table.verticalScrollBar().maximum())
        view.fetch_more()  # the table may be tall enough to show 4 rows without a scroll bar
    assert second.args == [8] and view.table.rowCount() == 8
    with qtbot.waitSignal(view.searched, timeout=15_000):
        view.fetch_more()
    assert view.table.rowCount() == 11 and not view.more
    ids = [view.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(11)]
    assert len(set(ids)) == 11  # every alert once, newest first
    assert [view.records[i].created_at for i in range(11)] == sorted((r.created_at for r in view.records),
                                                                      reverse=True)
