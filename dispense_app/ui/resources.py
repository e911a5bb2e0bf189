"""Where the UI finds its icons, sounds and translations (``resources/`` beside the package)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/`` (it may not exist: callers check)."""
    return RESOURCES.joinpath(*parts)


def icon_path(name: str) -> Path:
    """``resources/icons/<name>.svg``."""
    return resource_path("icons", f"{name}.svg")
