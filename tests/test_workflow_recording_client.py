"""The workflow's reply record must not grow for ever in a counter window that runs all day."""

from __future__ import annotations

from dispense_app.core.model import (
    EntryMode,
    HubReply,
    HubRequest,
    PackRef,
    ProductInfo,
    ProductScheme,
    ReturnCode,
    Transaction,
)
from dispense_app.workflow.service import RecordingClient


class _Hub:
    """Answers every state change with success (the bound is what is under test, not the hub)."""

    def verify(self, pack: PackRef, *, entry_mode: EntryMode = EntryMode.SCAN) -> HubReply:
        return HubReply(ReturnCode.SUCCESS)

    def transact(self, request: HubRequest) -> HubReply:
        return HubReply(ReturnCode.SUCCESS, client_trx_id=request.client_trx_id)

    def bulk(self, requests: list[HubRequest]) -> list[HubReply]:
        return [self.transact(r) for r in requests]

    def product(self, gtin: str) -> ProductInfo | None:
        return None

    def close(self) -> None:
        pass


def _req(i: int) -> HubRequest:
    pack = PackRef(ProductScheme.GTIN, "04150123456782", f"S{i}")
    return HubRequest(Transaction.SUPPLY, pack, f"trx-{i}")


def test_replies_are_bounded_and_read_once(monkeypatch) -> None:
    monkeypatch.setattr(RecordingClient, "MAX_KEPT", 50)
    client = RecordingClient(_Hub())
    for i in range(120):
        client.transact(_req(i))
    client.bulk([_req(i) for i in range(120, 200)])
    assert len(client.replies) == 50
    assert client.take("trx-0") is None  # the oldest were dropped
    newest = client.take("trx-199")
    assert newest is not None and newest.client_trx_id == "trx-199"
    assert client.take("trx-199") is None  # read once
