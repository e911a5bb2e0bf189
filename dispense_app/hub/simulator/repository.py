"""The simulator's own pack repository: SQLite (stdlib ``sqlite3``), parameterised SQL only.

One connection guarded by a lock (the server's event loop and the test thread that seeds it may
both touch it). A file database runs in WAL mode; without a path the repository lives in memory.
A request with many packs (bulk) is decided in memory against an overlay of the packs it already
changed and written back with ``executemany`` in one SQLite transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dispense_app.core.model import DECOMMISSIONS, EntryMode, PackState, ProductScheme, ReturnCode, Transaction
from scanner.parsing.checks import ppn_from_pzn

from .rules import MarketRules, Outcome, StoredPack, decide_real
from .seed import PackSeed

SCHEMA = """
CREATE TABLE IF NOT EXISTS products (
    gtin TEXT PRIMARY KEY, ppn TEXT, pzn TEXT, name TEXT, strength TEXT, form TEXT, pack_size TEXT
);
CREATE INDEX IF NOT EXISTS products_ppn ON products(ppn);
CREATE TABLE IF NOT EXISTS packs (
    gtin TEXT NOT NULL, serial TEXT NOT NULL, lot TEXT NOT NULL, expiry TEXT NOT NULL,
    state TEXT NOT NULL, reason TEXT, supplied_at TEXT, supplied_location TEXT,
    market TEXT, repeats INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (gtin, serial)
);
CREATE INDEX IF NOT EXISTS packs_lot ON packs(gtin, lot);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY, gtin TEXT NOT NULL, serial TEXT NOT NULL, at TEXT NOT NULL,
    trx TEXT NOT NULL, from_state TEXT, to_state TEXT, client_trx_id TEXT, location TEXT,
    face TEXT, code TEXT
);
CREATE INDEX IF NOT EXISTS history_pack ON history(gtin, serial);
CREATE TABLE IF NOT EXISTS client_trx (
    client_id TEXT NOT NULL, client_trx_id TEXT NOT NULL, fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (client_id, client_trx_id)
);
CREATE TABLE IF NOT EXISTS alerts (
    alert_id TEXT PRIMARY KEY, at TEXT NOT NULL, return_code TEXT NOT NULL, alert_class TEXT,
    gtin TEXT, serial TEXT, trx TEXT, client_trx_id TEXT, location TEXT, entry_mode TEXT
);
"""


@dataclass(frozen=True, slots=True)
class PackItem:
    """One pack in a request, as the HTTP layer parsed it."""

    transaction: Transaction
    scheme: ProductScheme
    code: str
    serial: str
    lot: str | None = None
    expiry: dt.date | None = None
    client_trx_id: str | None = None
    location: str | None = None
    entry_mode: EntryMode = EntryMode.SCAN
    #: which face of the simulator took the request and its transaction code there (NMVS: "G120")
    face: str = "fmd-rest"
    code_name: str | None = None

    def fingerprint(self) -> str:
        """What "the same payload" means for an idempotent retry."""
        return json.dumps(
            [
                self.transaction.value,
                self.scheme.value,
                self.code,
                self.serial,
                self.lot,
                self.expiry.isoformat() if self.expiry else None,
                self.location,
            ]
        )


@dataclass(slots=True)
class ItemResult:
    status: int
    body: dict[str, Any]
    replayed: bool = False


@dataclass
class _Batch:
    """Changes of one request, applied together."""

    packs: dict[tuple[str, str], StoredPack] = field(default_factory=dict)
    history: list[tuple[Any, ...]] = field(default_factory=list)
    trx: dict[tuple[str, str], tuple[str, int, str]] = field(default_factory=dict)
    alerts: list[tuple[Any, ...]] = field(default_factory=list)
    products: dict[str, dict[str, Any] | None] = field(default_factory=dict)


def _iso(t: dt.datetime | None) -> str | None:
    return t.isoformat(timespec="seconds") if t else None


def _row_to_pack(row: sqlite3.Row) -> StoredPack:
    return StoredPack(
        gtin=row["gtin"],
        serial=row["serial"],
        lot=row["lot"],
        expiry=dt.date.fromisoformat(row["expiry"]),
        state=PackState(row["state"]),
        reason=row["reason"],
        supplied_at=dt.datetime.fromisoformat(row["supplied_at"]) if row["supplied_at"] else None,
        supplied_location=row["supplied_location"],
        market=row["market"],
        repeats=int(row["repeats"] or 0),
        recalled=bool(row["recalled"]),
    )


class PackRepository:
    def __init__(self, db_path: str | Path | None = None) -> None:
        self._lock = threading.RLock()
        target = str(db_path) if db_path else ":memory:"
        self._conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        if db_path:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(SCHEMA)
        columns = {r["name"] for r in self._conn.execute("PRAGMA table_info(history)")}
        for column in ("face", "code"):  # a --db file written before the NMVS face existed
            if column not in columns:
                self._conn.execute(f"ALTER TABLE history ADD COLUMN {column} TEXT")
        columns = {r[1] for r in self._conn.execute("PRAGMA table_info(packs)")}
        for name, kind in (
            ("market", "TEXT"),
            ("repeats", "INTEGER NOT NULL DEFAULT 0"),
            ("recalled", "INTEGER NOT NULL DEFAULT 0"),
        ):
            if name not in columns:  # a simulator file from before the market rules
                self._conn.execute(f"ALTER TABLE packs ADD COLUMN {name} {kind}")
        self.rules = MarketRules()
        #: (client, location, product) -> manual entries whose data alert the typo tolerance waived
        self.manual_misses: Counter[tuple[str, str, str]] = Counter()
        self.return_codes: Counter[str] = Counter()
        self.vrs_answers: Counter[str] = Counter()
        #: the /vrs face's seeded answers: (gtin, serial) -> (verificationFailureReason, additionalInfo),
        #: and gtin -> the HTTP status it answers for every pack of that GTIN (seed columns vrs_*)
        self.vrs_seeded: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        self.vrs_status: dict[str, int] = {}

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # --- seeding -------------------------------------------------------------------------------
    def seed(self, packs: Iterable[PackSeed]) -> int:
        packs = list(packs)
        # one product row per GTIN, each field from the first pack that gives it
        merged: dict[str, dict[str, str | None]] = {}
        for p in packs:
            row = merged.setdefault(p.gtin, {})
            for name in ("pzn", "product_name", "strength", "form", "pack_size"):
                if row.get(name) is None:
                    row[name] = getattr(p, name)
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                self._conn.executemany(
                    "INSERT INTO products (gtin, ppn, pzn, name, strength, form, pack_size) VALUES (?,?,?,?,?,?,?) "
                    "ON CONFLICT(gtin) DO UPDATE SET ppn=coalesce(excluded.ppn, ppn), pzn=coalesce(excluded.pzn, pzn), "
                    "name=coalesce(excluded.name, name), strength=coalesce(excluded.strength, strength), "
                    "form=coalesce(excluded.form, form), pack_size=coalesce(excluded.pack_size, pack_size)",
                    [
                        (
                            gtin,
                            ppn_from_pzn(r["pzn"]) if r["pzn"] else None,
                            r["pzn"],
                            r["product_name"],
                            r["strength"],
                            r["form"],
                            r["pack_size"],
                        )
                        for gtin, r in merged.items()
                    ],
                )
                self._conn.executemany(
                    "INSERT OR REPLACE INTO packs (gtin, serial, lot, expiry, state, reason, market)"
                    " VALUES (?,?,?,?,?,?,?)",
                    [(p.gtin, p.serial, p.lot, p.expiry.isoformat(), p.state.value, p.reason, p.market) for p in packs],
                )
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            for p in packs:  # the /vrs face's seeded answers (vrs_api.py)
                if p.vrs_reason or p.vrs_info:
                    self.vrs_seeded[(p.gtin, p.serial)] = (p.vrs_reason, p.vrs_info)
                if p.vrs_status:
                    self.vrs_status[p.gtin] = p.vrs_status
        return len(packs)

    def recall(self, gtin: str, lot: str, now: dt.datetime) -> int:
        """Recall a batch: every Active pack of it becomes Recalled; a pack already inactive for
        another reason that is not final (Supplied, Exported, Locked, ...) keeps its state with the
        recall among its reasons (a recall after supply)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT serial, state FROM packs WHERE gtin=? AND lot=? AND state NOT IN (?,?,?,?)",
                (gtin, lot, *(s.value for s in PackState if s.is_final)),
            ).fetchall()
            later = [r for r in rows if r["state"] != PackState.ACTIVE.value]
            rows = [r for r in rows if r["state"] == PackState.ACTIVE.value]
            self._conn.execute("BEGIN")
            self._conn.executemany(
                "UPDATE packs SET recalled=1 WHERE gtin=? AND serial=?", [(gtin, r["serial"]) for r in later]
            )
            self._conn.executemany(
                "UPDATE packs SET state=?, reason=? WHERE gtin=? AND serial=?",
                [(PackState.RECALLED.value, f"batch {lot} recalled", gtin, r["serial"]) for r in rows],
            )
            self._conn.executemany(
                "INSERT INTO history (gtin, serial, at, trx, from_state, to_state) VALUES (?,?,?,?,?,?)",
                [(gtin, r["serial"], _iso(now), "recall", r["state"], PackState.RECALLED.value) for r in rows],
            )
            self._conn.execute("COMMIT")
        return len(rows) + len(later)

    # --- queries -------------------------------------------------------------------------------
    def resolve_gtin(self, scheme: ProductScheme, code: str) -> str | None:
        """The GTIN-14 of a product code (GTIN-8/12/13 are zero-padded; a PPN maps via its PZN)."""
        if scheme is ProductScheme.GTIN and code.isascii() and code.isdigit() and len(code) in (8, 12, 13):
            code = code.zfill(14)
        with self._lock:
            if scheme is ProductScheme.GTIN:
                row = self._conn.execute("SELECT gtin FROM products WHERE gtin=?", (code,)).fetchone()
            else:
                row = self._conn.execute("SELECT gtin FROM products WHERE ppn=?", (code,)).fetchone()
        return row["gtin"] if row else None

    def product(self, gtin: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._conn.execute("SELECT * FROM products WHERE gtin=?", (gtin,)).fetchone()
        return dict(row) if row else None

    def pack(self, gtin: str, serial: str) -> StoredPack | None:
        with self._lock:
            row = self._conn.execute("SELECT * FROM packs WHERE gtin=? AND serial=?", (gtin, serial)).fetchone()
        return _row_to_pack(row) if row else None

    def lot_known(self, gtin: str, lot: str) -> bool:
        with self._lock:
            row = self._conn.execute("SELECT 1 FROM packs WHERE gtin=? AND lot=? LIMIT 1", (gtin, lot)).fetchone()
        return row is not None

    def pack_view(self, gtin: str, serial: str) -> dict[str, Any] | None:
        """The admin view: state, reason and history of one pack."""
        pack = self.pack(gtin, serial)
        if pack is None:
            return None
        with self._lock:
            rows = self._conn.execute(
                "SELECT at, trx, from_state, to_state, client_trx_id, location, face, code FROM history "
                "WHERE gtin=? AND serial=? ORDER BY id",
                (gtin, serial),
            ).fetchall()
        return {
            "gtin": pack.gtin,
            "serial": pack.serial,
            "lot": pack.lot,
            "expiry": pack.expiry.isoformat(),
            "state": pack.state.value,
            "reason": pack.reason,
            "reasons": pack.reasons,
            "history": [
                {
                    "at": r["at"],
                    "transaction": r["trx"],
                    "from": r["from_state"],
                    "to": r["to_state"],
                    "client_trx_id": r["client_trx_id"],
                    "location": r["location"],
                    "face": r["face"] or "fmd-rest",
                    "code": r["code"] or r["trx"],
                }
                for r in rows
            ],
        }

    def transaction_by_hub_trx(self, client_id: str, hub_trx_id: str) -> tuple[Transaction, str, str] | None:
        """The state change this client made that the hub answered with ``hub_trx_id``:
        (transaction, product code as sent, serial), if any (securPharm's undo names it by ``trx``)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT fingerprint FROM client_trx WHERE client_id=? AND json_extract(body, '$.hub_trx_id')=?",
                (client_id, hub_trx_id),
            ).fetchone()
        if row is None:
            return None
        try:
            trx, _scheme, code, serial = json.loads(row["fingerprint"])[:4]
            return Transaction(trx), str(code), str(serial)
        except (ValueError, TypeError):
            return None

    def earlier_transaction(self, client_id: str, client_trx_id: str) -> Transaction | None:
        """The transaction an already used client transaction id carried, if any."""
        with self._lock:
            row = self._conn.execute(
                "SELECT fingerprint FROM client_trx WHERE client_id=? AND client_trx_id=?", (client_id, client_trx_id)
            ).fetchone()
        if row is None:
            return None
        try:
            return Transaction(json.loads(row["fingerprint"])[0])
        except (ValueError, IndexError, TypeError):
            return None

    def last_change(self, gtin: str, serial: str, transaction: Transaction) -> str | None:
        """The client transaction id of the pack's latest ``transaction`` (an undo's reference)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT client_trx_id FROM history WHERE gtin=? AND serial=? AND trx=? ORDER BY id DESC LIMIT 1",
                (gtin, serial, transaction.value),
            ).fetchone()
        return row["client_trx_id"] if row else None

    def alert_count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM alerts").fetchone()[0])

    def alerts_by_class(self) -> dict[str, int]:
        with self._lock:
            rows = self._conn.execute("SELECT alert_class, count(*) FROM alerts GROUP BY alert_class").fetchall()
        return {str(r[0]): int(r[1]) for r in rows}

    def alerts(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self._conn.execute("SELECT * FROM alerts ORDER BY at, alert_id")]

    # --- transactions --------------------------------------------------------------------------
    def process(
        self,
        items: list[PackItem],
        *,
        client_id: str,
        now: dt.datetime,
        refuse_reuse: bool = False,
        bulk: bool = False,
    ) -> list[ItemResult]:
        """Decide and apply every item, in order, in one SQLite transaction. ``refuse_reuse``: a
        client transaction id used before is answered NMVS_TE_TX_01 even for the same request (the
        real NMVS), not with the first answer again."""
        with self._lock:
            batch = _Batch()
            results = [self._one(batch, item, client_id, now, refuse_reuse, bulk) for item in items]
            self._flush(batch)
            for r in results:
                self.return_codes[r.body["return_code"]] += 1
        return results

    def _current(self, batch: _Batch, gtin: str, serial: str) -> StoredPack | None:
        key = (gtin, serial)
        if key in batch.packs:
            return batch.packs[key]
        row = self._conn.execute("SELECT * FROM packs WHERE gtin=? AND serial=?", key).fetchone()
        return _row_to_pack(row) if row else None

    def _one(
        self,
        batch: _Batch,
        item: PackItem,
        client_id: str,
        now: dt.datetime,
        refuse_reuse: bool = False,
        bulk: bool = False,
    ) -> ItemResult:
        fingerprint = item.fingerprint()
        trx_key = (client_id, item.client_trx_id or "")
        stores = item.transaction.changes_state and bool(item.client_trx_id)
        if stores:
            prior = batch.trx.get(trx_key)
            if prior is None:
                row = self._conn.execute(
                    "SELECT fingerprint, status, body FROM client_trx WHERE client_id=? AND client_trx_id=?", trx_key
                ).fetchone()
                if row is not None:
                    prior = (row["fingerprint"], row["status"], row["body"])
            if prior is not None:
                if prior[0] == fingerprint and not refuse_reuse:
                    return ItemResult(prior[1], json.loads(prior[2]), replayed=True)
                return self._reused(batch, item)

        gtin = self.resolve_gtin(item.scheme, item.code)
        pack = self._current(batch, gtin, item.serial) if gtin else None
        lot_known = False
        if gtin and pack and item.lot is not None and item.lot != pack.lot:
            lot_known = self.lot_known(gtin, item.lot)
        outcome, intermarket = self._decide(item, gtin, pack, lot_known, client_id, now, bulk)
        alert_id = None
        if outcome.alert:
            market = pack.market if intermarket and pack is not None and pack.market else self.rules.market
            alert_id = f"{market}-{outcome.alert_class}-{uuid.uuid4().hex[:12].upper()}"
            batch.alerts.append(
                (
                    alert_id,
                    _iso(now),
                    outcome.return_code.value,
                    outcome.alert_class,
                    gtin or item.code,
                    item.serial,
                    item.transaction.value,
                    item.client_trx_id,
                    item.location,
                    item.entry_mode.value,
                )
            )
        if outcome.repeat and pack is not None:
            batch.packs[(pack.gtin, pack.serial)] = replace(pack, repeats=pack.repeats + 1)
        if outcome.changed and pack is not None and outcome.state is not None:
            supplied = item.transaction in DECOMMISSIONS  # when and where it left Active (Art. 13 undo)
            batch.packs[(pack.gtin, pack.serial)] = StoredPack(
                gtin=pack.gtin,
                serial=pack.serial,
                lot=pack.lot,
                expiry=pack.expiry,
                state=outcome.state,
                reason=None,
                supplied_at=now if supplied else None,
                supplied_location=item.location if supplied else None,
                market=pack.market,
                recalled=pack.recalled,
            )
            batch.history.append(
                (
                    pack.gtin,
                    pack.serial,
                    _iso(now),
                    item.transaction.value,
                    pack.state.value,
                    outcome.state.value,
                    item.client_trx_id,
                    item.location,
                    item.face,
                    item.code_name or item.transaction.value,
                )
            )
        if gtin is not None and gtin not in batch.products:
            batch.products[gtin] = self.product(gtin)
        product = batch.products.get(gtin) if gtin else None
        body = self._body(item, outcome, gtin, pack, alert_id, product)
        if intermarket and pack is not None:
            body["intermarket"] = True  # answered by the pack's own market (IntermarketFlag)
            body["market"] = pack.market
        status = self._status(item.transaction, outcome)
        # a pack of another market in a bulk request was not processed at all (no intermarket path):
        # its id is not kept, so the client can send it again singly with the same id
        if stores and not (gtin is not None and outcome.return_code is ReturnCode.PRODUCT_UNKNOWN):
            batch.trx[trx_key] = (fingerprint, status, json.dumps(body))
        return ItemResult(status, body)

    def _decide(
        self,
        item: PackItem,
        gtin: str | None,
        pack: StoredPack | None,
        lot_known: bool,
        client_id: str,
        now: dt.datetime,
        bulk: bool,
    ) -> tuple[Outcome, bool]:
        """The rules' outcome for ``item`` and whether it took the intermarket path (a pack of
        another market, asked singly; a bulk request never takes it: product unknown)."""
        foreign = pack is not None and pack.market is not None and pack.market != self.rules.market
        miss_key = (client_id, item.location or "", gtin or item.code)
        outcome = decide_real(
            item.transaction,
            pack,
            product_known=gtin is not None and not (foreign and bulk),
            lot_known_for_product=lot_known,
            lot=item.lot,
            expiry=item.expiry,
            location=item.location,
            now=now,
            rules=self.rules,
            manual=item.entry_mode is EntryMode.MANUAL,
            manual_misses=self.manual_misses[miss_key],
        )
        if outcome.manual_miss:
            self.manual_misses[miss_key] += 1
        elif outcome.return_code is ReturnCode.SUCCESS:
            self.manual_misses.pop(miss_key, None)  # the tolerance counts misses in a row
        return outcome, foreign and not bulk

    def _reused(self, batch: _Batch, item: PackItem) -> ItemResult:
        gtin = self.resolve_gtin(item.scheme, item.code)
        pack = self._current(batch, gtin, item.serial) if gtin else None
        body = {
            "return_code": ReturnCode.TRX_ID_REUSED.value,
            "message": "client transaction id already used for another request",
            "transaction": item.transaction.value,
            "client_trx_id": item.client_trx_id,
            "hub_trx_id": uuid.uuid4().hex,
            "gtin": gtin,
            "serial": item.serial,
            "state": pack.state.value if pack else None,
            "reason": pack.reason if pack else None,
            "alert_id": None,
            "alert_class": None,
            "lot": pack.lot if pack else None,
            "expiry": pack.expiry.isoformat() if pack else None,
            "product": None,
        }
        return ItemResult(409, body)

    def _body(
        self,
        item: PackItem,
        outcome: Outcome,
        gtin: str | None,
        pack: StoredPack | None,
        alert_id: str | None,
        product: dict[str, Any] | None,
    ) -> dict[str, Any]:
        return {
            "return_code": outcome.return_code.value,
            "message": outcome.message,
            "transaction": item.transaction.value,
            "client_trx_id": item.client_trx_id,
            "hub_trx_id": uuid.uuid4().hex,
            "gtin": gtin,
            "serial": item.serial,
            "state": outcome.state.value if outcome.state else None,
            "reason": (pack.reason if pack and not outcome.changed else None),
            "reasons": _reasons(pack, outcome),
            "alert_id": alert_id,
            "alert_class": outcome.alert_class,
            "lot": pack.lot if pack else None,
            "expiry": pack.expiry.isoformat() if pack else None,
            "product": _product_json(product) if product else None,
        }

    @staticmethod
    def _status(transaction: Transaction, outcome: Outcome) -> int:
        if outcome.return_code in (ReturnCode.PRODUCT_UNKNOWN, ReturnCode.SERIAL_UNKNOWN):
            return 404
        if transaction is Transaction.VERIFY or outcome.return_code is ReturnCode.SUCCESS:
            return 200
        return 409

    def _flush(self, batch: _Batch) -> None:
        if not (batch.packs or batch.history or batch.trx or batch.alerts):
            return
        c = self._conn
        c.execute("BEGIN")
        try:
            c.executemany(
                "UPDATE packs SET state=?, reason=?, supplied_at=?, supplied_location=?, repeats=?"
                " WHERE gtin=? AND serial=?",
                [
                    (p.state.value, p.reason, _iso(p.supplied_at), p.supplied_location, p.repeats, p.gtin, p.serial)
                    for p in batch.packs.values()
                ],
            )
            c.executemany(
                "INSERT INTO history (gtin, serial, at, trx, from_state, to_state, client_trx_id, location, face,"
                " code) "
                "VALUES (?,?,?,?,?,?,?,?,?,?)",
                batch.history,
            )
            c.executemany(
                "INSERT OR REPLACE INTO client_trx (client_id, client_trx_id, fingerprint, status, body) "
                "VALUES (?,?,?,?,?)",
                [(k[0], k[1], v[0], v[1], v[2]) for k, v in batch.trx.items()],
            )
            c.executemany(
                "INSERT INTO alerts (alert_id, at, return_code, alert_class, gtin, serial, trx, client_trx_id, "
                "location, entry_mode) VALUES (?,?,?,?,?,?,?,?,?,?)",
                batch.alerts,
            )
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise


def _reasons(pack: StoredPack | None, outcome: Outcome) -> list[str]:
    """Why the pack is inactive after the request, every reason (Supplied and Recalled, ...)."""
    if pack is None or outcome.state is None or outcome.state is PackState.ACTIVE:
        return []
    if outcome.changed:
        return [outcome.state.value, *([PackState.RECALLED.value] if pack.recalled else [])]
    return pack.reasons


def _product_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "gtin": row["gtin"],
        "ppn": row["ppn"],
        "pzn": row["pzn"],
        "name": row["name"],
        "strength": row["strength"],
        "form": row["form"],
        "pack_size": row["pack_size"],
    }


product_json = _product_json
