"""Where a station keeps its data: `--home`, else `DISPENSE_APP_HOME`, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "DISPENSE_APP_HOME"


def resolve_home(explicit: str | os.PathLike[str] | None = None, *, create: bool = True) -> Path:
    """Return the data folder (created if missing, readable by its owner only, unless
    ``create=False``: read-only commands never create a data folder). A path that is a file or cannot be created raises
    :class:`~dispense_app.errors.InputError` naming it (exit 2, not a bug)."""
    from dispense_app.errors import InputError

    if explicit:
        home = Path(explicit)
    elif os.environ.get(ENV_HOME):
        home = Path(os.environ[ENV_HOME])
    else:
        import platformdirs

        home = Path(platformdirs.user_data_dir("dispense-app", "dispense-app"))
    try:
        home = home.expanduser().resolve()
        if home.exists() and not home.is_dir():
            raise InputError(f"the data folder {home} is a file, not a folder: give another --home")
        if create:
            home.mkdir(mode=0o700, parents=True, exist_ok=True)  # owner only (issue 16, defect 12)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        reason = getattr(exc, "strerror", None) or exc
        raise InputError(f"the data folder {home} cannot be used ({reason}): give another --home") from None
    return home


def demo_data(name: str) -> Path:
    """A shipped demo file, ``resources/demo/<name>`` (it may be missing from a trimmed install: callers check)."""
    return Path(__file__).resolve().parents[1] / "resources" / "demo" / name
