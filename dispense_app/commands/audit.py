"""``dispense-app audit verify``: check the station's audit hash chain.

Exit 0 when intact; 1 naming the first broken entry (edited, moved, deleted, truncated), a record
that does not match its entries (altered, deleted, unrecorded) or a chain that no longer has a head
anchored outside the database (rewritten, truncated); 2 when there is no station database.
``--json`` prints ``{"ok", "entries", "first_broken", "problem", "message", "head", "anchored",
"findings"}``; the text output ends with the chain's head (keep a copy elsewhere: docs/security.md).
"""

from __future__ import annotations

import argparse
import json

from dispense_app.cli import EXIT_NEGATIVE, EXIT_OK, add_common


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("audit", help="the audit trail", description="The station's append-only audit trail.")
    sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = sub.add_parser("verify", help="check the hash chain; exit 1 names the first broken entry")
    add_common(v)
    v.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from dispense_app.paths import resolve_home
    from dispense_app.store import Station

    with Station.open(resolve_home(args.home, create=False), create=False) as station:
        result = station.verify_audit()
    if args.json:
        print(json.dumps(result.to_json()))
        return EXIT_OK if result.ok else EXIT_NEGATIVE
    if result.ok:
        print(f"audit trail intact: {result.entries} entries")
    elif result.first_broken is not None:
        print(f"audit trail broken at entry {result.first_broken}: {result.message}")
    else:
        print(f"audit trail broken: {result.message}")
    for more in result.findings[1:]:
        print(f"  also: {more}")
    if result.head:  # keep this line somewhere else too: it is what a rewritten database cannot fake
        print(f"head: entry {result.head['seq']} sha256 {result.head['hash']}")
    return EXIT_OK if result.ok else EXIT_NEGATIVE
