"""``dispense-app alerts``: list, show, export, follow up and purge the station's alerts.

* ``alerts list [filters] [--json] [--limit N] [--newest-first]``: one alert per line, oldest first (``--json``: the
  ``AlertRecord.to_json()`` object per line, every field).
* ``alerts show ID [--json]``: one alert, every field.
* ``alerts export --format csv|jsonl|pdf [filters] [--dossier [ID ...]] [--delimiter comma|semicolon]
  [--by USER] -o FILE``: writes the file atomically and an ``export`` audit entry (``-o -``: standard
  output, the summary line on stderr).
* ``alerts status ID new|investigating|closed [--cause C] [--comment TEXT] [--operator USER]``.
* ``alerts comment ID TEXT [--by USER]``.
* ``alerts retention [--years N]``: show or set how long alerts are kept (default 5 years).
* ``alerts purge [--years N] [--apply]``: a dry run unless ``--apply``; only closed alerts older than
  the retention period; an applied purge writes an ``alert-purge`` audit entry.

Filters: ``--since/--until YYYY-MM-DD`` (whole UTC days, inclusive), ``--status``, ``--return-code``
(``none`` = local alerts without a hub code), ``--operator`` (the user who raised the alert),
``--source``, ``--id`` (repeatable). Exit status: 0 done; 1 unknown alert or refused status change;
2 bad filter or option, unusable output path or data folder.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from dispense_app.cli import EXIT_NEGATIVE, EXIT_OK, UsageError, add_common
from dispense_app.commands._text import plural

if TYPE_CHECKING:
    from dispense_app.core.alerts import AlertRecord
    from dispense_app.export.filters import AlertQuery
    from dispense_app.store import Station


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--since", metavar="YYYY-MM-DD", help="from this day on (UTC, inclusive)")
    g.add_argument("--until", metavar="YYYY-MM-DD", help="up to and including this day (UTC)")
    g.add_argument("--status", metavar="STATUS", help="new, investigating or closed")
    g.add_argument("--return-code", metavar="CODE", help="hub return code, e.g. NMVS_NC_PC_02; 'none' = local alerts")
    g.add_argument("--operator", metavar="USER", help="alerts raised by this user")
    g.add_argument("--source", metavar="SOURCE", help="hub, local or replay")
    g.add_argument("--id", dest="ids", action="append", default=[], metavar="ALERT_ID", help="this alert (repeatable)")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "alerts", help="list, export, follow up and purge alerts",
        description="The station's alerts: list and show them, export them (CSV, JSON Lines, PDF), follow them "
        "up (status, comments) and purge closed ones after the retention period.",
    )
    sub = p.add_subparsers(dest="alerts_command", metavar="ACTION", required=True)

    ls = sub.add_parser("list", help="one alert per line (--json: every field)")
    add_common(ls)
    _add_filters(ls)
    ls.add_argument("--limit", type=int, metavar="N", help="at most N alerts")
    ls.add_argument("--newest-first", action="store_true", help="newest alerts first (default: oldest first)")
    ls.set_defaults(func=run_list)

    show = sub.add_parser("show", help="one alert, every field")
    add_common(show)
    show.add_argument("alert_id", metavar="ALERT_ID", help="the alert's id, as `alerts list` shows it")
    show.set_defaults(func=run_show)

    ex = sub.add_parser("export", help="write alerts to CSV, JSON Lines or PDF (audited)")
    add_common(ex)
    _add_filters(ex)
    ex.add_argument(
        "--format", required=True, choices=("csv", "jsonl", "pdf"),
        help="csv (spreadsheets), jsonl (one JSON object per line) or pdf (a printable report)",
    )
    ex.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="file to write (replaced atomically); - = standard output"
    )
    ex.add_argument(
        "--dossier", nargs="*", metavar="ALERT_ID",
        help="PDF only: one page per alert with every field (the given alerts, else those the filters select)",
    )
    ex.add_argument("--delimiter", choices=("comma", "semicolon"), default="comma", help="CSV separator")
    ex.add_argument("--by", metavar="USER", help="who exports (audit trail; default: the login name)")
    ex.add_argument("--force", action="store_true",
                    help="replace an existing file that is not an earlier export (never one in the data folder)")
    ex.set_defaults(func=run_export)

    st = sub.add_parser("status", help="move an alert to new, investigating or closed")
    add_common(st)
    st.add_argument("alert_id", metavar="ALERT_ID", help="the alert's id, as `alerts list` shows it")
    st.add_argument(
        "new_status", metavar="STATUS", choices=("new", "investigating", "closed"),
        help="the new status: new, investigating or closed",
    )
    st.add_argument("--cause", help="why (needed to close): scanner-setup, user-error, double-decommission, "
                    "data-error, suspected-falsification")
    st.add_argument("--comment", metavar="TEXT", help="a comment recorded with the change")
    st.add_argument("--operator", "--by", dest="by", metavar="USER", help="who (default: the login name)")
    st.set_defaults(func=run_status)

    cm = sub.add_parser("comment", help="add a comment to an alert")
    add_common(cm)
    cm.add_argument("alert_id", metavar="ALERT_ID", help="the alert's id, as `alerts list` shows it")
    cm.add_argument("text", metavar="TEXT", help="the comment")
    cm.add_argument("--by", "--operator", dest="by", metavar="USER", help="who (default: the login name)")
    cm.set_defaults(func=run_comment)

    rt = sub.add_parser("retention", help="show or set how many years alerts are kept (default 5)")
    add_common(rt)
    rt.add_argument("--years", type=int, metavar="N", help="set the retention period")
    rt.add_argument("--by", metavar="USER", help="who changes it (default: the login name)")
    rt.set_defaults(func=run_retention)

    pg = sub.add_parser("purge", help="remove closed alerts older than the retention period (dry run by default)")
    add_common(pg)
    pg.add_argument("--years", type=int, metavar="N", help="retention period for this run (default: the setting)")
    pg.add_argument("--apply", action="store_true", help="really delete (without it: only report what would go)")
    pg.add_argument("--by", metavar="USER", help="who purges (default: the login name)")
    pg.set_defaults(func=run_purge)


# ------------------------------------------------------------------------------------------- helpers


def _login() -> str | None:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name on this system: the audit entry says None
        return None


def _query(args: argparse.Namespace, extra_ids: Iterable[str] = ()) -> AlertQuery:
    from dispense_app.export.filters import AlertQuery, FilterError

    try:
        return AlertQuery.parse(
            since=args.since, until=args.until, status=args.status, return_code=args.return_code,
            operator=args.operator, source=args.source, alert_ids=[*args.ids, *extra_ids],
        )
    except FilterError as exc:
        raise UsageError(str(exc)) from exc


def _open(args: argparse.Namespace) -> Station:
    from dispense_app.paths import resolve_home
    from dispense_app.store import Station

    return Station.open(resolve_home(args.home, create=False), create=False)


def _json_line(obj: dict[str, Any]) -> str:
    text = json.dumps(obj, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: escape them, still exact JSON
        text = json.dumps(obj, ensure_ascii=True)
    return text


def _plain(text: str | None, width: int | None = None) -> str:
    """Terminal-safe: control and invisible formatting characters shown as <U+XXXX> (no escape
    sequences or bidi overrides reach the terminal)."""
    if not text:
        return "-"
    if not (text.isascii() and text.isprintable()):
        text = "".join(
            f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c for c in text
        )
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def _summary_line(rec: AlertRecord) -> str:
    product = rec.gtin or rec.ppn or rec.pzn
    return "  ".join(
        [
            f"{rec.created_at:%Y-%m-%d %H:%M:%S}Z",
            _plain(rec.alert_id, 40),
            _plain(rec.return_code or "(local)", 16),
            rec.status.value,
            f"{_plain(product, 20)}/{_plain(rec.serial, 24)}",
            _plain(rec.reason, 60),
        ]
    )


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")


# ------------------------------------------------------------------------------------------- actions


def run_list(args: argparse.Namespace) -> int:
    from dispense_app.export.codec import alert_to_json
    from dispense_app.store import UnknownRecordError

    query = _query(args)
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit: give 0 or more")
    with _open(args) as station:
        try:
            for n, rec in enumerate(query.stream(station, newest_first=args.newest_first)):
                if args.limit is not None and n >= args.limit:
                    break
                _out(_json_line(alert_to_json(rec)) if args.json else _summary_line(rec))
        except UnknownRecordError as exc:
            print(f"dispense-app: {exc}", file=sys.stderr)
            return EXIT_NEGATIVE
        except BrokenPipeError:  # `alerts list | head`
            sys.stderr.close()
            return EXIT_OK
    return EXIT_OK


def _print_record(rec: AlertRecord, as_json: bool) -> None:
    from dispense_app.export.codec import alert_to_json

    data = alert_to_json(rec)
    if as_json:
        _out(_json_line(data))
        return
    for key, value in data.items():
        shown = value if isinstance(value, str) or value is None else json.dumps(value, ensure_ascii=False)
        _out(f"{key:>24}  {_plain(shown)}")


def run_show(args: argparse.Namespace) -> int:
    from dispense_app.store import UnknownRecordError

    with _open(args) as station:
        try:
            rec = station.alert(args.alert_id)
        except UnknownRecordError as exc:
            print(f"dispense-app: {exc}", file=sys.stderr)
            return EXIT_NEGATIVE
    _print_record(rec, args.json)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from dispense_app.export.base import ExportError
    from dispense_app.export.service import export_alerts
    from dispense_app.store import UnknownRecordError

    dossier = args.dossier is not None
    if dossier and args.format != "pdf":
        raise UsageError("--dossier needs --format pdf")
    if args.delimiter != "comma" and args.format != "csv":
        raise UsageError("--delimiter is for --format csv")
    query = _query(args, extra_ids=args.dossier or ())
    progress = None
    if sys.stderr.isatty():  # a person is watching: show the count going up

        def progress(rows: int) -> None:
            sys.stderr.write(f"\r{rows} alerts written")
            sys.stderr.flush()

    to_stdout = args.output == "-"
    with _open(args) as station, _target(args.output) as target:
        try:
            summary = export_alerts(
                station, query, args.format, target, actor=args.by or _login(),
                delimiter=";" if args.delimiter == "semicolon" else ",", dossier=dossier, progress=progress,
                force=args.force,
            )
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
        except UnknownRecordError as exc:
            print(f"dispense-app: {exc}; nothing written", file=sys.stderr)
            return EXIT_NEGATIVE
        head = station.audit.head()  # the export's own entry: a copy of the chain's head outside the database
        if to_stdout:  # the finished file, then the summary on stderr so stdout holds only the export
            with open(target, "rb") as fh:
                shutil.copyfileobj(fh, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    if progress is not None:
        sys.stderr.write("\n")
    where = "standard output" if to_stdout else str(summary.path)
    if args.json:
        doc = {"ok": True, **summary.to_json(), "filter": query.to_json(), "audit_head": head}
        if to_stdout:
            doc["path"] = "-"
        print(json.dumps(doc), file=sys.stderr if to_stdout else sys.stdout)
    else:
        print(f"wrote {plural(summary.rows, 'alert')} to {where} ({summary.format}, {summary.bytes} bytes, "
              f"sha256 {summary.sha256})", file=sys.stderr if to_stdout else sys.stdout)
    return EXIT_OK


@contextlib.contextmanager
def _target(output: str) -> Iterator[str]:
    """Where the exporter writes: ``output``, or for ``-`` a file in a private temporary folder whose
    bytes then go to standard output (the exporters write atomically, so they need a real file)."""
    if output != "-":
        yield output
        return
    with tempfile.TemporaryDirectory(prefix="dispense-export-") as tmp:
        yield os.path.join(tmp, "export")


def run_status(args: argparse.Namespace) -> int:
    from dispense_app.core.alerts import AlertCause
    from dispense_app.store import InvalidTransitionError, UnknownRecordError

    cause = None
    if args.cause is not None:
        try:
            cause = AlertCause(args.cause.strip().lower())
        except ValueError:
            raise UsageError(f"--cause: one of {', '.join(c.value for c in AlertCause)}") from None
    with _open(args) as station:
        try:
            rec = station.update_alert_status(
                args.alert_id, args.new_status, by=args.by or _login(), cause=cause, comment=args.comment
            )
        except UnknownRecordError as exc:
            print(f"dispense-app: {exc}", file=sys.stderr)
            return EXIT_NEGATIVE
        except InvalidTransitionError as exc:  # e.g. closing without --cause: an input error
            raise UsageError(str(exc)) from None
    if args.json:
        _print_record(rec, True)
    else:
        _out(f"{_plain(rec.alert_id)}: {rec.status.value}")
    return EXIT_OK


def run_comment(args: argparse.Namespace) -> int:
    from dispense_app.store import UnknownRecordError

    if not args.text.strip():
        raise UsageError("the comment is empty")
    with _open(args) as station:
        try:
            rec = station.add_alert_comment(args.alert_id, by=args.by or _login(), text=args.text)
        except UnknownRecordError as exc:
            print(f"dispense-app: {exc}", file=sys.stderr)
            return EXIT_NEGATIVE
    if args.json:
        _print_record(rec, True)
    else:
        _out(f"{_plain(rec.alert_id)}: {plural(len(rec.comments), 'comment')}")
    return EXIT_OK


def run_retention(args: argparse.Namespace) -> int:
    from dispense_app.export.retention import SETTING_KEY, RetentionError, check_years
    from dispense_app.export.service import retention_years

    with _open(args) as station:
        if args.years is not None:
            try:
                years = check_years(args.years)
            except RetentionError as exc:
                raise UsageError(str(exc)) from exc
            station.settings.set(SETTING_KEY, years, actor=args.by or _login())
        try:
            years = retention_years(station)
        except RetentionError as exc:
            raise UsageError(f"setting {SETTING_KEY}: {exc}") from exc
    if args.json:
        _out(json.dumps({"retention_years": years}))
    else:
        _out(f"alerts are kept {plural(years, 'year')} (older closed alerts can be purged with `alerts purge`)")
    return EXIT_OK


def run_purge(args: argparse.Namespace) -> int:
    import datetime as dt

    from dispense_app.export.retention import DEFAULT_RETENTION_YEARS, RetentionError, RetentionPolicy
    from dispense_app.export.service import plan_purge, purge_alerts, retention_years

    with _open(args) as station:
        try:
            years = args.years if args.years is not None else retention_years(station)
            policy = RetentionPolicy(years)
        except RetentionError as exc:
            raise UsageError(str(exc)) from exc
        plan = plan_purge(station, policy, dt.datetime.now(dt.UTC))
        purged = purge_alerts(station, plan, actor=args.by or _login()) if args.apply else 0
    result = {"dry_run": not args.apply, **plan.to_json(), "purged": purged}
    if args.json:
        _out(json.dumps(result))
    else:
        verb = "purged" if args.apply else "would purge (dry run; add --apply)"
        count = purged if args.apply else plan.purgeable
        _out(f"{verb} {plural(count, 'closed alert')} created before {plan.cutoff:%Y-%m-%d} (retention "
             f"{plural(years, 'year')}); {plural(plan.kept_open, 'older alert')} kept because "
             f"{'it is' if plan.kept_open == 1 else 'they are'} not closed")
    if years < DEFAULT_RETENTION_YEARS:
        print(f"dispense-app: note: {years} years is shorter than the {DEFAULT_RETENTION_YEARS} years inspectors "
              "may look back", file=sys.stderr)
    return EXIT_OK
