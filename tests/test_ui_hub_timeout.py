"""Issue 8 item 7: the counter window stays responsive while the hub times out.

Against the REAL hub simulator over loopback (``hub_sim``): the simulator is told to answer only
after 4 s (``/_admin/faults`` ``latency_ms``), longer than the client's read timeout, so the
client really gives up. The test uses a 2 s read timeout to keep its wall time modest; the code path
is the one a 10 s timeout takes (``hub.json`` ``read_timeout``; httpx ``ReadTimeout`` in
``HubTransport`` -> ``HubUnavailable`` -> the workflow's offline path -> a CHECK verdict), only the
number differs. No sleeps: the test waits on signals and ``qtbot.waitUntil``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from dispense_app.hub.fmd_rest import FmdRestClient
from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.station_presenter import StationPresenter, open_presenter
from dispense_app.ui.viewmodel import Level, ScanEvent, ScanResult
from scanner.scan_event import ScanSource
from tests.hub_fixtures import GTIN_A

pytestmark = pytest.mark.gui

READ_TIMEOUT_S = 2.0  # the station's hub read timeout in this test (10 s in the issue; same code path)
HUB_LATENCY_MS = 4_000  # the hub answers only after the client has given up
GS = b"\x1d"


def code(serial: str) -> bytes:
    return b"01" + GTIN_A.encode() + b"17311231" + b"10L1" + GS + b"21" + serial.encode()


@pytest.fixture
def presenter(hub_sim: Any, tmp_path: Path) -> Iterator[StationPresenter]:
    presenter = open_presenter(
        tmp_path / "station",
        # retries=0: one request, one timeout (with retries each attempt times out the same way)
        lambda station: FmdRestClient(hub_sim.url, location_id=station.location, retries=0,
                                      read_timeout=READ_TIMEOUT_S),
        operator="anna",
        hub_url=None,  # the URL in use comes from the client (shown in the About dialog)
    )
    yield presenter
    presenter.close()


@pytest.fixture
def window(qtbot: QtBot, presenter: StationPresenter) -> Iterator[CounterWindow]:
    w = CounterWindow(presenter, poll_status=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def test_window_stays_responsive_during_a_hub_timeout(qtbot: QtBot, window: CounterWindow, hub_sim: Any) -> None:
    # a first scan with the hub answering: the station is online and knows the hub
    with qtbot.waitSignal(window.verdict_shown, timeout=15_000) as first:
        window.submit_scan(ScanEvent(code("ACT01"), ScanSource.WEDGE))
    assert first.args is not None and first.args[0].level is Level.OK
    with qtbot.waitSignal(window.status_shown, timeout=10_000):
        window.refresh_status()
    assert "online" in window.hub_label.text()

    hub_sim.admin.faults(latency_ms=HUB_LATENCY_MS)
    requests_before = hub_sim.admin.stats()["requests"]
    ticks: list[bool] = []  # each tick records whether the scan was still pending then
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(window.busy))
    timer.start(20)
    verdicts: list[ScanResult] = []
    window.verdict_shown.connect(verdicts.append)

    window.submit_scan(ScanEvent(code("ACT02"), ScanSource.WEDGE))
    qtbot.waitUntil(lambda: window.banner.level is Level.BUSY, timeout=2_000)  # "Checking…" after a frame
    assert window.banner.headline.text() == "Checking…"
    # the request has reached the hub, which now sits on it
    qtbot.waitUntil(lambda: hub_sim.admin.stats()["requests"] > requests_before, timeout=5_000)

    # the event loop keeps running while the worker waits for the hub: the timer ticks ...
    qtbot.waitUntil(lambda: sum(ticks) >= 10, timeout=int(READ_TIMEOUT_S * 1000))
    # ... and a second action is handled: F1 opens the About dialog with the hub in use
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.about_dialog is not None and window.about_dialog.isVisible(), timeout=5_000)
    assert window.about_dialog is not None
    assert window.about_dialog.values["hub"].text() == hub_sim.url
    assert not verdicts and window.busy and window.banner.level is Level.BUSY  # still waiting for the hub
    window.about_dialog.reject()

    # the client gives up after its read timeout: the offline path, not an error and not an OK
    qtbot.waitUntil(lambda: bool(verdicts), timeout=int(READ_TIMEOUT_S * 1000) + 15_000)
    timer.stop()
    result = verdicts[0]
    assert result.offline
    assert result.level is Level.WARN
    assert result.pack is not None and result.pack.serial == "ACT02"
    assert window.banner.headline.text() == "CHECK — read the reasons"
    assert sum(ticks) >= 10  # the UI thread ran all along while the scan was pending
    with qtbot.waitSignal(window.status_shown, timeout=10_000):
        window.refresh_status()
    assert "OFFLINE" in window.hub_label.text()
    hub_sim.admin.faults(latency_ms=0)
