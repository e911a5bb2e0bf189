"""Typed errors of the station database.

Errors that mean "this station's data folder cannot be used as it is" (a database written by a
newer version of the app, a file that is not a station database) derive from both
:class:`StoreError` and :class:`dispense_app.errors.UsageError`, so every command reports them on
stderr and exits with status 2 without catching them itself. Errors that refuse one request
(a second decommission of the same pack, an undo after the 10-day window) are plain
:class:`StoreError` subclasses: nothing was written, and the caller decides what to do. Refusals
of what a user asked (an unknown record, a status change not allowed, bad import data or input)
are also :class:`~dispense_app.errors.KnownCondition`: their message is what the user reads.
"""

from __future__ import annotations

from dispense_app.errors import KnownCondition, UsageError


class StoreError(Exception):
    """Base class of every error raised by :mod:`dispense_app.store`."""


class StoreEnvironmentError(StoreError, UsageError):
    """The station database cannot be opened as it is (CLI exit status 2)."""


class SchemaTooNewError(StoreEnvironmentError):
    """The database was written by a newer schema version than this program knows."""

    def __init__(self, path: str, found: int, known: int, unknown_migrations: list[str] | None = None) -> None:
        self.path = path
        self.found = found
        self.known = known
        self.unknown_migrations = list(unknown_migrations or [])
        detail = f" (unknown migrations: {', '.join(self.unknown_migrations)})" if self.unknown_migrations else ""
        super().__init__(
            f"the station database {path} was written by a newer version of dispense-app "
            f"(schema version {found}; this program knows up to {known}){detail}. "
            "Install the newer version; the file was left untouched."
        )


class NotAStationDatabaseError(StoreEnvironmentError):
    """The file is not an SQLite database, or is damaged."""


class DoubleDecommissionError(StoreError):
    """The pack already has an open decommission at this station; nothing was recorded."""

    def __init__(
        self,
        product_code: str,
        serial: str,
        existing_id: str,
        existing_status: str,
        *,
        site: tuple[str, str, str] | None = None,
    ) -> None:
        self.product_code = product_code
        self.serial = serial
        self.existing_id = existing_id
        self.existing_status = existing_status
        # on a site store: (counter that made it, created at, undo deadline), ISO times in UTC
        self.site = site
        if site is not None:
            counter, at, deadline = site
            super().__init__(
                f"pack {product_code} / {serial} was already dispensed at this site ({counter}, {at[11:16]} UTC); "
                f"undo available until {deadline[:16].replace('T', ' ')} UTC (dispense record {existing_id}, "
                f"{existing_status}); a second decommission was refused before asking the hub"
            )
            return
        super().__init__(
            f"pack {product_code} / {serial} is already {existing_status} at this station "
            f"(dispense record {existing_id}); a second decommission was refused before asking the hub"
        )


class NotDispensedHereError(StoreError):
    """An undo was asked for a pack (or record) that has no open decommission at this station."""


class UndoWindowClosedError(StoreError):
    """The undo would reach the hub after the 10-day (240 h) window; refused locally, never sent."""

    def __init__(self, dispense_id: str, deadline: str, now: str) -> None:
        self.dispense_id = dispense_id
        self.deadline = deadline
        self.now = now
        super().__init__(
            f"undo refused: the 10-day undo window of dispense record {dispense_id} closed at {deadline} "
            f"(now {now}); the hub would refuse it (NMVS_NC_PCK_20), so it was not sent"
        )


class UnknownRecordError(StoreError, KnownCondition):
    """No record with that id."""


class InvalidTransitionError(StoreError, KnownCondition):
    """An alert status change that the follow-up workflow does not allow."""


class ImportFileError(StoreError, KnownCondition):
    """An import file (products, recall list) has bad rows; nothing was imported."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = list(problems)
        shown = "; ".join(self.problems[:10])
        more = f" (and {len(self.problems) - 10} more)" if len(self.problems) > 10 else ""
        super().__init__(f"{path}: nothing imported: {shown}{more}")


class SecretSettingError(StoreError, KnownCondition):
    """A setting whose name says it is a secret: secrets belong in the keyring, never in the database."""


class InvalidInputError(StoreError, KnownCondition):
    """A request with data the store will not record (empty or over-long fields); nothing was written."""
