"""Where a station keeps its data: `--home`, else `DISPENSE_APP_HOME`, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "DISPENSE_APP_HOME"


def resolve_home(explicit: str | os.PathLike[str] | None = None, *, create: bool = True) -> Path:
    """Return the data folder (created if missing, unless ``create=False``: read-only commands
    never create a data folder)."""
    if explicit:
        home = Path(explicit)
    elif os.environ.get(ENV_HOME):
        home = Path(os.environ[ENV_HOME])
    else:
        import platformdirs

        home = Path(platformdirs.user_data_dir("dispense-app", "dispense-app"))
    home = home.expanduser().resolve()
    if create:
        home.mkdir(parents=True, exist_ok=True)
    return home


def demo_data(name: str) -> Path:
    """A shipped demo file, ``resources/demo/<name>`` (it may be missing from a trimmed install: callers check)."""
    return Path(__file__).resolve().parents[1] / "resources" / "demo" / name
