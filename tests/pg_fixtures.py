"""A throwaway PostgreSQL server for the site-store tests (issue 20): no mocks.

``pg_server`` (session): ``initdb`` in a temporary folder, ``postgres`` listening only on a Unix
socket in that folder (no TCP port, trust auth for the one local role), stopped at the end of the
session. The system ``postgresql`` binaries come from ``scripts/setup.sh``; without them the tests
that need the server are skipped, saying why. As root (CI, containers) the server runs as the
``postgres`` system user, because PostgreSQL refuses to run as root.

``site_store`` (function): a fresh, empty database on that server, as a ``--store`` URL.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROLE = "dispense"


def _bindir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


@dataclass(frozen=True)
class PgServer:
    socket_dir: Path
    bindir: Path

    def url(self, dbname: str) -> str:
        return f"postgresql://{ROLE}@/{dbname}?host={self.socket_dir}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _as_user() -> dict[str, object]:
    if os.geteuid() != 0:
        return {}
    try:
        pw = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root and there is no `postgres` system user to run the test server as")
    return {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": []}


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgServer]:
    bindir = _bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, postgres) are not installed: run ./scripts/setup.sh")
    who = _as_user()
    # as root the server's user must reach the folder: pytest's own temporary folder is root's only
    base = Path(tempfile.mkdtemp(prefix="dispense-pg-")) if who else Path(tmp_path_factory.mktemp("pg"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    if who:
        for p in (base, sock):
            os.chown(p, int(who["user"]), int(who["group"]))  # type: ignore[call-overload]
    run = {"check": True, "capture_output": True, "text": True, **who}
    subprocess.run(
        [str(bindir / "initdb"), "-D", str(data), "-U", ROLE, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
        **run,  # type: ignore[call-overload]
    )
    options = f"-k {sock} -c listen_addresses='' -F -c max_connections=60 -c shared_buffers=16MB"
    subprocess.run(
        [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-o", options, "-w", "-t", "60", "start"],
        **run,  # type: ignore[call-overload]
    )
    try:
        yield PgServer(sock, bindir)
    finally:
        subprocess.run(
            [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            **{**run, "check": False},  # type: ignore[call-overload]
        )
        if who:
            shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def site_store(pg_server: PgServer) -> Iterator[str]:
    """A fresh empty database on the test server, as a ``--store`` URL."""
    name = pg_server.create_database()
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop_database(name)
