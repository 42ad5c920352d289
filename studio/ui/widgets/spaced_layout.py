"""Line spacing for a QPlainTextEdit, whose own layout ignores QTextBlockFormat.lineHeight.

QPlainTextDocumentLayout lays a block out only when it is first needed (on screen, under the
cursor), which is what makes a 10,000-word scene appear at once; but it always stacks a block's
lines at their natural height. SpacedLayout lets it do that, then moves each laid-out line down
so that every line takes `factor` times its height, the extra space above the text. The block's
bounding rectangle (its lines' bottom) grows with it, so painting, the cursor and hit testing all
follow, and the gaps between paragraphs equal those between lines.

Moving lines is cheap: a keystroke re-spaces only the block it changed; blocks Qt lays out
lazily (on screen, under the cursor) are spaced in blockBoundingRect, where that happens.

That override is the costly part: Qt asks for a block's rectangle by walking from the top of the
page to it, several times per keystroke (the cursor, its old place, the input method) and once
per block on the page at each paint, each a call from C++ into Python (~8 us). The override is
therefore an attribute of the instance, present only while some block Qt may measure could lack
its lines ("guarded"). SceneEditor takes it away (`unguard`) when a typed character finds every
block of the page, the cursor's included, laid out; it stays away while the user types, so that
neither the keystroke nor its repaint runs Python here. Whatever could make Qt lay out a block
lazily puts it back first (`guard`): a change of several blocks or of a block's line count here,
and in SceneEditor a resize, a scroll, any other key, the mouse, and moving the cursor from code.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

GUARD = "blockBoundingRect"  # the virtual Qt calls; Shiboken looks for an instance attribute too
PAGE_LIMIT = 200  # blocks a page may hold (one-line paragraphs on a tall screen)


class SpacedLayout(QPlainTextDocumentLayout):
    def __init__(self, document: QTextDocument, factor: float = 1.5) -> None:
        super().__init__(document)
        self.factor = factor
        self._block_count = document.blockCount()
        self.guard()

    # -- the lazy-layout guard ---------------------------------------------------------------------
    def guard(self) -> None:
        """Space every block Qt lays out lazily from now on (the default)."""
        # setattr, not __dict__: Shiboken caches the override it finds and forgets it on setattr.
        setattr(self, GUARD, self._spaced_rect)

    @property
    def guarded(self) -> bool:
        return GUARD in self.__dict__

    def unguard(self) -> None:
        """From now on Qt measures blocks without calling Python. Only when every block Qt may
        measure has its lines; guard() again before anything could lay one out lazily."""
        if self.guarded:
            delattr(self, GUARD)

    @contextmanager
    def unguarded(self) -> Iterator[None]:
        """Within: Qt measures blocks without calling Python (see unguard)."""
        self.unguard()
        try:
            yield
        finally:
            self.guard()

    def page_laid_out(self, first: QTextBlock, top: float, bottom: float, cursor: int) -> bool:
        """True when every block from first (whose top is at top) down to bottom has its lines,
        and block number cursor is one of them: all that a typed character and its repaint
        measure. Qt's own measure, not the override: a block without lines stops the walk."""
        measure = QPlainTextDocumentLayout.blockBoundingRect
        block = first
        found = False
        for _ in range(PAGE_LIMIT):
            if not block.isValid():
                return found
            if not block.layout().lineCount():
                return False
            found = found or block.blockNumber() == cursor
            top += measure(self, block).height()
            if top > bottom:
                return found
            block = block.next()
        return False

    def respace(self, block: QTextBlock) -> bool:
        """Space block's lines if Qt laid them out afresh; True if anything moved."""
        layout = block.layout()
        count = layout.lineCount()
        if count == 0:
            return False  # not laid out yet
        line = layout.lineAt(0)
        if line.y() > 0:
            return False  # already spaced (Qt starts each block at 0)
        left = line.x()  # Qt puts every line of a block at the document margin
        top = 0.0
        factor = self.factor
        extra = factor - 1.0
        at = layout.lineAt
        for index in range(count):
            line = at(index)
            height = line.height()
            line.setPosition(QPointF(left, top + extra * height))
            top += factor * height
        return True

    def _spaced_rect(self, block: QTextBlock) -> QRectF:
        # blockBoundingRect while guarded. Qt lays a block out lazily in there (painting,
        # scrolling, moving the cursor): it is spaced before anything measures it. Every other
        # layout passes through documentChanged, so a block that was laid out on the way in is
        # spaced already (this runs for every block on screen at each paint: three calls into Qt).
        if block.layout().lineCount():
            return super().blockBoundingRect(block)
        super().blockBoundingRect(block)
        self.respace(block)
        return super().blockBoundingRect(block)

    def _unmeasured_rect(self, block: QTextBlock) -> QRectF:
        # blockBoundingRect within documentChanged's one-block path: no rectangle for a block
        # without lines rather than a layout only to be thrown away (see documentChanged).
        if not block.layout().lineCount():
            return QRectF()
        return QPlainTextDocumentLayout.blockBoundingRect(self, block)

    def documentChanged(self, position: int, removed: int, added: int) -> None:
        document = self.document()
        start = document.findBlock(position)
        # The text that is there now is [position, position + added). Qt looks as far as
        # position + removed + added, which for a highlighter's format change (the whole block,
        # removed == added == its length) reaches into the next blocks and costs a relayout of
        # them and a repaint of the whole page at every keystroke. With the block count unchanged
        # and the new text inside one block, nothing else can have changed.
        end = document.findBlock(position + max(added, 1) - 1)
        single = start == end and document.blockCount() == self._block_count and start.isValid()
        if not single:
            self.guard()  # the blocks changed lose their lines: Qt lays them out again lazily
            super().documentChanged(position, removed, added)
            self._block_count = document.blockCount()
            return
        # One block changed (a keystroke, a highlight): Qt lays it out again at natural height and,
        # seeing its height differ from the spaced one, would repaint everything. Keep its signals,
        # space the block, and say only what really changed.
        lines = start.lineCount()  # the count Qt kept from the last layout (the lines are gone)
        # Qt measures the block before laying it out, for a height to compare with (which the
        # signals blocked here make moot). A highlighter that changed the block's formats (an
        # underline after the typed letter moved along) has dropped its lines, and that measure
        # would lay the block out a second time: it is answered without laying out instead.
        guard = self.__dict__.get(GUARD)
        unmeasured = not start.layout().lineCount()
        if unmeasured:
            setattr(self, GUARD, self._unmeasured_rect)
        blocked = self.blockSignals(True)
        try:
            # Told only this block (0 removed, at least 1 added), Qt takes its one-block path.
            super().documentChanged(position, 0, max(added, 1))
        finally:
            self.blockSignals(blocked)
            if unmeasured:
                if guard is None:
                    delattr(self, GUARD)
                else:
                    setattr(self, GUARD, guard)
        self.respace(start)
        if start.lineCount() == lines:
            self.updateBlock.emit(start)
        else:
            # The page moves: blocks below come into view, and Qt measures the last page of the
            # document for the scroll bar at once, blocks that may have no lines yet.
            self.guard()
            self.documentSizeChanged.emit(self.documentSize())
            self.update.emit()  # the whole page (PySide offers only the default rectangle)
