"""Site store (issue 20): PostgreSQL under the store, several counters on one database."""

from __future__ import annotations

from pathlib import Path

import pytest


from dispense_app.core.model import PackRef, ProductScheme
from dispense_app.store import DoubleDecommissionError, Station


def _pack(serial: str = "S1") -> PackRef:
    return PackRef(ProductScheme.GTIN, "04150123456782", serial, "L1", None)


def test_open_site_and_dispense(tmp_path: Path, site_store: str) -> None:
    with Station.open(tmp_path / "a", store=site_store) as st:
        assert st.is_site
        rec = st.record_supply(_pack(), b"raw", "op")
        assert st.dispense_record(rec.id).station == st.station_id
