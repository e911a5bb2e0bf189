"""The command line (a stable contract, see DESIGN.md "Command line").

Exit status: 0 done and fine, 1 done but the answer is negative, 2 usage or environment error
(a known condition, :mod:`dispense_app.errors`, printed on one line; a bug is logged with its
traceback under ``<home>/logs`` and named in one line, never shown as a traceback).
Subcommands live in :mod:`dispense_app.commands`, one module each, discovered at start-up.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

from dispense_app import __version__
from dispense_app import commands as _commands
from dispense_app.errors import KnownCondition, UsageError

EXIT_OK = 0
EXIT_NEGATIVE = 1
EXIT_USAGE = 2

__all__ = ["EXIT_NEGATIVE", "EXIT_OK", "EXIT_USAGE", "UsageError", "add_common", "main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def add_common(parser: argparse.ArgumentParser, *, hub: bool = False, json: bool = True) -> None:
    """Options every command takes: --home; --hub where it talks to a hub; --json."""
    parser.add_argument("--home", help="data folder (default: the platform's user data folder; env DISPENSE_APP_HOME)")
    if hub:
        parser.add_argument("--hub", help="hub base URL (default: the station's configured hub)")
        from dispense_app.hub.config import HUB_TYPES

        parser.add_argument(
            "--hub-type",
            choices=HUB_TYPES,
            help="the hub's protocol (default: the configured type, else fmd-rest)",
        )
    if json:
        parser.add_argument("--json", action="store_true", help="print JSON (JSON Lines for several items)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dispense-app", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"dispense-app {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for info in sorted(pkgutil.iter_modules(_commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_commands.__name__}.{info.name}")
        module.register(sub)
    return parser


# Options every command (--home) or every hub command (--hub) takes, and --json: given before the
# command name (`dispense-app --home DIR parse CODE`), they are moved behind it.
_LEADING_VALUE_OPTIONS = ("--home", "--hub", "--hub-type")
_LEADING_FLAGS = ("--json",)


def _command_first(args_list: list[str], commands: Sequence[str]) -> list[str]:
    """``args_list`` with the command name first: leading --home/--hub/--json go behind it, and
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
    if i < len(args_list) and args_list[i] in commands:
        return [args_list[i], *args_list[:i], *args_list[i + 1 :]]
    if not args_list or args_list[0].startswith("-"):
        return ["gui", *args_list]
    return args_list


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    args_list = _command_first(args_list, list(sub.choices))
    args = parser.parse_args(args_list)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        _check_text_options(args)
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
