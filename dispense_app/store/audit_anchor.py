"""The audit chain's head, anchored outside the database (issue 16, item 4).

Someone holding only ``station.db`` can edit a record, recompute every hash after it and update
the head: the chain alone then verifies. So whenever a station database is closed, the chain's
head (sequence number and hash) is appended to ``<home>/station.anchor.jsonl`` (one JSON line,
append-only, 0600), unless it is already the last line. :func:`check` compares every anchored
head with the chain: an anchored entry that is gone (entries deleted at the end, head moved back)
or whose hash changed (the chain rewritten) is reported with the day it was anchored.

It cannot help when the anchor file is edited or deleted too (someone with the whole data folder):
keep copies of the head elsewhere: ``dispense-app audit verify`` prints it and every export
names it (docs/security.md).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from dispense_app.store.records import iso, utcnow

log = logging.getLogger(__name__)


def anchor_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}.anchor.jsonl")


@dataclass(frozen=True, slots=True)
class Head:
    seq: int
    hash: str

    def to_json(self) -> dict[str, object]:
        return {"seq": self.seq, "hash": self.hash}


@dataclass(frozen=True, slots=True)
class AnchorProblem:
    problem: str  # rewritten / truncated / anchor-damaged
    seq: int | None
    message: str


def head(conn: sqlite3.Connection) -> Head | None:
    try:
        row = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    except sqlite3.DatabaseError:
        return None
    return Head(int(row[0]), str(row[1])) if row else None


def record(conn: sqlite3.Connection, db_path: Path) -> None:
    """Append the chain's head to the anchor file if it moved since the last line (never raises:
    an unwritable anchor is logged; the database is what must not be lost)."""
    current = head(conn)
    if current is None:
        return
    path = anchor_path(db_path)
    try:
        last = _last_line(path)
        if last is not None and last.get("seq") == current.seq and last.get("hash") == current.hash:
            return
        line = json.dumps({"seq": current.seq, "hash": current.hash, "at": iso(utcnow())}) + "\n"
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
    except OSError as exc:
        log.warning("the audit anchor %s could not be written: %s", path, exc)


def _last_line(path: Path) -> dict[str, object] | None:
    try:
        with path.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 4096))
            tail = fh.read().splitlines()
    except FileNotFoundError:
        return None
    for raw in reversed(tail):
        try:
            value = json.loads(raw)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None
    return None


def check(conn: sqlite3.Connection, db_path: Path) -> tuple[AnchorProblem | None, dict[str, object] | None]:
    """The first anchored head the chain no longer has, and the last anchor line (None: none yet)."""
    path = anchor_path(db_path)
    last: dict[str, object] | None = None
    try:
        fh = path.open("r", encoding="utf-8")
    except FileNotFoundError:
        return None, None
    with fh:
        for number, text in enumerate(fh, start=1):
            try:
                line = json.loads(text)
                seq, digest, at = int(line["seq"]), str(line["hash"]), str(line.get("at", "?"))
            except (ValueError, KeyError, TypeError):
                return AnchorProblem("anchor-damaged", None,
                                     f"the audit anchor {path.name} is damaged at line {number}"), last
            row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
            if row is None:
                return AnchorProblem("truncated", seq, f"audit entry {seq}, anchored outside the database on "
                                     f"{at[:10]}, is gone: entries were deleted from the end of the chain"), last
            if str(row[0]) != digest:
                return AnchorProblem("rewritten", seq, f"audit entry {seq} differs from the hash anchored outside "
                                     f"the database on {at[:10]}: the chain was rewritten"), last
            last = line
    return None, last
