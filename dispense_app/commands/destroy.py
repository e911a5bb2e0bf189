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
    from dispense_app.commands._packs import check_input_given, collect_scans, emit, open_session, run_each
    from dispense_app.core.operators import Action

    action = Action.DESTROY if args.transaction == "destroy" else Action.SAMPLE
    if args.bulk or not args.stdin:  # codes given at once (--bulk: one hub request)
        scans = collect_scans(args)
        with open_session(args, action) as session:
            handle = session.destroy if args.transaction == "destroy" else session.sample
            return emit(handle(scans, bulk=args.bulk), args.json)
    check_input_given(args)
    with open_session(args, action) as session:
        handle = session.destroy if args.transaction == "destroy" else session.sample
        return run_each(args, session, lambda scan: handle([scan]))
