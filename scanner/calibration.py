"""The scanner test sheet and the diagnosis of what a keyboard-wedge scanner does to it.

The sheet is a handful of DataMatrix codes whose contents are known exactly. Together they hold
every CSET 82 character in both cases, GS separators (as FNC1 in a GS1 code and as a data
character in plain codes), a GS1 (``]d2``) pack code and an IFA pack code (RS, EOT). What a
scanner types for them tells us the host keyboard layout it collides with, Caps Lock, how GS, RS
and EOT arrive, the AIM prefix and the suffix.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from scanner.keyboard_layouts import (
    HOST_NAMES,
    LAYOUTS,
    DecodeError,
    HostDecoder,
    get_layout,
    host_decoder,
    type_text,
)

GS = "\x1d"
RS = "\x1e"
EOT = "\x04"


@dataclass(frozen=True, slots=True)
class SheetCode:
    """One code of the scanner test sheet."""

    name: str
    text: str  # the raw content (GS as the real character; no AIM prefix)
    gs1: bool  # encoded as GS1 DataMatrix (FNC1 first, read back with the AIM id ]d2)

    @property
    def aim(self) -> str:
        return "]d2" if self.gs1 else "]d1"

    @property
    def payload(self) -> bytes:
        return self.text.encode("ascii")


# The sheet, in printed order. Do not change the contents without bumping SHEET_VERSION: profiles
# record which sheet they were calibrated with.
SHEET_VERSION = 1
SHEET: tuple[SheetCode, ...] = (
    # A real GS1 pack code: GTIN (check digit valid), serial with the dead-key sequences that
    # German and Spanish hosts compose (=e, +o, 'a, "u), lot, expiry; two FNC1 separators.
    SheetCode("gs1-pack", "01" + "04150123456782" + "21" + "Zy'a=e+o\"u" + GS + "10" + "Ab-1.2" + GS + "17" + "301231",
              True),
    SheetCode("upper", "ABCDEFGHIJKLM" + GS + "NOPQRSTUVWXYZ", False),
    SheetCode("lower", "abcdefghijklm" + GS + "nopqrstuvwxyz", False),
    SheetCode("digits-punct", "0123456789!\"%&'()*+,-./:;<=>?_", False),
    # An IFA (securPharm) pack code: ISO/IEC 15434 format 06 envelope with RS and EOT, so the
    # calibration also learns how a scanner transmits those two and the "[)>" header.
    SheetCode("ifa-pack", "[)>" + RS + "06" + GS + "9N110375286414" + GS + "1TxY-9.b" + GS + "D301200" + GS
              + "SqW8kP3z" + RS + EOT, False),
)


def test_sheet_codes() -> list[tuple[str, bytes, bool]]:
    """The scanner test sheet's codes in sheet order: (name, raw payload bytes, gs1 flag).

    For a GS1 code the payload is the element string as a decoder returns it (no leading FNC1;
    GS = byte 29 between fields); an encoder must write it as GS1 DataMatrix (FNC1 in first
    position). Plain codes are ASCII DataMatrix where GS is an ordinary data byte.
    """
    return [(c.name, c.payload, c.gs1) for c in SHEET]


# pytest would otherwise collect this function wherever a test module imports it by name.
test_sheet_codes.__test__ = False  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------
# The scanner profile: what calibration learned, and how a typed scan is mapped back.
# --------------------------------------------------------------------------------------------

PROFILE_FILE = "scanner_profile.json"
CUSTOM = "custom"  # host_layout of a profile whose character map was learned from the sheet
CONTROL_NAMES = {GS: "GS", RS: "RS", EOT: "EOT"}
ALT_CODES = {GS: ("0029", "029"), RS: ("0030", "030"), EOT: ("0004", "004")}
MAX_AMBIGUOUS_TOKENS = 8

ControlMode = Literal["real", "alt_text", "ctrl_mapped", "substitute", "dropped"]


class ProfileMismatch(ValueError):
    """The typed text cannot have come from the profiled scanner."""


@dataclass(frozen=True, slots=True)
class ControlForm:
    """How one control character (GS, RS or EOT) arrives in the typed text.

    ``token`` is what the host typed for it: the character itself (``real``), ``"0029"``/``"029"``
    (``alt_text``: Alt+numpad digits seen as text), the host character of the key the scanner
    pressed with Ctrl (``ctrl_mapped``, e.g. ``+`` for Ctrl+] on a German host), a configured
    ``substitute``, or nothing (``dropped``).
    """

    mode: ControlMode
    token: str

    def to_json(self) -> dict[str, str]:
        return {"mode": self.mode, "token": self.token}

    @classmethod
    def from_json(cls, data: Any) -> ControlForm:
        if not isinstance(data, dict) or data.get("mode") not in get_args(ControlMode):
            raise ValueError(f"bad control character form: {data!r}")
        token = data.get("token", "")
        if not isinstance(token, str) or len(token) > 8:
            raise ValueError(f"bad control character token: {token!r}")
        return cls(data["mode"], token)


@dataclass(frozen=True, slots=True)
class Recovery:
    """One reading of a typed scan under a profile: the text as the scanner read it (AIM prefix,
    GS/RS/EOT as real characters) and what had to be assumed to get there."""

    text: str
    aim: str | None
    guessed_tokens: int = 0  # token occurrences that could also have been data and were taken as GS/RS/EOT


@dataclass(frozen=True)
class ScannerProfile:
    """What a keyboard-wedge scanner does to the data, as calibration found it.

    The scanner types with a US layout (``scanner_layout``) on a host with ``host_layout``;
    ``caps_lock`` says the host's Caps Lock inverted letters; ``gs``/``rs``/``eot`` how those
    arrive; ``aim_forms`` what the AIM prefixes look like once typed (empty: the scanner sends
    none); ``suffix`` what ends a scan.
    """

    host_layout: str = "us"
    caps_lock: bool = False
    gs: ControlForm = ControlForm("real", GS)
    rs: ControlForm = ControlForm("real", RS)
    eot: ControlForm = ControlForm("real", EOT)
    aim_forms: dict[str, str] = field(default_factory=dict)
    suffix: str = "enter"
    scanner_layout: str = "us"
    sheet_version: int = SHEET_VERSION
    created_at: str = ""
    #: host_layout "custom": what each character arrives as, learned from the sheet (US char -> typed)
    char_map: dict[str, str] = field(default_factory=dict)

    def decoder(self) -> HostDecoder:
        """The inverse map for this profile (a known layout, or the learned character map)."""
        if self.host_layout == CUSTOM:
            tokens: dict[str, tuple[str, ...]] = {}
            for us, typed in self.char_map.items():
                tokens[typed] = (*tokens.get(typed, ()), us)
            return HostDecoder(CUSTOM, False, tokens, {})
        return host_decoder(self.host_layout, self.caps_lock)

    # -- persistence ---------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "scanner_layout": self.scanner_layout,
            "host_layout": self.host_layout,
            "caps_lock": self.caps_lock,
            "gs": self.gs.to_json(),
            "rs": self.rs.to_json(),
            "eot": self.eot.to_json(),
            "aim": bool(self.aim_forms),
            "aim_forms": dict(self.aim_forms),
            "suffix": self.suffix,
            "sheet_version": self.sheet_version,
            "created_at": self.created_at,
            "char_map": dict(self.char_map),
        }

    @classmethod
    def from_json(cls, data: Any) -> ScannerProfile:
        if not isinstance(data, dict):
            raise ValueError("a scanner profile is a JSON object")
        host = data.get("host_layout", "us")
        char_map = data.get("char_map") or {}
        if not isinstance(char_map, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and len(k) == 1 and 0 < len(v) <= 2
                for k, v in char_map.items()):
            raise ValueError("bad char_map in scanner profile")
        if host == CUSTOM:
            if not char_map:
                raise ValueError("a custom scanner profile needs its char_map")
        else:
            get_layout(host)  # raises ValueError for an unknown layout
        aim_forms = data.get("aim_forms") or {}
        if not isinstance(aim_forms, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and len(v) <= 8 for k, v in aim_forms.items()):
            raise ValueError("bad aim_forms in scanner profile")
        return cls(
            host_layout=host,
            caps_lock=bool(data.get("caps_lock", False)),
            gs=ControlForm.from_json(data.get("gs", {"mode": "real", "token": GS})),
            rs=ControlForm.from_json(data.get("rs", {"mode": "real", "token": RS})),
            eot=ControlForm.from_json(data.get("eot", {"mode": "real", "token": EOT})),
            aim_forms=dict(aim_forms),
            suffix=str(data.get("suffix", "enter")),
            scanner_layout=str(data.get("scanner_layout", "us")),
            sheet_version=int(data.get("sheet_version", SHEET_VERSION)),
            created_at=str(data.get("created_at", "")),
            char_map=dict(char_map),
        )

    @property
    def wedge_suffix(self) -> Literal["enter", "tab", "none"]:
        """The suffix setting for :class:`scanner.wedge.WedgeConfig` (key events, not text)."""
        return "tab" if self.suffix == "tab" else "enter"

    # -- description ---------------------------------------------------------------------------
    @property
    def corrections(self) -> list[str]:
        """What applying this profile corrects, in words (for the scan record)."""
        out: list[str] = []
        if self.host_layout == CUSTOM:
            out.append("characters mapped back as learned from the scanner test sheet")
        elif self.host_layout != "us":
            out.append(f"keyboard layout: US scanner on a {HOST_NAMES[self.host_layout]} host")
        if self.caps_lock:
            out.append("Caps Lock inversion")
        for name, form in (("GS", self.gs), ("RS", self.rs), ("EOT", self.eot)):
            if form.mode in ("alt_text", "ctrl_mapped", "substitute"):
                out.append(f"{name} arrives as {form.token!r}")
        return out

    # -- applying ------------------------------------------------------------------------------
    def recover(self, typed: str) -> list[Recovery]:
        """Every reading of ``typed`` this profile allows (usually exactly one).

        Raises :class:`ProfileMismatch` when the text cannot have been typed by this scanner.
        """
        decoder = self.decoder()
        text = typed.strip("\r\n\t")
        aim: str | None = None
        for canonical, typed_form in sorted(self.aim_forms.items(), key=lambda kv: -len(kv[1])):
            if typed_form and text.startswith(typed_form):
                aim, text = canonical, text[len(typed_form):]
                break
        if aim is None and len(text) >= 3 and text[0] == "]" and text[1].isalpha() and text[2].isalnum():
            # A real AIM prefix. Only the identity profile can have typed it; under any other
            # profile it means another scanner (or changed settings): mapping it would corrupt it.
            if self.host_layout != "us" or self.caps_lock:
                raise ProfileMismatch(f"the scan starts with the AIM prefix {text[:3]!r}, which the calibrated "
                                      f"scanner would have typed as {self.aim_forms.get(text[:3], '(none)')!r}")
            aim, text = text[:3], text[3:]
        # where control characters are, and which of them are certain
        tokens: list[tuple[str, str]] = [(c, c) for c in (GS, RS, EOT)]
        for ctl, form in ((GS, self.gs), (RS, self.rs), (EOT, self.eot)):
            if form.mode != "dropped" and form.token and form.token != ctl:
                tokens.append((form.token, ctl))
        tokens.sort(key=lambda t: -len(t[0]))
        spots: list[tuple[int, int, str, bool]] = []  # (start, end, control char, certain)
        i = 0
        while i < len(text):
            for tok, ctl in tokens:
                if text.startswith(tok, i):
                    certain = tok == ctl or not _data_can_type(decoder, tok)
                    spots.append((i, i + len(tok), ctl, certain))
                    i += len(tok)
                    break
            else:
                i += 1
        unsure = [k for k, s in enumerate(spots) if not s[3]]
        if len(unsure) > MAX_AMBIGUOUS_TOKENS:
            raise ProfileMismatch(f"{len(unsure)} places could be separators or data: too many to try")
        readings: list[Recovery] = []
        errors: list[str] = []
        for choice in itertools.product((True, False), repeat=len(unsure)):
            taken = {k for k, s in enumerate(spots) if s[3]} | {k for k, c in zip(unsure, choice, strict=True) if c}
            parts: list[str] = []
            pos = 0
            try:
                for k in sorted(taken):
                    start, end, ctl, _ = spots[k]
                    parts.append(decoder.decode(text[pos:start]))
                    parts.append(ctl)
                    pos = end
                parts.append(decoder.decode(text[pos:]))
            except DecodeError as exc:
                errors.append(str(exc))
                continue
            body = _fix_envelope("".join(parts), self)
            if not self._envelope_complete(body):
                errors.append("the ISO/IEC 15434 envelope ([)> RS 06 GS ... RS EOT) is incomplete")
                continue
            rec = Recovery((aim or "") + body, aim, sum(1 for c in choice if c))
            if all(r.text != rec.text for r in readings):
                readings.append(rec)
        if not readings:
            raise ProfileMismatch(errors[0] if errors else "the scan cannot be read with this scanner profile")
        return readings

    def _envelope_complete(self, body: str) -> bool:
        """An IFA code's envelope is fixed: when the scanner transmits RS and EOT, a reading that
        takes their stand-ins for data (leaving the envelope open) is not the scanned code."""
        if not body.startswith("[)>") or self.rs.mode == "dropped" or self.eot.mode == "dropped":
            return True
        return body.startswith("[)>" + RS) and body.endswith(RS + EOT)


def _data_can_type(decoder: HostDecoder, token: str) -> bool:
    """Could pack-code data typed by this scanner contain ``token``?"""
    try:
        decoder.decode(token)
        return True
    except DecodeError:
        return decoder.produces(token)


def _fix_envelope(body: str, profile: ScannerProfile) -> str:
    """Restore the fixed parts of an ISO/IEC 15434 format 06 envelope that a scanner dropping RS
    (and GS, EOT) loses: ``[)>`` RS ``06`` GS ... RS EOT. Only the fixed header and trailer are
    restored; separators between data elements are left to the parser's lost-separator search."""
    if not body.startswith("[)>"):
        return body
    rest = body[3:]
    if profile.rs.mode == "dropped" and rest.startswith("06"):
        rest = RS + rest
    if profile.gs.mode == "dropped" and rest.startswith(RS + "06") and not rest.startswith(RS + "06" + GS):
        rest = RS + "06" + GS + rest[3:]
    if profile.rs.mode == "dropped" and not rest.endswith(RS + EOT) and not rest.endswith(RS):
        rest = rest + RS + (EOT if profile.eot.mode == "dropped" else "")
    elif profile.eot.mode == "dropped" and rest.endswith(RS):
        rest = rest + EOT
    return "[)>" + rest


