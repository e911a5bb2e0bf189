"""The keyboard-wedge assembler: scanner bursts vs human typing, control characters, raw keys."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.keyboard_layouts import CSET82
from scanner.wedge import (
    Key,
    KeyEvent,
    Mod,
    Output,
    Replay,
    Scan,
    WedgeAssembler,
    WedgeConfig,
    key_events_for,
)

GS, RS, EOT = "\x1d", "\x1e", "\x04"


def run(asm: WedgeAssembler, events: list[KeyEvent], *, final_timeout: bool = True) -> list[Output]:
    out: list[Output] = []
    for ev in events:
        out.extend(asm.feed(ev))
    if final_timeout:
        out.extend(asm.timeout())
    return out


def scans(out: list[Output]) -> list[str]:
    return [o.text for o in out if isinstance(o, Scan)]


def replayed(out: list[Output]) -> list[KeyEvent]:
    return [e for o in out if isinstance(o, Replay) for e in o.events]


def human(text: str, start: float = 0.0, gap: float = 120.0) -> list[KeyEvent]:
    evs = []
    t = start
    for ch in text:
        evs.append(KeyEvent(ch, ord(ch.upper()), Mod.NONE, t))
        evs.append(KeyEvent(ch, ord(ch.upper()), Mod.NONE, t + 60, press=False))
        t += gap
    return evs


def test_scanner_burst_becomes_one_scan_and_keeps_raw_keys() -> None:
    code = "]d2010415012345678221ABC" + GS + "10LOT1" + GS + "17301231"
    evs = key_events_for(code, gap_ms=4)
    out = run(WedgeAssembler(), evs)
    assert scans(out) == [code]
    assert replayed(out) == []
    scan = next(o for o in out if isinstance(o, Scan))
    assert scan.event.aim == "]d2"
    assert scan.event.terminator == "enter"
    # every key event up to and including the Enter press is kept (its release comes after the scan)
    assert len(scan.event.raw_keys) == len(evs) - 1
    assert scan.event.raw == code.encode()


def test_human_typing_is_replayed_untouched() -> None:
    evs = human("hello world")
    out = run(WedgeAssembler(), evs)
    assert scans(out) == []
    assert replayed(out) == evs


def test_alt_numpad_sequences_become_control_characters() -> None:
    code = "[)>" + RS + "06" + GS + "9N110375286414" + GS + "SABC" + RS + EOT
    out = run(WedgeAssembler(), key_events_for(code, gs_as="alt"))
    assert scans(out) == [code]


def test_alt_numpad_with_num_lock_off() -> None:
    # Num Lock off: the keypad reports Insert (0), Down (2), PageUp (9) with the keypad modifier
    evs = key_events_for("ABCD", gap_ms=3, suffix="none")
    t = 13.0
    evs.append(KeyEvent("", Key.ALT, Mod.ALT, t))
    for i, k in enumerate((0x01000006, 0x01000006, 0x01000015, 0x01000016)):
        evs.append(KeyEvent("", k, Mod.ALT | Mod.KEYPAD, t + 1 + i))
    evs.append(KeyEvent("", Key.ALT, Mod.NONE, t + 6, press=False))
    evs += key_events_for("EF", start_ms=t + 8, gap_ms=3)
    assert scans(run(WedgeAssembler(), evs)) == ["ABCD" + GS + "EF"]


def test_ctrl_bracket_as_text_or_as_key_and_german_ctrl_plus() -> None:
    a = WedgeAssembler()
    assert scans(run(a, key_events_for("0104150123456782" + "21AB" + GS + "10X", gs_as="text"))) == [
        "0104150123456782" + "21AB" + GS + "10X"]
    # A German host reports Ctrl + the US "]" key as Ctrl + "+", with "+" as text (X11).
    evs = key_events_for("1234", gap_ms=3, suffix="none")
    t = evs[-1].timestamp_ms + 3
    evs += [KeyEvent("", Key.CONTROL, Mod.CONTROL, t), KeyEvent("+", Key.PLUS, Mod.CONTROL, t + 1),
            KeyEvent("+", Key.PLUS, Mod.CONTROL, t + 2, press=False)]
    evs += key_events_for("56", start_ms=t + 4, gap_ms=3)
    assert scans(run(WedgeAssembler(), evs)) == ["1234" + GS + "56"]


def test_altgr_is_not_a_control_key() -> None:
    # AltGr arrives as Ctrl+Alt on Windows: "@" typed with AltGr+Q stays "@".
    evs = key_events_for("ab", gap_ms=3, suffix="none")
    evs.append(KeyEvent("@", ord("Q"), Mod.CONTROL | Mod.ALT, 7))
    evs += key_events_for("cd", start_ms=9, gap_ms=3)
    assert scans(run(WedgeAssembler(), evs)) == ["ab@cd"]


def test_a_scan_without_its_suffix_is_marked_incomplete_and_stopped_by_the_gate() -> None:
    from scanner.gate import admit

    code = "]d2010415012345678221ABC" + GS + "10L1" + GS + "17280131"
    out = run(WedgeAssembler(WedgeConfig(suffix="enter")), key_events_for(code, suffix="none"))
    scan = next(o for o in out if isinstance(o, Scan))
    assert scan.event.terminator == "timeout-no-suffix"
    assert admit(code, None).admitted  # the text itself is a valid pack code ...
    res = admit(scan.event, None)  # ... but it may be the front part of a longer one
    assert not res.admitted and res.stop_code == "incomplete_scan"


def test_suffix_none_ends_on_timeout_and_tab_suffix() -> None:
    out = run(WedgeAssembler(WedgeConfig(suffix="none")), key_events_for("ABCDEF", suffix="none"))
    assert scans(out) == ["ABCDEF"]
    assert next(o for o in out if isinstance(o, Scan)).event.terminator == "timeout"
    out = run(WedgeAssembler(WedgeConfig(suffix="tab")), key_events_for("ABCDEF", suffix="tab"))
    assert [o.event.terminator for o in out if isinstance(o, Scan)] == ["tab"]


def test_two_scans_back_to_back_and_a_long_gap_splits_them() -> None:
    first = key_events_for("AAAAAA", gap_ms=5, suffix="none")
    second = key_events_for("BBBBBB", start_ms=500, gap_ms=5)
    assert scans(run(WedgeAssembler(), first + second)) == ["AAAAAA", "BBBBBB"]


def test_keys_no_scanner_sends_pass_at_once() -> None:
    left = 0x01000012
    asm = WedgeAssembler()
    arrow = KeyEvent("", left, Mod.NONE, 0)
    assert asm.feed(arrow) == [Replay((arrow,))]
    a = KeyEvent("a", ord("A"), Mod.NONE, 100)
    assert asm.feed(a) == []  # held: could be the start of a scan
    bs = KeyEvent("\x08", 0x01000003, Mod.NONE, 105)  # Backspace right after: a person
    assert asm.feed(bs) == [Replay((a, bs))]
    assert not asm.holding


def test_short_fast_burst_with_enter_is_human() -> None:
    # two characters fast then Enter (e.g. a quick "ok"+Enter): not enough for a scan
    evs = key_events_for("ok", gap_ms=5)
    out = run(WedgeAssembler(), evs)
    assert scans(out) == []
    assert replayed(out) == evs


def test_gap_exactly_at_the_threshold_counts_as_scanner() -> None:
    cfg = WedgeConfig(max_gap_ms=20)
    assert scans(run(WedgeAssembler(cfg), key_events_for("ABCDE", gap_ms=20))) == ["ABCDE"]
    assert scans(run(WedgeAssembler(cfg), key_events_for("ABCDE", gap_ms=20.5))) == []


def test_poll_is_the_timestamp_driven_timeout() -> None:
    asm = WedgeAssembler()
    for ev in key_events_for("ABCDEF", suffix="none", gap_ms=5):
        assert asm.feed(ev) == []
    assert asm.poll(30) == []  # last press at 25 ms: not yet
    assert scans(asm.poll(56)) == ["ABCDEF"]
    assert not asm.holding


codes = st.text(alphabet=CSET82 + GS, min_size=4, max_size=60).filter(lambda s: s[0] != GS)


@settings(max_examples=150, deadline=None)
@given(code=codes, gap=st.floats(min_value=0.5, max_value=20), gs_as=st.sampled_from(["ctrl", "alt", "text"]))
def test_any_code_at_any_scanner_speed_is_one_scan(code: str, gap: float, gs_as: str) -> None:
    out = run(WedgeAssembler(WedgeConfig(max_gap_ms=25)), key_events_for(code, gap_ms=gap, gs_as=gs_as))  # type: ignore[arg-type]
    assert scans(out) == [code]
    assert replayed(out) == []


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=CSET82, min_size=1, max_size=30),
       gaps=st.lists(st.floats(min_value=31, max_value=2000), min_size=30, max_size=30))
def test_any_human_speed_is_replayed_in_order(text: str, gaps: list[float]) -> None:
    evs: list[KeyEvent] = []
    t = 0.0
    for ch, g in zip(text, gaps, strict=False):
        evs.append(KeyEvent(ch, ord(ch.upper()), Mod.NONE, t))
        t += g
    out = run(WedgeAssembler(WedgeConfig(max_gap_ms=30)), evs)
    assert scans(out) == []
    assert replayed(out) == evs


@settings(max_examples=150, deadline=None)
@given(before=st.text(alphabet="abcxyz", max_size=6), code=codes, after=st.text(alphabet="abcxyz", max_size=6),
       human_gap=st.floats(min_value=45, max_value=400), scan_gap=st.floats(min_value=1, max_value=20))
def test_typing_around_a_scan_loses_nothing_and_mixes_nothing(
        before: str, code: str, after: str, human_gap: float, scan_gap: float) -> None:
    h1 = human(before, gap=human_gap)
    start = (h1[-1].timestamp_ms if h1 else 0) + 200
    sc = key_events_for(code, start_ms=start, gap_ms=scan_gap)
    h2 = human(after, start=sc[-1].timestamp_ms + 200, gap=human_gap)
    out = run(WedgeAssembler(WedgeConfig(max_gap_ms=30)), h1 + sc + h2)
    assert scans(out) == [code]
    assert replayed(out) == h1 + h2
    scan = next(o for o in out if isinstance(o, Scan))
    # the scan's raw key record plus the replayed events are exactly the input, nothing lost
    # (the Enter release arrives after the scan ended and is swallowed with it)
    assert len(scan.event.raw_keys) + 1 + len(h1) + len(h2) == len(h1 + sc + h2)


@settings(max_examples=150, deadline=None)
@given(groups=st.lists(st.tuples(st.text(alphabet="asdfjkl", min_size=1, max_size=3),
                                 st.floats(min_value=0.5, max_value=30), st.floats(min_value=31, max_value=500)),
                       min_size=1, max_size=8))
def test_fast_rollover_of_up_to_three_keys_is_still_a_person(groups: list[tuple[str, float, float]]) -> None:
    # people hit 2-3 keys almost at once (rollover), but never min_burst (4) in a row under the gap
    evs: list[KeyEvent] = []
    t = 0.0
    for chars, fast, slow in groups:
        for ch in chars:
            evs.append(KeyEvent(ch, ord(ch.upper()), Mod.NONE, t))
            t += fast
        t += slow - fast
    out = run(WedgeAssembler(WedgeConfig(max_gap_ms=30, min_burst=4)), evs)
    assert scans(out) == []
    assert replayed(out) == evs


@settings(max_examples=100, deadline=None)
@given(code=codes, gaps=st.lists(st.floats(min_value=0.1, max_value=30), min_size=200, max_size=200))
def test_jittery_scanner_within_the_gap_is_one_scan(code: str, gaps: list[float]) -> None:
    evs = key_events_for(code, gap_ms=1)
    t = 0.0
    retimed = []
    for i, ev in enumerate(evs):
        if ev.press:
            t += gaps[i % len(gaps)]
        retimed.append(KeyEvent(ev.text, ev.key, ev.modifiers, t + (0.0 if ev.press else 0.05), ev.press))
    assert scans(run(WedgeAssembler(WedgeConfig(max_gap_ms=30)), retimed)) == [code]


def test_a_gap_of_exactly_max_gap_is_within_it_despite_float_rounding() -> None:
    """Found by hypothesis: presses 30 ms apart at float times (0.1 + 30 + 30 ... gives some
    differences a hair over 30) split a scan in two. A gap of max_gap_ms belongs to the scan."""
    code = "010415003752864321SER1234567"
    for start in (0.1, 0.3, 0.7, 17.3):
        evs = key_events_for(code, gap_ms=1)
        t = start
        retimed, presses = [], []
        for ev in evs:
            if ev.press:
                t += 30.0
                presses.append(t)
            retimed.append(KeyEvent(ev.text, ev.key, ev.modifiers, t + (0.0 if ev.press else 0.05), ev.press))
        assert any(b - a > 30.0 for a, b in itertools.pairwise(presses))  # rounding does happen
        assert scans(run(WedgeAssembler(WedgeConfig(max_gap_ms=30)), retimed)) == [code], start
