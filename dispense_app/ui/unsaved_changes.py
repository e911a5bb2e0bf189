"""Unsaved edits in a window of several tabs, each with its own Save: noticed, never lost in silence.

The settings window saves per tab (the hub's settings apply at the next start, the window's at once),
so "one Save for the dialog" would mix two different moments. Instead the window remembers what each
tab's fields held when they were loaded or saved (:meth:`UnsavedChanges.mark_saved`) and, when it is
closed with edits that were never saved, asks: keep editing, or close and drop them — naming the
tabs. The fields are read generically (line edits, combo boxes, check boxes, spin boxes), so a field
added to a tab later is covered without further code.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QComboBox, QLineEdit, QMessageBox, QWidget

translate = QCoreApplication.translate

FieldState = tuple[tuple[str, str], ...]


def field_state(tab: QWidget) -> FieldState:
    """What the editable fields of ``tab`` hold now, in widget order."""
    values: list[tuple[str, str]] = []
    for i, widget in enumerate(tab.findChildren(QWidget)):
        name = widget.objectName() or f"#{i}"
        if isinstance(widget, QLineEdit) and not widget.isReadOnly():
            if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
                continue  # the combo box's or spin box's own value says it
            values.append((name, widget.text()))
        elif isinstance(widget, QComboBox):
            values.append((name, widget.currentText()))
        elif isinstance(widget, QCheckBox):
            values.append((name, str(widget.isChecked())))
        elif isinstance(widget, QAbstractSpinBox):
            values.append((name, widget.text()))
    return tuple(values)


class UnsavedChanges:
    """The saved state of each named tab; which tabs differ from it now."""

    def __init__(self, tabs: dict[str, QWidget]) -> None:
        self.tabs = tabs
        self._saved: dict[str, FieldState] = {}

    def mark_saved(self, *names: str) -> None:
        """The tabs ``names`` (all when none given) hold what is saved."""
        for name in names or tuple(self.tabs):
            self._saved[name] = field_state(self.tabs[name])

    def changed(self) -> list[str]:
        """The tabs whose fields differ from what was last loaded or saved."""
        return [name for name, tab in self.tabs.items()
                if name in self._saved and field_state(tab) != self._saved[name]]

    def ask(self, parent: QWidget, titles: dict[str, str], close: Callable[[], None]) -> QMessageBox:
        """Ask whether to drop the unsaved edits of the changed tabs; ``close()`` runs if so."""
        names = ", ".join(titles.get(name, name) for name in self.changed())
        box = QMessageBox(QMessageBox.Icon.Warning, translate("UnsavedChanges", "Unsaved changes"),
                          translate("UnsavedChanges", "Changes not saved in: {tabs}.").format(tabs=names),
                          QMessageBox.StandardButton.NoButton, parent)
        box.setObjectName("unsavedChangesDialog")
        box.setFont(parent.font())  # the window's size, not the platform's small default
        box.setInformativeText(translate("UnsavedChanges", "Close and drop them, or go back and save each tab "
                                                           "with its Save button?"))
        drop = box.addButton(translate("UnsavedChanges", "Close without saving"),
                             QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(translate("UnsavedChanges", "Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        drop.clicked.connect(close)
        box.open()
        return box
