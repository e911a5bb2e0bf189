"""Types of the generated GS1 AI table (:mod:`scanner.ai_table`).

The table is generated from the GS1 Barcode Syntax Dictionary by ``tools/gen_ai_table.py``; these
are the shapes it is written in, so that the parser code stays typed.
"""

from __future__ import annotations

from typing import NamedTuple


class Component(NamedTuple):
    """One component of an AI's data field, e.g. ``N6,yymmd0`` or ``[X..17]``."""

    cset: str  # "N" numeric, "X" CSET 82, "Y" CSET 39, "Z" base64url
    min_len: int
    max_len: int
    optional: bool
    linters: tuple[str, ...]


class AISpec(NamedTuple):
    """One Application Identifier as described by the Syntax Dictionary."""

    ai: str
    predefined: bool  # flag "*": predefined length, no FNC1 separator needed after it
    dl_attr: bool  # flag "?": permitted as a Digital Link data attribute (query)
    components: tuple[Component, ...]
    min_len: int  # total data length bounds over all components
    max_len: int
    req: tuple[tuple[tuple[str, ...], ...], ...]  # every req= key: alternatives, each an AND of AI patterns
    ex: tuple[str, ...]  # AI patterns this AI must not be paired with ("n" = any digit)
    dlpkey: bool
    title: str

    @property
    def fixed_length(self) -> bool:
        return self.min_len == self.max_len
