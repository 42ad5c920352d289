"""Filling a one-line field so that it shows the start of a long value, not its end."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit


def show_text(edit: QLineEdit, text: str) -> None:
    """setText, then the cursor (and so the view) at the start, unless the writer is in it."""
    edit.setText(text)
    if not edit.hasFocus():
        edit.setCursorPosition(0)
