"""File → New Project…: what a wrong title, file name or folder says, with the dialog kept open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from studio.ui.dialogs.new_project import NewProjectDialog
from studio.ui.main_window import MainWindow


def _open(opened: MainWindow) -> NewProjectDialog:
    opened.menu_actions.new_project.trigger()
    dialog = opened.findChild(NewProjectDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _create(dialog: NewProjectDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None and button.text() == "Create"
    button.click()


def test_a_file_where_the_folder_should_be_is_said_in_the_dialog(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("mine")
    dialog = _open(opened)
    qtbot.keyClicks(dialog.title, "Red Sparrow Nights")
    dialog.folder.setText(str(not_a_folder / "books"))
    _create(dialog)
    # The writer keeps what they typed and reads why, instead of a box with an errno.
    assert dialog.isVisible()
    assert dialog.error.text() == f"{not_a_folder} is a file, not a folder: choose another folder."
    assert opened.findChild(QMessageBox) is None
    assert not_a_folder.read_text() == "mine"
    dialog.folder.setText(str(tmp_path / "books"))
    _create(dialog)
    assert not dialog.isVisible()
    assert opened.project is not None
    assert opened.project.path == tmp_path / "books" / "red-sparrow-nights.safehouse"


def test_a_file_name_with_a_slash_is_refused(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path
) -> None:
    dialog = _open(opened)
    qtbot.keyClicks(dialog.title, "Red Sparrow Nights")
    dialog.folder.setText(str(tmp_path))
    dialog.file_name.setText("drafts/red.safehouse")
    _create(dialog)
    assert dialog.isVisible() and "cannot contain “/”" in dialog.error.text()
    assert not (tmp_path / "drafts").exists()
    dialog.reject()


def test_the_message_goes_once_the_writer_fixes_the_title(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path
) -> None:
    dialog = _open(opened)
    _create(dialog)
    assert dialog.error.text().startswith("Give the book a title")
    qtbot.keyClicks(dialog.title, "R")
    assert dialog.error.text() == ""
    dialog.reject()
