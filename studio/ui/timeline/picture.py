"""The timeline as a picture: PNG through QImage, SVG through QSvgGenerator.

The whole scene is drawn, not just what the window shows; PNGs at twice the screen scale so
they stay sharp in a document or on a slide.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from studio.core.errors import ExportError

PNG_SCALE = 2.0


def save_scene_picture(scene: QGraphicsScene, path: Path, background: QColor) -> Path:
    """Write scene to path as PNG or SVG (by suffix); returns the path written."""
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ExportError(f"Cannot save {path.name}: choose a .png or .svg file name.")
    if not path.parent.is_dir():
        raise ExportError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    source = scene.sceneRect()
    if suffix == ".svg":
        _save_svg(scene, path, source, background)
    else:
        _save_png(scene, path, source, background)
    if not path.is_file() or path.stat().st_size == 0:
        raise ExportError(f"Could not write {path}; check that the folder is writable.")
    return path


def _save_png(scene: QGraphicsScene, path: Path, source: QRectF, background: QColor) -> None:
    size = QSize(int(source.width() * PNG_SCALE), int(source.height() * PNG_SCALE))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), source)
    painter.end()
    if not image.save(str(path)):
        raise ExportError(f"Could not write {path}; check that the folder is writable.")


def _save_svg(scene: QGraphicsScene, path: Path, source: QRectF, background: QColor) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(source.width()), int(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle("Safehouse timeline")
    painter = QPainter(generator)
    painter.fillRect(QRectF(0, 0, source.width(), source.height()), background)
    scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()
