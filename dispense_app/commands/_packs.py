"""Shared command-line plumbing of ``verify``, ``dispense``, ``undo``, ``destroy`` and ``sample``.

Codes come as arguments (``\\xHH`` escapes decoded, e.g. ``\\x1d`` for GS), from ``--file FILE``
(one code per line) or ``--stdin`` (one per line). ``--wedge``: the input is what a keyboard-wedge
scanner typed; the station's saved scanner profile is applied by the scanner gate. ``--manual``:
typed from the printed text (the hub is told: manual entry). Output: one JSON line per pack with
``--json`` (DESIGN.md contract), else one readable block per pack. Exit 0 fine, 1 any STOP (or
parse errors), 2 usage or environment.

The commands are thin adapters: :func:`open_session` opens the station service
(:func:`dispense_app.station.open_station`) and signs the operator in; the session does the work.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dispense_app.cli import EXIT_NEGATIVE, EXIT_OK, UsageError, add_common
from dispense_app.core.model import EntryMode
from dispense_app.core.operators import Action

if TYPE_CHECKING:
    from dispense_app.station import StationSession
    from dispense_app.store import Station
    from dispense_app.workflow.outcome import PackOutcome
    from dispense_app.workflow.scan import ScanInput

ENV_OPERATOR = "DISPENSE_APP_OPERATOR"
ENV_PIN = "DISPENSE_APP_PIN"
MAX_CODES = 10_000
MAX_FILE = 10 * 1024 * 1024


def add_pack_arguments(p: argparse.ArgumentParser, *, many: bool = True) -> None:
    add_common(p, hub=True)
    p.add_argument(
        "codes",
        nargs="*" if many else "?",
        metavar="CODE",
        help="pack code as scanned (\\xHH escapes, e.g. \\x1d for GS); several allowed" if many else "pack code",
    )
    p.add_argument("--file", metavar="FILE", help="read codes from FILE, one per line")
    p.add_argument("--stdin", action="store_true", help="read codes from standard input, one per line")
    p.add_argument(
        "--wedge", action="store_true", help="input is what a keyboard-wedge scanner typed: apply the profile"
    )
    p.add_argument("--manual", action="store_true", help="typed from the printed text (manual entry for the hub)")
    p.add_argument("--operator", help=f"operator login recorded with every record and alert (env {ENV_OPERATOR})")


def _lines(data: bytes) -> list[bytes]:
    return [line.rstrip(b"\r") for line in data.split(b"\n") if line.strip()]


def collect_scans(args: argparse.Namespace) -> list[ScanInput]:
    """Every code given on the command line, in a file or on stdin, as ScanInputs."""
    from dispense_app.workflow.scan import ScanInput
    from scanner.escapes import decode_escapes

    raw: list[bytes] = []
    codes = args.codes if isinstance(args.codes, list) else ([args.codes] if args.codes else [])
    raw += [decode_escapes(c, literals="latin-1") for c in codes]  # typed characters, as a DataMatrix holds them
    if args.file:
        path = Path(args.file)
        try:
            if path.stat().st_size > MAX_FILE:
                raise UsageError(f"{path} is larger than {MAX_FILE // (1024 * 1024)} MB")
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
        raw += [decode_escapes(line.decode("utf-8", "surrogateescape")) for line in _lines(data)]
    if args.stdin:
        data = sys.stdin.buffer.read(MAX_FILE + 1)
        if len(data) > MAX_FILE:
            raise UsageError("standard input is too large")
        raw += [decode_escapes(line.decode("utf-8", "surrogateescape")) for line in _lines(data)]
    if not raw:
        raise UsageError("no pack code given (CODE, --file FILE or --stdin)")
    if len(raw) > MAX_CODES:
        raise UsageError(f"at most {MAX_CODES} codes at once")
    mode = EntryMode.MANUAL if args.manual else EntryMode.SCAN
    return [ScanInput(r, mode, wedge=bool(args.wedge)) for r in raw]


def signed_in(station: Station, login: str | None, action: Action) -> str | None:
    """The operator for a command that works on the store directly: checked against the station's
    accounts when it has any (PIN from ``DISPENSE_APP_PIN``), else the name as given. Refusals are
    known conditions (exit 2)."""
    from dispense_app.workflow.operators_store import OperatorDirectory, SignInError

    try:
        op = OperatorDirectory(station).require(login, os.environ.get(ENV_PIN), action)
    except SignInError as exc:
        raise UsageError(str(exc)) from None
    return op.login if op is not None else login


@contextmanager
def open_session(
    args: argparse.Namespace, action: Action | None = None, *, need_hub: bool = True
) -> Iterator[StationSession]:
    """The station service for this command, closed afterwards. With ``action``, the operator
    (``--operator`` / ``DISPENSE_APP_OPERATOR``, PIN from ``DISPENSE_APP_PIN``) must be allowed
    to do it when the station has operator accounts. ``--wedge`` needs a saved scanner profile."""
    from dispense_app.paths import resolve_home
    from dispense_app.station import open_station

    home = resolve_home(args.home)
    if getattr(args, "wedge", False):
        from scanner.calibration import load_profile

        if load_profile(home) is None:
            from dispense_app.commands.calibrate import NO_PROFILE_ADVICE

            raise UsageError(NO_PROFILE_ADVICE.format(home=home))
    operator = getattr(args, "operator", None) or os.environ.get(ENV_OPERATOR) or None
    with open_station(
        home,
        hub=getattr(args, "hub", None),
        hub_type=getattr(args, "hub_type", None),
        operator=operator,
        need_hub=need_hub,
    ) as session:
        if action is not None:
            session.authorize(action, operator, os.environ.get(ENV_PIN))
        yield session


def emit(outcomes: Sequence[PackOutcome], as_json: bool, out: Callable[[str], None] = print) -> int:
    """Print one line (JSON) or block (text) per pack; the exit status."""
    for o in outcomes:
        if as_json:
            out(json.dumps(o.to_json(), ensure_ascii=False, default=str))
        else:
            out(format_text(o))
    # a parse error (a wrong barcode too, an amber WARN) is a negative answer
    return EXIT_NEGATIVE if any(o.stop or o.prepared.problems for o in outcomes) else EXIT_OK


def format_text(o: PackOutcome) -> str:
    doc: dict[str, Any] = o.to_json()
    pack = doc["pack"]
    code = pack.get("gtin") or pack.get("ppn") or "-"
    head = f"{doc['verdict'].upper():4}  {code}  serial {pack.get('serial') or '-'}  batch {pack.get('lot') or '-'}"
    if pack.get("expiry"):
        head += f"  exp {pack['expiry']}"
    lines = [head]
    lines += [f"      {m}" for m in doc["messages"]]
    tail = []
    if doc["state"]:
        tail.append(f"state {doc['state']}")
    if doc["return_code"]:
        tail.append(doc["return_code"])
    if doc["queued"]:
        tail.append("queued")
    if doc["alert_id"]:
        tail.append(f"alert {doc['alert_id']}")
    if tail:
        lines.append("      (" + ", ".join(tail) + ")")
    return "\n".join(lines)
