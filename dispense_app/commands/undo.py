"""``dispense-app undo CODE...``: undo this station's supply of packs (within 10 days).

A supply that never left the station is cancelled locally; otherwise an undo is recorded in the
outbox and sent (offline: queued). Exit 0 fine, 1 a STOP (refused, too late, not dispensed here).
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from dispense_app.commands._packs import add_pack_arguments

    p = subparsers.add_parser(
        "undo",
        help="undo a supply made at this station (10-day window)",
        description="Reactivate packs this station supplied (same premises, within 10 days, per Art. 13).",
    )
    add_pack_arguments(p)
    p.add_argument("--reason", help="why the supply is undone (kept in the record and the audit trail)")
    p.add_argument(
        "--kind",
        choices=list(KINDS),
        default="supply",
        help="which decommission to undo (default supply); destroy and stolen cannot be undone",
    )
    p.set_defaults(func=run)


KINDS = {"supply": "supply", "sample": "sample", "free-sample": "free-sample", "export": "export", "lock": "lock"}
"""--kind -> the decommission undone (the national system allows these undos; not destroy/stolen in v4+)."""


def run(args: argparse.Namespace) -> int:
    from dispense_app.commands._packs import check_input_given, open_session, run_each
    from dispense_app.core.model import Transaction
    from dispense_app.core.operators import Action

    kind = Transaction(KINDS[args.kind])
    check_input_given(args)
    with open_session(args, Action.UNDO) as session:
        return run_each(args, session, lambda scan: [session.undo(scan, reason=args.reason, kind=kind)])
