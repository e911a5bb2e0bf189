"""Alert rows straight from the station database, for the CSV and JSON Lines fast paths.

Building an :class:`AlertRecord` per row (parsing dates, JSON and enums) costs more than writing the
row, and even handing 34 column values to Python costs more than formatting them. For a CSV export
the stored text already is what the file needs, so :func:`stored_csv_lines` asks SQLite for each
row as one text, its cells joined by ``ROW_JOIN`` (the same filter SQL as the store's own
``AlertFilter``, parameterised), and formats it with one screen and two replacements. A row that
needs more (a formula-like cell, a control character, the joiner itself in the data) is read again
column by column and goes the general way. A test holds the file byte-identical to the one written
from the records.

The store has no such query of its own yet: this module reads the ``alerts`` table through the
store's connection (``station.db``), read-only; it should move into ``dispense_app.store``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dispense_app.core.alerts import ALERT_FIELDS
from dispense_app.export.cells import ROW_JOIN
from dispense_app.export.filters import NO_CODE, AlertQuery, ascii_upper

if TYPE_CHECKING:
    from dispense_app.store import Station


def _joined_sql() -> str:
    """Two SQL expressions: the row's cells joined by ROW_JOIN (printf formats it in one pass; a NULL
    prints as nothing, an empty cell; supplied_anyway as true/false), and whether any column holds
    a NUL character (printf's %s stops at NUL: such a row goes the careful way)."""
    columns = [
        "CASE WHEN supplied_anyway THEN 'true' ELSE 'false' END" if name == "supplied_anyway" else name
        for name in ALERT_FIELDS
    ]
    has_nul = " OR ".join(f"instr({name}, char(0)) > 0" for name in ALERT_FIELDS if name != "supplied_anyway")
    return f"printf('{ROW_JOIN.join(['%s'] * len(columns))}', {', '.join(columns)}), {has_nul}"


def stored_csv_lines(station: Station, query: AlertQuery, delimiter: str = ",") -> Iterator[str] | None:
    """Finished CSV lines for the alerts ``query`` selects, oldest first, or None when this query
    needs the record path (explicit alert ids, or a store whose columns differ from ALERT_FIELDS)."""
    from dispense_app.export.csv_writer import LineFormatter, stored_row_cells
    from dispense_app.store import alerts as alert_rows

    if query.alert_ids or tuple(alert_rows.COLUMNS) != ALERT_FIELDS:
        return None
    where, params = alert_rows.AlertFilter(
        since=query.since, until=query.until, status=query.status, source=query.source
    ).where()
    clauses = [where] if where else []
    if query.return_code == NO_CODE:
        clauses.append("(return_code IS NULL OR return_code = '')")
    elif query.return_code is not None:
        clauses.append("upper(return_code) = ?")
        params.append(query.return_code)
    if query.operator is not None:
        clauses.append("operator = ?")
        params.append(query.operator)
    sql_where = (" WHERE " + " AND ".join(c.removeprefix(" WHERE ") for c in clauses)) if clauses else ""
    conn = station.db.conn
    sql = f"SELECT rowid, {_joined_sql()} FROM alerts{sql_where} ORDER BY created_at, rowid"  # noqa: S608
    fmt = LineFormatter(delimiter)
    one_row = f"SELECT {', '.join(ALERT_FIELDS)} FROM alerts WHERE rowid = ?"  # noqa: S608

    def lines() -> Iterator[str]:
        cursor = conn.execute(sql, params)
        cursor.arraysize = 1000
        joined_line = fmt.joined_line
        while chunk := cursor.fetchmany():
            for rowid, joined, has_nul in chunk:
                line = None if has_nul else joined_line(joined)
                if line is None:  # needs the careful way: read this row column by column
                    row = conn.execute(one_row, (rowid,)).fetchone()
                    line = fmt.line(stored_row_cells(row))
                yield line

    return lines()

def stored_alert_dicts(station: Station, query: AlertQuery) -> Iterator[dict[str, Any]] | None:
    """``AlertRecord.to_json()``-shaped dicts from the store's ``alert_dicts()`` (no record per row),
    or None when the query needs the record path (explicit alert ids). They read back as the same
    records; only the text of ``created_at`` may differ (always with microseconds) and NHRN keys
    come sorted."""
    if query.alert_ids:
        return None
    dicts: Iterator[dict[str, Any]] = station.alert_dicts(
        since=query.since, until=query.until, status=query.status, source=query.source
    )
    code, operator = query.return_code, query.operator
    if code is None and operator is None:
        return dicts
    return (d for d in dicts if _match_values(d["return_code"], d["operator"], code, operator))


def _match_values(stored: str | None, stored_operator: str | None, code: str | None, operator: str | None) -> bool:
    if code is not None:
        if code == NO_CODE:
            if stored:
                return False
        elif ascii_upper(stored or "") != code:
            return False
    return operator is None or stored_operator == operator
