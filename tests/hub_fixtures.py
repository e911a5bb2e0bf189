"""Hub fixtures for every test that needs a hub: a real simulator on 127.0.0.1 (random port, fresh
SQLite file), a client pointed at it, and an in-memory keyring.

Imported by tests/conftest.py, so the fixtures are available everywhere:

- ``hub_sim``: a :class:`RunningSimulator` seeded with :data:`SIM_PACKS`; ``hub_sim.url``,
  ``hub_sim.admin.seed(...)/.pack(gtin, serial)/.faults(...)/.advance_clock(h)/.stats()``.
- ``hub_client``: an :class:`FmdRestClient` for ``hub_sim`` (location ``PHARMACY-1``, quick retries).
- ``memory_keyring``: an in-memory keyring backend installed for the test (returns it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend

LOCATION = "PHARMACY-1"


def gtin_with_check(body13: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(body13))
    return body13 + str((10 - total % 10) % 10)


#: an NTIN (Germany): 0 4150 PZN 03752864 check digit -> PPN 110375286414
GTIN_A = gtin_with_check("0415003752864")
PZN_A = "03752864"
PPN_A = "110375286414"
GTIN_B = gtin_with_check("0590123412345")
GTIN_UNKNOWN = gtin_with_check("0400000000000")
FAR = "2031-12-31"
PAST = "2020-01-31"


def _p(gtin: str, serial: str, lot: str, expiry: str = FAR, state: str = "Active", **extra: str) -> dict[str, str]:
    return {"gtin": gtin, "serial": serial, "lot": lot, "expiry": expiry, "state": state, **extra}


#: The standard packs: ACT01..ACT20 Active (lot L1, 2031-12-31) plus one pack per interesting state.
SIM_PACKS: list[dict[str, str]] = [
    _p(
        GTIN_A,
        f"ACT{i:02d}",
        "L1",
        product_name="Ibuprofen 400 mg",
        strength="400 mg",
        form="tablet",
        pack_size="20",
        pzn=PZN_A,
    )
    for i in range(1, 21)
] + [
    _p(GTIN_A, "OTHERLOT1", "L2"),
    _p(GTIN_A, "SUPPLIED1", "L1", state="Supplied"),
    _p(GTIN_A, "RECALL1", "RC1", state="Recalled"),
    _p(GTIN_A, "EXPIRED1", "LX", expiry=PAST),
    _p(GTIN_A, "EXPSTATE1", "L1", state="Expired"),
    _p(GTIN_A, "WITHDRAWN1", "L1", state="Withdrawn"),
    _p(GTIN_A, "DESTROYED1", "L1", state="Destroyed"),
    _p(GTIN_A, "STOLEN1", "L1", state="Stolen"),
    _p(GTIN_A, "LOCKED1", "L1", state="Locked"),
    _p(GTIN_A, "CHECKEDOUT1", "L1", state="CheckedOut"),
    _p(GTIN_B, "B0001", "BL1", product_name="Paracetamol 500 mg"),
]


def far_date() -> dt.date:
    return dt.date.fromisoformat(FAR)


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in this process only (tests never touch the real OS keyring)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.store:
            raise PasswordDeleteError(username)
        del self.store[(service, username)]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    import keyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def hub_server() -> Iterator[Any]:
    from dispense_app.hub.simulator import start_simulator

    with start_simulator() as sim:
        yield sim


@pytest.fixture
def hub_sim(hub_server: Any, tmp_path: Path) -> Any:
    """A real hub simulator on 127.0.0.1 (random port) with a fresh SQLite file seeded with SIM_PACKS,
    no faults, its own clock and counters. One uvicorn serves the session; each test gets a fresh
    hub behind it (``RunningSimulator.reset``)."""
    hub_server.reset(packs=SIM_PACKS, db_path=tmp_path / "hub-sim.sqlite")
    return hub_server


@pytest.fixture
def hub_client(hub_sim: Any) -> Iterator[Any]:
    """An FmdRestClient for ``hub_sim`` at location PHARMACY-1 (1 quick retry)."""
    from dispense_app.hub.fmd_rest import FmdRestClient

    client = FmdRestClient(hub_sim.url, location_id=LOCATION, retries=1, backoff_s=0.01, read_timeout=5.0)
    try:
        yield client
    finally:
        client.close()
