"""The binder's item model: the outline (parts, chapters, scenes) and the bible's sections.

Items carry their kind and database id. Drag and drop does not move items inside Qt: the drop
is turned into one service call (move_scene / move_chapter / move_part), saved at once, and the
model is rebuilt from the database, so what the writer sees is always what is stored.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)

from studio.core.domain import Binder, Character, Location, PlotThread, SceneInfo, SceneStatus
from studio.core.errors import SafehouseError

if TYPE_CHECKING:
    from studio.services.project import Project

MIME_TYPE = "application/x-safehouse-binder-item"
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
WORDS_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_COLOURS = {
    SceneStatus.IDEA: "#9aa0a6",
    SceneStatus.DRAFT: "#d39b3a",
    SceneStatus.REVISED: "#4f86c6",
    SceneStatus.FINAL: "#4a9d6b",
}
SECTIONS = (("characters", "Characters"), ("locations", "Locations"), ("threads", "Plot threads"))
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ItemRef:
    kind: str  # manuscript, part, chapter, scene, characters, character, locations, location…
    id: int | None


def at_column(index: AnyIndex, column: int) -> QModelIndex:
    """index's sibling in column, as a plain index (persistent indexes have no siblingAtColumn)."""
    model = index.model()
    if model is None or not index.isValid():
        return QModelIndex()
    return model.index(index.row(), column, index.parent())


