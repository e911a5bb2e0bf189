"""Key events from a mis-set scanner -> assembler -> profile -> gate: exactly the printed pack code.

Also a property test over random pack codes and scanner set-ups: after calibration the gate never
admits a pack code other than the printed one.
"""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.calibration import GS, SHEET, calibrate
from scanner.gate import admit
from scanner.keyboard_layouts import scanner_types, type_text
from scanner.wedge import Key, KeyEvent, Mod, Scan, WedgeAssembler

TODAY = dt.date(2026, 1, 15)
ALNUM = string.ascii_letters + string.digits


def host_key_events(data: str, host: str, *, aim: str) -> list[KeyEvent]:
    """What Qt reports on ``host`` when a US scanner types ``data``: the host's characters as key
    events, GS as Ctrl + the key at the US "]" position (text "+" on a German host, as on X11)."""
    evs: list[KeyEvent] = []
    t = 0.0
    segments = (aim + data).split(GS)
    for i, seg in enumerate(segments):
        for ch in type_text(seg, host):
            evs.append(KeyEvent(ch, ord(ch.upper()) if ch.isascii() else 0, Mod.NONE, t))
            t += 3
        if i < len(segments) - 1:
            evs.append(KeyEvent("", Key.CONTROL, Mod.CONTROL, t))
            evs.append(KeyEvent("+", Key.PLUS, Mod.CONTROL, t + 1))
            t += 3
    evs.append(KeyEvent("\r", Key.RETURN, Mod.NONE, t))
    return evs


def test_german_host_key_events_to_exact_pack_code() -> None:
    # calibrated through the text channel (stdin): GS arrived there as "+"
    sheet = "\n".join(scanner_types(c.text, "de", control="ctrl", aim=c.aim) for c in SHEET)
    profile = calibrate(sheet).profile
    assert profile is not None and profile.gs.mode == "ctrl_mapped"
    code = "0104150123456782" + "21" + "yZ/-7" + GS + "10" + "zY.1" + GS + "17" + "280131"
    asm = WedgeAssembler()
    out = [o for ev in host_key_events(code, "de", aim="]d2") for o in asm.feed(ev)]
    scans = [o for o in out if isinstance(o, Scan)]
    assert len(scans) == 1
    assert scans[0].text.startswith("+d2")  # the mangled AIM, as typed
    res = admit(scans[0].event, profile, today=TODAY)
    assert res.admitted, res.message
    assert res.pack is not None
    assert (res.pack.serial, res.pack.lot) == ("yZ/-7", "zY.1")
    assert res.event_record()["scan_raw_keys"]


gtins = st.sampled_from(["04150123456782", "05900123456782", "04031150123451"])
values = st.text(alphabet=ALNUM + "-./_", min_size=3, max_size=16)
setups = st.tuples(st.sampled_from(["us", "de", "fr", "it", "es", "gb"]), st.booleans(),
                   st.sampled_from(["real", "alt", "ctrl", "substitute", "dropped"]), st.booleans())


@settings(max_examples=60, deadline=None)
@given(gtin=gtins, serial=values, lot=values, setup=setups)
def test_calibrated_gate_never_admits_another_pack(gtin: str, serial: str, lot: str,
                                                   setup: tuple[str, bool, str, bool]) -> None:
    host, caps, control, aim = setup
    sheet = "\n".join(scanner_types(c.text, host, caps_lock=caps, control=control, aim=c.aim if aim else None)
                      for c in SHEET)
    result = calibrate(sheet)
    assert result.ok, result.findings
    code = "01" + gtin + "21" + serial + GS + "10" + lot + GS + "17" + "280131"
    typed = scanner_types(code, host, caps_lock=caps, control=control, aim="]d2" if aim else None)
    res = admit(typed, result.profile, today=TODAY)
    if res.admitted:
        assert res.pack is not None
        assert (res.pack.gtin, res.pack.serial, res.pack.lot) == (gtin, serial, lot)
    else:
        assert control == "dropped" or "0029" in code, res.message  # only a lost GS may stop a valid code
