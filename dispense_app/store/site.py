"""A site: several counters sharing one PostgreSQL store (issue 20, docs/site.md).

What is shared lives in the site store (dispense records, outbox, alerts, audit chain, caches,
products, recall list, operators, adherence, settings such as the site's location id). What belongs
to one counter stays in its home folder: its name (``counter.json``), its scanner profile and
window settings. Every record a counter writes carries that name (``station`` columns), so a STOP
at till 2 can say "already dispensed at this site (till 1, 14:02)".
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dispense_app.store.errors import InvalidInputError, NotAStationDatabaseError, StoreEnvironmentError
from dispense_app.store.schema import SCHEMA_VERSION
from dispense_app.store.site_url import StoreURL

if TYPE_CHECKING:
    from dispense_app.store.pg import PgConnection

COUNTER_FILE = "counter.json"
SITE_FILE = "site.json"  # the site's location id as last seen (the journal reports it while the site is down)

_NAME = re.compile(r"^[\w .:/#()-]{1,40}$")


class SiteUnreachableError(StoreEnvironmentError):
    """The site store's server cannot be reached (LAN or server down) or refused this counter."""


@dataclass(frozen=True, slots=True)
class Counter:
    """One counter of a site: its name, as it appears on every record it makes."""

    name: str

    @staticmethod
    def check(name: str) -> str:
        text = name.strip()
        if not _NAME.match(text):
            raise InvalidInputError(
                "a counter name is 1..40 letters, digits, spaces or . : / # ( ) - _ (e.g. `till 1`)"
            )
        return text

    @classmethod
    def load(cls, home: Path, *, name_it: bool = True) -> Counter:
        """The counter's name from its home (named on first use: ``C-`` and 6 hex digits; with
        ``name_it=False``, for read-only commands that never write to a home, ``unnamed counter``)."""
        path = home / COUNTER_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(cls.check(str(data["name"])))
        except FileNotFoundError:
            if not name_it:
                return cls("unnamed counter")
            return cls.save(home, "C-" + uuid.uuid4().hex[:6].upper())
        except (ValueError, KeyError, TypeError, InvalidInputError) as exc:
            raise StoreEnvironmentError(
                f"{path} cannot be read ({exc}): name the counter again (site init --counter NAME)"
            ) from exc

    @classmethod
    def save(cls, home: Path, name: str) -> Counter:
        counter = cls(cls.check(name))
        home.mkdir(parents=True, exist_ok=True)
        path = home / COUNTER_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"name": counter.name}) + "\n", encoding="utf-8")
        tmp.replace(path)
        return counter


def open_site_connection(
    home: Path, store: StoreURL, *, create: bool
) -> tuple[PgConnection, int, list[str], Counter]:
    """Connect, check and migrate the site store: (connection, version before, migrations applied,
    the counter's name from ``home``)."""
    from dispense_app.store import pg_schema
    from dispense_app.store.pg import PgConnection, PgOperationalError

    counter = Counter.load(home, name_it=create)
    try:
        conn = PgConnection(store)
    except PgOperationalError as exc:
        raise SiteUnreachableError(str(exc)) from exc
    try:
        version = pg_schema.check_not_newer(conn, str(store))
        if version == 0 and not create:
            raise NotAStationDatabaseError(
                f"the site store {store} has not been set up: run `dispense-app site init --store {store}`"
            )
        applied: list[str] = []
        if version < SCHEMA_VERSION:
            version, applied = pg_schema.migrate(conn, str(store))
        return conn, version, applied, counter
    except BaseException:
        conn.close()
        raise


def remember_site(home: Path, store: StoreURL, location: str) -> None:
    """Keep the site's location id in the counter's home (no secret: the URL holds no password)."""
    path = home / SITE_FILE
    data = {"store": store.url, "location": location}
    try:
        if json.loads(path.read_text(encoding="utf-8")) == data:
            return
    except (OSError, ValueError):
        pass
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data) + "\n", encoding="utf-8")
    tmp.replace(path)


def remembered_location(home: Path, store: StoreURL) -> str | None:
    """The site's location id as last seen by this counter, for this store (None if unknown)."""
    try:
        data = json.loads((home / SITE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("store") != store.url:
        return None
    location = data.get("location")
    return str(location) if location else None
