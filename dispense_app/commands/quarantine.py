"""``dispense-app quarantine``: suspect and illegitimate product (US DSCSA, 21 U.S.C. 360eee-1(d)).

* ``quarantine list [--open] [--status S] [--json]``: one record per line (``--json``: one JSON object
  per line with every field, ``checks_required``/``checks_done`` and ``report_due``).
* ``quarantine show ID [--json]``: one record, with the investigation guidance and the 24-hour clock.
* ``quarantine add CODE --reason TEXT``: quarantine a pack found suspect without a VRS answer saying so.
* ``quarantine update ID [--on-hand N] [--partner TEXT] [--note TEXT]``: the count of suspect product
  on hand (sets the "3 packs or 10 %" guidance), who it came from, a note.
* ``quarantine confirm-illegitimate ID [--note TEXT]``: the pharmacist's determination; the 24-hour
  clock for FDA Form 3911 and the trading-partner notices starts.
* ``quarantine submitted ID [--note TEXT]``: Form 3911 filed and partners notified (the clock stops).
* ``quarantine release ID [--note TEXT]``: the investigation cleared a suspect pack.
* ``quarantine form3911 ID -o FILE.pdf``: the pre-filled Form 3911 draft; ``quarantine notice ID``
  prints the trading-partner notification text.
* ``quarantine purge [--apply]``: closed records older than 6 years (a dry run unless ``--apply``).

Changes need ``--operator LOGIN`` (PIN from ``DISPENSE_APP_PIN``) when the station has operator
accounts. Exit 0 done; 1 unknown record or a refused status change (e.g. releasing an illegitimate
pack); 2 usage or environment.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from dispense_app.cli import EXIT_NEGATIVE, EXIT_OK, UsageError, add_common

if TYPE_CHECKING:
    from dispense_app.core.quarantine import QuarantineRecord
    from dispense_app.station.quarantine import StationQuarantine


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "quarantine", help="suspect and illegitimate product (US DSCSA)", description=(__doc__ or "").splitlines()[0]
    )
    sub = p.add_subparsers(dest="quarantine_command", metavar="ACTION", required=True)

    ls = sub.add_parser("list", help="the quarantine records, newest first")
    add_common(ls)
    ls.add_argument("--open", action="store_true", help="only open records (suspect, illegitimate)")
    ls.add_argument("--status", choices=("suspect", "illegitimate", "submitted", "released"))
    ls.set_defaults(func=run_list)

    show = sub.add_parser("show", help="one record, its guidance and its 24-hour clock")
    add_common(show)
    show.add_argument("qid", metavar="ID")
    show.set_defaults(func=run_show)

    add = sub.add_parser("add", help="quarantine a pack found suspect without a VRS answer saying so")
    add_common(add)
    add.add_argument("code", metavar="CODE", help="the pack's code as scanned (\\xHH escapes, e.g. \\x1d for GS)")
    add.add_argument("--reason", required=True, metavar="TEXT", help="why the pack is suspect")
    add.add_argument("--operator", help="operator login (PIN from DISPENSE_APP_PIN)")
    add.set_defaults(func=run_add)

    up = sub.add_parser("update", help="count on hand, trading partner, a note")
    _changing(up)
    up.add_argument("--on-hand", type=int, metavar="N", help="packs of the suspect product on hand")
    up.add_argument("--partner", metavar="TEXT", help="the trading partner the pack came from")
    up.set_defaults(func=run_update)

    for name, help_text in (
        ("confirm-illegitimate", "determine the product illegitimate (the 24-hour clock starts)"),
        ("submitted", "FDA Form 3911 filed and trading partners notified"),
        ("release", "the investigation cleared the pack: back to stock"),
    ):
        c = sub.add_parser(name, help=help_text)
        _changing(c)
        c.set_defaults(func=run_move, move=name)

    form = sub.add_parser("form3911", help="write the pre-filled FDA Form 3911 draft (PDF)")
    _changing(form, note=False)
    form.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    form.set_defaults(func=run_form)

    notice = sub.add_parser("notice", help="print the trading-partner notification text")
    add_common(notice)
    notice.add_argument("qid", metavar="ID")
    notice.set_defaults(func=run_notice)

    purge = sub.add_parser("purge", help="remove closed records older than 6 years (dry run by default)")
    add_common(purge)
    purge.add_argument("--apply", action="store_true")
    purge.add_argument("--operator", help="operator login (PIN from DISPENSE_APP_PIN)")
    purge.set_defaults(func=run_purge)


def _changing(p: argparse.ArgumentParser, *, note: bool = True) -> None:
    add_common(p)
    p.add_argument("qid", metavar="ID")
    if note:
        p.add_argument("--note", metavar="TEXT")
    p.add_argument("--operator", help="operator login (PIN from DISPENSE_APP_PIN)")


def _open(args: argparse.Namespace, action: str | None) -> StationQuarantine:
    from dispense_app.commands._packs import ENV_OPERATOR, signed_in
    from dispense_app.core.operators import Action
    from dispense_app.paths import resolve_home
    from dispense_app.station.quarantine import StationQuarantine
    from dispense_app.store import Station

    station = Station.open(resolve_home(args.home), create=False)
    actor = None
    if action is not None:
        login = getattr(args, "operator", None) or os.environ.get(ENV_OPERATOR) or _login()
        try:
            actor = signed_in(station, login, Action(action))
        except BaseException:
            station.close()
            raise
    return StationQuarantine(station, actor=actor)


def _login() -> str | None:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None


def _text(rec: QuarantineRecord, q: StationQuarantine) -> str:
    head = f"{rec.id}  {rec.status.value:12}  {rec.gtin}  serial {rec.serial}  lot {rec.lot or '-'}  {rec.reason}"
    lines = [head]
    if rec.status.open:
        lines.append(f"      {q.guidance(rec)}")
    clock = q.clock_text(rec)
    if clock:
        lines.append(f"      {clock}")
    return "\n".join(lines)


def _emit(args: argparse.Namespace, rec: QuarantineRecord, q: StationQuarantine) -> None:
    if args.json:
        doc: dict[str, Any] = rec.to_json()
        doc["guidance"] = q.guidance(rec) if rec.status.open else None
        doc["clock"] = q.clock_text(rec) or None
        print(json.dumps(doc, ensure_ascii=False))
    else:
        print(_text(rec, q))


def run_list(args: argparse.Namespace) -> int:
    q = _open(args, None)
    try:
        for rec in q.records(open_only=args.open, status=args.status):
            _emit(args, rec, q)
    finally:
        q.station.close()
    return EXIT_OK


def _one(args: argparse.Namespace, action: str | None, work: Any) -> int:
    from dispense_app.store import InvalidTransitionError, UnknownRecordError

    q = _open(args, action)
    try:
        rec = work(q)
    except (UnknownRecordError, InvalidTransitionError) as exc:
        print(f"dispense-app: {exc}", file=sys.stderr)
        return EXIT_NEGATIVE
    finally:
        q.station.close()
    if rec is not None:
        _emit(args, rec, q)
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    return _one(args, None, lambda q: q.get(args.qid))


def run_add(args: argparse.Namespace) -> int:
    from scanner.escapes import decode_escapes

    code = decode_escapes(args.code, literals="latin-1")
    q = _open(args, "alert-follow-up")
    try:
        rec = q.add_manual(code, args.reason)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    finally:
        q.station.close()
    _emit(args, rec, q)
    return EXIT_OK


def run_update(args: argparse.Namespace) -> int:
    if args.on_hand is None and not args.partner and not args.note:
        raise UsageError("nothing to change: give --on-hand, --partner or --note")
    if args.on_hand is not None and not 0 <= args.on_hand <= 1_000_000:
        raise UsageError("--on-hand must be 0 to 1000000")
    return _one(
        args,
        "alert-follow-up",
        lambda q: q.update(args.qid, on_hand=args.on_hand, trading_partner=args.partner, note=args.note),
    )


def run_move(args: argparse.Namespace) -> int:
    method = {"confirm-illegitimate": "confirm_illegitimate", "submitted": "mark_submitted", "release": "release"}
    return _one(args, "alert-close", lambda q: getattr(q, method[args.move])(args.qid, args.note))


def run_form(args: argparse.Namespace) -> int:
    # an unusable output path is an ExportError: a known condition (exit 2, one line)
    code = _one(args, "alert-follow-up", lambda q: q.write_form3911(args.qid, args.output) and None)
    if code == EXIT_OK and not args.json:
        print(f"Form 3911 draft written to {args.output}")
    elif code == EXIT_OK:
        print(json.dumps({"ok": True, "id": args.qid, "file": args.output}))
    return code


def run_notice(args: argparse.Namespace) -> int:
    from dispense_app.store import UnknownRecordError

    q = _open(args, None)
    try:
        text = q.notification(args.qid)
    except UnknownRecordError as exc:
        print(f"dispense-app: {exc}", file=sys.stderr)
        return EXIT_NEGATIVE
    finally:
        q.station.close()
    print(json.dumps({"id": args.qid, "text": text}) if args.json else text)
    return EXIT_OK


def run_purge(args: argparse.Namespace) -> int:
    q = _open(args, "alert-close")
    try:
        ids = q.purge(apply=args.apply)
    finally:
        q.station.close()
    doc = {"applied": bool(args.apply), "records": ids, "count": len(ids)}
    verb = "removed" if args.apply else "would remove"
    print(json.dumps(doc) if args.json else f"{verb} {len(ids)} closed record(s) older than 6 years")
    return EXIT_OK
