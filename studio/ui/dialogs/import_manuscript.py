"""Import a manuscript (.txt, .md, .docx): a preview of what was found, then a new project.

The dialog reads the file in a worker thread (a 566k-word book takes a second or two) and shows
the parts, chapters and scenes it found with their word counts, the heading patterns (editable,
with Re-detect), the encoding and notices, and the candidate characters to tick for the bible.
Nothing is written until Import: then write_outline makes the project, in the worker too, and
chosen_project_path() gives the new file for the window to open.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QStandardPaths, Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.core.errors import SafehouseError
from studio.importers.manuscript import HeadingPatternError, ManuscriptOutline, read_manuscript
from studio.importers.manuscript.preview import Preview, PreviewRow, build_preview
from studio.services.manuscript_import import auto_characters, write_outline
from studio.storage.database import PROJECT_SUFFIX
from studio.ui.dialogs.sizing import fit_to_screen

FILE_FILTER = "Manuscripts (*.txt *.md *.markdown *.docx);;All files (*)"
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {"person": "", "place": "place", "other": "not a person?"}
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
Progress = Callable[[float], None]
PATTERN_HELP = (
    "Lines that match start chapters or parts. Edit a pattern, then Re\u2011detect; leave it "
    "empty to find them automatically."
)
# The theme's accent button looks the same disabled; while reading or writing it must not.
DISABLED_BUTTON = (
    "QPushButton:disabled { background: palette(button); color: palette(mid); "
    "border: 1px solid palette(mid); }"
)


class _Cancelled(Exception):
    """Raised inside a job's progress callback once the dialog is closed."""


class _JobSignals(QObject):
    progressed = Signal(float)
    finished = Signal(object)
    failed = Signal(object)  # a SafehouseError


