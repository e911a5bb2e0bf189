"""The NMVS codec's message templates (bench/hub.py: zeep took ~1 ms per request): every message
built from a template is byte for byte the message zeep builds itself from the same values, for
every kind of request the adapter sends and any text (XML specials, non-ASCII); text that is not
XML is refused the same way."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from dispense_app.core.model import HubRequestError
from dispense_app.hub.nmvs_codec import NmvsCodec

CODEC = NmvsCodec("v5")
V4 = NmvsCodec("v4")

# XML 1.0 characters (no surrogates, no C0 controls but tab/newline; CR is normalised by parsers, not by
# serialisers: both ways serialise it alike, so it stays in)
xml_char = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff")
xml_text = st.text(xml_char.filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20), min_size=1, max_size=20)


def header(v: dict[str, str]) -> dict[str, Any]:
    return {
        "Auth": {"ClientLoginId": v["login"], "UserId": v["user"], "Password": v["password"]},
        "UserSoftware": {"name": "dispense-app", "supplier": "dispense-app", "version": v["version"]},
        "Transaction": {"ClientTrxId": v["trx"], "Language": "eng"},
    }


def product(v: dict[str, str], batch: bool = True) -> dict[str, Any]:
    p: dict[str, Any] = {"ProductCode": {"_value_1": v["gtin"], "scheme": "GTIN"}}
    if batch:
        p["Batch"] = {"Id": v["lot"], "ExpDate": v["exp"]}
    return p


def messages(v: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    """One of each kind of request the adapter sends (nmvs_soap.py), with the values ``v``."""
    item = {"reqType": "G120", "Product": product(v), "Pack": {"sn": v["sn"]},
            "Transaction": {"ClientTrxId": v["trx"], "Language": "eng"}}  # fmt: skip
    undo = {**item, "reqType": "G121",
            "Transaction": {"ClientTrxId": v["trx"], "Language": "eng", "RefClientTrxId": v["ref"]}}  # fmt: skip
    manual = {**item, "reqType": "G122", "Product": product(v, batch=False)}
    h = header(v)
    undo_body = {"Product": product(v), "Pack": {"sn": v["sn"]}, "RefClientTrxId": v["ref"]}
    bulk_body = {"Product": product(v), "Packs": {"Pack": [{"sn": v["sn"]}, {"sn": v["ref"]}]}}
    mixed_body = {"TrxList": {"TrxItem": [{"Item": item}, {"ItemUndo": undo}, {"ItemMan": manual}]}}
    return [
        ("G110", {"Header": h, "Body": {"Product": product(v), "Pack": {"sn": v["sn"]}}}),
        ("G112", {"Header": h, "Body": {"Product": product(v, False), "Pack": {"sn": v["sn"]}}}),
        ("G121", {"Header": h, "Body": undo_body}),
        ("G125", {"Header": h, "Body": bulk_body}),
        ("G195", {"Header": h, "Body": mixed_body}),
        ("G188", {"Header": header(v), "Body": {"RefNMVSTrxId": v["ref"]}}),
        ("G445", {"Header": header(v), "Body": {"Password": v["password"], "NewPassword": v["sn"]}}),
        ("G482", {"Header": header(v), "Body": {}}),
        ("G483", {"Header": header(v), "Body": {"Version": v["version"]}}),
        ("SupportPing", {"Input": v["sn"]}),
    ]


KEYS = ("login", "user", "password", "version", "trx", "gtin", "lot", "exp", "sn", "ref")
PLAIN = dict(zip(KEYS, ("ORG1", "USER01", "pass-1234", "1.0", "a" * 32, "04150037528643", "L1", "311231",
                        "SN001", "b" * 32), strict=True))  # fmt: skip


def _zeep(codec: NmvsCodec, code: str, parts: dict[str, Any]) -> bytes:
    return bytes(etree.tostring(codec.zeep_envelope(code, **parts), encoding="utf-8", xml_declaration=False))


@pytest.mark.parametrize("codec", [CODEC, V4], ids=["v5", "v4"])
def test_every_request_kind_has_a_template_that_gives_zeeps_bytes(codec: NmvsCodec) -> None:
    for code, parts in messages(PLAIN):
        first = codec.build(code, **parts)[0]  # makes the template
        assert first == _zeep(codec, code, parts), code
    assert sum(t is not None for t in codec._templates.values()) == len(messages(PLAIN))
    other = {**PLAIN, "sn": "OTHER&<>\"'", "trx": "c" * 32}
    for code, parts in messages(other):
        assert codec.build(code, **parts)[0] == _zeep(codec, code, parts), code


@settings(max_examples=60, deadline=None)
@given(st.fixed_dictionaries({k: xml_text for k in KEYS}))
def test_templates_give_zeeps_bytes_for_any_text(values: dict[str, str]) -> None:
    for code, parts in messages(values):
        assert CODEC.build(code, **parts)[0] == _zeep(CODEC, code, parts), code


def test_text_that_is_not_xml_is_refused_either_way() -> None:
    CODEC.build("G110", **messages(PLAIN)[0][1])
    bad = {**PLAIN, "sn": "SN\x01"}
    code, parts = messages(bad)[0]
    with pytest.raises(HubRequestError, match="cannot build the NMVS G110 request"):
        CODEC.build(code, **parts)
    with pytest.raises(HubRequestError, match="cannot build the NMVS G110 request"):
        CODEC.zeep_envelope(code, **parts)


def test_values_that_are_not_text_go_through_zeep() -> None:
    """An empty value (or one that is not a string) is left to zeep, template or not."""
    code, parts = messages({**PLAIN, "lot": ""})[0]
    assert CODEC.build(code, **parts)[0] == _zeep(CODEC, code, parts)
