"""The manuscript's SQL: its reads compiled once (the binder, one scene, the book's text, the
scenes a character is in) and the one write of a scene's text with its word count. Rows come
back as tuples and become domain objects here, with no ORM objects in between, so that a long
book's outline opens fast."""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from typing import Any, Final, cast

from sqlalchemy import Connection, Table, bindparam, case, func, literal_column, select, update
from sqlalchemy.dialects import sqlite

from studio.core.domain import (
    Binder,
    BinderChapter,
    BinderPart,
    ChapterInfo,
    PartInfo,
    SceneInfo,
    SceneStatus,
)
from studio.core.story_time import StoryTime
from studio.storage.models import (
    ChapterRow,
    PartRow,
    ProjectRow,
    SceneCharacterRow,
    SceneRow,
    SceneThreadRow,
)


def book_order() -> tuple[Any, ...]:
    """ORDER BY terms for chapters in book order: those outside any part first, then each
    part's in the parts' order."""
    part_position = select(PartRow.position).where(PartRow.id == ChapterRow.part_id)
    return (
        case(
            (ChapterRow.part_id.is_(None), literal_column("-1")),
            else_=part_position.scalar_subquery(),
        ),
        ChapterRow.position,
    )


SCENE_INFO_COLUMNS = (
    SceneRow.id,
    SceneRow.chapter_id,
    SceneRow.title,
    SceneRow.position,
    SceneRow.status,
    SceneRow.word_count,
    SceneRow.synopsis,
    SceneRow.pov_id,
    SceneRow.location_id,
    SceneRow.story_text,
    SceneRow.story_start,
    SceneRow.story_end,
    SceneRow.story_precision,
    SceneRow.word_target,
    SceneRow.labels_json,
)
_STATUSES: Final = {s.value: s for s in SceneStatus}


@lru_cache(maxsize=1)
def binder_sql() -> tuple[str, str, str]:
    """The binder's queries (parts, chapters, scenes) as SQLite SQL."""
    statements = (
        select(PartRow.id, PartRow.title, PartRow.position, PartRow.synopsis).order_by(
            PartRow.position
        ),
        select(
            ChapterRow.id,
            ChapterRow.part_id,
            ChapterRow.title,
            ChapterRow.position,
            ChapterRow.synopsis,
        ).order_by(ChapterRow.position),
        select(*SCENE_INFO_COLUMNS).order_by(SceneRow.chapter_id, SceneRow.position),
    )
    dialect = sqlite.dialect()
    parts, chapters, scenes = (str(s.compile(dialect=dialect)) for s in statements)
    return parts, chapters, scenes


def scenes_with_character(connection: Connection, character_id: int) -> list[SceneInfo]:
    """The scenes a character is present in or narrates, in book order (as binder() orders
    them), asked of SQLite alone rather than filtered out of the whole outline."""
    rows = connection.exec_driver_sql(_scenes_with_sql(), (character_id, character_id))
    return [scene_info(row) for row in rows]


@lru_cache(maxsize=1)
def _scenes_with_sql() -> str:
    present = select(SceneCharacterRow.scene_id).where(
        SceneCharacterRow.character_id == bindparam("present")
    )
    statement = (
        select(*SCENE_INFO_COLUMNS)
        .join(ChapterRow, SceneRow.chapter_id == ChapterRow.id)
        .where((SceneRow.pov_id == bindparam("narrator")) | SceneRow.id.in_(present))
        .order_by(*book_order(), SceneRow.position)
    )
    return str(statement.compile(dialect=sqlite.dialect()))


def scene_links() -> tuple[Any, Any]:
    """Columns for a scene row: the ids of the characters present and of the threads advanced,
    each list joined by commas (NULL: none); ids_of reads them."""
    characters = (
        select(func.group_concat(SceneCharacterRow.character_id))
        .where(SceneCharacterRow.scene_id == SceneRow.id)
        .scalar_subquery()
    )
    threads = (
        select(func.group_concat(SceneThreadRow.thread_id))
        .where(SceneThreadRow.scene_id == SceneRow.id)
        .scalar_subquery()
    )
    return characters, threads


