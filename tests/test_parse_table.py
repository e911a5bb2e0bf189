"""The generated GS1 AI table: faithful to the Syntax Dictionary and to DOMAIN.md's prefix rule."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from scanner import ai_table
from scanner.ai_table import AI_LENGTH_BY_PREFIX, AI_TABLE

REPO = Path(__file__).resolve().parents[1]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_ai_table", REPO / "tools" / "gen_ai_table.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_table_is_what_the_generator_makes(shared_data: Path) -> None:
    gen = _generator()
    produced = gen.generate(shared_data / "gs1" / "gs1-syntax-dictionary.txt")
    assert produced == (REPO / "scanner" / "ai_table.py").read_text(encoding="utf-8"), (
        "scanner/ai_table.py is stale: run .venv/bin/python tools/gen_ai_table.py"
    )


def test_licence_notice_and_release_are_kept() -> None:
    text = (REPO / "scanner" / "ai_table.py").read_text(encoding="utf-8")
    assert "Licensed under the Apache License, Version 2.0" in text
    assert "GS1 AISBL" in text
    assert "# Dictionary release: " + ai_table.RELEASE in text
    licence = (REPO / "scanner" / "LICENSE-gs1-syntax-dictionary.txt").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0" in licence


def test_ranges_are_expanded_and_the_table_is_complete() -> None:
    assert len(AI_TABLE) > 500
    for ai in ("3100", "3105", "3695", "91", "99", "7030", "7039", "7230", "7239", "3900", "3909"):
        assert ai in AI_TABLE
    assert "3106" not in AI_TABLE  # 3100-3105 only


@pytest.mark.parametrize(
    ("ai", "predefined", "min_len", "max_len", "title"),
    [
        ("00", True, 18, 18, "SSCC"),
        ("01", True, 14, 14, "GTIN"),
        ("10", False, 1, 20, "BATCH/LOT"),
        ("11", True, 6, 6, "PROD DATE"),
        ("17", True, 6, 6, "USE BY or EXPIRY"),
        ("21", False, 1, 20, "SERIAL"),
        ("240", False, 1, 30, "ADDITIONAL ID"),
        ("30", False, 1, 8, "VAR. COUNT"),
        ("710", False, 1, 20, "NHRN PZN"),
        ("714", False, 1, 20, "NHRN AIM"),
        ("715", False, 1, 20, "NHRN NDC"),
        ("716", False, 1, 20, "NHRN AIC"),
        ("7003", False, 10, 10, "EXPIRY TIME"),
        ("8030", False, 1, 90, "DIGSIG"),
    ],
)
def test_pharma_and_common_ais(ai: str, predefined: bool, min_len: int, max_len: int, title: str) -> None:
    spec = AI_TABLE[ai]
    assert (spec.predefined, spec.min_len, spec.max_len, spec.title) == (predefined, min_len, max_len, title)


def test_components_linters_and_associations() -> None:
    gtin = AI_TABLE["01"]
    assert gtin.components[0].cset == "N" and "csum" in gtin.components[0].linters
    assert AI_TABLE["17"].components[0].linters == ("yymmd0",)
    assert AI_TABLE["7003"].components[1].linters == ("hhmi",)
    assert AI_TABLE["21"].req == ((("01",), ("03",), ("8006",)),)
    assert AI_TABLE["250"].req == ((("01",), ("8006",)), (("21",),))  # two req= keys: both apply
    assert AI_TABLE["8030"].components[0].cset == "Z"
    assert AI_TABLE["423"].components[1].optional
    assert AI_TABLE["01"].dlpkey and "255" in AI_TABLE["01"].ex


# DOMAIN.md: predefined-length AIs are those whose first two digits are 00-04, 11-20, 31-36, 41.
DOMAIN_PREDEFINED_PREFIXES = {f"{n:02d}" for n in [*range(0, 5), *range(11, 21), *range(31, 37), 41]}


def test_domain_prefix_rule_agrees_with_the_dictionary_flags() -> None:
    for ai, spec in AI_TABLE.items():
        assert spec.predefined == (ai[:2] in DOMAIN_PREDEFINED_PREFIXES), ai


def test_ai_length_is_fixed_by_the_first_two_digits() -> None:
    for ai in AI_TABLE:
        assert AI_LENGTH_BY_PREFIX[ai[:2]] == len(ai)
    assert AI_LENGTH_BY_PREFIX["71"] == 3 and AI_LENGTH_BY_PREFIX["70"] == 4 and AI_LENGTH_BY_PREFIX["23"] == 3


def test_generator_rejects_what_it_does_not_understand() -> None:
    gen = _generator()
    with pytest.raises(ValueError, match="unknown attribute"):
        gen.parse_dictionary("01  *  N14,csum  frob=1  # X\n")
    with pytest.raises(ValueError, match="prefix"):
        gen.prefix_lengths([{"ai": "71"}, {"ai": "710"}])
