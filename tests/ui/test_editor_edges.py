"""The editor's edges: typing at the bottom of the page keeps the caret's line whole on screen,
and the scene header is one line however narrow the editor."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from studio.ui.main_window import MainWindow
from studio.ui.panels.editor import SEPARATOR, elided_header
from studio.ui.widgets.scene_editor import SceneEditor

PARAGRAPH = "The courier waited by the tram stop and counted the *slips* twice before she left. "
HEIGHTS = range(700, 736, 4)  # over a spaced line: the caret's line meets the edge anywhere


def _caret_is_whole(editor: SceneEditor) -> bool:
    caret = editor.cursorRect()
    return caret.top() >= 0 and caret.bottom() < editor.viewport().height()


def _at_end_of_last_whole_line(editor: SceneEditor) -> None:
    """The caret at the end of the lowest line wholly on the page, as a writer left it."""
    bottom = editor.viewport().height()
    y = bottom - 1
    cursor = editor.cursorForPosition(QPoint(10, y))
    while editor.cursorRect(cursor).bottom() >= bottom:
        y -= 4
        cursor = editor.cursorForPosition(QPoint(10, y))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfLine)
    editor.setTextCursor(cursor)


def _each_height(window: MainWindow, body: str, act: Callable[[SceneEditor], None]) -> None:
    editor = window.editor.editor
    for height in HEIGHTS:
        window.resize(1280, height)
        editor.set_body(body)
        editor.setFocus()
        QApplication.processEvents()
        act(editor)
        QApplication.processEvents()  # painted: what the writer sees
        assert _caret_is_whole(editor), f"window height {height}: {editor.cursorRect()}"


def _caret_line(editor: SceneEditor) -> tuple[int, int]:
    """The caret's paragraph and line in it (its place on screen moves when the page scrolls)."""
    cursor = editor.textCursor()
    line = cursor.block().layout().lineForTextPosition(cursor.positionInBlock())
    return cursor.blockNumber(), line.lineNumber()


def _type_until_the_line_wraps(qtbot: QtBot, editor: SceneEditor) -> None:
    line = _caret_line(editor)
    for _ in range(120):
        qtbot.keyClick(editor, "a")
        QApplication.processEvents()  # painted between keys, as when a writer types
        if _caret_line(editor) != line:
            return
    pytest.fail("the line never wrapped")


def test_a_line_that_wraps_at_the_bottom_of_the_page_stays_whole_on_screen(
    qtbot: QtBot, opened: MainWindow
) -> None:
    def wrap_at_the_bottom(editor: SceneEditor) -> None:
        _at_end_of_last_whole_line(editor)
        QApplication.processEvents()
        _type_until_the_line_wraps(qtbot, editor)
        assert _caret_is_whole(editor)
        # Again with letters typed before on a painted page: Qt measures alone (unguarded).
        editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
        editor.moveCursor(QTextCursor.MoveOperation.StartOfLine)
        QApplication.processEvents()
        _type_until_the_line_wraps(qtbot, editor)

    _each_height(opened, "\n".join([PARAGRAPH * 4] * 40), wrap_at_the_bottom)


def test_a_word_carried_to_the_next_line_inside_a_paragraph_stays_whole_on_screen(
    qtbot: QtBot, opened: MainWindow
) -> None:
    # The paragraph keeps its line count: the word being typed moves down, the text after it
    # fills the room left on the last line.
    def wrap_inside(editor: SceneEditor) -> None:
        _at_end_of_last_whole_line(editor)
        cursor = editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.PreviousWord)
        editor.setTextCursor(cursor)
        QApplication.processEvents()
        _type_until_the_line_wraps(qtbot, editor)

    short_last_line = PARAGRAPH * 4 + "She left."
    _each_height(opened, "\n".join([short_last_line] * 40), wrap_inside)


def test_a_new_paragraph_at_the_bottom_of_the_page_stays_whole_on_screen(
    qtbot: QtBot, opened: MainWindow
) -> None:
    def enter(editor: SceneEditor) -> None:
        _at_end_of_last_whole_line(editor)
        editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
        QApplication.processEvents()
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        assert _caret_is_whole(editor)
        qtbot.keyClicks(editor, "Then")

    _each_height(opened, "\n".join([PARAGRAPH * 2] * 60), enter)


