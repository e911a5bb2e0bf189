"""What a US-layout keyboard-wedge scanner's keystrokes become on other host keyboard layouts.

A wedge scanner does not send characters, it sends key positions (scan codes) with or without
Shift, chosen from *its own* keyboard-country setting, which is US by default. The host turns the
positions back into characters with *its* layout. When the two differ, the text changes: on a
German (QWERTZ) host the US ``y`` key position types ``z``, the US ``]`` position types ``+`` (so
the AIM prefix ``]d2`` arrives as ``+d2``), ``-`` becomes ``ß`` and ``=`` hits the dead acute key
and merges with the next character (``=e`` arrives as ``é``).

This module holds the position maps of the hosts we support (``us``, ``de``, ``fr``, ``it``,
``es``, ``gb``, ``us-intl``; the Windows layouts of those names, plus ``de``/``es`` without dead
keys), a forward simulation (:func:`type_text`: what a US scanner types on a host) and the exact inverse
(:class:`HostDecoder`: the US characters behind what arrived). Positions are named as in XKB:
``TLDE`` (left of 1), ``AE01``..``AE12`` (number row), ``AD01``..``AD12`` (Q row), ``BKSL``
(the US backslash key = the ISO key beside Enter, same scan code), ``AC01``..``AC11`` (A row),
``AB01``..``AB10`` (Z row), ``SPCE``. See docs/scanners.md for the tables.

Dead keys follow Windows: a dead key followed by a character it composes with yields the composed
character (``´`` + ``e`` = ``é``); followed by anything else (another printable key, another dead
key) it yields the accent itself and then that key's character; followed by a non-printing key
(Enter, Tab, a control character) or the end of input it yields the accent alone. Caps Lock inverts
Shift on the keys listed per layout (letters everywhere; umlauts/ñ/ç where they are letters; the
number row on French AZERTY, where Caps Lock types the digits).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

# --- the US layout: character -> (position, shift) --------------------------------------------

_ROWS_US: dict[str, tuple[str, str]] = {
    "TLDE": ("`", "~"),
    "AE01": ("1", "!"), "AE02": ("2", "@"), "AE03": ("3", "#"), "AE04": ("4", "$"), "AE05": ("5", "%"),
    "AE06": ("6", "^"), "AE07": ("7", "&"), "AE08": ("8", "*"), "AE09": ("9", "("), "AE10": ("0", ")"),
    "AE11": ("-", "_"), "AE12": ("=", "+"),
    "AD11": ("[", "{"), "AD12": ("]", "}"), "BKSL": ("\\", "|"),
    "AC10": (";", ":"), "AC11": ("'", '"'),
    "AB08": (",", "<"), "AB09": (".", ">"), "AB10": ("/", "?"),
    "SPCE": (" ", " "),
}
_LETTER_ROWS_US = {"AD": "qwertyuiop", "AC": "asdfghjkl", "AB": "zxcvbnm"}


def _with_letters(keys: dict[str, tuple[str, str]], rows: dict[str, str]) -> dict[str, tuple[str, str]]:
    out = dict(keys)
    for row, letters in rows.items():
        for i, ch in enumerate(letters, start=1):
            out[f"{row}{i:02d}"] = (ch, ch.upper())
    return out


US_KEYS: dict[str, tuple[str, str]] = _with_letters(_ROWS_US, _LETTER_ROWS_US)

#: The keystroke a US-layout scanner sends for each printable ASCII character.
US_KEYSTROKE: dict[str, tuple[str, bool]] = {}
for _pos, (_lo, _hi) in US_KEYS.items():
    US_KEYSTROKE.setdefault(_lo, (_pos, False))
    US_KEYSTROKE.setdefault(_hi, (_pos, True))

# --- dead-key compositions (Windows tables, restricted to what a scanner can reach) -------------

_COMPOSE: dict[str, dict[str, str]] = {
    "´": dict(zip("aeiouyAEIOUY", "áéíóúýÁÉÍÓÚÝ", strict=True)),
    "`": dict(zip("aeiouAEIOU", "àèìòùÀÈÌÒÙ", strict=True)),
    "^": dict(zip("aeiouAEIOU", "âêîôûÂÊÎÔÛ", strict=True)),
    "¨": dict(zip("aeiouyAEIOU", "äëïöüÿÄËÏÖÜ", strict=True)),
    # US-International: the apostrophe, quote and tilde keys are dead keys themselves
    "'": dict(zip("aeiouycAEIOUYC", "áéíóúýçÁÉÍÓÚÝÇ", strict=True)),
    '"': dict(zip("aeiouyAEIOU", "äëïöüÿÄËÏÖÜ", strict=True)),
    "~": dict(zip("aonAON", "ãõñÃÕÑ", strict=True)),
}


@dataclass(frozen=True)
class Key:
    """What one key position produces on a host: unshifted and shifted output.

    An output of ``None`` means the combination types nothing; ``dead_lo``/``dead_hi`` mark dead
    keys (the output is then the accent they carry).
    """

    lo: str | None
    hi: str | None
    dead_lo: bool = False
    dead_hi: bool = False


@dataclass(frozen=True)
class HostLayout:
    name: str
    title: str
    keys: dict[str, Key]
    caps_keys: frozenset[str] = field(default_factory=frozenset)

    @property
    def ctrl_bracket_text(self) -> str:
        """What a text-only channel may get when a US scanner sends Ctrl+] (Ctrl + the ``AD12``
        key) and the host does not turn that into the GS control character: the key's own
        character (``+`` on German, Italian and Spanish hosts, ``$`` on French ones)."""
        return self.keys["AD12"].lo or ""


def _layout(name: str, title: str, spec: dict[str, str], letters: dict[str, str], caps_extra: Iterable[str] = (),
            ) -> HostLayout:
    """Build a layout from a compact spec: ``"ab"`` = unshifted a, shifted b; a ``†`` after a
    character marks it dead; ``_`` (alone) = nothing."""
    keys: dict[str, Key] = {}
    for pos, s in spec.items():
        parts: list[tuple[str | None, bool]] = []
        i = 0
        while i < len(s):
            ch = s[i]
            dead = i + 1 < len(s) and s[i + 1] == "†"
            parts.append((None if ch == "\0" else ch, dead))
            i += 2 if dead else 1
        (lo, dlo), (hi, dhi) = parts
        keys[pos] = Key(lo, hi, dlo, dhi)
    caps = set()
    for row, chars in letters.items():
        for i, ch in enumerate(chars, start=1):
            keys[f"{row}{i:02d}"] = Key(ch, ch.upper())
            caps.add(f"{row}{i:02d}")
    caps.update(caps_extra)
    keys["SPCE"] = Key(" ", " ")
    return HostLayout(name, title, keys, frozenset(caps))


_N = "\0"  # "types nothing"

LAYOUTS: dict[str, HostLayout] = {
    "us": _layout("us", "US (QWERTY)", {k: lo + hi for k, (lo, hi) in _ROWS_US.items() if k != "SPCE"},
                  _LETTER_ROWS_US),
    "gb": _layout("gb", "United Kingdom (QWERTY)", {
        "TLDE": "`¬", "AE01": "1!", "AE02": '2"', "AE03": "3£", "AE04": "4$", "AE05": "5%", "AE06": "6^",
        "AE07": "7&", "AE08": "8*", "AE09": "9(", "AE10": "0)", "AE11": "-_", "AE12": "=+",
        "AD11": "[{", "AD12": "]}", "BKSL": "#~", "AC10": ";:", "AC11": "'@",
        "AB08": ",<", "AB09": ".>", "AB10": "/?"}, _LETTER_ROWS_US),
    "de": _layout("de", "German (QWERTZ)", {
        "TLDE": "^†°", "AE01": "1!", "AE02": '2"', "AE03": "3§", "AE04": "4$", "AE05": "5%", "AE06": "6&",
        "AE07": "7/", "AE08": "8(", "AE09": "9)", "AE10": "0=", "AE11": "ß?", "AE12": "´†`†",
        "AD11": "üÜ", "AD12": "+*", "BKSL": "#'", "AC10": "öÖ", "AC11": "äÄ",
        "AB08": ",;", "AB09": ".:", "AB10": "-_"},
        {"AD": "qwertzuiop", "AC": "asdfghjkl", "AB": "yxcvbnm"}, caps_extra=("AD11", "AC10", "AC11")),
    "fr": _layout("fr", "French (AZERTY)", {
        "TLDE": "²" + _N, "AE01": "&1", "AE02": "é2", "AE03": '"3', "AE04": "'4", "AE05": "(5", "AE06": "-6",
        "AE07": "è7", "AE08": "_8", "AE09": "ç9", "AE10": "à0", "AE11": ")°", "AE12": "=+",
        "AD11": "^†¨†", "AD12": "$£", "BKSL": "*µ", "AC11": "ù%",
        "AB07": ",?", "AB08": ";.", "AB09": ":/", "AB10": "!§"},
        {"AD": "azertyuiop", "AC": "qsdfghjklm", "AB": "wxcvbn"},
        caps_extra=tuple(f"AE{i:02d}" for i in range(1, 11))),
    "it": _layout("it", "Italian (QWERTY)", {
        "TLDE": "\\|", "AE01": "1!", "AE02": '2"', "AE03": "3£", "AE04": "4$", "AE05": "5%", "AE06": "6&",
        "AE07": "7/", "AE08": "8(", "AE09": "9)", "AE10": "0=", "AE11": "'?", "AE12": "ì^",
        "AD11": "èé", "AD12": "+*", "BKSL": "ù§", "AC10": "òç", "AC11": "à°",
        "AB08": ",;", "AB09": ".:", "AB10": "-_"}, _LETTER_ROWS_US),
    "es": _layout("es", "Spanish (QWERTY)", {
        "TLDE": "ºª", "AE01": "1!", "AE02": '2"', "AE03": "3·", "AE04": "4$", "AE05": "5%", "AE06": "6&",
        "AE07": "7/", "AE08": "8(", "AE09": "9)", "AE10": "0=", "AE11": "'?", "AE12": "¡¿",
        "AD11": "`†^†", "AD12": "+*", "BKSL": "çÇ", "AC10": "ñÑ", "AC11": "´†¨†",
        "AB08": ",;", "AB09": ".:", "AB10": "-_"}, _LETTER_ROWS_US, caps_extra=("AC10", "BKSL")),
}

def _without_dead_keys(base: HostLayout) -> HostLayout:
    """The "no dead keys" variant of a layout (Linux ``nodeadkeys``, or a host where a scanner's
    accent keys arrive as plain accents): same characters, nothing composes."""
    keys = {pos: Key(k.lo, k.hi) for pos, k in base.keys.items()}
    return HostLayout(f"{base.name}-nodeadkeys", f"{base.title}, no dead keys", keys, base.caps_keys)


def _us_international() -> HostLayout:
    """US-International (common in the Netherlands): US positions, but ' " ` ~ ^ are dead keys."""
    base = LAYOUTS["us"]
    keys = dict(base.keys)
    keys["AC11"] = Key("'", '"', dead_lo=True, dead_hi=True)
    keys["TLDE"] = Key("`", "~", dead_lo=True, dead_hi=True)
    keys["AE06"] = Key("6", "^", dead_hi=True)
    return HostLayout("us-intl", "US-International", keys, base.caps_keys)