@lru_cache(maxsize=1)
def scene_sql() -> str:
    """scene()'s query: the binder's columns, body and notes, and scene_links()."""
    statement = select(*SCENE_INFO_COLUMNS, SceneRow.body, SceneRow.notes, *scene_links()).where(
        SceneRow.id == bindparam("scene_id")
    )
    return str(statement.compile(dialect=sqlite.dialect()))


def ids_of(joined: str | None) -> tuple[int, ...]:
    return () if joined is None else tuple(sorted(map(int, joined.split(","))))


@lru_cache(maxsize=1)
def book_text_sql() -> tuple[str, str]:
    """book_text's own queries (the project row; scenes with what an exporter prints)."""
    project = select(
        ProjectRow.title,
        ProjectRow.author,
        ProjectRow.language,
        ProjectRow.settings_json,
        ProjectRow.created_at,
    ).limit(1)
    scenes = select(
        SceneRow.id,
        SceneRow.chapter_id,
        SceneRow.title,
        SceneRow.synopsis,
        SceneRow.notes,
        SceneRow.word_count,
        SceneRow.body,
    ).order_by(SceneRow.chapter_id, SceneRow.position)
    dialect = sqlite.dialect()
    literal = {"literal_binds": True}
    return str(project.compile(dialect=dialect, compile_kwargs=literal)), str(
        scenes.compile(dialect=dialect)
    )


def read_binder(connection: Connection) -> Binder:
    """The outline in book order."""
    parts_sql, chapters_sql, scenes_sql = binder_sql()
    parts = connection.exec_driver_sql(parts_sql).all()
    chapters = connection.exec_driver_sql(chapters_sql).all()
    scenes = connection.exec_driver_sql(scenes_sql).all()
    scenes_by_chapter: dict[int, list[SceneInfo]] = {}
    for row in scenes:
        scenes_by_chapter.setdefault(row[1], []).append(scene_info(row))
    chapters_by_part: dict[int | None, list[BinderChapter]] = {}
    for c in chapters:
        chapters_by_part.setdefault(c[1], []).append(
            BinderChapter(ChapterInfo(*c), tuple(scenes_by_chapter.get(c[0], ())))
        )
    groups: list[BinderPart] = []
    if None in chapters_by_part or not parts:
        groups.append(BinderPart(None, tuple(chapters_by_part.get(None, ()))))
    groups.extend(BinderPart(PartInfo(*p), tuple(chapters_by_part.get(p[0], ()))) for p in parts)
    return Binder(tuple(groups))


def scene_info(row: Any) -> SceneInfo:
    """A SceneInfo from a row of SCENE_INFO_COLUMNS as SQLite returns it, as convert.scene_info
    makes one from a SceneRow (times are stored as ISO text, which is what SQLAlchemy parses)."""
    (id_, chapter_id, title, position, status, words, synopsis, pov_id, location_id) = row[:9]
    text, start, end, precision, word_target, labels = row[9:15]
    story_time = None
    if text is not None and start is not None and end is not None and precision is not None:
        story_time = StoryTime.from_stored(
            text, datetime.fromisoformat(start), datetime.fromisoformat(end), precision
        )
    return SceneInfo(
        id=id_,
        chapter_id=chapter_id,
        title=title,
        position=position,
        status=_STATUSES.get(status) or SceneStatus(status),
        word_count=words,
        synopsis=synopsis,
        pov_id=pov_id,
        location_id=location_id,
        story_time=story_time,
        word_target=word_target,
        labels=() if labels == "[]" else tuple(json.loads(labels)),
    )


SET_BODY: Final = (
    update(cast(Table, SceneRow.__table__))
    .where(SceneRow.__table__.c.id == bindparam("scene_id"))
    .values(body=bindparam("new_body"), word_count=bindparam("new_words"))
)
"""A scene's body and word count, by id (bind scene_id, new_body, new_words)."""
