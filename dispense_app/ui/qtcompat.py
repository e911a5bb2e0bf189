"""Work-arounds for defects of the Qt binding, each detected at run time and applied only where present.

PySide6 6.12.0 on Python 3.11: ``SignalInstance.emit()`` returns ``True``/``False`` without taking a
reference to it. Every emit therefore takes one reference away from ``True`` when its result is
dropped; ``True`` starts with a few hundred references, so after a few hundred emits (minutes of a
counter window polling its status) the interpreter frees ``True`` and aborts with "Fatal Python
error: bool_dealloc". (Python 3.12+ makes ``True`` immortal, so the defect is harmless there.)

:func:`emit` is the one way this package emits a signal: it emits, then gives back the reference the
binding took, if (and only if) the probe at import time showed the defect.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    ping = Signal()


def _emit_steals_result_reference() -> bool:
    """Emit once and see whether the result's reference count went down."""
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.ping.emit()
    after = sys.getrefcount(True)
    if after < before:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))  # give back what the probe took
        return True
    return False


EMIT_STEALS_RESULT = _emit_steals_result_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, compensating the lost reference on affected bindings."""
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]  # it returns a bool at run time
    if EMIT_STEALS_RESULT and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
