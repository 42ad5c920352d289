"""A tab's place for a view that is made, given the project and refreshed only when it is shown.

The timeline, book order, thread grid and continuity views each read the whole project; the
window must not pay for that at start, nor after every edit for a tab nobody is looking at. The
host makes its view on first show (so its module is imported then too), hands it the project the
window has now, and refreshes it when something it shows has changed since (`mark_stale`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from types import MethodType
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from studio.services.project import Project


class ProjectView(Protocol):
    def set_project(self, project: Project | None) -> None: ...

    def refresh(self) -> None: ...


_NOT_YET = object()  # the view has been given no project at all


class ViewHost(QWidget):
    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A method of the window is held weakly: a strong one would keep the window's wrapper
        # alive (a cycle through this child) after Qt deleted the window.
        self._factory: Callable[[], Callable[[], QWidget] | None] = (
            weakref.WeakMethod(factory) if isinstance(factory, MethodType) else lambda: factory
        )
        self._view: QWidget | None = None
        self._project: Project | None = None
        self._given: object = _NOT_YET
        self._stale = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def made(self) -> bool:
        return self._view is not None

    def view(self) -> QWidget:
        """The view, made now if it was not yet (not brought up to date: see current())."""
        if self._view is None:
            factory = self._factory()
            if factory is None:
                raise RuntimeError("the window that makes this view is gone")
            self._view = factory()
            self._layout.addWidget(self._view)
            # Its real size before it is filled: views that fit their contents to their width
            # (the timeline) would otherwise fit a default-sized widget.
            self._layout.activate()
        return self._view

    def current(self) -> QWidget:
        """The view, showing the window's project as it is now."""
        view = self.view()
        target: ProjectView = view  # type: ignore[assignment]
        if self._given is not self._project:
            self._given = self._project
            self._stale = False
            target.set_project(self._project)
        elif self._stale:
            self._stale = False
            target.refresh()
        return view

    def set_project(self, project: Project | None) -> None:
        self._project = project
        if self.isVisible():
            self.current()

    def mark_stale(self) -> None:
        """What the view shows changed: refresh now if it is on screen, else when it is shown."""
        self._stale = True
        if self.isVisible():
            self.current()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.current()


def replace_tab(tabs: QTabWidget, old: QWidget, new: QWidget) -> None:
    """Put new in old's tab: same place and title, current if old was; old is deleted.

    Inserted before it is removed, so no other tab is ever shown (nor made) in between."""
    index = tabs.indexOf(old)
    was_current = tabs.currentIndex() == index
    tabs.insertTab(index, new, tabs.tabText(index))
    if was_current:
        tabs.setCurrentIndex(index)
    tabs.removeTab(index + 1)
    old.deleteLater()
