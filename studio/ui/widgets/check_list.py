"""A list of checkable names (plot threads, characters present) that reports the checked ids."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from studio.ui.models.binder_model import dot_icon

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CheckList(QListWidget):
    checked_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkList")
        self._filling = False
        self.itemChanged.connect(self._item_changed)

    def set_entries(self, entries: Iterable[tuple[int, str, str]], checked: Iterable[int]) -> None:
        """entries are (id, name, colour); checked the ids ticked."""
        ticked = set(checked)
        self._filling = True
        try:
            self.clear()
            for entry_id, name, colour in entries:
                item = QListWidgetItem(name, self)
                item.setData(ID_ROLE, entry_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                state = Qt.CheckState.Checked if entry_id in ticked else Qt.CheckState.Unchecked
                item.setCheckState(state)
                if colour:
                    item.setIcon(dot_icon(colour))
        finally:
            self._filling = False
        rows = max(1, self.count())
        self.setFixedHeight(min(rows, 6) * (self.sizeHintForRow(0) if self.count() else 24) + 16)

    def checked_ids(self) -> list[int]:
        return [
            int(self.item(r).data(ID_ROLE))
            for r in range(self.count())
            if self.item(r).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, entry_id: int, on: bool) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(ID_ROLE) == entry_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _item_changed(self, _item: QListWidgetItem) -> None:
        if not self._filling:
            self.checked_changed.emit()
