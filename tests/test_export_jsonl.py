"""JSON Lines export: every field, lossless round trip, and the strict reader."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dispense_app.core.alerts import ALERT_FIELDS, AlertCause, AlertSource, AlertStatus
from dispense_app.export.base import ExportCancelled
from dispense_app.export.codec import (
    OPTIONAL_STR,
    REQUIRED_STR,
    RecordError,
    _generic_to_json,
    alert_from_json,
    alert_to_json,
)
from dispense_app.export.jsonl_writer import iter_jsonl, write_jsonl
from dispense_app.export.samples import HOSTILE_TEXTS, sample_alert, synthetic_alerts

TEXT_FIELDS = sorted(REQUIRED_STR | OPTIONAL_STR)


def test_alert_to_json_equals_the_records_own_to_json() -> None:
    variants = [
        *synthetic_alerts(30),
        sample_alert(cause=AlertCause.SUSPECTED_FALSIFICATION, status=AlertStatus.CLOSED, expiry=None),
        sample_alert(source=AlertSource.LOCAL, return_code=None, supplied_anyway=True, supplied_anyway_by="x"),
    ]
    for rec in variants:
        fast = alert_to_json(rec)
        assert fast == rec.to_json() == _generic_to_json(rec)
        assert list(fast) == list(ALERT_FIELDS)
        assert json.dumps(fast) == json.dumps(rec.to_json())
        assert all(type(fast[k]) is str for k in ("source", "status"))


def test_every_field_in_every_line_and_lossless(tmp_path: Path) -> None:
    recs = list(synthetic_alerts(2500))
    out = tmp_path / "a.jsonl"
    summary = write_jsonl(recs, out)
    data = out.read_bytes()
    assert summary.rows == 2500 and summary.sha256 == hashlib.sha256(data).hexdigest()
    lines = data.split(b"\n")
    assert lines[-1] == b"" and len(lines) == 2501
    assert all(set(json.loads(line)) == set(ALERT_FIELDS) for line in lines[:-1])
    assert list(iter_jsonl(out)) == recs


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_hostile_text_in_each_field_round_trips_exactly(tmp_path: Path, field: str) -> None:
    recs = [sample_alert(**{"alert_id": f"id-{i}", field: text}) for i, text in enumerate(HOSTILE_TEXTS)]
    recs.append(sample_alert(**{"alert_id": "empty", field: ""}))  # '' stays '' (unlike CSV)
    out = tmp_path / "a.jsonl"
    write_jsonl(recs, out)
    assert out.read_bytes().count(b"\n") == len(recs), "one line per alert whatever the content"
    assert list(iter_jsonl(out)) == recs


def test_non_ascii_is_written_as_itself_and_lone_surrogates_escaped(tmp_path: Path) -> None:
    lone = b"caf\xe9".decode("utf-8", "surrogateescape")
    recs = [sample_alert(reason="Grüße שלום"), sample_alert(alert_id="x2", reason=lone)]
    out = tmp_path / "a.jsonl"
    write_jsonl(recs, out)
    first, second = out.read_bytes().splitlines()
    assert "Grüße שלום".encode() in first
    assert b"\\udce9" in second
    out.read_bytes().decode("utf-8")  # valid UTF-8 throughout
    assert list(iter_jsonl(out)) == recs


_text = st.text(st.characters(exclude_categories=()))  # lone surrogates too


@settings(max_examples=80, deadline=None)
@given(
    texts=st.fixed_dictionaries({f: _text for f in TEXT_FIELDS}),
    comments=st.lists(st.dictionaries(_text, _text, max_size=3), max_size=3),
    nhrn=st.dictionaries(_text, _text, max_size=3),
    when=st.datetimes(timezones=st.just(dt.UTC)),
    expiry=st.none() | st.dates(),
)
def test_any_record_round_trips_through_json(
    texts: dict[str, str], comments: list[dict[str, str]], nhrn: dict[str, str], when: dt.datetime,
    expiry: dt.date | None,
) -> None:
    rec = dataclasses.replace(sample_alert(), created_at=when, expiry=expiry, comments=comments, nhrn=nhrn, **texts)
    line = json.dumps(alert_to_json(rec))
    assert alert_from_json(json.loads(line)) == rec


def test_reader_names_the_bad_field(tmp_path: Path) -> None:
    good = alert_to_json(sample_alert())
    cases = {
        "created_at": {**good, "created_at": "2025-01-01T08:00:00"},  # no time zone
        "expiry": {**good, "expiry": "31.12.2027"},
        "status": {**good, "status": "done"},
        "cause": {**good, "cause": "bad-luck"},
        "source": {**good, "source": None},
        "supplied_anyway": {**good, "supplied_anyway": "yes"},
        "nhrn": {**good, "nhrn": ["710"]},
        "comments": {**good, "comments": [{"text": 1}]},
        "alert_id": {k: v for k, v in good.items() if k != "alert_id"},
        "reason": {**good, "reason": 5},
    }
    for field, data in cases.items():
        with pytest.raises(RecordError) as info:
            alert_from_json(data)
        assert info.value.field == field
    out = tmp_path / "bad.jsonl"
    out.write_text(json.dumps(good) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(RecordError, match="line 3"):
        list(iter_jsonl(out))


def test_unknown_keys_are_ignored() -> None:
    data = {**alert_to_json(sample_alert()), "added_by_a_newer_version": 1}
    assert alert_from_json(data) == sample_alert()


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(ExportCancelled):
        write_jsonl(synthetic_alerts(10_000), tmp_path / "a.jsonl", cancel=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_write_error_surfaces_and_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from dispense_app.export import base

    real_init = base.HashingFile.__init__

    class FullDisk:
        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    def init(self: base.HashingFile, raw: object) -> None:
        real_init(self, FullDisk())  # type: ignore[arg-type]

    monkeypatch.setattr(base.HashingFile, "__init__", init)
    with pytest.raises(base.ExportError, match="No space left"):
        write_jsonl(synthetic_alerts(5000), tmp_path / "a.jsonl")
    assert list(tmp_path.iterdir()) == []
