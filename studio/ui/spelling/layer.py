"""The spelling layer of the scene highlighter: a red wavy underline under each misspelt word.

Typing never waits for the checker:

* Qt's highlighter calls ``formats`` only for the block (paragraph) that changed; the checker
  judges each distinct word once and keeps the verdicts, so re-checking a paragraph after a
  keystroke is a few set operations.
* The word being typed (the one just before the cursor) is left alone until it is finished, as
  word processors do: every keystroke would otherwise make a new word to ask the dictionary
  about ("Vol", "Volk", "Volko"...) and underline half-typed words. A space or punctuation
  typed after it, or the cursor moving to another word, finishes it: its block is checked then.
* When the accepted words change (a word added to the dictionary, a name added to the bible,
  the checker's ``generation`` goes up), only the blocks on screen are re-highlighted at once;
  the rest follow in small slices from a zero-timer (and on scroll), so even a 20,000-word
  scene is never re-highlighted in one go.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtGui import QColor, QPalette, QTextBlock, QTextCharFormat, QTextCursor

from studio.spelling import Misspelling, SpellChecker
from studio.ui.widgets.highlighter import FormatRange, SceneHighlighter
from studio.ui.widgets.scene_editor import SceneEditor

# The wave is one pixel thin: a deeper red on the light page, a brighter one on the dark page,
# so that it reads as clearly on both.
LIGHT_PAGE_RED = QColor("#d0312d")
DARK_PAGE_RED = QColor("#ff6b60")
SLICE_SECONDS = 0.004  # lazy re-highlighting gives the event loop back after this long
WORD_JOINERS = "'\u2019-"  # inside a word being typed ("don't", "spy-turned")
# A word character: a letter or digit (str.isalnum: \w without the underscore) or a joiner.
_WORD = r"(?:[^\W_]|['\u2019-])+"
_WORD_AFTER = re.compile(_WORD)


def underline_format(page: QColor) -> QTextCharFormat:
    """The spelling underline for text on a page (background) of colour page."""
    char_format = QTextCharFormat()
    char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    char_format.setUnderlineColor(DARK_PAGE_RED if page.lightness() < 128 else LIGHT_PAGE_RED)
    return char_format


def _bmp_only(text: str) -> bool:
    """True when Python indices and Qt (UTF-16) positions agree: no character beyond the BMP."""
    return text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text)


def utf16_offsets(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """spans (Python indices into text) as Qt positions, which count UTF-16 code units."""
    if _bmp_only(text):
        return spans  # no character outside the BMP (almost always): the indices agree
    return [(_utf16_len(text[:start]), _utf16_len(text[:end])) for start, end in spans]


def python_index(text: str, position: int) -> int:
    """The Python index into text of a Qt (UTF-16) position within it."""
    if _bmp_only(text):
        return position
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def typed_word(text: str, cursor: int) -> tuple[int, int] | None:
    """The word (letters, digits and the apostrophes and hyphens inside it; Python indices) that
    the cursor at index cursor of text is typing in: the one just before it, whole. None after a
    space or punctuation, which finish a word, or at the start."""
    if cursor <= 0 or cursor > len(text):
        return None
    # Walked back a character at a time: a regex searched for the run that ends at the cursor
    # tries every start before it, which grows with the square of the word's length.
    start = cursor
    while start > 0:
        char = text[start - 1]
        if not (char.isalnum() or char in WORD_JOINERS):  # isalnum: \w without the underscore
            break
        start -= 1
    if start == cursor:
        return None
    after = _WORD_AFTER.match(text, cursor)
    return start, cursor if after is None else after.end()


class _TypingVerdicts:
    """The underlines of the paragraph being typed in, the word being typed left out: the text
    before it and after it, and the ranges found there when the word ended at end."""

    def __init__(self, generation: int, before: str, after: str, end: int) -> None:
        self.generation = generation
        self.before = before
        self.after = after
        self.end = end
        self.ranges: list[FormatRange] = []

    def holds(self, generation: int, before: str, after: str) -> bool:
        """True when these verdicts are still those of the text around the word being typed."""
        return generation == self.generation and before == self.before and after == self.after

    def moved_to(self, end: int) -> list[FormatRange]:
        """The ranges with the word being typed ending at end (Python index) instead."""
        if end == self.end or not self.ranges:
            return self.ranges
        # Ranges past the word's start lie after it: only they move. (Only text within the BMP
        # is remembered, where Qt's offsets are Python's.)
        shift = end - self.end
        first = len(self.before)
        moved = [
            (start + shift if start >= first else start, length, char_format)
            for start, length, char_format in self.ranges
        ]
        self.ranges = moved
        self.end = end
        return moved


class SpellingLayer(QObject):
    """Underlines misspellings in a SceneEditor's document; checker None shows none."""

    def __init__(self, editor: SceneEditor, highlighter: SceneHighlighter) -> None:
        super().__init__(editor)
        self._editor = editor
        self._highlighter = highlighter
        self._checker: SpellChecker | None = None
        self._generation = -1  # the checker generation the document is being highlighted for
        self._format = underline_format(self._page())
        self._next = QTextCursor(editor.document())  # a cursor: it follows edits made meanwhile
        self._lazy = QTimer(self)
        self._lazy.setInterval(0)
        self._lazy.timeout.connect(self._rehighlight_slice)
        self._recheck_queued = False
        # Where the word left unchecked starts (a cursor: it follows edits), or None.
        self._unchecked: QTextCursor | None = None
        self._typing_at = -1  # the cursor's position when that word was last highlighted
        self._typing: _TypingVerdicts | None = None  # the paragraph around that word, judged
        editor.verticalScrollBar().valueChanged.connect(self._scrolled)
        editor.cursorPositionChanged.connect(self._cursor_moved)
        editor.palette_changed.connect(self._palette_changed)  # a theme brings a new page colour
        highlighter.add_layer(self)

    @property
    def checker(self) -> SpellChecker | None:
        return self._checker

    def set_checker(self, checker: SpellChecker | None) -> None:
        """Check with checker from now on (None: no underlines); the screen changes at once."""
        if checker is self._checker and (checker is None or checker.generation == self._generation):
            return
        self._checker = checker
        self.recheck()

    def _page(self) -> QColor:
        return self._editor.palette().color(QPalette.ColorRole.Base)

    def _palette_changed(self) -> None:
        fresh = underline_format(self._page())
        if fresh.underlineColor() != self._format.underlineColor():
            self._format = fresh
            self._typing = None  # its ranges hold the old underline
            if self._checker is not None:
                self.recheck()

    # -- the highlighter's side ------------------------------------------------------------------
    def formats(self, text: str, block: QTextBlock) -> Iterable[FormatRange]:
        checker = self._checker
        if checker is None or not text:
            return ()
        if checker.generation != self._generation and not self._recheck_queued:
            # The accepted words changed behind our back: bring the other blocks up to date soon.
            self._recheck_queued = True
            QTimer.singleShot(0, self, self.recheck)
        unchecked = self._typed_in(text, block)
        if unchecked is None:
            return self._ranges(checker, text)
        start, end = unchecked
        before, after = text[:start], text[end:]
        if not (text.isascii() or _bmp_only(text)):  # Qt's offsets differ: judged every time
            self._typing = None
            return self._ranges(checker, before + " " * (end - start) + after)
        typing = self._typing
        if typing is None or not typing.holds(checker.generation, before, after):
            # The rest of the paragraph is new: judge it, the word being typed as spaces (same
            # length, same offsets).
            typing = _TypingVerdicts(checker.generation, before, after, end)
            typing.ranges = self._ranges(checker, before + " " * (end - start) + after)
            self._typing = typing
        # Another letter of the same word, the rest of the paragraph as it was: the same
        # verdicts, those after the word moved along with it (most keystrokes).
        return typing.moved_to(end)

    def _ranges(self, checker: SpellChecker, text: str) -> list[FormatRange]:
        found = checker.misspellings(text)
        if not found:
            return []
        spans = utf16_offsets(text, [(m.start, m.end) for m in found])
        return [(start, end - start, self._format) for start, end in spans]

    def _typed_in(self, text: str, block: QTextBlock) -> tuple[int, int] | None:
        """The span of text (block's) being typed, left unchecked for now; remembered."""
        position = self._editor.textCursor().position()
        first = block.position()
        if not first <= position < first + block.length():  # the cursor is in another block
            if self._unchecked is not None and self._unchecked.block() == block:
                self._unchecked = None  # this block is checked in full now
            return None
        # Python indices and Qt's (UTF-16) positions agree unless the text is past the BMP.
        bmp = text.isascii() or _bmp_only(text)
        in_block = position - first
        span = typed_word(text, in_block if bmp else python_index(text, in_block))
        if span is None:
            self._unchecked = None
            return None
        start = first + (span[0] if bmp else _utf16_len(text[: span[0]]))
        if self._unchecked is None or self._unchecked.position() != start:
            # A new word (a cursor is made only then: each one is kept up to date at every edit).
            self._unchecked = QTextCursor(block)
            self._unchecked.setPosition(start)
        self._typing_at = position
        return span

    def _cursor_moved(self) -> None:
        """The word left unchecked is finished once the cursor is no longer at its end."""
        unchecked = self._unchecked
        if unchecked is None:
            return
        cursor = self._editor.textCursor()
        if cursor.position() == self._typing_at:
            return  # where the letter just typed left it: the word is still being typed
        block = unchecked.block()
        if cursor.block() == block:
            text = block.text()
            span = typed_word(text, python_index(text, cursor.positionInBlock()))
            if span is not None:
                ((start, _end),) = utf16_offsets(text, [span])
                if block.position() + start == unchecked.position():
                    return  # still typing it
        self._unchecked = None
        if block.isValid():
            self._highlighter.rehighlightBlock(block)

    def misspelling_at(self, block: QTextBlock, position_in_block: int) -> Misspelling | None:
        """The misspelt word at a position of block (Qt units), with Qt offsets, or None."""
        if self._checker is None:
            return None
        text = block.text()
        found = self._checker.misspelling_at(text, python_index(text, position_in_block))
        if found is None:
            return None
        ((start, end),) = utf16_offsets(text, [(found.start, found.end)])
        return Misspelling(start, end, found.word)

    # -- re-highlighting after the accepted words change -----------------------------------------
    def recheck(self) -> None:
        """Re-highlight the visible blocks now and the others lazily."""
        self._recheck_queued = False
        self._typing = None
        self._generation = -1 if self._checker is None else self._checker.generation
        self._next.setPosition(0)
        self._rehighlight_visible()
        self._lazy.start()

    @property
    def generation(self) -> int:
        """The checker generation the document shows (or is being brought up to)."""
        return self._generation

    @property
    def idle(self) -> bool:
        """True when every block shows the current verdicts (no lazy work left)."""
        return not self._lazy.isActive() and not self._recheck_queued

    def _visible_blocks(self) -> tuple[QTextBlock, QTextBlock]:
        viewport = self._editor.viewport()
        first = self._editor.cursorForPosition(QPoint(0, 0)).block()
        corner = QPoint(max(0, viewport.width() - 1), max(0, viewport.height() - 1))
        return first, self._editor.cursorForPosition(corner).block()

    def _rehighlight_visible(self) -> None:
        block, last = self._visible_blocks()
        while block.isValid():
            self._highlighter.rehighlightBlock(block)
            if block == last:
                break
            block = block.next()

    def _scrolled(self) -> None:
        if self._lazy.isActive():
            self._rehighlight_visible()  # what scrolls into view is never shown stale

    def _rehighlight_slice(self) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        document = self._editor.document()
        block = document.findBlock(self._next.position())
        while block.isValid() and time.perf_counter() < deadline:
            self._highlighter.rehighlightBlock(block)
            block = block.next()
        if block.isValid():
            self._next.setPosition(block.position())
        else:
            self._lazy.stop()
