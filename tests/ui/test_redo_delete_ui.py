"""Edit → Redo with the binder focused deletes again what Undo brought back (the same item, by
id); Edit → Undo / Redo say what they would undo or redo there, and are plainly named elsewhere
(the editor's own undo and redo unchanged)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from studio.ui.main_window import MainWindow
from tests.services.test_undo_delete import dump
from tests.ui.conftest import OPENING
from tests.ui.helpers import binder_index, scene_titles, stored_binder

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def _yes_to_every_question(asked: list[str]) -> list[str]:
    return asked


def _delete(window: MainWindow, kind: str, title: str) -> None:
    ref = window.binder.model.ref(binder_index(window, kind, title))
    assert window.binder.delete_item(ref, title)


def _focus(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


def _edit_menu_texts(window: MainWindow) -> tuple[str, str]:
    """Edit → Undo's and Redo's texts as the opened Edit menu shows them."""
    actions = window.menu_actions
    [menu] = [m for m in actions.undo.associatedObjects() if isinstance(m, QMenu)]
    menu.popup(window.mapToGlobal(QPoint(10, 10)))
    try:
        return actions.undo.text(), actions.redo.text()
    finally:
        menu.close()


def test_redo_deletes_again_and_undo_brings_back_again(
    qtbot: QtBot, opened: MainWindow, project_path: Path, asked: list[str]
) -> None:
    before = dump(project_path)
    _delete(opened, "chapter", "The Wine Buyer")
    deleted = dump(project_path)
    tree = opened.binder.tree
    _focus(qtbot, opened, tree)
    qtbot.keyClick(tree, Qt.Key.Key_Z, CTRL)
    assert dump(project_path) == before
    tree.setCurrentIndex(binder_index(opened, "scene", "Basil pots"))
    assert opened.editor.editor.body() == OPENING
    _focus(qtbot, opened, tree)
    qtbot.keyClick(tree, Qt.Key.Key_Z, CTRL | SHIFT)
    assert dump(project_path) == deleted  # the same rows gone as by the first delete
    assert len(asked) == 1  # deleting again does not ask again: Undo brings it back
    assert scene_titles(stored_binder(project_path)) == [["Sardines", "The wheel"]]
    assert opened.status.currentMessage().startswith("Deleted chapter “The Wine Buyer”")
    assert opened.editor.scene_id is None  # its scene was open: the editor lets it go again
    _focus(qtbot, opened, tree)
    qtbot.keyClick(tree, Qt.Key.Key_Z, CTRL)
    assert dump(project_path) == before
    opened.binder.tree.setCurrentIndex(binder_index(opened, "scene", "Basil pots"))
    assert opened.editor.editor.body() == OPENING


def test_redo_deletes_the_item_by_its_id_wherever_it_is_now(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    before = dump(project_path)
    _delete(opened, "character", "The Deacon")
    deleted = dump(project_path)
    assert opened.binder.undo_delete()
    index = binder_index(opened, "character", "The Deacon")
    deacon = opened.binder.model.ref(index)
    entries = dict(opened.binder._menu_entries(deacon, index))  # the context menu offers it too
    assert "Redo Delete of character “The Deacon”" in entries
    _delete(opened, "location", "Alfama café")  # a new delete: nothing left to redo
    assert opened.binder.redo_label() is None and not opened.binder.redo_delete()
    assert opened.binder.undo_delete()  # the café back; The Deacon stays
    assert dump(project_path) == before
    assert opened.binder.redo_label() == "location “Alfama café”"
    assert opened.binder.redo_delete()
    assert opened.binder.undo_delete()
    assert opened.binder.model.ref(binder_index(opened, "character", "The Deacon")) == deacon
    assert dump(project_path) == before
    _delete(opened, "character", "The Deacon")
    assert dump(project_path) == deleted


def test_edit_menu_says_what_undo_and_redo_do_in_the_binder(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    editor = opened.editor.editor
    tree = opened.binder.tree
    _focus(qtbot, opened, tree)
    assert _edit_menu_texts(opened) == ("&Undo", "&Redo")  # nothing deleted yet
    _delete(opened, "character", "The Deacon")
    assert _edit_menu_texts(opened) == ("&Undo Delete of character “The Deacon”", "&Redo")
    _focus(qtbot, opened, editor)
    assert _edit_menu_texts(opened) == ("&Undo", "&Redo")
    _focus(qtbot, opened, tree)
    opened.menu_actions.undo.trigger()
    assert opened.binder.model.ref(tree.currentIndex()).kind == "character"
    _focus(qtbot, opened, tree)
    assert _edit_menu_texts(opened) == ("&Undo", "&Redo Delete of character “The Deacon”")
    opened.menu_actions.redo.trigger()
    assert _edit_menu_texts(opened) == ("&Undo Delete of character “The Deacon”", "&Redo")


def test_a_title_with_an_ampersand_reads_whole_in_the_menu(
    qtbot: QtBot, opened: MainWindow
) -> None:
    index = binder_index(opened, "location", "Alfama café")
    assert opened.binder.model.setData(index, "Salt & Pepper", Qt.ItemDataRole.EditRole)
    _delete(opened, "location", "Salt & Pepper")
    _focus(qtbot, opened, opened.binder.tree)
    undo, _redo = _edit_menu_texts(opened)
    assert undo == "&Undo Delete of location “Salt && Pepper”"


def test_the_editor_keeps_its_own_undo_and_redo(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    _delete(opened, "character", "Daniel")
    deleted = dump(project_path)
    editor = opened.editor.editor
    _focus(qtbot, opened, editor)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " More")
    assert editor.body() == OPENING + " More"
    opened.menu_actions.undo.trigger()
    assert editor.body() == OPENING
    opened.menu_actions.redo.trigger()
    assert editor.body() == OPENING + " More"
    assert opened.save_all()
    assert dump(project_path)["character"] == deleted["character"]  # Daniel still deleted
    assert opened.binder.undo_label() == "character “Daniel”"


def test_redo_with_nothing_brought_back_changes_nothing(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    before = dump(project_path)
    body = opened.editor.editor.body()
    _focus(qtbot, opened, opened.binder.tree)
    opened.menu_actions.redo.trigger()
    assert dump(project_path) == before
    assert opened.editor.editor.body() == body
    assert opened.status.currentMessage() == "Nothing brought back to delete again"
