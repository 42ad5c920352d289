"""The binder: reordering by drag and drop is saved at once; add, rename and delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.ui.main_window import MainWindow
from studio.ui.models.binder_model import ItemRef, at_column
from tests.ui.helpers import binder_index, scene_titles, stored_binder


def _drop(qtbot: QtBot, window: MainWindow, kind: str, title: str, row: int, parent) -> None:  # type: ignore[no-untyped-def]
    model = window.binder.model
    data = model.mimeData([binder_index(window, kind, title)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)
    with qtbot.waitSignal(window.binder.outline_changed, timeout=1000):  # the rebuilt view
        model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)


def test_the_binder_shows_chapters_scenes_counts_and_the_bible(opened: MainWindow) -> None:
    model = opened.binder.model
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top == ["Manuscript", "Characters", "Locations", "Plot threads"]
    basil = binder_index(opened, "scene", "Basil pots")
    assert int(basil.siblingAtColumn(1).data().replace(",", "")) > 40
    assert binder_index(opened, "character", "Katya").isValid()
    assert binder_index(opened, "thread", "Operation Basil").isValid()


def test_dragging_a_scene_to_another_chapter_persists(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    chapter_two = binder_index(opened, "chapter", "Saint Anthony's Night")
    _drop(qtbot, opened, "scene", "Basil pots", 1, chapter_two)  # between Sardines and The wheel
    expected = [["Line twenty-eight"], ["Sardines", "Basil pots", "The wheel"]]
    assert scene_titles(stored_binder(project_path)) == expected
    opened.close()
    assert scene_titles(stored_binder(project_path)) == expected  # and after reopening


def test_dragging_a_scene_down_within_its_chapter(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    chapter_one = binder_index(opened, "chapter", "The Wine Buyer")
    _drop(qtbot, opened, "scene", "Basil pots", 2, chapter_one)  # below Line twenty-eight
    assert scene_titles(stored_binder(project_path))[0] == ["Line twenty-eight", "Basil pots"]
    shown = [
        opened.binder.model.index(r, 0, binder_index(opened, "chapter", "The Wine Buyer")).data()
        for r in range(2)
    ]
    assert shown == ["Line twenty-eight", "Basil pots"]


def test_dropping_a_chapter_on_another_puts_it_after(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    target = binder_index(opened, "chapter", "Saint Anthony's Night")
    _drop(qtbot, opened, "chapter", "The Wine Buyer", -1, target)
    chapters = [c.chapter.title for c in stored_binder(project_path).chapters()]
    assert chapters == ["Saint Anthony's Night", "The Wine Buyer"]


def test_a_scene_cannot_be_dropped_among_the_characters(opened: MainWindow) -> None:
    model = opened.binder.model
    data = model.mimeData([binder_index(opened, "scene", "Sardines")])
    characters = model.index(1, 0)
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, characters)


def test_renaming_in_place_is_saved(opened: MainWindow, project_path: Path) -> None:
    index = binder_index(opened, "scene", "Sardines")
    assert opened.binder.model.setData(index, "Sardines at midnight")
    assert "Sardines at midnight" in scene_titles(stored_binder(project_path))[1]


def test_adding_a_scene_creates_it_and_starts_renaming(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    chapter = binder_index(opened, "chapter", "The Wine Buyer")
    opened.binder.add_scene(opened.binder.model.ref(chapter).id)
    assert scene_titles(stored_binder(project_path))[0][-1] == "New scene"
    assert opened.binder.tree.state() == opened.binder.tree.State.EditingState


def test_deleting_asks_first_and_clears_the_open_scene(
    opened: MainWindow, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[str] = []
    monkeypatch.setattr(
        "studio.ui.panels.binder.confirm", lambda _p, _t, text, _a: answers.append(text) or False
    )
    scene_id = opened.editor.scene_id
    ref = ItemRef("scene", scene_id)
    assert not opened.binder.delete_item(ref, "Basil pots")
    assert "Basil pots" in answers[0] and "cannot be undone" not in answers[0]
    assert len(stored_binder(project_path).scenes()) == 4  # said no: nothing deleted
    monkeypatch.setattr("studio.ui.panels.binder.confirm", lambda *_a: True)
    assert opened.binder.delete_item(ref, "Basil pots")
    assert len(stored_binder(project_path).scenes()) == 3
    assert opened.editor.scene_id is None
    assert opened.editor.editor.isReadOnly()


def test_a_rebuild_keeps_what_was_collapsed_and_each_row_can_do_what_it_could(
    opened: MainWindow,
) -> None:
    tree, model = opened.binder.tree, opened.binder.model
    tree.collapse(binder_index(opened, "chapter", "Saint Anthony's Night"))  # not the open scene's
    tree.expand(binder_index(opened, "characters", "Characters"))
    opened.binder.reload()
    assert not tree.isExpanded(binder_index(opened, "chapter", "Saint Anthony's Night"))
    assert tree.isExpanded(binder_index(opened, "chapter", "The Wine Buyer"))
    assert tree.isExpanded(binder_index(opened, "characters", "Characters"))
    assert not tree.isExpanded(binder_index(opened, "locations", "Locations"))
    flag = Qt.ItemFlag
    scene = model.flags(binder_index(opened, "scene", "Basil pots"))
    assert scene & flag.ItemIsDragEnabled and scene & flag.ItemIsEditable
    section = model.flags(binder_index(opened, "characters", "Characters"))
    assert not section & (flag.ItemIsEditable | flag.ItemIsDragEnabled | flag.ItemIsDropEnabled)
    character = model.flags(binder_index(opened, "character", "Katya"))
    assert character & flag.ItemIsEditable and not character & flag.ItemIsDragEnabled
    words = model.flags(at_column(binder_index(opened, "scene", "Basil pots"), 1))
    assert not words & flag.ItemIsEditable
    assert (
        model.words_of(binder_index(opened, "scene", "Sardines")) == 4
    )  # "Smoke over the square."


def test_a_save_updates_the_scene_chapter_and_book_counts_and_the_column_fits_them(
    qtbot: QtBot, opened: MainWindow
) -> None:
    model, tree = opened.binder.model, opened.binder.tree
    scene = binder_index(opened, "scene", "Basil pots")
    counts = [model.words_of(i) for i in (scene, scene.parent(), model.index(0, 0))]
    editor = opened.editor.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Three more words")
    assert opened.editor.save_now()
    after = [model.words_of(i) for i in (scene, scene.parent(), model.index(0, 0))]
    assert after == [count + 3 for count in counts]
    assert scene.siblingAtColumn(1).data() == f"{after[0]:,}"
    assert opened.status.chapter_words.text() == f"Chapter {after[1]:,}"
    assert opened.status.book_words.text() == f"Book {after[2]:,}"

    def fitted() -> int:  # what ResizeToContents gives the words column
        return max(tree.sizeHintForColumn(1), tree.header().sectionSizeHint(1))

    assert tree.header().sectionSize(1) == fitted()
    scene_id = model.ref(scene).id
    assert scene_id is not None
    opened.binder.set_scene_words(scene_id, 12_345_678)  # wider than any count before
    assert model.index(0, 0).siblingAtColumn(1).data().startswith("12,")
    assert tree.header().sectionSize(1) == fitted()
    opened.binder.set_scene_words(scene_id, after[0])  # and narrow again
    assert tree.header().sectionSize(1) == fitted()
    assert model.words_of(model.index(0, 0)) == after[2]