class _Job(QRunnable):
    """Runs work(progress) in a pool thread; its signals are delivered on the window's thread."""

    def __init__(self, work: Callable[[Progress], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns the job: the pool must not delete it under us
        self.signals = _JobSignals()
        self.cancelled = threading.Event()
        self._work = work
        self._percent = -1

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except _Cancelled:
            return
        except SafehouseError as error:
            self.signals.failed.emit(error)
        except Exception as error:  # a bug in Safehouse; the window lives on and says so
            self.signals.failed.emit(SafehouseError(f"The import failed unexpectedly: {error!r}"))
        else:
            self.signals.finished.emit(result)

    def _progress(self, fraction: float) -> None:
        if self.cancelled.is_set():
            raise _Cancelled
        percent = int(fraction * 100)
        if percent != self._percent:
            self._percent = percent
            self.signals.progressed.emit(fraction)


class ImportManuscriptDialog(QDialog):
    """Preview a manuscript and import it into a new project; see the module's notes."""

    preview_ready = Signal()  # a (new) preview is shown
    preview_failed = Signal(str)  # the file or a pattern could not be used: the message shown
    imported = Signal(str)  # the new project's path

    def __init__(self, source: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importManuscriptDialog")
        self.setWindowTitle(f"Import manuscript — {Path(source).name}")
        self.source = Path(source)
        self.preview: Preview | None = None
        self._chosen: Path | None = None
        self._ticked: set[str] | None = None  # None until the writer changes a tick
        self._filling = False
        self._job: _Job | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._build()
        fit_to_screen(self, 1040, 700)
        self._read(None, None)

    @property
    def outline(self) -> ManuscriptOutline | None:
        return None if self.preview is None else self.preview.outline

    def chosen_project_path(self) -> Path | None:
        """The project Import created, or None (cancelled, failed, or not imported yet)."""
        return self._chosen

    def is_busy(self) -> bool:
        return self._job is not None

    # -- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = _label(self, "importTitle", self.source.name)
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")  # the theme sets 10pt
        self.summary = _label(self, "previewTitle", "Looking for parts, chapters and scenes…")
        self.problem = _label(self, "inlineError", "")
        self.problem.hide()
        self.tree = _tree(self, ["Part, chapter, scene", "Scenes", "Words"])
        self.tree.setObjectName("importPreview")
        self.chapter_pattern = QLineEdit(self)
        self.part_pattern = QLineEdit(self)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for edit in (self.chapter_pattern, self.part_pattern):
            edit.setFont(fixed)
            edit.setPlaceholderText("found automatically")
            edit.setToolTip(
                "A regular expression matched at the start of each line; a group named "
                "“title” gives the title. Leave it empty to let Safehouse find the headings."
            )
            edit.returnPressed.connect(self.redetect)
        self.redetect_button = _button(self, "Re-detect", self.redetect)
        self.pattern_message = _label(self, "inlineError", "")
        self.details = _label(self, "previewTitle", "")
        self.cast = _tree(self, ["Name", "Mentions", ""])
        self.cast.setObjectName("importCast")
        self.cast.setRootIsDecorated(False)
        self.cast.itemChanged.connect(self._tick_changed)
        self.target = QLineEdit(str(suggested_target(self.source)), self)
        self.browse_button = _button(self, "Choose…", self._choose_target)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.status = _label(self, "previewTitle", "")
        self.message = _label(self, "inlineError", "")
        self.cancel_button = _button(self, "Cancel", self.reject)
        self.import_button = _button(self, "Import", self.start_import)
        self.import_button.setObjectName("accentButton")
        self.import_button.setStyleSheet(DISABLED_BUTTON)
        self._lay_out()

    def _lay_out(self) -> None:
        patterns = QFormLayout()
        patterns.setVerticalSpacing(8)
        patterns.addRow("Chapter headings", self.chapter_pattern)
        patterns.addRow("Part headings", self.part_pattern)
        redetect_row = QHBoxLayout()
        redetect_row.addWidget(self.pattern_message, 1)
        redetect_row.addWidget(self.redetect_button, 0, Qt.AlignmentFlag.AlignTop)
        patterns.addRow(redetect_row)
        right = QWidget(self)
        side = QVBoxLayout(right)
        side.setContentsMargins(8, 0, 0, 0)
        side.setSpacing(8)
        side.addWidget(_label(self, "previewTitle", "Headings"))
        side.addWidget(_label(self, "", PATTERN_HELP))
        side.addLayout(patterns)
        side.addWidget(self.details)
        side.addSpacing(8)
        side.addWidget(
            _label(self, "previewTitle", "Characters for the bible: tick the ones to add")
        )
        side.addWidget(self.cast, 1)
        left = QWidget(self)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 8, 0)
        left_box.setSpacing(8)
        left_box.addWidget(_label(self, "previewTitle", "What was found"))
        left_box.addWidget(self.tree, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setChildrenCollapsible(False)
        split.setSizes([560, 480])
        self.body = QWidget(self)  # all but the heading and the buttons: hidden for a bad file
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(10)
        body.addWidget(split, 1)
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel("New project file", self))
        target_row.addWidget(self.target, 1)
        target_row.addWidget(self.browse_button)
        body.addLayout(target_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(10)
        for widget in (self.heading, self.summary, self.problem):
            layout.addWidget(widget)
        layout.addWidget(self.body, 1)
        layout.addStretch(0)  # takes the room when the body is hidden
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

    # -- reading -----------------------------------------------------------------------------------
    def redetect(self) -> None:
        """Read the file again with the patterns as edited (empty: found automatically)."""
        if self._job is None:
            chapter = self.chapter_pattern.text().strip() or None
            part = self.part_pattern.text().strip() or None
            self._read(chapter, part)

    def _read(self, chapter: str | None, part: str | None) -> None:
        source = self.source

        def work(progress: Progress) -> Preview:
            return build_preview(read_manuscript(source, chapter, progress, part_pattern=part))

        self.pattern_message.setText("")
        self._start(work, self._show_preview, self._read_failed, f"Reading {source.name}…")

    def _show_preview(self, result: object) -> None:
        assert isinstance(result, Preview)
        self.preview = result
        outline = result.outline
        self.heading.setText(outline.title + (f"  —  {outline.author}" if outline.author else ""))
        self.summary.setText(f"{self.source.name}  ·  {result.summary()}")
        self.problem.hide()
        for edit, pattern in (
            (self.chapter_pattern, outline.heading_pattern),
            (self.part_pattern, outline.part_pattern),
        ):
            edit.setText(pattern)
            edit.setCursorPosition(0)  # the start of a long pattern says what it is
            edit.setPlaceholderText("none found")
        notices = " ".join(outline.notices)
        self.details.setText(f"Read as {outline.encoding}." + (f"  {notices}" if notices else ""))
        _fill_tree(self.tree, result.rows)
        self._fill_cast(outline)
        self._set_busy(False)
        self.preview_ready.emit()

    def _read_failed(self, error: SafehouseError) -> None:
        if isinstance(error, HeadingPatternError) and self.preview is not None:
            self.pattern_message.setText(str(error))  # the last good preview stays
        else:
            self.preview = None
            self.tree.clear()
            self.cast.clear()
            self.heading.setText(f"Cannot import {self.source.name}")
            self.problem.setText(_under_heading(str(error), self.source.name))
            for widget in (self.summary, self.body, self.import_button):
                widget.hide()
            self.problem.show()
            self.cancel_button.setText("Close")
            self.cancel_button.setDefault(True)  # Return closes: there is nothing else to do
            self.cancel_button.setFocus()
            self.resize(self.width(), self.minimumSizeHint().height())
        self._set_busy(False)
        self.preview_failed.emit(str(error))

    # -- the cast ----------------------------------------------------------------------------------
    def _fill_cast(self, outline: ManuscriptOutline) -> None:
        ticked = set(auto_characters(outline)) if self._ticked is None else self._ticked
        muted = self.palette().placeholderText()
        self._filling = True
        try:
            self.cast.clear()
            for candidate in outline.candidates:
                label = KIND_LABELS.get(candidate.kind, "")
                item = QTreeWidgetItem([candidate.name, f"{candidate.count:,}", label])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                on = candidate.name in ticked
                item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                item.setData(0, KIND_ROLE, candidate.kind)
                item.setTextAlignment(1, RIGHT)
                item.setForeground(2, muted)
                self.cast.addTopLevelItem(item)
        finally:
            self._filling = False

    def ticked_characters(self) -> list[str]:
        """The ticked names, in the list's order (most frequent people first)."""
        checked = Qt.CheckState.Checked
        return [item.text(0) for item in _items(self.cast) if item.checkState(0) == checked]

    def set_ticked(self, name: str, on: bool) -> None:
        for item in _items(self.cast):
            if item.text(0) == name:
                item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _tick_changed(self, _item: QTreeWidgetItem, column: int) -> None:
        if not self._filling and column == 0:
            self._ticked = set(self.ticked_characters())

    # -- importing ---------------------------------------------------------------------------------
    def start_import(self) -> bool:
        """Write the previewed outline into the new project (in the worker); False if refused."""
        if self.preview is None or self._job is not None:
            return False
        target = self._target_path()
        if target is None:
            return False
        outline, characters = self.preview.outline, self.ticked_characters()

        def work(progress: Progress) -> Path:
            write_outline(outline, target, characters=characters, progress=progress).close()
            return target

        self.message.setText("")
        self._start(work, self._imported, self._import_failed, f"Writing {target.name}…")
        return True

    def _target_path(self) -> Path | None:
        text = self.target.text().strip()
        path = Path(text).expanduser()
        problem = ""
        if not text:
            problem = "Choose a name for the new project file."
        elif path.suffix.lower() != PROJECT_SUFFIX:
            path = path.with_name(path.name + PROJECT_SUFFIX)
            self.target.setText(str(path))
        if not problem and path.exists():
            problem = f"{path.name} already exists in that folder: choose another name."
        elif not problem and not path.parent.is_dir():
            problem = f"The folder {path.parent} does not exist: choose another."
        self.message.setText(problem)
        return None if problem else path

    def _imported(self, result: object) -> None:
        assert isinstance(result, Path)
        self._chosen = result
        self._set_busy(False)
        self.imported.emit(str(result))
        self.accept()

    def _import_failed(self, error: SafehouseError) -> None:
        self._set_busy(False)
        self.message.setText(str(error))

    def _choose_target(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the new project as", self.target.text(), f"Safehouse (*{PROJECT_SUFFIX})"
        )
        if chosen:
            self.target.setText(chosen)

    # -- the worker --------------------------------------------------------------------------------
    def _start(
        self,
        work: Callable[[Progress], object],
        done: Callable[[object], None],
        failed: Callable[[SafehouseError], None],
        status: str,
    ) -> None:
        job = _Job(work)
        job.signals.progressed.connect(self._progressed)

        def finished(result: object) -> None:
            if self._job_ended(job):
                done(result)

        def went_wrong(error: SafehouseError) -> None:
            if self._job_ended(job):
                failed(error)

        job.signals.finished.connect(finished)
        job.signals.failed.connect(went_wrong)
        self._job = job
        self._set_busy(True, status)
        self._pool.start(job)

    def _job_ended(self, job: _Job) -> bool:
        """True when job is the current one (a cancelled job's late news is ignored)."""
        if job is not self._job:
            return False
        self._job = None
        return True

    def _progressed(self, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))

    def _set_busy(self, busy: bool, status: str = "") -> None:
        self.progress.setValue(0)
        self.progress.setVisible(busy)
        self.status.setText(status if busy else "")
        ready = not busy and self.preview is not None
        editing: tuple[QWidget, ...] = (
            self.redetect_button,
            self.chapter_pattern,
            self.part_pattern,
        )
        importing: tuple[QWidget, ...] = (self.import_button, self.target, self.browse_button)
        for widget in editing:
            widget.setEnabled(not busy)
        for widget in (*importing, self.cast):
            widget.setEnabled(ready)

    def done(self, result: int) -> None:
        """Closing stops a job at its next step (write_outline removes a partial project)."""
        if self._job is not None:
            self._job.cancelled.set()
            self._job = None
        self._pool.waitForDone()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._job is not None:
            self._job.cancelled.set()
            self._job = None
            self._pool.waitForDone()
        super().closeEvent(event)


def suggested_target(source: Path) -> Path:
    """Beside the manuscript when that folder is writable, else in Documents; never taken."""
    folder = source.parent
    if not os.access(folder, os.W_OK):
        location = QStandardPaths.StandardLocation.DocumentsLocation
        folder = Path(QStandardPaths.writableLocation(location) or Path.home())
    candidate = folder / f"{source.stem}{PROJECT_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{source.stem}-{number}{PROJECT_SUFFIX}"
        number += 1
    return candidate


def choose_and_import(
    parent: QWidget, start_folder: Path, open_project: Callable[[Path], object]
) -> ImportManuscriptDialog | None:
    """File → Import manuscript…: pick a file, preview it, and open the project made from it."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent, "Import manuscript", str(start_folder), FILE_FILTER
    )
    if not chosen:
        return None
    dialog = ImportManuscriptDialog(Path(chosen), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def open_it() -> None:
        path = dialog.chosen_project_path()
        if path is not None:
            open_project(path)

    dialog.accepted.connect(open_it)
    dialog.open()
    return dialog


# -- small pieces ----------------------------------------------------------------------------------
def _fill_tree(tree: QTreeWidget, rows: Iterable[PreviewRow]) -> None:
    bold = QFont(tree.font())
    bold.setWeight(QFont.Weight.DemiBold)
    muted = tree.palette().placeholderText()
    tree.setUpdatesEnabled(False)
    try:
        tree.clear()
        parents: list[QTreeWidgetItem] = []
        for row in rows:
            scenes = f"{row.children:,}" if row.kind == "chapter" else ""
            item = QTreeWidgetItem([row.title, scenes, f"{row.words:,}"])
            item.setData(0, KIND_ROLE, row.kind)
            item.setTextAlignment(1, RIGHT)
            item.setTextAlignment(2, RIGHT)
            if row.kind == "part":
                item.setFont(0, bold)
            elif row.kind in ("front", "scene"):
                item.setForeground(0, muted)
            del parents[row.depth :]
            if parents:
                parents[-1].addChild(item)
            else:
                tree.addTopLevelItem(item)
            parents.append(item)
            item.setExpanded(row.kind == "part")
    finally:
        tree.setUpdatesEnabled(True)


def _items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    items = (tree.topLevelItem(row) for row in range(tree.topLevelItemCount()))
    return [item for item in items if item is not None]


def _tree(parent: QWidget, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setHeaderLabels(headers)
    tree.setUniformRowHeights(True)
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(1, len(headers)):
        tree.headerItem().setTextAlignment(column, RIGHT)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return tree


def _button(parent: QWidget, text: str, handler: Callable[[], object]) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAutoDefault(False)  # Return in a pattern re-detects; it never imports by accident
    button.clicked.connect(handler)
    return button


def _label(parent: QWidget, name: str, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _under_heading(message: str, name: str) -> str:
    """message without its opening "Cannot import “name”: ", which the heading above says."""
    opening = f"Cannot import “{name}”: "
    if not message.startswith(opening):
        return message
    rest = message[len(opening) :]
    return rest[:1].upper() + rest[1:]
