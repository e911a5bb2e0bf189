"""Black-box audit of the command-line contract (DESIGN.md "Command line" and below).

Every test drives the installed console script in a subprocess, the way an outside checker does:
``dispense-app COMMAND ... --home TMP``, against a ``dispense-app hub-sim`` process started once for
the module (``--packs FILE.csv`` holding one pack per state of the vocabulary). The assertions are
the contract's: JSON keys (null when absent), error codes from the contract's list, exit statuses
0/1/2, state words, and never a traceback. Real-world inputs: EU GS1 DataMatrix contents (with and
without ``]d2``, GS first, AIs in any order), NHRN AIs, German NTIN/PZN, IFA format 06, GS1 Digital
Link URIs, raw stdin bytes, the DataMatrix photos in shared/data.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]
_EXE = REPO / ".venv" / "bin" / "dispense-app"
APP = [str(_EXE)] if _EXE.exists() else [sys.executable, "-m", "dispense_app"]
SAMPLES = REPO.parent / "shared" / "data" / "datamatrix-samples"  # shared/ beside the repository

PARSE_KEYS = (
    "ok",
    "scheme",
    "symbology",
    "gtin",
    "ppn",
    "pzn",
    "serial",
    "lot",
    "expiry",
    "nhrn",
    "errors",
    "warnings",
)
ERROR_CODES = {
    "check_digit",
    "invalid_date",
    "too_long",
    "bad_charset",
    "missing_field",
    "unknown_ai",
    "duplicate_ai",
    "separator_missing",
    "not_a_pack_code",
    "malformed",
}
DECODE_KEYS = ("file", "found", "text", "symbology", "gs1", "backend", "ms")
PACK_LINE_KEYS = (
    "verdict",
    "pack",
    "state",
    "reason",
    "return_code",
    "alert_id",
    "offline",
    "queued",
    "client_trx_id",
    "messages",
)
SYNC_KEYS = ("sent", "confirmed", "conflicts", "remaining")
ALERT_KEYS = (
    "alert_id",
    "created_at",
    "return_code",
    "request",
    "raw_hex",
    "entry_mode",
    "serial",
    "lot",
    "expiry",
    "status",
)
STATES = (
    "Active",
    "Supplied",
    "Destroyed",
    "Exported",
    "Sample",
    "FreeSample",
    "Locked",
    "Stolen",
    "CheckedOut",
    "Expired",
    "Recalled",
    "Withdrawn",
)


def gtin(body13: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(body13))
    return body13 + str((10 - total % 10) % 10)


PZN = "03752864"
PPN = "110375286414"  # DOMAIN.md's example
NTIN = gtin("04150" + PZN)  # 04150037528643
GTIN_PL = gtin("0590123412345")
FAR = "2031-12-31"
FAR_YYMMDD = "311231"
GS, RS, EOT = r"\x1d", r"\x1e", r"\x04"  # as typed on the command line


def run(*args: str, stdin: bytes | None = None, timeout: float = 60) -> tuple[int, str, str]:
    proc = subprocess.run([*APP, *args], input=stdin, capture_output=True, timeout=timeout, check=False)
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return proc.returncode, out, err


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def check_parse_shape(doc: dict[str, Any]) -> None:
    for key in PARSE_KEYS:
        assert key in doc, f"parse JSON lacks {key!r}: {doc}"
    assert isinstance(doc["ok"], bool)
    assert doc["scheme"] in ("gs1", "gs1-dl", "ifa", None)
    assert isinstance(doc["errors"], list) and isinstance(doc["warnings"], list)
    for e in doc["errors"]:
        assert {"code", "message", "field"} <= set(e), e
        assert e["code"] in ERROR_CODES, e
    assert doc["nhrn"] is None or isinstance(doc["nhrn"], dict)
    if doc["expiry"] is not None:
        dt.date.fromisoformat(doc["expiry"])
    assert doc["ok"] == (not doc["errors"])


def parse_cli(*args: str, stdin: bytes | None = None, home: Path) -> tuple[int, dict[str, Any]]:
    rc, out, err = run("parse", "--json", "--home", str(home), *args, stdin=stdin)
    assert rc in (0, 1), (rc, err)
    doc = json.loads(out)
    check_parse_shape(doc)
    assert rc == (0 if doc["ok"] else 1)
    return rc, doc


def codes(doc: dict[str, Any]) -> set[str]:
    return {e["code"] for e in doc["errors"]}


# --- parse ------------------------------------------------------------------------------------------

BODY = f"01{NTIN}17{FAR_YYMMDD}{GS}10LOT1{GS}21SER123"
VALID = {"gtin": NTIN, "pzn": PZN, "serial": "SER123", "lot": "LOT1", "expiry": FAR}

PARSE_OK: list[tuple[str, dict[str, Any]]] = [
    (BODY, {**VALID, "scheme": "gs1", "symbology": None, "ppn": None, "nhrn": None}),
    ("]d2" + BODY, {**VALID, "symbology": "]d2"}),
    (GS + BODY, VALID),
    ("]d2" + GS + BODY, {**VALID, "symbology": "]d2"}),
    # AIs in unusual order: 21 before 10, 17 last, 10 last without a trailing GS
    (f"01{NTIN}21SER123{GS}10LOT1{GS}17{FAR_YYMMDD}", VALID),
    (f"01{NTIN}17{FAR_YYMMDD}21SER123{GS}10LOT1", VALID),
    (f"01{NTIN}17{FAR_YYMMDD}{GS}21SER123{GS}10LOT1{GS}", VALID),
    # day 00: the last day of the month (leap year too)
    (f"01{NTIN}17281200{GS}10LOT1{GS}21SER123", {"expiry": "2028-12-31"}),
    (f"01{NTIN}17280200{GS}10LOT1{GS}21SER123", {"expiry": "2028-02-29"}),
    # NHRN AIs
    (f"01{NTIN}17{FAR_YYMMDD}10LOT1{GS}21SER123{GS}710{PZN}", {"nhrn": {"710": PZN}, "pzn": PZN}),
    (f"01{GTIN_PL}17{FAR_YYMMDD}10LOT1{GS}21SER123{GS}710{PZN}", {"gtin": GTIN_PL, "pzn": PZN}),
    (f"01{GTIN_PL}17{FAR_YYMMDD}10LOT1{GS}21SER123{GS}7113400930000011", {"nhrn": {"711": "3400930000011"}}),
    (f"01{GTIN_PL}17{FAR_YYMMDD}10LOT1{GS}21SER123{GS}712123456", {"nhrn": {"712": "123456"}}),
    (f"01{GTIN_PL}17{FAR_YYMMDD}10LOT1{GS}21SER123{GS}7141234567", {"nhrn": {"714": "1234567"}}),
    (f"01{GTIN_PL}17{FAR_YYMMDD}10LOT1{GS}21SER123{GS}71512345678901", {"nhrn": {"715": "12345678901"}}),
    # bracketed human-readable form
    (f"(01){NTIN}(21)SER123(10)LOT1(17){FAR_YYMMDD}", VALID),
    # IFA format 06 (securPharm): RS/GS/EOT, DIs in any order, 8P instead of 9N
    (
        f"[)>{RS}06{GS}9N{PPN}{GS}1TLOT1{GS}D{FAR_YYMMDD}{GS}SSER123{RS}{EOT}",
        {"scheme": "ifa", "ppn": PPN, "pzn": PZN, "serial": "SER123", "lot": "LOT1", "expiry": FAR, "gtin": None},
    ),
    (
        f"]d1[)>{RS}06{GS}SSER123{GS}D311200{GS}1TLOT1{GS}9N{PPN}{RS}{EOT}",
        {"scheme": "ifa", "symbology": "]d1", "ppn": PPN, "expiry": FAR},
    ),
    (
        f"[)>{RS}06{GS}8P{NTIN}{GS}1TLOT1{GS}D{FAR_YYMMDD}{GS}SSER123{RS}{EOT}",
        {"scheme": "ifa", "gtin": NTIN, "pzn": PZN, "serial": "SER123"},
    ),
    # GS1 Digital Link on several domains; query AIs; percent-encoding; case; trailing slash
    (f"https://id.gs1.org/01/{NTIN}/10/LOT1/21/SER123?17={FAR_YYMMDD}", {**VALID, "scheme": "gs1-dl"}),
    (f"HTTPS://ID.GS1.ORG/01/{NTIN}/10/LOT1/21/SER123?17={FAR_YYMMDD}", {**VALID, "scheme": "gs1-dl"}),
    (
        f"https://pack.example.com/01/{NTIN}/10/LOT1/21/SER%2F123/?17={FAR_YYMMDD}",
        {"serial": "SER/123", "scheme": "gs1-dl"},
    ),
    (
        f"http://d.example.org/some/prefix/01/{NTIN}/21/S%41%42C?10=LOT1&17={FAR_YYMMDD}",
        {"serial": "SABC", "lot": "LOT1"},
    ),
    (f"https://id.gs1.org:443/01/{NTIN[1:]}/10/LOT1/21/SER123?17={FAR_YYMMDD}&linkType=gs1:pip", VALID),
]


@pytest.mark.parametrize(("code", "expected"), PARSE_OK, ids=[f"ok{i}" for i in range(len(PARSE_OK))])
def test_parse_valid_real_world_codes(code: str, expected: dict[str, Any], tmp_path: Path) -> None:
    rc, doc = parse_cli(code, home=tmp_path)
    assert rc == 0 and doc["ok"] is True, doc
    for key, value in expected.items():
        assert doc[key] == value, (key, doc)


PARSE_BAD: list[tuple[str, str, dict[str, Any]]] = [
    ("4006381333931", "not_a_pack_code", {}),  # a plain EAN-13
    ("]E04006381333931", "not_a_pack_code", {"symbology": "]E0"}),  # EAN-13 with its AIM id
    # the German PZN barcode (Code 39 "-" + PZN8) next to the DataMatrix: valid, but no serial
    ("-03752864", "not_a_pack_code", {"pzn": PZN, "serial": None}),
    ("]A0-03752864", "not_a_pack_code", {"pzn": PZN, "symbology": "]A0"}),
    ("-03752865", "check_digit", {"pzn": None}),
    (f"01{NTIN}", "not_a_pack_code", {"gtin": NTIN, "serial": None}),
    (f"https://id.gs1.org/01/{NTIN}", "not_a_pack_code", {"scheme": "gs1-dl"}),
    (f"[)>{RS}06{GS}9N{PPN}{GS}1TLOT1{GS}D{FAR_YYMMDD}{RS}{EOT}", "not_a_pack_code", {"scheme": "ifa"}),
    ("hello world", "malformed", {"gtin": None, "serial": None, "scheme": None}),  # no scheme to claim
    ("Ärger", "malformed", {"scheme": None}),
    ("", "malformed", {"scheme": None}),
    (r"\x00\xff\xfe", "malformed", {}),
    (f"01{NTIN[:-1]}9" + f"17{FAR_YYMMDD}{GS}10LOT1{GS}21SER123", "check_digit", {}),
    (f"[)>{RS}06{GS}9N110375286415{GS}1TLOT1{GS}D{FAR_YYMMDD}{GS}SSER123{RS}{EOT}", "check_digit", {}),
    (f"01{GTIN_PL}17{FAR_YYMMDD}10LOT1{GS}21SER123{GS}71003752865", "check_digit", {}),  # bad PZN in 710
    (f"01{NTIN}17271332{GS}10LOT1{GS}21SER123", "invalid_date", {"expiry": None}),
    (f"01{NTIN}17270230{GS}10LOT1{GS}21SER123", "invalid_date", {}),
    (f"https://id.gs1.org/01/{NTIN}/10/LOT1/21/SER123?17=281332", "invalid_date", {}),
    (f"01{NTIN}17{FAR_YYMMDD}{GS}10LOT1{GS}21" + "S" * 21, "too_long", {}),
    (f"01{NTIN}17{FAR_YYMMDD}{GS}10LOT1{GS}21SER 123", "bad_charset", {}),
    (f"01{NTIN}17{FAR_YYMMDD}{GS}10LOT1{GS}21SER#123", "bad_charset", {}),
    (f"https://id.gs1.org/01/{NTIN}/10/LOT1/21/A%20B?17={FAR_YYMMDD}", "bad_charset", {}),
    (f"01{NTIN}17{FAR_YYMMDD}{GS}10LOT1{GS}23FOO{GS}21SER123", "unknown_ai", {}),
    (f"01{NTIN}17{FAR_YYMMDD}{GS}10LOT1{GS}21SER123{GS}21SER124", "duplicate_ai", {}),
    (f"https://id.gs1.org/01/{NTIN}/10/LOT1/21/SER123?17={FAR_YYMMDD}&17=311230", "duplicate_ai", {}),
    (f"https://id.gs1.org/01/{NTIN}/10/LOT1/21/SER123", "missing_field", {}),
    (f"0112345{GS}21SER", "missing_field", {}),
]


@pytest.mark.parametrize(("code", "error", "expected"), PARSE_BAD, ids=[f"bad{i}" for i in range(len(PARSE_BAD))])
def test_parse_errors_use_the_contract_codes(code: str, error: str, expected: dict[str, Any], tmp_path: Path) -> None:
    rc, doc = parse_cli("--", code, home=tmp_path)
    assert rc == 1 and doc["ok"] is False
    assert error in codes(doc), doc
    for key, value in expected.items():
        assert doc[key] == value, (key, doc)


@pytest.mark.parametrize(
    ("code", "n_candidates"),
    [
        (f"01{NTIN}17{FAR_YYMMDD}{GS}10LOT121SER123", 1),  # GS lost between batch and serial
        (f"01{NTIN}21SER12310LOT117{FAR_YYMMDD}", 1),  # both GS lost, serial first
        (f"01{NTIN}17{FAR_YYMMDD}10AB21CD21XY", 2),  # ambiguous: several splits possible
    ],
)
def test_parse_lost_gs_is_separator_missing_with_candidates(code: str, n_candidates: int, tmp_path: Path) -> None:
    rc, doc = parse_cli(code, home=tmp_path)
    assert rc == 1 and codes(doc) == {"separator_missing"}, doc
    (err,) = doc["errors"]
    assert len(err["candidates"]) == n_candidates
    assert all(c["01"] == NTIN for c in err["candidates"])


def test_parse_century_window(tmp_path: Path) -> None:
    """GS1 sliding window: -49/+50 years around the current year."""
    year = dt.date.today().year
    for offset in (50, -49):
        target = year + offset
        _, doc = parse_cli(f"01{NTIN}17{target % 100:02d}0101{GS}10LOT1{GS}21SER123", home=tmp_path)
        assert doc["expiry"] == f"{target}-01-01", (offset, doc)


def test_parse_stdin_raw_bytes(tmp_path: Path) -> None:
    raw = f"01{NTIN}17{FAR_YYMMDD}\x1d10LOT1\x1d21SER123".encode()
    for data in (raw, raw + b"\r\n", b"]d2" + raw + b"\n", b"\x1d" + raw + b"\r\n"):
        rc, doc = parse_cli("--stdin", stdin=data, home=tmp_path)
        assert rc == 0 and doc["serial"] == "SER123" and doc["lot"] == "LOT1", (data, doc)
    ifa = f"[)>\x1e06\x1d9N{PPN}\x1d1TLOT1\x1dD{FAR_YYMMDD}\x1dSSER123\x1e\x04\r\n".encode()
    rc, doc = parse_cli("--stdin", stdin=ifa, home=tmp_path)
    assert rc == 0 and doc["scheme"] == "ifa" and doc["pzn"] == PZN
    # Latin-1 byte in a batch: bad_charset, the character reported as the byte it is
    rc, doc = parse_cli(
        "--stdin", stdin=f"01{NTIN}17{FAR_YYMMDD}\x1d10LÖT1\x1d21SER123".encode("latin-1"), home=tmp_path
    )
    assert rc == 1 and "bad_charset" in codes(doc) and doc["lot"] == "LÖT1"
    for junk in (b"", b"\xff\xfe\x00\x1d\x80", b"x" * 20000):
        rc, doc = parse_cli("--stdin", stdin=junk, home=tmp_path)
        assert rc == 1 and doc["errors"], junk[:10]


@pytest.mark.parametrize("argv", [[], ["--stdin", "0101"], ["--bogus", "x"]])
def test_parse_usage_errors_exit_2(argv: list[str], tmp_path: Path) -> None:
    rc, out, err = run("parse", "--json", "--home", str(tmp_path), *argv, stdin=b"")
    assert rc == 2 and err and not out


def test_parse_very_long_and_non_ascii_arguments(tmp_path: Path) -> None:
    rc, doc = parse_cli("01" + "9" * 10000, home=tmp_path)
    assert rc == 1 and doc["errors"]
    rc, doc = parse_cli("Ärger mit Ümlauten ✓", home=tmp_path)
    assert rc == 1 and doc["errors"]


def test_parse_non_ascii_argument_matches_the_python_api(tmp_path: Path) -> None:
    """A typed non-ASCII character reaches the parser as the Latin-1 byte a DataMatrix would hold
    (it came out as 'LÃ\x96T1': UTF-8 bytes read as Latin-1)."""
    from scanner import parse

    code = f"01{NTIN}17{FAR_YYMMDD}\x1d10LÖT1\x1d21SER123"
    _, doc = parse_cli(code, home=tmp_path)
    assert doc["lot"] == "LÖT1" == parse(code).lot
    assert {e["code"] for e in doc["errors"]} == {e.code for e in parse(code).errors}


# --- decode -----------------------------------------------------------------------------------------


def _images() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*") if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp"))


needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared DataMatrix samples not present")


def _expected_text(image: Path) -> str | None:
    txt = image.with_suffix(".txt")
    if not txt.exists():
        return None
    text = txt.read_bytes().decode("utf-8", "replace")
    return None if text == "<unkown>" else text


def _check_decode_line(doc: dict[str, Any], backend: str) -> None:
    for key in DECODE_KEYS:
        assert key in doc, (key, doc)
    assert doc["backend"] == backend and isinstance(doc["found"], bool) and isinstance(doc["gs1"], bool)
    assert isinstance(doc["ms"], float)
    if doc["found"]:
        assert isinstance(doc["text"], str) and doc["symbology"] in ("]d1", "]d2")
        assert doc["gs1"] == (doc["symbology"] == "]d2")
    else:
        assert doc["text"] is None and doc["symbology"] is None and doc["gs1"] is False


@needs_samples
def test_decode_every_sample_photo_zxing(tmp_path: Path) -> None:
    images = _images()
    rc, out, _ = run("decode", "--json", "--home", str(tmp_path), *map(str, images))
    lines = json_lines(out)
    assert [d["file"] for d in lines] == [str(p) for p in images]  # one line per image, in order
    found = 0
    for image, doc in zip(images, lines, strict=True):
        _check_decode_line(doc, "zxing")
        expected = _expected_text(image)
        if doc["found"] and expected is not None and image.stem not in ("eci",):
            assert doc["text"] == expected, image
        found += doc["found"]
    assert found >= len(images) - 2
    assert rc == (0 if found == len(images) else 1)
    by_name = {Path(d["file"]).name: d for d in lines}
    pharma = by_name["#794.png"]  # a real pack: GS1 DataMatrix, GS kept as the real character
    assert pharma["symbology"] == "]d2" and pharma["gs1"] is True and "\x1d" in pharma["text"]
    ifa = by_name["dm-e.webp"]  # a real securPharm IFA code: ]d1 with RS/GS/EOT
    assert ifa["symbology"] == "]d1" and ifa["text"].startswith("[)>\x1e06\x1d9N") and ifa["text"].endswith("\x1e\x04")


@needs_samples
def test_decode_dmtx_backend(tmp_path: Path) -> None:
    names = ["datamatrix-1/gs1-figure-4.15.1-2-32x32.png", "datamatrix-1/abcd-18x8.png", "datamatrix-1/C40.png"]
    rc, out, _ = run(
        "decode", "--backend", "dmtx", "--json", "--home", str(tmp_path), *(str(SAMPLES / n) for n in names)
    )
    lines = json_lines(out)
    assert len(lines) == 3 and rc == 0
    for name, doc in zip(names, lines, strict=True):
        _check_decode_line(doc, "dmtx")
        assert doc["found"] and doc["text"] == _expected_text(SAMPLES / name)
    assert lines[0]["symbology"] == "]d2" and lines[0]["gs1"] is True and "\x1d" in lines[0]["text"]


@pytest.mark.slow
@needs_samples
def test_decode_every_sample_photo_dmtx(tmp_path: Path) -> None:
    images = _images()
    rc, out, _ = run("decode", "--backend", "dmtx", "--json", "--home", str(tmp_path), *map(str, images), timeout=300)
    lines = json_lines(out)
    assert len(lines) == len(images) and rc in (0, 1)
    for image, doc in zip(images, lines, strict=True):
        _check_decode_line(doc, "dmtx")
        expected = _expected_text(image)
        if doc["found"] and expected is not None and image.stem not in ("eci",):
            assert doc["text"] == expected, image


@pytest.mark.parametrize("backend", ["zxing", "dmtx"])
def test_decode_bad_files(backend: str, tmp_path: Path) -> None:
    (tmp_path / "notimg.txt").write_text("hello")
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "adir").mkdir()
    (tmp_path / "trunc.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    for name in ("notimg.txt", "missing.png", "empty.png", "adir", "trunc.png"):
        rc, out, err = run("decode", "--backend", backend, "--json", "--home", str(tmp_path), str(tmp_path / name))
        assert rc == 2, name  # environment error (the reason is in the JSON line or on stderr)
        (doc,) = json_lines(out)
        _check_decode_line(doc, backend)
        assert doc["found"] is False
    rc, _, err = run("decode", "--json", "--home", str(tmp_path))
    assert rc == 2 and err


# --- hub simulator and the transaction commands --------------------------------------------------------


class Sim:
    def __init__(self, url: str, proc: subprocess.Popen[bytes]) -> None:
        self.url = url
        self.proc = proc
        self.http = httpx.Client(base_url=url, timeout=10)

    def get(self, path: str) -> Any:
        r = self.http.get(path)
        assert r.status_code == 200, r.text
        return r.json()

    def post(self, path: str, body: Any) -> Any:
        r = self.http.post(path, json=body)
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture(scope="module")
def packs_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("packs") / "packs.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["gtin", "serial", "lot", "expiry", "state", "product_name", "strength", "form", "pack_size", "pzn"])
        for state in STATES:
            w.writerow([NTIN, f"S{state.upper()}", "LOT1", FAR, state, "Ibuprofen", "400 mg", "tablet", "20", PZN])
        for i in range(30):
            w.writerow([NTIN, f"ACT{i:02d}", "LOT1", FAR, "", "", "", "", "", ""])  # state Active by default
        w.writerow([NTIN, "OLDPACK", "LOT0", "2020-01-31", "Active", "", "", "", "", ""])
    return path


@pytest.fixture(scope="module")
def sim(packs_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sim]:
    home = tmp_path_factory.mktemp("sim-home")
    proc = subprocess.Popen(
        [*APP, "hub-sim", "--host", "127.0.0.1", "--port", "0", "--packs", str(packs_csv), "--home", str(home)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().decode()
        m = re.fullmatch(r"listening on (http://127\.0\.0\.1:(\d+))\n", first)
        assert m, first
        s = Sim(m.group(1), proc)
        yield s
        s.http.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def code(serial: str, lot: str = "LOT1", expiry: str = FAR_YYMMDD) -> str:
    return f"01{NTIN}17{expiry}{GS}10{lot}{GS}21{serial}"


def tx(command: str, home: Path, sim: Sim, *args: str, stdin: bytes | None = None) -> tuple[int, list[dict[str, Any]]]:
    rc, out, err = run(command, "--json", "--home", str(home), "--hub", sim.url, *args, stdin=stdin)
    lines = json_lines(out)
    for doc in lines:
        for key in PACK_LINE_KEYS:
            assert key in doc, (key, doc)
        assert doc["verdict"] in ("ok", "warn", "stop")
        assert isinstance(doc["offline"], bool) and isinstance(doc["queued"], bool)
        assert isinstance(doc["messages"], list)
        assert doc["state"] is None or doc["state"] in STATES, doc["state"]
        check_parse_shape(doc["pack"])
    # DESIGN.md: 1 a negative answer, else 3 when a pack could not be checked with the hub (not queued), else 0
    unchecked = any(d["offline"] and not d["queued"] for d in lines)
    assert rc == (1 if any(d["verdict"] == "stop" for d in lines) else 3 if unchecked else 0), (rc, lines, err)
    return rc, lines


def test_hub_sim_admin_endpoints(sim: Sim) -> None:
    view = sim.get(f"/_admin/packs/{NTIN}/SACTIVE")
    assert {"state", "reason", "history"} <= set(view) and view["state"] == "Active" and view["history"] == []
    for state in STATES:
        assert sim.get(f"/_admin/packs/{NTIN}/S{state.upper()}")["state"] == state
    assert sim.get(f"/_admin/packs/{NTIN}/ACT29")["state"] == "Active"  # empty state column: Active
    assert sim.http.get(f"/_admin/packs/{NTIN}/NOSUCH").status_code == 404
    sim.post(
        "/_admin/packs", [{"gtin": NTIN, "serial": "A/B?C%D&E+F", "lot": "L/1%", "expiry": FAR, "state": "Locked"}]
    )
    assert sim.get(f"/_admin/packs/{NTIN}/A%2FB%3FC%25D%26E%2BF")["state"] == "Locked"
    assert sim.http.post(
        "/_admin/packs", json=[{"gtin": NTIN, "serial": "X", "lot": "L", "expiry": FAR, "state": "Bogus"}]
    ).status_code in (400, 422)
    faults = sim.post("/_admin/faults", {"latency_ms": 0, "error_rate": 0, "outage": False, "rate_limit_per_s": 0})
    assert faults["outage"] is False
    assert sim.http.post("/_admin/faults", json={"error_rate": 2}).status_code in (400, 422)
    assert "now" in sim.post("/_admin/clock", {"advance_hours": 0})
    stats = sim.get("/_admin/stats")
    assert (
        isinstance(stats["requests"], int)
        and isinstance(stats["by_return_code"], dict)
        and isinstance(stats["alerts"], int)
    )


def test_verify_every_state_of_the_vocabulary(sim: Sim, tmp_path: Path) -> None:
    rc, lines = tx("verify", tmp_path, sim, *(code(f"S{s.upper()}") for s in STATES))
    assert rc == 1 and len(lines) == len(STATES)
    for state, doc in zip(STATES, lines, strict=True):
        assert doc["state"] == state, doc
        assert doc["verdict"] == ("ok" if state == "Active" else "stop"), doc
        assert doc["offline"] is False and doc["queued"] is False and doc["client_trx_id"] is None
        assert doc["pack"]["serial"] == f"S{state.upper()}"
    assert lines[STATES.index("Recalled")]["return_code"] == "NMVS_FE_LOT_01"
    assert lines[STATES.index("Supplied")]["return_code"] == "NMVS_NC_PCK_22"
    # the same pack as IFA and as Digital Link, and unknown / wrong batch / parse error
    rc, lines = tx(
        "verify",
        tmp_path,
        sim,
        f"[)>{RS}06{GS}9N{PPN}{GS}1TLOT1{GS}D{FAR_YYMMDD}{GS}SACT00{RS}{EOT}",
        f"https://id.gs1.org/01/{NTIN}/10/LOT1/21/ACT00?17={FAR_YYMMDD}",
        code("NOSUCH"),
        code("ACT00", lot="WRONG"),
        code("ACT00")[:-6],
    )
    assert [d["verdict"] for d in lines] == ["ok", "ok", "stop", "stop", "stop"]
    assert lines[2]["return_code"] == "NMVS_NC_PC_02" and lines[2]["alert_id"]
    assert lines[3]["return_code"] == "NMVS_FE_LOT_03"  # batch unknown
    assert lines[4]["return_code"] is None and lines[4]["pack"]["ok"] is False


def test_dispense_undo_and_local_stops(sim: Sim, tmp_path: Path) -> None:
    rc, lines = tx("dispense", tmp_path, sim, code("ACT01"), code("ACT02"))
    assert rc == 0 and [d["verdict"] for d in lines] == ["ok", "ok"]
    assert all(d["state"] == "Supplied" and d["client_trx_id"] and not d["queued"] for d in lines)
    assert sim.get(f"/_admin/packs/{NTIN}/ACT01")["state"] == "Supplied"
    hist = sim.get(f"/_admin/packs/{NTIN}/ACT01")["history"]
    assert {"at", "transaction", "from", "to", "client_trx_id", "location"} <= set(hist[-1])
    assert hist[-1]["client_trx_id"] == lines[0]["client_trx_id"]
    before = sim.get("/_admin/stats")["requests"]
    rc, lines = tx("dispense", tmp_path, sim, code("ACT01"))  # already dispensed here: local STOP
    assert rc == 1 and lines[0]["verdict"] == "stop" and lines[0]["state"] == "Supplied"
    assert sim.get("/_admin/stats")["requests"] == before  # a local STOP never reaches the hub
    rc, lines = tx("undo", tmp_path, sim, code("ACT01"))
    assert rc == 0 and lines[0]["verdict"] == "ok" and lines[0]["state"] == "Active"
    assert sim.get(f"/_admin/packs/{NTIN}/ACT01")["state"] == "Active"
    rc, lines = tx("undo", tmp_path / "other-station", sim, code("ACT02"))  # not dispensed at this station
    assert rc == 1 and lines[0]["verdict"] == "stop"
    rc, lines = tx("dispense", tmp_path, sim, code("OLDPACK", lot="LOT0", expiry="200131"))  # expired
    assert rc == 1 and lines[0]["verdict"] == "stop"
    # inactive packs on the hub: STOP, the state word of the vocabulary, the hub's return code
    rc, lines = tx("dispense", tmp_path, sim, *(code(f"S{s.upper()}") for s in ("Supplied", "Recalled", "Locked")))
    assert rc == 1 and [d["verdict"] for d in lines] == ["stop"] * 3
    assert [d["state"] for d in lines] == ["Supplied", "Recalled", "Locked"]
    assert lines[1]["return_code"] == "NMVS_FE_LOT_01"


def test_dispense_with_prescription(sim: Sim, tmp_path: Path) -> None:
    rx = tmp_path / "rx.csv"
    rx.write_text(f"rx_id,patient,pzn,quantity\nRX1,Patient/1,{PZN},1\n", encoding="utf-8")
    rc, lines = tx("dispense", tmp_path, sim, "--rx", str(rx), code("ACT03"), code("ACT04"))
    assert rc == 1 and [d["verdict"] for d in lines] == ["ok", "stop"]  # one pack prescribed
    other = tmp_path / "rx2.csv"
    other.write_text(f"rx_id,patient,gtin,quantity\nRX2,Patient/1,{GTIN_PL},1\n", encoding="utf-8")
    rc, lines = tx("dispense", tmp_path, sim, "--rx", str(other), code("ACT05"))
    assert rc == 1 and lines[0]["verdict"] == "stop"  # not the prescribed product
    assert sim.get(f"/_admin/packs/{NTIN}/ACT05")["state"] == "Active"
    rc, out, err = run(
        "dispense",
        "--json",
        "--home",
        str(tmp_path),
        "--hub",
        sim.url,
        "--rx",
        str(tmp_path / "none.csv"),
        code("ACT05"),
    )
    assert rc == 2 and err and not out


def test_offline_dispense_queues_then_sync(sim: Sim, tmp_path: Path) -> None:
    sim.post("/_admin/faults", {"outage": True})
    try:
        rc, lines = tx("dispense", tmp_path, sim, code("ACT06"), code("ACT07"))
        assert rc == 0
        for d in lines:
            assert d["verdict"] == "warn" and d["queued"] is True and d["offline"] is True and d["client_trx_id"]
        rc, lines = tx("dispense", tmp_path, sim, code("ACT06"))  # queued here already: local STOP
        assert rc == 1 and lines[0]["verdict"] == "stop" and lines[0]["queued"] is False
        rc, lines = tx("dispense", tmp_path, sim, code("OLDPACK", lot="LOT0", expiry="200131"))  # expired
        assert rc == 1 and lines[0]["verdict"] == "stop"
        recalls = tmp_path / "recalls.csv"  # a recalled batch on the station's local list
        recalls.write_text(f"gtin,lot,kind,reason\n{NTIN},LOTR,recall,test\n", encoding="utf-8")
        assert run("products", "recalls-import", "--home", str(tmp_path), str(recalls))[0] == 0
        rc, lines = tx("dispense", tmp_path, sim, code("ACT09", lot="LOTR"))
        assert rc == 1 and lines[0]["verdict"] == "stop" and lines[0]["queued"] is False
        rc, lines = tx("verify", tmp_path, sim, code("ACT08"))
        assert rc == 3 and lines[0]["verdict"] == "warn" and lines[0]["offline"] is True and lines[0]["queued"] is False
        rc, out, _ = run("sync", "--json", "--home", str(tmp_path), "--hub", sim.url)
        doc = json.loads(out)
        assert set(SYNC_KEYS) <= set(doc) and doc["remaining"] == 2 and rc == 1
        assert sim.get(f"/_admin/packs/{NTIN}/ACT06")["state"] == "Active"
    finally:
        sim.post("/_admin/faults", {"outage": False})
    rc, out, _ = run("sync", "--json", "--home", str(tmp_path), "--hub", sim.url)
    doc = json.loads(out)
    assert rc == 0 and doc == {"sent": 2, "confirmed": 2, "conflicts": 0, "remaining": 0} | {
        k: v for k, v in doc.items() if k not in SYNC_KEYS
    }
    assert sim.get(f"/_admin/packs/{NTIN}/ACT06")["state"] == "Supplied"
    rc, out, _ = run("sync", "--json", "--home", str(tmp_path), "--hub", sim.url)
    assert rc == 0 and json.loads(out)["sent"] == 0


def test_undo_ten_day_rule(sim: Sim, tmp_path: Path) -> None:
    rc, _ = tx("dispense", tmp_path, sim, code("ACT10"), code("ACT11"))
    assert rc == 0
    advanced = 0.0
    try:
        sim.post("/_admin/clock", {"advance_hours": 239})
        advanced = 239
        rc, lines = tx("undo", tmp_path, sim, code("ACT10"))
        assert rc == 0 and lines[0]["verdict"] == "ok" and lines[0]["return_code"] == "NMVS_SUCCESS"
        sim.post("/_admin/clock", {"advance_hours": 2})
        advanced = 241
        rc, lines = tx("undo", tmp_path, sim, code("ACT11"))
        assert rc == 1 and lines[0]["verdict"] == "stop" and lines[0]["return_code"] == "NMVS_NC_PCK_20"
        assert sim.get(f"/_admin/packs/{NTIN}/ACT11")["state"] == "Supplied"
    finally:
        sim.post("/_admin/clock", {"advance_hours": -advanced})


def test_hub_usage_errors_exit_2(sim: Sim, tmp_path: Path) -> None:
    for argv in (
        ["verify", code("ACT12")],
        ["verify", "--hub", "notaurl", code("ACT12")],
        ["verify", "--hub", sim.url],
    ):
        rc, out, err = run(*argv, "--json", "--home", str(tmp_path / "fresh"))
        assert rc == 2 and err and not out, argv


def test_alerts_list_export_and_audit(sim: Sim, tmp_path: Path) -> None:
    home = tmp_path / "home"
    tx(
        "verify",
        home,
        sim,
        code("SSTOLEN"),
        code("NOSUCH"),
        f"[)>{RS}06{GS}9N{PPN}{GS}1TLOT1{GS}D{FAR_YYMMDD}{GS}SSUPPLIED{RS}{EOT}",
    )
    rc, out, _ = run("alerts", "list", "--json", "--home", str(home))
    alerts = json_lines(out)
    assert rc == 0 and len(alerts) == 3
    for a in alerts:
        for key in ALERT_KEYS:
            assert key in a, (key, a)
        assert "gtin" in a or "ppn" in a
        assert a["status"] == "new" and a["entry_mode"] == "scan" and re.fullmatch(r"[0-9A-Fa-f]+", a["raw_hex"])
    assert "1D" in alerts[0]["raw_hex"].upper()  # GS visible in the raw bytes
    today = dt.datetime.now(dt.UTC).date()
    yesterday, tomorrow = today - dt.timedelta(days=1), today + dt.timedelta(days=1)
    for fmt in ("csv", "jsonl", "pdf"):
        out_file = tmp_path / f"alerts.{fmt}"
        rc, _, _ = run(
            "alerts",
            "export",
            "--home",
            str(home),
            "--format",
            fmt,
            "-o",
            str(out_file),
            "--since",
            str(yesterday),
            "--until",
            str(tomorrow),
            "--status",
            "new",
        )
        assert rc == 0 and out_file.stat().st_size > 0
    assert (tmp_path / "alerts.pdf").read_bytes().startswith(b"%PDF")
    assert len((tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    rows = list(csv.DictReader((tmp_path / "alerts.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 3 and set(ALERT_KEYS) <= set(rows[0])
    rc, _, _ = run(
        "alerts",
        "export",
        "--home",
        str(home),
        "--format",
        "jsonl",
        "-o",
        str(tmp_path / "none.jsonl"),
        "--since",
        str(tomorrow),
    )
    assert rc == 0 and (tmp_path / "none.jsonl").read_text(encoding="utf-8") == ""
    rc, out, _ = run("alerts", "list", "--json", "--home", str(home), "--status", "closed")
    assert rc == 0 and out == ""
    for bad in (
        ["--since", "21.11.2026"],
        ["--status", "bogus"],
        ["--since", str(tomorrow), "--until", str(yesterday)],
    ):
        rc, _, err = run("alerts", "list", "--json", "--home", str(home), *bad)
        assert rc == 2 and err, bad

    rc, out, _ = run("audit", "verify", "--json", "--home", str(home))
    assert rc == 0 and json.loads(out)["ok"] is True
    tampered = tmp_path / "tampered"
    shutil.copytree(home, tampered)
    with sqlite3.connect(tampered / "station.db") as conn:
        conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
        conn.execute("UPDATE audit SET details = replace(details, 'SSTOLEN', 'SXXXXXX') WHERE seq = 2")
    rc, out, _ = run("audit", "verify", "--home", str(tampered))
    assert rc == 1 and "2" in out
    rc, out, _ = run("audit", "verify", "--json", "--home", str(tampered))
    assert rc == 1 and json.loads(out)["first_broken"] == 2


def test_calibrate_sheet_round_trip_then_wedge(tmp_path: Path) -> None:
    rc, out, _ = run("calibrate", "--print-sheet", "--json", "--home", str(tmp_path))
    assert rc == 0
    sheet = [c["text"] for c in json.loads(out)["codes"]]
    assert len(sheet) >= 2 and any("\x1d" in t for t in sheet)
    # a scanner with Caps Lock on, Enter after each scan
    typed = b"".join(t.swapcase().encode("latin-1") + b"\r\n" for t in sheet)
    rc, out, _ = run("calibrate", "--stdin", "--json", "--home", str(tmp_path), stdin=typed)
    doc = json.loads(out)
    assert rc == 0 and doc["ok"] is True and set(doc) >= {"ok", "profile", "findings", "advice"}
    assert all({"code", "message"} <= set(f) for f in doc["findings"]) and isinstance(doc["advice"], list)
    assert doc["profile"]["caps_lock"] is True
    rc, out, _ = run(
        "parse", "--wedge", "--json", "--home", str(tmp_path), code("SER123").replace(GS, "\x1d").swapcase()
    )
    parsed = json.loads(out)
    check_parse_shape(parsed)
    assert rc == 0 and parsed["serial"] == "SER123" and parsed["lot"] == "LOT1"
    rc, out, _ = run("calibrate", "--stdin", "--json", "--home", str(tmp_path / "other"), stdin=b"garbage\n")
    assert rc == 1 and json.loads(out)["ok"] is False


def test_labels(packs_csv: Path, tmp_path: Path) -> None:
    rc, out, _ = run(
        "labels", "--packs", str(packs_csv), "-o", str(tmp_path / "l.pdf"), "--json", "--home", str(tmp_path)
    )
    assert rc == 0 and (tmp_path / "l.pdf").read_bytes().startswith(b"%PDF")
    texts = [c["text"] for c in json.loads(out)["codes"]]
    assert len(texts) == sum(1 for _ in packs_csv.open(encoding="utf-8")) - 1
    rc, doc = parse_cli("--stdin", stdin=texts[0].encode("latin-1"), home=tmp_path)
    assert rc == 0 and doc["gtin"] == NTIN and doc["serial"] == "SACTIVE"
    rc, _, _ = run("labels", "--scanner-test", "-o", str(tmp_path / "s.pdf"), "--home", str(tmp_path))
    assert rc == 0 and (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    for argv in (["--packs", str(tmp_path / "none.csv")], [], ["--packs", str(packs_csv), "--scanner-test"]):
        rc, _, err = run("labels", *argv, "-o", str(tmp_path / "x.pdf"), "--home", str(tmp_path))
        assert rc == 2 and err, argv


def test_hub_sim_takes_home_and_refuses_bad_packs(tmp_path: Path) -> None:
    """``--home`` is accepted by every command (DESIGN.md), hub-sim included; a bad packs CSV is a
    usage error (exit 2) before anything listens."""
    bad = tmp_path / "bad.csv"
    bad.write_text(f"gtin,serial,lot,expiry,state\n{NTIN},X1,L1,31.01.2028,Active\n", encoding="utf-8")
    rc, out, err = run("hub-sim", "--home", str(tmp_path), "--packs", str(bad))
    assert rc == 2 and "expiry" in err and not out
    rc, out, err = run("hub-sim", "--home", str(tmp_path), "--packs", str(tmp_path / "missing.csv"))
    assert rc == 2 and err and not out


def test_home_before_the_command(tmp_path: Path) -> None:
    """`dispense-app --home DIR COMMAND ...` works like `COMMAND --home DIR ...` (it used to become
    `gui --home DIR COMMAND` and fail with exit 2)."""
    rc, out, _ = run("--home", str(tmp_path), "parse", "--json", code("SER123").replace(GS, "\x1d"))
    assert rc == 0 and json.loads(out)["ok"] is True
    rc, out, _ = run(f"--home={tmp_path}", "--json", "parse", code("SER123").replace(GS, "\x1d"))
    assert rc == 0 and json.loads(out)["ok"] is True


def test_env_home(tmp_path: Path) -> None:
    """DISPENSE_APP_HOME is the data folder when --home is not given."""
    env = {**os.environ, "DISPENSE_APP_HOME": str(tmp_path)}
    sheet = json.loads(run("calibrate", "--print-sheet", "--json", "--home", str(tmp_path))[1])["codes"]
    typed = b"".join(c["text"].encode("latin-1") + b"\n" for c in sheet)
    proc = subprocess.run(
        [*APP, "calibrate", "--stdin", "--json"], input=typed, env=env, capture_output=True, check=False, timeout=60
    )
    assert proc.returncode == 0 and json.loads(proc.stdout)["ok"] is True
    proc = subprocess.run(
        [*APP, "calibrate", "--show", "--json"], env=env, capture_output=True, check=False, timeout=60
    )
    assert proc.returncode == 0 and json.loads(proc.stdout)["gs"]["mode"] == "real"
    assert any(tmp_path.iterdir())
