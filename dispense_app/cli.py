"""The command line (a stable contract, see DESIGN.md "Command line").

Exit status: 0 done and fine, 1 done but the answer is negative, 2 usage, input or environment
error (a known condition, :mod:`dispense_app.errors`, printed on one line; a bug is logged with its
traceback under ``<home>/logs`` and named in one line, never shown as a traceback), 3 done but at
least one pack could not be checked with the hub (offline or hub fault) and nothing was negative.
Subcommands live in :mod:`dispense_app.commands`, one module each, discovered at start-up.

The global options (:data:`GLOBAL_OPTIONS`: ``--home``, ``--hub``, ``--hub-type``, ``--json``,
``--operator``) work before or after the command and its action: :func:`build_parser` adds them to
every parser of the tree once the commands are registered, so a command module only adds the ones
it uses (with :func:`add_common`, or its own ``--operator`` help) and a new subcommand or option
of a command needs no change here.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dispense_app import __version__, collector
from dispense_app import commands as _commands
from dispense_app.errors import KnownCondition, UsageError

EXIT_OK = 0
EXIT_NEGATIVE = 1
EXIT_USAGE = 2
EXIT_UNCHECKED = 3

__all__ = [
    "EXIT_NEGATIVE",
    "EXIT_OK",
    "EXIT_UNCHECKED",
    "EXIT_USAGE",
    "GLOBAL_OPTIONS",
    "UsageError",
    "add_common",
    "main",
]

#: option -> (metavar or None for a flag, one plain line of help, default)
GLOBAL_OPTIONS: dict[str, tuple[str | None, str, Any]] = {
    "--home": ("DIR", "data folder (default: the platform's user data folder; env DISPENSE_APP_HOME)", None),
    "--store": (
        "URL",
        "store: sqlite (default: <home>/station.db) or postgresql://user@host:port/dbname, a site store shared "
        "by several counters (env DISPENSE_APP_STORE; no password in the URL: docs/site.md)",
        None,
    ),
    "--hub": ("URL", "hub base URL (default: the station's configured hub)", None),
    "--hub-type": ("TYPE", "kind of hub at --hub: fmd-rest (default), nmvs-soap, securpharm or vrs", None),
    "--json": (None, "print JSON (one line per item) instead of text", False),
    "--operator": ("LOGIN", "the operator signing in (PIN from env DISPENSE_APP_PIN or a prompt)", None),
}

#: the command groups of ``dispense-app --help``; a command not named here is listed under "other"
COMMAND_GROUPS: dict[str, tuple[str, ...]] = {
    "counter": ("gui", "demo", "verify", "dispense", "undo", "sync", "adherence"),
    "hospital": ("destroy", "sample"),
    "alerts": ("alerts", "audit"),
    "station": ("hub", "operators", "products", "calibrate", "labels", "site", "store"),
    "tools": ("parse", "decode", "hub-sim"),
}

_USAGE = "dispense-app [GLOBAL OPTIONS] [COMMAND [ACTION]] [OPTIONS]"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def add_common(parser: argparse.ArgumentParser, *, hub: bool = False, json: bool = True) -> None:
    """Show the global options a command uses in its ``--help``: --home; --hub and --hub-type where
    it talks to a hub; --json. (Every parser accepts all of them: :func:`build_parser`.)"""
    names = ["--home", "--store", *(["--hub", "--hub-type"] if hub else []), *(["--json"] if json else [])]
    for name in names:
        _add_global(parser, name, hidden=False)


def _add_global(parser: argparse.ArgumentParser, name: str, *, hidden: bool, help_text: str | None = None) -> None:
    metavar, text, _default = GLOBAL_OPTIONS[name]
    shown = argparse.SUPPRESS if hidden else (help_text or text)
    if metavar is None:
        parser.add_argument(name, action="store_true", default=argparse.SUPPRESS, help=shown)
    elif name == "--hub-type":
        from dispense_app.hub.hub_types import HUB_TYPES

        parser.add_argument(name, metavar=metavar, choices=HUB_TYPES, default=argparse.SUPPRESS, help=shown)
    else:
        parser.add_argument(name, metavar=metavar, default=argparse.SUPPRESS, help=shown)


def _tree(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """The parser and every (sub)command parser below it."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):  # aliases map to the same parser
                yield from _tree(child)


