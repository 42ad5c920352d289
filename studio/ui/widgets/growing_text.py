"""A plain-text box that grows with its text (between a floor and a ceiling), for card fields."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class GrowingTextEdit(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None, floor: int = 64, ceiling: int = 240) -> None:
        super().__init__(parent)
        self._floor, self._ceiling = floor, ceiling
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self._fit())
        self._fit()

    def _fit(self) -> None:
        # Measured from the text at the viewport's width: the plain-text layout wraps lazily.
        width = max(40, self.viewport().width() - 8)
        bounds = QRect(0, 0, width, 100_000)
        flags = Qt.TextFlag.TextWordWrap.value
        text = self.toPlainText() or " "
        wanted = self.fontMetrics().boundingRect(bounds, flags, text).height() + 22
        self.setFixedHeight(max(self._floor, min(wanted, self._ceiling)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
