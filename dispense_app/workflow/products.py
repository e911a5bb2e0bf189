"""Product master data from the hub, kept in the station's product cache for offline use.

The store keeps the cache (``Station.products``); asking the hub is done here, so the store never
talks to the network.
"""

from __future__ import annotations

import datetime as dt

from dispense_app.core.model import HubClient, HubUnavailable
from dispense_app.store import CachedProduct, Station
from dispense_app.store.records import utcnow


def fetch_product(
    station: Station, client: HubClient, gtin: str, *, max_age: dt.timedelta | None = None
) -> CachedProduct | None:
    """The cached product, refreshed from the hub when missing or older than ``max_age``.

    Offline (:class:`HubUnavailable`), the cached entry (however old) is returned.
    """
    cached = station.products.get(gtin)
    if cached is not None and (max_age is None or utcnow() - cached.updated_at <= max_age):
        return cached
    try:
        info = client.product(gtin)
    except HubUnavailable:
        return cached
    if info is None:
        return cached
    station.products.put(info, source="hub")
    return station.products.get(info.gtin)
