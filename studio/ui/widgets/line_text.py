"""Filling text fields: a one-line field shows the start of a long value, not its end; a text
read again after a save leaves the writer's cursor where it was."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit


def show_text(edit: QLineEdit, text: str) -> None:
    """setText, then the cursor (and so the view) at the start, unless the writer is in it."""
    edit.setText(text)
    if not edit.hasFocus():
        edit.setCursorPosition(0)


def show_plain_text(edit: QPlainTextEdit, text: str, *, again: bool) -> None:
    """setPlainText; but when again (the same item read anew after a save) and the text is as it
    was, nothing: the writer's cursor, scroll and undo in it stay where they were."""
    if not (again and edit.toPlainText() == text):
        edit.setPlainText(text)
