"""Issue 16: a slow or broken hub against the real simulator over loopback (fault modes of
dispense_app/hub/simulator/hostile.py). No timed assertions: each test asserts what the client
did (an error, what was stored), and the hub's misbehaviour is long enough that the old code
could not have produced that answer."""

from __future__ import annotations

import pytest
from hub_fixtures import GTIN_A, far_date

from dispense_app.core.model import HubUnavailable, PackRef, ProductScheme
from dispense_app.hub.fmd_rest import FmdRestClient


def ref(serial: str = "ACT01") -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN_A, serial, "L1", far_date())


def test_a_trickling_reply_is_cut_off_at_the_deadline(hub_sim) -> None:
    """A ~300-byte reply at 10 bytes/s takes ~30 s; each read returns within the read timeout,
    so only a deadline over the whole body stops it (before: the call returned the reply)."""
    hub_sim.admin.faults(trickle_bytes_per_s=10)
    with FmdRestClient(hub_sim.url, deadline_s=1.0) as client, pytest.raises(HubUnavailable, match="too slow"):
        client.verify(ref())


def test_a_trickling_bulk_reply_is_cut_off_at_the_bulk_deadline(hub_sim) -> None:
    """Bulk had no deadline at all; now it has its own."""
    from dispense_app.core.model import HubRequest, Transaction

    hub_sim.admin.faults(trickle_bytes_per_s=10)
    reqs = [HubRequest(Transaction.SUPPLY, ref("ACT01"), client_trx_id="t-1")]
    with FmdRestClient(hub_sim.url, bulk_deadline_s=1.0) as client, pytest.raises(HubUnavailable, match="too slow"):
        client.bulk(reqs)


def test_a_healthy_reply_still_arrives_whole(hub_sim) -> None:
    with FmdRestClient(hub_sim.url, deadline_s=6.0) as client:
        reply = client.verify(ref())
    assert reply.ok and reply.state is not None


def test_an_oversized_reply_is_a_hub_fault_and_not_read_whole(hub_sim) -> None:
    hub_sim.admin.faults(oversize_bytes=2 * 1024 * 1024)
    with FmdRestClient(hub_sim.url) as client, pytest.raises(HubUnavailable, match="larger than"):
        client.verify(ref())


def test_a_slightly_long_reason_is_still_a_reply(hub_sim) -> None:
    hub_sim.admin.faults(oversize_bytes=100_000)
    with FmdRestClient(hub_sim.url) as client:
        reply = client.verify(ref())
    assert reply.reason is not None and len(reply.reason) == 100_000
