"""Find in Project: every match in the book, listed by scene; a click opens it, selected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from studio.services.search import SearchHit, find
from studio.ui.main_window import MainWindow
from studio.ui.panels.project_search import LEAD_CHARS, ProjectSearchPanel, _snippet


def _search(window: MainWindow, text: str) -> ProjectSearchPanel:
    window.menu_actions.find_in_project.trigger()
    panel = window.project_search
    panel.field.setText(text)
    panel.search()
    return panel


def _headings(panel: ProjectSearchPanel) -> list[str]:
    tree = panel.results
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def _first_match(panel: ProjectSearchPanel, scene: int = 0, row: int = 0) -> QTreeWidgetItem:
    return panel.results.topLevelItem(scene).child(row)


def test_ctrl_shift_f_opens_the_search_tab_with_the_selected_words(opened: MainWindow) -> None:
    assert opened.menu_actions.find_in_project.shortcut().toString() == "Ctrl+Shift+F"
    editor = opened.editor.editor
    cursor = editor.textCursor()
    cursor.setPosition(4)
    cursor.setPosition(9, cursor.MoveMode.KeepAnchor)  # "basil"
    editor.setTextCursor(cursor)
    opened.menu_actions.find_in_project.trigger()
    assert opened.side_tabs.currentWidget() is opened.search_host
    panel = opened.project_search
    assert panel.field.text() == "basil"
    assert panel.field.hasFocus() or not opened.isActiveWindow()


def test_matches_are_listed_under_their_chapter_and_scene(opened: MainWindow) -> None:
    panel = _search(opened, "the")
    assert opened.project is not None
    expected = find(opened.project, "the")
    assert [(h.scene_id, h.start) for h in panel.hits] == [(h.scene_id, h.start) for h in expected]
    assert _headings(panel) == [
        "The Wine Buyer › Basil pots",
        "The Wine Buyer › Line twenty-eight",
        "Saint Anthony's Night › Sardines",
    ]
    scenes = len({h.scene_id for h in expected})
    assert panel.summary.text().startswith(f"{len(expected)} matches in {scenes} scenes")
    assert _first_match(panel).text(0).startswith("line 1   The basil pots")
    # Far into a line, the match is near the start of what the row shows (the panel is narrow).
    shown = _first_match(panel, 0, 2).text(0).split("   ", 1)[1]
    assert shown.startswith("…") and shown.lower().index("the") <= LEAD_CHARS + 1


def test_a_result_row_shows_its_match_near_the_start() -> None:
    hit = SearchHit(1, 1, 100, 105, 4, "…and across the oilcloth with one finger. “Elena,” she", 43)
    text = _snippet(hit)
    assert text == "…one finger. “Elena,” she" and text.index("Elena") < LEAD_CHARS + 2


def test_clicking_a_match_opens_its_scene_with_the_match_selected(
    qtbot: QtBot, opened: MainWindow
) -> None:
    panel = _search(opened, "smoke")
    assert _headings(panel) == ["Saint Anthony's Night › Sardines"]
    qtbot.waitUntil(panel.results.isVisible)  # a view made in a shown tab is shown queued
    item = _first_match(panel)
    rect = panel.results.visualItemRect(item)
    qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.editor.editor.toPlainText() == "Smoke over the square."
    assert opened.editor.editor.textCursor().selectedText() == "Smoke"
    current = opened.binder.model.ref(opened.binder.tree.currentIndex())
    assert (current.kind, current.id) == ("scene", opened.editor.scene_id)


def test_words_just_typed_are_found_too(qtbot: QtBot, opened: MainWindow) -> None:
    editor = opened.editor.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " Quetzal")
    panel = _search(opened, "quetzal")
    assert len(panel.hits) == 1 and panel.hits[0].scene_id == opened.editor.scene_id


def test_options_change_what_is_found(opened: MainWindow) -> None:
    panel = _search(opened, "the")
    everywhere = len(panel.hits)
    panel.match_case.setChecked(True)  # searches again at once
    assert 0 < len(panel.hits) < everywhere
    assert all(opened.project is not None for _ in panel.hits)
    panel.match_case.setChecked(False)
    panel.whole_words.setChecked(True)
    assert len(panel.hits) < everywhere  # "there", "other"… are left out
    panel.regex.setChecked(True)
    panel.field.setText(r"\bsq\w+")
    panel.search()
    assert [h.end - h.start for h in panel.hits] == [len("square")]


def test_a_bad_pattern_says_what_is_wrong_and_lists_nothing(opened: MainWindow) -> None:
    window = opened
    window.menu_actions.find_in_project.trigger()
    panel = window.project_search
    panel.regex.setChecked(True)
    panel.field.setText("(unclosed")
    assert panel.search() == []
    assert "not a valid regular expression" in panel.summary.text()
    assert panel.results.topLevelItemCount() == 0


def test_nothing_found_is_said_plainly(opened: MainWindow) -> None:
    panel = _search(opened, "zeppelin")
    assert panel.hits == [] and panel.summary.text() == "No matches in the book."


def test_results_are_cleared_when_another_project_is_opened(opened: MainWindow) -> None:
    panel = _search(opened, "the")
    assert panel.hits
    opened.close_project()
    assert panel.hits == [] and panel.results.topLevelItemCount() == 0
    assert not opened.menu_actions.find_in_project.isEnabled()
