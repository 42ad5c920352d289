"""A character's aliases and cover identities, edited in place in a small table.

Each cell saves through the bible service when it is edited; a story time the service cannot
read is refused with its message and the cell goes back to what is stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from studio.core.domain import Alias, AliasKind
from studio.core.errors import SafehouseError

if TYPE_CHECKING:
    from studio.services.project import Project

COLUMNS = ("Name", "Kind", "Where", "With whom", "From", "Until", "Notes")
TEXT_FIELDS = {0: "name", 2: "used_where", 3: "used_with", 6: "notes"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class AliasTable(QTableWidget):
    alias_failed = Signal(str)
    aliases_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("aliasTable")
        self.project: Project | None = None
        self._filling = False
        self.setHorizontalHeaderLabels(COLUMNS)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((130, 120, 90, 90, 90, 90)):
            self.setColumnWidth(column, width)
        self.setMinimumWidth(0)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(policy.Policy.Ignored)
        self.setSizePolicy(policy)
        self.itemChanged.connect(self._item_changed)

    def set_aliases(self, aliases: tuple[Alias, ...]) -> None:
        self._filling = True
        try:
            self.setRowCount(0)
            for alias in aliases:
                self._add_row(alias)
        finally:
            self._filling = False
        self.setFixedHeight(self.horizontalHeader().height() + max(1, len(aliases)) * 30 + 6)

    def _add_row(self, alias: Alias) -> None:
        row = self.rowCount()
        self.insertRow(row)
        values = (
            alias.name,
            "",
            alias.used_where,
            alias.used_with,
            alias.valid_from.text if alias.valid_from else "",
            alias.valid_until.text if alias.valid_until else "",
            alias.notes,
        )
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setData(ID_ROLE, alias.id)
            self.setItem(row, column, item)
        kind = QComboBox(self)
        kind.addItems([k.value for k in AliasKind])
        kind.setCurrentText(alias.kind.value)
        kind.currentTextChanged.connect(lambda text, a=alias.id: self._save(a, kind=text))
        self.setCellWidget(row, 1, kind)

    def alias_id(self, row: int) -> int | None:
        item = self.item(row, 0)
        return None if item is None else int(item.data(ID_ROLE))

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        alias_id = int(item.data(ID_ROLE))
        column, text = item.column(), item.text()
        if column in TEXT_FIELDS:
            self._save(alias_id, **{TEXT_FIELDS[column]: text})
        elif column in (4, 5):
            self._save_times(item.row(), alias_id)

    def _save_times(self, row: int, alias_id: int) -> None:
        valid_from = self._cell(row, 4) or None
        valid_until = self._cell(row, 5) or None
        # clear_times first, then what is left: a cleared cell really clears.
        self._save(alias_id, clear_times=True, valid_from=valid_from, valid_until=valid_until)

    def _cell(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return "" if item is None else item.text().strip()

    def _save(self, alias_id: int, **changes: object) -> None:
        if self.project is None:
            return
        try:
            self.project.bible.update_alias(alias_id, **changes)  # type: ignore[arg-type]
        except SafehouseError as error:
            self.alias_failed.emit(str(error))
        self.aliases_changed.emit()
