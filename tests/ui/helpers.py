"""Reading what a window saved, the way another process would: through a fresh service."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from studio.core.domain import Binder
from studio.services.project import open_project

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def stored_body(path: Path, scene_id: int) -> str:
    """The body in the database now (read-only: the window keeps the project's lock)."""
    with open_project(path, read_only=True) as project:
        return project.manuscript.scene(scene_id).body


def stored_binder(path: Path) -> Binder:
    with open_project(path, read_only=True) as project:
        return project.manuscript.binder()


def scene_titles(binder: Binder) -> list[list[str]]:
    return [[s.title for s in c.scenes] for c in binder.chapters()]


def binder_index(window: MainWindow, kind: str, title: str) -> QModelIndex:
    """The binder row of the kind ('scene', 'chapter'…) titled title; the test fails if none."""
    model = window.binder.model
    found = model.match(
        model.index(0, 0),
        Qt.ItemDataRole.DisplayRole,
        title,
        -1,
        Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly,
    )
    matches = [i for i in found if model.ref(i).kind == kind]
    assert matches, f"no {kind} {title!r} in the binder"
    return matches[0]


def settle() -> None:
    """A few passes of the event loop: layouts that follow a resize or a tab change done."""
    for _ in range(3):
        QApplication.processEvents()


def type_at_end(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """text typed key by key at the end of the scene in the editor."""
    editor = window.editor.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, text)
