"""Calibration: the test sheet, inferring the scanner profile, the calibrate command."""

from __future__ import annotations

import contextlib
import json
import string
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.calibration import (
    EOT,
    GS,
    RS,
    SHEET,
    ScannerProfile,
    calibrate,
    load_profile,
    save_profile,
)
from scanner.calibration import test_sheet_codes as sheet_codes
from scanner.keyboard_layouts import CSET82, LAYOUTS, scanner_types
from scanner.parsing import parse


def sheet_typed(host: str = "us", *, caps: bool = False, control: str = "real", aim: bool = True,
                substitute: str = "~", line_end: str = "\n") -> str:
    return "".join(scanner_types(c.text, host, caps_lock=caps, control=control, substitute=substitute,
                                 aim=c.aim if aim else None) + line_end for c in SHEET)


def test_sheet_has_every_cset82_char_gs_and_a_gs1_code() -> None:
    codes = sheet_codes()
    joined = b"".join(payload for _, payload, _ in codes).decode("ascii")
    assert set(CSET82) <= set(joined)
    assert set(string.ascii_uppercase) <= set(joined) and set(string.ascii_lowercase) <= set(joined)
    assert GS in joined and RS in joined and EOT in joined
    gs1 = [payload for _, payload, is_gs1 in codes if is_gs1]
    assert gs1 and parse(b"]d2" + gs1[0]).ok
    ifa = next(c for c in SHEET if c.name == "ifa-pack")
    assert parse("]d1" + ifa.text).ok


@pytest.mark.parametrize("host", sorted(LAYOUTS))
@pytest.mark.parametrize("caps", [False, True])
def test_layout_and_caps_lock_are_recognised(host: str, caps: bool) -> None:
    result = calibrate(sheet_typed(host, caps=caps))
    assert result.ok, result.findings
    assert result.profile is not None
    assert result.profile.host_layout == host
    assert result.profile.caps_lock is caps
    codes = {f.code for f in result.findings}
    assert ("layout_mismatch" in codes) is (host != "us")
    assert ("caps_lock" in codes) is caps


@pytest.mark.parametrize(
    ("control", "host", "mode", "token"),
    [
        ("real", "us", "real", GS),
        ("alt", "us", "alt_text", "0029"),
        ("ctrl", "de", "ctrl_mapped", "+"),
        ("ctrl", "fr", "ctrl_mapped", "$"),
        ("substitute", "us", "substitute", "~"),
        ("substitute", "de", "substitute", "°"),  # the substitute "~" itself goes through the layout
        ("dropped", "it", "dropped", ""),
    ],
)
def test_how_gs_arrives(control: str, host: str, mode: str, token: str) -> None:
    result = calibrate(sheet_typed(host, control=control))
    assert result.ok, result.findings
    assert result.profile is not None
    assert (result.profile.gs.mode, result.profile.gs.token) == (mode, token)
    assert any(f.code == f"gs_{mode}" for f in result.findings)


def test_alt_text_three_digit_form() -> None:
    typed = sheet_typed(control="alt").replace("0029", "029")
    result = calibrate(typed)
    assert result.ok and result.profile is not None
    assert result.profile.gs.token == "029"


def test_german_host_advice_and_mangled_aim() -> None:
    result = calibrate(sheet_typed("de", control="ctrl"))
    doc = result.to_json()
    assert set(doc) == {"ok", "profile", "findings", "advice"}
    assert doc["profile"]["aim_forms"]["]d2"] == "+d2"
    assert any("keyboard country to German" in a for a in doc["advice"])
    assert any(f["code"] == "aim_mangled" for f in doc["findings"])


def test_dropped_gs_advice_and_no_aim() -> None:
    result = calibrate(sheet_typed(control="dropped", aim=False))
    assert result.ok
    assert any("Enable GS transmission" in a for a in result.advice)
    assert any(f.code == "aim_absent" for f in result.findings)


def test_suffixes() -> None:
    assert calibrate(sheet_typed(line_end="\r\n")).profile.suffix == "crlf"  # type: ignore[union-attr]
    assert calibrate(sheet_typed(line_end="\t\n")).profile.suffix == "tab"  # type: ignore[union-attr]
    one_line = "".join(scanner_types(c.text, "us", aim=c.aim) + "\t" for c in SHEET)
    assert calibrate(one_line).profile.suffix == "tab"  # type: ignore[union-attr]


def test_inconsistent_or_short_input_is_not_ok() -> None:
    assert not calibrate("").ok
    lines = sheet_typed().splitlines()
    assert not calibrate("\n".join(lines[:-1])).ok
    # one scan from a German host, the others from a US host: no single profile explains it
    mixed = [scanner_types(SHEET[0].text, "de", aim="]d2"), *lines[1:]]
    result = calibrate("\n".join(mixed))
    assert not result.ok and result.profile is None
    assert result.advice
    # GS sent two different ways
    lines2 = sheet_typed(control="alt").splitlines()
    lines2[1] = lines2[1].replace("0029", GS)
    assert not calibrate("\n".join(lines2)).ok


