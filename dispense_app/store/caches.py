"""Local caches used offline and by the prescription match.

* :class:`ProductCache`: product master data (GTIN, PPN/PZN, NHRNs, name, strength, form, pack
  size, ingredient), filled from the hub (``dispense_app.workflow.products.fetch_product``) and
  from a CSV import.
* :class:`PackStateCache`: the last state the hub reported for a pack, with the time of the answer.
* :class:`RecallList`: the local recall (GTIN + lot) and withdrawal (whole GTIN) list, with import.

CSV imports are all-or-nothing: every row is checked first; one bad row and nothing is written
(:class:`ImportFileError` lists the bad lines).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dispense_app.core.model import HubReply, PackRef, ProductInfo
from dispense_app.store.errors import ImportFileError
from dispense_app.store.records import bounded, iso, parse_iso, utcnow
from scanner.parsing import checks

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]
AuditAppend = Callable[[sqlite3.Connection, str, str | None, dict[str, Any]], None]

MAX_IMPORT_BYTES = 200 * 1024 * 1024


def gs1_check_digit_ok(digits: str) -> bool:
    """Mod-10 check digit of a GTIN-8/12/13/14."""
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        return False
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def normalize_gtin(text: str) -> str | None:
    """A GTIN-8/12/13/14 as 14 digits, or None when it is not a valid GTIN."""
    t = text.strip()
    if not gs1_check_digit_ok(t):
        return None
    return t.zfill(14)


pzn_from_ppn = checks.pzn_in_ppn
pzn_from_ntin = checks.pzn_in_ntin


def _read_csv(path: Path, required: tuple[str, ...] = ("gtin",)) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV (UTF-8 with or without BOM; comma, semicolon or tab) with their line numbers.
    A header without the ``required`` columns is refused, naming them."""
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise ImportFileError(str(path), [f"file larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB"])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(str(path), [f"not UTF-8 text ({exc.reason} at byte {exc.start})"]) from exc
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames:
        raise ImportFileError(str(path), ["empty file (a header line is needed)"])
    reader.fieldnames = [(f or "").strip().lower() for f in reader.fieldnames]
    missing = [c for c in required if c not in reader.fieldnames]
    if missing:
        s = "s" if len(missing) > 1 else ""
        raise ImportFileError(
            str(path), [f"missing column{s} {', '.join(missing)} (the header line has: {', '.join(reader.fieldnames)})"]
        )
    for row in reader:
        if None in row:  # more cells than header columns
            raise ImportFileError(str(path), [f"line {reader.line_num}: more cells than header columns"])
        clean = {k: (v or "").strip() for k, v in row.items()}
        if any(clean.values()):
            yield reader.line_num, clean


_PRODUCT_COLUMNS = (
    "gtin",
    "ppn",
    "pzn",
    "name",
    "strength",
    "form",
    "pack_size",
    "ingredient",
    "nhrn",
    "source",
    "updated_at",
)
_PRODUCT_SELECT = f"SELECT {', '.join(_PRODUCT_COLUMNS)} FROM products"  # noqa: S608


@dataclass(frozen=True, slots=True)
class CachedProduct:
    info: ProductInfo
    ppn: str | None
    source: str
    updated_at: dt.datetime


