"""``dispense-app decode``: the DESIGN.md JSON contract and exit statuses."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from scanner.decoding.synthetic import gs1_pack_hri, ifa_pack_payload, place, render_code

CONTRACT_KEYS = {"file", "found", "text", "symbology", "gs1", "backend", "ms"}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "dispense_app", "decode", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, bytes | None]]:
    from PIL import Image

    d = tmp_path_factory.mktemp("decode")
    rng = random.Random(8)
    gs1, gs1_raw = render_code(gs1_pack_hri(rng), gs1=True)
    ifa, ifa_raw = render_code(ifa_pack_payload(rng), gs1=False)
    out: dict[str, tuple[Path, bytes | None]] = {}
    for name, img, raw, ext in (
        ("gs1_png", place(gs1, rng), gs1_raw, ".png"),
        ("gs1_jpg", np.repeat(place(gs1, rng)[:, :, None], 3, axis=2), gs1_raw, ".jpg"),
        ("ifa_webp", place(ifa, rng), ifa_raw, ".webp"),
        ("empty", np.full((200, 300), 230, np.uint8), None, ".png"),
    ):
        path = d / f"{name}{ext}"
        Image.fromarray(img).save(path)
        out[name] = (path, raw)
    junk = d / "junk.png"
    junk.write_bytes(b"\x89PNG but not really")
    out["junk"] = (junk, None)
    return out


def test_json_lines_follow_the_contract(images: dict[str, tuple[Path, bytes | None]]) -> None:
    names = ["gs1_png", "gs1_jpg", "ifa_webp"]
    res = _cli(*(str(images[n][0]) for n in names), "--json")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert len(lines) == 3
    for name, line in zip(names, lines, strict=True):
        assert "\x1d" not in line and "\\u001d" in line  # GS travels escaped in JSON ...
        doc = json.loads(line)
        assert doc.keys() >= CONTRACT_KEYS
        path, raw = images[name]
        assert raw is not None
        assert doc["file"] == str(path) and doc["found"] is True and doc["backend"] == "zxing"
        assert doc["text"] == raw.decode("ascii")  # ... and comes back as the real character
        assert isinstance(doc["ms"], float) and doc["ms"] >= 0
        assert doc["gs1"] is name.startswith("gs1")
        assert doc["symbology"] == ("]d2" if doc["gs1"] else "]d1")
        assert doc["raw_hex"] == raw.hex()
    ifa = json.loads(lines[2])
    assert ifa["text"].startswith("[)>\x1e06\x1d") and ifa["text"].endswith("\x1e\x04")


def test_parsed_fields_are_added_when_the_parser_is_there(images: dict[str, tuple[Path, bytes | None]]) -> None:
    pytest.importorskip("scanner.parsing")
    res = _cli(str(images["gs1_png"][0]), "--json")
    doc = json.loads(res.stdout)
    assert doc["parsed"]["scheme"] == "gs1" and doc["parsed"]["gtin"] and doc["parsed"]["serial"]


@pytest.mark.parametrize("backend", ["zxing", "dmtx"])
def test_no_code_exits_1_and_says_so(images: dict[str, tuple[Path, bytes | None]], backend: str) -> None:
    files = [str(images["gs1_png"][0]), str(images["empty"][0])]
    res = _cli(*files, "--backend", backend, "--timeout-ms", "300", "--json")
    assert res.returncode == 1
    first, second = (json.loads(line) for line in res.stdout.splitlines())
    assert first["found"] is True and first["backend"] == backend and first["text"] == images["gs1_png"][1].decode()
    assert second == {
        "file": str(images["empty"][0]),
        "found": False,
        "text": None,
        "symbology": None,
        "gs1": False,
        "backend": backend,
        "ms": second["ms"],
        "count": 0,
    }


def test_unreadable_file_exits_2_but_every_image_gets_its_line(images: dict[str, tuple[Path, bytes | None]]) -> None:
    missing = images["junk"][0].parent / "missing.png"
    res = _cli(str(images["junk"][0]), str(missing), str(images["gs1_png"][0]), "--json")
    assert res.returncode == 2
    docs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [d["found"] for d in docs] == [False, False, True]
    assert "error" in docs[0] and "no such file" in docs[1]["error"]


def test_usage_errors_exit_2() -> None:
    assert _cli().returncode == 2
    assert _cli("x.png", "--backend", "quagga").returncode == 2
    assert _cli("x.png", "--timeout-ms", "0").returncode == 2


def test_human_output_shows_separators(images: dict[str, tuple[Path, bytes | None]]) -> None:
    res = _cli(str(images["gs1_png"][0]), str(images["empty"][0]))
    assert res.returncode == 1
    assert "<GS>" in res.stdout and "]d2" in res.stdout and "no DataMatrix found" in res.stdout


def test_camera_mode_without_a_camera_says_so() -> None:
    res = _cli("--camera", "97", "--json", "--seconds", "5")
    assert res.returncode == 2
    assert "No camera found at index 97" in res.stderr and res.stdout == ""
    assert _cli("x.png", "--camera", "0").returncode == 2
    assert _cli("--camera", "0", "--backend", "dmtx").returncode == 2
