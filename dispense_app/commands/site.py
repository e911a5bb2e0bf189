"""``dispense-app site init``: set up a site store (PostgreSQL) that several counters share.

``site init --store URL [--location-id ID] [--counter NAME]`` creates the site schema (or migrates
an older one; a site store written by a newer version is refused), keeps the site's location id
(every counter on the store reports it to the hub) and names this counter in its home folder (every
record it makes carries that name). Run it once per counter: the first run creates the site, the
next ones only name their counter. ``--json`` prints ``{"store", "schema_version", "created",
"migrations", "location_id", "counter"}``. See docs/site.md.
"""

from __future__ import annotations

import argparse
import json

from dispense_app.cli import EXIT_OK, UsageError, add_common


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "site",
        help="a site store shared by several counters (PostgreSQL)",
        description="A site: several counters of one pharmacy or hospital on one PostgreSQL store (docs/site.md).",
    )
    sub = p.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    init = sub.add_parser("init", help="create or migrate the site store; name this counter")
    add_common(init)
    init.add_argument("--location-id", metavar="ID", help="the site's location (premises) id, reported to the hub")
    init.add_argument("--counter", metavar="NAME", help="this counter's name on every record it makes (e.g. 'till 1')")
    init.set_defaults(func=run_init)


def run_init(args: argparse.Namespace) -> int:
    from dispense_app.commands._packs import signed_in
    from dispense_app.core.operators import Action
    from dispense_app.paths import resolve_home
    from dispense_app.store import Station
    from dispense_app.store.pg import PgConnection, PgOperationalError
    from dispense_app.store.site import Counter, SiteUnreachableError
    from dispense_app.store.site_url import resolve

    store = resolve()
    if not store.is_site:
        raise UsageError("site init needs the site store: --store postgresql://user@host:port/dbname")
    try:  # nothing is written to the home (not even the counter's name) for a server that is not there
        PgConnection(store).close()
    except PgOperationalError as exc:
        raise SiteUnreachableError(str(exc)) from exc
    home = resolve_home(args.home)
    location = (args.location_id or "").strip() or None
    if args.counter is not None:
        Counter.save(home, args.counter)
    with Station.open(home, store=store) as station:
        actor = signed_in(station, args.operator, Action.SETTINGS)
        if location is not None:
            station.settings.set("station.location", location, actor=actor)
        info = station.open_info
        result = {
            "store": str(store),
            "schema_version": station.schema_version,
            "created": info.created,
            "migrations": info.migrations,
            "location_id": station.settings.get("station.location"),
            "counter": station.station_id,
        }
    if args.json:
        print(json.dumps(result))
    else:
        state = "created" if info.created else ("migrated" if info.migrations else "up to date")
        print(f"site store {store}: {state} (schema {result['schema_version']})")
        print(f"this counter: {result['counter']}; site location id: {result['location_id'] or '(not set)'}")
    return EXIT_OK
