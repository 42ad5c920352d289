"""An open project: the database and the services over it, for the CLI and the window."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from studio.services.bible import BibleService
from studio.services.dictionary import DictionaryService
from studio.services.manuscript import ManuscriptService
from studio.storage.database import ProjectDatabase, create_database, open_database

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from studio.core.domain import Stats
    from studio.services.events import EventService
    from studio.services.timeline import TimelineService


class Project:
    """One open project. Close it (or use it in a with block) to release its lock.

    The timeline and events services are made (and their modules imported: ~100 ms) when first
    used: opening a project in the window shows a scene without them.
    """

    def __init__(self, database: ProjectDatabase) -> None:
        self.database = database
        self.manuscript = ManuscriptService(database)
        self.bible = BibleService(database)
        self.dictionary = DictionaryService(database)

    @cached_property
    def events(self) -> EventService:
        from studio.services.events import EventService

        return EventService(self.database)

    @cached_property
    def timeline(self) -> TimelineService:
        from studio.services.timeline import TimelineService

        return TimelineService(self.database)

    @property
    def path(self) -> Path:
        return self.database.path

    @property
    def read_only(self) -> bool:
        return self.database.read_only

    @property
    def backup_made(self) -> Path | None:
        """Where the original was copied when opening upgraded an older file."""
        return self.database.backup_made

    def stats(self) -> Stats:
        from studio.services.stats import project_stats

        return project_stats(self.database)

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def create_project(
    path: Path,
    *,
    title: str,
    author: str = "",
    language: str = "en_US",
    fill: Callable[[Connection], None] | None = None,
) -> Project:
    """A new project at path; fill, when given, writes its first rows (see create_database)."""
    database = create_database(Path(path), title=title, author=author, language=language, fill=fill)
    return Project(database)


def open_project(path: Path, *, read_only: bool = False) -> Project:
    return Project(open_database(Path(path), read_only=read_only))
