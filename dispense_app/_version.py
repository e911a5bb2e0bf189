"""The one place the app's version is written (pyproject, --version and About read it)."""

__version__ = "0.1.0"
