"""``dispense-app destroy CODE...`` and ``dispense-app sample CODE...`` (hospital dispensaries).

Decommission packs as destroyed (e.g. expired or damaged stock) or as samples for the authorities,
through the outbox like every state change; ``--bulk`` sends them in one request. Same output and
exit statuses as ``dispense``.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from dispense_app.commands._packs import add_pack_arguments

    for name, what in (("destroy", "destroyed"), ("sample", "samples for the authorities")):
        p = subparsers.add_parser(
            name,
            help=f"decommission packs as {what}",
            description=f"Decommission packs on the hub as {what} (queued when the hub is unreachable).",
        )
        add_pack_arguments(p)
        p.add_argument("--bulk", action="store_true", help="send all packs in one bulk request")
        p.set_defaults(func=run, transaction=name)


def run(args: argparse.Namespace) -> int:
    from dispense_app.commands._packs import collect_scans, emit, open_session
    from dispense_app.core.operators import Action

    scans = collect_scans(args)
    action = Action.DESTROY if args.transaction == "destroy" else Action.SAMPLE
    with open_session(args, action) as session:
        if args.transaction == "destroy":
            outcomes = session.destroy(scans, bulk=args.bulk)
        else:
            outcomes = session.sample(scans, bulk=args.bulk)
    return emit(outcomes, args.json)
