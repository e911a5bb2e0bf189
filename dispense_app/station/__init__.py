"""The station service: what the command line and the counter window both drive.

``open_station(home, hub=..., store=...) -> StationSession``; the session's methods return domain
outcomes and raise errors from :mod:`dispense_app.errors` (known conditions) — anything else is a
bug (:mod:`dispense_app.station.bugs`). See docs/architecture.md for the path of one scan.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    """The session's names, loaded when first asked for: ``dispense_app.station.bugs`` (which the
    window needs before it paints) no longer drags the store, the hub and the workflow in with it
    (issue 22: that import alone cost the counter window's first paint about a second)."""
    if name in __all__:
        from dispense_app.station import session

        return getattr(session, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
