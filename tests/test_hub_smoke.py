"""First smoke test of the hub simulator + FMD REST client over loopback."""

from __future__ import annotations

import datetime as dt

from hub_fixtures import GTIN_A, far_date

from dispense_app.core.model import HubRequest, PackRef, PackState, ProductScheme, ReturnCode, Transaction


def test_verify_and_supply_roundtrip(hub_sim, hub_client) -> None:
    pack = PackRef(ProductScheme.GTIN, GTIN_A, "ACT01", "L1", far_date())
    reply = hub_client.verify(pack)
    assert reply.return_code is ReturnCode.SUCCESS
    assert reply.state is PackState.ACTIVE
    assert reply.product_name == "Ibuprofen 400 mg"
    assert reply.server_ms is not None and reply.total_ms is not None
    done = hub_client.transact(HubRequest(Transaction.SUPPLY, pack, "trx-1"))
    assert done.ok and done.state is PackState.SUPPLIED
    view = hub_sim.admin.pack(GTIN_A, "ACT01")
    assert view["state"] == "Supplied"
    assert [h["client_trx_id"] for h in view["history"]] == ["trx-1"]
    assert isinstance(dt.date.today(), dt.date)
