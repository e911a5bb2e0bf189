"""Labels: every code printed in the PDF decodes back byte-exact, with both backends.

No PDF renderer (poppler) is needed: the PDF's own drawing operations are read back with pypdf and
the filled black rectangles (the modules) are painted into an image, which is then decoded. So the
test checks what is really in the file, geometry included.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from scanner.decoding import decode
from scanner.labels import (
    LabelError,
    LabelPack,
    code_image,
    encode_pack,
    encode_payload,
    gs1_payload,
    ifa_payload,
    ppn_from_pzn,
    render_labels_pdf,
    render_test_sheet_pdf,
)

PT_PER_MM = 72 / 25.4

PACKS_CSV = """gtin,serial,lot,expiry,state,product_name,strength,form,pack_size,pzn
04150123456782,ABCDEFGHJK12,LOT2401,2027-11-30,Active,Ibuprofen AL,400 mg,tablets,20,
09501101530003,s3r(i)al+1,B-17/x,2026-01-31,Recalled,Amox \u00c4rzte \u2013 long,500 mg,capsules,12,03752864
05415062310021,00000000000000000001,A,2030-12-31,Active,,,,,
"""


def rasterise_pdf(path: Path, *, px_per_mm: float = 8.0) -> list[np.ndarray]:
    """Paint each page's black filled rectangles (``x y w h re`` + ``f``) into a white image."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    from scanner.decoding.filters import convolve_separable

    reader = PdfReader(str(path))
    pages = []
    for page in reader.pages:
        width_pt, height_pt = float(page.mediabox.width), float(page.mediabox.height)
        scale = px_per_mm / PT_PER_MM
        img = np.full((round(height_pt * scale), round(width_pt * scale)), 255, np.uint8)
        fill_black = True
        saved: list[bool] = []
        pending: list[tuple[float, float, float, float]] = []
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                saved.append(fill_black)
            elif op == b"Q":
                fill_black = saved.pop()
            elif op == b"rg":
                fill_black = all(float(v) == 0 for v in operands)
            elif op == b"g":
                fill_black = float(operands[0]) == 0
            elif op == b"re":
                pending.append(tuple(float(v) for v in operands))  # type: ignore[arg-type]
            elif op in (b"f", b"F", b"f*"):
                if fill_black:
                    for x, y, w, h in pending:
                        x0, x1 = sorted((x, x + w))
                        y0, y1 = sorted((y, y + h))
                        c0, c1 = round(x0 * scale), round(x1 * scale)
                        r0, r1 = round((height_pt - y1) * scale), round((height_pt - y0) * scale)
                        img[r0:r1, c0:c1] = 0
                pending = []
            elif op in (b"S", b"s", b"n", b"B", b"b"):
                pending = []
        pages.append(convolve_separable(img, (64, 128, 64)))  # a little print blur (OpenCV's 3x3 Gaussian)
    return pages


def decode_all(page: np.ndarray, expected: int) -> list[bytes]:
    """Decode every code on a page (multi-code reading)."""
    found = decode(page, multi=True)
    assert len(found) == expected, [d.raw for d in found]
    return [d.raw for d in found]


def pack(**kw: object) -> LabelPack:
    base: dict[str, object] = {"gtin": "04150123456782", "serial": "ABC123", "lot": "L1"}
    base["expiry"] = dt.date(2027, 11, 30)
    base.update(kw)
    return LabelPack(**base)  # type: ignore[arg-type]


def test_gs1_payload_orders_fixed_fields_first_and_separates_variable_ones() -> None:
    p = pack(serial="SER(1)", lot="LOT/9")
    assert gs1_payload(p) == b"01041501234567821727113010LOT/9\x1d21SER(1)"
    # a PZN that is not the NTIN's own goes in as NHRN 710
    q = pack(gtin="09501101530003", pzn="03752864")
    assert gs1_payload(q).endswith(b"\x1d71003752864")
    assert b"710" not in gs1_payload(pack(pzn="12345678"))


def test_ppn_and_ifa_payload_follow_domain_example() -> None:
    assert ppn_from_pzn("03752864") == "110375286414"  # DOMAIN.md section 3
    p = pack(pzn="03752864", lot="B1", serial="S9")
    assert ifa_payload(p) == b"[)>\x1e06\x1d9N110375286414\x1d1TB1\x1dD271130\x1dSS9\x1e\x04"
    with pytest.raises(LabelError):
        ifa_payload(pack(gtin="09501101530003"))


@pytest.mark.parametrize(
    "bad",
    [
        {"gtin": "123"},
        {"serial": ""},
        {"serial": "A" * 21},
        {"lot": "bad lot"},  # space is not in set 82
        {"serial": "ab\x1dcd"},
        {"pzn": "12ab5678"},
    ],
)
def test_bad_pack_fields_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(LabelError):
        encode_pack(pack(**bad))


@pytest.mark.parametrize("backend", ["zxing", "dmtx"])
@pytest.mark.parametrize("fmt", ["gs1", "ifa"])
def test_encoded_pack_codes_decode_byte_exact(backend: str, fmt: str) -> None:
    p = pack(serial="ABCDEFGHJKLM2345", lot="LOTABCDEFG", pzn="12345678")
    code = encode_pack(p, fmt)  # type: ignore[arg-type]
    found = decode(code_image(code, module_px=6), backend=backend, timeout_ms=2000)  # type: ignore[arg-type]
    assert [d.raw for d in found] == [code.payload]
    assert found[0].gs1 is (fmt == "gs1")
    assert found[0].symbology == ("]d2" if fmt == "gs1" else "]d1")


