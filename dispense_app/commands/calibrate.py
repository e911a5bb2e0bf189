"""``dispense-app calibrate``: the scanner test sheet and the keyboard-wedge scanner profile.

* ``--print-sheet [--json]``: the raw contents of the test sheet's codes in sheet order. JSON:
  ``{"sheet_version": 1, "codes": [{"name", "text", "gs1", "aim"}]}``; ``text`` holds GS/RS/EOT as
  the real characters (JSON writes them ``\\u001d``, ``\\u001e``, ``\\u0004``), ``gs1`` says the
  code is a GS1 DataMatrix (FNC1 first; read back with AIM ``]d2``), ``aim`` the AIM identifier a
  scanner reports for it.
* ``--stdin``: reads what a keyboard-wedge scanner typed for each sheet code (one scan per line,
  in order), infers the profile, saves it in the home folder when consistent, and prints
  ``{"ok", "profile", "findings": [{"code", "message"}], "advice": [...]}``.
  Exit 0 ok, 1 no consistent profile (nothing saved), 2 usage.
* ``--show``: the saved profile (exit 1 when there is none).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from dispense_app.cli import EXIT_NEGATIVE, EXIT_OK, UsageError, add_common
from dispense_app.paths import resolve_home

if TYPE_CHECKING:
    from scanner.gate import GateResult

NO_PROFILE_ADVICE = ("no scanner profile in {home}: print the scanner test sheet (dispense-app labels --scanner-test "
                     "-o sheet.pdf), scan its codes in order into `dispense-app calibrate --stdin`, then try again")


def admit_wedge_input(data: bytes | str, home_arg: str | None) -> GateResult:
    """What ``--wedge`` does for ``parse``, ``verify`` and ``dispense``: apply the station's saved
    scanner profile to what a keyboard-wedge scanner typed and pass it through the gate.

    Raises :class:`UsageError` (exit 2) when no profile has been saved (advice: calibrate).
    """
    from scanner.calibration import load_profile
    from scanner.gate import admit

    home = resolve_home(home_arg)
    profile = load_profile(home)
    if profile is None:
        raise UsageError(NO_PROFILE_ADVICE.format(home=home))
    text = data if isinstance(data, str) else data.decode("utf-8", errors="replace")
    if text.endswith("\n"):
        text = text[:-1]  # the Enter that ended the line on stdin
    return admit(text, profile)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "calibrate",
        help="scanner test sheet contents; infer and save the keyboard-wedge scanner profile",
        description="Print the scanner test sheet's contents, or read what a keyboard-wedge scanner typed for it "
                    "(one scan per line, in sheet order) and save the scanner profile it implies.",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--print-sheet", action="store_true", help="print the raw contents of the sheet's codes")
    mode.add_argument("--stdin", action="store_true", help="read the scans of the sheet from stdin, one per line")
    mode.add_argument("--show", action="store_true", help="print the saved scanner profile")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scanner import calibration
    from scanner.scan_event import visible

    if args.print_sheet:
        codes = [{"name": c.name, "text": c.text, "gs1": c.gs1, "aim": c.aim} for c in calibration.SHEET]
        if args.json:
            print(json.dumps({"sheet_version": calibration.SHEET_VERSION, "codes": codes}))
        else:
            for i, c in enumerate(calibration.SHEET, start=1):
                print(f"{i}. {c.name} ({'GS1 DataMatrix' if c.gs1 else 'DataMatrix'}, {c.aim}): {visible(c.text)}")
        return EXIT_OK
    if args.stdin:
        home = resolve_home(args.home)
        data = sys.stdin.buffer.read()
        text = data.decode("utf-8", errors="replace")
        result = calibration.calibrate(text)
        if result.ok and result.profile is not None:
            calibration.save_profile(home, result.profile)
        print(json.dumps(result.to_json()))
        return EXIT_OK if result.ok else EXIT_NEGATIVE
    if args.show:
        home = resolve_home(args.home)
        profile = calibration.load_profile(home)
        if profile is None:
            print(f"no scanner profile in {home}: run `dispense-app calibrate --stdin`", file=sys.stderr)
            return EXIT_NEGATIVE
        print(json.dumps(profile.to_json()))
        return EXIT_OK
    raise UsageError("calibrate needs --print-sheet, --stdin or --show")
