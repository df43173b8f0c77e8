"""Render resources/icons/softphone.svg to the PNG sizes freedesktop wants and to a Windows .ico.

Run after editing the SVG (`.venv/bin/python -m installer.render_icons`); the outputs are
committed so that building a package needs no rendering step.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 32, 48, 64, 128, 256)


def render(svg: Path = ICON_DIR / "softphone.svg") -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    written = []
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        target = ICON_DIR / f"softphone-{size}.png"
        if not image.save(str(target)):
            raise SystemExit(f"cannot write {target}")
        written.append(target)
        if size == 256:
            ico = ICON_DIR / "softphone.ico"
            if not image.save(str(ico), "ICO"):
                raise SystemExit(f"cannot write {ico} (Qt's ico image plugin missing?)")
            written.append(ico)
    return written


if __name__ == "__main__":
    for path in render(Path(sys.argv[1]) if len(sys.argv) > 1 else ICON_DIR / "softphone.svg"):
        print(path)
