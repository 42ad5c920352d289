"""File → Export Bundle…: the project as a folder a writer keeps in git, as the writer meets it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from studio.export.bundle import MANIFEST, build_manifest
from studio.services.project import open_project
from studio.ui.dialogs.export_bundle import ExportBundleDialog
from studio.ui.main_window import MainWindow
from tests.ui.helpers import type_at_end

TYPED = " Nobody in Alfama had ever seen her cry."


def _bundle_dialog(window: MainWindow) -> ExportBundleDialog:
    window.menu_actions.export_bundle.trigger()
    dialogs = [d for d in window.findChildren(ExportBundleDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _export_to(window: MainWindow, folder: Path) -> ExportBundleDialog:
    dialog = _bundle_dialog(window)
    dialog.path.setText(str(folder))
    dialog.export_button.click()
    return dialog


def _scene_files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (folder / "scenes").iterdir()}


def test_the_menu_item_sits_with_the_exports_and_has_a_shortcut_of_its_own(
    window: MainWindow, project_path: Path
) -> None:
    actions = window.menu_actions
    file_items = [a.text() for a in window.menuBar().actions()[0].menu().actions()]  # type: ignore[union-attr]
    at = file_items.index("&Export Plain Text…")
    assert file_items[at + 1] == "Export &Bundle…"
    shortcut = actions.export_bundle.shortcut()
    assert shortcut == QKeySequence("Ctrl+Shift+E")
    others = [a for a in window.actions() if a is not actions.export_bundle]
    assert all(shortcut not in a.shortcuts() for a in others)
    assert not actions.export_bundle.isEnabled()  # no project open: nothing to export
    assert window.open_project_path(project_path)
    assert actions.export_bundle.isEnabled()


def test_the_bundle_holds_the_words_typed_a_moment_before(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    type_at_end(qtbot, opened, TYPED)  # not saved yet: autosave waits two seconds
    dialog = _bundle_dialog(opened)
    # It starts where Export Plain Text does (beside a project of the writer's), named as the
    # command line names it.
    assert Path(dialog.path.text()) == project_path.with_name("lisbon-bundle")
    dialog.export_button.click()
    folder = project_path.with_name("lisbon-bundle")
    assert not dialog.isVisible()
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["project"]["title"] == "The Lisbon Drop"
    first = manifest["scenes"][0]
    assert first["title"] == "Basil pots" and first["synopsis"] == "Katya meets the wine buyer."
    body = (folder / first["file"]).read_text(encoding="utf-8")
    assert body.startswith("The basil pots came out") and body.endswith(TYPED + "\n")
    assert len(_scene_files(folder)) == 4
    assert opened.status.currentMessage() == f"Exported the bundle to {folder}"
    assert QApplication.overrideCursor() is None  # the busy cursor is gone


def test_a_bundle_already_there_is_replaced_only_after_the_writer_presses_replace(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "drafts" / "lisbon"
    _export_to(opened, folder)
    marked = folder / "scenes" / "01-02-line-twenty-eight.md"
    marked.write_text("Last week's draft.\n", encoding="utf-8")
    dialog = _export_to(opened, folder)
    assert dialog.isVisible()
    assert "“lisbon” already holds a Safehouse bundle" in dialog.message.text()
    assert dialog.export_button.text() == "Replace"
    assert marked.read_text(encoding="utf-8") == "Last week's draft.\n"
    dialog.path.setText(str(tmp_path / "elsewhere"))  # another name: nothing left to ask
    assert dialog.export_button.text() == "Export" and dialog.message.text() == ""
    dialog.path.setText(str(folder))
    dialog.export_button.click()
    assert marked.read_text(encoding="utf-8") == "Last week's draft.\n"
    dialog.export_button.click()  # Replace
    assert not dialog.isVisible()
    assert marked.read_text(encoding="utf-8") == "The tram climbed, complaining.\n"


def test_a_folder_holding_other_files_is_refused_and_left_as_it_was(
    opened: MainWindow, tmp_path: Path
) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "notes.txt").write_text("Call the agent on Monday.")
    dialog = _export_to(opened, papers)
    assert dialog.isVisible()
    message = dialog.message.text()
    assert "“papers” already holds other files (notes.txt)" in message
    assert "new or empty folder" in message
    assert [p.name for p in papers.iterdir()] == ["notes.txt"]
    dialog.reject()


def test_a_bundle_kept_in_git_is_replaced_and_its_history_kept(
    opened: MainWindow, tmp_path: Path
) -> None:
    repository = tmp_path / "book"
    _export_to(opened, repository)
    (repository / ".git").mkdir()
    (repository / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    old_scene = repository / "scenes" / "99-99-a-deleted-scene.md"
    old_scene.write_text("Old.\n")
    dialog = _export_to(opened, repository)
    assert dialog.isVisible()
    assert "already holds a Safehouse bundle (.git beside it will be kept" in dialog.message.text()
    assert dialog.export_button.text() == "Replace"
    assert old_scene.is_file(), "nothing written before Replace"
    dialog.export_button.click()  # Replace
    assert not dialog.isVisible()
    assert (repository / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert not old_scene.exists(), "the bundle itself replaced"
    assert (repository / MANIFEST).is_file()


def test_choose_starts_at_the_suggestion_and_puts_the_bundle_inside_a_busy_folder(
    opened: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "letter.odt").write_text("Dear agent")
    starts: list[str] = []
    answer = [str(documents)]

    def choose(_parent: object, _caption: str, folder: str) -> str:
        starts.append(folder)
        return answer[0]

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    dialog = _bundle_dialog(opened)
    dialog.choose_button.click()
    assert starts == [str(tmp_path)]  # the suggested folder's, where Export Plain Text starts
    assert Path(dialog.path.text()) == documents / "lisbon-bundle"
    dialog.export_button.click()
    assert (documents / "lisbon-bundle" / MANIFEST).is_file()
    # Choosing a bundle folder says at once that it will be replaced.
    dialog = _bundle_dialog(opened)
    answer[0] = str(documents / "lisbon-bundle")
    dialog.choose_button.click()
    assert dialog.export_button.text() == "Replace"
    assert "already holds a Safehouse bundle" in dialog.message.text()
    dialog.reject()


def test_a_file_in_the_way_or_a_folder_the_disk_refuses_is_said_in_words(
    opened: MainWindow, tmp_path: Path
) -> None:
    blocker = tmp_path / "manuscript.txt"  # a file where the bundle's parent folder should be
    blocker.write_text("not a folder")
    dialog = _export_to(opened, blocker / "lisbon-bundle")
    assert dialog.isVisible()
    assert dialog.message.text().startswith("“manuscript.txt” is a file, not a folder.")
    assert blocker.read_text() == "not a folder"
    dialog.reject()
    # The disk refuses the name of the folder the bundle is written in first ('.' + name + a
    # random tail, over 255 bytes): said as a reason, not as '[Errno 36] File name too long'.
    place = tmp_path / "exports"
    place.mkdir()
    long_name = place / ("a-long-bundle-name-" * 14)[:250]
    dialog = _export_to(opened, long_name)
    assert dialog.isVisible()
    assert dialog.message.text() == (
        f"Could not write the bundle to {long_name}: the name is too long. Choose another folder."
    )
    assert dialog.export_button.isEnabled() and not dialog.progress.isVisible()
    assert QApplication.overrideCursor() is None
    assert list(place.iterdir()) == []  # nothing half-made left behind
    dialog.reject()


def test_the_folder_imported_back_is_the_same_project(
    qtbot: QtBot, opened: MainWindow, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    type_at_end(qtbot, opened, TYPED)
    folder = project_path.with_name("lisbon-bundle")
    _export_to(opened, folder)
    copy = project_path.with_name("lisbon-again.safehouse")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_: str(folder))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(copy), ""))
    opened.menu_actions.import_bundle.trigger()  # File → Import Bundle…
    imported = opened.project
    assert imported is not None and imported.path == copy
    with open_project(project_path, read_only=True) as original:
        assert build_manifest(imported) == build_manifest(original)
        first = original.manuscript.binder().scenes()[0]
        assert original.manuscript.scene(first.id).body.endswith(TYPED)
