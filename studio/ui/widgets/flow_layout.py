"""A row of controls that wraps onto more lines when its panel is narrow.

A side panel in a small window may be ~230 px wide: a row of buttons or check boxes laid out
with a QHBoxLayout would hold the panel (and so the window) at the row's full width. This
layout puts its items side by side while they fit and starts a new line when they do not; on
each line the width left over goes to the items that can grow (a line edit, a spacer), so a row
that fits looks as a QHBoxLayout would.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QFormLayout, QLayout, QLayoutItem, QSizePolicy, QWidget

STACKED_FORM_WIDTH = 300
"""A form narrower than this (px) puts every label above its field (see stack_form)."""


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout ---------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        # One line: what a QHBoxLayout of the same items would ask for.
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown)
        width += self._spacing * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:
        # As narrow as the widest item: every other item can go to a line of its own.
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return self._with_margins(size)

    # -- layout ----------------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty() or item.spacerItem()]

    def _with_margins(self, size: QSize) -> QSize:
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            wanted = item.sizeHint().width()
            if lines[-1] and used + self._spacing + wanted > width:
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + wanted
            lines[-1].append(item)
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in rect (if move); returns the height they take."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        y = area.y()
        lines = self._lines(area.width())
        if len(lines) > 1:
            lines = [_without_end_spacers(line) for line in lines]
            lines = [line for line in lines if line]
        if not lines:
            return margins.top() + margins.bottom()
        for line in lines:
            widths = [min(item.sizeHint().width(), area.width()) for item in line]
            spare = area.width() - sum(widths) - self._spacing * (len(line) - 1)
            growing = [i for i, item in enumerate(line) if _grows(item)]
            for n, i in enumerate(growing):
                widths[i] += spare // len(growing) + (1 if n < spare % len(growing) else 0)
            height = max(item.sizeHint().height() for item in line)
            if move:
                x = area.x()
                for item, width in zip(line, widths, strict=True):
                    item_height = min(height, item.maximumSize().height())
                    top = y + (height - item_height) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, item_height)))
                    x += width + self._spacing
            y += height + self._spacing
        return y - self._spacing - area.y() + margins.top() + margins.bottom()


def _without_end_spacers(line: list[QLayoutItem]) -> list[QLayoutItem]:
    # A spacer between items spreads a line out; at either end of a wrapped line it would
    # only push the items about. A row that fits on one line keeps them, as a QHBoxLayout
    # would (a leading stretch puts the buttons at the right).
    start, end = 0, len(line)
    while start < end and line[start].spacerItem() is not None:
        start += 1
    while end > start and line[end - 1].spacerItem() is not None:
        end -= 1
    return line[start:end]


def _grows(item: QLayoutItem) -> bool:
    widget = item.widget()
    if widget is not None:
        policy = widget.sizePolicy().horizontalPolicy()
        return bool(policy.value & QSizePolicy.PolicyFlag.ExpandFlag.value)
    return bool(item.expandingDirections() & Qt.Orientation.Horizontal)


def stack_form(form: QFormLayout, width: int) -> None:
    """Labels beside their fields in a form width wide, or above them all when it is narrow (a
    side panel in a small window): every field then has the whole width, none is cut."""
    stacked = width < STACKED_FORM_WIDTH
    policy = QFormLayout.RowWrapPolicy
    wanted = policy.WrapAllRows if stacked else policy.DontWrapRows
    if form.rowWrapPolicy() != wanted:
        form.setRowWrapPolicy(wanted)


__all__ = ["STACKED_FORM_WIDTH", "FlowLayout", "stack_form"]
