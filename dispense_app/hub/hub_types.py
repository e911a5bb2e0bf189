"""The kinds of national system a station can talk to: the names ``--hub-type`` and ``hub.json`` take.

A module of its own so the command line can check ``--hub-type`` without loading the hub
configuration's code (the counter window's start, issue 22).
"""

from __future__ import annotations

from typing import Literal

HubType = Literal["fmd-rest", "vrs", "nmvs-soap", "securpharm"]
HUB_TYPES: tuple[HubType, ...] = ("fmd-rest", "vrs", "nmvs-soap", "securpharm")