def profile_path(home: Path) -> Path:
    return Path(home) / PROFILE_FILE


def load_profile(home: Path | str) -> ScannerProfile | None:
    """The station's saved scanner profile, or None when there is none (or it is unreadable:
    an unreadable profile is treated as missing, so the caller asks for a new calibration)."""
    path = profile_path(Path(home))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ScannerProfile.from_json(data)
    except (OSError, ValueError, TypeError):
        return None


def save_profile(home: Path | str, profile: ScannerProfile) -> Path:
    """Write the profile atomically (temp file + rename)."""
    path = profile_path(Path(home))
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(profile.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


# --------------------------------------------------------------------------------------------
# Calibration: infer the profile from what the scanner typed for the sheet.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class CalibrationResult:
    ok: bool
    profile: ScannerProfile | None
    findings: list[Finding]
    advice: list[str]

    def to_json(self) -> dict[str, Any]:
        """The ``calibrate --json`` document: ``{"ok", "profile", "findings", "advice"}``."""
        return {
            "ok": self.ok,
            "profile": self.profile.to_json() if self.profile else None,
            "findings": [f.to_json() for f in self.findings],
            "advice": list(self.advice),
        }


@dataclass(frozen=True)
class _Match:
    host: str
    caps: bool
    tokens: dict[str, str]  # control char -> token (only for controls present on the sheet)
    aim: bool


_CONTROL_GROUP = {GS: "gs", RS: "rs", EOT: "eot"}


def _pattern(code: SheetCode, host: str, caps: bool) -> re.Pattern[str]:
    parts = [f"(?P<aim>{re.escape(type_text(code.aim, host, caps_lock=caps))})?"]
    seen: set[str] = set()
    segment = ""
    for ch in code.text:
        if ch in _CONTROL_GROUP:
            parts.append(re.escape(type_text(segment, host, caps_lock=caps)))
            segment = ""
            name = _CONTROL_GROUP[ch]
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>[^\\n]{{0,6}}?)")
            seen.add(name)
        else:
            segment += ch
    parts.append(re.escape(type_text(segment, host, caps_lock=caps)))
    return re.compile("^" + "".join(parts) + "$", re.DOTALL)


