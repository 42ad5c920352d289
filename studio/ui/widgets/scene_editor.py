"""The text surface: a centred column of serif prose with 1.5 line spacing.

A QPlainTextEdit: it lays out only the paragraphs on screen, so a 10,000-word scene appears at
once, and it holds plain text only (rich text pasted in arrives as text). Its line spacing comes
from SpacedLayout, since the plain layout ignores block formats. Emphasis lives in the text as
*markers*, drawn styled by SceneHighlighter and toggled by toggle_emphasis. The body is read back
with toRawText so that non-breaking spaces and line separators survive untouched.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDropEvent,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QShowEvent,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QMenu, QPlainTextEdit, QWidget

from studio.ui.widgets.highlighter import SceneHighlighter
from studio.ui.widgets.spaced_layout import SpacedLayout

COLUMN_CHARACTERS = 70
MIN_SIDE_MARGIN = 40
LINE_HEIGHT_PERCENT = 150
SERIF_FAMILIES = (
    "Literata",
    "Charter",
    "Iowan Old Style",
    "Source Serif 4",
    "Source Serif Pro",
    "Georgia",
    "PT Serif",
    "Noto Serif",
    "DejaVu Serif",
)
_SAMPLE = "the quick brown fox jumps over a lazy dog, she said; "


def default_serif_family() -> str:
    available = set(QFontDatabase.families())
    for family in SERIF_FAMILIES:
        if family in available:
            return family
    return "Serif"


class SceneEditor(QPlainTextEdit):
    column_moved = Signal(int)  # the text column's left edge, in this widget's coordinates
    palette_changed = Signal()  # a theme brought new colours (the spelling underline follows)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sceneEditor")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        document = QTextDocument(self)
        self.spacing = SpacedLayout(document, LINE_HEIGHT_PERCENT / 100)
        document.setDocumentLayout(self.spacing)
        document.setDocumentMargin(36)
        self.setDocument(document)
        self._viewport = self.viewport()  # read at every key: one call into Qt, not two
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.highlighter = SceneHighlighter(document)
        self.loading = False
        # Builds the right-click menu for a viewport position (spelling puts its items first).
        self.menu_builder: Callable[[QPoint], QMenu] = self.createStandardContextMenu
        self.set_editor_font(default_serif_family(), 13)

    def changeEvent(self, event: QEvent) -> None:
        # An override, not an event filter: a filter would run Python for every event the editor
        # gets, each keystroke's included.
        super().changeEvent(event)
        kind = event.type()
        if kind == QEvent.Type.PaletteChange:
            self.palette_changed.emit()
        elif kind == QEvent.Type.StyleChange:
            self._fill_page()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fill_page()

    def _fill_page(self) -> None:
        # A style sheet giving the editor a background turns off the viewport's own fill and
        # paints the page behind it, so the viewport is transparent: every typed character then
        # repainted the main window, splitter, tabs and panel behind its line. The viewport fills
        # itself with its palette's Base (the page colour; the style sheet sets it too), the same
        # pixels, and being opaque it repaints alone. Done again after each (re)polish.
        self.viewport().setAutoFillBackground(True)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.spacing.guard()
        menu = self.menu_builder(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- text in and out -----------------------------------------------------------------------
    def set_body(self, body: str, *, lazy: bool = False) -> None:
        """Show body with no undo history; `loading` is set so changes are not taken as edits.

        lazy: highlight only the paragraphs on screen now and the rest in idle slices (a scene
        switch); otherwise every paragraph is highlighted before this returns.
        """
        self.loading = True
        document = self.document()
        try:
            document.setUndoRedoEnabled(False)
            with self.highlighter.deferred(lazy):
                self.setPlainText(body)
            document.setUndoRedoEnabled(True)
            document.setModified(False)
        finally:
            self.loading = False
        self.moveCursor(QTextCursor.MoveOperation.Start)
        if lazy:
            self.highlighter.catch_up(self.visible_blocks())

    def body(self) -> str:
        return self.document().toRawText().replace("\u2029", "\n")

    def visible_blocks(self) -> list[QTextBlock]:
        """The paragraphs on screen now, top to bottom (laid out, and spaced)."""
        blocks: list[QTextBlock] = []
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        while block.isValid():
            top = self.blockBoundingGeometry(block).translated(offset).top()
            if top > bottom:
                break
            blocks.append(block)
            block = block.next()
        return blocks

    def _scrolled(self) -> None:
        self.highlighter.show_blocks(self.visible_blocks)

    # -- appearance ----------------------------------------------------------------------------
    def set_editor_font(self, family: str, size: int) -> None:
        font = QFont(family or default_serif_family())
        font.setPointSize(size)
        font.setStyleHint(QFont.StyleHint.Serif)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._update_margins()

    def set_marker_colour(self, colour: QColor) -> None:
        self.highlighter.set_marker_colour(colour)

    def column_width(self) -> float:
        metrics = QFontMetricsF(self.font())
        return metrics.horizontalAdvance(_SAMPLE) / len(_SAMPLE) * COLUMN_CHARACTERS

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.spacing.guard()  # a new width clears every block's lines (also the viewport's resize)
        super().resizeEvent(event)
        self._update_margins()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A typed character changes the cursor's block, which documentChanged lays out and
        # spaces; everything else Qt measures for it and its repaint is on the page. When every
        # block there has its lines, Qt needs no Python to measure them, until something guards
        # again (see SpacedLayout). Any other key may move the cursor or the page anywhere.
        self.highlighter.postpone()
        text = event.text()
        if text and text.isprintable():
            if self.spacing.guarded and self._page_laid_out():
                self.spacing.unguard()
        else:
            self.spacing.guard()
        super().keyPressEvent(event)
        self._keep_caret_line_whole()

    def _keep_caret_line_whole(self) -> None:
        """Scroll down by whole lines while the caret's line is cut by the bottom edge.

        Qt scrolls a plain text edit line by line. To bring the caret's line into view it picks
        the first line that can top the page by that line's top, but a page that starts at a line
        really starts at the bottom of the line before it: SpacedLayout's half line above every
        line is not counted, and a line that wraps at the bottom of the page (or a new paragraph,
        a Page Down) can be left up to half below the edge. Only a line that straddles the edge
        is moved, a line or two; whatever Qt chose to leave off the page stays off it.
        """
        caret = self.cursorRect()
        bottom = self._viewport.height()
        if caret.bottom() < bottom or caret.top() >= bottom:
            # Whole on the page, nearly always: two calls into Qt per key (~2 us of ~270). Not
            # worth skipping: writers type at the bottom of the page, where every key must look.
            return
        bar = self.verticalScrollBar()
        while caret.bottom() >= bottom and caret.top() > 0 and bar.value() < bar.maximum():
            bar.setValue(bar.value() + 1)
            caret = self.cursorRect()

    def _page_laid_out(self) -> bool:
        return self.spacing.page_laid_out(
            self.firstVisibleBlock(),
            self.contentOffset().y(),
            self.viewport().height(),
            self.textCursor().blockNumber(),
        )

    # Whatever may make Qt measure blocks off the page guards first: the mouse (a drag past the
    # edge), a scroll, the context menu's undo, a drop, and moving the cursor from code (Qt then
    # walks up from the cursor to place the page).
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.spacing.guard()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.spacing.guard()
        super().mouseMoveEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.spacing.guard()
        super().mouseDoubleClickEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.spacing.guard()
        super().dropEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.spacing.guard()
        super().scrollContentsBy(dx, dy)

    def setTextCursor(self, cursor: QTextCursor) -> None:
        self.spacing.guard()
        super().setTextCursor(cursor)
        self._keep_caret_line_whole()

    def moveCursor(
        self,
        operation: QTextCursor.MoveOperation,
        mode: QTextCursor.MoveMode = QTextCursor.MoveMode.MoveAnchor,
    ) -> None:
        self.spacing.guard()
        super().moveCursor(operation, mode)
        self._keep_caret_line_whole()

    def ensureCursorVisible(self) -> None:
        self.spacing.guard()
        super().ensureCursorVisible()
        self._keep_caret_line_whole()

    def centerCursor(self) -> None:
        self.spacing.guard()
        super().centerCursor()

    def undo(self) -> None:
        self.spacing.guard()
        super().undo()
        self._keep_caret_line_whole()

    def redo(self) -> None:
        self.spacing.guard()
        super().redo()
        self._keep_caret_line_whole()

    def _update_margins(self) -> None:
        # The column is centred by the viewport's margins so that resizing never edits the
        # document (which would count as a change and touch the undo history).
        spare = self.width() - self.column_width() - 2 * self.document().documentMargin()
        # A narrow editor (a small window, the panels open) gives the margin back to the text
        # rather than wrapping a handful of words a line.
        side = max(min(MIN_SIDE_MARGIN, self.width() // 24), int(spare / 2))
        self.setViewportMargins(side, 0, side, 0)
        self.column_moved.emit(side + int(self.document().documentMargin()))

    # -- emphasis --------------------------------------------------------------------------------
    def toggle_emphasis(self, marker: str) -> None:
        """Wrap the selection (or the word at the cursor) in marker, or unwrap it if wrapped."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        text = self.document().toRawText()
        before = _run_of_stars(text, start, -1)
        after = _run_of_stars(text, end, 1)
        size = len(marker)
        wrapped = min(before, after) >= size and (size == 2 or min(before, after) != 2)
        cursor.beginEditBlock()
        if wrapped:
            self._remove(cursor, end, size)
            self._remove(cursor, start - size, size)
            start -= size
            end -= size
        else:
            cursor.setPosition(end)
            cursor.insertText(marker)
            cursor.setPosition(start)
            cursor.insertText(marker)
            start += size
            end += size
        cursor.endEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    @staticmethod
    def _remove(cursor: QTextCursor, position: int, size: int) -> None:
        cursor.setPosition(position)
        cursor.setPosition(position + size, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()


def _run_of_stars(text: str, position: int, step: int) -> int:
    """How many '*' touch position going left (step -1) or right (step 1)."""
    count = 0
    index = position - 1 if step < 0 else position
    while 0 <= index < len(text) and text[index] == "*":
        count += 1
        index += step
    return count
