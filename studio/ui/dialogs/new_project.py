"""New project: title, author, and where the file goes (a name is suggested from the title)."""

from __future__ import annotations

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

    def _accept_if_valid(self) -> None:
        if not self.title.text().strip():
            self.error.setText("Give the book a title (you can change it later).")
            return
        if self.path().exists():
            self.error.setText(f"{self.path()} already exists; choose another file name.")
            return
        self.accept()
