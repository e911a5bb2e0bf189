"""The station's files on disk (issue 16, defects 11 and 12): processes racing to open a fresh or an
old data folder create and migrate it once; the data folder is 0700, the database, its -wal/-shm,
the lock file and backups 0600."""

from __future__ import annotations

import collections
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dispense_app.store import SCHEMA_VERSION, Station, StoreEnvironmentError
from dispense_app.store import files as store_files
from dispense_app.store.files import OpenLock
from tests.test_store_migrations import make_old_database

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes (Windows: the profile's ACL)")

# Each child imports the store, says "ready", waits for "go" on stdin, then opens every home in
# turn, printing what its open did. Started together, they race on every home: the first to get
# there creates (or migrates) it while the others open it.
CHILD = r"""
import json, sys
from dispense_app.store import Station
print("ready", flush=True)
sys.stdin.readline()
for home in sys.argv[1:]:
    try:
        with Station.open(home) as st:
            info = st.open_info
            print(json.dumps({"home": home, "ok": True, "station": st.station_id, "created": info.created,
                              "migrations": info.migrations, "version": st.schema_version}), flush=True)
    except Exception as exc:
        print(json.dumps({"home": home, "ok": False, "error": f"{type(exc).__name__}: {exc}"}), flush=True)
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def race(homes: list[Path], processes: int) -> list[dict[str, object]]:
    """Start ``processes`` children at once on ``homes``; every line they printed."""
    import json

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, *map(str, homes)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for _ in range(processes)
    ]  # fmt: skip
    try:
        for p in procs:  # all imported and waiting
            assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        for p in procs:
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        results = [p.communicate(timeout=600) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    for p, (_, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    return [json.loads(line) for out, _ in results for line in out.splitlines()]


def by_home(lines: list[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    grouped: dict[str, list[dict[str, object]]] = collections.defaultdict(list)
    for line in lines:
        grouped[str(line["home"])].append(line)
    return grouped


def test_processes_racing_on_fresh_data_folders_create_each_once(tmp_path: Path) -> None:
    """Eight processes open 30 fresh data folders at once. Without the open lock some of them were
    refused ("not a station database", "database is locked") while another was migrating, several
    believed they had created the database, and one folder's processes saw two station ids (the
    id was written twice)."""
    homes = [tmp_path / f"h{i:02d}" for i in range(30)]
    grouped = by_home(race(homes, processes=8))
    assert sorted(grouped) == sorted(map(str, homes))
    for home, lines in grouped.items():
        assert len(lines) == 8
        assert [line for line in lines if not line["ok"]] == []
        assert {line["version"] for line in lines} == {SCHEMA_VERSION}
        # one station id, the one the database keeps
        with Station.open(home) as st:
            assert {line["station"] for line in lines} == {st.station_id}
        # exactly one process created the database and ran the migrations
        creators = [line for line in lines if line["created"]]
        assert len(creators) == 1, home
        assert len(creators[0]["migrations"]) == SCHEMA_VERSION  # type: ignore[arg-type]
        assert sum(bool(line["migrations"]) for line in lines) == 1


def test_processes_racing_on_an_old_database_migrate_it_once(tmp_path: Path) -> None:
    """Six processes open 8 schema-6 databases at once: each is backed up once and migrated once
    (without the lock, every process that saw migrations pending wrote its own backup)."""
    homes = []
    for i in range(8):
        home = tmp_path / f"old{i}"
        home.mkdir()
        make_old_database(home / "station.db", 6)
        homes.append(home)
    grouped = by_home(race(homes, processes=6))
    for home, lines in grouped.items():
        assert [line for line in lines if not line["ok"]] == []
        assert sum(bool(line["migrations"]) for line in lines) == 1
        assert {line["station"] for line in lines} == {"ST-OLD"}
        assert not any(line["created"] for line in lines)
        assert len(list(Path(home).glob("station.v6.backup-*.db"))) == 1
        with Station.open(home) as st:
            assert [e.kind for e in st.audit.entries()].count("migration") == 1
            assert st.audit.verify().ok


def test_open_waits_for_the_lock_and_gives_up_with_a_message(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Station.open(home):
        pass
    monkeypatch.setattr(store_files, "LOCK_TIMEOUT_S", 0.2)
    with OpenLock(home / "station.db"), pytest.raises(StoreEnvironmentError, match="another program has been opening"):
        Station.open(home)
    with Station.open(home) as st:  # released: opens again
        assert st.schema_version == SCHEMA_VERSION


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most permissive umask: whatever the station makes private, it makes so itself."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@posix_only
@pytest.mark.usefixtures("open_umask")
def test_a_new_data_folder_and_database_are_private(tmp_path: Path) -> None:
    home = tmp_path / "new" / "home"
    with Station.open(home) as st:
        st.settings.set("station.location", "PHARMACY-1")  # something in the -wal
        wal, shm = home / "station.db-wal", home / "station.db-shm"
        assert wal.exists() and shm.exists()
        assert mode(home) == 0o700
        assert {p.name: mode(p) for p in home.iterdir()} == {
            "station.db": 0o600,
            "station.db-wal": 0o600,
            "station.db-shm": 0o600,
            "station.db.lock": 0o600,
        }


@posix_only
@pytest.mark.usefixtures("open_umask")
def test_files_an_older_version_left_open_are_narrowed_and_backups_are_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    db = home / "station.db"
    make_old_database(db, 6)
    conn = sqlite3.connect(db)  # an older version's -wal/-shm, world-readable like the database
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("UPDATE settings SET updated_at = updated_at")
    conn.commit()
    old_wal = home / "station.db-wal"
    os.chmod(db, 0o644)
    os.chmod(home, 0o755)
    assert old_wal.exists() and mode(old_wal) == 0o644
    with Station.open(home) as st:
        backup = st.open_info.backup
        assert backup is not None
        assert mode(home) == 0o700
        assert mode(db) == 0o600 and mode(old_wal) == 0o600 and mode(home / "station.db-shm") == 0o600
        assert mode(backup) == 0o600
    conn.close()
    os.chmod(backup, 0o644)  # a backup someone widened is narrowed at the next open
    with Station.open(home):
        assert mode(backup) == 0o600


@posix_only
def test_the_command_line_makes_a_private_data_folder(tmp_path: Path) -> None:
    """The installed CLI, with a umask that would leave everything readable by all."""
    home = tmp_path / "cli-home"
    run = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.umask(0o022); from dispense_app.cli import main; sys.exit(main())",
         "operators", "add", "anna", "--name", "Anna", "--role", "pharmacist", "--home", str(home)],
        input="246810\n", capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert mode(home) == 0o700
    assert all(mode(p) == 0o600 for p in home.iterdir() if p.name.startswith("station.db")), [
        (p.name, oct(mode(p))) for p in home.iterdir()
    ]


@posix_only
def test_someone_elses_or_linked_files_are_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("x")
    os.chmod(target, 0o644)
    link = tmp_path / "link"
    link.symlink_to(target)
    store_files.private_file(link)  # a link is not followed
    assert mode(target) == 0o644
    store_files.private_file(tmp_path / "missing")  # nothing to do
    store_files.private_file(target)
    assert mode(target) == 0o600