LAYOUTS["us-intl"] = _us_international()
LAYOUTS["de-nodeadkeys"] = _without_dead_keys(LAYOUTS["de"])
LAYOUTS["es-nodeadkeys"] = _without_dead_keys(LAYOUTS["es"])

HOST_NAMES: dict[str, str] = {
    "us-intl": "US-International",
    "de-nodeadkeys": "German", "es-nodeadkeys": "Spanish",
    "us": "US", "gb": "United Kingdom", "de": "German", "fr": "French", "it": "Italian", "es": "Spanish",
}

#: The characters a pack code can hold: CSET 82 plus "[" (the ISO 15434 header "[)>").
CSET82 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!\"%&'()*+,-./:;<=>?_"
CODE_ALPHABET = CSET82 + "["


def get_layout(name: str) -> HostLayout:
    try:
        return LAYOUTS[name]
    except KeyError:
        raise ValueError(f"unknown host keyboard layout {name!r} (known: {', '.join(LAYOUTS)})") from None


def _key_output(layout: HostLayout, ch: str, caps_lock: bool) -> tuple[str | None, bool]:
    """(output, is_dead) for one US character typed on the host."""
    pos, shift = US_KEYSTROKE[ch]
    key = layout.keys.get(pos)
    if key is None:
        return None, False
    if caps_lock and pos in layout.caps_keys:
        shift = not shift
    return (key.hi, key.dead_hi) if shift else (key.lo, key.dead_lo)


