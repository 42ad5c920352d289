"""View → Show Binder (Ctrl+Alt+B) and Show Side Panel (Ctrl+Alt+I): a hidden column gives its
width to the text and comes back at its former width, focus mode gives back what was shown
before it, Go to Binder / Character Bible shows a hidden column first, and the choice is
remembered across restarts."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.ui.main_window import MainWindow
from studio.ui.settings import SettingsStore
from studio.ui.window_layout import TEXT_SHARE
from tests.ui.conftest import discard
from tests.ui.helpers import settle

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """A key as the writer gives it, in the editor (the actions live on the window)."""
    window.activateWindow()
    editor = window.editor.editor
    editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor, timeout=2000)
    qtbot.keyClick(editor, key, modifiers)
    settle()


def test_hiding_the_binder_gives_its_width_to_the_text_and_it_comes_back_as_wide(
    qtbot: QtBot, opened: MainWindow
) -> None:
    opened.resize(1440, 900)  # wide enough for the widths chosen
    settle()
    before = opened.splitter.sizes()
    _press(qtbot, opened, Qt.Key.Key_B, CTRL | ALT)
    assert opened.binder.isHidden() and not opened.menu_actions.show_binder.isChecked()
    binder, centre, side = opened.splitter.sizes()
    assert binder == 0 and side == before[2]
    assert centre >= before[1] + before[0]  # the binder's width (and its handle's) to the text
    _press(qtbot, opened, Qt.Key.Key_B, CTRL | ALT)
    assert opened.binder.isVisible() and opened.menu_actions.show_binder.isChecked()
    assert opened.splitter.sizes() == before


def test_hiding_the_side_panel_and_then_the_binder_leaves_the_text_alone(
    qtbot: QtBot, opened: MainWindow
) -> None:
    opened.resize(1440, 900)  # wide enough for the widths chosen
    settle()
    before = opened.splitter.sizes()
    _press(qtbot, opened, Qt.Key.Key_I, CTRL | ALT)
    assert opened.side_tabs.isHidden() and not opened.menu_actions.show_side_panel.isChecked()
    assert opened.splitter.sizes()[2] == 0 and opened.splitter.sizes()[1] > before[1] + before[2]
    opened.menu_actions.show_binder.trigger()
    settle()
    assert opened.centre_tabs.width() == opened.splitter.width()
    opened.menu_actions.show_side_panel.trigger()
    opened.menu_actions.show_binder.trigger()
    settle()
    assert opened.splitter.sizes() == before


def test_in_a_small_window_a_hidden_panel_lets_the_other_come_back_to_its_width(
    qtbot: QtBot, opened: MainWindow
) -> None:
    opened.resize(900, 700)
    settle()
    squeezed = opened.splitter.sizes()
    chosen = opened.splitter.chosen_sizes()
    assert squeezed[2] < chosen[2]  # too narrow for both: each gave way
    opened.menu_actions.show_binder.trigger()
    settle()
    binder, centre, side = opened.splitter.sizes()
    assert binder == 0 and side > squeezed[2]
    assert centre >= round(sum(opened.splitter.sizes()) * TEXT_SHARE)
    opened.menu_actions.show_binder.trigger()
    settle()
    assert opened.splitter.sizes() == squeezed
    assert opened.splitter.chosen_sizes() == chosen


def test_the_choice_survives_a_restart_with_the_former_width(
    qtbot: QtBot, opened: MainWindow, settings_store: SettingsStore
) -> None:
    opened.splitter.setSizes([300, 700, 400])
    opened.menu_actions.show_binder.trigger()
    opened.close()
    saved = json.loads(settings_store.path.read_text(encoding="utf-8"))
    assert saved["binder_shown"] is False and saved["side_panel_shown"] is True
    assert saved["splitter_sizes"] == [300, 700, 400]  # the hidden binder's width is kept
    again = MainWindow(settings_store.load(), settings_store)
    qtbot.addWidget(again)
    again.resize(1440, 900)
    again.show()
    qtbot.waitExposed(again)
    settle()
    assert again.binder.isHidden() and again.side_tabs.isVisible()
    assert not again.menu_actions.show_binder.isChecked()
    assert again.menu_actions.show_side_panel.isChecked()
    again.menu_actions.show_binder.trigger()
    settle()
    assert again.splitter.sizes()[0] == 300
    discard(again)


def test_leaving_focus_mode_shows_what_was_shown_before_it(
    qtbot: QtBot, opened: MainWindow
) -> None:
    settle()
    opened.menu_actions.show_side_panel.trigger()
    settle()
    before = opened.splitter.sizes()
    _press(qtbot, opened, Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier)
    assert opened.in_focus_mode
    assert opened.binder.isHidden() and opened.side_tabs.isHidden()
    assert opened.menu_actions.show_binder.isChecked()  # the choice, kept for leaving
    qtbot.keyClick(opened.editor.editor, Qt.Key.Key_Escape)
    settle()
    assert not opened.in_focus_mode
    assert opened.binder.isVisible() and opened.side_tabs.isHidden()
    opened.resize(1280, 820)
    settle()
    assert opened.splitter.sizes() == before


def test_showing_a_panel_in_focus_mode_leaves_it(qtbot: QtBot, opened: MainWindow) -> None:
    opened.enter_focus_mode()
    _press(qtbot, opened, Qt.Key.Key_I, CTRL | ALT)  # the menu bar is hidden: the key still works
    assert not opened.in_focus_mode
    assert opened.binder.isVisible() and opened.side_tabs.isVisible()


def test_go_to_binder_or_bible_shows_a_hidden_column_first(
    qtbot: QtBot, opened: MainWindow
) -> None:
    opened.menu_actions.show_binder.trigger()
    opened.menu_actions.show_side_panel.trigger()
    _press(qtbot, opened, Qt.Key.Key_1, CTRL)
    assert opened.binder.isVisible() and opened.menu_actions.show_binder.isChecked()
    assert QApplication.focusWidget() is opened.binder.tree
    assert opened.side_tabs.isHidden()
    qtbot.keyClick(opened.binder.tree, Qt.Key.Key_3, CTRL)
    settle()
    assert opened.side_tabs.isVisible() and opened.menu_actions.show_side_panel.isChecked()
    assert QApplication.focusWidget() is opened.bible.search


def test_hiding_the_column_with_the_keys_gives_them_to_the_text(
    qtbot: QtBot, opened: MainWindow
) -> None:
    opened.activateWindow()
    opened.focus_binder()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is opened.binder.tree, timeout=2000)
    qtbot.keyClick(opened.binder.tree, Qt.Key.Key_B, CTRL | ALT)
    assert opened.binder.isHidden()
    assert QApplication.focusWidget() is opened.editor.editor


def test_the_new_shortcuts_clash_with_no_other(opened: MainWindow) -> None:
    actions = opened.menu_actions
    assert actions.show_binder.shortcut().toString() == "Ctrl+Alt+B"
    assert actions.show_side_panel.shortcut().toString() == "Ctrl+Alt+I"
    keys = [key.toString() for a in opened.actions() for key in a.shortcuts()]
    assert len(keys) == len(set(keys)), sorted(keys)


def test_a_drag_while_the_binder_is_hidden_keeps_its_width(
    qtbot: QtBot, opened: MainWindow
) -> None:
    opened.resize(1440, 900)
    settle()
    binder = opened.splitter.sizes()[0]
    opened.menu_actions.show_binder.trigger()
    settle()
    opened.splitter.moveSplitter(opened.splitter.width() - 300, 2)  # the side panel wider
    settle()
    assert opened.splitter.sizes()[2] > 290
    opened.menu_actions.show_binder.trigger()
    settle()
    assert opened.splitter.sizes()[0] == binder
    assert opened.splitter.chosen_sizes()[0] == binder
