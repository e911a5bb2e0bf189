"""The site schema (PostgreSQL) stays in step with the station schema (SQLite), issue 20.

A new migration in dispense_app/store/schema.py needs its twin, under the same name, in
dispense_app/store/pg_schema.py: these tests fail until it exists and both schemas agree (tables,
columns with their type class and NOT NULL, primary keys, named indexes with their uniqueness,
triggers). Deliberate differences are pg_schema.SITE_ONLY_COLUMNS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dispense_app.store import SCHEMA_VERSION, SchemaTooNewError, Station
from dispense_app.store.pg_schema import MIGRATIONS_TABLE, PG_MIGRATIONS, SITE_ONLY_COLUMNS, missing_twins
from dispense_app.store.schema import VERSIONS

_TYPE_CLASS = {
    "text": "text",
    "integer": "integer",
    "bigint": "integer",
    "real": "real",
    "double precision": "real",
}


def _sqlite_schema(st: Station) -> dict[str, Any]:
    conn = st.db.conn
    tables: dict[str, Any] = {}
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name <> '_sqlite_migrations' ORDER BY name"
    ):
        cols = {}
        pk: list[tuple[int, str]] = []
        for _cid, col, ctype, notnull, _default, pkpos in conn.execute(f"PRAGMA table_info({name})"):
            # SQLite's "INTEGER PRIMARY KEY" is the rowid: never NULL, though PRAGMA says 0
            cols[col] = (_TYPE_CLASS[ctype.lower()], bool(notnull) or bool(pkpos))
            if pkpos:
                pk.append((pkpos, col))
        tables[name] = {"columns": cols, "pk": [c for _, c in sorted(pk)]}
    indexes = {
        name: bool(
            conn.execute(f"SELECT \"unique\" FROM pragma_index_list('{tbl}') WHERE name = ?", (name,)).fetchone()[0]
        )
        for name, tbl in conn.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            " AND tbl_name <> '_sqlite_migrations'"
        )
    }
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return {"tables": tables, "indexes": indexes, "triggers": triggers}


def _pg_schema(st: Station) -> dict[str, Any]:
    conn = st.db.conn
    tables: dict[str, Any] = {}
    names = [
        r[0]
        for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            " AND table_type = 'BASE TABLE' AND table_name <> ? ORDER BY table_name",
            (MIGRATIONS_TABLE,),
        )
    ]
    for name in names:
        site_only = SITE_ONLY_COLUMNS.get(name, frozenset())
        cols = {
            col: (_TYPE_CLASS[ctype], nullable == "NO")
            for col, ctype, nullable in conn.execute(
                "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
                " WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position",
                (name,),
            )
            if col not in site_only
        }
        pk = [
            r[0]
            for r in conn.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary"
                " ORDER BY array_position(i.indkey::int2[], a.attnum)",
                (name,),
            )
        ]
        tables[name] = {"columns": cols, "pk": pk}
    indexes = {
        name: unique
        for name, unique in conn.execute(
            "SELECT c.relname, i.indisunique FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
            " AND NOT i.indisprimary AND c.relname NOT LIKE '%\\_key'"
        )
    }
    triggers = {r[0] for r in conn.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
    return {"tables": tables, "indexes": indexes, "triggers": triggers}


def test_every_migration_has_a_postgresql_twin() -> None:
    assert missing_twins() == []
    assert list(PG_MIGRATIONS) == [name for _, name in VERSIONS]


def test_both_schemas_agree_after_migrating(tmp_path: Path, site_store: str) -> None:
    with Station.open(tmp_path / "single", store="sqlite") as single, Station.open(
        tmp_path / "counter", store=site_store
    ) as site:
        assert single.schema_version == site.schema_version == SCHEMA_VERSION
        lite, pg = _sqlite_schema(single), _pg_schema(site)
    assert sorted(pg["tables"]) == sorted(lite["tables"])
    for name, table in lite["tables"].items():
        assert pg["tables"][name] == table, name
    assert pg["indexes"] == lite["indexes"]
    assert pg["triggers"] == lite["triggers"]


def test_site_store_written_by_a_newer_version_is_refused(tmp_path: Path, site_store: str) -> None:
    Station.open(tmp_path / "a", store=site_store).close()
    import psycopg

    with psycopg.connect(site_store, autocommit=True) as pg:
        pg.execute(
            f"INSERT INTO {MIGRATIONS_TABLE} (version, name, applied_at) VALUES (%s, 'm999_future', 'x')",
            (SCHEMA_VERSION + 1,),
        )
    with pytest.raises(SchemaTooNewError, match="newer version"):
        Station.open(tmp_path / "b", store=site_store)


def test_site_store_is_migrated_once_by_counters_opening_it_together(tmp_path: Path, site_store: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def open_one(i: int) -> list[str]:
        with Station.open(tmp_path / f"c{i}", store=site_store) as st:
            return list(st.open_info.migrations)

    with ThreadPoolExecutor(4) as pool:
        applied = list(pool.map(open_one, range(4)))
    assert sorted(len(a) for a in applied) == [0, 0, 0, len(VERSIONS)]
