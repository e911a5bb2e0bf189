"""``dispense-app sync``: send everything waiting in the station's outbox to the hub.

``--json`` prints ``{"sent", "confirmed", "conflicts", "remaining"}`` (integers). Exit status 0 when
nothing remains and there were no conflicts, 1 when something remains or conflicted, 2 when no hub
is configured (and no ``--hub``) or the station database cannot be used.
"""

from __future__ import annotations

import argparse
import json
import sys

from dispense_app.cli import EXIT_NEGATIVE, EXIT_OK, UsageError, add_common


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "sync",
        help="send the outbox (queued decommissions and undos) to the hub",
        description="Replay the station's outbox to the hub, oldest first, in bulk. Safe to interrupt and rerun.",
    )
    add_common(p, hub=True)
    p.add_argument("--chunk", type=int, default=500, help="packs per bulk request (default 500)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dispense_app.commands._packs import open_session

    if args.chunk < 1:
        raise UsageError("--chunk must be at least 1")
    with open_session(args) as session:
        report = session.sync(chunk_size=args.chunk)
    if args.json:
        out = {
            "sent": report.sent,
            "confirmed": report.confirmed,
            "conflicts": report.conflicts,
            "remaining": report.remaining,
        }
        print(json.dumps(out))
    else:
        print(
            f"sent {report.sent}, confirmed {report.confirmed}, conflicts {report.conflicts}, "
            f"remaining {report.remaining}"
        )
        for alert_id in report.alerts:
            print(f"alert {alert_id} recorded for follow-up")
    if report.error:
        print(f"dispense-app sync: {report.error}", file=sys.stderr)
    return EXIT_OK if report.remaining == 0 and report.conflicts == 0 else EXIT_NEGATIVE
