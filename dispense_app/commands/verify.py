"""``dispense-app verify CODE...``: ask the hub about packs (nothing changes on the hub).

One JSON line per pack with ``--json`` (DESIGN.md "verify / dispense / undo / sync --json").
Exit 0 fine, 1 a STOP or parse errors, 2 usage or environment, 3 done but at least one pack could not
be checked with the hub (offline or a hub fault). ``--stdin``: each line is answered as it arrives.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from dispense_app.commands._packs import add_pack_arguments

    p = subparsers.add_parser(
        "verify",
        help="verify packs with the hub (no state change)",
        description="Parse each code, apply the local checks and ask the hub whether the pack is genuine and active.",
    )
    add_pack_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dispense_app.commands._packs import check_input_given, open_session, run_each
    from dispense_app.core.operators import Action

    check_input_given(args)
    with open_session(args, Action.VERIFY) as session:
        return run_each(args, session, lambda scan: [session.verify(scan)])
