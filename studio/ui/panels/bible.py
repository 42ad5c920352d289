"""The character bible sidebar: search, the cast (role and colour), and the character's card.

Search matches names, full names, aliases and cover identities, role and allegiance, so typing a
cover name finds the agent behind it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from studio.core.domain import Character
from studio.core.errors import SafehouseError
from studio.ui.dialogs.messages import show_error
from studio.ui.widgets.character_card import CharacterCard
from studio.ui.widgets.flow_layout import FlowLayout, stack_form

if TYPE_CHECKING:
    from studio.services.project import Project

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROLE_ROLE = Qt.ItemDataRole.UserRole + 2
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 3


def matches(character: Character, query: str) -> bool:
    words = query.casefold().split()
    haystack = " ".join(
        [character.display_name, character.full_name, character.role, character.allegiance]
        + [a.name for a in character.aliases]
    ).casefold()
    return all(word in haystack for word in words)


class CastDelegate(QStyledItemDelegate):
    """Two lines per character: a colour dot and the name, then the role in a quieter grey."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(option.rect.width(), 44)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        style = option.widget.style() if option.widget else None
        item_option = QStyleOptionViewItem(option)
        self.initStyleOption(item_option, index)
        item_option.text = ""
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, item_option, painter, option.widget
            )
        rect = option.rect.adjusted(12, 5, -8, -5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(index.data(COLOUR_ROLE) or "#a39d92"))
        painter.drawEllipse(rect.left(), rect.top() + 5, 10, 10)
        text_rect = QRect(rect.left() + 20, rect.top(), rect.width() - 20, 18)
        font = QFont(option.font)
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(option.palette.text().color())
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(index.data())
        )
        painter.setFont(option.font)
        painter.setPen(option.palette.placeholderText().color())
        painter.drawText(
            text_rect.translated(0, 17),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            str(index.data(ROLE_ROLE) or "no role yet"),
        )
        painter.restore()


class BiblePanel(QWidget):
    open_scene_requested = Signal(int)
    characters_changed = Signal()
    save_state_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("biblePanel")
        self._project: Project | None = None
        self._characters: list[Character] = []
        self.search = QLineEdit(self)
        self.search.setObjectName("bibleSearch")
        self.search.setPlaceholderText("Search names, aliases, roles…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.add_button = QPushButton("New character", self)
        self.add_button.clicked.connect(self.add_character)
        self.cast = QListWidget(self)
        self.cast.setObjectName("castList")
        self.cast.setItemDelegate(CastDelegate(self.cast))
        self.cast.currentItemChanged.connect(self._current_changed)
        self.card = CharacterCard(self)
        # The card's form puts the labels above the fields when narrow, in resizeEvent.
        self._card_forms = self.card.findChildren(QFormLayout)
        self.card.open_scene_requested.connect(self.open_scene_requested.emit)
        self.card.character_changed.connect(self._character_changed)
        self.card.failed.connect(lambda message: show_error(self, "Not saved", message))
        self.card.save_state_changed.connect(self.save_state_changed.emit)
        self.card_area = QScrollArea(self)
        self.card_area.setObjectName("characterCardArea")
        self.card_area.setWidgetResizable(True)
        self.card_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card_area.setWidget(self.card)
        self._layout()

    def _layout(self) -> None:
        top = QWidget(self)
        top.setObjectName("bibleList")
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(10, 10, 10, 4)
        # A flow: in a narrow side panel (a small window) the button goes under the search.
        row = FlowLayout()
        row.addWidget(self.search)
        row.addWidget(self.add_button)
        top_layout.addLayout(row)
        top_layout.addWidget(self.cast, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.card_area)
        self.splitter.setSizes([220, 600])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for form in self._card_forms:  # a narrow side panel: labels above the fields
            stack_form(form, self.width())

    # -- contents ----------------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self.save_now()
        self._project = project
        self.card.project = project
        self.card.show_character(None)
        self.add_button.setEnabled(project is not None and not project.read_only)
        self.reload()
        if self.cast.count():
            self.cast.setCurrentRow(0)

    def reload(self) -> None:
        current = self.current_character_id()
        self._characters = self._project.bible.characters() if self._project else []
        self._filter()
        if current is not None:
            self.show_character(current)

    def current_character_id(self) -> int | None:
        item = self.cast.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def _filter(self) -> None:
        current = self.current_character_id()
        query = self.search.text()
        self.cast.blockSignals(True)
        try:
            self.cast.clear()
            for character in self._characters:
                if matches(character, query):
                    item = QListWidgetItem(character.display_name, self.cast)
                    item.setData(ID_ROLE, character.id)
                    item.setData(ROLE_ROLE, character.role)
                    item.setData(COLOUR_ROLE, character.colour)
                    item.setToolTip(", ".join(a.name for a in character.aliases))
                    if character.id == current:
                        self.cast.setCurrentItem(item)
        finally:
            self.cast.blockSignals(False)
        if self.cast.currentItem() is None and self.cast.count():
            self.cast.setCurrentRow(0)

    def show_character(self, character_id: int) -> None:
        for row in range(self.cast.count()):
            if self.cast.item(row).data(ID_ROLE) == character_id:
                self.cast.setCurrentRow(row)
                return
        if self.search.text():  # hidden by the search: clear it and try again
            self.search.clear()
            self.show_character(character_id)

    def _current_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        if current is None or self._project is None:
            self.card.show_character(None)
            return
        try:
            self.card.show_character(self._project.bible.character(int(current.data(ID_ROLE))))
        except SafehouseError as error:
            show_error(self, "Character not found", str(error))

    def _character_changed(self, character: Character) -> None:
        self._characters = [character if c.id == character.id else c for c in self._characters]
        item = self.cast.currentItem()
        if item is not None and item.data(ID_ROLE) == character.id:
            item.setText(character.display_name)
            item.setData(ROLE_ROLE, character.role)
            item.setData(COLOUR_ROLE, character.colour)
        self.characters_changed.emit()

    def add_character(self) -> None:
        if self._project is None:
            return
        try:
            character = self._project.bible.add_character("New character", role="supporting")
        except SafehouseError as error:
            show_error(self, "Not added", str(error))
            return
        self.search.clear()
        self.reload()
        self.show_character(character.id)
        self.card.display_name.setFocus()
        self.card.display_name.selectAll()
        self.characters_changed.emit()

    def save_now(self) -> bool:
        return self.card.save_now()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
