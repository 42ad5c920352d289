"""Find in the whole book: every match, scene by scene; a click opens the scene at the match.

Edit → Find in Project… (Ctrl+Shift+F) shows this panel in the side tabs with the editor's
selection as the search. The search reads the saved scenes (the window saves what is typed
first), so results are as of the moment Enter was pressed: "Search again" brings them up to
date after editing.

Below the search, a replacement and "Replace All in Book…": the window asks first, replaces
through the search service and can undo it (studio.ui.replace).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.core.errors import SafehouseError
from studio.services.search import SearchHit, find
from studio.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from studio.services.project import Project

MAX_HITS = 2000
"""More than this many matches are cut: a list that long is not read, and it costs to build."""

LEAD_CHARS = 16
"""At most this many characters of a result's line are shown before the match."""

_MATCH = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class ReplaceRequest:
    """Replace every match of pattern in the book with replacement, with these options."""

    pattern: str
    replacement: str
    regex: bool
    case_sensitive: bool
    whole_words: bool


class ProjectSearchPanel(QWidget):
    # (scene id, start, end) of a match the writer picked in the results.
    open_match_requested = Signal(int, int, int)
    # Asked before each search so that what is typed in the editor is searched too.
    save_requested = Signal()
    # "Replace All in Book…" pressed: a ReplaceRequest (the window asks, replaces, refreshes).
    replace_all_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectSearch")
        self._project: Project | None = None
        self.hits: list[SearchHit] = []
        self._found = ""  # what the last search found, for the summary line
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in the whole book")
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.search)
        self.match_case = QCheckBox("Match case", self)
        self.whole_words = QCheckBox("Whole words", self)
        # Short labels: the side panel may be ~300 px wide in a small window.
        self.regex = QCheckBox("Regex", self)
        self.regex.setToolTip(
            "Python regular expression; ^ and $ match at each line, and the replacement may "
            "use its groups: \\1, \\g<name>"
        )
        self.replacement = QLineEdit(self)
        self.replacement.setPlaceholderText("Replace with")
        self.replacement.setClearButtonEnabled(True)
        self.replace_all = QPushButton("Replace All in Book…", self)
        self.replace_all.setToolTip("Asks first; Edit → Undo Replace All puts the scenes back")
        self.replace_all.clicked.connect(self._replace_all_clicked)
        self.again = QPushButton("Search again", self)
        self.again.clicked.connect(self.search)
        self.summary = QLabel(self)
        self.summary.setObjectName("muted")
        self.summary.setWordWrap(True)
        self.results = QTreeWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setHeaderHidden(True)
        self.results.setUniformRowHeights(True)
        self.results.setWordWrap(False)
        self.results.itemClicked.connect(self._picked)
        self.results.itemActivated.connect(self._picked)
        # Flows, not rows: a narrow side panel (a small window) wraps them onto more lines
        # instead of being held ~280 px wide.
        options = FlowLayout()
        for box in (self.match_case, self.whole_words, self.regex):
            options.addWidget(box)
            box.toggled.connect(self._options_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        replace_row = FlowLayout()
        replace_row.addWidget(self.replacement)
        replace_row.addWidget(self.replace_all)
        layout.addWidget(self.field)
        layout.addLayout(replace_row)
        layout.addLayout(options)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.again, 0, Qt.AlignmentFlag.AlignRight)
        self._show_summary("Type a word, a phrase or a pattern and press Enter.")

    # -- ProjectView -----------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self._project = project
        self.hits = []
        self.results.clear()
        self.setEnabled(project is not None)
        self._show_summary("Type a word, a phrase or a pattern and press Enter.")

    def refresh(self) -> None:
        """Something changed in the book: the results shown may be out of date."""
        if self.hits:
            self._show_summary(
                self.summary.text().split(" · ")[0] + " · edited since: search again"
            )

    # -- searching -------------------------------------------------------------------------------
    def start(self, text: str = "") -> None:
        """Ready for a search, with text (the editor's selection) in the field if given."""
        if text:
            self.field.setText(text)
        self.field.setFocus()
        self.field.selectAll()

    def search(self) -> list[SearchHit]:
        project = self._project
        pattern = self.field.text()
        if project is None or not pattern:
            return []
        self.save_requested.emit()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            hits = find(
                project,
                pattern,
                regex=self.regex.isChecked(),
                case_sensitive=self.match_case.isChecked(),
                whole_words=self.whole_words.isChecked(),
                limit=MAX_HITS + 1,
            )
            places = _places(project)
        except SafehouseError as error:
            self.hits = []
            self.results.clear()
            self._show_summary(str(error))
            return []
        finally:
            QGuiApplication.restoreOverrideCursor()
        cut = len(hits) > MAX_HITS
        self.hits = hits[:MAX_HITS]
        self._fill(places)
        self._found = _found(self.hits, cut)
        self._show_summary(f"{self._found} · click one to open it" if self.hits else self._found)
        return self.hits

    def request(self) -> ReplaceRequest:
        """What "Replace All in Book…" would replace now."""
        return ReplaceRequest(
            self.field.text(),
            self.replacement.text(),
            regex=self.regex.isChecked(),
            case_sensitive=self.match_case.isChecked(),
            whole_words=self.whole_words.isChecked(),
        )

    def _replace_all_clicked(self) -> None:
        if self._project is not None and self.field.text():
            self.replace_all_requested.emit(self.request())

    def _options_changed(self) -> None:
        if self.field.text() and self.hits:
            self.search()

    def _fill(self, places: dict[int, str]) -> None:
        self.results.setUpdatesEnabled(False)
        self.results.clear()
        scene_item = QTreeWidgetItem()  # replaced by the first hit's scene
        shown_scene: int | None = None
        bold = QFont(self.results.font())
        bold.setBold(True)
        for index, hit in enumerate(self.hits):
            if hit.scene_id != shown_scene:
                shown_scene = hit.scene_id
                scene_item = QTreeWidgetItem(self.results, [places.get(hit.scene_id, "Scene")])
                scene_item.setFont(0, bold)
                scene_item.setData(0, _MATCH, index)
            row = QTreeWidgetItem(scene_item, [f"line {hit.line}   {_snippet(hit)}"])
            row.setToolTip(0, hit.context)
            row.setData(0, _MATCH, index)
        self.results.expandAll()
        self.results.setUpdatesEnabled(True)

    def _picked(self, item: QTreeWidgetItem) -> None:
        index = item.data(0, _MATCH)
        if isinstance(index, int) and 0 <= index < len(self.hits):
            hit = self.hits[index]
            self.open_match_requested.emit(hit.scene_id, hit.start, hit.end)

    def _show_summary(self, text: str) -> None:
        self.summary.setText(text)


def _snippet(hit: SearchHit) -> str:
    """The hit's context with little before the match, so that a narrow panel still shows it."""
    if hit.match_at <= LEAD_CHARS:
        return hit.context
    cut = hit.match_at - LEAD_CHARS
    space = hit.context.find(" ", cut, hit.match_at)  # start at a word where there is one
    return "…" + hit.context[cut if space == -1 else space + 1 :]


def _places(project: Project) -> dict[int, str]:
    """Each scene's place for a results heading: 'Chapter title › Scene title'."""
    places: dict[int, str] = {}
    for chapter in project.manuscript.binder().chapters():
        for scene in chapter.scenes:
            places[scene.id] = f"{chapter.chapter.title} › {scene.title}"
    return places


def _found(hits: list[SearchHit], cut: bool) -> str:
    if not hits:
        return "No matches in the book."
    scenes = len({hit.scene_id for hit in hits})
    matches = f"{'the first ' if cut else ''}{len(hits):,} match{'es' if len(hits) != 1 else ''}"
    where = f"{scenes} scene{'s' if scenes != 1 else ''}"
    return f"{matches[0].upper()}{matches[1:]} in {where}"


__all__ = ["MAX_HITS", "ProjectSearchPanel", "ReplaceRequest"]