class ProductCache:
    def __init__(self, conn: sqlite3.Connection, write: Write, audit: AuditAppend, write_cache: Write | None = None):
        self._conn = conn
        self._write = write
        self._write_cache = write_cache or write
        self._audit = audit

    def get(self, code: str) -> CachedProduct | None:
        """Look a product up by GTIN (8-14 digits), PPN or PZN."""
        code = code.strip()
        gtin = normalize_gtin(code) if code.isdigit() and len(code) in (8, 12, 13, 14) else None
        row = None
        if gtin:
            row = self._conn.execute(_PRODUCT_SELECT + " WHERE gtin = ?", (gtin,)).fetchone()
        if row is None:
            row = self._conn.execute(
                _PRODUCT_SELECT + " WHERE ppn = ? OR pzn = ? ORDER BY updated_at DESC LIMIT 1", (code, code)
            ).fetchone()
        return self._from_row(row) if row else None

    @staticmethod
    def _from_row(row: tuple[Any, ...]) -> CachedProduct:
        r = dict(zip(_PRODUCT_COLUMNS, row, strict=True))
        info = ProductInfo(
            gtin=r["gtin"],
            name=r["name"],
            strength=r["strength"],
            form=r["form"],
            pack_size=r["pack_size"],
            pzn=r["pzn"],
            ingredient=r["ingredient"],
            nhrn=json.loads(r["nhrn"] or "{}"),
        )
        return CachedProduct(info, r["ppn"], r["source"], dt.datetime.fromisoformat(r["updated_at"]))

    def put(
        self, info: ProductInfo, *, ppn: str | None = None, source: str = "hub", now: dt.datetime | None = None
    ) -> None:
        with self._write_cache() as conn:
            self._put(conn, info, ppn, source, iso(now or utcnow()))

    @staticmethod
    def _put(conn: sqlite3.Connection, info: ProductInfo, ppn: str | None, source: str, stamp: str) -> None:
        gtin = normalize_gtin(info.gtin) or info.gtin
        pzn = info.pzn or (pzn_from_ppn(ppn) if ppn else None) or pzn_from_ntin(gtin)
        conn.execute(
            "INSERT INTO products"
            " (gtin, ppn, pzn, name, strength, form, pack_size, ingredient, nhrn, source, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(gtin) DO UPDATE SET"
            " ppn = coalesce(excluded.ppn, products.ppn), pzn = coalesce(excluded.pzn, products.pzn),"
            " name = coalesce(excluded.name, products.name),"
            " strength = coalesce(excluded.strength, products.strength),"
            " form = coalesce(excluded.form, products.form),"
            " pack_size = coalesce(excluded.pack_size, products.pack_size),"
            " ingredient = coalesce(excluded.ingredient, products.ingredient),"
            " nhrn = CASE WHEN excluded.nhrn = '{}' THEN products.nhrn ELSE excluded.nhrn END,"
            " source = excluded.source, updated_at = excluded.updated_at",
            (
                gtin,
                ppn,
                pzn,
                info.name,
                info.strength,
                info.form,
                info.pack_size,
                info.ingredient,
                json.dumps(info.nhrn or {}, sort_keys=True),
                source,
                stamp,
            ),
        )

    def import_csv(self, path: str | Path, *, actor: str | None = None) -> int:
        """Import product master data. Columns (header, any order): ``gtin`` (required), ``ppn``,
        ``pzn``, ``name`` (or ``product_name``), ``strength``, ``form``, ``pack_size``,
        ``ingredient``, ``nhrn`` (``710:12345678|711:...``) and/or ``nhrn_710``-style columns."""
        p = Path(path)
        problems: list[str] = []
        rows: list[tuple[ProductInfo, str | None]] = []
        for line, r in _read_csv(p):
            gtin = normalize_gtin(r.get("gtin", ""))
            if gtin is None:
                problems.append(f"line {line}: gtin {r.get('gtin', '')!r} is not a valid GTIN")
                continue
            nhrn: dict[str, str] = {}
            for part in filter(None, r.get("nhrn", "").split("|")):
                ai, _, value = part.partition(":")
                if not ai.strip().isdigit() or not value.strip():
                    problems.append(f"line {line}: nhrn {part!r} is not AI:VALUE")
                nhrn[ai.strip()] = value.strip()
            for key, value in r.items():
                if key.startswith("nhrn_") and value:
                    nhrn[key[5:]] = value
            too_long = [k for k, v in r.items() if len(v) > 200]
            if too_long:
                problems.append(f"line {line}: value too long in {', '.join(too_long)}")
            rows.append(
                (
                    ProductInfo(
                        gtin=gtin,
                        name=r.get("name") or r.get("product_name") or None,
                        strength=r.get("strength") or None,
                        form=r.get("form") or None,
                        pack_size=r.get("pack_size") or None,
                        pzn=r.get("pzn") or None,
                        ingredient=r.get("ingredient") or None,
                        nhrn=nhrn,
                    ),
                    r.get("ppn") or None,
                )
            )
        if problems:
            raise ImportFileError(str(path), problems)
        stamp = iso(utcnow())
        with self._write() as conn:
            for info, ppn in rows:
                self._put(conn, info, ppn, "import", stamp)
            self._audit(conn, "import", actor, {"what": "products", "file": p.name, "rows": len(rows)})
        return len(rows)

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM products").fetchone()[0])


