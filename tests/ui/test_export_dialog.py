"""File → Export Plain Text…: how the dialog looks and where it saves, as a writer meets it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from studio.ui.dialogs.export import ExportDialog
from studio.ui.files import documents_folder
from studio.ui.main_window import MainWindow


def _export_dialog(opened: MainWindow) -> ExportDialog:
    opened.menu_actions.export_text.trigger()
    dialog = opened.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _label(dialog: QWidget, text: str) -> QLabel:
    found = [label for label in dialog.findChildren(QLabel) if label.text() == text]
    assert len(found) == 1, text
    return found[0]


def _top_and_bottom(widget: QWidget, dialog: QWidget) -> tuple[int, int]:
    top = widget.mapTo(dialog, QPoint(0, 0)).y()
    return top, top + widget.height()


def test_every_option_is_readable_and_beside_its_label(qtbot: QtBot, opened: MainWindow) -> None:
    dialog = _export_dialog(opened)
    qtbot.waitExposed(dialog)
    # "Wrap lines at" was cut to "Wrap lines" by a fixed-width column.
    assert dialog.wrap.width() >= dialog.wrap.sizeHint().width()
    for combo in (dialog.markup, dialog.quotes, dialog.line_ending):
        assert combo.width() >= combo.sizeHint().width()
    # The "Lines" label sat far above its row, the form sharing spare height between rows.
    label_top, label_bottom = _top_and_bottom(_label(dialog, "Lines"), dialog)
    row_top, row_bottom = _top_and_bottom(dialog.wrap_width, dialog)
    assert row_top <= (label_top + label_bottom) // 2 <= row_bottom
    # The spare height goes to the chapter list, not to gaps between the options.
    _, wrap_bottom = _top_and_bottom(dialog.wrap_width, dialog)
    list_top, list_bottom = _top_and_bottom(dialog.chapters, dialog)
    assert list_top - wrap_bottom <= 16
    _, preview_bottom = _top_and_bottom(dialog.preview, dialog)
    assert abs(list_bottom - preview_bottom) <= 2
    dialog.reject()


def test_the_dialog_fits_the_screen(qtbot: QtBot, opened: MainWindow) -> None:
    dialog = _export_dialog(opened)
    available = dialog.screen().availableGeometry()
    assert dialog.width() <= available.width() and dialog.height() <= min(available.height(), 700)
    dialog.reject()


def test_a_file_already_there_is_replaced_only_when_the_writer_says_so(
    opened: MainWindow, tmp_path: Path
) -> None:
    # Import puts draft.safehouse beside draft.txt, and export suggests draft.txt: the original.
    original = tmp_path / "draft.txt"
    original.write_text("My only copy of the first draft.")
    dialog = _export_dialog(opened)
    dialog.path.setText(str(original))
    dialog.export_button.click()
    assert dialog.isVisible()
    assert original.read_text() == "My only copy of the first draft."
    assert "“draft.txt” is already in that folder" in dialog.message.text()
    assert dialog.export_button.text() == "Replace"
    dialog.path.setText(str(tmp_path / "elsewhere.txt"))  # another name: no question left
    assert dialog.export_button.text() == "Export" and dialog.message.text() == ""
    dialog.path.setText(str(original))
    dialog.export_button.click()
    assert original.read_text() == "My only copy of the first draft."
    dialog.export_button.click()  # Replace
    assert not dialog.isVisible()
    assert original.read_text().startswith("THE LISBON DROP")
    assert "Exported to" in opened.status.currentMessage()


def test_the_sample_exports_to_documents_not_the_hidden_data_folder(
    qtbot: QtBot, window: MainWindow, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(project_path.parent / "data"))
    monkeypatch.setenv("HOME", str(project_path.parent / "home"))
    data = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    sample = data / "projects" / "the-lisbon-drop.safehouse"  # where the first start puts it
    sample.parent.mkdir(parents=True)
    shutil.copyfile(project_path, sample)
    assert window.open_project_path(sample)
    dialog = _export_dialog(window)
    suggested = Path(dialog.path.text())
    assert suggested == documents_folder() / "the-lisbon-drop.txt"
    assert not suggested.is_relative_to(data)
    dialog.reject()
    starts: list[str] = []

    def record(_parent: object, _caption: str, folder: str, _filter: str) -> tuple[str, str]:
        starts.append(folder)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", record)
    window.menu_actions.import_manuscript.trigger()
    assert starts == [str(documents_folder())]


def test_a_project_of_the_writers_exports_beside_it(opened: MainWindow) -> None:
    dialog = _export_dialog(opened)
    assert opened.project is not None
    assert Path(dialog.path.text()) == opened.project.path.with_suffix(".txt")
    dialog.reject()