def type_text(text: str, host: str, *, caps_lock: bool = False) -> str:
    """What a US-layout wedge scanner typing ``text`` produces on ``host``.

    Characters outside printable ASCII (GS, RS, EOT, ...) are not keystrokes of this map: they
    are passed through unchanged, and they end a pending dead key (the accent is typed alone).
    """
    layout = get_layout(host)
    out: list[str] = []
    pending: str | None = None
    for ch in text:
        if ch not in US_KEYSTROKE:
            if pending is not None:
                out.append(pending)
                pending = None
            out.append(ch)
            continue
        produced, dead = _key_output(layout, ch, caps_lock)
        if produced is None:
            if pending is not None:
                out.append(pending)
                pending = None
            continue
        if pending is not None:
            composed = _COMPOSE.get(pending, {}).get(produced) if not dead else None
            if composed is not None:
                out.append(composed)
            else:
                out.append(pending + produced)
            pending = None
            continue
        if dead:
            pending = produced
        else:
            out.append(produced)
    if pending is not None:
        out.append(pending)
    return "".join(out)


class DecodeError(ValueError):
    """The text cannot have been typed by the profiled scanner (or can be read in several ways)."""

    def __init__(self, message: str, *, position: int | None = None, ambiguous: bool = False):
        super().__init__(message)
        self.position = position
        self.ambiguous = ambiguous


