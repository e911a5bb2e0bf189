"""Render ``resources/icons/app.svg`` into ``build/app.ico`` (16 to 256 px) for the Windows executables.

    .venv/bin/python packaging/make_icon.py [OUT.ico]

A build step (``packaging/windows/build.ps1``), not run time: the spec uses ``build/app.ico`` when
it exists. Qt renders the SVG (the same renderer as the app's icons), Pillow writes the ICO.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_ico(svg: Path, out: Path) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG: {svg}")
    side = max(SIZES)
    image = QImage(side, side, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    png = out.with_suffix(".png")
    if not image.save(str(png)):
        raise SystemExit(f"could not write {png}")
    with Image.open(png) as rendered:
        rendered.save(out, format="ICO", sizes=[(s, s) for s in SIZES])
    png.unlink()
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "app.ico"
    print(render_ico(ROOT / "resources" / "icons" / "app.svg", target))
