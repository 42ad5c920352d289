"""The binder: the book's outline and the bible's sections, on the left of the window.

Selecting a scene asks for it to be opened; dragging reorders (saved at once by the model);
the context menu adds, renames (in place) and deletes. A delete can be taken back: what it removed
is kept, newest last, and undo_delete() (Edit → Undo with the binder focused, or the context
menu's Undo Delete) puts the newest back; redo_delete() (Edit → Redo) deletes again, by id, what
the last undo put back. Only a delete that takes scenes with words asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QVBoxLayout, QWidget

from studio.core.errors import SafehouseError
from studio.ui.dialogs.messages import confirm, show_error
from studio.ui.models.binder_model import BinderModel, ItemRef, at_column

if TYPE_CHECKING:
    from studio.services.project import Project
    from studio.services.removal import Removed, Restored

OUTLINE_KINDS = {"manuscript", "part", "chapter", "scene"}
BIBLE_KINDS = {"characters", "character", "locations", "location", "threads", "thread"}
NARROW_BINDER = 190
"""Narrower than this (px), the binder shows titles without their word counts."""


class BinderPanel(QWidget):
    scene_selected = Signal(int)
    character_selected = Signal(int)
    outline_changed = Signal()  # parts, chapters or scenes were added, moved, renamed or deleted
    bible_changed = Signal()  # characters, locations or threads were added, renamed or deleted
    scene_deleted = Signal(int)
    save_requested = Signal()  # before a delete: what is being typed reaches what is kept
    message_posted = Signal(str)  # a line for the status bar ("Deleted chapter …")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("binderPanel")
        self._project: Project | None = None
        self._quiet = False
        self._deleted: list[Removed] = []  # the deletes undo_delete() can take back, newest last
        # What undo_delete() put back, and its label, for redo_delete(); newest last.
        self._undone: list[tuple[ItemRef, str]] = []
        self.model = BinderModel()
        self.model.moved.connect(self._after_move)
        self.model.move_failed.connect(lambda message: show_error(self, "Not changed", message))
        self.model.renamed.connect(self._after_rename)
        self.tree = QTreeView(self)
        self.tree.setObjectName("binderTree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAnimated(False)
        self.tree.setIndentation(14)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The words column is fitted to its counts by _fit_words, not by ResizeToContents: that
        # measured ~1,000 rows at every count a save changes (~10 ms each, ~80 ms an autosave
        # at 1m words: the scene, its chapter, its part and the manuscript, text and number).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        # After an expand or collapse has finished (measuring inside its signal undoes a collapse),
        # once for many (expandRecursively emits one per row).
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_words)
        self.tree.expanded.connect(self._fit_timer.start)
        self.tree.collapsed.connect(self._fit_timer.start)
        self.tree.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    # -- contents ----------------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self._project = project
        self._deleted.clear()
        self._undone.clear()
        self.model.project = project
        self.tree.setDragEnabled(project is not None and not project.read_only)
        self.reload(expand_all=True)

    def reload(self, expand_all: bool = False) -> None:
        """Rebuild from the database, keeping what was expanded and selected."""
        expanded = set() if expand_all else self._expanded()
        current = self.model.ref(self.tree.currentIndex())
        self._quiet = True
        try:
            if self._project is None:
                self.model.removeRows(0, self.model.rowCount())
                return
            bible = self._project.bible
            self.model.rebuild(
                self._project.manuscript.binder(),
                bible.characters(),
                bible.locations(),
                bible.threads(),
            )
            self._restore(expanded, expand_all, current)
        finally:
            self._quiet = False
            self._fit_words()

    def _fit_words(self) -> None:
        """The words column as wide as its widest count or its title, as ResizeToContents made it
        (Qt's view measures up to ~1,000 rows about the visible ones)."""
        self._fit_timer.stop()
        header = self.tree.header()
        width = max(self.tree.sizeHintForColumn(1), header.sectionSizeHint(1))
        if width != header.sectionSize(1):
            header.resizeSection(1, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A new font or style (a theme) measures the counts anew.
        restyled = event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange)
        if watched is self.tree and restyled:
            self._fit_timer.start()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A narrow binder (a small window) gives the counts' width to the titles, which would
        # otherwise be cut to a letter; the status bar still counts the scene and the book.
        self.tree.setColumnHidden(1, self.width() < NARROW_BINDER)

    def _expanded(self) -> set[ItemRef]:
        refs: set[ItemRef] = set()
        pending = [self.model.index(r, 0) for r in range(self.model.rowCount())]
        while pending:
            index = pending.pop()
            if self.tree.isExpanded(index):
                refs.add(self.model.ref(index))
                pending.extend(
                    self.model.index(r, 0, index) for r in range(self.model.rowCount(index))
                )
        return refs

    def _restore(self, expanded: set[ItemRef], expand_all: bool, current: ItemRef) -> None:
        model = self.model
        if expand_all:  # the whole outline (only the outline has items under the manuscript)
            self.tree.expandRecursively(model.index(0, 0))
        pending = [model.index(r, 0) for r in range(model.rowCount())] if expanded else []
        while pending:
            index = pending.pop()
            if not model.hasChildren(index):  # a scene or a bible entry: nothing to expand
                continue
            if model.ref(index) in expanded:
                self.tree.expand(index)
            pending.extend(model.index(r, 0, index) for r in range(model.rowCount(index)))
        if current.id is not None:
            self.tree.setCurrentIndex(model.index_of(current.kind, current.id))

    def scene_ids(self) -> list[int]:
        return self.model.scene_ids()

    def select_scene(self, scene_id: int) -> None:
        """Show scene_id as the current item without asking for it to be opened again."""
        index = self.model.index_of("scene", scene_id)
        if index.isValid():
            self._quiet = True
            try:
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
            finally:
                self._quiet = False

    def set_scene_words(self, scene_id: int, words: int) -> None:
        """A saved scene's count, and its chapter's, part's and the manuscript's totals: those rows
        alone are changed and measured (the whole column only when one of them got narrower)."""
        cells = [at_column(index, 1) for index in self.model.scene_chain(scene_id)]
        before = max((self.tree.sizeHintForIndex(cell).width() for cell in cells), default=0)
        self.model.set_scene_words(scene_id, words)
        after = max((self.tree.sizeHintForIndex(cell).width() for cell in cells), default=0)
        width = self.tree.header().sectionSize(1)
        if after > width:
            self.tree.header().resizeSection(1, after)
        elif after < before and before >= width:  # the widest count may have got narrower
            self._fit_words()

    def focus_tree(self) -> None:
        self.tree.setFocus()

    # -- reacting ----------------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        ref = self.model.ref(current)
        if ref.kind == "scene" and ref.id is not None:
            self.scene_selected.emit(ref.id)
        elif ref.kind == "character" and ref.id is not None:
            self.character_selected.emit(ref.id)

    def _after_move(self) -> None:
        # Rebuilt after the drop has finished, never inside the view's drop handling.
        QTimer.singleShot(0, self._reload_outline)

    def _reload_outline(self) -> None:
        self.reload()
        self.outline_changed.emit()

    def _after_rename(self, kind: str, _item_id: int) -> None:
        (self.outline_changed if kind in OUTLINE_KINDS else self.bible_changed).emit()

    # -- the context menu --------------------------------------------------------------------------
    def _context_menu(self, point: QPoint) -> None:
        if self._project is None or self._project.read_only:
            return
        index = self.tree.indexAt(point)
        ref = self.model.ref(index)
        menu = QMenu(self)
        for label, handler in self._menu_entries(ref, index):
            if label == "-":
                menu.addSeparator()
            else:
                menu.addAction(label).triggered.connect(handler)
        if not menu.isEmpty():
            menu.exec(self.tree.viewport().mapToGlobal(point))

    def _menu_entries(
        self, ref: ItemRef, index: QModelIndex
    ) -> list[tuple[str, Callable[[], None]]]:
        entries: list[tuple[str, Callable[[], None]]] = []
        adders = {
            "manuscript": [
                ("New part", lambda: self.add_part()),
                ("New chapter", lambda: self.add_chapter(None)),
            ],
            "part": [
                ("New chapter in this part", lambda: self.add_chapter(ref.id)),
                ("New part", lambda: self.add_part()),
            ],
            "chapter": [("New scene in this chapter", lambda: self.add_scene(ref.id))],
            "scene": [("New scene after this one", lambda: self.add_scene_after(ref))],
        }
        entries += adders.get(ref.kind, [])
        for section in ("character", "location", "thread"):
            if ref.kind in (section, section + "s"):
                entries.append((f"New {_label(section)}", self._adder(section)))
        if ref.id is not None:
            title = str(index.siblingAtColumn(0).data())
            entries += [
                ("-", lambda: None),
                ("Rename", lambda: self.tree.edit(index.siblingAtColumn(0))),
                (f"Delete {_label(ref.kind)}…", lambda: _ignore(self.delete_item(ref, title))),
            ]
        if self._deleted:
            entries += [
                ("-", lambda: None),
                (f"Undo Delete of {self._deleted[-1].label}", lambda: _ignore(self.undo_delete())),
            ]
        if self._undone:
            redo = (f"Redo Delete of {self._undone[-1][1]}", lambda: _ignore(self.redo_delete()))
            entries += [] if self._deleted else [("-", lambda: None)]
            entries.append(redo)
        return entries

    def _adder(self, kind: str) -> Callable[[], None]:
        return lambda: self.add_bible_item(kind)

    # -- adding and deleting -----------------------------------------------------------------------
    def add_part(self) -> None:
        self._add(lambda p: ItemRef("part", p.manuscript.add_part("New part").id))

    def add_chapter(self, part_id: int | None) -> None:
        self._add(lambda p: ItemRef("chapter", p.manuscript.add_chapter("New chapter", part_id).id))

    def add_scene(self, chapter_id: int | None, position: int | None = None) -> None:
        if chapter_id is None:
            return
        self._add(
            lambda p: ItemRef("scene", p.manuscript.add_scene(chapter_id, "New scene", position).id)
        )

    def add_scene_after(self, ref: ItemRef) -> None:
        index = self.model.index_of("scene", ref.id or 0)
        chapter = self.model.ref(index.parent())
        self.add_scene(chapter.id, index.row() + 1)

    def add_bible_item(self, kind: str) -> None:
        makers: dict[str, Callable[[Project], ItemRef]] = {
            "character": lambda p: ItemRef("character", p.bible.add_character("New character").id),
            "location": lambda p: ItemRef("location", p.bible.add_location("New location").id),
            "thread": lambda p: ItemRef("thread", p.bible.add_thread("New plot thread").id),
        }
        self._add(makers[kind])

    def _add(self, make: Callable[[Project], ItemRef]) -> None:
        """Create through the service, show it, and start renaming it in place."""
        if self._project is None:
            return
        try:
            ref = make(self._project)
        except SafehouseError as error:
            show_error(self, "Not added", str(error))
            return
        self.reload()
        (self.outline_changed if ref.kind in OUTLINE_KINDS else self.bible_changed).emit()
        index = self.model.index_of(ref.kind, ref.id or 0)
        if index.isValid():
            self.tree.scrollTo(index)
            self.tree.setCurrentIndex(index)
            self.tree.edit(index)

    def delete_item(self, ref: ItemRef, title: str) -> bool:
        """Delete ref (asking first when it takes scenes with words); Edit → Undo brings it back."""
        if self._project is None or ref.id is None:
            return False
        what = _label(ref.kind)
        words = self.model.words_of(self.model.index_of(ref.kind, ref.id))
        if ref.kind in OUTLINE_KINDS and words > 0:
            contents = {"part": " with its chapters and scenes", "chapter": " with its scenes"}
            text = f"Delete the {what} “{title}”{contents.get(ref.kind, '')} ({words:,} words)?"
            text += "\n\nEdit → Undo brings it back."
            if not confirm(self, f"Delete {what}", text, "Delete"):
                return False
        if not self._remove(ref):
            return False
        self._undone.clear()  # a new delete: what undo put back before is the writer's again
        return True

    def _remove(self, ref: ItemRef) -> bool:
        """Delete ref through the service and keep what it removed for undo_delete()."""
        self.save_requested.emit()  # the open scene's last words are in what the delete keeps
        deleted_scenes = self._scenes_under(ref)
        try:
            removed = self._delete(ref)
        except SafehouseError as error:
            show_error(self, "Not deleted", str(error))
            return False
        self._deleted.append(removed)
        for scene_id in deleted_scenes:
            self.scene_deleted.emit(scene_id)
        self.reload()
        (self.outline_changed if ref.kind in OUTLINE_KINDS else self.bible_changed).emit()
        self.message_posted.emit(f"Deleted {removed.label} — Edit → Undo brings it back")
        return True

    def can_undo_delete(self) -> bool:
        return bool(self._deleted)

    def undo_label(self) -> str | None:
        """What undo_delete() would bring back ('chapter “The Letter” (3 scenes)'), or None."""
        return self._deleted[-1].label if self._deleted else None

    def redo_label(self) -> str | None:
        """What redo_delete() would delete again, or None."""
        return self._undone[-1][1] if self._undone else None

    def redo_delete(self) -> bool:
        """Delete again, by its id, what the last undo_delete() brought back (without asking:
        Edit → Undo brings it back again); False when there is none or it could not be deleted."""
        if self._project is None or not self._undone:
            self.message_posted.emit("Nothing brought back to delete again")
            return False
        ref, _label = self._undone.pop()
        return self._remove(ref)

    def undo_delete(self) -> bool:
        """Put back what the newest delete removed and select it; False when there was none or
        it could not come back (the writer is told why)."""
        if self._project is None or not self._deleted:
            self.message_posted.emit("Nothing deleted to bring back")
            return False
        removed = self._deleted.pop()
        try:
            restored = self._bring_back(removed)
        except SafehouseError as error:
            show_error(self, "Not brought back", str(error))
            self.reload()
            return False
        self._undone.append((ItemRef(restored.kind, restored.id), removed.label))
        self.reload()
        (self.outline_changed if removed.kind in OUTLINE_KINDS else self.bible_changed).emit()
        index = self.model.index_of(restored.kind, restored.id)
        if index.isValid():
            self.tree.expand(index)
            self.tree.scrollTo(index)
            self.tree.setCurrentIndex(index)  # a scene is opened, as a click would
        self.message_posted.emit(f"Brought back {removed.label}")
        return True

    def _scenes_under(self, ref: ItemRef) -> list[int]:
        index = self.model.index_of(ref.kind, ref.id or 0)
        if not index.isValid():  # not in the binder (any more): the service says so
            return []
        found: list[int] = []
        pending = [index]
        while pending:
            current = pending.pop()
            child = self.model.ref(current)
            if child.kind == "scene" and child.id is not None:
                found.append(child.id)
            pending.extend(
                self.model.index(r, 0, current) for r in range(self.model.rowCount(current))
            )
        return found

    def _delete(self, ref: ItemRef) -> Removed:
        assert self._project is not None and ref.id is not None
        manuscript, bible = self._project.manuscript, self._project.bible
        deleters: dict[str, Callable[[int], Removed]] = {
            "part": manuscript.delete_part,
            "chapter": manuscript.delete_chapter,
            "scene": manuscript.delete_scene,
            "character": bible.delete_character,
            "location": bible.delete_location,
            "thread": bible.delete_thread,
        }
        return deleters[ref.kind](ref.id)

    def _bring_back(self, removed: Removed) -> Restored:
        assert self._project is not None
        if removed.kind in OUTLINE_KINDS:
            return self._project.manuscript.restore(removed)
        return self._project.bible.restore(removed)


def _ignore(_result: object) -> None:
    """Menu handlers return nothing; this drops a result a handler does not need."""


def _label(kind: str) -> str:
    return "plot thread" if kind == "thread" else kind
