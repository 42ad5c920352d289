"""Export the project as a portable bundle: a folder chosen by the writer, checked before writing.

export_bundle replaces a bundle already at the folder (its project.json and scenes/; a .git or
notes beside them stay) and refuses a folder that holds other files but no bundle. The dialog
says which case the chosen folder is before anything is written: a bundle is replaced only after
the writer presses Replace; a folder holding other files and no bundle is refused, naming them.
"""

from __future__ import annotations

import errno
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.errors import SafehouseError
from studio.export.bundle import MANIFEST, SCENES, export_bundle
from studio.ui.dialogs.sizing import fit_to_screen

if TYPE_CHECKING:
    from studio.services.project import Project

BUNDLE_ENTRIES = frozenset({MANIFEST, SCENES})  # what a bundle written by Safehouse holds
SHOWN_ENTRIES = 3  # names of other files listed in a message
# What the disk said, in words; anything else is said as the system words it.
REASONS = {
    errno.EACCES: "you do not have permission to write there",
    errno.EPERM: "you do not have permission to write there",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ENOENT: "a folder on the way does not exist",
    errno.ENOTDIR: "a file is in the way of a folder on that path",
}


class Folder(Enum):
    NEW = "new"  # nothing there, or an empty folder
    BUNDLE = "bundle"  # a bundle and nothing else: replaced whole
    FILE = "file"  # a file, not a folder
    OTHERS = "others"  # not a bundle, and not empty: export_bundle refuses it
    BUNDLE_AND_OTHERS = "bundle and others"  # a bundle kept in git, say: the others stay


