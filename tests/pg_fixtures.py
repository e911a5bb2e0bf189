"""A throwaway PostgreSQL server for the site-store tests (issue 20): no mocks.

``pg_server`` (session): :func:`dispense_app.store.pg_local.local_server` (``initdb`` in a temporary
folder, ``postgres`` on a Unix socket there, no TCP port), stopped at the end of the session. The
system ``postgresql`` binaries come from ``scripts/setup.sh``; without them the tests that need the
server are skipped, saying why.

``site_store`` (function): a fresh, empty database on that server, as a ``--store`` URL.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dispense_app.store.pg_local import LocalServer, ServerUnavailable, local_server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[LocalServer]:
    try:
        server = local_server()
        started = server.__enter__()
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield started
    finally:
        server.__exit__(None, None, None)


@pytest.fixture
def site_store(pg_server: LocalServer) -> Iterator[str]:
    """A fresh empty database on the test server, as a ``--store`` URL."""
    name = pg_server.create_database()
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop_database(name)
