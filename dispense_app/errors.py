"""Errors shared by every layer of the app, free of any layer's imports.

:class:`UsageError` is here rather than in :mod:`dispense_app.cli` so that the store and the other
core packages can raise errors meaning "this cannot work as set up" (the CLI reports them on stderr
with exit status 2) without importing the command line.
"""

from __future__ import annotations


class UsageError(Exception):
    """A usage or environment problem: reported on stderr, exit status 2."""
