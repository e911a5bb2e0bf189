"""Training mode: a simulated hub with the demo packs, a separate data folder, the counter window.

The hub simulator runs in-process on 127.0.0.1 (a free port), seeded with the demo packs; the
station's data live in a separate folder (``<home>/training``); the counter window shows a permanent
TRAINING banner. ``--no-window`` runs it offscreen and ``--smoke SECONDS`` quits after that long
(tests, CI, the start-up benchmark).
"""

from __future__ import annotations

import argparse

from dispense_app.cli import EXIT_USAGE, UsageError, add_common


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "demo",
        help="training mode: simulated hub with demo packs, separate data folder, the counter window",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    add_common(p, json=False)
    p.add_argument("--packs", help="packs CSV to seed the simulated hub with (default: the demo packs)")
    p.add_argument("--lang", choices=("en", "de"), help="language of the window (default: the system's)")
    p.add_argument("--operator", default="trainee", help="operator name shown in training (default: trainee)")
    p.add_argument("--no-window", action="store_true", help="run offscreen (no visible window)")
    p.add_argument("--mute", action="store_true", help="no OK/STOP sounds")
    p.add_argument(
        "--smoke", type=float, metavar="SECONDS", help="quit SECONDS after the first station status (tests, CI)"
    )
    p.add_argument("--reset", action="store_true", help="start training over: fresh simulated hub and station data")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from dispense_app.paths import resolve_home

    if args.smoke is not None and args.smoke <= 0:
        raise UsageError("--smoke needs a positive number of seconds")
    packs = Path(args.packs) if args.packs else None
    if packs is not None and not packs.is_file():
        raise UsageError(f"packs file not found: {packs}")
    home = resolve_home(args.home) / "training"
    from dispense_app.ui.training import TrainingStation, demo_packs_csv

    if packs is None:
        packs = demo_packs_csv()
        if packs is None:
            raise UsageError("the demo packs (resources/demo/packs.csv) are missing from this installation")
    station = TrainingStation(home, packs, operator=args.operator, reset=args.reset)

    from dispense_app.ui.app import run_counter_app

    status = run_counter_app(
        station.build_presenter,
        training=True,
        offscreen=args.no_window,
        smoke_seconds=args.smoke,
        language=args.lang,
        sounds=not args.mute,
        home=home,
    )
    if status == 130:  # Ctrl+C / SIGTERM: closed cleanly, said so on stderr (ui/interrupts.py)
        return status
    return EXIT_USAGE if status else 0
