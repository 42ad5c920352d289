"""The window's panels that the first paint goes without: the character bible, the scene
inspector and spelling (underlines, the right-click menu, the View menu's items).

start() paints the window, opens the project and shows its first scene, then calls complete():
the bible (on screen) and spelling are made then. The inspector waits until its tab is looked
at: it reads every choice a scene can have (the whole outline for 'Relative to'), which nobody
needs before that. Asking for any of them earlier makes it at once.
"""

from __future__ import annotations

import weakref
from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from studio.core.errors import NotFoundError
from studio.ui.panels.view_host import replace_tab

if TYPE_CHECKING:
    from studio.services.project import Project
    from studio.ui.main_window import MainWindow
    from studio.ui.panels.bible import BiblePanel
    from studio.ui.panels.inspector import InspectorPanel
    from studio.ui.spelling import SpellingController, SpellingMenu

# "Cast", not "Characters": with Scene, Continuity and Search it fits a ~300 px side panel.
BIBLE_TAB = "Cast"
BIBLE_TIP = "The character bible: who is who, their aliases and secrets (Ctrl+3)"


class SidePanels:
    """Makes the bible, inspector and spelling for window on first use, wired to it."""

    def __init__(self, window: MainWindow) -> None:
        # Weak: the window holds this object, and a cycle would keep a closed window's wrapper
        # alive after Qt deleted it (until the next garbage collection).
        self._window_ref = weakref.ref(window)
        tabs = window.side_tabs
        # Stand-ins until the panels are made (their pages are swapped in, in the same place).
        self._bible_page = QWidget(tabs)
        self._inspector_page = QWidget(tabs)
        tabs.addTab(self._bible_page, BIBLE_TAB)
        tabs.setTabToolTip(0, BIBLE_TIP)
        tabs.addTab(self._inspector_page, "Scene")
        tabs.currentChanged.connect(self._tab_shown)
        self.made_bible: BiblePanel | None = None
        self.made_inspector: InspectorPanel | None = None
        self._spelling: tuple[SpellingController, SpellingMenu] | None = None

    @property
    def _window(self) -> MainWindow:
        window = self._window_ref()
        assert window is not None, "the window is gone"
        return window

    @property
    def made_spelling(self) -> SpellingController | None:
        return None if self._spelling is None else self._spelling[0]

    def complete(self) -> None:
        """Make the bible and spelling now (the inspector still waits to be looked at)."""
        self.spelling()
        self.bible()

    def made(self) -> list[BiblePanel | InspectorPanel]:
        """The panels made so far that hold a project and edits of their own."""
        return [panel for panel in (self.made_inspector, self.made_bible) if panel is not None]

    def set_project(self, project: Project | None) -> None:
        """The panels made so far show project (spelling follows window.project_changed)."""
        for panel in self.made():
            panel.set_project(project)

    def bible(self) -> BiblePanel:
        if self.made_bible is None:
            from studio.ui.panels.bible import BiblePanel

            window = self._window
            bible = self.made_bible = BiblePanel(window.side_tabs)
            bible.open_scene_requested.connect(window.open_scene)
            bible.characters_changed.connect(window.on_characters_changed)
            bible.save_state_changed.connect(window.status.show_save_state)
            if window.project is not None:
                bible.set_project(window.project)
            replace_tab(window.side_tabs, self._bible_page, bible)
            window.side_tabs.setTabToolTip(window.side_tabs.indexOf(bible), BIBLE_TIP)
        return self.made_bible

    def inspector(self) -> InspectorPanel:
        if self.made_inspector is None:
            from studio.ui.panels.inspector import InspectorPanel

            window = self._window
            inspector = self.made_inspector = InspectorPanel(window.side_tabs)
            inspector.scene_changed.connect(window.on_scene_info_changed)
            inspector.save_state_changed.connect(window.status.show_save_state)
            if window.project is not None:
                inspector.set_project(window.project)
                scene_id = window.editor.scene_id
                with suppress(NotFoundError):  # gone meanwhile: the inspector shows no scene
                    if scene_id is not None:
                        inspector.load_scene(window.project.manuscript.scene(scene_id))
            replace_tab(window.side_tabs, self._inspector_page, inspector)
        return self.made_inspector

    def spelling(self) -> tuple[SpellingController, SpellingMenu]:
        if self._spelling is None:
            from studio.ui.spelling import SpellingController, add_spelling_menu

            window = self._window
            spelling = SpellingController(window.editor.editor, window)
            menu = add_spelling_menu(window.menu_actions.view_menu, spelling)
            self._spelling = (spelling, menu)
            window.project_changed.connect(spelling.set_project)
            spelling.bible_changed.connect(window.on_bible_changed)
            # Why spelling is off stays in the status bar until something else is said there.
            spelling.message.connect(window.status.showMessage)
            if window.project is not None:
                spelling.set_project(window.project)
        return self._spelling

    def _tab_shown(self, index: int) -> None:
        page = self._window.side_tabs.widget(index)
        if page is self._inspector_page:
            self.inspector()
        elif page is self._bible_page:
            self.bible()


__all__ = ["SidePanels"]
