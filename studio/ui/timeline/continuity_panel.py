"""Continuity warnings in the window: one line each; click opens the scene it names.

A warning naming two scenes (in two places at once) opens the first on click; its context
menu opens either. Dismissed warnings are hidden unless "Show dismissed" is ticked; the
threshold for untouched threads is set here and kept in the project's settings.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.core.errors import SafehouseError
from studio.services.continuity import Check, ContinuityService, ContinuityWarning
from studio.ui.dialogs.messages import show_error
from studio.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from studio.services.project import Project

_SIGNS = {
    Check.TWO_PLACES: "⇄",
    Check.POV_ABSENT: "👁",
    Check.BEFORE_FIRST_APPEARANCE: "⏮",
    Check.AFTER_EXIT: "⏭",
    Check.THREAD_UNTOUCHED: "⋯",
    Check.ALIAS_OUT_OF_TIME: "🎭",
}


class ContinuityPanel(QWidget):
    open_scene_requested = Signal(int)

    def __init__(self, project: Project | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("continuityPanel")
        self._project: Project | None = None
        self.warnings: list[ContinuityWarning] = []
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("continuityList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.setToolTip("Hide the selected warning for this project")
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.show_dismissed = QCheckBox("Show dismissed", self)
        self.show_dismissed.toggled.connect(lambda _on: self.refresh())
        self.threshold = QSpinBox(self)
        self.threshold.setRange(1, 99)
        self.threshold.setSuffix(" chapters")
        self.threshold.editingFinished.connect(self._threshold_changed)
        # The sentence outside the spin box, and the rows below as flows: a narrow side panel
        # (a small window) wraps them instead of being held ~330 px wide.
        threshold_label = QLabel("Threads untouched after", self)
        threshold_label.setBuddy(self.threshold)
        threshold_row = FlowLayout()
        threshold_row.addWidget(threshold_label)
        threshold_row.addWidget(self.threshold)
        refresh = QPushButton("Check again", self)
        refresh.clicked.connect(self.refresh)
        buttons = FlowLayout()
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(refresh)
        buttons.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding))
        buttons.addWidget(self.show_dismissed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(threshold_row)
        layout.addLayout(buttons)
        if project is not None:
            self.set_project(project)

    def set_project(self, project: Project | None) -> None:
        self._project = project
        if project is not None:
            self.threshold.setValue(self._service(project).untouched_chapters())
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        if self._project is None:
            self.warnings = []
        else:
            self.warnings = self._service(self._project).warnings(
                include_dismissed=self.show_dismissed.isChecked()
            )
        for warning in self.warnings:
            self.list.addItem(_item(warning))
        active = sum(not w.dismissed for w in self.warnings)
        self.summary.setText(
            "No continuity warnings."
            if not active
            else f"{active} continuity warning"
            + ("s" if active != 1 else "")
            + " · click one to open its scene"
        )
        self.dismiss_button.setEnabled(bool(self.warnings))

    def dismiss_selected(self) -> None:
        item = self.list.currentItem()
        if item is None or self._project is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        try:
            service = self._service(self._project)
            if any(w.key == key and w.dismissed for w in self.warnings):
                service.restore(str(key))
            else:
                service.dismiss(str(key))
        except SafehouseError as error:
            show_error(self, "Warning not dismissed", str(error))
        self.refresh()

    @staticmethod
    def _service(project: Project) -> ContinuityService:
        return ContinuityService(project.database)

    def _warning(self, item: QListWidgetItem | None) -> ContinuityWarning | None:
        key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((w for w in self.warnings if w.key == key), None)

    def _clicked(self, item: QListWidgetItem) -> None:
        warning = self._warning(item)
        if warning is not None and warning.scene_ids:
            self.open_scene_requested.emit(warning.scene_ids[0])

    def _context_menu(self, point: QPoint) -> None:
        warning = self._warning(self.list.itemAt(point))
        if warning is None or self._project is None:
            return
        menu = QMenu(self)
        titles = {s.id: s.title for s in self._project.manuscript.binder().scenes()}
        for scene_id in warning.scene_ids:
            menu.addAction(
                f"Open '{titles.get(scene_id, scene_id)}'",
                partial(self.open_scene_requested.emit, scene_id),
            )
        menu.addSeparator()
        menu.addAction("Show again" if warning.dismissed else "Dismiss", self.dismiss_selected)
        menu.exec(self.list.viewport().mapToGlobal(point))

    def _threshold_changed(self) -> None:
        if self._project is None:
            return
        try:
            self._service(self._project).set_untouched_chapters(self.threshold.value())
        except SafehouseError as error:
            show_error(self, "Setting not changed", str(error))
        self.refresh()


def _item(warning: ContinuityWarning) -> QListWidgetItem:
    item = QListWidgetItem(f"{_SIGNS.get(warning.check, '•')}  {warning.message}")
    item.setData(Qt.ItemDataRole.UserRole, warning.key)
    item.setToolTip(f"{warning.message}\nClick to open the scene; right-click for more.")
    if warning.dismissed:
        font = QFont()
        font.setItalic(True)
        item.setFont(font)
        item.setForeground(QBrush(QColor("#8a8378")))
        item.setText(item.text() + "  (dismissed)")
    return item
