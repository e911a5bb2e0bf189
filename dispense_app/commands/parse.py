"""``dispense-app parse [CODE] [--stdin] [--json]``: parse one scanned pack code.

Exit status 0 for a valid pack code, 1 for anything else (the errors say why), 2 for usage errors.
The bytes to parse come from :func:`read_input`, the one place that knows where input comes
from (CODE with ``\\xHH`` escapes, or stdin): wrappers such as a keyboard-wedge profile can
replace or wrap it.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from dispense_app.cli import EXIT_NEGATIVE, EXIT_OK, UsageError, add_common
from scanner.escapes import decode_escapes


def register(subparsers: Any) -> None:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "parse",
        help="parse a scanned pack code (GS1, GS1 Digital Link, IFA) and check it",
        description="Parse one scanned pack code. CODE may hold \\xHH escapes (e.g. \\x1d for GS); "
        "--stdin reads the raw bytes of standard input instead. Exit 0 for a valid pack code, 1 otherwise.",
    )
    p.add_argument(
        "code", nargs="?", metavar="CODE",
        help="the code, with \\xHH escapes for control characters (at most 7100 characters)",
    )
    p.add_argument("--stdin", action="store_true", help="read the raw bytes of standard input")
    p.add_argument("--wedge", action="store_true",
                   help="the input is what a keyboard-wedge scanner typed: apply the saved scanner profile "
                        "(dispense-app calibrate) and the scanner gate before parsing")
    add_common(p)
    p.set_defaults(func=run)




def read_input(args: argparse.Namespace) -> bytes:
    """The bytes to parse, from CODE or stdin. Raises UsageError when neither or both are given."""
    if args.stdin and args.code is not None:
        raise UsageError("give CODE or --stdin, not both")
    if args.stdin:
        return sys.stdin.buffer.read()
    if args.code is None:
        raise UsageError("no code given: pass CODE (with \\xHH escapes) or --stdin")
    return decode_escapes(args.code, literals="latin-1")


def run(args: argparse.Namespace) -> int:
    from scanner.parsing import parse

    if getattr(args, "wedge", False):
        return _run_wedge(args)
    code = parse(read_input(args))
    if args.json:
        print(json.dumps(code.to_json()))
    else:
        print(summary(code.to_json()))
    return EXIT_OK if code.ok else EXIT_NEGATIVE


def _run_wedge(args: argparse.Namespace) -> int:
    """``--wedge``: the input bytes go through the scanner profile and the gate (owned by the
    scanner-input code, :func:`dispense_app.commands.calibrate.admit_wedge_input`)."""
    from dispense_app.commands.calibrate import admit_wedge_input

    result = admit_wedge_input(read_input(args), args.home)
    doc = result.to_parse_json()
    if args.json:
        print(json.dumps(doc))
    else:
        print(summary(doc))
        wedge = doc["wedge"]
        for line in [*wedge["corrections"], *wedge["repaired"]]:
            print(_printable(f"  scanner: {line}"))
        if not result.admitted:
            print(_printable(f"  STOPPED before the hub: {wedge['message']}"))
    return EXIT_OK if result.admitted else EXIT_NEGATIVE


def summary(doc: dict[str, Any]) -> str:
    """A short human-readable account of a parse result (the JSON document)."""
    scheme = {"gs1": "GS1", "gs1-dl": "GS1 Digital Link", "ifa": "IFA"}.get(doc["scheme"] or "", "unknown format")
    head = "valid pack code" if doc["ok"] else "NOT a valid pack code"
    lines = [f"{head} ({scheme}{', ' + doc['symbology'] if doc['symbology'] else ''})"]
    for key in ("gtin", "ppn", "pzn", "serial", "lot", "expiry"):
        if doc[key] is not None:
            lines.append(f"  {key:<7} {doc[key]}")
    for ai, value in (doc["nhrn"] or {}).items():
        lines.append(f"  NHRN ({ai}) {value}")
    for kind, items in (("error", doc["errors"]), ("warning", doc["warnings"])):
        for e in items:
            lines.append(f"  {kind}: {e['code']}: {e['message']}")
            for cand in e.get("candidates") or []:
                lines.append("    possible reading: " + "".join(f"({k}){v}" for k, v in cand.items()))
    return "\n".join(_printable(line) for line in lines)


def _printable(text: str) -> str:
    """Control characters shown as <GS>, <RS>, <EOT> or \\xHH so a terminal is never confused."""
    names = {0x1D: "<GS>", 0x1E: "<RS>", 0x04: "<EOT>"}
    return "".join(c if c.isprintable() else names.get(ord(c), f"\\x{ord(c):02x}") for c in text)
