"""Export plain text: the export service's options, a preview of the first page, a progress bar.

The dialog only gathers PlainTextOptions and calls export_plain_text; what it writes is byte for
byte what render_plain_text gives for the same options (and so what the command line writes).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.core.errors import SafehouseError
from studio.core.markup import MarkupStyle
from studio.export.plain_text import PlainTextOptions, export_plain_text, render_plain_text
from studio.ui.dialogs.sizing import fit_to_screen
from studio.ui.widgets.check_list import CheckList

if TYPE_CHECKING:
    from studio.services.project import Project

PREVIEW_CHARACTERS = 3000
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's 'no maximum' for a widget's size
WHOLE_BOOK_PREVIEW_WORDS = 60_000  # below this the preview renders the real book
MARKUP_CHOICES = (
    ("_underscores_ (manuscript style)", MarkupStyle.UNDERSCORE),
    ("*asterisks* as written", MarkupStyle.KEEP),
    ("No markers", MarkupStyle.STRIP),
)
QUOTE_CHOICES = (("As written", "keep"), ("Straight \" '", "straight"), ("Curly “ ’", "curly"))
LINE_CHOICES = (("LF (macOS, Linux)", "lf"), ("CRLF (Windows)", "crlf"))


class ExportDialog(QDialog):
    exported = Signal(str)  # the path written

    def __init__(self, project: Project, suggested: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export plain text")
        self._project = project
        self._binder = project.manuscript.binder()
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(150)
        self._preview_timer.timeout.connect(self.update_preview)
        self._build(suggested)
        fit_to_screen(self, 980, 640)
        self.update_preview()

    def _build(self, suggested: Path) -> None:
        self.separator = QLineEdit("#", self)
        self.separator.setMaximumWidth(80)
        self.chapter_titles = QCheckBox("Chapter titles", self)
        self.chapter_titles.setChecked(True)
        self.scene_titles = QCheckBox("Scene titles", self)
        self.synopses = QCheckBox("Synopses", self)
        self.notes = QCheckBox("Notes", self)
        self.markup = _combo(self, MARKUP_CHOICES)
        self.quotes = _combo(self, QUOTE_CHOICES)
        self.line_ending = _combo(self, LINE_CHOICES)
        self.wrap = QCheckBox("Wrap lines at", self)
        self.wrap_width = QSpinBox(self)
        self.wrap_width.setRange(20, 200)
        self.wrap_width.setValue(72)
        self.chapters = CheckList(self)
        chapters = self._binder.chapters()
        self.chapters.set_entries(
            ((c.chapter.id, f"{n}. {c.chapter.title}", "") for n, c in enumerate(chapters, 1)),
            [c.chapter.id for c in chapters],
        )
        # CheckList fixes its height to six rows; here the list takes the height the options
        # leave (a long book's chapters) rather than leaving it empty between the rows.
        self.chapters.setMinimumHeight(110)
        self.chapters.setMaximumHeight(QWIDGETSIZE_MAX)
        self.path = QLineEdit(str(suggested), self)
        self._replace_allowed: Path | None = None  # a file the writer agreed to write over
        self.path.textChanged.connect(self._path_changed)
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._choose_path)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("exportPreview")
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.message = QLabel("", self)
        self.message.setObjectName("inlineError")
        self.message.setWordWrap(True)
        self.export_button = QPushButton("Export", self)
        self.export_button.setObjectName("accentButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        cancel = QPushButton("Close", self)
        cancel.clicked.connect(self.reject)
        self._lay_out(browse, cancel)
        for box in (self.chapter_titles, self.scene_titles, self.synopses, self.notes, self.wrap):
            box.toggled.connect(self._schedule_preview)
        for combo in (self.markup, self.quotes, self.line_ending):
            combo.currentIndexChanged.connect(self._schedule_preview)
        self.separator.textChanged.connect(self._schedule_preview)
        self.wrap_width.valueChanged.connect(self._schedule_preview)
        self.chapters.checked_changed.connect(self._schedule_preview)

    def _options_column(self) -> QWidget:
        """The options in a grid of label and field; the chapter list takes the height left."""
        include = QVBoxLayout()
        include.setSpacing(2)
        for box in (self.chapter_titles, self.scene_titles, self.synopses, self.notes):
            include.addWidget(box)
        wrap_row = QHBoxLayout()
        wrap_row.setSpacing(8)
        wrap_row.addWidget(self.wrap)
        wrap_row.addWidget(self.wrap_width)
        wrap_row.addWidget(QLabel("characters", self))
        wrap_row.addStretch(1)
        rows: tuple[tuple[str, QWidget | QHBoxLayout | QVBoxLayout], ...] = (
            ("Include", include),
            ("Scene separator", self.separator),
            ("Emphasis", self.markup),
            ("Quotes", self.quotes),
            ("Line endings", self.line_ending),
            ("Lines", wrap_row),
            ("Chapters", self.chapters),
        )
        # A grid, not a QFormLayout: the form shared spare height out between its rows (the
        # "Lines" label sat far above its row) instead of giving it to the chapter list.
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        middle = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for row, (text, field) in enumerate(rows):
            several_lines = isinstance(field, (QVBoxLayout, CheckList))
            grid.addWidget(QLabel(text, self), row, 0, top if several_lines else middle)
            if isinstance(field, QWidget):
                grid.addWidget(field, row, 1)
            else:
                grid.addLayout(field, row, 1)
        grid.setRowStretch(len(rows) - 1, 1)
        options = QWidget(self)
        options.setLayout(grid)
        # As wide as its longest row asks ("Wrap lines at" was cut to "Wrap lines" at a fixed
        # 400 px); the preview takes the rest.
        options.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        return options

    def _lay_out(self, browse: QPushButton, cancel: QPushButton) -> None:
        options = self._options_column()
        preview_box = QVBoxLayout()
        title = QLabel("Preview of the first page", self)
        title.setObjectName("previewTitle")
        preview_box.addWidget(title)
        preview_box.addWidget(self.preview, 1)
        top = QHBoxLayout()
        top.addWidget(options)
        top.addLayout(preview_box, 1)
        path_row = QHBoxLayout()
        path_row.addWidget(QLabel("Save as", self))
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(12)
        layout.addLayout(top, 1)
        layout.addLayout(path_row)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

    # -- options -----------------------------------------------------------------------------------
    def options(self) -> PlainTextOptions:
        chosen = self.chapters.checked_ids()
        everything = len(chosen) == self.chapters.count()
        return PlainTextOptions(
            separator=self.separator.text(),
            chapter_titles=self.chapter_titles.isChecked(),
            scene_titles=self.scene_titles.isChecked(),
            markup=MarkupStyle(self.markup.currentData()),
            quotes=str(self.quotes.currentData()),
            line_ending=str(self.line_ending.currentData()),
            wrap_width=self.wrap_width.value() if self.wrap.isChecked() else None,
            chapter_ids=None if everything else tuple(chosen),
            synopses=self.synopses.isChecked(),
            notes=self.notes.isChecked(),
        )

    def _schedule_preview(self) -> None:
        self._preview_timer.start()

    def update_preview(self) -> None:
        options = self.options()
        if self._binder.word_count > WHOLE_BOOK_PREVIEW_WORDS:
            # A long book: the first chosen chapter stands in for the first page.
            first = options.chapter_ids or tuple(c.chapter.id for c in self._binder.chapters()[:1])
            options = PlainTextOptions(**{**options.__dict__, "chapter_ids": first[:1]})
        try:
            text = render_plain_text(self._project, options)
        except SafehouseError as error:
            self.preview.setPlainText(str(error))
            return
        text = text.replace("\r\n", "\n")
        self.preview.setPlainText(
            text[:PREVIEW_CHARACTERS] + ("\n…" if len(text) > PREVIEW_CHARACTERS else "")
        )

    def _choose_path(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Export as", self.path.text(), "Text (*.txt)")
        if chosen:
            self.path.setText(chosen)
            self._replace_allowed = Path(chosen)  # the file chooser asked before replacing

    def _path_changed(self) -> None:
        self._replace_allowed = None
        self.export_button.setText("Export")
        self.message.setText("")

    def _may_write(self, path: Path) -> bool:
        """False (and ask) the first time path is a file already there: it may be the
        manuscript the book was imported from, which the suggested name matches."""
        if not path.is_file() or path == self._replace_allowed:
            return True
        self.message.setText(
            f"“{path.name}” is already in that folder. Press Replace to write over it, "
            "or choose another name."
        )
        self.export_button.setText("Replace")
        self._replace_allowed = path
        return False

    # -- exporting ---------------------------------------------------------------------------------
    def export(self) -> bool:
        path = Path(self.path.text().strip()).expanduser()
        if not self.path.text().strip():
            self.message.setText("Choose where to save the manuscript.")
            return False
        if not self._may_write(path):
            return False
        self.message.setText("")
        self.progress.setValue(0)
        self.progress.show()
        self.export_button.setEnabled(False)
        last_paint = [0.0]

        def progress(done: int, total: int) -> None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)
            now = time.monotonic()
            if now - last_paint[0] > 0.05:  # repaint, but do not let painting slow the export
                last_paint[0] = now
                QApplication.processEvents()

        try:
            export_plain_text(self._project, path, self.options(), progress)
        except SafehouseError as error:
            self.message.setText(str(error))
            return False
        finally:
            self.export_button.setEnabled(True)
        self.progress.setValue(self.progress.maximum())
        self.exported.emit(str(path))
        self.accept()
        return True


def _combo(parent: QWidget, choices: tuple[tuple[str, object], ...]) -> QComboBox:
    combo = QComboBox(parent)
    for label, value in choices:
        combo.addItem(label, value)
    combo.setCurrentIndex(0)
    return combo
