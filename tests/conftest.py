"""Shared fixtures. GUI tests run offscreen (set before Qt is imported)."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty station data folder, also set as DISPENSE_APP_HOME."""
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("DISPENSE_APP_HOME", str(h))
    return h


@pytest.fixture(autouse=True)
def qt_objects_die_with_their_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every Qt object a test made is destroyed at the end of that test, on the UI thread.

    pytest-qt closes the widgets given to ``qtbot.addWidget`` and calls ``deleteLater`` on them, then
    ``processEvents()``, which does not run deferred deletes: the windows lived on into later tests
    (187 of 216 GUI tests started with up to 20 earlier windows alive). They, their TaskRunners and
    the runners' Python-owned QThreadPools then died whenever Python's cyclic garbage collector
    happened to run: inside any allocation of a later test (a CounterWindow and 87 thread pools per
    run of the GUI tests), e.g. in a Python override (ElidedLabel.sizeHint) called from the middle of
    the next window's QStatusBar construction, and possibly on a worker thread (251 collections ran
    on workers in one run). A window torn down there while the UI thread builds another is the
    intermittent segfault in QStatusBar() / QScreen::virtualSiblings. Here, after the test's own
    fixtures: windows still open are closed, deferred deletes run, and garbage is collected now.
    """
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    left = [w for w in app.topLevelWidgets() if w.parent() is None]
    if not left and not {"qtbot", "qapp"} & set(request.fixturenames):
        return  # this test made no Qt objects: no collection (it costs time in a 4,000-test run)
    for widget in left:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what the destroyed ones deleteLater'd


@pytest.fixture
def task_runner(qapp: object) -> Iterator[object]:
    """A :class:`~dispense_app.ui.tasks.TaskRunner` with no parent, for tests of widgets that take
    one: shut down and deleted on the UI thread when the test ends (a parentless runner was otherwise
    destroyed by a garbage collection somewhere in a later test)."""
    from dispense_app.ui.tasks import TaskRunner

    runner = TaskRunner()
    yield runner
    runner.shutdown()
    runner.deleteLater()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """shared/data beside the repository (GS1 dictionary, DataMatrix photos)."""
    d = SHARED / "data"
    if not d.is_dir():
        pytest.skip("shared/data is not beside the repository")
    return d


# Hub fixtures (issue 5): hub_sim (a fresh hub behind one real simulator on 127.0.0.1), hub_server,
# hub_client, memory_keyring. See tests/hub_fixtures.py.
from hub_fixtures import hub_client, hub_server, hub_sim, memory_keyring  # noqa: E402, F401

# Site store (issue 20): a throwaway PostgreSQL server (tests/pg_fixtures.py). ``store_url`` runs a
# test on both backends: "sqlite" (a station.db in the home) and a fresh PostgreSQL database, set as
# DISPENSE_APP_STORE so every Station.open and command of the test uses it.
from pg_fixtures import pg_server, site_store  # noqa: E402, F401

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "sqlite":
        monkeypatch.delenv("DISPENSE_APP_STORE", raising=False)
        return "sqlite"
    url = str(request.getfixturevalue("site_store"))
    monkeypatch.setenv("DISPENSE_APP_STORE", url)
    return url
