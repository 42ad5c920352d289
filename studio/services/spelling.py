"""Spell checking for one project: its language, its dictionary, its cast, its settings.

The checker (studio.spelling) is pure; this service feeds it what the project holds and keeps
the writer's choices in the project file: words added to the project dictionary, spelling on or
off, the genre word list on or off, ALL-CAPS words checked or not.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.services.project import Project
from studio.spelling import SpellChecker, cast_names

ENABLED = "spelling.enabled"
GENRE_WORDS = "spelling.genre_words"
CHECK_ALL_CAPS = "spelling.check_all_caps"


@dataclass(frozen=True)
class SpellingSettings:
    enabled: bool
    language: str
    genre_words: bool
    check_all_caps: bool


@dataclass(frozen=True)
class SpellingIssue:
    """A misspelt word in a scene, where a writer would look for it."""

    chapter_number: int
    chapter_title: str
    scene_id: int
    scene_title: str
    line: int
    column: int
    word: str
    suggestions: tuple[str, ...]


class SpellingService:
    """Owns one SpellChecker for the project; rebuilds it when the language or lists change."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._checker: SpellChecker | None = None

    def settings(self) -> SpellingSettings:
        stored = self._project.manuscript.settings()
        return SpellingSettings(
            enabled=bool(stored.get(ENABLED, True)),
            language=self._project.manuscript.info().language,
            genre_words=bool(stored.get(GENRE_WORDS, True)),
            check_all_caps=bool(stored.get(CHECK_ALL_CAPS, False)),
        )

    def checker(self) -> SpellChecker:
        """The project's checker (raises SpellingUnavailableError naming what to install)."""
        if self._checker is None:
            settings = self.settings()
            checker = SpellChecker(
                settings.language,
                extra_words=self._project.dictionary.words(),
                genre_words=settings.genre_words,
                check_all_caps=settings.check_all_caps,
            )
            self._checker = checker
            self.refresh_cast()
        return self._checker

    def refresh_cast(self) -> None:
        """Accept the bible's names as they are now (call after the bible changes)."""
        if self._checker is None:
            return
        bible = self._project.bible
        self._checker.set_cast(cast_names(bible.characters(), bible.locations(), bible.threads()))

    def add_to_dictionary(self, word: str) -> None:
        self._project.dictionary.add(word)
        if self._checker is not None:
            self._checker.add_words([word])

    def ignore(self, word: str) -> None:
        """Accept word until the project is closed (not saved)."""
        self.checker().ignore(word)

    def set_enabled(self, enabled: bool) -> None:
        self._project.manuscript.set_setting(ENABLED, enabled)

    def set_language(self, language: str) -> None:
        SpellChecker(language)  # refuse a language enchant cannot check before saving it
        self._project.manuscript.set_info(language=language)
        self._checker = None

    def set_genre_words(self, enabled: bool) -> None:
        self._project.manuscript.set_setting(GENRE_WORDS, enabled)
        if self._checker is not None:
            self._checker.set_genre_words(enabled)

    def set_check_all_caps(self, enabled: bool) -> None:
        self._project.manuscript.set_setting(CHECK_ALL_CAPS, enabled)
        if self._checker is not None:
            self._checker.set_check_all_caps(enabled)

    def check_project(self, *, suggestions: int = 5) -> list[SpellingIssue]:
        """Every misspelling in the manuscript, in book order."""
        checker = self.checker()
        numbers = {
            c.chapter.id: n
            for n, c in enumerate(self._project.manuscript.binder().chapters(), start=1)
        }
        issues: list[SpellingIssue] = []
        for item in self._project.manuscript.scene_texts():
            found = checker.misspellings(item.body)
            if not found:
                continue
            line_starts = _line_starts(item.body)
            for miss in found:
                line = _line_of(line_starts, miss.start)
                issues.append(
                    SpellingIssue(
                        chapter_number=numbers[item.chapter.id],
                        chapter_title=item.chapter.title,
                        scene_id=item.scene.id,
                        scene_title=item.scene.title,
                        line=line + 1,
                        column=miss.start - line_starts[line] + 1,
                        word=miss.word,
                        suggestions=tuple(checker.suggest(miss.word, suggestions)),
                    )
                )
        return issues


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def _line_of(starts: list[int], index: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, index) - 1
