"""Pack-code parsing: GS1 element strings, GS1 Digital Link, IFA format 06, check digits, dates.

``parse(data)`` never raises; see docs/parsing.md for the syntaxes, error codes and the
lost-separator rule.
"""

from __future__ import annotations

from scanner.parsing.model import ERROR_CODES, PackCode, ParseError
from scanner.parsing.parser import parse

__all__ = ["ERROR_CODES", "PackCode", "ParseError", "parse"]