def dot_icon(colour: str, size: int = 10) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour or "#9aa0a6"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class BinderModel(QStandardItemModel):
    moved = Signal()  # the outline's order changed in the database
    move_failed = Signal(str)  # a move or rename the service refused, with its message
    renamed = Signal(str, int)  # kind, id

    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self._scene_items: dict[int, QStandardItem] = {}
        self.setHorizontalHeaderLabels(["Title", "Words"])

    # -- building ----------------------------------------------------------------------------------
    def rebuild(
        self,
        binder: Binder,
        characters: list[Character],
        locations: list[Location],
        threads: list[PlotThread],
    ) -> None:
        self.removeRows(0, self.rowCount())
        self._scene_items = {}
        manuscript = self._row(self.invisibleRootItem(), "Manuscript", ItemRef("manuscript", None))
        manuscript.setDropEnabled(True)
        for group in binder.parts:
            parent = manuscript
            if group.part is not None:
                parent = self._row(manuscript, group.part.title, ItemRef("part", group.part.id))
                parent.setDragEnabled(True)
                parent.setDropEnabled(True)
                self._set_words(parent, group.word_count)
            for chapter in group.chapters:
                item = self._row(
                    parent, chapter.chapter.title, ItemRef("chapter", chapter.chapter.id)
                )
                item.setDragEnabled(True)
                item.setDropEnabled(True)
                self._set_words(item, chapter.word_count)
                for scene in chapter.scenes:
                    self._add_scene(item, scene)
        self._set_words(manuscript, binder.word_count)
        self._add_section("characters", [(c.id, c.display_name, c.colour) for c in characters])
        self._add_section("locations", [(loc.id, loc.name, "") for loc in locations])
        self._add_section("threads", [(t.id, t.name, t.colour) for t in threads])

    def _add_scene(self, parent: QStandardItem, scene: SceneInfo) -> None:
        item = self._row(parent, scene.title, ItemRef("scene", scene.id))
        item.setDragEnabled(True)
        item.setDropEnabled(True)
        item.setIcon(dot_icon(STATUS_COLOURS.get(scene.status, "#9aa0a6")))
        tip = f"{scene.status.value.capitalize()}" + (
            f" — {scene.synopsis}" if scene.synopsis else ""
        )
        item.setToolTip(tip)
        self._set_words(item, scene.word_count)
        self._scene_items[scene.id] = item

    def _add_section(self, kind: str, entries: list[tuple[int, str, str]]) -> None:
        title = dict(SECTIONS)[kind]
        section = self._row(self.invisibleRootItem(), title, ItemRef(kind, None))
        for entry_id, name, colour in entries:
            item = self._row(section, name, ItemRef(kind.removesuffix("s"), entry_id))
            if colour:
                item.setIcon(dot_icon(colour))

    def _row(self, parent: QStandardItem, title: str, ref: ItemRef) -> QStandardItem:
        item = QStandardItem(title)
        item.setData(ref.kind, KIND_ROLE)
        item.setData(ref.id, ID_ROLE)
        item.setEditable(ref.id is not None)
        if parent is self.invisibleRootItem():
            font = item.font()
            font.setWeight(QFont.Weight.DemiBold)
            item.setFont(font)
        item.setDragEnabled(False)
        item.setDropEnabled(False)
        words = QStandardItem("")
        words.setEditable(False)
        words.setDragEnabled(False)
        words.setDropEnabled(False)
        words.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        words.setForeground(QBrush(QColor("#8a857b")))
        parent.appendRow([item, words])
        return item

    def _set_words(self, item: QStandardItem, words: int) -> None:
        parent = item.parent() or self.invisibleRootItem()
        cell = parent.child(item.row(), 1)
        if cell is not None:
            cell.setText(f"{words:,}")
            cell.setData(words, WORDS_ROLE)

    # -- reading -----------------------------------------------------------------------------------
    @staticmethod
    def ref(index: AnyIndex) -> ItemRef:
        if not index.isValid():
            return ItemRef("root", None)
        first = at_column(index, 0)
        kind = first.data(KIND_ROLE)
        item_id = first.data(ID_ROLE)
        return ItemRef(str(kind), None if item_id is None else int(item_id))

    def index_of(self, kind: str, item_id: int) -> QModelIndex:
        if kind == "scene" and item_id in self._scene_items:
            return self._scene_items[item_id].index()
        found = self.match(self.index(0, 0), ID_ROLE, item_id, -1, Qt.MatchFlag.MatchRecursive)
        for index in found:
            if index.data(KIND_ROLE) == kind and index.column() == 0:
                return index
        return QModelIndex()

    def scene_ids(self) -> list[int]:
        """Scenes in book order, as the binder shows them."""
        return list(self._scene_items)

    def words_of(self, index: AnyIndex) -> int:
        value = at_column(index, 1).data(WORDS_ROLE)
        return int(value) if value is not None else 0

    def set_scene_words(self, scene_id: int, words: int) -> None:
        """A scene was saved with words: update it and the totals above it, without a rebuild."""
        item = self._scene_items.get(scene_id)
        if item is None:
            return
        change = words - self.words_of(item.index())
        while item is not None:
            self._set_words(item, self.words_of(item.index()) + change)
            item = item.parent()

    # -- drag and drop -----------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        refs = [self.ref(i) for i in indexes if i.column() == 0]
        if refs:
            data.setData(MIME_TYPE, json.dumps({"kind": refs[0].kind, "id": refs[0].id}).encode())
        return data

    @staticmethod
    def _dragged(data: QMimeData) -> ItemRef | None:
        if not data.hasFormat(MIME_TYPE):
            return None
        raw = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
        return ItemRef(str(raw["kind"]), int(raw["id"]))

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        dragged = self._dragged(data)
        return dragged is not None and self._target(dragged, row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        dragged = self._dragged(data)
        if dragged is None or dragged.id is None:
            return False
        target = self._target(dragged, row, parent)
        if target is None:
            return False
        self.move_item(dragged, *target)
        # False: Qt must not remove the dragged row itself; `moved` makes the view rebuild.
        return False

    def move_item(self, dragged: ItemRef, container: ItemRef, position: int | None) -> bool:
        """Move dragged into container (a chapter, part, or the manuscript) at position."""
        if self.project is None or dragged.id is None:
            return False
        manuscript = self.project.manuscript
        try:
            if dragged.kind == "scene" and container.id is not None:
                manuscript.move_scene(dragged.id, container.id, position)
            elif dragged.kind == "chapter":
                manuscript.move_chapter(dragged.id, container.id, position)
            elif dragged.kind == "part" and position is not None:
                manuscript.move_part(dragged.id, position)
            else:
                return False
        except SafehouseError as error:
            self.move_failed.emit(str(error))
            return False
        self.moved.emit()
        return True

    def _target(
        self, dragged: ItemRef, row: int, parent: AnyIndex
    ) -> tuple[ItemRef, int | None] | None:
        """Where a drop at (row, parent) puts dragged: its new container and final position."""
        over = self.ref(parent)
        if row < 0 and over.kind == dragged.kind and over.id is not None:
            # Dropped onto an item of the same kind: it goes right after that item.
            row = parent.row() + 1
            parent = parent.parent()
            over = self.ref(parent)
        loose = self._loose_chapters()
        if dragged.kind == "scene" and over.kind == "chapter":
            return over, self._final(dragged, parent, row)
        if dragged.kind == "chapter" and over.kind == "part":
            return over, self._final(dragged, parent, row)
        if dragged.kind == "chapter" and over.kind == "manuscript" and 0 <= row <= loose:
            return ItemRef("part", None), self._final(dragged, parent, row)
        if dragged.kind == "part" and over.kind == "manuscript":
            position = None if row < 0 else max(0, row - loose)
            if position is not None:
                position = self._final(dragged, parent, row, offset=loose)
            return over, position
        return None

    def _final(self, dragged: ItemRef, parent: AnyIndex, row: int, offset: int = 0) -> int | None:
        """The position dragged ends at when inserted before row of parent (-1: at the end)."""
        if row < 0:
            return None
        source = self.index_of(dragged.kind, dragged.id or 0)
        same_parent = source.isValid() and source.parent() == at_column(parent, 0)
        if same_parent and source.row() < row:
            row -= 1
        return max(0, row - offset)

    def _loose_chapters(self) -> int:
        """How many chapters sit directly under the manuscript (before the parts)."""
        manuscript = self.item(0, 0)
        if manuscript is None:
            return 0
        return sum(
            1
            for r in range(manuscript.rowCount())
            if manuscript.child(r).data(KIND_ROLE) == "chapter"
        )

    # -- renaming in place -------------------------------------------------------------------------
    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit made in the view is a rename: saved through the service before it is shown."""
        if role != Qt.ItemDataRole.EditRole or index.column() != 0 or self.project is None:
            return super().setData(index, value, role)
        ref = self.ref(index)
        title = str(value).strip()
        if ref.id is None or not title or title == index.data():
            return False
        try:
            self._rename(ref, title)
        except SafehouseError as error:
            self.move_failed.emit(str(error))
            return False
        result = super().setData(index, title, role)
        self.renamed.emit(ref.kind, ref.id)
        return result

    def _rename(self, ref: ItemRef, title: str) -> None:
        assert self.project is not None and ref.id is not None
        manuscript, bible = self.project.manuscript, self.project.bible
        if ref.kind == "part":
            manuscript.rename_part(ref.id, title)
        elif ref.kind == "chapter":
            manuscript.rename_chapter(ref.id, title)
        elif ref.kind == "scene":
            manuscript.rename_scene(ref.id, title)
        elif ref.kind == "character":
            bible.update_character(ref.id, display_name=title)
        elif ref.kind == "location":
            bible.update_location(ref.id, name=title)
        elif ref.kind == "thread":
            bible.update_thread(ref.id, name=title)
