"""``dispense-app sync``: send everything waiting in the station's outbox to the hub.

``--json`` prints ``{"sent", "confirmed", "conflicts", "remaining"}`` (integers). Exit status 0 when
nothing remains and there were no conflicts, 1 when something remains or conflicted, 2 when no hub
is configured (and no ``--hub``) or the station database cannot be used.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from dispense_app.cli import EXIT_NEGATIVE, EXIT_OK, UsageError, add_common

if TYPE_CHECKING:
    from pathlib import Path

    from dispense_app.core.model import HubClient
    from dispense_app.store import Station


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "sync",
        help="send the outbox (queued decommissions and undos) to the hub",
        description="Replay the station's outbox to the hub, oldest first, in bulk. Safe to interrupt and rerun.",
    )
    add_common(p, hub=True)
    p.add_argument("--chunk", type=int, default=500, help="packs per bulk request (default 500)")
    p.set_defaults(func=run)


def make_hub_client(home: Path, station: Station, hub_url: str | None) -> HubClient:
    """The hub client for sync: ``--hub URL`` (FMD REST, this station's location), else the
    configured hub (``hub.json``, secrets from the keyring), else the ``hub.url`` setting."""
    location = station.location
    if hub_url:
        if not hub_url.startswith(("http://", "https://")):
            raise UsageError(f"--hub must be an http(s) URL, not {hub_url!r}")
        from dispense_app.hub.fmd_rest import FmdRestClient

        return FmdRestClient(hub_url, location_id=location)
    from dataclasses import replace

    from dispense_app.core.model import HubUnavailable
    from dispense_app.hub.config import load_hub_config
    from dispense_app.hub.factory import make_client

    try:
        config = load_hub_config(home)
    except (ValueError, TypeError, OSError) as exc:
        raise UsageError(f"the hub configuration in {home} cannot be read: {exc}") from exc
    if config is not None:
        try:
            return make_client(replace(config, location_id=config.location_id or location))
        except HubUnavailable as exc:  # e.g. no secret in the keyring
            raise UsageError(str(exc)) from exc
    url = station.settings.get("hub.url")
    if isinstance(url, str) and url:
        from dispense_app.hub.fmd_rest import FmdRestClient

        return FmdRestClient(url, location_id=location)
    raise UsageError("no hub configured for this station: pass --hub URL or configure one (`dispense-app hub`)")


def run(args: argparse.Namespace) -> int:
    from dispense_app.paths import resolve_home
    from dispense_app.store import Station

    if args.chunk < 1:
        raise UsageError("--chunk must be at least 1")
    home = resolve_home(args.home)
    with Station.open(home) as station:
        client = make_hub_client(home, station, args.hub)
        try:
            report = station.replay(client, chunk_size=args.chunk)
        finally:
            client.close()
    if args.json:
        out = {
            "sent": report.sent,
            "confirmed": report.confirmed,
            "conflicts": report.conflicts,
            "remaining": report.remaining,
        }
        print(json.dumps(out))
    else:
        print(
            f"sent {report.sent}, confirmed {report.confirmed}, conflicts {report.conflicts}, "
            f"remaining {report.remaining}"
        )
        for alert_id in report.alerts:
            print(f"alert {alert_id} recorded for follow-up")
    if report.error:
        print(f"dispense-app sync: {report.error}", file=sys.stderr)
    return EXIT_OK if report.remaining == 0 and report.conflicts == 0 else EXIT_NEGATIVE
