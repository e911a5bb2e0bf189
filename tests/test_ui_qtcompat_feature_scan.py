"""qtcompat's faster answer to PySide's per-import "does this module use PySide6?" (issue 22)."""

from __future__ import annotations

import inspect
import subprocess
import sys
from types import ModuleType

from dispense_app.ui import qtcompat


def binding_answer(module: ModuleType) -> bool:
    """The binding's own test (shibokensupport.feature._mod_uses_pyside, PySide6 6.11)."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_every_loaded_module_gets_the_binding_s_answer() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if check is None:  # a binding without the check: nothing was replaced
        assert qtcompat.FEATURE_SCAN_FASTER is False
        return
    assert getattr(check, "reads_bytes", False)
    modules = [m for m in list(sys.modules.values()) if isinstance(m, ModuleType)]
    assert len(modules) > 100
    answers = {m.__name__: check(m) for m in modules}
    assert answers == {m.__name__: binding_answer(m) for m in modules}
    assert answers["dispense_app.ui.qtcompat"] and not answers["json"]  # both answers are there


def test_the_app_s_modules_are_scanned_from_their_bytes_from_the_first_import() -> None:
    """A fresh process: importing the UI package puts the faster check in place before any module
    of the app that uses Qt is imported."""
    probe = (
        "import dispense_app.ui, sys; from dispense_app.ui.tasks import TaskRunner; from decimal import Decimal; "
        "f = sys.modules['shibokensupport.feature']; d = f.pyside_feature_dict; "
        "print(getattr(f._mod_uses_pyside, 'reads_bytes', False), d.get('dispense_app.ui.tasks'), d.get('decimal'))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""}, check=True)
    # the binding's marks: 0 for a module that uses PySide6, -1 for one that does not
    assert done.stdout.split() == ["True", "0", "-1"]
