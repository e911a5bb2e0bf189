"""The manual entry form widget: valid entry -> signal with a manual-entry result; errors per field."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from dispense_app.ui.manual_entry_form import ManualEntryForm

pytestmark = pytest.mark.gui


def fill(form: ManualEntryForm, values: dict[str, str]) -> None:
    for name, value in values.items():
        form.fields[name].setText(value)


def test_valid_entry_emits_submitted(qtbot: QtBot) -> None:
    form = ManualEntryForm(today=dt.date(2026, 1, 15))
    qtbot.addWidget(form)
    fill(form, {"product_code": "04150123456782", "serial": "Zy7", "lot": "L1", "expiry": "2028-01-31"})
    with qtbot.waitSignal(form.submitted, timeout=2000) as blocker:
        qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result.ok and result.entry_mode == "manual"
    assert result.pack.serial == "Zy7"
    assert all(not form.errors[n].isVisibleTo(form) for n in form.errors)


def test_errors_are_shown_beside_their_field(qtbot: QtBot) -> None:
    form = ManualEntryForm(today=dt.date(2026, 1, 15))
    qtbot.addWidget(form)
    fill(form, {"product_code": "04150123456783", "serial": "", "lot": "L1", "expiry": "2028-01-31"})
    with qtbot.waitSignal(form.rejected, timeout=2000):
        form.submit()
    assert form.errors["product_code"].isVisibleTo(form)
    assert "check digit" in form.errors["product_code"].text()
    assert form.errors["serial"].isVisibleTo(form)
    assert not form.errors["lot"].isVisibleTo(form)
