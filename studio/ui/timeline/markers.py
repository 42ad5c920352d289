"""What the timeline draws for a scene or event, and how it is clicked and dragged.

An exact time is a dot; an approximate one is a soft bar over its whole span (fading at both
ends, because its edges are not known) with a ring at its best guess. Events are diamonds.
A press and release without moving is a click; moving drags the marker along the axis only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from studio.services.story_order import TimelineItem

DOT = 11.0
LABEL_GAP = 4.0
MAX_LABEL = 170.0
CLICK_SLOP = 3.0


def label_font() -> QFont:
    font = QFont()
    font.setPointSizeF(8.5)
    return font


def label_width(text: str, metrics: QFontMetricsF) -> float:
    return min(MAX_LABEL, metrics.horizontalAdvance(text))


class Marker(QGraphicsItem):
    """One item in one lane. Its position is its best guess on the axis and its row's y."""

    def __init__(
        self,
        item: TimelineItem,
        span: tuple[float, float],  # x of the span's start and end, relative to the marker
        colour: QColor,
        text_colour: QColor,
        on_click: Callable[[TimelineItem], None],
        on_drop: Callable[[TimelineItem, float], None],
        on_drag: Callable[[float | None], None],
        anchor_title: str = "",
    ) -> None:
        super().__init__()
        self.item = item
        self._span = span
        self._colour = colour
        self._text_colour = text_colour
        self._on_click, self._on_drop, self._on_drag = on_click, on_drop, on_drag
        self._font = label_font()
        metrics = QFontMetricsF(self._font)
        self._label = metrics.elidedText(item.title, Qt.TextElideMode.ElideRight, MAX_LABEL)
        self._label_width = label_width(item.title, metrics)
        self._label_height = metrics.height()
        self._press_x: float | None = None
        self._start_x = 0.0
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(tooltip(item, anchor_title))
        self.setZValue(2 if item.ref.kind == "scene" else 1)

    def boundingRect(self) -> QRectF:
        left = min(self._span[0], -DOT)
        right = max(self._span[1], DOT / 2 + LABEL_GAP + self._label_width) + 2
        return QRectF(left, -DOT, right - left, DOT + self._label_height + 4)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.item.fuzzy:
            self._paint_span(painter)
        self._paint_mark(painter)
        painter.setFont(self._font)
        painter.setPen(self._text_colour)
        painter.drawText(
            QPointF(DOT / 2 + LABEL_GAP, DOT / 2 + self._label_height - 3), self._label
        )

    def _paint_span(self, painter: QPainter) -> None:
        left, right = self._span
        if right - left < DOT:
            left, right = -DOT / 2, DOT / 2
        gradient = QLinearGradient(left, 0, right, 0)
        solid, clear = QColor(self._colour), QColor(self._colour)
        solid.setAlpha(90)
        clear.setAlpha(0)
        gradient.setColorAt(0.0, clear)
        gradient.setColorAt(0.2, solid)
        gradient.setColorAt(0.8, solid)
        gradient.setColorAt(1.0, clear)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(gradient))
        painter.drawRoundedRect(QRectF(left, -DOT / 2 + 1, right - left, DOT - 2), 4, 4)

    def _paint_mark(self, painter: QPainter) -> None:
        rect = QRectF(-DOT / 2, -DOT / 2, DOT, DOT)
        if self.item.fuzzy:
            painter.setPen(QPen(self._colour.darker(130), 2))
            painter.setBrush(QColor(255, 255, 255, 220))
        else:
            painter.setPen(QPen(self._colour.darker(140), 1))
            painter.setBrush(self._colour)
        if self.item.ref.kind == "event":
            path = QPainterPath()
            path.moveTo(0, -DOT / 2 - 1)
            path.lineTo(DOT / 2 + 1, 0)
            path.lineTo(0, DOT / 2 + 1)
            path.lineTo(-DOT / 2 - 1, 0)
            path.closeSubpath()
            painter.drawPath(path)
        else:
            painter.drawEllipse(rect)

    # -- clicking and dragging -------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        self._press_x = event.scenePos().x()
        self._start_x = self.pos().x()
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._press_x is None:
            return
        moved = event.scenePos().x() - self._press_x
        if abs(moved) >= CLICK_SLOP:
            self.setPos(self._start_x + moved, self.pos().y())
            self.setZValue(10)
            self._on_drag(self.pos().x())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._press_x is None:
            return
        moved = event.scenePos().x() - self._press_x
        self._press_x = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self._on_drag(None)
        if abs(moved) < CLICK_SLOP:
            self._on_click(self.item)
        else:
            self._on_drop(self.item, self._start_x + moved)


def tooltip(item: TimelineItem, anchor_title: str = "") -> str:
    lines = [item.title]
    if item.story_time is not None:
        lines.append(item.story_time.text + (" (approximate)" if item.fuzzy else ""))
    if item.anchor_offset and item.anchor is not None:
        lines.append(f"{item.anchor_offset} '{anchor_title or item.anchor}'")
    if item.chapter_title:
        lines.append(f"Chapter: {item.chapter_title}")
    if item.ref.kind == "scene":
        lines.append("Click to open; drag to change its story time.")
    else:
        lines.append("Drag to change its story time.")
    return "\n".join(lines)
