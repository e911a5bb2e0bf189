"""Who may run a command that changes records or settings (issue 16, item 3).

Every leaf command of the command line is named here once: :data:`GATED` (the gate signs the
operator in before the command runs), :data:`SELF_CHECKED` (the command signs in itself, with the
action it names: the pack transactions, quarantine, operator management, terms, adherence notes) or
:data:`READ_ONLY`. ``tests/test_cli_roles.py`` walks the parser tree and fails on a command that is
in none of them, so a new command cannot slip through unclassified.

The rule (DESIGN.md "Command line"): once the station has operator accounts, a command that changes
records or settings needs ``--operator LOGIN`` (``--by`` where the command has it, or env
``DISPENSE_APP_OPERATOR``) and that operator's PIN (env ``DISPENSE_APP_PIN``, or a prompt on a
terminal), and the role must allow the action; otherwise exit 2 and nothing changes. ``--by`` then
names nobody but the signed-in operator: it is set to the signed-in login, and a different name
is refused. A station without accounts works as before (the name is recorded as given).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from dispense_app.core.operators import Action
from dispense_app.errors import NotAllowed

if TYPE_CHECKING:
    from dispense_app.store import Station

Rule = Callable[[argparse.Namespace], Action | None]


def _always(action: Action) -> Rule:
    return lambda args: action


def _status(args: argparse.Namespace) -> Action:
    return Action.ALERT_CLOSE if args.new_status == "closed" else Action.ALERT_FOLLOW_UP


#: command path -> the action it needs (None for this invocation: a read-only use of the command)
GATED: dict[str, Rule] = {
    "alerts export": _always(Action.EXPORT),
    "alerts status": _status,
    "alerts comment": _always(Action.ALERT_FOLLOW_UP),
    "alerts retention": lambda a: Action.SETTINGS if a.years is not None else None,
    # deleting closed alerts is a pharmacist's decision, like closing them
    "alerts purge": lambda a: Action.ALERT_CLOSE if a.apply else None,
    "hub configure": _always(Action.SETTINGS),
    "hub credentials set": _always(Action.SETTINGS),
    "hub credentials delete": _always(Action.SETTINGS),
    "hub password": _always(Action.SETTINGS),
    "products import": _always(Action.SETTINGS),
    "products recalls-import": _always(Action.SETTINGS),
    "recalls import": _always(Action.SETTINGS),
    "recalls contacts": _always(Action.EXPORT),  # patient contact lists leave the station
    "recalls contacted": _always(Action.ALERT_FOLLOW_UP),
    "sync": _always(Action.SYNC),
    "calibrate": lambda a: Action.CALIBRATE if a.stdin else None,
    # the site store's own set-up: signed in against this counter's accounts (the site may not exist
    # yet, or need the very password being set)
    "site init": _always(Action.SETTINGS),
    "store credentials set": _always(Action.SETTINGS),
    "store credentials delete": _always(Action.SETTINGS),
}

#: gated commands whose sign-in uses the counter's own database, never the site store
_LOCAL_ACCOUNTS = frozenset({"site init", "store credentials set", "store credentials delete"})

#: commands that sign in themselves (with the action named), through ``_packs.open_session`` or
#: ``_packs.signed_in``
SELF_CHECKED: dict[str, str] = {
    "verify": "verify",
    "dispense": "dispense (supply-anyway for --supply-anyway)",
    "undo": "undo",
    "destroy": "destroy",
    "sample": "sample",
    "adherence": "adherence-note (with --note)",
    "hub terms": "settings (with --accept)",
    "operators add": "manage-operators",
    "operators passwd": "manage-operators",
    "operators activate": "manage-operators",
    "operators deactivate": "manage-operators",
    "quarantine add": "alert-follow-up",
    "quarantine update": "alert-follow-up",
    "quarantine confirm-illegitimate": "alert-close",
    "quarantine submitted": "alert-follow-up",
    "quarantine release": "alert-close",
    "quarantine form3911": "export",
    "quarantine notice": "export",
    "quarantine purge": "alert-close",
    "gui": "the window's own sign-in (F5)",
    "demo": "a separate training data folder",
}

#: commands that change no record or setting of the station
READ_ONLY: frozenset[str] = frozenset({
    "alerts list", "alerts show", "audit verify", "decode", "hub show", "hub check", "hub credentials show",
    "hub-sim", "labels", "operators list", "operators check", "parse", "quarantine list", "quarantine show",
    "recalls trace", "recalls list", "signals", "stats",
})

#: commands whose ``--operator`` is a filter (whose alerts), not a sign-in: they sign in with --by
_OPERATOR_IS_FILTER = frozenset({"alerts export"})


def command_path(args: argparse.Namespace) -> str:
    """``alerts status`` for ``dispense-app alerts status ...`` (set by cli.build_parser)."""
    return str(getattr(args, "_command_path", getattr(args, "command", "") or ""))


def check(args: argparse.Namespace) -> None:
    """Sign the operator in for a gated command (raises :class:`NotAllowed`: exit 2, nothing done)
    and make ``--by``/``--operator`` name the signed-in login."""
    path = command_path(args)
    rule = GATED.get(path)
    action = rule(args) if rule is not None else None
    if action is None:
        return
    station = _existing_station(args, local=path in _LOCAL_ACCOUNTS)
    if station is None:  # no data folder yet: no accounts either
        return
    try:
        from dispense_app.commands._packs import ENV_OPERATOR, signed_in

        login = _login(args, path, ENV_OPERATOR)
        if not station.operators.any():
            return
        name = signed_in(station, login, action)
    finally:
        station.close()
    if hasattr(args, "by"):
        args.by = name
    if path not in _OPERATOR_IS_FILTER:
        args.operator = name


def _login(args: argparse.Namespace, path: str, env: str) -> str | None:
    by = getattr(args, "by", None)
    operator = None if path in _OPERATOR_IS_FILTER else getattr(args, "operator", None)
    if by and operator and by.strip().lower() != operator.strip().lower():
        raise NotAllowed(f"--by {by} and --operator {operator} name different people: sign in as yourself only")
    return by or operator or os.environ.get(env) or None


def _existing_station(args: argparse.Namespace, *, local: bool = False) -> Station | None:
    """The station database if the data folder has one (never creates it); the site store when one
    is selected, unless ``local``."""
    from dispense_app.paths import resolve_home
    from dispense_app.store import Station
    from dispense_app.store.station import DB_FILENAME

    home = resolve_home(getattr(args, "home", None), create=False)
    from dispense_app.store.site_url import resolve

    if not local and resolve().is_site:  # a site store (--store / DISPENSE_APP_STORE): the site's accounts
        return Station.open(home, create=False)
    db = home / DB_FILENAME
    if not db.exists() or db.stat().st_size == 0:
        return None
    return Station.open(home, create=False, store="sqlite")


def audit_change(args: argparse.Namespace, kind: str, details: dict[str, object]) -> None:
    """Write who changed a setting kept outside the database (``hub.json``, the keyring) to the
    station's audit trail, when the data folder has a station database (never secrets)."""
    station = _existing_station(args)
    if station is None:
        return
    try:
        actor = getattr(args, "operator", None) or os.environ.get("DISPENSE_APP_OPERATOR") or None
        station.audit.append(kind, actor, details)
    finally:
        station.close()
