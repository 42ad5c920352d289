"""Find in the scene: a slim bar under the text; Enter finds the next match, Esc closes it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from studio.ui.widgets.scene_editor import SceneEditor


class FindBar(QWidget):
    closed = Signal()

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
        previous = QPushButton("Previous", self)
        previous.clicked.connect(self.find_previous)
        following = QPushButton("Next", self)
        following.clicked.connect(self.find_next)
        done = QPushButton("Done", self)
        done.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.result)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(done)
        self.hide()

    def open_bar(self) -> None:
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._editor.setFocus()
        self.closed.emit()

    def find_next(self) -> bool:
        return self._find(QTextDocument.FindFlag(0))

    def find_previous(self) -> bool:
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _find(self, flags: QTextDocument.FindFlag) -> bool:
        text = self.field.text()
        if not text:
            return False
        # find moves the cursor anywhere and Qt places the page from there: blocks it measures
        # may have no lines yet.
        self._editor.spacing.guard()
        found = self._editor.find(text, flags)
        if not found:
            # Wrap around once, as writers expect, before saying there is nothing.
            cursor = self._editor.textCursor()
            backward = bool(flags & QTextDocument.FindFlag.FindBackward)
            cursor.movePosition(
                cursor.MoveOperation.End if backward else cursor.MoveOperation.Start
            )
            self._editor.setTextCursor(cursor)
            found = self._editor.find(text, flags)
        self.result.setText("" if found else "Not found")
        return found

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
