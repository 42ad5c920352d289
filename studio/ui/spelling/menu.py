"""The spelling items of the View menu: Check Spelling, Spelling Language ▸, Genre Word List.

They show the open project's settings (stored in the project file by the SpellingService) and
are disabled while no project is open.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from studio.ui.spelling.controller import SpellingController


@dataclass
class SpellingMenu:
    check_spelling: QAction
    languages: QMenu
    genre_words: QAction
    controller: SpellingController

    def update(self) -> None:
        settings = self.controller.settings()
        has_project = settings is not None
        for action in (self.check_spelling, self.genre_words, self.languages.menuAction()):
            action.setEnabled(has_project)
        on = settings is not None and settings.enabled and not self.controller.problem
        self.check_spelling.setChecked(on)
        # Why the box is unticked, where the writer will look: what to install.
        self.check_spelling.setToolTip(self.controller.problem)
        self.genre_words.setChecked(settings is not None and settings.genre_words)
        self.genre_words.setEnabled(on)

    def fill_languages(self) -> None:
        """The dictionaries enchant has, read when the submenu opens (one may be installed)."""
        self.languages.clear()
        settings = self.controller.settings()
        current = settings.language if settings is not None else ""
        group = QActionGroup(self.languages)
        names = self.controller.languages()
        for language in names:
            action = self.languages.addAction(language)
            action.setCheckable(True)
            action.setChecked(language == current)
            group.addAction(action)
            action.triggered.connect(
                lambda _=False, lang=language: self.controller.set_language(lang)
            )
        if not names:
            none = self.languages.addAction("No dictionaries installed")
            none.setEnabled(False)


def add_spelling_menu(menu: QMenu, controller: SpellingController) -> SpellingMenu:
    menu.addSeparator()
    check = QAction("Check &Spelling", menu)
    check.setCheckable(True)
    check.triggered.connect(controller.set_enabled)
    menu.addAction(check)
    languages = menu.addMenu("Spelling &Language")
    genre = QAction("&Genre Word List", menu)
    genre.setCheckable(True)
    genre.setToolTip("Accept tradecraft and agency words (exfil, SVR, Lubyanka…)")
    genre.triggered.connect(controller.set_genre_words)
    menu.addAction(genre)
    items = SpellingMenu(check, languages, genre, controller)
    languages.aboutToShow.connect(items.fill_languages)
    controller.state_changed.connect(items.update)
    items.update()
    return items
