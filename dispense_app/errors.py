"""The errors the app raises on purpose, free of any layer's imports.

Two kinds of failure reach a user (DESIGN.md "Rules of the house"):

- **known conditions** (:class:`KnownCondition` and below): something the user can act on. The
  message says what is wrong and what to do; the command line prints it on one line and exits 2,
  the window shows it as it is.
- **bugs**: every other exception. They are logged with their traceback
  (:func:`dispense_app.station.bugs.log_bug`) and the user sees a short message naming the log.

The tree::

    KnownCondition
    ├── UsageError            usage or environment (the command line: exit 2)
    │   ├── ConfigurationError    the station, its hub or its store is not set up for this
    │   ├── InputError            a file, code or value given cannot be used
    │   └── store.StoreEnvironmentError   the database cannot be used (dispense_app.store.errors)
    └── NotAllowed            sign-in and role refusals (core.operators.PermissionDenied, SignInError)

They live here rather than in :mod:`dispense_app.cli` so that the store and the other core
packages can raise them without importing the command line.
"""

from __future__ import annotations


class KnownCondition(Exception):
    """A condition the user can act on; the message says what to do. Never a bug."""


class UsageError(KnownCondition):
    """A usage or environment problem: reported on stderr, exit status 2."""


class ConfigurationError(UsageError):
    """The station is not set up for what was asked (no hub, unreadable hub.json, no secret)."""


class InputError(UsageError, ValueError):
    """A file, code or value the user gave cannot be used (the message names it and why).
    Also a ValueError: callers that validate input catch that."""


class NotAllowed(KnownCondition):
    """The operator is not signed in, or their role does not allow the action."""
