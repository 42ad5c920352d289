"""A character's aliases and cover identities, edited in place in a small table.

Each cell saves through the bible service when it is edited; a value the service refuses (a
story time it cannot read, a period that ends before it begins) is refused with its message and
the cell goes back to what is stored. Showing the aliases again after a save changes only the
cells that differ, so the cell the writer has moved on to keeps its editor and what is typed.
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
        """Show aliases: the same aliases as shown are updated cell by cell (an open editor
        elsewhere stays open), others replace the rows."""
        self._filling = True
        try:
            if [self.alias_id(row) for row in range(self.rowCount())] == [a.id for a in aliases]:
                for row, alias in enumerate(aliases):
                    self._update_row(row, alias)
            else:
                self.setRowCount(0)
                for alias in aliases:
                    self._add_row(alias)
        finally:
            self._filling = False
        self.setFixedHeight(self.horizontalHeader().height() + max(1, len(aliases)) * 30 + 6)

    @staticmethod
    def _values(alias: Alias) -> tuple[str, ...]:
        return (
            alias.name,
            "",
            alias.used_where,
            alias.used_with,
            alias.valid_from.text if alias.valid_from else "",
            alias.valid_until.text if alias.valid_until else "",
            alias.notes,
        )

    def _update_row(self, row: int, alias: Alias) -> None:
        for column, value in enumerate(self._values(alias)):
            item = self.item(row, column)
            if item is not None and item.text() != value:
                item.setText(value)
        kind = self.cellWidget(row, 1)
        if isinstance(kind, QComboBox) and kind.currentText() != alias.kind.value:
            kind.blockSignals(True)
            kind.setCurrentText(alias.kind.value)
            kind.blockSignals(False)

    def _add_row(self, alias: Alias) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for column, value in enumerate(self._values(alias)):
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
