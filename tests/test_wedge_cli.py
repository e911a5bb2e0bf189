"""`dispense-app parse --wedge`: the saved scanner profile and the gate before parsing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scanner.calibration import SHEET
from scanner.keyboard_layouts import scanner_types

CODE = "0104150123456782" + "21" + "Zy/7-abQ" + "\x1d" + "10" + "LOT-z9" + "\x1d" + "17" + "280131"


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "dispense_app", *args], input=stdin, capture_output=True)


def calibrated_home(tmp_path: Path, host: str, **kw: object) -> Path:
    home = tmp_path / host
    typed = "".join(scanner_types(c.text, host, aim=c.aim, **kw) + "\n" for c in SHEET)  # type: ignore[arg-type]
    out = cli("calibrate", "--stdin", "--json", "--home", str(home), stdin=typed.encode())
    assert out.returncode == 0, out.stdout
    return home


def test_parse_wedge_german_host_ctrl_bracket(tmp_path: Path) -> None:
    home = calibrated_home(tmp_path, "de", control="ctrl")
    typed = scanner_types(CODE, "de", control="ctrl", aim="]d2")
    assert typed.startswith("+d2") and "Yz" in typed
    out = cli("parse", "--wedge", "--stdin", "--json", "--home", str(home), stdin=(typed + "\n").encode())
    assert out.returncode == 0, out.stdout
    doc = json.loads(out.stdout)
    assert doc["ok"] is True
    assert (doc["serial"], doc["lot"], doc["expiry"]) == ("Zy/7-abQ", "LOT-z9", "2028-01-31")
    assert doc["symbology"] == "]d2"
    assert doc["wedge"]["corrections"]


def test_parse_wedge_caps_lock_code_argument(tmp_path: Path) -> None:
    home = calibrated_home(tmp_path, "us", caps_lock=True)
    typed = scanner_types(CODE, "us", caps_lock=True, aim="]d2").replace("\x1d", "\\x1d")
    out = cli("parse", "--wedge", typed, "--json", "--home", str(home))
    assert out.returncode == 0
    assert json.loads(out.stdout)["serial"] == "Zy/7-abQ"


def test_parse_wedge_stop_and_missing_profile(tmp_path: Path) -> None:
    home = calibrated_home(tmp_path, "de")
    out = cli("parse", "--wedge", "]d2" + CODE.replace("\x1d", "\\x1d"), "--json", "--home", str(home))
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    assert doc["ok"] is False and doc["wedge"]["stop"] == "profile_mismatch"
    assert doc["errors"][0]["code"] == "malformed"
    missing = cli("parse", "--wedge", "x", "--json", "--home", str(tmp_path / "empty"))
    assert missing.returncode == 2
    assert b"calibrate" in missing.stderr