@dataclass(frozen=True, slots=True)
class CachedPackState:
    product_code: str
    serial: str
    state: str | None
    reason: str | None
    return_code: str | None
    lot: str | None
    expiry: str | None
    answered_at: dt.datetime


class PackStateCache:
    def __init__(self, conn: sqlite3.Connection, write: Write):
        self._conn = conn
        self._write = write

    def put(self, pack: PackRef, reply: HubReply, *, at: dt.datetime | None = None) -> None:
        """Remember what the hub said about a pack (any transaction's reply)."""
        with self._write() as conn:
            self.put_in(conn, pack, reply, iso(at or utcnow()))

    @staticmethod
    def put_in(conn: sqlite3.Connection, pack: PackRef, reply: HubReply, stamp: str) -> None:
        conn.execute(
            "INSERT INTO pack_states (product_code, serial, state, reason, return_code, lot, expiry, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(product_code, serial) DO UPDATE SET"
            " state = excluded.state, reason = excluded.reason, return_code = excluded.return_code,"
            " lot = coalesce(excluded.lot, pack_states.lot), expiry = coalesce(excluded.expiry, pack_states.expiry),"
            " answered_at = excluded.answered_at",
            _pack_state_row(pack, reply, stamp),
        )

    @staticmethod
    def put_many(conn: sqlite3.Connection, items: list[tuple[PackRef, HubReply]], stamp: str) -> None:
        conn.executemany(
            "INSERT INTO pack_states (product_code, serial, state, reason, return_code, lot, expiry, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(product_code, serial) DO UPDATE SET"
            " state = excluded.state, reason = excluded.reason, return_code = excluded.return_code,"
            " lot = coalesce(excluded.lot, pack_states.lot), expiry = coalesce(excluded.expiry, pack_states.expiry),"
            " answered_at = excluded.answered_at",
            [_pack_state_row(p, r, stamp) for p, r in items],
        )

    def get(self, product_code: str, serial: str) -> CachedPackState | None:
        row = self._conn.execute(
            "SELECT product_code, serial, state, reason, return_code, lot, expiry, answered_at"
            " FROM pack_states WHERE product_code = ? AND serial = ?",
            (product_code, serial),
        ).fetchone()
        if row is None:
            return None
        answered = parse_iso(row[7])
        assert answered is not None
        return CachedPackState(row[0], row[1], row[2], row[3], row[4], row[5], row[6], answered)


def _pack_state_row(pack: PackRef, reply: HubReply, stamp: str) -> tuple[Any, ...]:
    expiry = reply.expiry or pack.expiry
    return (
        pack.product_code,
        pack.serial,
        reply.state.value if reply.state else None,
        bounded(reply.reason),
        reply.return_code.value,
        reply.lot or pack.lot,
        expiry.isoformat() if expiry else None,
        stamp,
    )


@dataclass(frozen=True, slots=True)
class RecallEntry:
    gtin: str
    lot: str | None  # None: the whole product (withdrawal)
    kind: str  # recall / withdrawal
    reason: str | None
    source: str
    imported_at: dt.datetime


RECALL_KINDS = ("recall", "withdrawal")


