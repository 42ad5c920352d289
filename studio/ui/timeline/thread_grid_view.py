"""The thread grid: plot threads by scenes in book order, grouped by chapter.

The first row names the chapters over their scenes, one row per thread follows, and the last
row is the chapter strip: a bar and the words "70% espionage, 30% romance". Click a cell to
toggle whether the scene advances the thread; F2 (or "Edit note" in the context menu) edits the
cell's one-line note. The kind box keeps only threads of one kind (the strip always counts all).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.core.domain import ThreadKind
from studio.core.errors import SafehouseError
from studio.services.thread_grid import GridChapter, ThreadGrid
from studio.ui.dialogs.messages import show_error

if TYPE_CHECKING:
    from studio.services.project import Project

KIND_COLOURS = {ThreadKind.ESPIONAGE: "#b5523b", ThreadKind.ROMANCE: "#c2557a"}
STRIP_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_WIDTH = 120
HEADER_PADDING = 8  # pixels either side of a scene title in its column header


def two_lines(title: str, metrics: QFontMetrics, width: int) -> str:
    """title on at most two lines of width pixels, broken between words, the second line cut
    with an ellipsis at the right if it is still too long (the header's tooltip has it all)."""
    if metrics.horizontalAdvance(title) <= width:
        return title
    words = title.split()
    first = words[0] if words else title
    for count in range(1, len(words)):
        candidate = " ".join(words[:count])
        if metrics.horizontalAdvance(candidate) > width:
            break
        first = candidate
    rest = title[len(first) :].strip()
    if metrics.horizontalAdvance(first) > width:  # one long word: cut it on the first line
        return metrics.elidedText(title, Qt.TextElideMode.ElideRight, width)
    if not rest:
        return first
    return first + "\n" + metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)


