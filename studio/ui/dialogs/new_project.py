"""New project: title, author, and where the file goes (a name is suggested from the title)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.ui.resources import PROJECT_SUFFIX


def file_name_for(title: str) -> str:
    stem = re.sub(r"[^\w]+", "-", title.strip().lower()).strip("-") or "untitled"
    return stem + PROJECT_SUFFIX


class NewProjectDialog(QDialog):
    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project")
        self.setMinimumWidth(520)
        self._name_edited = False
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("The Lisbon Drop")
        self.author = QLineEdit(self)
        self.folder = QLineEdit(str(folder), self)
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._choose_folder)
        self.file_name = QLineEdit(self)
        self.file_name.textEdited.connect(lambda _t: setattr(self, "_name_edited", True))
        self.title.textChanged.connect(self._suggest_name)
        for edit in (self.title, self.folder, self.file_name):
            edit.textEdited.connect(self._clear_error)  # a message about the old text misleads
        self.error = QLabel("", self)
        self.error.setObjectName("inlineError")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Author", self.author)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form.addRow("Folder", folder_row)
        form.addRow("File name", self.file_name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._suggest_name()

    def _suggest_name(self) -> None:
        if not self._name_edited:
            self.file_name.setText(file_name_for(self.title.text()))

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Folder for the project", self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def path(self) -> Path:
        name = self.file_name.text().strip() or file_name_for(self.title.text())
        if not name.endswith(PROJECT_SUFFIX):
            name += PROJECT_SUFFIX
        return Path(self.folder.text()).expanduser() / name

    def _clear_error(self) -> None:
        self.error.setText("")

    def _accept_if_valid(self) -> None:
        problem = self.problem()
        self.error.setText(problem)
        if not problem:
            self.accept()

    def problem(self) -> str:
        """What stops the project being created here, in the writer's words; "" if nothing."""
        if not self.title.text().strip():
            return "Give the book a title (you can change it later)."
        name = self.file_name.text().strip()
        if "/" in name or "\\" in name:
            return "A file name cannot contain “/” or “\\”: choose the folder above instead."
        folder_problem = _folder_problem(Path(self.folder.text().strip()).expanduser())
        if folder_problem:
            return folder_problem
        if self.path().exists():
            return f"{self.path().name} is already in that folder: choose another file name."
        return ""


def _folder_problem(folder: Path) -> str:
    """Why the project cannot go in folder ("" if it can; a missing folder is made on Create)."""
    if not str(folder).strip() or not folder.is_absolute():
        return "Choose a folder for the project (Choose… picks one)."
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is a file, not a folder: choose another folder."
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"Safehouse cannot write in {existing}: choose another folder."
    return ""
