"""Alert rows straight from the station database, for the CSV and JSON Lines fast paths.

Building an :class:`AlertRecord` per row (parsing dates, JSON and enums) costs more than writing the
row, and even handing 34 column values to Python costs more than formatting them. For a CSV export
the stored text already is what the file needs, so :func:`stored_csv_lines` asks the store for each
row as one text, its cells joined by ``ROW_JOIN`` (:meth:`Station.joined_alert_rows`, filtered by
the query's :class:`~dispense_app.store.alerts.AlertFilter`), and formats it with one screen and two
replacements. A row that needs more (a formula-like cell, a control character, a NUL, the joiner
itself in the data) is read again as stored (:meth:`Station.stored_alert_row`) and goes the general
way. A test holds the file byte-identical to the one written from the records.

No SQL here: the queries live in ``dispense_app.store.alerts`` (tests/test_store_boundary.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dispense_app.core.alerts import ALERT_FIELDS
from dispense_app.export.cells import ROW_JOIN
from dispense_app.export.filters import AlertQuery

if TYPE_CHECKING:
    from dispense_app.store import Station


def stored_csv_lines(station: Station, query: AlertQuery, delimiter: str = ",") -> Iterator[str] | None:
    """Finished CSV lines for the alerts ``query`` selects, oldest first, or None when this query
    needs the record path (explicit alert ids, or a store whose columns differ from ALERT_FIELDS)."""
    from dispense_app.export.csv_writer import LineFormatter, stored_row_cells
    from dispense_app.store import alerts as alert_rows

    flt = query.store_filter()
    if flt is None or tuple(alert_rows.COLUMNS) != ALERT_FIELDS:
        return None
    fmt = LineFormatter(delimiter)

    def lines() -> Iterator[str]:
        joined_line = fmt.joined_line
        for rowid, joined in station.joined_alert_rows(flt, ROW_JOIN):
            line = joined_line(joined) if joined is not None else None
            if line is None:  # needs the careful way: the row as stored, cell by cell
                line = fmt.line(stored_row_cells(station.stored_alert_row(rowid)))
            yield line

    return lines()


def stored_alert_dicts(station: Station, query: AlertQuery) -> Iterator[dict[str, Any]] | None:
    """``AlertRecord.to_json()``-shaped dicts from the store's ``alert_dicts()`` (no record per row),
    or None when the query needs the record path (explicit alert ids). They read back as the same
    records; only the text of ``created_at`` may differ (always with microseconds) and NHRN keys
    come sorted."""
    flt = query.store_filter()
    if flt is None:
        return None
    dicts: Iterator[dict[str, Any]] = station.alert_dicts(
        since=flt.since, until=flt.until, status=flt.status, source=flt.source,
        return_code=flt.return_code, without_return_code=flt.without_return_code, operator=flt.operator,
    )
    return dicts
