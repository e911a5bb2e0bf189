"""Keyboard layout maps: known collisions, and the decoder is the exact inverse of the simulation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.keyboard_layouts import CODE_ALPHABET, LAYOUTS, DecodeError, host_decoder, type_text


@pytest.mark.parametrize(
    ("host", "us", "typed"),
    [
        ("de", "]d2", "+d2"),
        ("de", "Zy-/", "Yzß-"),
        ("de", "=e+o", "éò"),  # dead acute / grave compose
        ("de", "=1", "´1"),  # ... or type the accent before a character they do not compose with
        ("de", "A=", "A´"),  # a dead key at the end: the accent alone
        ("fr", "]d2", "$dé"),
        ("fr", "am;Q1", "q,mA&"),
        ("it", "]d2'", "+d2à"),
        ("es", "'a\"u", "áü"),
        ("gb", '"A', "@A"),
        ("us", "Any-Thing/1", "Any-Thing/1"),
    ],
)
def test_known_collisions(host: str, us: str, typed: str) -> None:
    assert type_text(us, host) == typed
    assert host_decoder(host, False, CODE_ALPHABET + "]").decode(typed) == us


def test_caps_lock_inverts_letters_and_the_french_number_row() -> None:
    assert type_text("Ab1", "us", caps_lock=True) == "aB1"
    assert type_text("Ab1", "fr", caps_lock=True) == "qB1"  # Caps Lock on AZERTY types digits
    assert type_text("'", "de", caps_lock=True) == "Ä"


def test_a_character_the_scanner_cannot_have_typed_is_refused() -> None:
    with pytest.raises(DecodeError):
        host_decoder("de").decode("ab]c")  # "]" cannot come from a US scanner on a German host


@settings(max_examples=300, deadline=None)
@given(host=st.sampled_from(sorted(LAYOUTS)), caps=st.booleans(),
       text=st.text(alphabet=CODE_ALPHABET, max_size=40))
def test_decode_inverts_type_text(host: str, caps: bool, text: str) -> None:
    typed = type_text(text, host, caps_lock=caps)
    assert host_decoder(host, caps).decode(typed) == text