@dataclass(frozen=True)
class HostDecoder:
    """The exact inverse of :func:`type_text` over :data:`CODE_ALPHABET` for one host and Caps
    Lock state.

    :func:`type_text` output is a concatenation of tokens: a non-dead key's character, a dead key
    with the key after it (one composed character, or the accent then that key's character), and
    a dead key at the end of a segment (the accent alone). Decoding splits the text back into those
    tokens; it yields the one US string that types the text, or raises :class:`DecodeError` (no
    reading, or several).
    """

    host: str
    caps_lock: bool
    tokens: dict[str, tuple[str, ...]]  # host output -> the US characters that type it
    final_tokens: dict[str, tuple[str, ...]]  # valid only at the end of a segment (a lone accent)

    def decode(self, segment: str) -> str:
        n = len(segment)
        # ways[i]: the decodings of segment[i:], capped at 2 (we only need to know "several")
        ways: list[list[str]] = [[] for _ in range(n + 1)]
        ways[n] = [""]
        for i in range(n - 1, -1, -1):
            found: list[str] = []
            for length in (1, 2):
                if i + length > n:
                    break
                piece = segment[i:i + length]
                options = self.tokens.get(piece, ())
                if i + length == n:
                    options = options + self.final_tokens.get(piece, ())
                for us in options:
                    for rest in ways[i + length]:
                        if us + rest not in found:
                            found.append(us + rest)
            ways[i] = found[:2]
        if not ways[0]:
            known = "".join((*self.tokens, *self.final_tokens))
            pos = next((i for i, ch in enumerate(segment) if ch not in known), 0)
            raise DecodeError(f"{segment[pos]!r} at position {pos} cannot come from this scanner "
                              f"(US scanner on a {HOST_NAMES[self.host]} host"
                              f"{', Caps Lock on' if self.caps_lock else ''})", position=pos)
        if len(ways[0]) > 1:
            raise DecodeError(f"{segment!r} can be read in more than one way", ambiguous=True)
        return ways[0][0]

    def produces(self, text: str) -> bool:
        """True if ``text`` can occur inside typed data (used to tell a GS substitute apart)."""
        return any(text in out for out in (*self.tokens, *self.final_tokens))


