"""Shared command-line plumbing of ``verify``, ``dispense``, ``undo``, ``destroy`` and ``sample``.

Codes come as arguments (``\\xHH`` escapes decoded, e.g. ``\\x1d`` for GS), from ``--file FILE``
(one code per line) or ``--stdin`` (one per line). ``--wedge``: the input is what a keyboard-wedge
scanner typed; the station's saved scanner profile is applied by the scanner gate. ``--manual``:
typed from the printed text (the hub is told: manual entry). Output: one JSON line per pack with
``--json`` (DESIGN.md contract), else one readable block per pack. Exit 0 fine, 1 any STOP (or
parse errors), 2 usage or environment.
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
    from dispense_app.core.prescription import Prescription
    from dispense_app.workflow.outcome import PackOutcome
    from dispense_app.workflow.scan import ScanInput
    from dispense_app.workflow.service import Workflow

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


def load_prescription(path_text: str, rx_id: str | None) -> Prescription:
    """A FHIR R4 JSON file (MedicationRequest or Bundle) or the simple CSV (see docs/workflow.md)."""
    from dispense_app.core.fhir import load_fhir
    from dispense_app.core.prescription import PrescriptionError, load_csv, select

    path = Path(path_text)
    try:
        if path.stat().st_size > MAX_FILE:
            raise UsageError(f"{path} is too large for a prescription")
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the prescription {path}: {exc.strerror or exc}") from None
    try:
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            rx = load_fhir(data)
            if rx_id is not None and rx.rx_id != rx_id:
                raise PrescriptionError(f"the file holds prescription {rx.rx_id}, not {rx_id}")
            return rx
        return select(load_csv(data.decode("utf-8")), rx_id)
    except UnicodeDecodeError:
        raise UsageError(f"the prescription {path} is not UTF-8 text") from None
    except PrescriptionError as exc:
        raise UsageError(f"the prescription {path} cannot be used: {exc}") from None


def signed_in(station: Any, login: str | None, action: Action) -> str | None:
    """The operator for this command: checked against the station's accounts when it has any
    (PIN from ``DISPENSE_APP_PIN``), else the name as given. Refusals are usage errors (exit 2)."""
    from dispense_app.core.operators import PermissionDenied
    from dispense_app.workflow.operators_store import OperatorDirectory, SignInError

    try:
        op = OperatorDirectory(station).require(login, os.environ.get(ENV_PIN), action)
    except (SignInError, PermissionDenied) as exc:
        raise UsageError(str(exc)) from None
    return op.login if op is not None else login


@contextmanager
def open_workflow(
    args: argparse.Namespace, action: Action | None = None, *, need_hub: bool = True
) -> Iterator[Workflow]:
    """The station, its hub client and the scanner profile, closed afterwards. With ``action``,
    the operator must be allowed to do it (when the station has operator accounts)."""
    from dispense_app.commands.sync import make_hub_client
    from dispense_app.paths import resolve_home
    from dispense_app.store import Station
    from dispense_app.workflow.service import Workflow

    home = resolve_home(args.home)
    profile = None
    if getattr(args, "wedge", False):
        from scanner.calibration import load_profile

        profile = load_profile(home)
        if profile is None:
            from dispense_app.commands.calibrate import NO_PROFILE_ADVICE

            raise UsageError(NO_PROFILE_ADVICE.format(home=home))
    operator = getattr(args, "operator", None) or os.environ.get(ENV_OPERATOR) or None
    with Station.open(home) as station:
        if action is not None:
            operator = signed_in(station, operator, action)
        client = make_hub_client(home, station, getattr(args, "hub", None)) if need_hub else None
        try:
            yield Workflow(station, client, operator=operator, scanner_profile=profile)
        finally:
            if client is not None:
                client.close()


def emit(outcomes: Sequence[PackOutcome], as_json: bool, out: Callable[[str], None] = print) -> int:
    """Print one line (JSON) or block (text) per pack; the exit status."""
    for o in outcomes:
        if as_json:
            out(json.dumps(o.to_json(), ensure_ascii=False, default=str))
        else:
            out(format_text(o))
    return EXIT_NEGATIVE if any(o.stop for o in outcomes) else EXIT_OK


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
