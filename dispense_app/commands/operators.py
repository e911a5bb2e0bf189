"""``dispense-app operators add|list|passwd|activate|deactivate|check``: local operator accounts.

Roles: pharmacist, technician, support (what each may do: :func:`roles_text`, from the permission table).
A new PIN or password is read without echo from the terminal, or as the first line of standard
input when it is not a terminal. Only its scrypt hash is stored. The first account can be created
freely; after that, managing accounts needs a signed-in pharmacist (``--operator`` and the PIN in
``DISPENSE_APP_PIN``). Once any account exists, verify/dispense/undo/destroy/sample need a signed-in
operator whose role allows the action.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

#: what each action means, in the words of ``operators --help``
ACTION_WORDS = {
    "verify": "verify packs",
    "dispense": "dispense",
    "undo": "undo a supply",
    "supply-anyway": "supply a pack despite a prescription STOP",
    "destroy": "destroy",
    "sample": "take samples",
    "bulk": "bulk transactions",
    "alert-follow-up": "follow up alerts",
    "alert-close": "close alerts",
    "export": "export alert logs",
    "sync": "send the outbox",
    "settings": "change settings",
    "manage-operators": "manage operator accounts",
    "adherence-view": "see adherence",
    "adherence-note": "write adherence notes",
    "calibrate": "calibrate scanners",
}


def roles_text() -> str:
    """One plain line per role saying what it may do (from the one permission table)."""
    import textwrap

    from dispense_app.core.operators import PERMISSIONS, Action

    lines = []
    for role, actions in PERMISSIONS.items():
        if actions >= frozenset(Action):
            what = "everything"
        else:
            what = ", ".join(ACTION_WORDS.get(a.value, a.value) for a in Action if a in actions)
        lines += textwrap.wrap(f"{role.value}: {what}", width=96, initial_indent="  ", subsequent_indent="      ")
    return "\n".join(lines)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from dispense_app.cli import add_common

    p = subparsers.add_parser(
        "operators",
        help="local operator accounts and roles",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Local operator accounts. A new PIN (6 to 12 digits) or password (8 characters or more) is\n"
        "read without echo from the terminal, or as the first line of standard input. Only its hash is\n"
        "stored. The first account (a pharmacist's) can be created freely; after that, managing accounts\n"
        "needs a signed-in pharmacist (--operator LOGIN, PIN in DISPENSE_APP_PIN), and every command that\n"
        "changes records needs a signed-in operator. Failed sign-ins make the next attempt wait (2 to 16 s),\n"
        "and six in a row lock the login for 15 minutes; the refusal says how long.\n\nRoles:\n"
        + roles_text(),
    )
    sub = p.add_subparsers(dest="operators_command", metavar="ACTION", required=True)
    login_help = "the operator's login name"
    add = sub.add_parser("add", help="add an account (PIN/password from the terminal or stdin)")
    add.add_argument("login", help="login name of the new account (letters, digits, . _ -)")
    add.add_argument("--name", required=True, help="the person's full name, as shown in records and reports")
    add.add_argument(
        "--role", required=True, choices=["pharmacist", "technician", "support"],
        help="pharmacist, technician or support (see `dispense-app operators --help`)",
    )
    lst = sub.add_parser("list", help="list accounts (never the hashes)")
    pw = sub.add_parser("passwd", help="set a new PIN/password")
    pw.add_argument("login", help=login_help)
    act = sub.add_parser("activate", help="re-enable an account")
    act.add_argument("login", help=login_help)
    de = sub.add_parser("deactivate", help="disable an account (records keep its login)")
    de.add_argument("login", help=login_help)
    chk = sub.add_parser(
        "check", help="check a PIN/password (exit 0 if right, 1 if not; throttled like a sign-in)"
    )
    chk.add_argument("login", help=login_help)
    for q in (add, lst, pw, act, de, chk):
        add_common(q)
        q.add_argument("--operator", help="the signed-in pharmacist managing accounts (PIN in DISPENSE_APP_PIN)")
        q.set_defaults(func=run)


def _read_secret(prompt: str) -> str:
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass(prompt)
        if getpass.getpass("again: ") != first:
            from dispense_app.cli import UsageError

            raise UsageError("the two entries differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _check(directory: Any, login: str, secret: str) -> bool:
    """A check is a sign-in: throttled and audited like one (issue 16, defect 8). Wrong: False;
    too soon after failed attempts: exit 2 saying how long to wait."""
    from dispense_app.cli import UsageError
    from dispense_app.workflow.operators_store import SignInError, SignInThrottled

    try:
        directory.sign_in(login, secret)
    except SignInThrottled as exc:
        raise UsageError(str(exc)) from None
    except SignInError as exc:
        if exc.not_before is not None and exc.wait_seconds(directory.now()) > 0:
            print(str(exc), file=sys.stderr)
        return False
    return True


def run(args: argparse.Namespace) -> int:
    from dispense_app.cli import EXIT_NEGATIVE, EXIT_OK, UsageError
    from dispense_app.commands._packs import signed_in
    from dispense_app.core.operators import Action, CredentialError
    from dispense_app.paths import resolve_home
    from dispense_app.store import Station
    from dispense_app.workflow.operators_store import OperatorDirectory

    cmd = args.operators_command
    writes = cmd not in ("list", "check")  # read-only actions never create a data folder
    with Station.open(resolve_home(args.home, create=writes), create=writes) as station:
        directory = OperatorDirectory(station)
        if cmd == "list":
            ops = [o.to_public_json() for o in directory.all()]
            if args.json:
                for o in ops:
                    print(json.dumps(o))
            else:
                for o in ops:
                    print(f"{o['login']:16} {o['role']:11} {'active' if o['active'] else 'inactive':8} {o['name']}")
            return EXIT_OK
        if cmd == "check":
            ok = _check(directory, args.login, _read_secret("PIN or password: "))
            if args.json:
                print(json.dumps({"login": args.login, "ok": ok}))
            return EXIT_OK if ok else EXIT_NEGATIVE
        actor = None
        if directory.enabled:
            actor = signed_in(station, args.operator, Action.MANAGE_OPERATORS)
        try:
            if cmd == "add":
                if not directory.enabled and args.role != "pharmacist":
                    raise UsageError("the first account must be a pharmacist's")
                op = directory.add(args.login, args.name, args.role, _read_secret("new PIN or password: "), actor=actor)
            elif cmd == "passwd":
                op = directory.set_secret(args.login, _read_secret("new PIN or password: "), actor=actor)
            else:
                op = directory.set_active(args.login, cmd == "activate", actor=actor)
        except CredentialError as exc:
            raise UsageError(str(exc)) from None
        except ValueError as exc:  # unknown role
            raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(op.to_public_json()))
    else:
        print(f"{op.login}: {op.role.value}, {'active' if op.active else 'inactive'}")
    return EXIT_OK
