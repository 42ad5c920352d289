"""The writing window: assembles the panels and wires their signals; panels never call each other.

Layout: binder | centre tabs (the editor; more views can be added with add_centre_tab) | side tabs
(the character bible and the scene inspector; add_side_tab adds more). The window owns the open
Project and hands it to each panel; every save goes through the services.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFontDialog,
    QMainWindow,
    QWidget,
)

from studio.core.errors import NotFoundError, SafehouseError
from studio.ui.dialogs.messages import show_error
from studio.ui.imports import sources_forgotten
from studio.ui.menus import build_menus
from studio.ui.panels.binder import BinderPanel
from studio.ui.panels.editor import EditorPanel
from studio.ui.panels.view_host import ViewHost
from studio.ui.panes import BINDER, SIDE, Panes
from studio.ui.replace import BookReplace
from studio.ui.session import WritingSession
from studio.ui.settings import Settings, SettingsStore
from studio.ui.side_panels import SidePanels
from studio.ui.themes import apply_theme
from studio.ui.widgets.status_bar import WritingStatusBar
from studio.ui.window_layout import FittedTabs, WritingSplitter

if TYPE_CHECKING:
    from studio.core.domain import SceneInfo
    from studio.services.project import Project
    from studio.ui.dialogs.import_manuscript import ImportManuscriptDialog
    from studio.ui.panels.bible import BiblePanel
    from studio.ui.panels.inspector import InspectorPanel
    from studio.ui.panels.project_search import ProjectSearchPanel
    from studio.ui.spelling import SpellingController, SpellingMenu
    from studio.ui.timeline import BookOrderView, ContinuityPanel, ThreadGridView, TimelineView

APP_NAME = "Safehouse"
DEFAULT_SPLITTER = [270, 780, 390]


class MainWindow(QMainWindow):
    # The Project now shown, or None; views added with add_centre_tab/add_side_tab listen here.
    project_changed = Signal(object)
    # studio.app.start opens the first project after the first paint; this says it is done.
    opening_finished = Signal()

    def __init__(self, settings: Settings, store: SettingsStore | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings
        self._store = store
        self.project: Project | None = None
        self.session = WritingSession()
        # While start() opens the first project: the bible and spelling wait for the scene.
        self._opening = False
        # The theme first: a widget made before it keeps the platform's point size (the style
        # sheet's polish pins it), so panels made with the window and panels made later (the
        # bible, the inspector, the story views) would be drawn at different sizes.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.theme)
        self._build_panels()
        self.book_replace = BookReplace(self)  # before the menus: Edit holds its undo
        self.panes = Panes(self)  # the binder's and side panel's visibility, and focus mode
        self.menu_actions = build_menus(self)
        self._wire()
        self._restore_layout()
        self.set_theme(settings.theme)
        self.editor.editor.set_editor_font(settings.editor_font, settings.editor_font_size)
        self._show_project_state()

    # -- assembly ----------------------------------------------------------------------------------
    def _build_panels(self) -> None:
        self.binder = BinderPanel(self)
        self.editor = EditorPanel(self)
        self.centre_tabs = FittedTabs(self)
        self.centre_tabs.setObjectName("centreTabs")
        self.centre_tabs.setDocumentMode(True)
        self.centre_tabs.setTabBarAutoHide(True)
        self.centre_tabs.addTab(self.editor, "Manuscript")
        self.side_tabs = FittedTabs(self)  # a small window leaves the side panel ~230 px
        self.side_tabs.setObjectName("sideTabs")
        self.side_tabs.setDocumentMode(True)
        self.side_panels = SidePanels(self)
        self._add_story_views()
        self.splitter = WritingSplitter(1, self)  # a small window: the panels give way first
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.binder, self.centre_tabs, self.side_tabs):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.status = WritingStatusBar(self)
        self.setStatusBar(self.status)

    def add_centre_tab(self, widget: QWidget, title: str) -> int:
        """A view beside the editor (timeline, thread grid…); returns its tab index."""
        return self.centre_tabs.addTab(widget, title)

    def add_side_tab(self, widget: QWidget, title: str) -> int:
        """A panel beside the bible and the inspector (continuity…); returns its tab index."""
        return self.side_tabs.addTab(widget, title)

    def _add_story_views(self) -> None:
        """Timeline, book order, thread grid and continuity: made and filled when first shown."""
        self.timeline_host = ViewHost(self._make_timeline, self)
        self.book_order_host = ViewHost(self._make_book_order, self)
        self.grid_host = ViewHost(self._make_grid, self)
        self.continuity_host = ViewHost(self._make_continuity, self)
        self.search_host = ViewHost(self._make_search, self)
        self.add_centre_tab(self.timeline_host, "Timeline")
        self.add_centre_tab(self.book_order_host, "Book order")
        self.add_centre_tab(self.grid_host, "Threads")
        self.add_side_tab(self.continuity_host, "Continuity")
        self.add_side_tab(self.search_host, "Search")
        self._story_hosts = (
            self.timeline_host,
            self.book_order_host,
            self.grid_host,
            self.continuity_host,
            self.search_host,
        )

    def _make_timeline(self) -> QWidget:
        from studio.ui.timeline import TimelineView

        view = TimelineView()
        view.open_scene_requested.connect(self.show_scene)
        view.story_times_changed.connect(self._story_times_changed)
        return view

    def _make_book_order(self) -> QWidget:
        from studio.ui.timeline import BookOrderView

        view = BookOrderView()
        view.open_scene_requested.connect(self.show_scene)
        return view

    def _make_grid(self) -> QWidget:
        from studio.ui.timeline import ThreadGridView

        view = ThreadGridView()
        view.open_scene_requested.connect(self.show_scene)
        view.grid_changed.connect(self._grid_changed)
        return view

    def _make_continuity(self) -> QWidget:
        from studio.ui.timeline import ContinuityPanel

        view = ContinuityPanel()
        view.open_scene_requested.connect(self.show_scene)
        return view

    def _make_search(self) -> QWidget:
        from studio.ui.panels.project_search import ProjectSearchPanel

        view = ProjectSearchPanel()
        view.open_match_requested.connect(self.open_match)
        view.save_requested.connect(self.save_all)
        view.replace_all_requested.connect(self.book_replace.replace_all)
        return view

    @property
    def timeline_view(self) -> TimelineView:
        return cast("TimelineView", self.timeline_host.current())

    @property
    def book_order_view(self) -> BookOrderView:
        return cast("BookOrderView", self.book_order_host.current())

    @property
    def grid_view(self) -> ThreadGridView:
        return cast("ThreadGridView", self.grid_host.current())

    @property
    def continuity(self) -> ContinuityPanel:
        return cast("ContinuityPanel", self.continuity_host.current())

    @property
    def project_search(self) -> ProjectSearchPanel:
        return cast("ProjectSearchPanel", self.search_host.current())

    def _stories_stale(self, *hosts: ViewHost) -> None:
        for host in hosts or self._story_hosts:
            host.mark_stale()

    def _story_times_changed(self) -> None:
        # A drag on the timeline (it redrew itself): the others show story times too.
        self._stories_stale(self.book_order_host, self.continuity_host)
        self._reload_inspector_choices()
        self.editor.refresh_header()

    def _grid_changed(self) -> None:
        self._stories_stale(self.timeline_host, self.continuity_host)
        self._reload_inspector_choices()

    # -- panels made after the first paint ---------------------------------------------------------
    def show_opening(self, name: str) -> None:
        """Start-up, before the first project is opened: the editor says so, and the bible and
        spelling are made when opening_done() is called, after the first scene is on screen."""
        self._opening = True
        self.editor.show_opening(name)

    def opening_done(self) -> None:
        """The first project is open (or could not be) and its scene shown: make the rest."""
        self._opening = False
        self.editor.opening_done()
        try:
            with sources_forgotten():  # enchant and the spelling service
                self.side_panels.complete()
        finally:
            self.opening_finished.emit()

    @property
    def bible(self) -> BiblePanel:
        return self.side_panels.bible()

    @property
    def inspector(self) -> InspectorPanel:
        return self.side_panels.inspector()

    @property
    def spelling(self) -> SpellingController:
        return self.side_panels.spelling()[0]

    @property
    def spelling_menu(self) -> SpellingMenu:
        return self.side_panels.spelling()[1]

    def _wire(self) -> None:
        self.binder.scene_selected.connect(self.open_scene)
        self.binder.character_selected.connect(self._show_character)
        self.binder.outline_changed.connect(self._outline_changed)
        self.binder.bible_changed.connect(self.on_bible_changed)
        self.binder.scene_deleted.connect(self._scene_deleted)
        self.binder.save_requested.connect(self.save_all)
        self.binder.message_posted.connect(lambda text: self.status.showMessage(text, 10_000))
        self.editor.scene_saved.connect(self.scene_words_changed)
        self.editor.find_bar.message_posted.connect(lambda t: self.status.showMessage(t, 10_000))
        self.editor.save_state_changed.connect(self.status.show_save_state)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.save_all)

    # -- projects ----------------------------------------------------------------------------------
    def open_project_path(self, path: Path) -> bool:
        """Open the project at path; on failure say why in a dialog and keep what is open."""
        path = Path(path)
        if self.project is not None and self.project.path.resolve() == path.resolve():
            return True
        with sources_forgotten():
            from studio.services.project import open_project  # SQLAlchemy: after the first paint

        try:
            project = open_project(path)
        except SafehouseError as error:
            show_error(self, "Could not open the project", str(error))
            return False
        self.set_project(project)
        return True

    def set_project(self, project: Project | None) -> None:
        """Show project (already open), closing the one shown before; None shows none."""
        self.save_all()
        if project is not None and not self._opening:
            self.side_panels.complete()
        old = self.project
        self.project = project
        self.session = WritingSession()
        self.editor.set_project(project)
        self.side_panels.set_project(project)
        self.binder.set_project(project)
        for host in self._story_hosts:
            host.set_project(project)
        if old is not None and old is not project:
            old.close()
        self.project_changed.emit(project)
        if project is not None:
            self.settings.remember_project(project.path)
            self._save_settings()
            self._open_first_scene()
        self._show_project_state()

    def close_project(self) -> None:
        self.set_project(None)

    def _open_first_scene(self) -> None:
        assert self.project is not None
        ids = self.binder.scene_ids()
        remembered = self.settings.last_scene(self.project.path)
        if remembered in ids:
            self.open_scene(remembered)
        elif ids:
            self.open_scene(ids[0])
        else:
            self._update_counts()

    def _show_project_state(self) -> None:
        project = self.project
        if project is None:
            self.setWindowTitle(APP_NAME)
        else:
            title = project.manuscript.info().title
            suffix = " (read-only)" if project.read_only else ""
            self.setWindowTitle(f"{title}{suffix} — {APP_NAME}")
        for action in self.menu_actions.project_actions:
            action.setEnabled(project is not None)
        self.status.show_save_state("saved" if project is not None else "")
        self._update_counts()

    # -- scenes ------------------------------------------------------------------------------------
    def open_scene(self, scene_id: int) -> None:
        if self.project is None or scene_id == self.editor.scene_id:
            self.binder.select_scene(scene_id)
            return
        inspector = self.side_panels.made_inspector
        if inspector is not None:
            inspector.save_now()
        try:
            scene = self.editor.load_scene(scene_id)
        except NotFoundError as error:
            show_error(self, "Scene not found", str(error))
            self.binder.reload()
            return
        if scene is None:  # the scene shown could not be saved; stay with it
            if self.editor.scene_id is not None:
                self.binder.select_scene(self.editor.scene_id)
            return
        self.session.opened(scene.id, scene.word_count)
        if inspector is not None:
            inspector.load_scene(scene)
        self.binder.select_scene(scene.id)
        self.settings.set_last_scene(self.project.path, scene.id)
        self._update_counts()

    def _step_scene(self, step: int) -> None:
        ids = self.binder.scene_ids()
        if not ids:
            return
        current = self.editor.scene_id
        index = ids.index(current) + step if current in ids else 0
        if 0 <= index < len(ids):
            self.open_scene(ids[index])

    def previous_scene(self) -> None:
        self._step_scene(-1)

    def next_scene(self) -> None:
        self._step_scene(1)

    def scene_words_changed(self, scene_id: int, words: int) -> None:
        """A scene's body was saved (by the editor, or by Replace All): its counts everywhere."""
        self.binder.set_scene_words(scene_id, words)
        self.session.saved(scene_id, words)
        self._update_counts()

    def on_scene_info_changed(self, info: SceneInfo) -> None:
        self.editor.refresh_header(info)
        self.binder.reload()
        self._stories_stale()

    def _scene_deleted(self, scene_id: int) -> None:
        self.editor.forget_scene(scene_id)
        inspector = self.side_panels.made_inspector
        if inspector is not None:
            inspector.forget_scene(scene_id)
        self.session.forget(scene_id)

    def _outline_changed(self) -> None:
        self.editor.refresh_header()
        if self.editor.scene_id is not None:
            self.binder.select_scene(self.editor.scene_id)
        self._update_counts()
        self._stories_stale()

    def on_bible_changed(self) -> None:
        self.spelling.refresh_cast()
        self.bible.reload()
        self._reload_inspector_choices()
        self.editor.refresh_header()
        self._stories_stale()

    def on_characters_changed(self) -> None:
        self.spelling.refresh_cast()
        self.binder.reload()
        self._reload_inspector_choices()
        self.editor.refresh_header()
        self._stories_stale()

    def _reload_inspector_choices(self) -> None:
        inspector = self.side_panels.made_inspector
        if inspector is not None:
            inspector.reload_choices()

    def _show_character(self, character_id: int) -> None:
        self.panes.set_shown(SIDE, True)
        self.side_tabs.setCurrentWidget(self.bible)
        self.bible.show_character(character_id)

    def _update_counts(self) -> None:
        if self.project is None:
            self.status.show_counts(None, None, None, 0)
            return
        model = self.binder.model
        book = model.words_of(model.index(0, 0))
        scene_id = self.editor.scene_id
        scene = chapter = None
        if scene_id is not None:
            index = model.index_of("scene", scene_id)
            scene = model.words_of(index)
            chapter = model.words_of(index.parent())
        self.status.show_counts(scene, chapter, book, self.session.words_written)

    # -- saving and closing ------------------------------------------------------------------------
    def save_all(self) -> bool:
        """Ctrl+S, scene switch, close and quit: everything pending goes to the database now."""
        panels = [self.editor, *self.side_panels.made()]
        return all([panel.save_now() for panel in panels])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.leave_focus_mode()
        self.save_all()
        self.settings.geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings.splitter_sizes = self.splitter.chosen_sizes()
        self.set_project(None)
        self._save_settings()
        event.accept()

    def _save_settings(self) -> None:
        if self._store is not None:
            try:
                self._store.save(self.settings)
            except OSError as error:
                self.status.showMessage(f"Settings not saved: {error}", 8000)

    def _restore_layout(self) -> None:
        if self.settings.geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.geometry.encode()))
        else:
            self.resize(1440, 900)
        sizes = self.settings.splitter_sizes
        self.splitter.setSizes(sizes if len(sizes) == 3 and all(sizes) else DEFAULT_SPLITTER)
        self.panes.restore()

    # -- editing commands --------------------------------------------------------------------------
    def undo(self) -> None:
        widget = QApplication.focusWidget()
        if widget is self.binder.tree:  # the binder's own undo: its deletes
            self.binder.undo_delete()
            return
        target = widget if hasattr(widget, "undo") else self.editor.editor
        target.undo()  # type: ignore[union-attr]

    def redo(self) -> None:
        widget = QApplication.focusWidget()
        if widget is self.binder.tree:  # the binder's own redo: delete again what undo put back
            self.binder.redo_delete()
            return
        target = widget if hasattr(widget, "redo") else self.editor.editor
        target.redo()  # type: ignore[union-attr]

    # -- view --------------------------------------------------------------------------------------
    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            marker = apply_theme(app, name)
            self.editor.set_marker_colour(marker)
            # A new style sheet re-polishes every widget; the editor's own font comes back on top.
            self.editor.editor.set_editor_font(
                self.settings.editor_font, self.settings.editor_font_size
            )
        self.settings.theme = name
        (
            self.menu_actions.theme_dark if name == "dark" else self.menu_actions.theme_light
        ).setChecked(True)

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.editor.editor.font(), self, "Editor font")
        if ok:
            self._set_editor_font(font.family(), font.pointSize())

    def change_font_size(self, step: int) -> None:
        self._set_editor_font(self.settings.editor_font, self.settings.editor_font_size + step)

    def _set_editor_font(self, family: str, size: int) -> None:
        self.settings.editor_font = family
        self.settings.editor_font_size = max(8, min(size, 40))
        self.editor.editor.set_editor_font(family, self.settings.editor_font_size)

    def toggle_focus_mode(self) -> None:
        self.panes.toggle_focus_mode()

    def enter_focus_mode(self) -> None:
        self.panes.enter_focus_mode()

    def leave_focus_mode(self) -> None:
        self.panes.leave_focus_mode()

    @property
    def in_focus_mode(self) -> bool:
        return self.panes.in_focus_mode

    def focus_binder(self) -> None:
        self.panes.set_shown(BINDER, True)
        self.binder.focus_tree()

    def focus_editor(self) -> None:
        self.centre_tabs.setCurrentWidget(self.editor)
        self.editor.editor.setFocus()

    def show_scene(self, scene_id: int) -> None:
        """A scene asked for from a story view: open it and show it in the editor."""
        self.open_scene(scene_id)
        if self.editor.scene_id == scene_id:
            self.centre_tabs.setCurrentWidget(self.editor)

    def show_timeline(self) -> None:
        self.centre_tabs.setCurrentWidget(self.timeline_host)

    def show_book_order(self) -> None:
        self.centre_tabs.setCurrentWidget(self.book_order_host)

    def show_threads(self) -> None:
        self.centre_tabs.setCurrentWidget(self.grid_host)

    def show_continuity(self) -> None:
        self.panes.set_shown(SIDE, True)
        self.side_tabs.setCurrentWidget(self.continuity_host)

    def find_in_project(self) -> None:
        """Edit → Find in Project: the Search tab, with the editor's selection to look for."""
        selected = self.editor.editor.textCursor().selectedText()
        self.panes.set_shown(SIDE, True)
        self.side_tabs.setCurrentWidget(self.search_host)
        self.project_search.start(selected if "\u2029" not in selected else "")

    def open_match(self, scene_id: int, start: int, end: int) -> None:
        """A search result: its scene in the editor with the match selected and in view."""
        self.show_scene(scene_id)
        if self.editor.scene_id != scene_id:
            return
        editor = self.editor.editor
        last = editor.document().characterCount() - 1
        cursor = editor.textCursor()
        cursor.setPosition(min(start, last))
        cursor.setPosition(min(end, last), cursor.MoveMode.KeepAnchor)
        # The cursor may jump far: blocks Qt measures on the way must have their lines.
        editor.spacing.guard()
        editor.setTextCursor(cursor)
        editor.ensureCursorVisible()
        editor.setFocus()

    def focus_bible(self) -> None:
        self.panes.set_shown(SIDE, True)
        self.side_tabs.setCurrentWidget(self.bible)
        self.bible.focus_search()

    # -- files (dialogs live in studio.ui.files) ---------------------------------------------------
    def new_project_dialog(self) -> None:
        from studio.ui import files

        files.new_project(self)

    def open_project_dialog(self) -> None:
        from studio.ui import files

        files.choose_and_open(self)

    def import_bundle_dialog(self) -> None:
        from studio.ui import files

        files.import_bundle(self)

    def export_dialog(self) -> None:
        from studio.ui import files

        files.export_plain_text(self)

    def import_manuscript_dialog(self) -> None:
        from studio.ui import files

        files.import_manuscript(self)

    def import_manuscript_from(self, source: Path) -> ImportManuscriptDialog:
        from studio.ui import files

        return files.import_manuscript_from(self, source)

    def export_timeline_dialog(self) -> None:
        from studio.ui import files

        files.export_timeline(self)

    def export_timeline_to(self, path: Path) -> Path | None:
        from studio.ui import files

        return files.export_timeline_to(self, path)

    def fill_recent_menu(self) -> None:
        from studio.ui import files

        files.fill_recent_menu(self, self.menu_actions.recent)


__all__ = ["MainWindow"]
