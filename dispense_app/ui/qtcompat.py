"""Work-arounds for defects of the Qt binding, each detected at run time and applied only where present.

PySide6 6.12.0 on Python 3.11: methods that return nothing (``setText``, ``setValue``,
``QTimer.start``, ``QKeyEvent.setTimestamp``, ... every void method) hand back ``None`` without a
reference, and ``SignalInstance.emit`` does the same with ``True``. Python 3.12 made ``None``,
``True`` and ``False`` immortal, so there the missing references are harmless; on 3.11 every such
call takes one reference away. ``None`` starts with a few thousand references: after a few thousand
widget updates (about a quarter of an hour of a counter window polling its status, or a few dozen
wedge scans) the interpreter frees ``None`` and aborts with "Fatal Python error: none_dealloc"
(or "bool_dealloc"). PySide6 6.11.3 does not have the defect.

The remedy here does what Python 3.12 does: it makes these three singletons immortal, by giving
each an extra 2**40 references at import, if and only if the interpreter is older than 3.12 and a
probe shows the binding losing references. The proper fix is a binding without the defect (pin
``PySide6 < 6.12`` or run on Python >= 3.12); this keeps the app alive meanwhile. ``dispense_app.ui``
imports this module first, so every Qt user in the package is covered.

The second, a cost rather than a defect: for its ``from __feature__ import ...`` switches, PySide
asks of every module imported after it whether the module's source contains "PySide6", through
``inspect.getsource`` (linecache, encoding detection, every line as a string): 114 modules before
the counter window's first paint, 600 by the time the station is built, about 80 ms in all (issue
22). :func:`_faster_feature_scan` gives the same answer from the file's bytes, only for modules
whose source is a plain ``.py`` file; anything else still goes the binding's own way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

from PySide6.QtCore import QObject, Signal

IMMORTAL_REFS = 1 << 40
"""Extra references given to None/True/False: at a million lost references a second, 12 days."""


class _Probe(QObject):
    ping = Signal()


def _losses(samples: int = 200) -> tuple[int, int]:
    """How many references to None and to True the binding loses over ``samples`` calls each."""
    probe = _Probe()
    before = sys.getrefcount(None)
    for _ in range(samples):
        probe.setObjectName("probe")  # a void method
    none_lost = before - sys.getrefcount(None)
    before = sys.getrefcount(True)
    for _ in range(samples):
        probe.ping.emit()  # returns True
    true_lost = before - sys.getrefcount(True)
    return none_lost, true_lost


def _add_references(obj: object, count: int) -> None:
    """Raise ``obj``'s reference count (CPython: ``ob_refcnt`` is the object's first field)."""
    import ctypes  # only where the defect is found

    refcnt = ctypes.c_ssize_t.from_address(id(obj))
    refcnt.value += count


def _apply() -> bool:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    none_lost, true_lost = _losses()
    if none_lost <= 0 and true_lost <= 0:
        return False
    # give back what the probe took, then make the singletons immortal as Python 3.12 does
    _add_references(None, max(none_lost, 0))
    _add_references(True, max(true_lost, 0))
    for singleton in (None, True, False):
        _add_references(singleton, IMMORTAL_REFS)
    return True


SINGLETONS_PINNED = _apply()
"""True when this binding loses references to None/True and the singletons were made immortal."""


def _faster_feature_scan() -> bool:
    """Replace the binding's "does this module use PySide6?" check (``shibokensupport.feature.
    _mod_uses_pyside``, an ``inspect.getsource`` of the module) with a read of the module's ``.py``
    file: the same test, "PySide6" in the source, without building the lines. False when the
    binding has no such check (then nothing is changed)."""
    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "reads_bytes", False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # built in, compiled, zipped: as the binding does it
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True


FEATURE_SCAN_FASTER = _faster_feature_scan()
"""True when the binding's per-import source check was replaced by :func:`_faster_feature_scan`'s."""
