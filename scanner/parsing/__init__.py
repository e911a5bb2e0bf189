"""Pack-code parsing: GS1 element strings, GS1 Digital Link, IFA format 06, check digits, dates.

``parse(data)`` never raises; see docs/parsing.md for the syntaxes, error codes and the
lost-separator rule. The names are loaded on first use, so that the generated AI table
(``scanner.ai_table``, which imports :mod:`scanner.parsing.spec`) can be imported on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scanner.parsing.model import ERROR_CODES, PackCode, ParseError
    from scanner.parsing.parser import candidate_codes, parse

__all__ = ["ERROR_CODES", "PackCode", "ParseError", "candidate_codes", "parse"]


def __getattr__(name: str) -> Any:
    if name in ("parse", "candidate_codes"):
        from scanner.parsing import parser

        value = getattr(parser, name)
        globals()[name] = value
        return value
    if name in ("ERROR_CODES", "PackCode", "ParseError"):
        from scanner.parsing import model

        value = getattr(model, name)
        globals()[name] = value
        return value
    raise AttributeError(name)
