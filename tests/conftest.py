"""Shared fixtures. GUI tests run offscreen (set before Qt is imported)."""

from __future__ import annotations

import os
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
