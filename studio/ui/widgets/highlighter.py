"""Highlighting a scene, one block (paragraph) at a time, in layers.

SceneHighlighter runs each layer over the block Qt asks it to repaint and merges their formats,
so a later layer (spelling underlines) adds to what an earlier one (emphasis) set instead of
replacing it. A layer sees only the block's text: the keystroke path never touches the whole
document.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
)

from studio.core.markup import Emphasis, emphasis_spans

FormatRange = tuple[int, int, QTextCharFormat]  # start, length, format


class HighlightLayer(Protocol):
    """Something that formats ranges of one block; block gives its position and user state."""

    def formats(self, text: str, block: QTextBlock) -> Iterable[FormatRange]: ...


class MarkupLayer:
    """*italic* and **bold** shown styled, their markers dimmed but kept visible and editable."""

    def __init__(self, marker_colour: QColor | None = None) -> None:
        self.marker = QTextCharFormat()
        self.italic = QTextCharFormat()
        self.italic.setFontItalic(True)
        self.bold = QTextCharFormat()
        self.bold.setFontWeight(QFont.Weight.Bold)
        self.set_marker_colour(marker_colour or QColor("#a09a90"))

    def set_marker_colour(self, colour: QColor) -> None:
        self.marker.setForeground(colour)

    def formats(self, text: str, block: QTextBlock) -> Iterable[FormatRange]:
        if "*" not in text:
            return
        for span in emphasis_spans(text):
            size = span.marker_length
            inner = self.bold if span.kind is Emphasis.BOLD else self.italic
            yield span.start, span.end - span.start, inner
            yield span.start, size, self.marker
            yield span.end - size, size, self.marker


class SceneHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, layers: Iterable[HighlightLayer] = ()) -> None:
        super().__init__(document)
        self.markup = MarkupLayer()
        self._layers: list[HighlightLayer] = [self.markup, *layers]

    def add_layer(self, layer: HighlightLayer) -> None:
        self._layers.append(layer)
        self.rehighlight()

    def remove_layer(self, layer: HighlightLayer) -> None:
        if layer in self._layers:
            self._layers.remove(layer)
            self.rehighlight()

    def set_marker_colour(self, colour: QColor) -> None:
        self.markup.set_marker_colour(colour)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        for layer in self._layers:
            for start, length, char_format in layer.formats(text, block):
                self._merge(start, length, char_format)

    def _merge(self, start: int, length: int, char_format: QTextCharFormat) -> None:
        """Add char_format over [start, start + length), keeping what earlier layers set."""
        end = min(start + length, len(self.currentBlock().text()))
        position = max(0, start)
        while position < end:
            current = self.format(position)
            run_end = position + 1
            while run_end < end and self.format(run_end) == current:
                run_end += 1
            merged = QTextCharFormat(current)
            merged.merge(char_format)
            self.setFormat(position, run_end - position, merged)
            position = run_end
