"""A kill between the dispense record and the hub's answer keeps the supply's days of therapy.

The driver (tests/crash/fill_driver.py) dispenses one pack on a prescription that gives its days
of therapy and is SIGKILLed by its hub client while the supply request is being sent: after the
dispense record, at the point where the workflow used to write the days of therapy afterwards
(``Workflow._remember_fill``, a settings row in its own transaction). The fill is now written in
the dispense record's transaction, so the station comes back with the record AND its fill.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dispense_app.store import DispenseStatus, Station
from dispense_app.workflow.adherence_store import fills

DRIVER = Path(__file__).parent / "crash" / "fill_driver.py"
REPO = Path(__file__).resolve().parents[1]
GTIN = "04150037528643"
PATIENT = "Patient/p-crash"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_between_dispense_record_and_hub_answer_keeps_the_days_of_therapy(home: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}  # the driver runs this tree's code, like the test
    proc = subprocess.run(
        [sys.executable, str(DRIVER), str(home), GTIN, "CRASH01"], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert proc.stdout.splitlines() == ["sending"]  # killed in the send, not before it
    with Station.open(home) as st:
        (record,) = st.dispense_records(patient_ref=PATIENT)
        assert record.pack.serial == "CRASH01" and record.status in (DispenseStatus.QUEUED, DispenseStatus.SENT)
        assert st.pending_count() == 1  # the request is still owed to the hub
        found, without_days = fills(st, PATIENT)
        assert without_days == 0
        assert [(f.record_id, f.days_supply) for f in found] == [(record.id, 28)]
        assert st.audit.verify().ok
