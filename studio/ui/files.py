"""The File menu's flows: new, open, open recent, import a bundle or a manuscript, export plain
text, a bundle or the timeline.

Each asks what it needs with a dialog, calls the services, and hands the result to the window.
Dialogs of our own are opened with open() (window-modal, not blocking), so tests can drive them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMenu

from studio.core.errors import SafehouseError
from studio.ui.dialogs.messages import show_error
from studio.ui.dialogs.new_project import NewProjectDialog
from studio.ui.resources import PROJECT_SUFFIX

if TYPE_CHECKING:
    from studio.ui.dialogs.export_bundle import ExportBundleDialog
    from studio.ui.dialogs.import_manuscript import ImportManuscriptDialog
    from studio.ui.main_window import MainWindow

FILTER = f"Safehouse projects (*{PROJECT_SUFFIX});;All files (*)"
TIMELINE_FILTER = "PNG picture (*.png);;SVG picture (*.svg);;CSV spreadsheet (*.csv)"
NOT_YET = "{what} is not available in this version of Safehouse yet; {instead}."


def documents_folder() -> Path:
    location = QStandardPaths.StandardLocation.DocumentsLocation
    return Path(QStandardPaths.writableLocation(location) or Path.home())


def writer_folder(folder: Path) -> Path:
    """folder, unless it is inside Safehouse's own data folder (where the sample project is
    kept, hidden in ~/.local/share): then Documents, where the writer's files are."""
    location = QStandardPaths.StandardLocation.AppDataLocation
    data = QStandardPaths.writableLocation(location)
    if data and folder.is_relative_to(Path(data)):
        return documents_folder()
    return folder


def _start_folder(window: MainWindow) -> str:
    if window.project is not None:
        return str(writer_folder(window.project.path.parent))
    return str(documents_folder())


def new_project(window: MainWindow) -> NewProjectDialog:
    dialog = NewProjectDialog(documents_folder(), window)

    def create() -> None:
        from studio.services.project import create_project

        path = dialog.path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            project = create_project(
                path, title=dialog.title.text().strip(), author=dialog.author.text().strip()
            )
            chapter = project.manuscript.add_chapter("Chapter One")
            project.manuscript.add_scene(chapter.id, "Opening")
        except SafehouseError as error:
            show_error(window, "Could not create the project", str(error))
            return
        except OSError as error:  # the disk said no after the dialog's checks passed
            reason = error.strerror or str(error)
            show_error(
                window,
                "Could not create the project",
                f"Safehouse could not write {path} ({reason.lower()}). "
                "Choose another folder in File → New Project….",
            )
            return
        window.set_project(project)
        window.focus_editor()

    dialog.accepted.connect(create)
    dialog.open()
    return dialog


