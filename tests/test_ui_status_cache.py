"""Issue 22, start-up: the window shows the station status the last run saw at once (outbox, alerts
waiting, scanner, hub address; the hub "not checked yet"), and the live one when the station is built."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dispense_app.ui.counter_window import CounterWindow
from dispense_app.ui.station_presenter import StationPresenter
from dispense_app.ui.status_cache import STATUS_FILE, StatusCache, load_status
from dispense_app.ui.training import TrainingStation, demo_packs_csv
from dispense_app.ui.viewmodel import StationStatus

LIVE = StationStatus(hub_online=True, outbox_length=3, hub_p95_ms=120.0, scanner_profile="de→de", operator="anna",
                     hub_url="https://hub.example", alerts_new=7, permissions=("verify",), hub_notice="x",
                     hub_notice_level="warn")


def test_what_is_kept_and_what_is_not(tmp_path: Path) -> None:
    StatusCache(tmp_path).save(LIVE)
    cached = load_status(tmp_path)
    assert cached is not None and cached.cached
    assert (cached.outbox_length, cached.alerts_new, cached.scanner_profile, cached.hub_url) == (
        3, 7, "de→de", "https://hub.example")
    # never from the past: the hub's state, its timings, the operator and what they may do
    assert cached.hub_online is None and cached.hub_p95_ms is None and cached.operator is None
    assert cached.permissions is None and cached.hub_notice is None


def test_written_only_when_it_changed(tmp_path: Path) -> None:
    cache = StatusCache(tmp_path)
    cache.save(LIVE)
    stamp = (tmp_path / STATUS_FILE).stat().st_mtime_ns
    (tmp_path / STATUS_FILE).write_text('{"outbox_length": 99}', encoding="utf-8")  # someone else's
    cache.save(LIVE)  # the same figures again (a status poll every 2 s): no write
    assert load_status(tmp_path).outbox_length == 99  # type: ignore[union-attr]
    cache.save(StationStatus(hub_online=True, outbox_length=4))
    assert load_status(tmp_path).outbox_length == 4  # type: ignore[union-attr]
    assert (tmp_path / STATUS_FILE).stat().st_mtime_ns >= stamp


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '{"outbox_length": "many"}', '{"target_ms": []}'])
def test_a_damaged_file_is_no_status(tmp_path: Path, text: str) -> None:
    (tmp_path / STATUS_FILE).write_text(text, encoding="utf-8")
    assert load_status(tmp_path) is None


def test_no_file_no_status(tmp_path: Path) -> None:
    assert load_status(tmp_path) is None


@pytest.fixture
def presenter(tmp_path: Path) -> Iterator[StationPresenter]:
    packs = demo_packs_csv()
    if packs is None:
        pytest.skip("demo data missing")
    p = TrainingStation(tmp_path / "training", packs, operator="anna").build_presenter()
    yield p
    p.close()


@pytest.mark.gui
def test_the_window_shows_the_cached_status_until_the_live_one(qtbot: QtBot, presenter: StationPresenter) -> None:
    home = presenter.session.home
    live = presenter.status()  # the presenter keeps it for the next start
    cached = load_status(home)
    assert cached is not None and cached.hub_url == live.hub_url and cached.outbox_length == live.outbox_length
    window = CounterWindow(presenter, training=True, poll_status=False)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.cached_status_shown, timeout=5_000):
        window.show_cached_status(cached)
    assert window.last_status is None  # no gate opens on the last run's word
    assert "not checked yet" in window.status_bar.hub_label.text()
    with qtbot.waitSignal(window.status_shown, timeout=15_000):
        window.refresh_status()
    assert window.last_status is not None and not window.last_status.cached
    with qtbot.assertNotEmitted(window.cached_status_shown):
        window.show_cached_status(cached)  # too late: the live status is on screen
    window.close()


@pytest.mark.gui
def test_a_second_start_shows_the_cached_status_first(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, "-m", "dispense_app", "demo", "--home", str(tmp_path), "--no-window", "--smoke", "0.2"]
    first = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    words = [line.split(" ", 1)[0] for line in first.stdout.splitlines()]
    assert first.returncode == 0 and "status" in words and "cached" not in words  # nothing kept yet
    second = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    words = [line.split(" ", 1)[0] for line in second.stdout.splitlines()]
    assert second.returncode == 0 and words.index("cached") < words.index("status")


def test_statuses_saved_on_several_workers_at_once_all_land(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The counter works statuses out on several workers at once (the poll, a dispense's, a
    replay's). Two saves shared one temporary file and the second rename found it gone: "could not
    keep the station status" in the 2,000-scan day benchmark (issue 22)."""
    import threading

    cache = StatusCache(tmp_path)
    start = threading.Barrier(4)

    def saves(worker: int) -> None:
        start.wait()
        for i in range(300):
            cache.save(StationStatus(hub_online=True, outbox_length=(i + worker) % 3))

    threads = [threading.Thread(target=saves, args=(n,)) for n in range(4)]
    with caplog.at_level("WARNING"):
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not [r for r in caplog.records if "could not keep" in r.getMessage()]
    assert load_status(tmp_path) is not None
