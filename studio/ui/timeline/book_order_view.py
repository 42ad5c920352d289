"""Book order beside story order: every scene as the reader meets it, with its story time.

Flashbacks and flash-forwards are marked (the rules are in services/story_order), scenes with
no story time say so, and the "Story #" column gives each scene's place in story order, so
the two clocks can be read side by side. Clicking a scene asks for it to be opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.services.story_order import BookOrderEntry, StoryMark

if TYPE_CHECKING:
    from studio.services.project import Project

COLUMNS = ("#", "Chapter", "Scene", "Story time", "Story #", "Mark")
_MARK_TEXT = {
    StoryMark.FLASHBACK: "↶ flashback",
    StoryMark.FLASH_FORWARD: "↷ flash-forward",
    StoryMark.NO_TIME: "no story time",
    StoryMark.IN_ORDER: "",
}
_MARK_TINT = {StoryMark.FLASHBACK: "#6d8fc7", StoryMark.FLASH_FORWARD: "#c98b2b"}


class BookOrderView(QWidget):
    open_scene_requested = Signal(int)

    def __init__(self, project: Project | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookOrderView")
        self._project: Project | None = None
        self.entries: list[BookOrderEntry] = []
        self.summary = QLabel(self)
        self.summary.setObjectName("bookOrderSummary")
        self.summary.setContentsMargins(8, 6, 8, 6)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("bookOrderList")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        if project is not None:
            self.set_project(project)

    def set_project(self, project: Project | None) -> None:
        self._project = project
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        self.entries = [] if self._project is None else self._project.timeline.book_order()
        timed = sorted(
            (e for e in self.entries if e.story_time is not None),
            key=lambda e: (e.story_time.sort_key if e.story_time else (), e.book_index),
        )
        story_rank = {e.scene_id: rank for rank, e in enumerate(timed, start=1)}
        for entry in self.entries:
            self.tree.addTopLevelItem(self._row(entry, story_rank.get(entry.scene_id)))
        counts = {mark: sum(e.mark is mark for e in self.entries) for mark in StoryMark}
        parts = [f"{len(self.entries)} scenes in book order"]
        for mark, one, many in (
            (StoryMark.FLASHBACK, "flashback", "flashbacks"),
            (StoryMark.FLASH_FORWARD, "flash-forward", "flash-forwards"),
            (StoryMark.NO_TIME, "without a story time", "without a story time"),
        ):
            if counts[mark]:
                parts.append(f"{counts[mark]} {one if counts[mark] == 1 else many}")
        self.summary.setText(" · ".join(parts))

    def _row(self, entry: BookOrderEntry, rank: int | None) -> QTreeWidgetItem:
        time = entry.story_time.text if entry.story_time else "—"
        if entry.anchored:
            time += "  ⚓"
        row = QTreeWidgetItem(
            [
                str(entry.book_index + 1),
                entry.chapter_title,
                entry.title,
                time,
                "" if rank is None else str(rank),
                _MARK_TEXT[entry.mark],
            ]
        )
        row.setData(0, Qt.ItemDataRole.UserRole, entry.scene_id)
        row.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if entry.anchored:
            row.setToolTip(3, "Placed relative to another scene or event")
        tint = _MARK_TINT.get(entry.mark)
        if tint is not None:
            background = QColor(tint)
            background.setAlpha(45)
            for column in range(len(COLUMNS)):
                row.setBackground(column, QBrush(background))
            row.setForeground(5, QBrush(QColor(tint).darker(130)))
            bold = QFont()
            bold.setBold(True)
            row.setFont(5, bold)
        if entry.mark is StoryMark.NO_TIME:
            italic = QFont()
            italic.setItalic(True)
            for column in (3, 5):
                row.setFont(column, italic)
        return row

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        scene_id = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(scene_id, int):
            self.open_scene_requested.emit(scene_id)
