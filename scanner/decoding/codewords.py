"""A walk over a DataMatrix ECC200 symbol's data codewords (ISO/IEC 16022 section 5.2), to check libdmtx.

libdmtx decodes the codewords itself, with gaps that corrupt data silently: it skips ECI
designators (so the ECI number comes out as text: ECI 899 reads as ``01\\n``) and ignores structured
append. This walker follows the encodation modes just far enough to see which control codewords the
symbol uses, so the dmtx backend can refuse what libdmtx would get wrong and report the AIM
symbology identifier (``]d2`` when FNC1 comes first: GS1).
"""

from __future__ import annotations

from dataclasses import dataclass

PAD = 129
LATCH_C40 = 230
LATCH_BASE256 = 231
FNC1 = 232
STRUCTURED_APPEND = 233
READER_PROGRAMMING = 234
UPPER_SHIFT = 235
MACRO_05 = 236
MACRO_06 = 237
LATCH_X12 = 238
LATCH_TEXT = 239
LATCH_EDIFACT = 240
ECI = 241
UNLATCH = 254


@dataclass(frozen=True, slots=True)
class CodewordInfo:
    fnc1_first: bool = False  # GS1 DataMatrix (AIM ]d2)
    fnc1_second: bool = False  # AIM ]d3 (an AIM-assigned application)
    macro: int | None = None  # 5 or 6: ISO/IEC 15434 envelope macro
    eci: bool = False
    structured_append: bool = False
    reader_programming: bool = False
    invalid: bool = False  # a codeword that is not allowed where it stands

    @property
    def libdmtx_safe(self) -> bool:
        """True when libdmtx's own data decoding is known to give the symbol's content byte-exact."""
        return not (self.eci or self.structured_append or self.invalid)


def _unrandomize_255(value: int, position: int) -> int:
    pseudo = ((149 * position) % 255) + 1
    out = value - pseudo
    return out if out >= 0 else out + 256


def inspect(data: bytes) -> CodewordInfo:
    """Inspect the data codewords (error-correction codewords excluded)."""
    n = len(data)
    i = 0
    mode = "ascii"
    fnc1_first = fnc1_second = eci = sa = rp = invalid = False
    macro: int | None = None
    while i < n:
        if mode == "ascii":
            cw = data[i]
            if cw == PAD:
                break
            if cw == 0 or cw > ECI:
                invalid = True
                break
            if cw == FNC1:
                if i == 0:
                    fnc1_first = True
                elif i == 1:
                    fnc1_second = True
            elif cw in (MACRO_05, MACRO_06):
                if i != 0:
                    invalid = True
                    break
                macro = 5 if cw == MACRO_05 else 6
            elif cw == STRUCTURED_APPEND:
                sa = True
                i += 3
            elif cw == READER_PROGRAMMING:
                rp = True
            elif cw == UPPER_SHIFT:
                i += 1
            elif cw == ECI:
                eci = True
                i += 1
                if i < n and data[i] >= 128:
                    i += 1 if data[i] <= 191 else 2
            elif cw in (LATCH_C40, LATCH_TEXT, LATCH_X12):
                mode = "triplet"
            elif cw == LATCH_EDIFACT:
                mode = "edifact"
            elif cw == LATCH_BASE256:
                mode = "base256"
            i += 1
        elif mode == "triplet":
            if data[i] == UNLATCH:
                mode = "ascii"
                i += 1
            elif n - i < 2:  # a lone codeword at the end of the symbol is ASCII
                mode = "ascii"
            else:
                i += 2
        elif mode == "edifact":
            if n - i < 3:  # up to two codewords at the end are ASCII without an unlatch
                mode = "ascii"
                continue
            bits = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]
            values = [(bits >> shift) & 0x3F for shift in (18, 12, 6, 0)]
            if 0x1F in values:
                k = values.index(0x1F)
                i += -(-6 * (k + 1) // 8)
                mode = "ascii"
            else:
                i += 3
        else:  # base256
            length = _unrandomize_255(data[i], i + 1)
            i += 1
            if length == 0:
                length = n - i
            elif length >= 250:
                if i >= n:
                    invalid = True
                    break
                length = 250 * (length - 249) + _unrandomize_255(data[i], i + 1)
                i += 1
            i += length
            mode = "ascii"
    return CodewordInfo(fnc1_first, fnc1_second, macro, eci, sa, rp, invalid)


# --------------------------------------------------------------------------- Reed-Solomon check

_EXP = [0] * 512
_LOG = [0] * 256


def _init_gf() -> None:
    x = 1
    for i in range(255):
        _EXP[i] = x
        _LOG[x] = i
        x <<= 1
        if x & 0x100:
            x ^= 0x12D  # DataMatrix's field polynomial x^8 + x^5 + x^3 + x^2 + 1
    for i in range(255, 512):
        _EXP[i] = _EXP[i - 255]


_init_gf()


def _syndromes_zero(block: bytes, n_ecc: int) -> bool:
    for j in range(1, n_ecc + 1):
        s = 0
        alpha = _EXP[j]
        for c in block:
            s = (_EXP[_LOG[s] + _LOG[alpha]] if s else 0) ^ c
        if s:
            return False
    return True


def reed_solomon_valid(code: bytes, n_data: int, n_blocks: int) -> bool:
    """True when every interleaved block of ``code`` (data + error words) is an exact RS codeword.

    Used on what libdmtx returns *after* its error correction: libdmtx sometimes hands back a
    message whose codewords are not a valid codeword at all (it failed to notice that the errors
    exceeded what it could correct), which would be a wrong read.
    """
    n_ecc = len(code) - n_data
    if n_blocks <= 0 or n_ecc <= 0 or n_ecc % n_blocks or n_data <= 0:
        return False
    for b in range(n_blocks):
        block = code[b:n_data:n_blocks] + code[n_data + b :: n_blocks]
        if not _syndromes_zero(block, n_ecc // n_blocks):
            return False
    return True
