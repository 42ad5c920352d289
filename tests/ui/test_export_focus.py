"""Export from the menu, focus mode and the keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.core.markup import MarkupStyle
from studio.export.plain_text import PlainTextOptions, render_plain_text
from studio.ui.dialogs.export import ExportDialog
from studio.ui.main_window import MainWindow


def _export_dialog(opened: MainWindow) -> ExportDialog:
    opened.menu_actions.export_text.trigger()
    dialog = opened.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_menu_export_writes_what_the_export_service_renders(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path
) -> None:
    dialog = _export_dialog(opened)
    dialog.scene_titles.setChecked(True)
    dialog.markup.setCurrentIndex(2)  # no markers
    dialog.quotes.setCurrentIndex(1)  # straight
    dialog.line_ending.setCurrentIndex(1)  # CRLF
    dialog.wrap.setChecked(True)
    dialog.wrap_width.setValue(60)
    dialog.separator.setText("* * *")
    target = tmp_path / "out" / "lisbon.txt"
    target.parent.mkdir()
    dialog.path.setText(str(target))
    options = dialog.options()
    assert options == PlainTextOptions(
        separator="* * *",
        scene_titles=True,
        markup=MarkupStyle.STRIP,
        quotes="straight",
        line_ending="crlf",
        wrap_width=60,
    )
    dialog.export_button.click()
    assert not dialog.isVisible()
    assert opened.project is not None
    assert target.read_bytes() == render_plain_text(opened.project, options).encode("utf-8")
    assert "Exported to" in opened.status.currentMessage()


def test_export_includes_what_was_just_typed_and_previews_the_first_page(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path
) -> None:
    editor = opened.editor.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " Typed a moment ago.")
    dialog = _export_dialog(opened)
    preview = dialog.preview.toPlainText()
    assert preview.startswith("THE LISBON DROP") and "Typed a moment ago." in preview
    dialog.chapter_titles.setChecked(False)
    dialog.update_preview()
    assert "The Wine Buyer" not in dialog.preview.toPlainText()
    dialog.chapters.set_checked(dialog.chapters.checked_ids()[0], False)
    assert dialog.options().chapter_ids is not None and len(dialog.options().chapter_ids or ()) == 1
    dialog.reject()


def test_an_export_that_cannot_be_written_says_why_in_the_dialog(
    opened: MainWindow, tmp_path: Path
) -> None:
    dialog = _export_dialog(opened)
    dialog.path.setText(str(tmp_path / "no such folder" / "book.txt"))
    assert not dialog.export()
    assert dialog.isVisible() and "no such folder" in dialog.message.text()
    dialog.reject()


def test_f11_focus_mode_shows_only_the_text_and_esc_leaves(
    qtbot: QtBot, opened: MainWindow
) -> None:
    editor = opened.editor.editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_F11)
    assert opened.in_focus_mode and opened.isFullScreen()
    for hidden in (
        opened.binder,
        opened.side_tabs,
        opened.menuBar(),
        opened.status,
        opened.editor.header,
    ):
        assert not hidden.isVisible()
    assert editor.isVisible()
    qtbot.keyClicks(editor, "x")  # still writing
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not opened.in_focus_mode and not opened.isFullScreen()
    assert opened.binder.isVisible() and opened.menuBar().isVisible()


def test_ctrl_1_2_3_move_between_binder_editor_and_bible(qtbot: QtBot, opened: MainWindow) -> None:
    opened.activateWindow()
    editor = opened.editor.editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is opened.binder.tree
    qtbot.keyClick(opened.binder.tree, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is opened.bible.search
    qtbot.keyClick(opened.bible.search, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is editor


def test_standard_shortcuts_are_bound(opened: MainWindow) -> None:
    actions = opened.menu_actions
    shown = {
        a.shortcut().toString()
        for a in (
            actions.new_project,
            actions.open_project,
            actions.save,
            actions.find,
            actions.quit,
        )
    }
    assert {"Ctrl+N", "Ctrl+O", "Ctrl+S", "Ctrl+F", "Ctrl+Q"} <= shown
    assert actions.undo.shortcut().toString() == "Ctrl+Z"
    assert actions.previous_scene.shortcut().toString() == "Alt+Up"
    assert actions.focus_mode.shortcut().toString() == "F11"
