"""PySide6 user interface. The only package that may import Qt.

Importing it applies :mod:`dispense_app.ui.qtcompat` first (a reference-count defect of PySide6
6.12.0 on Python 3.11 that otherwise aborts the process after a few thousand widget updates).
"""

from dispense_app.ui import qtcompat as _qtcompat  # noqa: F401  (applied on import)