def test_labels_pdf_codes_decode_back_byte_exact(tmp_path: Path) -> None:
    packs = [
        pack(serial=f"SN{i:04d}XYZ", lot=f"LOT{i}", product_name="Ibuprofen AL", strength="400 mg") for i in range(16)
    ]
    packs.append(pack(gtin="09501101530003", serial="s3r(i)al+1", lot="B-17/x", pzn="03752864"))
    out = tmp_path / "labels.pdf"
    codes = render_labels_pdf(packs, out, module_mm=0.5)
    assert [c.payload for c in codes] == [gs1_payload(p) for p in packs]
    pages = rasterise_pdf(out)
    assert len(pages) == 2  # 14 labels per A4 page
    read = decode_all(pages[0], 14) + decode_all(pages[1], 3)
    assert sorted(read) == sorted(c.payload for c in codes)

    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "SN: SN0000XYZ" in text and "PC: 04150123456782" in text and "NHRN (710): 03752864" in text


def test_ifa_labels_pdf(tmp_path: Path) -> None:
    packs = [pack(pzn="03752864", serial="S1"), pack(gtin="09501101530003", serial="S2")]  # the second has no PZN
    out = tmp_path / "ifa.pdf"
    render_labels_pdf(packs, out, fmt="ifa")
    (page,) = rasterise_pdf(out)
    assert sorted(decode_all(page, 2)) == sorted([ifa_payload(packs[0]), gs1_payload(packs[1])])


def test_module_size_is_checked(tmp_path: Path) -> None:
    with pytest.raises(LabelError):
        render_labels_pdf([pack()], tmp_path / "x.pdf", module_mm=0.1)
    with pytest.raises(LabelError):  # 2 mm modules do not fit a 39 mm label
        render_labels_pdf([pack(serial="S" * 20, lot="L" * 20, pzn="03752864")], tmp_path / "x.pdf", module_mm=2.0)


def test_scanner_test_sheet_codes_decode_back(tmp_path: Path) -> None:
    from scanner.calibration import test_sheet_codes

    sheet = test_sheet_codes()
    out = tmp_path / "sheet.pdf"
    codes = render_test_sheet_pdf(sheet, out)
    assert [(c.payload, c.gs1) for c in codes] == [(payload, gs1) for _, payload, gs1 in sheet]
    pages = rasterise_pdf(out)
    read = [raw for page in pages for raw in decode(page, multi=True)]
    assert sorted(d.raw for d in read) == sorted(payload for _, payload, _ in sheet)
    for d in read:
        assert d.gs1 == dict((p, g) for _, p, g in sheet)[d.raw]


def test_encode_payload_refuses_what_it_cannot_encode_exactly() -> None:
    with pytest.raises(LabelError):
        encode_payload(b"", gs1=False)
    with pytest.raises(LabelError):
        encode_payload("caf\u00e9".encode(), gs1=False)
    with pytest.raises(LabelError):
        encode_payload(b"hello", gs1=True)  # not an element string


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dispense_app", *args], capture_output=True, text=True, timeout=120)


def test_cli_labels_from_packs_csv(tmp_path: Path) -> None:
    csv_path = tmp_path / "packs.csv"
    csv_path.write_text(PACKS_CSV, encoding="utf-8")
    out = tmp_path / "labels.pdf"
    res = _cli("labels", "--packs", str(csv_path), "-o", str(out), "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["labels"] == 3
    assert doc["codes"][1]["text"] == "01095011015300031726013110B-17/x\x1d21s3r(i)al+1\x1d71003752864"
    (page,) = rasterise_pdf(out)
    assert sorted(decode_all(page, 3)) == sorted(c["text"].encode() for c in doc["codes"])


def test_cli_labels_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("gtin,serial,lot,expiry\n04150123456781,S,L,2027-01-01\n", encoding="utf-8")
    res = _cli("labels", "--packs", str(bad), "-o", str(tmp_path / "o.pdf"))
    assert res.returncode == 2 and "gtin" in res.stderr
    assert not (tmp_path / "o.pdf").exists()
    assert _cli("labels", "--packs", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "o.pdf")).returncode == 2
    assert _cli("labels", "-o", str(tmp_path / "o.pdf")).returncode == 2  # neither --packs nor --scanner-test


def test_cli_scanner_test_sheet(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    res = _cli("labels", "--scanner-test", "-o", str(out), "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    from pypdf import PdfReader

    text = PdfReader(str(out)).pages[0].extract_text()
    assert "dispense-app calibrate --stdin" in text
    assert doc["codes"][0]["name"] in text


def test_label_title_does_not_repeat_the_strength() -> None:
    from scanner.labels import label_lines

    p = pack(product_name="Ibuprofen Demo 400 mg", strength="400 mg", form="film-coated tablet", pack_size="20")
    assert label_lines(p, "gs1")[0] == "Ibuprofen Demo 400 mg film-coated tablet pack of 20"
    assert label_lines(pack(), "gs1")[0] == "Demo pack"
    assert label_lines(pack(strength="5 mg", pack_size="N1"), "gs1")[0] == "5 mg N1"


def test_demo_labels_csv_prints_and_reads_back(tmp_path: Path) -> None:
    demo = Path(__file__).resolve().parents[1] / "resources" / "demo" / "labels.csv"
    if not demo.is_file():
        pytest.skip("no demo labels.csv")
    out = tmp_path / "demo.pdf"
    res = _cli("labels", "--packs", str(demo), "-o", str(out), "--json")
    assert res.returncode == 0, res.stderr
    expected = sorted(c["text"].encode() for c in json.loads(res.stdout)["codes"])
    read = sorted(d.raw for page in rasterise_pdf(out, px_per_mm=6) for d in decode(page, multi=True))
    assert read == expected
