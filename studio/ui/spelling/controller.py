"""Spelling in the window: the project's SpellingService, the editor's underlines and its menu.

The main window makes one SpellingController for the scene editor, hands it each project it
opens (project_changed), tells it when the bible changed (refresh_cast), and listens for
bible_changed (a name added from the menu) and message (what the status bar should say).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QAction, QFont, QTextCursor
from PySide6.QtWidgets import QMenu, QWidget

from studio.core.domain import Character
from studio.core.errors import SafehouseError
from studio.spelling import SpellChecker, SpellingUnavailableError, available_languages
from studio.ui.spelling.layer import SpellingLayer
from studio.ui.spelling.name_dialog import NameChoice, ask_name_entry
from studio.ui.widgets.scene_editor import SceneEditor

if TYPE_CHECKING:
    from studio.services.project import Project
    from studio.services.spelling import SpellingService, SpellingSettings

SUGGESTIONS = 7
NameChooser = Callable[[QWidget, str, Sequence[Character]], NameChoice | None]


class SpellingController(QObject):
    bible_changed = Signal()  # a character or alias was added from the editor's menu
    message = Signal(str)  # for the status bar: why spelling is off and what to install ("" clears)
    state_changed = Signal()  # on/off, language or genre list changed: menus show it

    def __init__(self, editor: SceneEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self.layer = SpellingLayer(editor, editor.highlighter)
        self._project: Project | None = None
        self._service: SpellingService | None = None
        self._problem = ""  # why spelling is off although the project wants it
        self._told: set[str] = set()  # problems already reported this session
        self.name_chooser: NameChooser = ask_name_entry  # tests answer without a dialog
        editor.menu_builder = self.build_spelling_menu

    # -- the project -------------------------------------------------------------------------------
    @property
    def service(self) -> SpellingService | None:
        return self._service

    @property
    def checker(self) -> SpellChecker | None:
        return self.layer.checker

    @property
    def problem(self) -> str:
        return self._problem

    def set_project(self, project: Project | None) -> None:
        self._project = project
        if project is None:
            self._service = None
        else:
            from studio.services.spelling import SpellingService  # SQLAlchemy: after first paint

            self._service = SpellingService(project)
        self._apply()

    def settings(self) -> SpellingSettings | None:
        return None if self._service is None else self._service.settings()

    def _apply(self) -> None:
        """Check with the project's checker if spelling is on and can be; otherwise none."""
        checker: SpellChecker | None = None
        had_problem, self._problem = self._problem, ""
        if self._service is not None and self._service.settings().enabled:
            try:
                checker = self._service.checker()
            except SpellingUnavailableError as error:
                self._report(str(error))
        if had_problem and not self._problem:
            self.message.emit("")  # the status bar stops saying spelling is off
        self.layer.set_checker(checker)
        self.state_changed.emit()

    def _report(self, problem: str) -> None:
        self._problem = problem
        if problem not in self._told:  # said once per session, not at every scene
            self._told.add(problem)
            self.message.emit(problem)

    def refresh_cast(self) -> None:
        """The bible changed: accept its names as they are now, re-underline what changed."""
        if self._service is None or self.checker is None:
            return
        try:
            self._service.refresh_cast()
        except SafehouseError as error:
            self.message.emit(f"Character names not refreshed for spelling: {error}")
        self._recheck_if_changed()

    def _recheck_if_changed(self) -> None:
        checker = self.checker
        if checker is not None and checker.generation != self.layer.generation:
            self.layer.recheck()

    # -- settings (View menu) ----------------------------------------------------------------------
    def set_enabled(self, enabled: bool) -> None:
        if self._service is None:
            return
        self._store(lambda service: service.set_enabled(enabled))
        self._apply()

    def set_language(self, language: str) -> None:
        if self._service is None:
            return
        try:
            self._service.set_language(language)
        except SpellingUnavailableError as error:
            self._told.discard(str(error))  # a refused choice is always answered
            self._report(str(error))
            self.state_changed.emit()
            return
        except SafehouseError as error:
            self.message.emit(f"The spelling language was not changed: {error}")
            return
        self._apply()

    def set_genre_words(self, enabled: bool) -> None:
        self._store(lambda service: service.set_genre_words(enabled))
        self._recheck_if_changed()
        self.state_changed.emit()

    def _store(self, change: Callable[[SpellingService], None]) -> None:
        if self._service is None:
            return
        try:
            change(self._service)
        except SafehouseError as error:
            self.message.emit(f"The spelling setting was not saved: {error}")

    @staticmethod
    def languages() -> list[str]:
        return available_languages()

    # -- the editor's context menu -----------------------------------------------------------------
    def build_spelling_menu(self, position: QPoint) -> QMenu:
        """The editor's menu for a right-click at position (viewport coordinates): on a misspelt
        word, suggestions and the spelling actions come first; elsewhere the normal menu."""
        menu = self._editor.createStandardContextMenu(position)
        word = self._word_under(position)
        if word is None:
            return menu
        actions = self._suggestion_actions(word, menu)
        actions.append(_separator(menu))
        actions += self._word_actions(word.selectedText(), menu)
        actions.append(_separator(menu))
        first = menu.actions()[0] if menu.actions() else None
        if first is None:
            menu.addActions(actions)
        else:
            menu.insertActions(first, actions)
        return menu

    def _word_under(self, position: QPoint) -> QTextCursor | None:
        """A cursor selecting the misspelt word at position, or None."""
        cursor = self._editor.cursorForPosition(position)
        block = cursor.block()
        found = self.layer.misspelling_at(block, cursor.positionInBlock())
        if found is None:
            return None
        cursor.setPosition(block.position() + found.start)
        cursor.setPosition(block.position() + found.end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _suggestion_actions(self, word: QTextCursor, menu: QMenu) -> list[QAction]:
        checker = self.checker
        suggestions = [] if checker is None else checker.suggest(word.selectedText(), SUGGESTIONS)
        if not suggestions:
            none = QAction("No suggestions", menu)
            none.setEnabled(False)
            return [none]
        bold = QFont(menu.font())
        bold.setBold(True)
        actions: list[QAction] = []
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            action.setFont(bold)
            action.setEnabled(not self._editor.isReadOnly())
            action.triggered.connect(lambda _=False, s=suggestion: self.replace(word, s))
            actions.append(action)
        return actions

    def _word_actions(self, text: str, menu: QMenu) -> list[QAction]:
        writable = self._project is not None and not self._project.read_only
        add = QAction("Add to project dictionary", menu)
        add.setEnabled(writable)
        add.triggered.connect(lambda: self.add_to_dictionary(text))
        ignore = QAction("Ignore", menu)
        ignore.setToolTip("Accept this word until the project is closed")
        ignore.triggered.connect(lambda: self.ignore(text))
        name = QAction("Add as character or alias…", menu)
        name.setEnabled(writable)
        name.triggered.connect(lambda: self.add_as_name(text))
        return [add, ignore, name]

    # -- what the menu does ------------------------------------------------------------------------
    def replace(self, word: QTextCursor, replacement: str) -> None:
        """Put replacement where word is selected, as one step of the editor's undo."""
        word.beginEditBlock()
        word.insertText(replacement)
        word.endEditBlock()

    def add_to_dictionary(self, word: str) -> None:
        self._store(lambda service: service.add_to_dictionary(word))
        self._recheck_if_changed()

    def ignore(self, word: str) -> None:
        self._store(lambda service: service.ignore(word))
        self._recheck_if_changed()

    def add_as_name(self, word: str) -> None:
        """Ask whether word is a new character or someone's alias, then write it to the bible."""
        if self._project is None:
            return
        bible = self._project.bible
        choice = self.name_chooser(self._editor, word, bible.characters())
        if choice is None or not choice.name:
            return
        try:
            if choice.character_id is None:
                bible.add_character(choice.name)
            else:
                bible.add_alias(choice.character_id, choice.name, choice.kind)
        except SafehouseError as error:
            self.message.emit(f"Not added to the bible: {error}")
            return
        self.refresh_cast()
        self.bible_changed.emit()


def _separator(menu: QMenu) -> QAction:
    action = QAction(menu)
    action.setSeparator(True)
    return action