def folder_state(folder: Path) -> tuple[Folder, list[str]]:
    """What is at folder now, and the names of the entries that are not a bundle's (for FILE:
    the file in the way, folder itself or a parent of it)."""
    if not folder.exists():
        blocker = next((p for p in folder.parents if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            return Folder.FILE, [blocker.name]
        return Folder.NEW, []
    if not folder.is_dir():
        return Folder.FILE, [folder.name]
    names = sorted(entry.name for entry in folder.iterdir())
    others = [name for name in names if name not in BUNDLE_ENTRIES]
    if not names:
        return Folder.NEW, []
    if not (folder / MANIFEST).is_file():
        return Folder.OTHERS, others or [SCENES]
    if others:
        return Folder.BUNDLE_AND_OTHERS, others
    return Folder.BUNDLE, []


def reason_of(error: BaseException) -> str:
    """An OSError's cause in words ('the disk is full'), not '[Errno 28] …'."""
    cause = error if isinstance(error, OSError) else error.__cause__
    if isinstance(cause, OSError):
        if cause.errno in REASONS:
            return REASONS[cause.errno]
        if cause.strerror:
            return cause.strerror.lower()
    return str(error)


class ExportBundleDialog(QDialog):
    exported = Signal(str)  # the folder written

    def __init__(self, project: Project, suggested: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportBundleDialog")
        self.setWindowTitle("Export bundle")
        self._project = project
        self._default_name = suggested.name
        self._base = suggested.parent  # where a bare name typed is taken to be
        self._replace_allowed: Path | None = None  # a bundle the writer agreed to replace
        about = QLabel(
            "A folder with project.json and one Markdown file per scene, holding everything in "
            "the project: keep it in git, compare drafts, or move the book to another machine. "
            "File → Import Bundle… reads it back.",
            self,
        )
        about.setWordWrap(True)
        self.path = QLineEdit(str(suggested), self)
        self.path.textChanged.connect(self._path_changed)
        self.choose_button = QPushButton("Choose…", self)
        self.choose_button.clicked.connect(self._choose_folder)
        self.message = QLabel("", self)
        self.message.setObjectName("inlineError")
        self.message.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the export gives no steps to count
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.export_button = QPushButton("Export", self)
        self.export_button.setObjectName("accentButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.close_button = QPushButton("Close", self)
        self.close_button.clicked.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(QLabel("Folder", self))
        row.addWidget(self.path, 1)
        row.addWidget(self.choose_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        fit_to_screen(self, 620, 220)

    def folder(self) -> Path:
        """The folder typed; a bare name is taken in the folder the suggestion was in."""
        typed = Path(self.path.text().strip()).expanduser()
        if typed.is_absolute():
            return typed
        return self._base / typed

    def _path_changed(self) -> None:
        self._replace_allowed = None
        self.export_button.setText("Export")
        self.message.setText("")

    def _choose_folder(self) -> None:
        current = self.folder()
        start = current if current.is_dir() else current.parent
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the bundle", str(start))
        if not chosen:
            return
        folder = Path(chosen)
        try:
            state, others = folder_state(folder)
        except OSError as error:  # a folder the chooser showed but that cannot be read
            self.path.setText(chosen)
            self._say_not_written(folder, error)
            return
        if state is Folder.OTHERS:
            # A folder with the writer's other files in it is where the bundle goes, not the
            # bundle itself: put the suggested name inside it.
            folder = folder / self._default_name
        self.path.setText(str(folder))
        if state in (Folder.BUNDLE, Folder.BUNDLE_AND_OTHERS):
            self._ask_replace(folder, others)  # said now, before the writer presses the button

    def export(self) -> None:
        if not self.path.text().strip():
            self.message.setText("Type a folder name, or choose one with Choose….")
            return
        folder = self.folder()
        try:
            state, others = folder_state(folder)
        except OSError as error:  # even looking was refused (a name too long, no permission)
            self._say_not_written(folder, error)
            return
        if state is Folder.FILE:
            self.message.setText(
                f"“{others[0]}” is a file, not a folder. Type a new folder name, or choose one."
            )
            return
        if state is Folder.OTHERS:
            self.message.setText(_refusal(folder, others))
            return
        bundle = state in (Folder.BUNDLE, Folder.BUNDLE_AND_OTHERS)
        if bundle and self._replace_allowed != folder:
            self._ask_replace(folder, others)
            return
        if self._write(folder):
            self.exported.emit(str(folder))
            self.accept()

    def _say_not_written(self, folder: Path, error: BaseException) -> None:
        self.message.setText(
            f"Could not write the bundle to {folder}: {reason_of(error)}. Choose another folder."
        )

    def _ask_replace(self, folder: Path, others: list[str]) -> None:
        """The next press of the button, now named Replace, writes over the bundle at folder."""
        kept = f" ({_names(others)} beside it will be kept as they are)" if others else ""
        self.message.setText(
            f"“{folder.name}” already holds a Safehouse bundle{kept}. Press Replace to write "
            "this project over it, or type another name."
        )
        self.export_button.setText("Replace")
        self._replace_allowed = folder

    def _write(self, folder: Path) -> bool:
        """Write the bundle with a busy cursor and bar (a long book takes about a second)."""
        self.message.setText("")  # the busy bar and cursor say it is working; this is for errors
        self.progress.show()
        self.export_button.setEnabled(False)
        self.close_button.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        # Paint the bar and message before the window is busy; the writer's keys wait.
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        try:
            export_bundle(self._project, folder)
        except (SafehouseError, OSError) as error:
            self._say_not_written(folder, error)
            return False
        finally:
            QApplication.restoreOverrideCursor()
            self.progress.hide()
            self.export_button.setEnabled(True)
            self.close_button.setEnabled(True)
        return True


def _names(others: list[str]) -> str:
    shown = ", ".join(others[:SHOWN_ENTRIES])
    more = len(others) - SHOWN_ENTRIES
    return shown + (f" and {more} more" if more > 0 else "")


def _refusal(folder: Path, others: list[str]) -> str:
    return (
        f"“{folder.name}” already holds other files ({_names(others)}) and is not a Safehouse "
        "bundle; Safehouse writes a bundle only into a new or empty folder. Choose one, or type "
        "a new name."
    )
