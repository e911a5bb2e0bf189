"""CSV export for spreadsheets (Excel in any locale, LibreOffice) and its reader.

Format (docs/exports.md): UTF-8 with a byte order mark, no ``sep=`` line (Excel ignores the BOM
when a ``sep=`` line is present and shows mojibake), one header row with the
:data:`~dispense_app.core.alerts.ALERT_FIELDS` names, comma separator (``;`` on request), CRLF line
ends and RFC 4180 quoting (a cell with a separator, quote or line break is quoted, quotes doubled).
Values: ISO 8601 date-times (``created_at``, ``scanned_at``: UTC with offset) and dates (``expiry``);
``nhrn``, ``comments`` and ``scan_keys`` as JSON text; ``supplied_anyway`` as ``true``/``false``; absent
values as empty cells. ``scanned_at`` and ``scan_keys`` are the last two columns (added later: a
reader that takes columns by position still finds the earlier ones where they were).
Every cell goes through :func:`~dispense_app.export.cells.safe_cell` (formula neutralisation and
control characters).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from dispense_app.core.alerts import ALERT_FIELDS, AlertRecord
from dispense_app.export.base import (
    PROGRESS_EVERY,
    CancelCheck,
    ExportSummary,
    ProgressCallback,
    Ticker,
    atomic_output,
)
from dispense_app.export.cells import (
    ROW_CONTROL_RE,
    ROW_JOIN,
    ROW_SUSPECT_START_RE,
    SAFE_FIRST_CHARS,
    restore_cell,
    row_is_plain,
    safe_cell,
)
from dispense_app.export.codec import (
    I_COMMENTS,
    I_CREATED,
    I_EXPIRY,
    I_NHRN,
    I_SCAN_KEYS,
    I_SCANNED,
    I_SUPPLIED,
    KNOWN_FIELDS,
    OPTIONAL_STR,
    RecordError,
    alert_from_json,
    record_values,
)

BOM = "\ufeff"
LATER_COLUMNS = frozenset({"scanned_at", "scan_keys"})
"""Columns a file written before they existed lacks (read back as None)."""
DELIMITERS = {"comma": ",", "semicolon": ";"}
_dumps = json.JSONEncoder(ensure_ascii=False).encode
_enc: Callable[[str], str] = json.encoder.encode_basestring


def comments_json(comments: list[dict[str, str]]) -> str:
    """``json.dumps(comments, ensure_ascii=False)``, about three times faster for the usual shape (a
    list of objects of text); anything else goes through json itself. A test holds them equal."""
    try:
        return "[" + ", ".join(
            ["{" + ", ".join([_enc(k) + ": " + _enc(v) for k, v in c.items()]) + "}" for c in comments]
        ) + "]"
    except (TypeError, AttributeError):
        return _dumps(comments)


def nhrn_json(nhrn: dict[str, str]) -> str:
    """``json.dumps(nhrn, ensure_ascii=False)``, faster (see :func:`comments_json`)."""
    try:
        return "{" + ", ".join([_enc(k) + ": " + _enc(v) for k, v in nhrn.items()]) + "}"
    except TypeError:
        return _dumps(nhrn)


def _generic_cells(rec: AlertRecord) -> list[str]:
    cells: list[Any] = [x or "" for x in record_values(rec)]
    cells[I_CREATED] = rec.created_at.isoformat(timespec="microseconds")
    exp = rec.expiry
    cells[I_EXPIRY] = exp.isoformat() if exp else ""
    cells[I_NHRN] = _dumps(rec.nhrn) if rec.nhrn else "{}"
    cells[I_COMMENTS] = _dumps(rec.comments) if rec.comments else "[]"
    cells[I_SUPPLIED] = "true" if rec.supplied_anyway else "false"
    scanned = rec.scanned_at
    cells[I_SCANNED] = scanned.isoformat(timespec="microseconds") if scanned else ""
    cells[I_SCAN_KEYS] = _dumps(rec.scan_keys) if rec.scan_keys is not None else ""
    return cells


def _fast_cells(r: AlertRecord) -> list[str]:
    # One list display with plain attribute reads: about twice as fast as the generic version.
    # Used only while ALERT_FIELDS is exactly KNOWN_FIELDS (a test holds both versions equal).
    exp = r.expiry
    scanned = r.scanned_at
    keys = r.scan_keys
    return [
        r.alert_id, r.created_at.isoformat(timespec="microseconds"), r.source, r.return_code or "",
        r.alert_class or "", r.reason, r.request, r.client_trx_id or "", r.hub_trx_id or "",
        r.operator or "", r.station or "", r.location or "", r.raw_hex, r.aim_id or "", r.entry_mode,
        r.scheme or "", r.gtin or "", r.ppn or "", r.pzn or "", r.serial or "", r.lot or "",
        exp.isoformat() if exp else "", nhrn_json(r.nhrn) if r.nhrn else "{}", r.state or "",
        r.app_version or "", r.scanner_profile or "", r.dispense_id or "", r.patient_ref or "",
        "true" if r.supplied_anyway else "false", r.supplied_anyway_reason or "", r.supplied_anyway_by or "",
        r.status, r.cause or "", comments_json(r.comments) if r.comments else "[]",
        scanned.isoformat(timespec="microseconds") if scanned else "", _dumps(keys) if keys is not None else "",
    ]


record_cells: Callable[[AlertRecord], list[str]] = _fast_cells if ALERT_FIELDS == KNOWN_FIELDS else _generic_cells
"""The record as CSV cells in ALERT_FIELDS order (before neutralisation)."""


def stored_row_cells(row: Sequence[Any]) -> list[str]:
    """An alerts-table row (``dispense_app.store``: one column per field in ALERT_FIELDS order, dates
    as ISO text with microseconds, nhrn/comments as JSON text, supplied_anyway 0/1) as CSV cells:
    the same cells :func:`record_cells` gives for the record read from that row (a test holds them
    byte-identical), without building the record. The fast path for large exports."""
    cells = ["" if v is None else v for v in row]
    cells[I_SUPPLIED] = "true" if row[I_SUPPLIED] else "false"
    return cells  # anything else that is not text is turned into text by LineFormatter.line


def safe_row(cells: list[str]) -> list[str]:
    """Neutralise a row: a fast whole-row screen, then :func:`safe_cell` per cell only if needed."""
    if row_is_plain(ROW_JOIN.join(cells), cells):
        return cells
    return [safe_cell(c) for c in cells]


class LineFormatter:
    """Turns cells into one CSV line: every cell quoted, quotes doubled, CRLF (RFC 4180).

    Quoting every cell (what ``csv.QUOTE_ALL`` does) lets the whole row be built with two string
    replacements on the NUL-joined row that the formula screen needs anyway; a test holds the output
    equal to ``csv.writer(quoting=csv.QUOTE_ALL)``.
    """

    __slots__ = ("_sep",)

    def __init__(self, delimiter: str = ",") -> None:
        self._sep = f'"{delimiter}"'

    def joined_line(self, joined: str) -> str | None:
        """The line for a row given as its cells joined by ROW_JOIN, when the quick screen passes
        (the common case); None when the row needs :meth:`line` with its separate cells."""
        if (
            joined[:1] in SAFE_FIRST_CHARS
            and joined.count(ROW_JOIN) == len(ALERT_FIELDS) - 1
            and ROW_SUSPECT_START_RE.search(joined) is None
            and (joined.isprintable() or ROW_CONTROL_RE.search(joined) is None)
        ):
            return '"' + joined.replace('"', '""').replace(ROW_JOIN, self._sep) + '"\r\n'
        return None

    def line(self, cells: list[str]) -> str:
        try:
            joined = ROW_JOIN.join(cells)
        except TypeError:  # a number (or other non-text value) in a stored text column
            cells = ["" if c is None else c if isinstance(c, str) else str(c) for c in cells]
            joined = ROW_JOIN.join(cells)
        if row_is_plain(joined, cells):
            return '"' + joined.replace('"', '""').replace(ROW_JOIN, self._sep) + '"\r\n'
        return '"' + self._sep.join([safe_cell(c).replace('"', '""') for c in cells]) + '"\r\n'


def _encode(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # lone surrogates (undecodable input kept by surrogateescape) -> U+FFFD, never a crash
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").encode("utf-8")


def write_csv(
    records: Iterable[AlertRecord],
    path: str | os.PathLike[str],
    *,
    delimiter: str = ",",
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ExportSummary:
    """Stream ``records`` to a CSV file at ``path`` (atomically: see :mod:`dispense_app.export.base`)."""
    return write_csv_cells(map(record_cells, records), path, delimiter=delimiter, progress=progress, cancel=cancel)


def write_csv_cells(
    rows: Iterable[list[str]],
    path: str | os.PathLike[str],
    *,
    delimiter: str = ",",
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ExportSummary:
    """Like :func:`write_csv` for rows already turned into cells (:func:`record_cells`,
    :func:`stored_row_cells`); every cell is still neutralised here."""
    if delimiter not in DELIMITERS.values():
        raise ValueError(f"delimiter must be one of {sorted(DELIMITERS.values())}")
    return write_csv_lines(
        map(LineFormatter(delimiter).line, rows), path, delimiter=delimiter, progress=progress, cancel=cancel
    )


def write_csv_lines(
    lines: Iterable[str],
    path: str | os.PathLike[str],
    *,
    delimiter: str = ",",
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ExportSummary:
    """The file around finished, neutralised lines (:meth:`LineFormatter.line`): BOM, header, chunks,
    progress, cancel, atomic rename, SHA-256."""
    if delimiter not in DELIMITERS.values():
        raise ValueError(f"delimiter must be one of {sorted(DELIMITERS.values())}")
    ticker = Ticker(progress, cancel)
    ticker.start()
    with atomic_output(path) as (sink, target):
        sink.write(_encode(BOM + LineFormatter(delimiter).line(list(ALERT_FIELDS))))
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) == PROGRESS_EVERY:
                sink.write(_encode("".join(chunk)))
                ticker.tick(len(chunk))
                chunk.clear()
        if chunk:
            sink.write(_encode("".join(chunk)))
            ticker.tick(len(chunk))
    ticker.finish()
    return ExportSummary(path=target, format="csv", rows=ticker.rows, sha256=sink.hexdigest(), bytes=sink.size)


def _cells_to_json(header: list[str], row: list[str], line: int) -> dict[str, Any]:
    if len(row) != len(header):
        raise RecordError("(row)", f"row {line}: {len(row)} cells, header has {len(header)}")
    d: dict[str, Any] = {}
    for name, cell in zip(header, row, strict=True):
        value = restore_cell(cell)
        if name in ("nhrn", "comments", "scan_keys"):
            try:
                d[name] = json.loads(value) if value else None
            except ValueError as exc:
                raise RecordError(name, f"row {line}: not JSON") from exc
        elif name == "supplied_anyway":
            if value not in ("true", "false"):
                raise RecordError(name, f"row {line}: expected true or false")
            d[name] = value == "true"
        elif name in OPTIONAL_STR or name in ("expiry", "cause", "scanned_at"):
            d[name] = value or None
        else:
            d[name] = value
    return d


def iter_csv(path: str | os.PathLike[str]) -> Iterator[AlertRecord]:
    """Read a CSV written by :func:`write_csv` back into AlertRecords (either separator).

    Exact except that an empty text and an absent one are the same empty cell (read back as None
    for fields that may be absent) and the Control Picture caveat of :func:`restore_cell`. A file
    without the :data:`LATER_COLUMNS` (written by an earlier version) reads with them None.
    """
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        first = fh.readline()
        delimiter = ";" if first.count(";") > first.count(",") else ","
        header = next(csv.reader([first], delimiter=delimiter))
        unknown = set(ALERT_FIELDS) - set(header) - LATER_COLUMNS
        if unknown:
            raise RecordError("(header)", f"missing columns: {sorted(unknown)}")
        for n, row in enumerate(csv.reader(fh, delimiter=delimiter), start=2):
            yield alert_from_json(_cells_to_json(header, row, n))