class RecallList:
    def __init__(self, conn: sqlite3.Connection, write: Write, audit: AuditAppend):
        self._conn = conn
        self._write = write
        self._audit = audit

    def check(self, gtin: str, lot: str | None) -> RecallEntry | None:
        """The entry that blocks this pack: its batch recalled, or the whole product withdrawn."""
        g = normalize_gtin(gtin) or gtin
        row = self._conn.execute(
            "SELECT gtin, lot, kind, reason, source, imported_at FROM recalls"
            " WHERE gtin = ? AND (lot = '' OR lot = ?) ORDER BY lot = '' LIMIT 1",
            (g, lot or ""),
        ).fetchone()
        if row is None:
            return None
        return RecallEntry(row[0], row[1] or None, row[2], row[3], row[4], dt.datetime.fromisoformat(row[5]))

    def add(
        self,
        gtin: str,
        lot: str | None = None,
        *,
        kind: str | None = None,
        reason: str | None = None,
        source: str = "manual",
        actor: str | None = None,
    ) -> RecallEntry:
        g = normalize_gtin(gtin)
        if g is None:
            raise ImportFileError("recall", [f"gtin {gtin!r} is not a valid GTIN"])
        k = kind or ("recall" if lot else "withdrawal")
        if k not in RECALL_KINDS:
            raise ImportFileError("recall", [f"kind {k!r} is not one of {', '.join(RECALL_KINDS)}"])
        stamp = iso(utcnow())
        with self._write() as conn:
            self._add(conn, g, lot or "", k, reason, source, stamp)
            self._audit(conn, "import", actor, {"what": "recall", "gtin": g, "lot": lot, "kind": k})
        entry = self.check(g, lot)
        assert entry is not None
        return entry

    @staticmethod
    def _add(
        conn: sqlite3.Connection, gtin: str, lot: str, kind: str, reason: str | None, source: str, stamp: str
    ) -> None:
        conn.execute(
            "INSERT INTO recalls (gtin, lot, kind, reason, source, imported_at) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(gtin, lot) DO UPDATE SET kind = excluded.kind, reason = excluded.reason,"
            " source = excluded.source, imported_at = excluded.imported_at",
            (gtin, lot, kind, reason, source, stamp),
        )

    def import_csv(self, path: str | Path, *, actor: str | None = None) -> int:
        """Import a recall/withdrawal list. Columns: ``gtin`` (required), ``lot`` (empty: the whole
        product), ``kind`` (``recall``/``withdrawal``; default by whether a lot is given), ``reason``."""
        p = Path(path)
        problems: list[str] = []
        rows: list[tuple[str, str, str, str | None]] = []
        for line, r in _read_csv(p):
            gtin = normalize_gtin(r.get("gtin", ""))
            if gtin is None:
                problems.append(f"line {line}: gtin {r.get('gtin', '')!r} is not a valid GTIN")
                continue
            lot = r.get("lot", "")
            kind = (r.get("kind") or ("recall" if lot else "withdrawal")).lower()
            if kind not in RECALL_KINDS:
                problems.append(f"line {line}: kind {kind!r} is not one of {', '.join(RECALL_KINDS)}")
            if len(lot) > 20:
                problems.append(f"line {line}: lot longer than 20 characters")
            rows.append((gtin, lot, kind, r.get("reason") or None))
        if problems:
            raise ImportFileError(str(path), problems)
        stamp = iso(utcnow())
        with self._write() as conn:
            for gtin, lot, kind, reason in rows:
                self._add(conn, gtin, lot, kind, reason, "import", stamp)
            self._audit(conn, "import", actor, {"what": "recalls", "file": p.name, "rows": len(rows)})
        return len(rows)

    def entries(self) -> Iterator[RecallEntry]:
        for row in self._conn.execute(
            "SELECT gtin, lot, kind, reason, source, imported_at FROM recalls ORDER BY gtin, lot"
        ):
            yield RecallEntry(row[0], row[1] or None, row[2], row[3], row[4], dt.datetime.fromisoformat(row[5]))