def _match(lines: list[str], host: str, caps: bool) -> _Match | None:
    tokens: dict[str, str] = {}
    aims: set[bool] = set()
    for code, line in zip(SHEET, lines, strict=True):
        m = _pattern(code, host, caps).match(line)
        if m is None:
            return None
        for ctl, name in _CONTROL_GROUP.items():
            if name in m.re.groupindex:
                tok = m.group(name)
                if tokens.setdefault(ctl, tok) != tok:
                    return None
        aims.add(m.group("aim") is not None)
    if len(aims) != 1:
        return None
    return _Match(host, caps, tokens, aims.pop())


def _split_suffix(raw_lines: list[str]) -> tuple[list[str], str]:
    lines = [ln for ln in raw_lines if ln.strip("\r\t ") != ""]
    if len(lines) == 1 and len(SHEET) > 1:
        for sep, name in (("\t", "tab"), ("\r", "cr")):
            parts = [p for p in lines[0].split(sep) if p]
            if len(parts) == len(SHEET):
                return parts, name
    if lines and all(ln.endswith("\r") for ln in lines):
        return [ln[:-1] for ln in lines], "crlf"
    if lines and all(ln.endswith("\t") for ln in lines):
        return [ln.rstrip("\t") for ln in lines], "tab"
    return [ln.rstrip("\r") for ln in lines], "enter"


