"""Issue 16, item 3: the command line checks who acts, as the window does.

With a pharmacist (anna) and a technician (tom) on the station, every command that changes records
or settings refuses to run without a signed-in operator whose role allows it (exit 2, one line,
nothing changed), ``--by`` names only the signed-in operator, and settings kept outside the
database (hub.json, keyring) are audited with who changed them. A station without accounts keeps
working as before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from dispense_app.cli import build_parser, main
from dispense_app.commands._gate import GATED, READ_ONLY, SELF_CHECKED
from dispense_app.core.alerts import AlertCause, AlertStatus
from dispense_app.export.samples import sample_alert
from dispense_app.store import Station
from dispense_app.workflow.operators_store import OperatorDirectory

PIN = "285714"
OLD = dt.datetime.now(dt.UTC) - dt.timedelta(days=3 * 366)


def leaf_commands() -> list[str]:
    """Every leaf command path of the parser tree (``alerts status``, ``sync``, ...)."""
    found: list[str] = []

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found.append(" ".join(path))
        for sub in subs:
            seen: set[int] = set()
            for name, child in sub.choices.items():
                if id(child) not in seen:
                    seen.add(id(child))
                    walk(child, [*path, name])

    walk(build_parser(), [])
    return found


def test_every_command_is_classified_once() -> None:
    leaves = set(leaf_commands())
    gated, own, ro = set(GATED), set(SELF_CHECKED), set(READ_ONLY)
    assert not (gated & own) and not (gated & ro) and not (own & ro)
    assert leaves - (gated | own | ro) == set(), "classify new commands in dispense_app/commands/_gate.py"
    assert (gated | own | ro) - leaves == set(), "a classified command no longer exists"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("roles")
    with Station.open(folder) as station:
        directory = OperatorDirectory(station)
        directory.add("anna", "Anna", "pharmacist", PIN)
        directory.add("tom", "Tom", "technician", PIN, actor="anna")
        station.add_alert(sample_alert(alert_id="a-1"))
        station.add_alert(sample_alert(alert_id="old-closed", created_at=OLD, status=AlertStatus.CLOSED,
                                       cause=AlertCause.USER_ERROR))
    (folder / "hub.json").write_text(json.dumps({"url": "https://hub.example", "type": "fmd-rest"}))
    return folder


@pytest.fixture
def station_home(home: Path, template: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for f in template.iterdir():
        shutil.copy2(f, home / f.name)
    monkeypatch.delenv("DISPENSE_APP_PIN", raising=False)
    monkeypatch.delenv("DISPENSE_APP_OPERATOR", raising=False)
    return home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(home: Path) -> tuple[object, ...]:
    """What a refused command must leave as it was."""
    with Station.open(home, create=False) as station:
        chain = [e.hash for e in station.audit.entries()]
        alerts = [(a.alert_id, a.status.value, len(a.comments)) for a in station.alerts()]
        settings = station._conn.execute("SELECT * FROM settings ORDER BY 1").fetchall()
    return chain, alerts, settings, (home / "hub.json").read_text()


#: a real invocation of every command that changes something (gated or self-checked)
CHANGING: dict[str, list[str]] = {
    "alerts export": ["alerts", "export", "--format", "csv", "-o", "{tmp}/out.csv"],
    "alerts status": ["alerts", "status", "a-1", "closed", "--cause", "user-error", "--by", "anna"],
    "alerts comment": ["alerts", "comment", "a-1", "looked at it", "--by", "anna"],
    "alerts retention": ["alerts", "retention", "--years", "1", "--by", "tom"],
    "alerts purge": ["alerts", "purge", "--years", "1", "--apply"],
    "hub configure": ["hub", "configure", "--type", "fmd-rest", "--url", "https://attacker.example"],
    "hub credentials set": ["hub", "credentials", "set", "--client-id", "x", "--stdin"],
    "hub credentials delete": ["hub", "credentials", "delete", "--client-id", "x"],
    "hub password": ["hub", "password", "--stdin"],
    "products import": ["products", "import", "--demo"],
    "products recalls-import": ["products", "recalls-import", "{tmp}/recalls.csv"],
    "recalls import": ["recalls", "import", "{tmp}/notice.csv"],
    "recalls contacts": ["recalls", "contacts", "N-1", "--format", "csv", "-o", "{tmp}/c.csv"],
    "recalls contacted": ["recalls", "contacted", "N-1", "D-1"],
    "sync": ["sync", "--hub", "http://127.0.0.1:9"],
    "calibrate": ["calibrate", "--stdin"],
    "verify": ["verify", "010415012345678221S1", "--hub", "http://127.0.0.1:9"],
    "dispense": ["dispense", "010415012345678221S1", "--hub", "http://127.0.0.1:9"],
    "undo": ["undo", "010415012345678221S1", "--hub", "http://127.0.0.1:9"],
    "destroy": ["destroy", "010415012345678221S1", "--hub", "http://127.0.0.1:9"],
    "sample": ["sample", "010415012345678221S1", "--hub", "http://127.0.0.1:9"],
    "adherence": ["adherence", "P-1", "--medication", "x", "--note", "called"],
    "operators add": ["operators", "add", "eve", "--name", "Eve", "--role", "pharmacist"],
    "operators passwd": ["operators", "passwd", "anna"],
    "operators activate": ["operators", "activate", "tom"],
    "operators deactivate": ["operators", "deactivate", "tom"],
    "quarantine add": ["quarantine", "add", "010415012345678221S1", "--reason", "suspect"],
    "site init": ["site", "init", "--store", "postgresql://counter@127.0.0.1:9/site"],
    "store credentials set": ["store", "credentials", "set", "--store", "postgresql://counter@127.0.0.1:9/site"],
    "store credentials delete": ["store", "credentials", "delete", "--store", "postgresql://counter@127.0.0.1:9/site"],
}


@pytest.mark.parametrize("command", sorted(CHANGING))
def test_a_change_without_sign_in_is_refused_and_changes_nothing(
    command: str, station_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", _Lines("4711-secret\n"))
    before = snapshot(station_home)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in CHANGING[command]]
    code, out, err = run(capsys, *argv)
    assert code == 2, (command, out, err)
    assert "sign-in needed" in err, (command, err)
    assert len(err.strip().splitlines()) == 1
    assert snapshot(station_home) == before
    assert not list(tmp_path.glob("*.csv"))


def test_the_changing_commands_listed_cover_every_gated_one() -> None:
    missing = set(GATED) - set(CHANGING)
    assert missing == set()


class _Lines:
    """A non-terminal standard input holding some text."""

    def __init__(self, text: str) -> None:
        import io

        self._io = io.StringIO(text)

    def readline(self) -> str:
        return self._io.readline()

    def read(self, n: int = -1) -> str:
        return self._io.read(n)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._io)

    def isatty(self) -> bool:
        return False


# --- the four reproductions of the audit -------------------------------------------------------


def test_forged_attribution_is_refused(station_home: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """tom signs in with his PIN but names anna: refused; as himself he may not close an alert."""
    monkeypatch.setenv("DISPENSE_APP_PIN", PIN)
    before = snapshot(station_home)
    code, _, err = run(capsys, "--operator", "tom", "alerts", "retention", "--years", "6", "--by", "anna")
    assert code == 2 and "name different people" in err
    code, _, err = run(capsys, "alerts", "status", "a-1", "closed", "--cause", "user-error", "--by", "tom")
    assert code == 2 and "tom (technician) may not alert-close" in err
    assert snapshot(station_home)[1] == before[1]


def test_the_signed_in_operator_is_recorded(station_home: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPENSE_APP_PIN", PIN)
    code, _, err = run(capsys, "alerts", "comment", "a-1", "looked", "--by", "tom")
    assert code == 0, err
    code, _, err = run(capsys, "alerts", "status", "a-1", "closed", "--cause", "user-error", "--operator", "anna")
    assert code == 0, err
    with Station.open(station_home, create=False) as station:
        kinds = [(e.kind, e.actor) for e in station.audit.entries()][-2:]
    assert kinds == [("alert-comment", "tom"), ("alert-status", "anna")]


def test_retention_and_purge_need_a_pharmacist(station_home: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPENSE_APP_PIN", PIN)
    code, _, err = run(capsys, "alerts", "retention", "--years", "1", "--by", "tom")
    assert code == 2 and "may not settings" in err
    code, _, err = run(capsys, "--operator", "tom", "alerts", "purge", "--years", "1", "--apply")
    assert code == 2 and "may not alert-close" in err
    code, out, _ = run(capsys, "alerts", "purge", "--years", "1")  # the dry run is read-only: no sign-in
    assert code == 0 and "dry run" in out
    code, out, err = run(capsys, "--operator", "anna", "alerts", "purge", "--years", "1", "--apply", "--json")
    assert code == 0, err
    assert json.loads(out)["purged"] == 1
    with Station.open(station_home, create=False) as station:
        purge = list(station.audit.entries(kind="alert-purge"))
    assert purge[-1].actor == "anna"


def test_hub_configure_needs_sign_in_and_is_audited(station_home: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ["hub", "configure", "--type", "fmd-rest", "--url", "https://hub2.example"]
    monkeypatch.setenv("DISPENSE_APP_PIN", "000000")
    code, _, err = run(capsys, *argv, "--operator", "anna")
    assert code == 2 and "sign-in failed" in err
    monkeypatch.setenv("DISPENSE_APP_PIN", PIN)
    code, _, err = run(capsys, *argv, "--operator", "tom")
    assert code == 2 and "may not settings" in err
    assert "attacker" not in (station_home / "hub.json").read_text()
    code, _, err = run(capsys, *argv, "--operator", "anna")
    assert code == 0, err
    with Station.open(station_home, create=False) as station:
        entry = list(station.audit.entries(kind="hub-configure"))[-1]
    assert entry.actor == "anna" and entry.details["hub"]["url"] == "https://hub2.example"


def test_a_station_without_accounts_works_as_before(home: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPENSE_APP_PIN", raising=False)
    with Station.open(home) as station:
        station.add_alert(sample_alert(alert_id="a-1"))
    code, _, err = run(capsys, "alerts", "comment", "a-1", "hi", "--by", "zoe")
    assert code == 0, err
    code, _, err = run(capsys, "hub", "configure", "--type", "fmd-rest", "--url", "https://hub.example")
    assert code == 0, err
    with Station.open(home, create=False) as station:
        entries = [(e.kind, e.actor) for e in station.audit.entries()]
    assert ("alert-comment", "zoe") in entries and entries[-1][0] == "hub-configure"
