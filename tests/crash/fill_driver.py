"""Crash driver for the days-of-therapy test (tests/test_store_crash_fill.py).

usage: fill_driver.py HOME GTIN SERIAL

Dispenses one pack on a prescription that gives its days of therapy, through the workflow, with a
hub client that kills this process (SIGKILL) the moment the workflow hands it the supply request:
after the dispense record is written, before any answer comes back. Until migration 4 the days of
therapy were written after the hub's answer, so this kill lost them. Only API that every release
since 634ba48 has is used, so the same test runs against the old code path.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from dispense_app.core.fhir import load_fhir
from dispense_app.core.model import EntryMode, HubReply, HubRequest, PackRef, ProductInfo, ReturnCode
from dispense_app.store import Station
from dispense_app.workflow import ScanInput, Workflow

PATIENT = "Patient/p-crash"


class KillingHub:
    """A hub client whose state changes never come back: the process dies while sending."""

    def verify(self, pack: PackRef, *, entry_mode: EntryMode = EntryMode.SCAN) -> HubReply:
        return HubReply(ReturnCode.SUCCESS)

    def transact(self, request: HubRequest) -> HubReply:
        print("sending", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("not reached")

    def bulk(self, requests: list[HubRequest]) -> list[HubReply]:
        return [self.transact(r) for r in requests]

    def product(self, gtin: str) -> ProductInfo | None:
        return None

    def close(self) -> None:
        pass


def main(home: str, gtin: str, serial: str) -> None:
    rx: Any = load_fhir(
        {
            "resourceType": "MedicationRequest",
            "id": "rx-crash",
            "status": "active",
            "subject": {"reference": PATIENT},
            "medicationCodeableConcept": {"coding": [{"system": "https://www.gs1.org/gtin", "code": gtin}]},
            "dispenseRequest": {
                "quantity": {"value": 1, "code": "{Package}"},
                "expectedSupplyDuration": {"value": 28, "code": "d"},
            },
        }
    )
    station = Station.open(home)
    wf = Workflow(station, KillingHub(), operator="anna")
    wf.dispense([ScanInput(f"01{gtin}21{serial}\x1d10L1\x1d17311231".encode())], prescription=rx)
    print("not killed", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
