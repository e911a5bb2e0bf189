"""Alert rows straight from the station database, for the CSV and JSON Lines fast paths.

Building an :class:`AlertRecord` per row (parsing dates, JSON and enums) costs more than writing the
row. For a CSV export the stored text is already what the file needs, so :func:`stored_alert_rows`
reads the rows through the store's own query (``dispense_app.store.alerts.select`` with its
``AlertFilter``) and :func:`~dispense_app.export.csv_writer.stored_row_cells` turns them into cells.
A test holds the result byte-identical to the record path.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dispense_app.core.alerts import ALERT_FIELDS
from dispense_app.export.filters import NO_CODE, AlertQuery

if TYPE_CHECKING:
    from dispense_app.store import Station

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


_I_CODE = ALERT_FIELDS.index("return_code")
_I_OPERATOR = ALERT_FIELDS.index("operator")


def stored_alert_rows(station: Station, query: AlertQuery) -> Iterator[tuple[Any, ...]] | None:
    """Rows in ALERT_FIELDS order, oldest first, or None when this query needs the record path
    (explicit alert ids, or a store whose columns differ from ALERT_FIELDS)."""
    from dispense_app.store import alerts as alert_rows

    if query.alert_ids or tuple(alert_rows.COLUMNS) != ALERT_FIELDS:
        return None
    flt = alert_rows.AlertFilter(since=query.since, until=query.until, status=query.status, source=query.source)
    rows: Iterator[tuple[Any, ...]] = alert_rows.select(station.db.conn, flt)
    code, operator = query.return_code, query.operator
    if code is None and operator is None:
        return rows
    return (r for r in rows if _match(r, code, operator))


def _match(row: tuple[Any, ...], code: str | None, operator: str | None) -> bool:
    return _match_values(row[_I_CODE], row[_I_OPERATOR], code, operator)


def _match_values(stored: str | None, stored_operator: str | None, code: str | None, operator: str | None) -> bool:
    if code is not None:
        if code == NO_CODE:
            if stored:
                return False
        elif (stored or "").upper() != code:
            return False
    return operator is None or stored_operator == operator
