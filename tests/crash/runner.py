"""Runs of a crash driver (tests/crash/driver.py, replay_driver.py), each a child forked from a
``DRIVER --zygote`` process that has imported everything, killed with SIGKILL at a chosen moment.
Used by tests/test_store_crash.py and tests/test_hub_faces_crash.py."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


class ForkedRuns:
    def __init__(self, driver: Path, tmp: Path) -> None:
        self.tmp = tmp
        self.count = 0
        self.proc = subprocess.Popen(
            [sys.executable, str(driver), "--zygote"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)

    def run(self, args: list[str], kill_after: float | None) -> tuple[list[str], bool, float]:
        """One run of the driver with ``args``; SIGKILL it ``kill_after`` seconds after it says
        ``ready`` (None: let it finish). Returns its lines after ``ready``, whether it was killed,
        and the seconds from ready to its end."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.count += 1
        fifo = self.tmp / f"run{self.count}.fifo"
        os.mkfifo(fifo)
        self.proc.stdin.write(" ".join([str(fifo), *args]) + "\n")
        self.proc.stdin.flush()
        pid = int(self.proc.stdout.readline().split()[1])
        with open(fifo) as lines:  # opens once the child has opened its end
            ready = lines.readline().strip()
            assert ready == "ready", ready
            started = time.monotonic()
            if kill_after is not None:
                time.sleep(kill_after)  # when to pull the plug; nothing is asserted about time
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            out = lines.read()
            span = time.monotonic() - started
        word, child, status = self.proc.stdout.readline().split()
        assert word == "exit" and int(child) == pid
        code = int(status)
        killed = os.WIFSIGNALED(code) and os.WTERMSIG(code) == signal.SIGKILL
        assert killed or (os.WIFEXITED(code) and os.WEXITSTATUS(code) == 0), status
        fifo.unlink()
        return out.splitlines(), killed, span


def sending(home: Path) -> dict[str, int]:
    """Outbox rows claimed for sending whose answer is not recorded: {client trx id: attempts}
    (a kill between two readings that raised an attempt landed between a send and its answer).
    On a site store (env DISPENSE_APP_STORE, issue 20) read from the server."""
    site = os.environ.get("DISPENSE_APP_STORE", "")
    if site.startswith("postgresql"):
        import psycopg

        with psycopg.connect(site, autocommit=True) as pg:
            if pg.execute("SELECT to_regclass('outbox')").fetchone() == (None,):
                return {}
            return dict(pg.execute("SELECT client_trx_id, attempts FROM outbox WHERE state = 'sending'").fetchall())
    if not (home / "station.db").exists():
        return {}
    conn = sqlite3.connect(f"file:{home / 'station.db'}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT client_trx_id, attempts FROM outbox WHERE state = 'sending'").fetchall())
    except sqlite3.OperationalError:  # killed before the schema was created
        return {}
    finally:
        conn.close()
