"""``dispense-app signals [--kind K] [--json]``: counterfeit and diversion signals with their evidence.

Informational findings over the station's (or site's) scan history, never a STOP on their own
(:mod:`dispense_app.core.signals`). ``--json``: one signal per line,
``{"signal_id", "kind", "product_code", "lot", "serial", "at", "message", "evidence", "alerts",
"informational": true}``. Exit 0 whether or not there are signals. Read-only.
"""

from __future__ import annotations

import argparse
import json
import sys

from dispense_app.cli import EXIT_OK, add_common
from dispense_app.core.signals import KINDS


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("signals", help="counterfeit and diversion signals (informational)",
                              description=(__doc__ or "").splitlines()[0])
    p.add_argument("--kind", choices=KINDS, help="only this pattern")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dispense_app.core.signals import find_signals
    from dispense_app.paths import resolve_home
    from dispense_app.store import Station

    with Station.open(resolve_home(args.home), create=False) as station:
        signals = [s for s in find_signals(station.scan_log) if args.kind in (None, s.kind)]
    for s in signals:
        if args.json:
            sys.stdout.write(json.dumps(s.to_json(), ensure_ascii=False) + "\n")
        else:
            where = " ".join(x for x in (s.product_code, s.lot and f"batch {s.lot}", s.serial) if x)
            linked = f" (alerts {', '.join(s.alerts)})" if s.alerts else ""
            sys.stdout.write(f"{s.at[:16].replace('T', ' ')}  {s.kind:22} {where}: {s.message}{linked}\n")
    if not args.json:
        sys.stdout.write(f"{len(signals)} signal(s); informational only, never a STOP on their own\n")
    return EXIT_OK
