"""The project dictionary: words the writer taught the spell checker for this book."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select

from studio.core.errors import ValidationError
from studio.storage.database import ProjectDatabase
from studio.storage.models import ProjectWordRow


class DictionaryService:
    def __init__(self, database: ProjectDatabase) -> None:
        self._db = database

    def words(self) -> list[str]:
        with self._db.read() as session:
            return sorted(session.scalars(select(ProjectWordRow.word)))

    def add(self, word: str) -> None:
        self.add_all([word])

    def add_all(self, words: Iterable[str], *, added_at: datetime | None = None) -> None:
        """Add words (a bundle import gives the date they are recorded as added)."""
        cleaned = {w.strip() for w in words}
        if "" in cleaned or any(" " in w for w in cleaned):
            raise ValidationError("Only single words can go into the project dictionary.")
        with self._db.write() as session:
            known = set(session.scalars(select(ProjectWordRow.word)))
            now = added_at or datetime.now().replace(microsecond=0)
            session.add_all(ProjectWordRow(word=w, added_at=now) for w in cleaned - known)

    def remove(self, word: str) -> None:
        with self._db.write() as session:
            session.execute(delete(ProjectWordRow).where(ProjectWordRow.word == word))
