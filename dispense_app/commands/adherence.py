"""``dispense-app adherence PATIENT [--json] [--as-of DATE]``: proportion of days covered and refills.

Per medication: PDC over 180 and 365 days (overlaps shifted, supply carried in), early and late
refills, run-out date, overdue flag, and the notes. ``--note TEXT --medication MED`` adds a note
(author: ``--operator``). Fills count when the dispense had a prescription with days of therapy.
Exit 0; 2 on usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from dispense_app.cli import add_common

    p = subparsers.add_parser(
        "adherence",
        help="a patient's adherence (PDC over 180/365 days, refills, notes)",
        description="Proportion of days covered, early/late refills and notes, from this station's dispenses.",
    )
    add_common(p)
    p.add_argument("patient", metavar="PATIENT", help="patient reference, e.g. Patient/123")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="end of the period, YYYY-MM-DD (default: today)")
    p.add_argument("--note", metavar="TEXT", help="add a note (with --medication)")
    p.add_argument(
        "--medication",
        help="the medication the note is about: one of the patient's, in any case (metformin = Metformin 500 mg)",
    )
    p.add_argument("--operator", help="author of the note (env DISPENSE_APP_OPERATOR)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dispense_app.cli import EXIT_OK, UsageError
    from dispense_app.commands._text import plural
    from dispense_app.paths import resolve_home
    from dispense_app.store import Station
    from dispense_app.workflow.adherence_store import add_note, match_medication, patient_report

    if not args.patient.strip() or len(args.patient) > 200:
        raise UsageError("PATIENT must be a patient reference of 1-200 characters")
    try:
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else dt.date.today()
    except ValueError:
        raise UsageError(f"--as-of must be YYYY-MM-DD, not {args.as_of!r}") from None
    writes = args.note is not None  # a report alone is read-only: it never creates a data folder
    with Station.open(resolve_home(args.home, create=writes), create=writes) as station:
        if args.note is not None:
            from dispense_app.commands._packs import signed_in
            from dispense_app.core.operators import Action

            author = signed_in(station, args.operator or os.environ.get("DISPENSE_APP_OPERATOR"), Action.ADHERENCE_NOTE)
            if not args.medication or not author:
                raise UsageError("--note needs --medication and --operator")
            try:
                medication = match_medication(station, args.patient, args.medication, as_of)
                add_note(station, args.patient, medication, author, args.note, dt.datetime.now(dt.UTC))
            except ValueError as exc:
                raise UsageError(str(exc)) from None
        rep, unknown = patient_report(station, args.patient, as_of)
    doc = rep.to_json()
    doc["fills_without_days"] = unknown
    if args.json:
        print(json.dumps(doc, ensure_ascii=False))
        return EXIT_OK
    print(f"{doc['patient']}  as of {doc['as_of']}  (adherent: PDC >= {doc['threshold']:.2f})")
    if not doc["medications"]:
        print("  no dispenses with days of therapy recorded here")
    for m in doc["medications"]:
        p180, p365 = m["pdc_180"]["pdc"], m["pdc_365"]["pdc"]
        print(
            f"  {m['medication']}: PDC 180 d {_fmt(p180)}, 365 d {_fmt(p365)}; early refills {m['early_refills']},"
            f" late {m['late_refills']}; supply until {m['run_out'] or '-'}{'  OVERDUE' if m['overdue'] else ''}"
        )
        for n in m["notes"]:
            print(f"    note {n['at'][:16]} {n['author']}: {n['text']}")
    if unknown:
        verb = "is" if unknown == 1 else "are"
        print(f"  ({plural(unknown, 'dispense')} without days of therapy {verb} not counted)")
    return EXIT_OK


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