def test_typing_at_the_end_of_the_scene_and_after_page_down_stays_whole_on_screen(
    qtbot: QtBot, opened: MainWindow
) -> None:
    def at_the_end(editor: SceneEditor) -> None:
        editor.moveCursor(QTextCursor.MoveOperation.End)
        QApplication.processEvents()
        for _ in range(3):
            _type_until_the_line_wraps(qtbot, editor)
            assert _caret_is_whole(editor)

    def page_down(editor: SceneEditor) -> None:
        for _ in range(3):
            qtbot.keyClick(editor, Qt.Key.Key_PageDown)
            assert _caret_is_whole(editor)
            _type_until_the_line_wraps(qtbot, editor)
            assert _caret_is_whole(editor)

    body = "\n".join([PARAGRAPH * 3] * 40)
    _each_height(opened, body, at_the_end)
    _each_height(opened, body, page_down)


@pytest.mark.parametrize("overwrite", [False, True])
def test_typing_down_to_the_bottom_of_the_page_keeps_every_line_whole_on_screen(
    qtbot: QtBot, opened: MainWindow, overwrite: bool
) -> None:
    # Words typed well above the edge wrap line after line until the caret reaches the bottom
    # and the page scrolls: no key along the way leaves the caret's line cut by the edge. Typed
    # over (overwrite mode) the paragraph keeps its lines and only the caret goes down.
    opened.editor.editor.setOverwriteMode(overwrite)

    def type_down(editor: SceneEditor) -> None:
        _at_end_of_last_whole_line(editor)
        cursor = editor.textCursor()
        for _ in range(8):
            cursor.movePosition(QTextCursor.MoveOperation.Up)
        editor.setTextCursor(cursor)
        QApplication.processEvents()
        start = _caret_line(editor)
        for number in range(500):
            qtbot.keyClick(editor, " " if number % 6 == 5 else "a")
            QApplication.processEvents()
            assert _caret_is_whole(editor), f"key {number}: {editor.cursorRect()}"
        assert editor.verticalScrollBar().value() > 0 and _caret_line(editor) != start

    _each_height(opened, "\n".join([PARAGRAPH * 12] * 12), type_down)


# -- the scene header --------------------------------------------------------------------------
def test_the_scene_header_is_one_line_in_a_small_window_with_the_whole_text_in_its_tooltip(
    opened: MainWindow,
) -> None:
    header = opened.editor.header
    opened.resize(1440, 900)
    QApplication.processEvents()
    whole = header.text()
    wide_height = header.height()
    assert elided_header(whole, header.fontMetrics(), header.contentsRect().width()) == whole
    opened.resize(800, 600)
    QApplication.processEvents()
    assert header.text() == whole and header.toolTip() == whole
    assert header.height() == wide_height  # one line, as in the wide window
    assert header.height() < 2 * header.fontMetrics().lineSpacing() + 24  # 14 + 10 of margins
    shown = elided_header(whole, header.fontMetrics(), header.contentsRect().width())
    assert shown.startswith("Basil pots  ·  ") and shown.endswith("\u2026")
    assert header.fontMetrics().horizontalAdvance(shown) <= header.contentsRect().width()
    assert opened.editor.editor.width() < 800  # the header asks no width of the window


def test_the_header_elides_from_the_end_and_the_title_goes_last(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    metrics = label.fontMetrics()
    parts = ["The Wine Buyer", "POV\u00a0Katya", "Café\u00a0Andorinha,\u00a0Alfama", "2019-06-12"]
    whole = SEPARATOR.join(parts)
    width = metrics.horizontalAdvance(whole)
    assert elided_header(whole, metrics, width) == whole
    narrowest = metrics.horizontalAdvance("The W\u2026")
    seen = [elided_header(whole, metrics, w) for w in range(width, narrowest, -3)]
    for w, shown in zip(range(width, narrowest, -3), seen, strict=True):
        assert metrics.horizontalAdvance(shown) <= w
        kept = shown.split(SEPARATOR)
        # Whole parts first, then at most one elided part; never a dangling separator.
        assert all(part == parts[i] for i, part in enumerate(kept[:-1]))
        assert kept[-1] and (kept[-1] == parts[len(kept) - 1] or kept[-1].endswith("\u2026"))
    assert any(s.startswith(SEPARATOR.join(parts[:2]) + SEPARATOR + "Café") for s in seen)
    assert seen[-1].startswith("T") and SEPARATOR not in seen[-1]  # the title, elided, last
