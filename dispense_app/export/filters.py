"""Which alerts to list or export: parsed from user input, described for the audit trail.

Dates are whole days in UTC, both ends inclusive: ``--since 2025-01-01 --until 2025-01-31`` is all
of January (UTC). The export's fast paths hand every condition but alert ids to the store
(:meth:`AlertQuery.store_filter`: SQL in ``dispense_app.store.alerts``); :meth:`AlertQuery.stream`
(records, through the :class:`AlertStore` protocol) filters by day, status and source in the store
and checks return code, user and alert ids here on the streamed records.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from dispense_app.core.alerts import AlertRecord, AlertSource, AlertStatus

if TYPE_CHECKING:
    from dispense_app.store.alerts import AlertFilter

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
NO_CODE = "none"
"""``--return-code none`` selects alerts raised by a local rule (no hub return code)."""


_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def ascii_upper(text: str) -> str:
    """Upper case for ASCII letters only, as SQLite's upper() does (so SQL and Python filters agree)."""
    return text.translate(_ASCII_UPPER)


class FilterError(ValueError):
    """A filter value the user gave is not valid (CLI exit status 2)."""


class AlertStore(Protocol):
    """The station database (:class:`dispense_app.store.Station`) as far as reading alerts goes."""

    def alerts(
        self,
        *,
        since: dt.datetime | dt.date | None = None,
        until: dt.datetime | dt.date | None = None,
        status: AlertStatus | str | None = None,
        source: AlertSource | str | None = None,
        newest_first: bool = False,
    ) -> Iterator[AlertRecord]: ...

    def alert(self, alert_id: str) -> AlertRecord: ...


def parse_day(text: str, option: str) -> dt.date:
    """``YYYY-MM-DD`` (nothing else: no times, no week dates) or :class:`FilterError`."""
    if not _DATE.match(text.strip()):
        raise FilterError(f"{option}: expected a date as YYYY-MM-DD, got {text!r}")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise FilterError(f"{option}: {text!r} is not a calendar date") from exc


@dataclass(frozen=True, slots=True)
class AlertQuery:
    since: dt.date | None = None
    until: dt.date | None = None
    status: AlertStatus | None = None
    return_code: str | None = None
    operator: str | None = None
    source: AlertSource | None = None
    alert_ids: tuple[str, ...] = ()

    @classmethod
    def parse(
        cls,
        *,
        since: str | None = None,
        until: str | None = None,
        status: str | None = None,
        return_code: str | None = None,
        operator: str | None = None,
        source: str | None = None,
        alert_ids: Sequence[str] = (),
    ) -> AlertQuery:
        """Build a query from user text; raises :class:`FilterError` naming the bad option."""
        start = parse_day(since, "--since") if since is not None else None
        end = parse_day(until, "--until") if until is not None else None
        if start and end and start > end:
            raise FilterError(f"--since {start} is after --until {end}")
        try:
            st = AlertStatus(status.strip().lower()) if status is not None else None
        except ValueError:
            raise FilterError(f"--status: one of {', '.join(s.value for s in AlertStatus)}") from None
        try:
            src = AlertSource(source.strip().lower()) if source is not None else None
        except ValueError:
            raise FilterError(f"--source: one of {', '.join(s.value for s in AlertSource)}") from None
        code = None
        if return_code is not None:
            code = return_code.strip()
            if not _CODE.match(code):
                raise FilterError(f"--return-code: a hub return code such as NMVS_NC_PC_02, or {NO_CODE!r}")
            code = NO_CODE if code.lower() == NO_CODE else ascii_upper(code)
        if operator is not None and not operator.strip():
            raise FilterError("--operator: give a user name")
        ids = tuple(a for a in (i.strip() for i in alert_ids) if a)
        return cls(start, end, st, code, operator.strip() if operator else None, src, ids)

    # ---------------------------------------------------------------------------------- matching

    def matches(self, rec: AlertRecord) -> bool:
        """Every condition, checked on a record (for sources that do not filter themselves)."""
        day = rec.created_at.astimezone(dt.UTC).date()
        return (
            (self.since is None or day >= self.since)
            and (self.until is None or day <= self.until)
            and (self.status is None or rec.status is self.status)
            and (self.source is None or rec.source is self.source)
            and self._matches_rest(rec)
        )

    def _matches_rest(self, rec: AlertRecord) -> bool:
        if self.return_code is not None:
            if self.return_code == NO_CODE:
                if rec.return_code:
                    return False
            elif ascii_upper(rec.return_code or "") != self.return_code:
                return False
        if self.operator is not None and rec.operator != self.operator:
            return False
        return not self.alert_ids or rec.alert_id in self.alert_ids

    def filter(self, records: Iterable[AlertRecord]) -> Iterator[AlertRecord]:
        return (r for r in records if self.matches(r))

    def stream(self, store: AlertStore, *, newest_first: bool = False) -> Iterator[AlertRecord]:
        """The matching alerts from the station database, oldest first (or newest first), streamed.

        With alert ids, those alerts in the order given (an unknown id raises the store's error)."""
        if self.alert_ids:
            for alert_id in dict.fromkeys(self.alert_ids):
                rec = store.alert(alert_id)
                if self.matches(rec):
                    yield rec
            return
        rows = store.alerts(
            since=self.since, until=self.until, status=self.status, source=self.source, newest_first=newest_first
        )
        if self.return_code is None and self.operator is None:
            yield from rows
        else:
            yield from (r for r in rows if self._matches_rest(r))

    def store_filter(self) -> AlertFilter | None:
        """The store's filter for this query (every condition runs in SQL), or None when the query
        names alert ids (those are read one by one: :meth:`stream`)."""
        from dispense_app.store.alerts import AlertFilter

        if self.alert_ids:
            return None
        no_code = self.return_code == NO_CODE
        return AlertFilter(
            since=self.since,
            until=self.until,
            status=self.status,
            source=self.source,
            return_code=None if no_code else self.return_code,
            without_return_code=no_code,
            operator=self.operator,
        )

    # ---------------------------------------------------------------------------------- describing

    def to_json(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "status": self.status.value if self.status else None,
            "return_code": self.return_code,
            "operator": self.operator,
            "source": self.source.value if self.source else None,
            "alert_ids": list(self.alert_ids),
        }

    def describe(self) -> str:
        """One line for people (report headers)."""
        parts = []
        if self.since or self.until:
            parts.append(f"days {self.since or '…'} to {self.until or '…'} (UTC)")
        for label, value in (
            ("status", self.status.value if self.status else None),
            ("return code", self.return_code),
            ("user", self.operator),
            ("source", self.source.value if self.source else None),
        ):
            if value:
                parts.append(f"{label} {value}")
        if self.alert_ids:
            parts.append("alerts " + ", ".join(self.alert_ids[:10]) + (" …" if len(self.alert_ids) > 10 else ""))
        return "; ".join(parts) if parts else "all alerts"