def test_profile_round_trips_and_unreadable_profile_counts_as_missing(tmp_path: Path) -> None:
    result = calibrate(sheet_typed("fr", caps=True, control="alt"))
    assert result.profile is not None
    save_profile(tmp_path, result.profile)
    loaded = load_profile(tmp_path)
    assert loaded == result.profile
    (tmp_path / "scanner_profile.json").write_text('{"host_layout": "klingon"}')
    assert load_profile(tmp_path) is None
    (tmp_path / "scanner_profile.json").write_text("not json")
    assert load_profile(tmp_path) is None
    assert load_profile(tmp_path / "missing") is None


def test_recover_refuses_text_the_scanner_cannot_type() -> None:
    from scanner.calibration import ProfileMismatch

    profile = ScannerProfile(host_layout="de")
    with pytest.raises(ProfileMismatch):
        profile.recover("+d2010415012345678221AB[C")


def _cli(*args: str, stdin: str | None = None, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dispense_app", *args, "--home", str(home)],
                          input=stdin, capture_output=True, text=True, encoding="utf-8")


def test_cli_print_sheet_and_calibrate(tmp_path: Path) -> None:
    out = _cli("calibrate", "--print-sheet", "--json", home=tmp_path)
    assert out.returncode == 0
    doc = json.loads(out.stdout)
    assert [c["name"] for c in doc["codes"]] == [c.name for c in SHEET]
    assert [c["text"] for c in doc["codes"]] == [c.text for c in SHEET]
    assert [c["gs1"] for c in doc["codes"]] == [c.gs1 for c in SHEET]

    typed = "".join(scanner_types(c["text"], "de", control="ctrl", aim="]d2" if c["gs1"] else "]d1") + "\n"
                    for c in doc["codes"])
    out = _cli("calibrate", "--stdin", "--json", stdin=typed, home=tmp_path)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["ok"] is True and doc["profile"]["host_layout"] == "de"
    assert load_profile(tmp_path) is not None

    bad = _cli("calibrate", "--stdin", "--json", stdin="garbage\n", home=tmp_path / "other")
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["ok"] is False
    assert not (tmp_path / "other" / "scanner_profile.json").exists()
    assert _cli("calibrate", home=tmp_path).returncode == 2


def test_unknown_one_to_one_layout_is_learned_from_the_sheet() -> None:
    # a German-like host that differs from our German map in two characters (e.g. another
    # keyboard variant): no known layout explains it, but every character arrives as one character
    def host(text: str) -> str:
        return scanner_types(text, "de-nodeadkeys", aim=None).replace(";", "<").replace("_", "#")

    typed = "".join(host("]d2" if c.gs1 else "]d1") + host(c.text) + "\n" for c in SHEET)
    result = calibrate(typed)
    assert result.ok, result.findings
    assert result.profile is not None and result.profile.host_layout == "custom"
    assert any("German" in a for a in result.advice)
    assert any(f.code == "layout_mismatch" for f in result.findings)
    from scanner.gate import admit

    code = "0104150123456782" + "21" + "Zy?<" + GS + "10" + "L_1" + GS + "17" + "280131"
    res = admit(host("]d2" + code), result.profile)
    assert res.admitted and res.pack is not None and (res.pack.serial, res.pack.lot) == ("Zy?<", "L_1")
    # the learned profile survives a save/load round trip
    assert ScannerProfile.from_json(json.loads(json.dumps(result.profile.to_json()))) == result.profile


def test_two_characters_arriving_the_same_cannot_be_learned() -> None:
    typed = "".join(scanner_types(c.text, "us", aim=c.aim).replace("y", "z") + "\n" for c in SHEET)
    assert not calibrate(typed).ok


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=7))
def test_calibrate_never_raises_on_garbage(lines: list[str]) -> None:
    result = calibrate("\n".join(lines))
    assert result.ok in (True, False)
    assert set(result.to_json()) == {"ok", "profile", "findings", "advice"}


@settings(max_examples=150, deadline=None)
@given(typed=st.text(max_size=80), host=st.sampled_from(sorted(LAYOUTS)), caps=st.booleans())
def test_recover_only_raises_profile_mismatch(typed: str, host: str, caps: bool) -> None:
    from scanner.calibration import ControlForm, ProfileMismatch

    profile = ScannerProfile(host_layout=host, caps_lock=caps, gs=ControlForm("alt_text", "0029"),
                             aim_forms={"]d2": "+d2"})
    with contextlib.suppress(ProfileMismatch):
        assert profile.recover(typed)
