"""dispense-app parse: the DESIGN.md contract (JSON document, exit 0/1/2, \\xHH escapes, --stdin)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dispense_app.cli import main
from scanner.escapes import decode_escapes

REPO = Path(__file__).resolve().parents[1]
PACK = r"]d20104150037528643172512001" + r"0LOT42\x1d21SER123"
KEYS = ["ok", "scheme", "symbology", "gtin", "ppn", "pzn", "serial", "lot", "expiry", "nhrn", "errors", "warnings"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(["parse", *argv])
    out, err = capsys.readouterr()
    return rc, out, err


def test_valid_code_json_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, PACK, "--json")
    doc = json.loads(out)
    assert rc == 0
    assert list(doc)[: len(KEYS)] == KEYS
    assert doc["ok"] is True and doc["scheme"] == "gs1" and doc["symbology"] == "]d2"
    assert (doc["gtin"], doc["serial"], doc["lot"], doc["pzn"]) == ("04150037528643", "SER123", "LOT42", "03752864")
    assert doc["expiry"].startswith("20") and doc["expiry"].endswith("-12-31")
    assert doc["errors"] == [] and doc["nhrn"] is None


def test_invalid_code_exit_1_with_typed_errors(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "0104150037528643172512001" + "0LOT4221SER123", "--json")
    doc = json.loads(out)
    assert rc == 1 and doc["ok"] is False
    err = doc["errors"][0]
    assert err["code"] == "separator_missing" and "message" in err and "field" in err
    assert err["candidates"][0]["21"] == "SER123"


def test_not_a_pack_code_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "4006381333931", "--json")
    assert rc == 1 and json.loads(out)["errors"][0]["code"] == "not_a_pack_code"


def test_human_summary(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, PACK)
    assert rc == 0 and out.startswith("valid pack code (GS1, ]d2)") and "SER123" in out
    rc, out, _ = run(capsys, "0104150037528643172512001" + "0LOT4221SER123")
    assert rc == 1 and "separator_missing" in out and "possible reading: (01)04150037528643" in out


def test_summary_shows_control_characters_visibly(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, r"0104150037528643172512001" + r"0LOT\x1d21A\x1d\x1dB")
    assert rc == 1 and "\x1d" not in out


def test_stdin_raw_bytes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"[)>\x1e06\x1d9N110375286414\x1d1TLOT42\x1dD251200\x1dSSER123\x1e\x04\r\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    rc, out, _ = run(capsys, "--stdin", "--json")
    doc = json.loads(out)
    assert rc == 0 and doc["scheme"] == "ifa" and doc["ppn"] == "110375286414" and doc["pzn"] == "03752864"


def test_stdin_invalid_utf8_does_not_crash(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe\x00\x1d\x80")))
    rc, out, _ = run(capsys, "--stdin", "--json")
    assert rc == 1 and json.loads(out)["ok"] is False


@pytest.mark.parametrize("argv", [[], ["--stdin", "0101"], ["--bogus", "x"]])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        rc = main(["parse", *argv])
        raise SystemExit(rc)
    assert exc.value.code == 2
    assert capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"A\x1dB", b"A\x1dB"),
        (r"\x1D\x1e\x04", b"\x1d\x1e\x04"),
        (r"a\\x1d", b"a\\x1d"),  # an escaped backslash stays a backslash
        (r"\x", b"\\x"),
        (r"\xZZ", b"\\xZZ"),
        ("é", "é".encode()),
        (r"\xff", b"\xff"),
    ],
)
def test_escapes(text: str, expected: bytes) -> None:
    assert decode_escapes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LÖT", b"L\xd6T"),  # a typed Latin-1 character is the byte a DataMatrix holds
        (r"A\x1dÉ", b"A\x1d\xc9"),
        ("€", "€".encode()),  # beyond Latin-1: UTF-8
        ("x\udc80y", b"x\x80y"),  # an argument byte that was not UTF-8 (surrogateescape): itself
    ],
)
def test_escapes_of_typed_codes(text: str, expected: bytes) -> None:
    assert decode_escapes(text, literals="latin-1") == expected


def test_console_script_end_to_end() -> None:
    """The installed command, real process, raw bytes on stdin."""
    exe = REPO / ".venv" / "bin" / "dispense-app"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "dispense_app"]
    proc = subprocess.run(
        [*cmd, "parse", "--stdin", "--json"],
        input=b"\x1d0104150037528643172512001" + b"0LOT42\x1d21SER123\n",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["serial"] == "SER123"
