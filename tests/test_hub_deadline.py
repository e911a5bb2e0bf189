"""One hub call, retries included, is bounded by the client's deadline (someone waits at the
counter), against the real simulator over loopback. Counted by what reached the hub
(``/_admin/stats``), not by the clock."""

from __future__ import annotations

import pytest
from hub_fixtures import GTIN_A, far_date

from dispense_app.core.model import HubUnavailable, PackRef, ProductScheme
from dispense_app.hub.config import HubConfig
from dispense_app.hub.credentials import HubSecrets
from dispense_app.hub.factory import make_client
from dispense_app.hub.fmd_rest import FmdRestClient


def ref(serial: str = "ACT01") -> PackRef:
    return PackRef(ProductScheme.GTIN, GTIN_A, serial, "L1", far_date())


def _requests(hub_sim) -> int:
    return int(hub_sim.admin.stats()["requests"])


def test_a_slow_hub_is_not_asked_again_when_the_deadline_leaves_no_time(hub_sim) -> None:
    """Before the deadline, a hub slower than the read timeout was asked 1 + retries times (the
    counter waited 3 x 5 s by default before its offline verdict)."""
    hub_sim.admin.faults(latency_ms=3000)
    before = _requests(hub_sim)
    with (
        FmdRestClient(hub_sim.url, read_timeout=1.0, retries=2, backoff_s=0.001, deadline_s=1.3) as client,
        pytest.raises(HubUnavailable, match="ReadTimeout"),
    ):
        client.verify(ref())
    assert _requests(hub_sim) - before == 1


def test_a_retry_gets_only_the_time_left(hub_sim) -> None:
    """1 s read timeout, 2.3 s deadline: a second try (cut to the ~1.3 s left), never a third."""
    hub_sim.admin.faults(latency_ms=3000)
    before = _requests(hub_sim)
    with (
        FmdRestClient(hub_sim.url, read_timeout=1.0, retries=5, backoff_s=0.001, deadline_s=2.3) as client,
        pytest.raises(HubUnavailable),
    ):
        client.verify(ref())
    assert _requests(hub_sim) - before == 2


def test_retry_after_beyond_the_deadline_is_not_waited_for(hub_sim) -> None:
    hub_sim.admin.faults(rate_limit_per_s=1)
    with FmdRestClient(hub_sim.url, retries=2, deadline_s=1.2) as client:
        client.verify(ref())
        before = _requests(hub_sim)
        with pytest.raises(HubUnavailable) as err:
            client.verify(ref())  # 429 with Retry-After: 1; waiting would leave < MIN_ATTEMPT_S
    assert err.value.status == 429 and err.value.retry_after == 1.0
    assert _requests(hub_sim) - before == 1


def test_without_a_deadline_every_retry_is_made(hub_sim) -> None:
    hub_sim.admin.faults(error_rate=1.0)
    before = _requests(hub_sim)
    with (
        FmdRestClient(hub_sim.url, retries=3, backoff_s=0.001, deadline_s=None) as client,
        pytest.raises(HubUnavailable),
    ):
        client.verify(ref())
    assert _requests(hub_sim) - before == 4


def test_the_deadline_comes_from_the_station_config(hub_sim) -> None:
    config = HubConfig.from_json({"url": hub_sim.url, "deadline_s": 2.5})
    assert HubConfig.from_json({"url": hub_sim.url}).deadline_s == 6.0  # hub.json files from before
    client = make_client(config, secrets=HubSecrets(None, None))
    try:
        assert client._t.deadline_s == 2.5  # type: ignore[attr-defined]
    finally:
        client.close()  # type: ignore[attr-defined]
    with pytest.raises(ValueError):
        FmdRestClient(hub_sim.url, deadline_s=0)


def test_hub_configure_deadline(tmp_path, capsys) -> None:
    import json

    from dispense_app.cli import main

    base = ["hub", "configure", "--url", "https://hub.example.org", "--home", str(tmp_path), "--json"]
    assert main([*base, "--deadline", "0"]) == 2
    assert "positive" in capsys.readouterr().err
    assert main([*base, "--deadline", "3.5"]) == 0
    assert json.loads(capsys.readouterr().out)["hub"]["deadline_s"] == 3.5
    assert json.loads((tmp_path / "hub.json").read_text(encoding="utf-8"))["deadline_s"] == 3.5
