"""Shared command-line plumbing of ``verify``, ``dispense``, ``undo``, ``destroy`` and ``sample``.

Codes come as arguments (``\\xHH`` escapes decoded, e.g. ``\\x1d`` for GS), from ``--file FILE``
(one code per line) or ``--stdin`` (one per line). ``--wedge``: the input is what a keyboard-wedge
scanner typed; the station's saved scanner profile is applied by the scanner gate. ``--manual``:
typed from the printed text (the hub is told: manual entry). Output: one JSON line per pack with
``--json`` (DESIGN.md contract), else one readable block per pack. Exit 0 fine, 1 any STOP (or
parse errors), 2 usage or environment, 3 a pack could not be checked with the hub (and not queued).

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

from dispense_app.cli import EXIT_NEGATIVE, EXIT_OK, EXIT_UNCHECKED, UsageError, add_common
from dispense_app.commands._text import plural
from dispense_app.core.model import EntryMode
from dispense_app.core.operators import Action
from dispense_app.errors import NotAllowed

if TYPE_CHECKING:
    from dispense_app.station import StationSession
    from dispense_app.store import Station
    from dispense_app.workflow.outcome import PackOutcome
    from dispense_app.workflow.scan import ScanInput

ENV_OPERATOR = "DISPENSE_APP_OPERATOR"
ENV_PIN = "DISPENSE_APP_PIN"
MAX_CODES = 10_000
MAX_FILE = 10 * 1024 * 1024
MAX_LINE = 64 * 1024  # one line of --stdin
CODE_HELP = "pack code as scanned (\\xHH escapes, e.g. \\x1d for GS; at most 7100 characters)"
EXIT_INTERRUPTED = 130  # Ctrl+C, as a shell reports it


def add_pack_arguments(p: argparse.ArgumentParser, *, many: bool = True) -> None:
    add_common(p, hub=True)
    p.add_argument(
        "codes",
        nargs="*" if many else "?",
        metavar="CODE",
        help=(CODE_HELP + "; several allowed") if many else CODE_HELP,
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


def _given(args: argparse.Namespace) -> list[str]:
    return args.codes if isinstance(args.codes, list) else ([args.codes] if args.codes else [])


def check_input_given(args: argparse.Namespace) -> None:
    """Refuse (exit 2) before anything is opened when no code, --file or --stdin is given."""
    if not _given(args) and not args.file and not args.stdin:
        raise UsageError("no pack code given (CODE, --file FILE or --stdin)")


def iter_scans(args: argparse.Namespace) -> Iterator[ScanInput]:
    """Every code given on the command line, in a file, then on stdin, as ScanInputs. Standard
    input is read line by line: each scan is yielded as soon as its line has arrived."""
    from dispense_app.workflow.scan import ScanInput
    from scanner.escapes import decode_escapes

    check_input_given(args)
    mode = EntryMode.MANUAL if args.manual else EntryMode.SCAN
    wedge = bool(args.wedge)
    for c in _given(args):  # typed characters, as a DataMatrix holds them
        yield ScanInput(decode_escapes(c, literals="latin-1"), mode, wedge=wedge)
    if args.file:
        path = Path(args.file)
        try:
            if path.is_dir():
                raise UsageError(f"{args.file} is a folder, not a file of codes")
            if path.stat().st_size > MAX_FILE:
                raise UsageError(f"{args.file} is larger than {MAX_FILE // (1024 * 1024)} MB")
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read {args.file}: {exc.strerror or exc}") from None
        for line in _lines(data):
            yield ScanInput(decode_escapes(line.decode("utf-8", "surrogateescape")), mode, wedge=wedge)
    if args.stdin:
        while True:
            line = sys.stdin.buffer.readline(MAX_LINE + 1)
            if not line:
                return
            if len(line) > MAX_LINE and not line.endswith(b"\n"):
                raise UsageError(f"a line on standard input is longer than {MAX_LINE} bytes")
            line = line.rstrip(b"\r\n")
            if line.strip():
                yield ScanInput(decode_escapes(line.decode("utf-8", "surrogateescape")), mode, wedge=wedge)


def collect_scans(args: argparse.Namespace) -> list[ScanInput]:
    """Every code at once (``--bulk``: one hub request for all of them)."""
    scans: list[ScanInput] = []
    for scan in iter_scans(args):
        scans.append(scan)
        if len(scans) > MAX_CODES:
            raise UsageError(f"at most {MAX_CODES} codes at once")
    if not scans:
        raise UsageError("no pack code given (CODE, --file FILE or --stdin)")
    return scans


def run_each(
    args: argparse.Namespace, session: StationSession, handle: Callable[[ScanInput], Sequence[PackOutcome]]
) -> int:
    """Answer each scan as it arrives (one JSON line or text block per pack, flushed), so scans typed
    or piped into ``--stdin`` are answered at once. Ctrl+C stops reading and says what was recorded
    and what waits in the outbox. The exit status is :func:`exit_status` of every answer."""
    outcomes: list[PackOutcome] = []
    try:
        for scan in iter_scans(args):
            for o in handle(scan):
                outcomes.append(o)
                print(emit_line(o, args.json), flush=True)
    except KeyboardInterrupt:
        print(f"dispense-app: {interrupted(outcomes, session)}", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED
    if not outcomes:
        raise UsageError("no pack code given (CODE, --file FILE or --stdin): standard input was empty")
    return exit_status(outcomes)


def interrupted(outcomes: Sequence[PackOutcome], session: StationSession) -> str:
    """What a Ctrl+C leaves behind, in one line."""
    recorded = sum(1 for o in outcomes if o.dispense_id is not None)
    queued = sum(1 for o in outcomes if o.verdict.queue)
    alerts = sum(1 for o in outcomes if o.alert is not None)
    try:
        waiting = session.station.pending_count()
    except Exception:  # the store is busy or gone: say what is known
        waiting = None
    text = (
        f"stopped (Ctrl+C) after {plural(len(outcomes), 'pack')}: {recorded} recorded here, {queued} queued for "
        f"the hub, {plural(alerts, 'alert')} recorded"
    )
    if waiting:
        text += f"; {waiting} waiting in the outbox (send them with `dispense-app sync`)"
    return text + "; lines not yet answered were not handled"


def signed_in(station: Station, login: str | None, action: Action) -> str | None:
    """The operator for a command that works on the store directly: checked against the station's
    accounts when it has any (PIN from ``DISPENSE_APP_PIN``), else the name as given. Refusals are
    known conditions (exit 2)."""
    from dispense_app.workflow.operators_store import OperatorDirectory, SignInError

    directory = OperatorDirectory(station)
    try:
        op = directory.require(login, sign_in_pin(directory.enabled, login), action)
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
            session.authorize(action, operator, sign_in_pin(session.operators.enabled, operator))
        yield session


def sign_in_pin(accounts: bool, login: str | None) -> str | None:
    """The PIN for a command-line sign-in: env ``DISPENSE_APP_PIN``, else asked for on a terminal.
    When the station has operator ``accounts``, a missing login or PIN is refused saying which one
    is missing (a wrong PIN still gets the one uninformative answer of the sign-in itself)."""
    pin = os.environ.get(ENV_PIN) or None
    if not accounts:
        return pin
    if not login:
        raise NotAllowed(
            "sign-in needed: this station has operator accounts; give your login with --operator LOGIN "
            f"(or env {ENV_OPERATOR}) and your PIN in env {ENV_PIN}"
        )
    if pin is None and sys.stdin.isatty() and sys.stderr.isatty():
        import getpass

        pin = getpass.getpass(f"PIN or password for {login}: ") or None
    if pin is None:
        raise NotAllowed(
            f"sign-in needed: no PIN given for {login}: set env {ENV_PIN} (or run on a terminal to be asked for it)"
        )
    return pin


def emit(outcomes: Sequence[PackOutcome], as_json: bool, out: Callable[[str], None] = print) -> int:
    """Print one line (JSON) or block (text) per pack; the exit status (:func:`exit_status`)."""
    for o in outcomes:
        out(emit_line(o, as_json))
    return exit_status(outcomes)


def emit_line(o: PackOutcome, as_json: bool) -> str:
    return json.dumps(o.to_json(), ensure_ascii=False, default=str) if as_json else format_text(o)


def negative(o: PackOutcome) -> bool:
    """A STOP, or a parse error (a wrong barcode too, an amber WARN): a negative answer."""
    return o.stop or bool(o.prepared.problems)


def unchecked(o: PackOutcome) -> bool:
    """The hub could not be asked about this pack (offline or a hub fault) and it was not queued
    for later: DESIGN.md's exit 3. (An offline dispense that is recorded and queued exits 0.)"""
    return o.verdict.offline and not o.verdict.queue


def exit_status(outcomes: Sequence[PackOutcome]) -> int:
    """1 when any answer is negative, else 3 when any pack could not be checked with the hub, else 0."""
    if any(negative(o) for o in outcomes):
        return EXIT_NEGATIVE
    return EXIT_UNCHECKED if any(unchecked(o) for o in outcomes) else EXIT_OK


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
