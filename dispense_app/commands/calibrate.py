"""``dispense-app calibrate``: the scanner test sheet and the keyboard-wedge scanner profile.

* ``--print-sheet [--json]``: the raw contents of the test sheet's codes in sheet order. JSON:
  ``{"sheet_version": 1, "codes": [{"name", "text", "gs1", "aim"}]}``; ``text`` holds GS/RS/EOT as
  the real characters (JSON writes them ``\\u001d``, ``\\u001e``, ``\\u0004``), ``gs1`` says the
  code is a GS1 DataMatrix (FNC1 first; read back with AIM ``]d2``), ``aim`` the AIM identifier a
  scanner reports for it.
* ``--stdin``: reads what a keyboard-wedge scanner typed for each sheet code (one scan per line,
  in order), infers the profile, saves it in the home folder when consistent, and prints what it
  found and what to change on the scanner (``--json``: ``{"ok", "profile", "findings": [{"code",
  "message"}], "advice": [...]}``). On a terminal it asks for each code in turn.
  Exit 0 ok, 1 no consistent profile (nothing saved), 2 usage.
* ``--show``: the saved profile, as text or ``--json`` (exit 1 when there is none).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dispense_app.cli import EXIT_NEGATIVE, EXIT_OK, UsageError, add_common
from dispense_app.paths import resolve_home

if TYPE_CHECKING:
    from scanner.gate import GateResult

MAX_SCAN = 64 * 1024  # one scanned line

NO_PROFILE_ADVICE = ("no scanner profile in {home}: print the scanner test sheet (dispense-app labels --scanner-test "
                     "-o sheet.pdf), scan its codes in order into `dispense-app calibrate --stdin`, then try again")


def admit_wedge_input(data: bytes | str, home_arg: str | None) -> GateResult:
    """What ``--wedge`` does for ``parse``, ``verify`` and ``dispense``: apply the station's saved
    scanner profile to what a keyboard-wedge scanner typed and pass it through the gate.

    Raises :class:`UsageError` (exit 2) when no profile has been saved (advice: calibrate).
    """
    from scanner.calibration import load_profile
    from scanner.gate import admit

    home = resolve_home(home_arg, create=False)
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
        result = calibration.calibrate(_read_scans(len(calibration.SHEET)).decode("utf-8", errors="replace"))
        if result.ok and result.profile is not None:
            calibration.save_profile(home, result.profile)
        doc = result.to_json()
        if args.json:
            print(json.dumps(doc))
        else:
            print(_result_text(doc, home))
        return EXIT_OK if result.ok else EXIT_NEGATIVE
    if args.show:
        home = resolve_home(args.home, create=False)
        profile = calibration.load_profile(home)
        if profile is None:
            print(f"no scanner profile in {home}: run `dispense-app calibrate --stdin`", file=sys.stderr)
            return EXIT_NEGATIVE
        print(json.dumps(profile.to_json()) if args.json else _profile_text(profile.to_json(), home))
        return EXIT_OK
    raise UsageError("calibrate needs --print-sheet, --stdin or --show")


def _read_scans(count: int) -> bytes:
    """What the scanner typed, line by line as it arrives (raw line endings kept: they tell the
    scanner's suffix). On a terminal each sheet code is asked for, and reading stops after the last."""
    tty = sys.stdin.isatty()
    chunks: list[bytes] = []
    got = 0
    while True:
        if tty and got < count:
            print(f"scan code {got + 1} of {count} of the test sheet:", file=sys.stderr, flush=True)
        line = sys.stdin.buffer.readline(MAX_SCAN)
        if not line:
            break
        chunks.append(line)
        got += bool(line.strip())
        if tty and got >= count:
            break
    return b"".join(chunks)


def _result_text(doc: dict[str, Any], home: Path) -> str:
    """What calibrate --stdin found and what to change on the scanner, in plain lines."""
    if doc["ok"]:
        lines = [f"scanner profile saved in {home}: {_profile_summary(doc['profile'])}"]
    else:
        lines = ["no consistent scanner profile could be inferred: nothing saved (rescan the sheet in order)"]
    lines += ["found:", *(f"  - {f['message']}" for f in doc["findings"])]
    if doc["advice"]:
        lines += ["what to change on the scanner:", *(f"  - {a}" for a in doc["advice"])]
    else:
        lines.append("nothing to change on the scanner")
    return "\n".join(lines)


def _profile_summary(profile: dict[str, Any]) -> str:
    parts = [f"scanner layout {profile['scanner_layout']}, computer layout {profile['host_layout']}"]
    if profile.get("caps_lock"):
        parts.append("Caps Lock corrected")
    parts.append(f"GS {profile['gs']['mode']}")
    parts.append("AIM prefix" if profile.get("aim") else "no AIM prefix")
    if profile.get("suffix"):
        parts.append(f"ends with {profile['suffix']}")
    return ", ".join(parts)


def _profile_text(profile: dict[str, Any], home: Path) -> str:
    return f"scanner profile in {home} (saved {profile.get('created_at') or '-'}): {_profile_summary(profile)}"