def choose_and_open(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(window, "Open project", _start_folder(window), FILTER)
    if path:
        window.open_project_path(Path(path))


def fill_recent_menu(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    for text in window.settings.recent_projects:
        path = Path(text)
        action = menu.addAction(f"{path.stem}    {path.parent}")
        action.setEnabled(path.exists())
        action.setData(str(path))
        action.triggered.connect(_opener(window, path))
    if menu.isEmpty():
        menu.addAction("No recent projects").setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction("Clear list").triggered.connect(lambda: _clear_recent(window))


def _opener(window: MainWindow, path: Path) -> Callable[[], None]:
    # One closure per path: triggered's `checked` argument is not taken for the path.
    def open_it() -> None:
        window.open_project_path(path)

    return open_it


def _clear_recent(window: MainWindow) -> None:
    window.settings.recent_projects = []


def import_bundle(window: MainWindow) -> None:
    try:
        module = importlib.import_module("studio.importers.bundle")
    except ImportError:
        message = NOT_YET.format(what="Importing a bundle", instead="use `studio import` instead")
        show_error(window, "Import bundle", message)
        return
    folder = QFileDialog.getExistingDirectory(
        window, "Bundle folder to import", _start_folder(window)
    )
    if not folder:
        return
    suggested = str(Path(_start_folder(window)) / (Path(folder).name + PROJECT_SUFFIX))
    target, _ = QFileDialog.getSaveFileName(
        window, "Save the imported project as", suggested, FILTER
    )
    if not target:
        return
    import_bundle_to(window, Path(folder), Path(target), module)


def import_bundle_to(window: MainWindow, folder: Path, target: Path, module: object = None) -> bool:
    if module is None:
        module = importlib.import_module("studio.importers.bundle")
    try:
        project = module.import_bundle(folder, target)  # type: ignore[attr-defined]
    except SafehouseError as error:
        show_error(window, "Could not import the bundle", str(error))
        return False
    window.set_project(project)
    return True


def export_plain_text(window: MainWindow) -> None:
    if window.project is None:
        return
    window.save_all()  # the export reads the database: everything typed must be in it
    try:
        from studio.ui.dialogs.export import ExportDialog
    except ImportError:
        message = NOT_YET.format(what="Plain-text export", instead="use `studio export` instead")
        show_error(window, "Export", message)
        return
    project = window.project
    suggested = writer_folder(project.path.parent) / f"{project.path.stem}.txt"
    dialog = ExportDialog(project, suggested, window)
    dialog.exported.connect(lambda path: window.status.showMessage(f"Exported to {path}", 10_000))
    dialog.open()


def export_bundle(window: MainWindow) -> ExportBundleDialog | None:
    """File → Export Bundle…: the project as a folder of Markdown scenes and a manifest."""
    if window.project is None:
        return None
    # The bundle is read from the database: everything typed must be in it, or it would miss
    # the writer's last words while looking complete.
    if not window.save_all():
        show_error(
            window,
            "Bundle not exported",
            "Safehouse could not save your latest words, so a bundle written now would miss "
            "them. The status bar says why; export again once it shows Saved.",
        )
        return None
    from studio.ui.dialogs.export_bundle import ExportBundleDialog

    project = window.project
    suggested = writer_folder(project.path.parent) / f"{project.path.stem}-bundle"
    dialog = ExportBundleDialog(project, suggested, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.exported.connect(
        lambda folder: window.status.showMessage(f"Exported the bundle to {folder}", 10_000)
    )
    dialog.open()
    return dialog


def import_manuscript(window: MainWindow) -> None:
    """File → Import Manuscript…: a .txt, .md or .docx, previewed, then opened as a project."""
    from studio.ui.dialogs.import_manuscript import FILE_FILTER

    chosen, _ = QFileDialog.getOpenFileName(
        window, "Import manuscript", _start_folder(window), FILE_FILTER
    )
    if chosen:
        import_manuscript_from(window, Path(chosen))


def import_manuscript_from(window: MainWindow, source: Path) -> ImportManuscriptDialog:
    """The import dialog on source; the project it makes is opened when it is accepted."""
    from studio.ui.dialogs.import_manuscript import ImportManuscriptDialog

    dialog = ImportManuscriptDialog(Path(source), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def open_it() -> None:
        path = dialog.chosen_project_path()
        if path is not None:
            window.open_project_path(path)

    dialog.accepted.connect(open_it)
    dialog.open()
    return dialog


def export_timeline(window: MainWindow) -> None:
    if window.project is None:
        return
    path = window.project.path
    suggested = str(path.with_name(f"{path.stem}-timeline.png"))
    target, _ = QFileDialog.getSaveFileName(
        window, "Export the timeline", suggested, TIMELINE_FILTER
    )
    if target:
        export_timeline_to(window, Path(target))


def export_timeline_to(window: MainWindow, path: Path) -> Path | None:
    """The timeline as a picture (.png, .svg) or a spreadsheet (.csv), by path's suffix."""
    if window.project is None:
        return None
    window.save_all()
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            from studio.export.timeline_csv import export_timeline_csv

            written = export_timeline_csv(window.project, path)
        elif suffix in (".png", ".svg"):
            written = window.timeline_view.save_picture(path)
        else:
            show_error(
                window,
                "Timeline not exported",
                f"Safehouse cannot write a '{suffix or path.name}' file. "
                "Choose a name ending in .png, .svg or .csv.",
            )
            return None
    except (SafehouseError, OSError) as error:
        show_error(window, "Timeline not exported", f"Could not write {path}: {error}")
        return None
    window.status.showMessage(f"Timeline exported to {written}", 10_000)
    return Path(written)
