"""The numbers a writer checks: how much there is of everything."""

from __future__ import annotations

from sqlalchemy import func, select

from studio.core.domain import Stats
from studio.storage.database import ProjectDatabase
from studio.storage.models import (
    ChapterRow,
    CharacterRow,
    EventRow,
    LocationRow,
    PartRow,
    ProjectRow,
    SceneRow,
    ThreadRow,
)


def project_stats(database: ProjectDatabase) -> Stats:
    with database.read() as session:

        def count(model: type[object]) -> int:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)

        project = session.scalars(select(ProjectRow)).one()
        by_status = {
            status: int(words or 0)
            for status, words in session.execute(
                select(SceneRow.status, func.sum(SceneRow.word_count)).group_by(SceneRow.status)
            )
        }
        return Stats(
            title=project.title,
            author=project.author,
            parts=count(PartRow),
            chapters=count(ChapterRow),
            scenes=count(SceneRow),
            words=sum(by_status.values()),
            characters=count(CharacterRow),
            locations=count(LocationRow),
            threads=count(ThreadRow),
            events=count(EventRow),
            words_by_status=dict(sorted(by_status.items())),
        )
