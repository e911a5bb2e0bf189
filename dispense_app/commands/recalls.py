"""``dispense-app recalls``: serialized recall (DESIGN.md "Command line"; README "Serialized recall").

* ``recalls import NOTICE.csv [--json] [--by USER]``: stores the notice (whole batches also go on the
  local recall list, serial scopes stop exactly their serials) and prints its trace.
* ``recalls trace (--gtin G | --pzn P | --notice ID) [--lot L] [--serial S ...] [--json]``: the trace
  without importing. ``--json``: one line per affected pack the station has seen, then
  ``{"summary": {"dispensed", "queued", "checked", "patients", "returned", "not_affected"}}``.
* ``recalls list [--json]``: the imported notices.
* ``recalls contacts NOTICE_ID --format csv|pdf -o FILE [--by USER]``: the patient contact list (audited).
* ``recalls contacted NOTICE_ID DISPENSE_ID [--note TEXT] [--by USER]``: mark a patient contacted.

Exit status: 0 done; 2 bad input (a bad notice names every bad line; nothing is imported).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from dispense_app.cli import EXIT_OK, UsageError, add_common

if TYPE_CHECKING:
    from dispense_app.core.recall import RecallNotice, TraceResult
    from dispense_app.store import Station


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("recalls", help="serialized recall: import a notice, trace who got the packs",
                              description=(__doc__ or "").splitlines()[0])
    sub = p.add_subparsers(dest="recalls_command", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="import a recall notice (CSV) and print its trace")
    imp.add_argument("file", metavar="NOTICE.csv")
    imp.add_argument("--by", metavar="USER", help="who imports (audit trail; default: the login name)")
    add_common(imp)
    imp.set_defaults(func=run_import)

    tr = sub.add_parser("trace", help="which packs of a batch the station has seen, and who got them")
    what = tr.add_mutually_exclusive_group(required=True)
    what.add_argument("--gtin", metavar="GTIN")
    what.add_argument("--pzn", metavar="PZN")
    what.add_argument("--notice", metavar="NOTICE_ID", help="an imported notice")
    tr.add_argument("--lot", metavar="LOT", help="the batch (default: every batch of the product seen here)")
    tr.add_argument("--serial", nargs="+", default=[], metavar="S", help="only these serials")
    add_common(tr)
    tr.set_defaults(func=run_trace)

    ls = sub.add_parser("list", help="the imported recall notices")
    add_common(ls)
    ls.set_defaults(func=run_list)

    ct = sub.add_parser("contacts", help="the patient contact list of a notice (CSV or PDF, audited)")
    ct.add_argument("notice_id", metavar="NOTICE_ID")
    ct.add_argument("--format", required=True, choices=("csv", "pdf"))
    ct.add_argument("-o", "--output", required=True, metavar="FILE")
    ct.add_argument("--by", metavar="USER", help="who exports (audit trail; default: the login name)")
    add_common(ct)
    ct.set_defaults(func=run_contacts)

    mk = sub.add_parser("contacted", help="mark a patient contacted about a notice, with a note")
    mk.add_argument("notice_id", metavar="NOTICE_ID")
    mk.add_argument("dispense_id", metavar="DISPENSE_ID")
    mk.add_argument("--note", default="", metavar="TEXT")
    mk.add_argument("--by", metavar="USER", help="who (default: the login name)")
    add_common(mk)
    mk.set_defaults(func=run_contacted)


def _login() -> str | None:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None


def _open(args: argparse.Namespace, *, create: bool = True) -> Station:
    from dispense_app.paths import resolve_home
    from dispense_app.store import Station

    return Station.open(resolve_home(args.home), create=create)


def _print_trace(result: TraceResult, as_json: bool) -> None:
    out = sys.stdout
    if as_json:
        for pack in result.packs:
            out.write(json.dumps(pack.to_json(), ensure_ascii=False) + "\n")
        out.write(json.dumps({"summary": result.summary()}) + "\n")
        return
    for p in result.packs:
        who = f"patient {p.patient}" if p.patient else "no patient"
        when = f" on {p.dispensed_at[:16].replace('T', ' ')}" if p.dispensed_at else ""
        out.write(f"{p.status:9} {p.gtin} {p.serial} batch {p.lot}{when} {who}\n")
    s = result.summary()
    out.write(
        f"{s['dispensed']} dispensed, {s['queued']} queued, {s['checked']} checked, {s['returned']} returned;"
        f" {s['patients']} patient(s) to contact; {s['not_affected']} pack(s) of the batch not affected\n"
    )


def run_import(args: argparse.Namespace) -> int:
    from dispense_app.station.recalls import read_notice_file, trace

    notices = read_notice_file(args.file)
    with _open(args) as station:
        from pathlib import Path

        for notice in notices:
            station.recall_notices.add(notice, source=Path(args.file).name, actor=args.by or _login())
        for notice in notices:
            _print_trace(trace(station, notice), args.json)
    return EXIT_OK


def _notice(station: Station, args: argparse.Namespace) -> RecallNotice:
    from dispense_app.station.recalls import adhoc_notice, stored_notice

    if args.notice:
        if args.lot or args.serial:
            raise UsageError("--notice traces the notice's own scope: leave out --lot and --serial")
        return stored_notice(station, args.notice)
    return adhoc_notice(station, args.gtin, args.pzn, args.lot, args.serial)


def run_trace(args: argparse.Namespace) -> int:
    from dispense_app.station.recalls import trace

    with _open(args, create=False) as station:
        _print_trace(trace(station, _notice(station, args)), args.json)
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    with _open(args, create=False) as station:
        for n in station.recall_notices.notices():
            data: dict[str, Any] = {
                "notice_id": n.notice_id, "reason": n.reason, "issued": n.issued, "source": n.source,
                "imported_at": n.imported_at, "imported_by": n.imported_by,
                "batches": [{"gtin": g, "lot": lot, "scope": s.to_json()} for g, lot, s in n.batches],
            }
            if args.json:
                sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                scope = "; ".join(f"{g} {lot}: {s.describe()}" for g, lot, s in n.batches)
                sys.stdout.write(f"{n.notice_id}  {n.issued or '-'}  {n.reason or ''}  [{scope}]\n")
    return EXIT_OK


def run_contacts(args: argparse.Namespace) -> int:
    from dispense_app.station.recalls import export_contacts, stored_notice

    with _open(args, create=False) as station:
        notice = stored_notice(station, args.notice_id)
        summary = export_contacts(station, notice, args.format, args.output, actor=args.by or _login())
    if args.json:
        sys.stdout.write(json.dumps({"ok": True, **summary.to_json()}) + "\n")
    else:
        sys.stdout.write(f"wrote {summary.rows} patient line(s) to {summary.path} (sha256 {summary.sha256})\n")
    return EXIT_OK


def run_contacted(args: argparse.Namespace) -> int:
    from dispense_app.station.recalls import stored_notice

    if len(args.note) > 500:
        raise UsageError("--note: at most 500 characters")
    with _open(args, create=False) as station:
        stored_notice(station, args.notice_id)
        station.dispense_record(args.dispense_id)
        c = station.recall_notices.mark_contacted(args.notice_id, args.dispense_id, by=args.by or _login(),
                                                  note=args.note)
    if args.json:
        sys.stdout.write(json.dumps({"notice_id": c.notice_id, "dispense_id": c.dispense_id,
                                     "contacted_at": c.contacted_at, "contacted_by": c.contacted_by,
                                     "note": c.note}) + "\n")
    else:
        sys.stdout.write(f"{c.dispense_id}: contacted ({c.contacted_at})\n")
    return EXIT_OK
