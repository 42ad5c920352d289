"""Highlighting a scene, one block (paragraph) at a time, in layers.

SceneHighlighter runs each layer over the block Qt asks it to repaint and merges their formats,
so a later layer (spelling underlines) adds to what an earlier one (emphasis) set instead of
replacing it. A layer sees only the block's text: the keystroke path never touches the whole
document.

A new scene can be shown with highlighting deferred (`deferred(True)` around setPlainText): Qt
still offers every paragraph, but each is passed over at once; `catch_up` then highlights the
paragraphs on screen and the rest follow in small slices from a zero-timer, the ones scrolled
into view first; a keystroke puts the slices off until the typing pauses.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from studio.core.markup import Emphasis, emphasis_spans

FormatRange = tuple[int, int, QTextCharFormat]  # start, length, format
SLICE_SECONDS = 0.003  # catching up gives the event loop back after this long
CATCH_UP_DELAY_MS = 250  # a new scene is painted and answers keys first; then the rest


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
        self._skip = False
        self._next = QTextCursor(document)  # catching up resumes here; it follows edits
        self._lazy = QTimer(self)
        self._lazy.setInterval(0)
        self._lazy.timeout.connect(self._catch_up_slice)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(CATCH_UP_DELAY_MS)
        self._delay.timeout.connect(self._lazy.start)

    # -- deferred highlighting -------------------------------------------------------------------
    @contextmanager
    def deferred(self, defer: bool = True) -> Iterator[None]:
        """Within: paragraphs Qt offers are left plain (call catch_up after); else as usual."""
        self._stop()
        self._skip = defer
        try:
            yield
        finally:
            self._skip = False

    def catch_up(self, first: Iterable[QTextBlock] = ()) -> None:
        """Highlight first (the paragraphs on screen) now, every other one soon after."""
        for block in first:
            self.rehighlightBlock(block)
        self._next.setPosition(0)
        self._delay.start()

    def _stop(self) -> None:
        self._delay.stop()
        self._lazy.stop()

    @property
    def behind(self) -> bool:
        """True while some paragraphs still wait to be highlighted."""
        return self._delay.isActive() or self._lazy.isActive()

    def postpone(self) -> None:
        """A key was pressed: the paragraphs off screen wait for a pause in the typing, so that
        no keystroke waits behind a slice of them (what comes on screen is done at once)."""
        if self.behind:
            self._lazy.stop()
            self._delay.start()

    def show_blocks(self, blocks: Callable[[], Iterable[QTextBlock]]) -> None:
        """Paragraphs scrolled into view: highlighted at once if catching up is not done."""
        if self.behind:
            for block in blocks():
                self.rehighlightBlock(block)

    def _catch_up_slice(self) -> None:
        document = self.document()
        if document is None:
            self._lazy.stop()
            return
        deadline = time.perf_counter() + SLICE_SECONDS
        block = document.findBlock(self._next.position())
        while block.isValid() and time.perf_counter() < deadline:
            self.rehighlightBlock(block)
            block = block.next()
        if block.isValid():
            self._next.setPosition(block.position())
        else:
            self._lazy.stop()

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
        if self._skip:
            return
        block = self.currentBlock()
        ranges: list[FormatRange] = []
        for layer in self._layers:
            ranges.extend(layer.formats(text, block))
        if ranges:
            self._apply(ranges, len(text))

    def _apply(self, ranges: list[FormatRange], size: int) -> None:
        """Set the ranges' formats, where they overlap merged in their order, so that a later
        layer (spelling) adds to what an earlier one (emphasis) set instead of replacing it.
        Worked out from the ranges alone: Qt starts each block with no formats."""
        if len(ranges) == 1:  # one range (one underline, as typing mostly has): nothing to merge
            start, length, char_format = ranges[0]
            end = min(start + length, size)
            start = max(0, start)
            if start < end:
                self.setFormat(start, end - start, char_format)
            return
        spans = [(max(0, start), min(start + length, size), fmt) for start, length, fmt in ranges]
        spans = [span for span in spans if span[0] < span[1]]
        ordered = sorted(spans, key=lambda span: span[0])
        if all(left[1] <= right[0] for left, right in pairwise(ordered)):
            for start, end, char_format in spans:  # no overlap (the usual case): as they are
                self.setFormat(start, end - start, char_format)
            return
        cuts = sorted({edge for start, end, _ in spans for edge in (start, end)})
        for start, end in pairwise(cuts):
            covering = [fmt for first, last, fmt in spans if first <= start and end <= last]
            if covering:
                merged = QTextCharFormat(covering[0])
                for char_format in covering[1:]:
                    merged.merge(char_format)
                self.setFormat(start, end - start, merged)