def _accept_globals_everywhere(root: argparse.ArgumentParser) -> None:
    """Every parser of the tree takes every global option, so they work before or after a command
    and its action. A value is only set where it is given (``default=SUPPRESS``: a subcommand's
    default never overwrites what was given before it); :func:`_fill_globals` adds the defaults.
    A command's own default for one (``demo --operator``, default ``trainee``) is kept in
    ``_global_defaults``; a command whose ``--operator`` has another dest (``alerts status --by``)
    is told in ``_operator_dest``."""
    for parser in _tree(root):
        own: dict[str, argparse.Action] = {
            opt: a for a in parser._actions for opt in a.option_strings if opt in GLOBAL_OPTIONS
        }
        defaults: dict[str, Any] = {}
        for name in GLOBAL_OPTIONS:
            action = own.get(name)
            if action is not None and action.dest != name.lstrip("-").replace("-", "_"):
                continue  # e.g. `alerts status --operator/--by` (dest "by"): left as the command made it
            if action is None:
                _add_global(parser, name, hidden=parser is not root)
                continue
            if action.metavar is None and GLOBAL_OPTIONS[name][0] is not None:
                action.metavar = GLOBAL_OPTIONS[name][0]
            if action.default is not argparse.SUPPRESS and action.default is not None:
                defaults[action.dest] = action.default
            action.default = argparse.SUPPRESS
        op = own.get("--operator")
        parser.set_defaults(_global_defaults=defaults, _operator_dest=op.dest if op is not None else "operator")
        if parser is not root:  # the innermost parser's default wins: the leaf command's path
            parser.set_defaults(_command_path=" ".join(parser.prog.split()[1:]))


def _fill_globals(args: argparse.Namespace) -> None:
    for name, (_metavar, _text, default) in GLOBAL_OPTIONS.items():
        dest = name.lstrip("-").replace("-", "_")
        if not hasattr(args, dest):
            setattr(args, dest, default)
    for dest, default in getattr(args, "_global_defaults", {}).items():
        if getattr(args, dest, None) is None:
            setattr(args, dest, default)
    # `--operator` given before a command whose own option has another dest (alerts status/comment)
    dest = getattr(args, "_operator_dest", "operator")
    if dest != "operator" and getattr(args, dest, None) is None and args.operator is not None:
        setattr(args, dest, args.operator)


