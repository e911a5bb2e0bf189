"""JSON Lines export: one ``AlertRecord.to_json()`` object per line, every field, lossless.

UTF-8 without BOM, ``\\n`` line ends, non-ASCII characters written as themselves. A string holding a
lone surrogate (undecodable input) cannot be UTF-8, so that one line is written with ``\\uXXXX``
escapes instead: still valid JSON and still exact. :func:`iter_jsonl` reads a file back into equal
AlertRecords.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dispense_app.core.alerts import AlertRecord
from dispense_app.export.base import (
    PROGRESS_EVERY,
    CancelCheck,
    ExportSummary,
    ProgressCallback,
    Ticker,
    atomic_output,
)
from dispense_app.export.codec import RecordError, alert_from_json_line, alert_to_json

_dumps = json.JSONEncoder(ensure_ascii=False).encode
_dumps_ascii = json.JSONEncoder(ensure_ascii=True).encode


def _encode_lines(lines: list[str]) -> bytes:
    text = "\n".join(lines) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        parts = []
        for line in lines:
            try:
                parts.append(line.encode("utf-8"))
            except UnicodeEncodeError:
                parts.append(_dumps_ascii(json.loads(line)).encode("ascii"))
        return b"\n".join(parts) + b"\n"


def write_jsonl(
    records: Iterable[AlertRecord],
    path: str | os.PathLike[str],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ExportSummary:
    """Stream ``records`` to a JSON Lines file at ``path`` (atomically)."""
    return write_jsonl_objects(map(alert_to_json, records), path, progress=progress, cancel=cancel)


def write_jsonl_objects(
    objects: Iterable[dict[str, Any]],
    path: str | os.PathLike[str],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ExportSummary:
    """Like :func:`write_jsonl` for alerts already in their ``to_json()`` shape (e.g. the store's
    ``alert_dicts()``, which builds them from the rows without an AlertRecord each)."""
    ticker = Ticker(progress, cancel)
    ticker.start()
    with atomic_output(path) as (sink, target):
        lines: list[str] = []
        for obj in objects:
            lines.append(_dumps(obj))
            if len(lines) == PROGRESS_EVERY:
                sink.write(_encode_lines(lines))
                ticker.tick(len(lines))
                lines.clear()
        if lines:
            sink.write(_encode_lines(lines))
            ticker.tick(len(lines))
    ticker.finish()
    return ExportSummary(path=target, format="jsonl", rows=ticker.rows, sha256=sink.hexdigest(), bytes=sink.size)


def iter_jsonl(path: str | os.PathLike[str]) -> Iterator[AlertRecord]:
    """Read a JSON Lines export back (blank lines are skipped; a bad line raises RecordError)."""
    with Path(path).open("rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                yield alert_from_json_line(raw)
            except RecordError as exc:
                raise RecordError(exc.field, f"line {n}: {exc}") from exc
