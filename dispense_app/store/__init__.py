"""The station database (SQLite through sqlite-utils): migrations, caches, outbox, records, audit chain.

Entry point: :meth:`Station.open`. See docs/store.md for the API and its guarantees.
"""

from dispense_app.store.audit import AuditEntry, AuditKind, AuditLog, AuditVerification
from dispense_app.store.autoreplay import AutoReplay
from dispense_app.store.caches import CachedPackState, CachedProduct, RecallEntry
from dispense_app.store.errors import (
    DoubleDecommissionError,
    ImportFileError,
    InvalidInputError,
    InvalidTransitionError,
    NotAStationDatabaseError,
    NotDispensedHereError,
    SchemaTooNewError,
    SecretSettingError,
    StoreEnvironmentError,
    StoreError,
    UndoWindowClosedError,
    UnknownRecordError,
)
from dispense_app.store.records import (
    UNDO_WINDOW,
    DispenseRecord,
    DispenseStatus,
    OutboxEntry,
    OutboxState,
    Outcome,
    ReplayReport,
    SendResult,
)
from dispense_app.store.schema import SCHEMA_VERSION
from dispense_app.store.station import DB_FILENAME, OpenInfo, Station, SupplyItem, raw_to_hex

__all__ = [
    "DB_FILENAME",
    "SCHEMA_VERSION",
    "UNDO_WINDOW",
    "AuditEntry",
    "AuditKind",
    "AuditLog",
    "AuditVerification",
    "AutoReplay",
    "CachedPackState",
    "CachedProduct",
    "DispenseRecord",
    "DispenseStatus",
    "DoubleDecommissionError",
    "ImportFileError",
    "InvalidInputError",
    "InvalidTransitionError",
    "NotAStationDatabaseError",
    "NotDispensedHereError",
    "OpenInfo",
    "OutboxEntry",
    "OutboxState",
    "Outcome",
    "RecallEntry",
    "ReplayReport",
    "SchemaTooNewError",
    "SecretSettingError",
    "SendResult",
    "Station",
    "StoreEnvironmentError",
    "StoreError",
    "SupplyItem",
    "UndoWindowClosedError",
    "UnknownRecordError",
    "raw_to_hex",
]