def _command_list(sub: argparse._SubParsersAction[Any]) -> str:
    helps = {a.dest: a.help or "" for a in sub._choices_actions}
    width = max(len(name) for name in helps) + 2
    seen: set[str] = set()
    lines: list[str] = []
    groups = [*COMMAND_GROUPS.items(), ("other", tuple(sorted(helps)))]
    for group, names in groups:
        present = [n for n in names if n in helps and n not in seen]
        if not present:
            continue
        lines.append(f"{group} commands:")
        lines += [f"  {n:<{width}}{helps[n]}" for n in present]
        lines.append("")
        seen.update(present)
    lines.append("`dispense-app COMMAND --help` shows a command's actions and options.")
    lines.append("Exit status: 0 done and fine, 1 a negative answer (STOP, not a valid code), 2 usage,")
    lines.append("input or environment error, 3 done but a pack could not be checked with the hub.")
    return "\n".join(lines)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; ``only``: with just that command module (the counter window's
    start: importing and registering all 24 command modules was most of its parser time)."""
    parser = _Parser(
        prog="dispense-app",
        usage=_USAGE,
        description="Verify, dispense and follow up medicine packs against the national hub. "
        "Without a command: the counter window.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"dispense-app {__version__}")
    parser._optionals.title = "global options (before or after the command)"
    for name in GLOBAL_OPTIONS:
        _add_global(parser, name, hidden=False)
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, help=argparse.SUPPRESS, prog="dispense-app"
    )
    for name in [only] if only is not None else _command_modules():
        module = importlib.import_module(f"{_commands.__name__}.{name}")
        module.register(sub)
    _accept_globals_everywhere(parser)
    parser.epilog = _command_list(sub)
    return parser


def _command_modules() -> list[str]:
    """The command modules of ``dispense_app.commands``, by name (not the private ``_`` ones)."""
    import pkgutil  # here: the window's start registers its one command without listing the package

    return sorted(m.name for m in pkgutil.iter_modules(_commands.__path__) if not m.name.startswith("_"))


# Global options given before the command name (`dispense-app --home DIR parse CODE`) are moved
# behind it; without a command the counter window (``gui``) is meant.
_LEADING_VALUE_OPTIONS = tuple(name for name, spec in GLOBAL_OPTIONS.items() if spec[0] is not None)
_LEADING_FLAGS = tuple(name for name, spec in GLOBAL_OPTIONS.items() if spec[0] is None)


def _command_first(args_list: list[str], commands: Sequence[str]) -> list[str]:
    """``args_list`` with the command name first: leading global options go behind it, and
    without a command (``dispense-app`` alone, or with only options) the counter window (``gui``)."""
    if args_list and args_list[0] in ("-h", "--help", "--version"):
        return args_list
    i = 0
    while i < len(args_list):
        arg = args_list[i]
        if arg in _LEADING_VALUE_OPTIONS:
            i += 2
        elif arg in _LEADING_FLAGS or arg.startswith(tuple(f"{o}=" for o in _LEADING_VALUE_OPTIONS)):
            i += 1
        else:
            break
    if i < len(args_list) and args_list[i] in ("-h", "--help"):
        return ["--help"]
    if i < len(args_list) and args_list[i] in commands:
        return [args_list[i], *args_list[:i], *args_list[i + 1 :]]
    if not args_list or args_list[0].startswith("-"):
        return ["gui", *args_list]
    return args_list


WINDOW_COMMANDS = ("gui", "demo")
"""Commands that open the counter window: their parser is built alone (issue 22, start-up)."""


def _window_command(args_list: Sequence[str]) -> str | None:
    """``gui`` or ``demo`` when that is the command of ``args_list`` (or there is none: the window),
    else None (every other command gets the whole parser, with its help and its errors)."""
    if args_list and args_list[0] in ("-h", "--help", "--version"):
        return None
    i = 0
    while i < len(args_list):
        arg = args_list[i]
        if arg in ("-h", "--help"):
            return None
        if arg in _LEADING_VALUE_OPTIONS:
            i += 2
        elif arg in _LEADING_FLAGS or arg.startswith(tuple(f"{o}=" for o in _LEADING_VALUE_OPTIONS)):
            i += 1
        else:
            break
    if i >= len(args_list):
        return "gui"
    return args_list[i] if args_list[i] in WINDOW_COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    window = _window_command(args_list)
    if window is not None:  # the window resumes it at its first paint; see dispense_app.collector
        collector.pause_for_start()
    try:
        return _run(args_list, window)
    finally:
        collector.resume()


def _run(args_list: list[str], window: str | None) -> int:
    parser = build_parser(only=window)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    args_list = _command_first(args_list, list(sub.choices))
    args = parser.parse_args(args_list)
    _fill_globals(args)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        _check_text_options(args)
        with _store_selected(getattr(args, "store", None)):
            if window is None:  # the window signs in itself (F5); its start skips the gate's imports
                from dispense_app.commands._gate import check as check_sign_in

                check_sign_in(args)
            return int(func(args))
    except KnownCondition as exc:
        print(f"dispense-app: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"dispense-app: {INTERRUPTED}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `dispense-app ... | head`: the reader has gone; nothing more to say
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # a bug: logged with its traceback, never shown as one
        full = _disk_full(exc)
        if full is not None:
            print(f"dispense-app: {full}", file=sys.stderr)
            return EXIT_USAGE
        from dispense_app.station.bugs import bug_message, log_bug

        log = log_bug(exc, home=_home_of(args), where=f"dispense-app {args.command}")
        print(f"dispense-app: {bug_message(log)}", file=sys.stderr)
        return EXIT_USAGE


@contextmanager
def _store_selected(url: str | None) -> Iterator[None]:
    """``--store URL`` for every Station.open of this command (it beats env DISPENSE_APP_STORE);
    checked first, so a bad URL is a one-line refusal (exit 2) before anything is opened."""
    if url is None:
        yield
        return
    from dispense_app.store import site_url

    chosen = site_url.parse(url)
    previous = site_url.select(chosen)
    try:
        yield
    finally:
        site_url.select(previous)


# --- issue 16: the environment's failures said in one line, not as internal errors -------------

INTERRUPTED = (
    "interrupted: changes already recorded are kept and an unfinished one was rolled back; decommissions "
    "recorded but not yet confirmed by the hub stay queued (`dispense-app sync` sends them)"
)

#: options that hold text a person typed (not codes or file names, which may be raw bytes)
_TEXT_OPTIONS = ("operator", "patient", "by", "comment", "text", "rx_id", "supply_anyway", "cause",
                 "location_id", "client_id", "user_id", "reason")


def _check_text_options(args: argparse.Namespace) -> None:
    """Refuse typed text that is not valid UTF-8 (Python hands such argv bytes over as lone
    surrogates, which the database cannot store)."""
    for name in _TEXT_OPTIONS:
        value = getattr(args, name, None)
        if isinstance(value, str) and any("\ud800" <= c <= "\udfff" for c in value):
            option = "--" + name.replace("_", "-")
            raise UsageError(f"{option}: not valid text (the bytes given are not UTF-8); type it again")


def _disk_full(exc: BaseException) -> str | None:
    """The one-line message for a full disk (or a file-size limit) anywhere in ``exc``'s chain."""
    import errno
    import sqlite3

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            break
        if isinstance(seen, sqlite3.OperationalError) and any(
            t in str(seen) for t in ("disk is full", "disk I/O error")
        ):
            break
        seen = seen.__cause__ or seen.__context__
    else:
        return None
    return (
        f"the disk is full or a write failed ({seen}): free some space and run the command again; "
        "the unfinished change was rolled back, everything recorded before is kept"
    )


def _silence_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so the interpreter's final flush is quiet."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "error"


def _home_of(args: argparse.Namespace) -> Path | None:
    """The data folder the command ran on, for the bug log (None when it cannot be told)."""
    try:
        from dispense_app.paths import resolve_home

        return resolve_home(getattr(args, "home", None))
    except Exception:
        return None


if __name__ == "__main__":
    raise SystemExit(main())