class _StripDelegate(QStyledItemDelegate):
    """Draws a chapter's espionage / romance split as a two-colour bar under its words."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        shares = index.data(STRIP_ROLE)
        if not isinstance(shares, tuple):
            super().paint(painter, option, index)
            return
        espionage, romance = shares
        rect: QRect = option.rect.adjusted(4, 4, -4, -4)
        bar = QRect(rect.left(), rect.bottom() - 6, rect.width(), 6)
        painter.save()
        if espionage + romance:
            split = bar.left() + round(bar.width() * espionage / 100)
            painter.fillRect(QRect(bar.left(), bar.top(), split - bar.left(), 6), _colour("es"))
            painter.fillRect(QRect(split, bar.top(), bar.right() - split + 1, 6), _colour("ro"))
        else:
            painter.fillRect(bar, QColor(128, 128, 128, 60))
        painter.setPen(option.palette.text().color())
        text_rect = QRect(rect.left(), rect.top(), rect.width(), rect.height() - 8)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, str(index.data()))
        painter.restore()


def _colour(kind: str) -> QColor:
    return QColor(KIND_COLOURS[ThreadKind.ESPIONAGE if kind == "es" else ThreadKind.ROMANCE])


class ThreadGridView(QWidget):
    open_scene_requested = Signal(int)
    grid_changed = Signal()  # a cell was toggled or its note changed

    def __init__(self, project: Project | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("threadGridView")
        self._project: Project | None = None
        self._kinds: frozenset[str] | None = None
        self._filling = False
        self.grid: ThreadGrid | None = None
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("threadGridKinds")
        self.kind_box.addItem("All threads", "")
        for kind in ThreadKind:
            self.kind_box.addItem(f"{kind.value.capitalize()} threads", kind.value)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.table = QTableWidget(self)
        self.table.setObjectName("threadGrid")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.cellClicked.connect(self._cell_clicked)
        self.table.itemChanged.connect(self._item_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.horizontalHeader().sectionDoubleClicked.connect(self._open_column)
        self._strip = _StripDelegate(self.table)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        bar.addWidget(self.kind_box)
        hint = QLabel(
            "Click a cell to toggle · F2 to write its note · double-click a scene to open"
        )
        hint.setObjectName("threadGridHint")
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)  # up to its rows' height (_fit_height), then space
        layout.addStretch(0)
        if project is not None:
            self.set_project(project)

    # -- public ----------------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self._project = project
        self.refresh()

    def set_kind_filter(self, kind: ThreadKind | None) -> None:
        index = self.kind_box.findData(kind.value if kind else "")
        self.kind_box.setCurrentIndex(index)

    def refresh(self) -> None:
        self.grid = None if self._project is None else self._project.timeline.grid(self._kinds)
        self._filling = True
        try:
            self._fill()
        finally:
            self._filling = False

    def cell_item(self, thread_id: int, scene_id: int) -> QTableWidgetItem | None:
        if self.grid is None:
            return None
        rows = [t.id for t in self.grid.threads]
        columns = [c.scene_id for c in self.grid.columns]
        if thread_id not in rows or scene_id not in columns:
            return None
        return self.table.item(rows.index(thread_id) + 1, columns.index(scene_id))

    def toggle(self, thread_id: int, scene_id: int) -> None:
        if self._project is None or self.grid is None:
            return
        advances = not self.grid.advances(thread_id, scene_id)
        self._change(lambda p: p.timeline.set_cell(scene_id, thread_id, advances))

    def set_note(self, thread_id: int, scene_id: int, note: str) -> None:
        self._change(lambda p: p.timeline.set_cell_note(scene_id, thread_id, note))

    # -- filling -----------------------------------------------------------------------------------
    def _fill(self) -> None:
        table, grid = self.table, self.grid
        table.clear()
        table.clearSpans()
        if grid is None:
            table.setRowCount(0)
            table.setColumnCount(0)
            return
        table.setColumnCount(len(grid.columns))
        table.setRowCount(len(grid.threads) + 2)
        metrics = table.horizontalHeader().fontMetrics()
        room = COLUMN_WIDTH - 2 * HEADER_PADDING
        table.setHorizontalHeaderLabels([two_lines(c.title, metrics, room) for c in grid.columns])
        for column, scene in enumerate(grid.columns):
            header = table.horizontalHeaderItem(column)
            if header is not None:
                header.setToolTip(f"{scene.title} · {scene.word_count} words")
            table.setColumnWidth(column, COLUMN_WIDTH)
        labels = ["Chapter", *(t.name for t in grid.threads), "Espionage / romance"]
        table.setVerticalHeaderLabels(labels)
        for row, thread in enumerate(grid.threads, start=1):
            header = table.verticalHeaderItem(row)
            if header is not None:
                header.setForeground(QBrush(QColor(thread.colour or "#777777")))
                header.setToolTip(f"{thread.name} ({thread.kind.value}, {thread.status.value})")
            for column, scene in enumerate(grid.columns):
                table.setItem(row, column, self._cell(thread.id, thread.colour, scene.scene_id))
        self._fill_chapters(grid)
        strip_row = len(grid.threads) + 1
        table.setItemDelegateForRow(strip_row, self._strip)
        table.setRowHeight(strip_row, 50)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as its rows (the scroll bar right under the grid, not at the window's foot)."""
        table = self.table
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(row) for row in range(table.rowCount()))
        bar = table.horizontalScrollBar()
        height += table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, bar)
        table.setMaximumHeight(height + 2)

    def _cell(self, thread_id: int, colour: str, scene_id: int) -> QTableWidgetItem:
        assert self.grid is not None
        note = self.grid.note(thread_id, scene_id)
        advances = self.grid.advances(thread_id, scene_id)
        item = QTableWidgetItem(note if advances else "")
        item.setData(Qt.ItemDataRole.UserRole, (thread_id, scene_id))
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if advances:
            fill = QColor(colour or "#8a8378")
            fill.setAlpha(150)
            item.setBackground(QBrush(fill))
            item.setToolTip(note or "Advances this thread (F2 to write a note)")
        else:
            item.setToolTip("Click: this scene advances the thread")
        return item

    def _fill_chapters(self, grid: ThreadGrid) -> None:
        column = 0
        strip_row = len(grid.threads) + 1
        for chapter in grid.chapters:
            width = len(chapter.scene_ids)
            if width == 0:
                continue
            title = QTableWidgetItem(f"{chapter.number}. {chapter.title}")
            title.setFlags(Qt.ItemFlag.ItemIsEnabled)
            title.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            title.setToolTip(f"Chapter {chapter.number}: {chapter.words} words")
            self.table.setItem(0, column, title)
            self.table.setItem(strip_row, column, _strip_item(chapter))
            if width > 1:
                self.table.setSpan(0, column, 1, width)
                self.table.setSpan(strip_row, column, 1, width)
            column += width

    # -- events ------------------------------------------------------------------------------------
    def _kind_changed(self, _index: int) -> None:
        value = self.kind_box.currentData()
        self._kinds = frozenset({value}) if value else None
        self.refresh()

    def _target(self, row: int, column: int) -> tuple[int, int] | None:
        item = self.table.item(row, column)
        data = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return data if isinstance(data, tuple) else None

    def _cell_clicked(self, row: int, column: int) -> None:
        target = self._target(row, column)
        if target is not None:
            self.toggle(*target)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if self._filling or not isinstance(target, tuple) or self.grid is None:
            return
        if item.text() != self.grid.note(*target):
            self.set_note(target[0], target[1], item.text())

    def _context_menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        target = self._target(index.row(), index.column())
        if target is None or self.grid is None:
            return
        menu = QMenu(self)
        menu.addAction("Edit note", lambda: self.table.editItem(self.table.itemFromIndex(index)))
        advances = self.grid.advances(*target)
        menu.addAction(
            "Does not advance this thread" if advances else "Advances this thread",
            lambda: self.toggle(*target),
        )
        menu.addAction("Open the scene", lambda: self.open_scene_requested.emit(target[1]))
        menu.exec(self.table.viewport().mapToGlobal(point))

    def _open_column(self, column: int) -> None:
        if self.grid is not None and 0 <= column < len(self.grid.columns):
            self.open_scene_requested.emit(self.grid.columns[column].scene_id)

    def _change(self, action: Callable[[Project], None]) -> None:
        if self._project is None:
            return
        try:
            action(self._project)
        except SafehouseError as error:
            show_error(self, "Thread grid not changed", str(error))
        self.refresh()
        self.grid_changed.emit()


def _strip_item(chapter: GridChapter) -> QTableWidgetItem:
    espionage = chapter.share(ThreadKind.ESPIONAGE)
    romance = chapter.share(ThreadKind.ROMANCE)
    has_words = bool(
        chapter.words_by_kind.get(ThreadKind.ESPIONAGE)
        or chapter.words_by_kind.get(ThreadKind.ROMANCE)
    )
    text = (
        f"{espionage}% espionage\n{romance}% romance" if has_words else "no espionage\nor romance"
    )
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setData(STRIP_ROLE, (espionage, romance) if has_words else (0, 0))
    item.setToolTip(chapter.summary)
    return item
