"""The station database (SQLite through sqlite-utils): migrations, caches, outbox, records, operator
accounts, adherence data, audit chain. Storage only: it never talks to the network (sending the
outbox is :mod:`dispense_app.workflow.sender`).

Entry point: :meth:`Station.open`. See docs/store.md for the API and its guarantees.
"""

from dispense_app.core.hub_answer import Outcome
from dispense_app.store.adherence import AdherenceStore
from dispense_app.store.audit import AuditEntry, AuditKind, AuditLog, AuditVerification
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
from dispense_app.store.operators import OperatorStore
from dispense_app.store.outbox import OutboxStore
from dispense_app.store.records import (
    UNDO_WINDOW,
    Answer,
    Applied,
    Claim,
    DispenseFill,
    DispenseRecord,
    DispenseStatus,
    LateUndo,
    OutboxEntry,
    OutboxState,
    Recorded,
)
from dispense_app.store.schema import SCHEMA_VERSION
from dispense_app.store.station import DB_FILENAME, OpenInfo, Station, SupplyItem, raw_to_hex

__all__ = [
    "DB_FILENAME",
    "SCHEMA_VERSION",
    "UNDO_WINDOW",
    "AdherenceStore",
    "Answer",
    "Applied",
    "AuditEntry",
    "AuditKind",
    "AuditLog",
    "AuditVerification",
    "CachedPackState",
    "CachedProduct",
    "Claim",
    "DispenseFill",
    "DispenseRecord",
    "DispenseStatus",
    "DoubleDecommissionError",
    "ImportFileError",
    "InvalidInputError",
    "InvalidTransitionError",
    "LateUndo",
    "NotAStationDatabaseError",
    "NotDispensedHereError",
    "OpenInfo",
    "OperatorStore",
    "OutboxEntry",
    "OutboxState",
    "OutboxStore",
    "Outcome",
    "RecallEntry",
    "Recorded",
    "SchemaTooNewError",
    "SecretSettingError",
    "Station",
    "StoreEnvironmentError",
    "StoreError",
    "SupplyItem",
    "UndoWindowClosedError",
    "UnknownRecordError",
    "raw_to_hex",
]
