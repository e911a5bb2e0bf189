"""The hub credential findings (:mod:`dispense_app.hub.lifecycle`) in the window's language.

The core words a finding in English (``Finding.message``, for the command line) and keeps its key
and values; here the same texts go through ``QCoreApplication.translate`` in the context
:data:`~dispense_app.hub.lifecycle.TEXT_CONTEXT` (tools/update_translations.py puts them in the
catalogue), so the status bar and the settings window say it in German where German is chosen.
A finding without a key (a network answer of ``hub check``) keeps its own words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from dispense_app.hub.lifecycle import ITEM_WORDS, RENEW, STATUS_WORDS, TEXT_CONTEXT, TEXTS, WHAT, Finding, words


def _translated(table: dict[str, str]) -> dict[str, str]:
    return {key: QCoreApplication.translate(TEXT_CONTEXT, text) for key, text in table.items()}


def describe(finding: Finding) -> str:
    """What the finding says, in the window's language."""
    if finding.key is None:
        return finding.message
    return words(finding.key, dict(finding.params), _translated(TEXTS), _translated(WHAT), _translated(RENEW))


def line(finding: Finding) -> str:
    """``item: STATUS text``, as ``hub check`` prints it, in the window's language."""
    item = QCoreApplication.translate(TEXT_CONTEXT, ITEM_WORDS.get(finding.item, finding.item))
    status = QCoreApplication.translate(TEXT_CONTEXT, STATUS_WORDS.get(finding.status, finding.status))
    return f"{item}: {status} {describe(finding)}"
