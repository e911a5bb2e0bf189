"""The counter window against the configured hub (also what `dispense-app` alone opens)."""

from __future__ import annotations

import argparse

from dispense_app.cli import EXIT_USAGE, UsageError, add_common


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "gui",
        help="the counter window (the default command)",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    add_common(p, hub=True, json=False)
    p.add_argument("--lang", choices=("en", "de"), help="language of the window (default: the system's)")
    p.add_argument("--operator", help="operator signed in at this station")
    p.add_argument("--no-window", action="store_true", help="run offscreen (no visible window)")
    p.add_argument("--mute", action="store_true", help="no OK/STOP sounds")
    p.add_argument(
        "--smoke", type=float, metavar="SECONDS", help="quit SECONDS after the first station status (tests, CI)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dispense_app.paths import resolve_home

    if args.smoke is not None and args.smoke <= 0:
        raise UsageError("--smoke needs a positive number of seconds")
    home = resolve_home(args.home)
    from dispense_app.ui.station_presenter import station_factory

    factory = station_factory(home, hub_url=args.hub, operator=args.operator)
    from dispense_app.ui.app import run_counter_app

    status = run_counter_app(
        factory,
        offscreen=args.no_window,
        smoke_seconds=args.smoke,
        language=args.lang,
        sounds=not args.mute,
        home=home,
    )
    if status == 130:  # Ctrl+C / SIGTERM: closed cleanly, said so on stderr (ui/interrupts.py)
        return status
    return EXIT_USAGE if status else 0
