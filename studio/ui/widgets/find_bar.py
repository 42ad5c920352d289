"""Find and Replace in the scene: a slim bar under the text; Enter finds the next match, Esc
closes it.

Edit → Find in Scene… (Ctrl+F) shows the find row and its options; Edit → Replace… (Ctrl+H)
shows the replace row too. The options are those of Find in Project (match case, whole words,
Python regular expressions) and so is the matching: the pattern is compiled by the search
service, so a scene and the book find the same things. Replace All is one undo step.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.errors import SafehouseError
from studio.ui.widgets.scene_editor import SceneEditor

if TYPE_CHECKING:
    from collections.abc import Iterator

_WIDE = re.compile("[\U00010000-\U0010ffff]")


class FindBar(QWidget):
    closed = Signal()
    # A line for the status bar: "Replaced 3 in this scene".
    message_posted = Signal(str)

    def __init__(self, editor: SceneEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._editor = editor
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in this scene")
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.find_next)
        self.result = QLabel("", self)
        self.result.setObjectName("muted")
        # Arrows, not words: the editor may be ~300 px wide in a small window.
        previous = QToolButton(self)
        previous.setArrowType(Qt.ArrowType.UpArrow)
        previous.setToolTip("Previous match")
        previous.clicked.connect(self.find_previous)
        following = QToolButton(self)
        following.setArrowType(Qt.ArrowType.DownArrow)
        following.setToolTip("Next match (Enter)")
        following.clicked.connect(self.find_next)
        done = QPushButton("Done", self)
        done.clicked.connect(self.close_bar)
        self.match_case = QCheckBox("Match case", self)
        self.whole_words = QCheckBox("Whole words", self)
        self.regex = QCheckBox("Regex", self)
        self.regex.setToolTip(
            "Python regular expression; ^ and $ match at each line, and the replacement "
            "may use its groups: \\1, \\g<name>"
        )
        for box in (self.match_case, self.whole_words, self.regex):
            box.toggled.connect(lambda: self.result.setText(""))
        self.replacement = QLineEdit(self)
        self.replacement.setPlaceholderText("Replace with")
        self.replacement.setClearButtonEnabled(True)
        self.replacement.returnPressed.connect(self.replace)
        self.replace_one = QPushButton("Replace", self)
        self.replace_one.setToolTip("Replace this match, then find the next")
        self.replace_one.clicked.connect(self.replace)
        self.replace_every = QPushButton("Replace All", self)
        self.replace_every.setToolTip("Replace every match in this scene (one Undo puts it back)")
        self.replace_every.clicked.connect(self.replace_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(4)
        rows = (
            (self.field, previous, following, done),
            (self.match_case, self.whole_words, self.regex, self.result),
            (self.replacement, self.replace_one, self.replace_every),
        )
        for row in rows:
            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            for widget in row:
                line.addWidget(widget)
            line.setStretch(0 if row[0] is not self.match_case else 3, 1)  # fields, the result
            layout.addLayout(line)
        self.result.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._replace_row = (self.replacement, self.replace_one, self.replace_every)
        self.hide()

    @property
    def replacing(self) -> bool:
        return not self.replacement.isHidden()

    def open_bar(self, *, replace: bool = False) -> None:
        """Show the bar (with the replace row if replace) with the selection to look for."""
        for widget in self._replace_row:
            widget.setVisible(replace)
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.result.setText("")
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._editor.setFocus()
        self.closed.emit()

    # -- finding ---------------------------------------------------------------------------------
    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _find(self, *, backward: bool) -> bool:
        pattern = self._pattern()
        if pattern is None:
            return False
        text = SceneText(self._editor.body())
        cursor = self._editor.textCursor()
        start = text.index(cursor.selectionStart())
        end = text.index(cursor.selectionEnd())
        spans = list(_spans(pattern, text.text))
        if backward:
            # Wrap around once, as writers expect, before saying there is nothing.
            before = [span for span in spans if span[0] < start]
            found = before[-1] if before else (spans[-1] if spans else None)
        else:
            after = (span for span in spans if span[0] >= end and span != (start, end))
            found = next(after, spans[0] if spans else None)
        self.result.setText("" if found else "Not found")
        if found is not None:
            self._select(text, *found)
        return found is not None

    def _pattern(self) -> re.Pattern[str] | None:
        """The search as a compiled pattern, or None (nothing typed, or a bad pattern: said)."""
        if not self.field.text():
            return None
        from studio.services.search import compile_pattern  # with the project, not at startup

        try:
            return compile_pattern(
                self.field.text(),
                regex=self.regex.isChecked(),
                case_sensitive=self.match_case.isChecked(),
                whole_words=self.whole_words.isChecked(),
            )
        except SafehouseError as error:
            self.result.setText("Not a valid pattern")
            self.result.setToolTip(str(error))
            return None

    def _select(self, text: SceneText, start: int, end: int) -> None:
        cursor = self._editor.textCursor()
        cursor.setPosition(text.position(start))
        cursor.setPosition(text.position(end), QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(cursor)  # guards the spacing: the page may move far
        self._editor.ensureCursorVisible()

    # -- replacing -------------------------------------------------------------------------------
    def replace(self) -> bool:
        """Replace the selected match (if the selection is one), then select the next match."""
        pattern = self._pattern()
        if pattern is None or self._editor.isReadOnly():
            return False
        text = SceneText(self._editor.body())
        cursor = self._editor.textCursor()
        start = text.index(cursor.selectionStart())
        end = text.index(cursor.selectionEnd())
        match = pattern.match(text.text, start) if end > start else None
        if match is None or match.end() != end:
            return self.find_next()  # the first press finds the match to replace
        replacement = self._expand(match)
        if replacement is None:
            return False
        cursor.beginEditBlock()
        cursor.insertText(replacement)
        cursor.endEditBlock()
        self._editor.setTextCursor(cursor)  # just after the replacement: next is found from here
        self.find_next()
        return True

    def replace_all(self) -> int:
        """Replace every match in the scene, as one undo step; returns how many."""
        pattern = self._pattern()
        if pattern is None or self._editor.isReadOnly():
            return 0
        text = SceneText(self._editor.body())
        matches = [m for m in pattern.finditer(text.text) if m.end() > m.start()]
        replacements = [self._expand(match) for match in matches]
        if any(replacement is None for replacement in replacements):
            return 0
        if matches:
            self._editor.spacing.guard()  # blocks anywhere in the scene change
            cursor = QTextCursor(self._editor.document())
            cursor.beginEditBlock()
            # From the last match back, so that each match's position is still where it was.
            for match, replacement in zip(reversed(matches), reversed(replacements), strict=True):
                cursor.setPosition(text.position(match.start()))
                cursor.setPosition(text.position(match.end()), QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(replacement or "")
            cursor.endEditBlock()
        count = len(matches)
        self.result.setText("Not found" if not count else "")
        self.message_posted.emit(f"Replaced {count:,} in this scene")
        return count

    def _expand(self, match: re.Match[str]) -> str | None:
        """The replacement for match: as typed, or a regex template filled in (None if bad)."""
        replacement = self.replacement.text()
        if not self.regex.isChecked():
            return replacement
        try:
            return match.expand(replacement)
        except (re.error, IndexError) as error:
            self.result.setText("Not a valid replacement")
            self.result.setToolTip(f"{error}: write a group as \\1 or \\g<name>")
            return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)


class SceneText:
    """The scene's text as Python indexes it, and Qt's positions in it: Qt counts UTF-16 units,
    so a character beyond the Basic Multilingual Plane (an emoji) takes two positions."""

    def __init__(self, text: str) -> None:
        self.text = text
        wide = [] if text.isascii() else [m.start() for m in _WIDE.finditer(text)]
        self._wide = wide
        self._wide_positions = [index + count for count, index in enumerate(wide)]

    def position(self, index: int) -> int:
        return index + bisect_left(self._wide, index)

    def index(self, position: int) -> int:
        return position - bisect_left(self._wide_positions, position)


def _spans(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """Where pattern matches in text, empty matches left out (as in Find in Project)."""
    for match in pattern.finditer(text):
        if match.end() > match.start():
            yield match.span()
