"""Replace: in the scene (Ctrl+H, the find bar) and in the whole book (the Search tab)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.core.text import count_words
from studio.ui.main_window import MainWindow
from studio.ui.widgets.find_bar import FindBar, SceneText
from tests.ui.conftest import OPENING
from tests.ui.helpers import stored_body


def _scene_replace(qtbot: QtBot, window: MainWindow, find: str, replace: str) -> FindBar:
    qtbot.keyClick(window.editor.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = window.editor.find_bar
    assert bar.isVisible() and bar.replacing
    bar.field.setText(find)
    bar.replacement.setText(replace)
    return bar


def test_ctrl_h_replaces_one_match_then_moves_to_the_next(qtbot: QtBot, opened: MainWindow) -> None:
    assert opened.menu_actions.replace.shortcut().toString() == "Ctrl+H"
    editor = opened.editor.editor
    bar = _scene_replace(qtbot, opened, "anna", "Ana")
    bar.replace_one.click()  # the first press finds the match
    assert editor.textCursor().selectedText() == "Anna"
    assert editor.body() == OPENING
    bar.replace_one.click()
    assert editor.body() == OPENING.replace("Anna?", "Ana?")
    assert editor.textCursor().selectedText() == "Anna"  # the next one, Anna Kessler's
    qtbot.keyClick(bar.replacement, Qt.Key.Key_Return)
    assert editor.body() == OPENING.replace("Anna", "Ana")
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_replace_all_in_the_scene_is_one_undo_step(qtbot: QtBot, opened: MainWindow) -> None:
    editor = opened.editor.editor
    bar = _scene_replace(qtbot, opened, "the", "THE")
    bar.whole_words.setChecked(True)
    whole = re.compile(r"(?<!\w)the(?!\w)", re.IGNORECASE)
    count = len(whole.findall(OPENING))
    assert count > 2
    qtbot.mouseClick(bar.replace_every, Qt.MouseButton.LeftButton)
    assert editor.body() == whole.sub("THE", OPENING)
    assert opened.status.currentMessage() == f"Replaced {count} in this scene"
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.body() == OPENING
    opened.save_all()
    assert stored_body(opened.project.path, opened.editor.scene_id or 0) == OPENING  # type: ignore[union-attr]


def test_regex_replace_in_the_scene_uses_groups_and_keeps_markup(
    qtbot: QtBot, opened: MainWindow
) -> None:
    bar = _scene_replace(qtbot, opened, r"(\w+) Kessler", r"Kessler, \1")
    bar.regex.setChecked(True)
    assert bar.replace_all() == 1
    body = opened.editor.editor.body()
    assert "Kessler, Anna had **never**" in body and "*half a second late*" in body
    bar.field.setText(r"(Anna)")
    bar.replacement.setText(r"\9")
    assert bar.replace_all() == 0  # a group the pattern lacks: said, nothing changed
    assert bar.result.text() == "Not a valid replacement"
    assert opened.editor.editor.body() == body


def test_ctrl_f_shows_no_replace_row(qtbot: QtBot, opened: MainWindow) -> None:
    qtbot.keyClick(opened.editor.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = opened.editor.find_bar
    assert bar.isVisible() and not bar.replacing
    bar.match_case.setChecked(True)
    bar.field.setText("anna")
    assert not bar.find_next()
    bar.match_case.setChecked(False)
    assert bar.find_next() and opened.editor.editor.textCursor().selectedText() == "Anna"


def test_scene_positions_count_wide_characters_as_qt_does() -> None:
    text = SceneText("a😀b😀c")
    assert [text.position(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert [text.index(p) for p in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]


# -- the whole book -------------------------------------------------------------------------------
def _book_replace(
    window: MainWindow, find: str, replace: str, monkeypatch: pytest.MonkeyPatch, answer: bool
) -> list[str]:
    asked: list[str] = []

    def confirm(_parent: object, _title: str, question: str, _action: str) -> bool:
        asked.append(question)
        return answer

    monkeypatch.setattr("studio.ui.replace.confirm", confirm)
    window.menu_actions.find_in_project.trigger()
    panel = window.project_search
    panel.field.setText(find)
    panel.replacement.setText(replace)
    panel.search()
    panel.replace_all.click()
    return asked


def _bodies(window: MainWindow) -> dict[int, str]:
    assert window.project is not None
    return {s.scene.id: s.body for s in window.project.manuscript.scene_texts()}


def test_replace_in_book_changes_every_scene_and_undo_puts_them_back(
    qtbot: QtBot, opened: MainWindow, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = opened.editor.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " The end.")  # typed, not yet saved: replaced too
    before = _bodies(opened) | {opened.editor.scene_id or 0: editor.body()}
    the = re.compile("the", re.IGNORECASE)
    count = sum(len(the.findall(body)) for body in before.values())
    asked = _book_replace(opened, "the", "the very", monkeypatch, answer=True)
    assert asked == [
        f"Replace {count} matches of 'the' in 3 scenes with 'the very'?\n\n"
        "Edit → Undo Replace All puts them back."
    ]
    after = _bodies(opened)
    assert after == {i: the.sub("the very", b) for i, b in before.items()}
    shown = editor.body()
    assert shown == after[opened.editor.scene_id or 0]  # the open scene shows it
    assert opened.status.scene_words.text() == f"Scene {count_words(shown):,} words"
    assert opened.project is not None
    for scene in opened.project.manuscript.binder().scenes():
        assert scene.word_count == count_words(after[scene.id])
    # The list is searched again: the matches are now those of "the very".
    assert opened.project_search.summary.text().startswith(f"{count} matches")
    assert f"Replaced {count} matches of 'the' in 3 scenes" in opened.status.currentMessage()
    undo = opened.book_replace.undo_action
    assert undo.isEnabled() and undo in opened.menuBar().actions()[1].menu().actions()
    undo.trigger()
    assert _bodies(opened) == before
    assert editor.body() == before[opened.editor.scene_id or 0]
    assert not undo.isEnabled()
    opened.close()
    for scene_id, body in before.items():
        assert stored_body(project_path, scene_id) == body


def test_cancelling_the_book_replace_changes_nothing(
    opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _bodies(opened)
    asked = _book_replace(opened, "smoke", "fog", monkeypatch, answer=False)
    assert asked == [
        "Replace 1 match of 'smoke' in 1 scene with 'fog'?\n\n"
        "Edit → Undo Replace All puts them back."
    ]
    assert _bodies(opened) == before
    assert not opened.book_replace.undo_action.isEnabled()
    QApplication.processEvents()
