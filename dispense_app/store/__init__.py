"""The station database (SQLite through sqlite-utils): migrations, caches, outbox, records, operator
accounts, adherence data, audit chain. Storage only: it never talks to the network (sending the
outbox is :mod:`dispense_app.workflow.sender`).

Entry point: :meth:`Station.open`. See docs/store.md for the API and its guarantees.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# name -> module: loaded on first use (PEP 562), so that importing one light module of the store
# (records, errors) does not load sqlite-utils; the counter window imports those before it paints.
_LAZY = {
    "AdherenceStore": "dispense_app.store.adherence",
    "Answer": "dispense_app.store.records",
    "Applied": "dispense_app.store.records",
    "AuditEntry": "dispense_app.store.audit",
    "AuditKind": "dispense_app.store.audit",
    "AuditLog": "dispense_app.store.audit",
    "AuditVerification": "dispense_app.store.audit",
    "CachedPackState": "dispense_app.store.caches",
    "CachedProduct": "dispense_app.store.caches",
    "Claim": "dispense_app.store.records",
    "DB_FILENAME": "dispense_app.store.station",
    "DispenseFill": "dispense_app.store.records",
    "DispenseRecord": "dispense_app.store.records",
    "DispenseStatus": "dispense_app.store.records",
    "DoubleDecommissionError": "dispense_app.store.errors",
    "ImportFileError": "dispense_app.store.errors",
    "InvalidInputError": "dispense_app.store.errors",
    "InvalidTransitionError": "dispense_app.store.errors",
    "LateUndo": "dispense_app.store.records",
    "NotAStationDatabaseError": "dispense_app.store.errors",
    "NotDispensedHereError": "dispense_app.store.errors",
    "OpenInfo": "dispense_app.store.station",
    "OperatorStore": "dispense_app.store.operators",
    "OutboxEntry": "dispense_app.store.records",
    "OutboxState": "dispense_app.store.records",
    "OutboxStore": "dispense_app.store.outbox",
    "Outcome": "dispense_app.core.hub_answer",
    "RecallEntry": "dispense_app.store.caches",
    "Recorded": "dispense_app.store.records",
    "SCHEMA_VERSION": "dispense_app.store.schema",
    "SchemaTooNewError": "dispense_app.store.errors",
    "SecretSettingError": "dispense_app.store.errors",
    "Station": "dispense_app.store.station",
    "StoreEnvironmentError": "dispense_app.store.errors",
    "StoreError": "dispense_app.store.errors",
    "SupplyItem": "dispense_app.store.station",
    "UNDO_WINDOW": "dispense_app.store.records",
    "UndoWindowClosedError": "dispense_app.store.errors",
    "UnknownRecordError": "dispense_app.store.errors",
    "raw_to_hex": "dispense_app.store.station",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


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
