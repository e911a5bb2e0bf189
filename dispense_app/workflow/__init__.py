"""The dispensing workflow service: parse -> gate -> local checks -> hub -> verdict -> store.

Entry point: :class:`Workflow` (see :mod:`dispense_app.workflow.service`); results are
:class:`PackOutcome` values whose ``to_json`` is the CLI contract of DESIGN.md.
"""

from dispense_app.workflow.outcome import PackOutcome, build_alert
from dispense_app.workflow.scan import Prepared, ScanInput, pack_ref, prepare
from dispense_app.workflow.service import Workflow, medication_name
from scanner.escapes import decode_escapes

__all__ = [
    "PackOutcome",
    "Prepared",
    "ScanInput",
    "Workflow",
    "build_alert",
    "decode_escapes",
    "medication_name",
    "pack_ref",
    "prepare",
]