@lru_cache(maxsize=64)
def host_decoder(host: str, caps_lock: bool = False, alphabet: str = CODE_ALPHABET) -> HostDecoder:
    """Build the inverse table for a US scanner on ``host``."""
    layout = get_layout(host)
    tokens: dict[str, tuple[str, ...]] = {}
    final: dict[str, tuple[str, ...]] = {}

    def put(table: dict[str, tuple[str, ...]], out: str, us: str) -> None:
        if us not in table.get(out, ()):
            table[out] = (*table.get(out, ()), us)

    for a in alphabet:
        produced, dead = _key_output(layout, a, caps_lock)
        if produced is None:
            continue  # this key types nothing on the host: it cannot be recovered
        if not dead:
            put(tokens, produced, a)
            continue
        put(final, produced, a)
        for b in alphabet:
            pair = type_text(a + b, host, caps_lock=caps_lock)
            if pair:
                put(tokens, pair, a + b)
    return HostDecoder(host, caps_lock, tokens, final)


_CONTROLS = {"\x1d": "GS", "\x1e": "RS", "\x04": "EOT"}
_ALT_TEXT = {"\x1d": "0029", "\x1e": "030", "\x04": "004"}


def scanner_types(data: str, host: str, *, caps_lock: bool = False, control: str = "real",
                  substitute: str = "~", aim: str | None = None) -> str:
    """What a US-layout keyboard-wedge scanner with these settings types for ``data`` on ``host``,
    as a text-only channel (stdin, a plain text field) receives it. Used by tests, the benchmark
    and docs; the calibration never uses it (it matches patterns built from :func:`type_text`).

    ``control`` says how GS, RS and EOT are sent: ``real`` (the host delivers the control character),
    ``alt`` (Alt+numpad; the text channel sees the digits: ``0029``, ``030``, ``004``), ``ctrl``
    (Ctrl+key; on hosts whose ``]`` key position types another character, GS arrives as that
    character), ``substitute`` (GS replaced by ``substitute``, typed through the layout like data;
    RS and EOT real) or ``dropped``. ``aim`` is the AIM prefix the scanner puts in front, if any.
    """
    layout = get_layout(host)
    out: list[str] = []
    segment = (aim or "")
    for ch in data:
        if ch not in _CONTROLS:
            segment += ch
            continue
        out.append(type_text(segment, host, caps_lock=caps_lock))
        segment = ""
        if control == "real":
            out.append(ch)
        elif control == "alt":
            out.append(_ALT_TEXT[ch])
        elif control == "ctrl":
            out.append(layout.ctrl_bracket_text if ch == "\x1d" and layout.keys["AD12"].lo != "]" else ch)
        elif control == "substitute":
            out.append(type_text(substitute, host, caps_lock=caps_lock) if ch == "\x1d" else ch)
        elif control != "dropped":
            raise ValueError(f"unknown control form {control!r}")
    out.append(type_text(segment, host, caps_lock=caps_lock))
    return "".join(out)
