"""Deleting in the binder can be taken back: Edit → Undo (binder focused) or the context menu's
Undo Delete restores the newest delete, selects it, and its scenes open with their words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.ui.main_window import MainWindow
from studio.ui.models.binder_model import ItemRef
from tests.services.test_undo_delete import dump
from tests.ui.conftest import OPENING
from tests.ui.helpers import binder_index, scene_titles, stored_binder


def _delete(window: MainWindow, kind: str, title: str) -> None:
    ref = window.binder.model.ref(binder_index(window, kind, title))
    assert window.binder.delete_item(ref, title)


def _undo_in_binder(qtbot: QtBot, window: MainWindow) -> None:
    """Edit → Undo as the writer gives it: the binder has the focus."""
    window.activateWindow()
    window.binder.focus_tree()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.binder.tree, timeout=2000)
    window.menu_actions.undo.trigger()


def test_a_deleted_chapter_comes_back_and_its_scenes_open_with_their_words(
    qtbot: QtBot, opened: MainWindow, project_path: Path, asked: list[str]
) -> None:
    before = dump(project_path)
    basil = opened.editor.scene_id
    _delete(opened, "chapter", "The Wine Buyer")
    assert "The Wine Buyer" in asked[0] and "cannot be undone" not in asked[0]
    message = opened.status.currentMessage()
    assert message == ("Deleted chapter “The Wine Buyer” (2 scenes) — Edit → Undo brings it back")
    assert opened.editor.scene_id is None  # its scene was open: the editor lets it go
    assert scene_titles(stored_binder(project_path)) == [["Sardines", "The wheel"]]

    _undo_in_binder(qtbot, opened)
    assert dump(project_path) == before
    assert opened.binder.model.ref(opened.binder.tree.currentIndex()) == ItemRef(
        "chapter", stored_binder(project_path).chapters()[0].chapter.id
    )
    assert "Brought back chapter “The Wine Buyer”" in opened.status.currentMessage()
    opened.binder.tree.setCurrentIndex(binder_index(opened, "scene", "Basil pots"))
    assert opened.editor.scene_id == basil
    assert opened.editor.editor.body() == OPENING
    opened.binder.tree.setCurrentIndex(binder_index(opened, "scene", "Line twenty-eight"))
    assert opened.editor.editor.body() == "The tram climbed, complaining."


def test_several_deletes_come_back_newest_first_from_the_context_menu(
    opened: MainWindow, project_path: Path, asked: list[str]
) -> None:
    before = dump(project_path)
    _delete(opened, "scene", "Sardines")
    _delete(opened, "character", "Daniel")  # no words go with a character: not asked
    _delete(opened, "scene", "The wheel")  # an empty scene: not asked
    assert len(asked) == 1
    binder = opened.binder
    for expected in ("scene", "character", "scene"):
        index = binder_index(opened, "chapter", "The Wine Buyer")
        entries = dict(binder._menu_entries(binder.model.ref(index), index))
        [label] = [label for label in entries if label.startswith("Undo Delete")]
        assert expected in label
        entries[label]()
    assert dump(project_path) == before
    assert not binder.can_undo_delete()
    index = binder_index(opened, "scene", "Sardines")
    assert not any(
        label.startswith("Undo")
        for label, _ in binder._menu_entries(binder.model.ref(index), index)
    )


def test_undo_with_nothing_deleted_changes_nothing(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    before = dump(project_path)
    body = opened.editor.editor.body()
    _undo_in_binder(qtbot, opened)
    assert opened.binder.undo_delete() is False
    assert dump(project_path) == before
    assert opened.editor.editor.body() == body  # the editor's text was not undone either
    assert opened.status.currentMessage() == "Nothing deleted to bring back"


def test_words_typed_just_before_the_delete_come_back_too(
    qtbot: QtBot, opened: MainWindow, asked: list[str]
) -> None:
    editor = opened.editor.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Last words")  # not yet autosaved
    _delete(opened, "scene", "Basil pots")
    _undo_in_binder(qtbot, opened)
    assert opened.editor.scene_id is not None  # the scene brought back is selected and open
    assert opened.editor.editor.body() == OPENING + " Last words"


def test_a_closed_project_forgets_its_deletes(
    opened: MainWindow, project_path: Path, asked: list[str]
) -> None:
    _delete(opened, "location", "Alfama café")
    opened.close_project()
    assert opened.open_project_path(project_path)
    assert not opened.binder.can_undo_delete()
