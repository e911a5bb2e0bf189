"""Small wording helpers shared by the commands (plain English on the terminal)."""

from __future__ import annotations


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 pack``, ``2 packs`` (``words``: an irregular plural, ``1 recall entry``, ``2 recall entries``)."""
    return f"{n} {word if n == 1 else (words or word + 's')}"
