"""``dispense-app stats [--since D] [--until D] [--by day|week|counter|operator|scanner|product|cause] [--json]``.

Verification statistics of the station (or site): scans, verified, clean rate, alerts, false alerts
by cause beside the national figure, offline share, hub p95, outbox backlog (README "Verification
statistics"). Without ``--by``, ``--json`` prints one document; with ``--by``, one line per group
(``{"by", "group", ...figures}``) and then ``{"total": {...}}``. Read-only: no sign-in needed.
"""

from __future__ import annotations

import argparse
import json
import sys

from dispense_app.cli import EXIT_OK, add_common
from dispense_app.core.stats import STATS_KEYS


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("stats", help="verification statistics (scans, clean rate, false alerts, ...)",
                              description=(__doc__ or "").splitlines()[0])
    p.add_argument("--since", metavar="YYYY-MM-DD", help="from this day on (UTC, inclusive)")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="up to and including this day (UTC)")
    p.add_argument("--by", choices=STATS_KEYS, help="one line per group")
    add_common(p)
    p.set_defaults(func=run)


def _pct(value: object) -> str:
    return "-" if value is None else f"{float(value) * 100:.2f} %"  # type: ignore[arg-type]


def run(args: argparse.Namespace) -> int:
    from dispense_app.paths import resolve_home
    from dispense_app.station.stats import compute, day_bounds
    from dispense_app.store import Station

    day_bounds(args.since, args.until)  # a bad date is told before the data folder is looked at
    with Station.open(resolve_home(args.home), create=False) as station:
        report = compute(station, since=args.since, until=args.until, by=args.by)
    out = sys.stdout
    if args.json:
        if args.by is None:
            out.write(json.dumps(report.total_json()) + "\n")
        else:
            for line in report.group_lines():
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
            out.write(json.dumps({"total": report.total_json()}) + "\n")
        return EXIT_OK
    rows = [(g["group"] or "(none)", g) for g in report.group_lines()] + [("total", report.total_json())]
    out.write(f"{'group':24} {'scans':>8} {'verified':>8} {'clean':>9} {'alerts':>7} {'false':>9} "
              f"{'offline':>9} {'hub p95':>8}\n")
    for name, g in rows:
        p95 = "-" if g["hub_p95_ms"] is None else f"{g['hub_p95_ms']:.0f} ms"
        out.write(f"{str(name)[:24]:24} {g['scans']:>8} {g['verified']:>8} {_pct(g['clean_rate']):>9} "
                  f"{g['alerts']:>7} {_pct(g['false_alert_rate']):>9} {_pct(g['offline_share']):>9} {p95:>8}\n")
    out.write(f"national alert rate 0.14 % (securPharm 2021), target 0.05 %; outbox backlog "
              f"{report.outbox_backlog}\n")
    return EXIT_OK
