"""``dispense-app dispense CODE... [--rx FILE] [--patient REF] [--bulk]``: hand packs over.

Each pack is checked (parse, scanner gate, already dispensed or queued here, expiry, local recall
list, prescription), recorded with its outbox row, then decommissioned on the hub (supply).
Offline it is recorded and queued (``"queued": true``, verdict ``warn``) unless a local rule stops
it. ``--bulk`` sends all packs (a whole tote) in one bulk request. With ``--stdin`` (and no ``--bulk``)
each line is answered as it arrives, one prescription match across all of them. Exit 0 fine (queued
offline too), 1 any STOP, 2 usage, 3 a pack could not be checked with the hub and was not queued.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dispense_app.workflow.outcome import PackOutcome
    from dispense_app.workflow.scan import ScanInput


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from dispense_app.commands._packs import add_pack_arguments

    p = subparsers.add_parser(
        "dispense",
        help="dispense (supply) packs: verify, match the prescription, decommission",
        description="Dispense packs to a patient: local checks, prescription match, decommission on the hub "
        "(queued when the hub is unreachable).",
    )
    add_pack_arguments(p)
    p.add_argument("--rx", metavar="FILE", help="prescription: FHIR R4 JSON (MedicationRequest/Bundle) or CSV")
    p.add_argument("--rx-id", help="which prescription of a CSV file holding several")
    p.add_argument("--patient", help="patient reference (default: the prescription's subject)")
    p.add_argument("--bulk", action="store_true", help="send all packs in one bulk request (a tote)")
    p.add_argument(
        "--supply-anyway",
        metavar="REASON",
        help="pharmacist only: supply despite a prescription STOP (recorded in the alert with the reason)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dispense_app.commands._packs import check_input_given, collect_scans, emit, open_session, run_each
    from dispense_app.core.operators import Action
    from dispense_app.station.prescriptions import load_prescription

    rx = load_prescription(args.rx, args.rx_id) if args.rx else None
    action = Action.BULK if args.bulk else Action.DISPENSE
    if args.bulk or not args.stdin:  # codes given at once (a tote with --bulk: one hub request)
        scans = collect_scans(args)
        with open_session(args, action) as session:
            outcomes = session.dispense_packs(
                scans, prescription=rx, patient_ref=args.patient, bulk=args.bulk, supply_anyway=args.supply_anyway
            )
        return emit(outcomes, args.json)
    check_input_given(args)
    with open_session(args, action) as session:
        basket = session.basket(rx, args.patient)  # one prescription match across every line

        def one(scan: ScanInput) -> list[PackOutcome]:
            return session.dispense_packs(
                [scan], prescription=rx, patient_ref=args.patient, supply_anyway=args.supply_anyway, basket=basket
            )

        return run_each(args, session, one)