def _control_form(ctl: str, token: str, host: str, caps: bool) -> ControlForm:
    if token == ctl:
        return ControlForm("real", token)
    if token == "":
        return ControlForm("dropped", "")
    if token in ALT_CODES[ctl]:
        return ControlForm("alt_text", token)
    layout = get_layout(host)
    if ctl == GS and token == layout.ctrl_bracket_text and layout.name != "us":
        return ControlForm("ctrl_mapped", token)
    return ControlForm("substitute", token)


def _layout_examples(host: str, caps: bool) -> str:
    samples = ["]d2", "y", "z", "-", "/", "'", ":", "0", "a", "m", "\""]
    shown: list[str] = []
    for s in samples:
        t = type_text(s, host, caps_lock=caps)
        if t != s and len(shown) < 4:
            shown.append(f"{s!r} arrives as {t!r}")
    return ", ".join(shown)


def calibrate(text: str, *, now: dt.datetime | None = None) -> CalibrationResult:
    """Infer a scanner profile from what a keyboard-wedge scanner typed for the test sheet.

    ``text`` holds one scan per line in sheet order (as read from stdin). The result lists what
    was found and what to do about it; ``ok`` is False when no consistent profile explains it.
    """
    raw_lines = text.split("\n")
    lines, suffix = _split_suffix(raw_lines)
    if len(lines) != len(SHEET):
        return _wrong_scan_count(len(lines))
    matches = [m for host in LAYOUTS for caps in (False, True) if (m := _match(lines, host, caps)) is not None]
    if not matches and (learned := _calibrate_learned(lines, suffix, now)) is not None:
        return learned
    if not matches:
        return _unrecognised(lines)
    m = matches[0]
    host, caps = m.host, m.caps
    forms = {ctl: _control_form(ctl, m.tokens.get(ctl, ctl), host, caps) for ctl in (GS, RS, EOT)}
    aim_forms = {a: type_text(a, host, caps_lock=caps) for a in ("]d2", "]d1")} if m.aim else {}
    profile = ScannerProfile(
        host_layout=host, caps_lock=caps, gs=forms[GS], rs=forms[RS], eot=forms[EOT], aim_forms=aim_forms,
        suffix=suffix, created_at=(now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
    )
    # The order of findings and advice is what the user reads: layout, Caps Lock, GS/RS/EOT, AIM, suffix.
    findings: list[Finding] = []
    advice: list[str] = []
    _layout_findings(host, caps, findings, advice)
    findings += _control_findings(m, forms)
    advice += _gs_advice(forms[GS], host, caps)
    _aim_findings(m, aim_forms, findings, advice)
    findings.append(Finding("suffix", _SUFFIX_MESSAGES[suffix]))
    ok = _self_check(profile, lines, m.aim, findings)
    if len(matches) > 1 and any(_differs(matches[0], x) for x in matches[1:]):
        findings.append(Finding("ambiguous", "more than one scanner set-up explains the scans"))
        ok = False
    if not ok:
        advice.append("Scan the test sheet again; if this persists, set the scanner's keyboard country to match this "
                      "computer and enable GS transmission as Ctrl+].")
    return CalibrationResult(ok, profile if ok else None, findings, advice)


_SUFFIX_MESSAGES = {"enter": "each scan ends with Enter", "crlf": "each scan ends with CR LF",
                    "tab": "each scan ends with Tab", "cr": "each scan ends with CR"}


def _wrong_scan_count(got: int) -> CalibrationResult:
    finding = Finding("scan_count", f"expected {len(SHEET)} scans (one per line, in sheet order), got {got}")
    advice = f"Scan the {len(SHEET)} codes of the test sheet in order, one scan per line."
    return CalibrationResult(False, None, [finding], [advice])


def _unrecognised(lines: list[str]) -> CalibrationResult:
    """No known layout explains the scans: name the closest one and the codes it gets wrong."""
    best = max(((host, caps, sum(1 for c, ln in zip(SHEET, lines, strict=True)
                                 if _pattern(c, host, caps).match(ln)))
                for host in LAYOUTS for caps in (False, True)), key=lambda t: t[2])
    bad = [c.name for c, ln in zip(SHEET, lines, strict=True) if not _pattern(c, best[0], best[1]).match(ln)]
    finding = Finding("unrecognised",
                      f"no known scanner/keyboard combination explains the scans; closest: US scanner on "
                      f"a {HOST_NAMES[best[0]]} host{' with Caps Lock' if best[1] else ''}, but these codes "
                      f"differ: {', '.join(bad)}")
    advice = [
        "Scan the test sheet again, one code per line, in sheet order.",
        "If it still fails: set the scanner's keyboard country to match this computer, switch Caps Lock off, "
        "and set FNC1 to send GS as Ctrl+]; or use the scanner in serial (USB-COM) mode.",
    ]
    return CalibrationResult(False, None, [finding], advice)


def _layout_findings(host: str, caps: bool, findings: list[Finding], advice: list[str]) -> None:
    """The keyboard layout and Caps Lock the scans show, and what to set on the scanner."""
    if host != "us":
        dead = " (its accent keys do not compose)" if host.endswith("-nodeadkeys") else ""
        findings.append(Finding("layout_mismatch",
                                f"the scanner types with a US keyboard layout but this computer uses "
                                f"{get_layout(host).title}{dead}: {_layout_examples(host, False)}"))
        advice.append(f"Set your scanner's keyboard country to {HOST_NAMES[host]} (see the keyboard-country codes "
                      f"in the scanner's manual); until then this profile corrects the scans.")
    else:
        findings.append(Finding("layout_ok", "the scanner's keyboard layout matches this computer (US)"))
    if caps:
        findings.append(Finding("caps_lock", "Caps Lock is on: letters arrive in the wrong case"))
        advice.append("Switch Caps Lock off on this computer, or set the scanner to ignore Caps Lock "
                      "(\"Caps Lock override\" / automatic case); until then this profile corrects the scans.")


def _control_findings(m: _Match, forms: dict[str, ControlForm]) -> list[Finding]:
    """How each control character the sheet holds arrives, and whether its form is ambiguous."""
    findings: list[Finding] = []
    host_name = HOST_NAMES[m.host]
    for ctl, form in forms.items():
        if ctl not in m.tokens:
            continue
        name = CONTROL_NAMES[ctl]
        low = name.lower()
        if form.mode == "real":
            findings.append(Finding(f"{low}_real", f"{name} arrives as the real control character"))
        elif form.mode == "dropped":
            findings.append(Finding(f"{low}_dropped", f"{name} is not transmitted at all"))
        elif form.mode == "alt_text":
            findings.append(Finding(f"{low}_alt_text", f"{name} arrives as the text {form.token!r} "
                                                       f"(an Alt+numpad sequence the host did not turn into {name})"))
        elif form.mode == "ctrl_mapped":
            findings.append(Finding(f"{low}_ctrl_mapped", f"{name} arrives as {form.token!r}: the scanner sends Ctrl+] "
                                                          f"and the {host_name} keyboard layout turns it into "
                                                          f"{form.token!r}"))
        else:
            findings.append(Finding(f"{low}_substitute", f"{name} arrives as the substitute {form.token!r}"))
        decoder = host_decoder(m.host, m.caps)
        if form.token and form.token != ctl and _data_can_type(decoder, form.token):
            findings.append(Finding(f"{low}_ambiguous", f"{form.token!r} can also occur in pack-code data: a scan "
                                                         f"holding it is read both ways and stopped if both are "
                                                         f"valid"))
    return findings


def _gs_advice(gs: ControlForm, host: str, caps: bool) -> list[str]:
    """What to set on the scanner so that GS arrives as itself (nothing when it already does)."""
    if gs.mode == "dropped":
        return ["Enable GS transmission: set the scanner to send FNC1 as GS (Ctrl+], ASCII 29). Until then, a "
                "scan whose separators cannot be restored unambiguously is stopped."]
    if gs.mode == "alt_text":
        return ["Set the scanner to send FNC1/GS as Ctrl+] instead of Alt+0029 (Alt+numpad sequences arrive "
                "as digits in some programs)."]
    if gs.mode == "ctrl_mapped":
        return [f"Set your scanner's keyboard country to {HOST_NAMES[host]} so that Ctrl+] is sent with the right "
                f"key (or set FNC1 to send GS); this profile turns {gs.token!r} back into GS meanwhile."]
    if gs.mode == "substitute" and _data_can_type(host_decoder(host, caps), gs.token):
        return [f"Choose a GS substitute character that cannot occur in pack codes ({gs.token!r} can), or set "
                f"FNC1 to send GS as Ctrl+]."]
    return []


def _aim_findings(m: _Match, aim_forms: dict[str, str], findings: list[Finding], advice: list[str]) -> None:
    """Whether the scanner sends AIM symbology identifiers, and how they arrive."""
    if m.aim:
        typed_aim = aim_forms["]d2"]
        if typed_aim != "]d2":
            findings.append(Finding("aim_mangled", f"the AIM symbology identifier ]d2 arrives as {typed_aim!r}"))
        else:
            findings.append(Finding("aim_present", "the scanner sends AIM symbology identifiers (]d2, ]d1)"))
    else:
        findings.append(Finding("aim_absent", "the scanner sends no AIM symbology identifier"))
        advice.append("Optional: enable AIM symbology identifiers (]d2) so the app can tell a GS1 DataMatrix from "
                      "other codes.")


def _self_check(profile: ScannerProfile, lines: list[str], aim: bool, findings: list[Finding]) -> bool:
    """The profile must give back every sheet code exactly (bar separators it drops); each code it
    does not give back is a finding."""
    ok = True
    for code, line in zip(SHEET, lines, strict=True):
        try:
            readings = profile.recover(line)
        except ProfileMismatch as exc:
            findings.append(Finding("self_check_failed", f"{code.name}: {exc}"))
            ok = False
            continue
        expected = (code.aim if aim else "") + code.text
        if not any(_same_bar_dropped(r.text, expected, profile) for r in readings):
            findings.append(Finding("self_check_failed", f"{code.name}: the profile does not give back the code"))
            ok = False
    return ok


def _differs(a: _Match, b: _Match) -> bool:
    return (a.host.split("-")[0], a.caps) != (b.host.split("-")[0], b.caps)


def _same_bar_dropped(got: str, expected: str, profile: ScannerProfile) -> bool:
    dropped = {c for c, f in ((GS, profile.gs), (RS, profile.rs), (EOT, profile.eot)) if f.mode == "dropped"}
    if not dropped:
        return got == expected
    return "".join(c for c in got if c not in dropped) == "".join(c for c in expected if c not in dropped)


# --------------------------------------------------------------------------------------------
# Fallback: no known layout explains the scans. If every character arrives as one character
# (no dead keys merging two), learn the map itself from the sheet, which holds every character.
# --------------------------------------------------------------------------------------------

_MAX_TOKEN = 6


def _learn(lines: list[str], aim: bool, lengths: dict[str, int]) -> tuple[dict[str, str], dict[str, str],
                                                                           dict[str, str]] | None:
    us_to_typed: dict[str, str] = {}
    tokens: dict[str, str] = {}
    aim_forms: dict[str, str] = {}
    for code, line in zip(SHEET, lines, strict=True):
        pos = 0
        if aim:
            form = line[:3]
            if len(form) < 3 or aim_forms.setdefault(code.aim, form) != form:
                return None
            pos = 3
        need = sum(lengths.get(c, 1) for c in code.text)
        if len(line) - pos != need:
            return None
        for ch in code.text:
            if ch in lengths:
                tok = line[pos:pos + lengths[ch]]
                if tokens.setdefault(ch, tok) != tok:
                    return None
                pos += lengths[ch]
            else:
                got = line[pos]
                if us_to_typed.setdefault(ch, got) != got:
                    return None
                pos += 1
    typed_values = list(us_to_typed.values())
    if len(set(typed_values)) != len(typed_values):
        return None  # two characters arrive the same: the map cannot be inverted
    return us_to_typed, tokens, aim_forms


def _closest_layout(us_to_typed: dict[str, str]) -> tuple[str, bool, int]:
    best = ("us", False, -1)
    for host in LAYOUTS:
        for caps in (False, True):
            agree = sum(1 for us, typed in us_to_typed.items() if type_text(us, host, caps_lock=caps) == typed)
            if agree > best[2]:
                best = (host, caps, agree)
    return best


def _calibrate_learned(lines: list[str], suffix: str, now: dt.datetime | None) -> CalibrationResult | None:
    present = [c for c in (GS, RS, EOT) if any(c in code.text for code in SHEET)]
    found = None
    for aim in (True, False):
        for combo in itertools.product(range(_MAX_TOKEN + 1), repeat=len(present)):
            learned = _learn(lines, aim, dict(zip(present, combo, strict=True)))
            if learned is not None:
                found = (aim, learned)
                break
        if found:
            break
    if found is None:
        return None
    aim, (us_to_typed, tokens, aim_forms) = found
    closest, caps, agree = _closest_layout(us_to_typed)
    forms = {}
    for ctl in (GS, RS, EOT):
        tok = tokens.get(ctl, ctl)
        if tok == ctl:
            forms[ctl] = ControlForm("real", tok)
        elif tok == "":
            forms[ctl] = ControlForm("dropped", "")
        elif tok in ALT_CODES[ctl]:
            forms[ctl] = ControlForm("alt_text", tok)
        elif ctl == GS and aim and tok == aim_forms.get("]d2", " ")[0]:
            forms[ctl] = ControlForm("ctrl_mapped", tok)  # typed like the "]" of the AIM prefix
        else:
            forms[ctl] = ControlForm("substitute", tok)
    profile = ScannerProfile(host_layout=CUSTOM, caps_lock=False, gs=forms[GS], rs=forms[RS], eot=forms[EOT],
                             aim_forms=aim_forms, suffix=suffix, char_map=us_to_typed,
                             created_at=(now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"))
    changed = {us: typed for us, typed in us_to_typed.items() if us != typed}
    findings: list[Finding] = []
    advice: list[str] = []
    if changed:
        sample = ", ".join(f"{us!r} arrives as {typed!r}" for us, typed in list(changed.items())[:6])
        findings.append(Finding("layout_mismatch",
                                f"{len(changed)} characters arrive changed ({sample}); no known layout matches "
                                f"exactly, the closest is a US scanner on a {HOST_NAMES[closest]} host"
                                f"{' with Caps Lock' if caps else ''} ({agree} of {len(us_to_typed)} characters); "
                                f"the character map was learned from the test sheet"))
        advice.append(f"Set your scanner's keyboard country to {HOST_NAMES[closest]} (the closest match for this "
                      f"computer); until then this profile corrects the scans.")
        if caps:
            findings.append(Finding("caps_lock", "letters arrive in the wrong case, as with Caps Lock on"))
            advice.append("Switch Caps Lock off on this computer, or set the scanner to ignore Caps Lock.")
    else:
        findings.append(Finding("layout_ok", "every character arrives unchanged"))
    for ctl, form in forms.items():
        low = CONTROL_NAMES[ctl].lower()
        if ctl in tokens:
            findings.append(Finding(f"{low}_{form.mode}", f"{CONTROL_NAMES[ctl]} arrives as {form.token!r}"
                                    if form.mode != "dropped" else f"{CONTROL_NAMES[ctl]} is not transmitted"))
    if forms[GS].mode == "dropped":
        advice.append("Enable GS transmission: set the scanner to send FNC1 as GS (Ctrl+], ASCII 29).")
    elif forms[GS].mode == "alt_text":
        advice.append("Set the scanner to send FNC1/GS as Ctrl+] instead of Alt+0029.")
    if aim:
        typed_aim = aim_forms.get("]d2", "]d2")
        findings.append(Finding("aim_mangled" if typed_aim != "]d2" else "aim_present",
                                f"the AIM symbology identifier ]d2 arrives as {typed_aim!r}"))
    else:
        findings.append(Finding("aim_absent", "the scanner sends no AIM symbology identifier"))
    ok = True
    for code, line in zip(SHEET, lines, strict=True):
        try:
            readings = profile.recover(line)
        except ProfileMismatch:
            ok = False
            continue
        expected = (code.aim if aim else "") + code.text
        if not any(_same_bar_dropped(r.text, expected, profile) for r in readings):
            ok = False
    if not ok:
        return None
    findings.append(Finding("suffix", f"each scan ends with {suffix}"))
    return CalibrationResult(True, profile, findings, advice)
