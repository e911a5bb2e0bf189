"""Known conditions versus bugs (dispense_app.errors, dispense_app.station.bugs).

A known condition is one line and exit 2; a bug is logged with its traceback under
``<home>/logs`` and the user reads one line naming that log, never the traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dispense_app import cli
from dispense_app.commands import parse as parse_command
from dispense_app.errors import ConfigurationError, InputError, KnownCondition, NotAllowed, UsageError
from dispense_app.station import open_station
from dispense_app.station.operators import SignInRequired


def test_the_error_tree() -> None:
    from dispense_app.core.operators import PermissionDenied
    from dispense_app.store.errors import StoreEnvironmentError

    assert issubclass(ConfigurationError, UsageError) and issubclass(UsageError, KnownCondition)
    assert issubclass(InputError, UsageError) and issubclass(InputError, ValueError)
    assert issubclass(PermissionDenied, NotAllowed) and issubclass(SignInRequired, NotAllowed)
    assert issubclass(StoreEnvironmentError, KnownCondition)


def test_a_bug_is_logged_and_named_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: object) -> int:
        raise RuntimeError("something nobody planned for")

    monkeypatch.setattr(parse_command, "run", broken)
    status = cli.main(["parse", "--home", str(tmp_path), "0109501101020917"])
    err = capsys.readouterr().err
    assert status == cli.EXIT_USAGE
    assert err.count("\n") == 1 and "Traceback" not in err
    log = tmp_path / "logs" / "dispense-app.log"
    assert str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "something nobody planned for" in text and "dispense-app parse" in text


def test_a_known_condition_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["sync", "--home", str(tmp_path)])  # no hub configured
    err = capsys.readouterr().err
    assert status == cli.EXIT_USAGE
    assert err.count("\n") == 1 and "no hub configured" in err
    assert not (tmp_path / "logs" / "dispense-app.log").exists()


def test_open_station_without_a_hub_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="no hub configured"):
        open_station(tmp_path)
    with open_station(tmp_path, need_hub=False) as session:  # the station itself is fine
        assert session.client is None
        assert session.status().hub_online is False


def test_an_unknown_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="store"):
        open_station(tmp_path, store="mysql://x", need_hub=False)


def test_a_bug_in_a_window_task_is_logged_and_named(task_runner: Any, tmp_path: Path, qtbot: object) -> None:
    """The window shows ``TaskError.for_user``: a known condition's own sentence, or for a bug one
    line naming the log (before, the window showed 'KeyError: ...' in the STOP banner)."""
    from dispense_app.station.bugs import use_home
    from dispense_app.ui.tasks import TaskError

    use_home(tmp_path)
    runner = task_runner
    errors: list[TaskError] = []

    def bug() -> None:
        raise KeyError("no such pack key")

    def known() -> None:
        raise ConfigurationError("no hub configured for this station")

    try:
        with qtbot.waitSignal(runner.became_idle, timeout=5000):  # type: ignore[attr-defined]
            runner.submit(bug, on_error=errors.append, name="scan")
            runner.submit(known, on_error=errors.append, name="status")
    finally:
        runner.shutdown()
        use_home(None)
    by_type = {type(e.exception): e.for_user for e in errors}
    assert by_type[ConfigurationError] == "no hub configured for this station"
    log = tmp_path / "logs" / "dispense-app.log"
    assert str(log) in by_type[KeyError] and "KeyError" not in by_type[KeyError]
    assert "no such pack key" in log.read_text(encoding="utf-8")
