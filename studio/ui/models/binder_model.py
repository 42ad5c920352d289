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

from studio.core.errors import SafehouseError

if TYPE_CHECKING:
    from studio.core.domain import Binder, Character, Location, PlotThread, SceneInfo
    from studio.services.project import Project

MIME_TYPE = "application/x-safehouse-binder-item"
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
WORDS_ROLE = Qt.ItemDataRole.UserRole + 3
# By SceneStatus value (a StrEnum, so its members find these keys): the domain module is not
# needed before the window's first paint.
STATUS_COLOURS = {
    "idea": "#9aa0a6",
    "draft": "#d39b3a",
    "revised": "#4f86c6",
    "final": "#4a9d6b",
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


class _Flags:
    """The item flags of each kind of row and the word counts' alignment, combined once."""

    def __init__(self) -> None:
        flag = Qt.ItemFlag
        self.plain = flag.ItemIsSelectable | flag.ItemIsEnabled  # sections and word counts
        self.manuscript = self.plain | flag.ItemIsDropEnabled
        self.outline = self.manuscript | flag.ItemIsDragEnabled | flag.ItemIsEditable
        self.entry = self.plain | flag.ItemIsEditable  # characters, locations, threads
        self.words_alignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BinderModel(QStandardItemModel):
    moved = Signal()  # the outline's order changed in the database
    move_failed = Signal(str)  # a move or rename the service refused, with its message
    renamed = Signal(str, int)  # kind, id

    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self._scene_items: dict[int, QStandardItem] = {}
        # One icon per colour and one brush, shared by every row: a pixmap per scene cost
        # ~5 KB and 60 µs each (12 MB and 150 ms for a 2,500-scene book).
        self._icons: dict[str, QIcon] = {}
        self._words_brush = QBrush(QColor("#8a857b"))
        self._flags = _Flags()
        self.setHorizontalHeaderLabels(["Title", "Words"])

    # -- building ----------------------------------------------------------------------------------
    def rebuild(
        self,
        binder: Binder,
        characters: list[Character],
        locations: list[Location],
        threads: list[PlotThread],
    ) -> None:
        """Everything anew. Each top-level row is filled before it joins the model, so the view
        hears of four inserted rows, not of one per scene (and of no change after insertion)."""
        self.removeRows(0, self.rowCount())
        self._scene_items = {}
        flags = self._flags
        manuscript = self._new_row(
            "Manuscript", ItemRef("manuscript", None), flags.manuscript, binder.word_count
        )
        manuscript[0].setFont(self._section_font(manuscript[0]))
        for group in binder.parts:
            parent = manuscript[0]
            if group.part is not None:
                ref = ItemRef("part", group.part.id)
                row = self._new_row(group.part.title, ref, flags.outline, group.word_count)
                parent.appendRow(row)
                parent = row[0]
            for chapter in group.chapters:
                ref = ItemRef("chapter", chapter.chapter.id)
                row = self._new_row(chapter.chapter.title, ref, flags.outline, chapter.word_count)
                for scene in chapter.scenes:
                    row[0].appendRow(self._scene_row(scene, flags.outline))
                parent.appendRow(row)
        root = self.invisibleRootItem()
        root.appendRow(manuscript)
        sections = (
            ("characters", [(c.id, c.display_name, c.colour) for c in characters]),
            ("locations", [(loc.id, loc.name, "") for loc in locations]),
            ("threads", [(t.id, t.name, t.colour) for t in threads]),
        )
        for kind, entries in sections:
            root.appendRow(self._section_row(kind, entries))

    def _scene_row(self, scene: SceneInfo, flags: Qt.ItemFlag) -> list[QStandardItem]:
        ref, colour = ItemRef("scene", scene.id), STATUS_COLOURS.get(scene.status, "#9aa0a6")
        row = self._new_row(scene.title, ref, flags, scene.word_count, colour)
        item = row[0]
        tip = f"{scene.status.value.capitalize()}" + (
            f" — {scene.synopsis}" if scene.synopsis else ""
        )
        item.setToolTip(tip)
        self._scene_items[scene.id] = item
        return row

    def _section_row(self, kind: str, entries: list[tuple[int, str, str]]) -> list[QStandardItem]:
        flags = self._flags
        row = self._new_row(dict(SECTIONS)[kind], ItemRef(kind, None), flags.plain, None)
        row[0].setFont(self._section_font(row[0]))
        entry_kind = kind.removesuffix("s")
        for entry_id, name, colour in entries:
            row[0].appendRow(
                self._new_row(name, ItemRef(entry_kind, entry_id), flags.entry, None, colour)
            )
        return row

    def _new_row(
        self, title: str, ref: ItemRef, flags: Qt.ItemFlag, words: int | None, colour: str = ""
    ) -> list[QStandardItem]:
        """[title, words], not yet in the model: what is set now emits nothing. (Not clone()s of
        prepared items: PySide6 6.11 loses clones nested under a clone, whose wrappers then say
        their C++ object was deleted.)"""
        item = QStandardItem(self._icon(colour), title) if colour else QStandardItem(title)
        item.setData(ref.kind, KIND_ROLE)
        item.setData(ref.id, ID_ROLE)
        item.setFlags(flags)
        cell = QStandardItem("" if words is None else f"{words:,}")
        if words is not None:
            cell.setData(words, WORDS_ROLE)
        cell.setFlags(self._flags.plain)
        cell.setTextAlignment(self._flags.words_alignment)
        cell.setForeground(self._words_brush)
        return [item, cell]

    @staticmethod
    def _section_font(item: QStandardItem) -> QFont:
        font = item.font()
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def _icon(self, colour: str) -> QIcon:
        icon = self._icons.get(colour)
        if icon is None:
            icon = self._icons[colour] = dot_icon(colour)
        return icon

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

    def scene_chain(self, scene_id: int) -> list[QModelIndex]:
        """The scene's row, then its chapter's, its part's (if any) and the manuscript's."""
        item = self._scene_items.get(scene_id)
        chain: list[QModelIndex] = []
        while item is not None:
            chain.append(item.index())
            item = item.parent()
        return chain

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
