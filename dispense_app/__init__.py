"""dispense-app: verifies medicine packs against the national hub at the moment of dispensing."""

from dispense_app._version import __version__

__all__ = ["__version__"]
