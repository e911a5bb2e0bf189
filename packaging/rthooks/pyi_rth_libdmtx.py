"""PyInstaller run-time hook: pylibdmtx finds the libdmtx bundled beside the app, not the system's.

pylibdmtx (Linux/macOS) calls ``ctypes.util.find_library("dmtx")``, which only searches the system
(ldconfig cache): on a machine without libdmtx installed it returns None and the dmtx backend is
lost. The bundle carries ``libdmtx.so.0`` (collected by ``packaging/bundle.py``), so answer with it.
On Windows pylibdmtx loads its own DLL from the bundle and this hook changes nothing.
"""

from __future__ import annotations

import ctypes.util
import glob
import os
import sys


def _install() -> None:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None or sys.platform == "win32":
        return
    system_find = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        if name == "dmtx":
            found = sorted(
                glob.glob(os.path.join(bundle, "libdmtx.so*")) + glob.glob(os.path.join(bundle, "libdmtx*.dylib"))
            )
            if found:
                return found[0]
        return system_find(name)

    ctypes.util.find_library = find_library


_install()
