"""The station service: what the command line and the counter window both drive.

``open_station(home, hub=..., store=...) -> StationSession``; the session's methods return domain
outcomes and raise errors from :mod:`dispense_app.errors` (known conditions) — anything else is a
bug (:mod:`dispense_app.station.bugs`). See docs/architecture.md for the path of one scan.
"""

from dispense_app.station.session import (
    DispenseOutcome,
    HubStatus,
    ItemProgress,
    PrescriptionProgress,
    StationSession,
    open_station,
    overall,
    pack_key,
    profile_name,
    scan_input,
)

__all__ = [
    "DispenseOutcome",
    "HubStatus",
    "ItemProgress",
    "PrescriptionProgress",
    "StationSession",
    "open_station",
    "overall",
    "pack_key",
    "profile_name",
    "scan_input",
]
