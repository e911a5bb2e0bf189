"""A throwaway local PostgreSQL server, for the tests and benchmarks of the site store.

``initdb`` in a folder of its own, ``postgres`` listening only on a Unix socket in that folder (no
TCP port; trust authentication for the one local role, which is safe there: only this machine's
users who can reach the folder can connect), stopped and removed at the end. As root (CI,
containers) the server runs as the ``postgres`` system user, because PostgreSQL refuses to run as
root. Never used by the app itself: a site's real server is set up by its IT (docs/site.md).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROLE = "dispense"


class ServerUnavailable(RuntimeError):
    """No PostgreSQL server binaries here (or no user to run them as): the caller skips."""


def bindir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` are: on PATH, else Debian's newest /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def _run_as() -> dict[str, Any]:
    if os.geteuid() != 0:
        return {}
    import pwd

    try:
        pw = pwd.getpwnam("postgres")
    except KeyError:
        raise ServerUnavailable("running as root and there is no `postgres` system user to run the server as") from None
    return {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": []}


@dataclass(frozen=True)
class LocalServer:
    socket_dir: Path

    def url(self, dbname: str) -> str:
        return f"postgresql://{ROLE}@/{dbname}?host={self.socket_dir}"

    def create_database(self) -> str:
        """A fresh empty database; its name."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"'.encode())
        return name

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'.encode())


@contextmanager
def local_server(*, fsync: bool = False, max_connections: int = 60) -> Iterator[LocalServer]:
    """Start a server in a new temporary folder; stop it and remove the folder afterwards.
    ``fsync=False`` for tests (fast, nothing to keep); benchmarks keep the server's default (on)."""
    found = bindir()
    if found is None:
        raise ServerUnavailable(
            "PostgreSQL server binaries (initdb, postgres) are not installed: run ./scripts/setup.sh"
        )
    who = _run_as()
    base = Path(tempfile.mkdtemp(prefix="dispense-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    if who:
        for p in (base, sock):
            os.chown(p, int(who["user"]), int(who["group"]))
    run: dict[str, Any] = {"check": True, "capture_output": True, "text": True, **who}
    try:
        initdb = [str(found / "initdb"), "-D", str(data), "-U", ROLE, "-A", "trust", "-E", "UTF8", "--locale=C"]
        subprocess.run([*initdb, *([] if fsync else ["--no-sync"])], **run)
        options = f"-k {sock} -c listen_addresses='' -c max_connections={max_connections} -c shared_buffers=32MB"
        if not fsync:
            options += " -F"
        start = [str(found / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-o", options, "-w", "-t", "60"]
        subprocess.run([*start, "start"], **run)
        try:
            yield LocalServer(sock)
        finally:
            stop = [str(found / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
            subprocess.run(stop, **{**run, "check": False})
    except subprocess.CalledProcessError as exc:
        raise ServerUnavailable(f"the local PostgreSQL server did not start: {exc.stderr or exc}") from exc
    finally:
        shutil.rmtree(base, ignore_errors=True)
