"""Makes tests/data/station-v3-634ba48.db: a station database as release 634ba48 (schema 3) leaves it.

Run it with THAT release's code, not this tree's (see tests/data/README.md):

    git worktree add --detach /tmp/rel 634ba48
    PYTHONPATH=/tmp/rel .venv/bin/python tests/data/make_release_station.py tests/data/station-v3-634ba48.db

The release keeps operator accounts (``operators.<login>``), days of therapy (``adherence.fill.<dispense
id>``) and adherence notes (``adherence.notes.<patient key>``) as settings rows; the station made here
has two accounts (one inactive), three offline supplies of one patient (two on a prescription with
days of therapy, one without) and a note. Only the release's public API is used.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import tempfile
from pathlib import Path

GTIN = "04150037528643"  # a German NTIN (PZN 03752864)
GS = "\x1d"
PATIENT = "Patient/p1"
ANNA_PW = "correct horse battery"
TOM_PIN = "2580"
NOTE_AT = dt.datetime(2026, 1, 3, 10, 0, tzinfo=dt.UTC)


def scan(serial: str) -> bytes:
    return f"01{GTIN}21{serial}{GS}10L1{GS}17311231".encode()


def make(target: Path) -> None:
    import dispense_app
    from dispense_app.core.fhir import load_fhir
    from dispense_app.store import Station
    from dispense_app.workflow import ScanInput, Workflow
    from dispense_app.workflow.adherence_store import add_note
    from dispense_app.workflow.operators_store import OperatorDirectory

    rx = load_fhir(
        {
            "resourceType": "MedicationRequest",
            "id": "rx-1",
            "status": "active",
            "subject": {"reference": PATIENT},
            "medicationCodeableConcept": {"coding": [{"system": "https://www.gs1.org/gtin", "code": GTIN}]},
            "dispenseRequest": {
                "quantity": {"value": 2, "code": "{Package}"},
                "expectedSupplyDuration": {"value": 60, "code": "d"},
            },
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        with Station.open(home) as station:
            station.settings.set("station.location", "PHARMACY-1")
            directory = OperatorDirectory(station)
            directory.add("anna", "Anna Apothekerin", "pharmacist", ANNA_PW)
            directory.add("tom", "Tom Technician", "technician", TOM_PIN, actor="anna")
            directory.set_active("tom", False, actor="anna")
            wf = Workflow(station, None, operator="anna")  # no hub: offline, queued
            outs = wf.dispense([ScanInput(scan("REL001")), ScanInput(scan("REL002"))], prescription=rx)
            outs += wf.dispense([ScanInput(scan("REL003"))], patient_ref=PATIENT)  # no prescription: no days
            assert [o.verdict.level.value for o in outs] == ["warn", "warn", "warn"], [o.to_json() for o in outs]
            add_note(station, PATIENT, "ibuprofen 400 mg", "anna", "takes it with food", NOTE_AT)
            version = station.schema_version
        # small enough to commit: rollback journal and 512-byte pages (the release's data and schema as
        # they are; the app switches the file back to WAL when it opens it)
        conn = sqlite3.connect(home / "station.db")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA page_size = 512")
        conn.execute("VACUUM")
        conn.close()
        target.write_bytes((home / "station.db").read_bytes())
    print(f"{target}: schema {version}, made by dispense-app {dispense_app.__version__} from {dispense_app.__file__}")


if __name__ == "__main__":
    make(Path(sys.argv[1]))
