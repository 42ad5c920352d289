"""Database rows to the plain values the services hand out, and story times to columns."""

from __future__ import annotations

import json
from datetime import datetime

from studio.core.domain import (
    Alias,
    AliasKind,
    ChapterInfo,
    Character,
    EventKind,
    Location,
    PartInfo,
    PlotThread,
    SceneInfo,
    SceneStatus,
    ThreadKind,
    ThreadStatus,
)
from studio.core.story_time import StoryTime, parse_story_time
from studio.storage.models import (
    AliasRow,
    ChapterRow,
    CharacterRow,
    LocationRow,
    PartRow,
    SceneRow,
    ThreadRow,
)

StoryColumns = tuple[str | None, datetime | None, datetime | None, str | None]


def story_time_or_none(
    text: str | None, start: datetime | None, end: datetime | None, precision: str | None
) -> StoryTime | None:
    if text is None or start is None or end is None or precision is None:
        return None
    return StoryTime.from_stored(text, start, end, precision)


def story_columns(value: StoryTime | str | None) -> StoryColumns:
    """The four stored columns for a story time given as text or parsed (None clears it)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return (None, None, None, None)
    parsed = parse_story_time(value) if isinstance(value, str) else value
    return (parsed.text, parsed.start, parsed.end, parsed.precision.value)


def part_info(row: PartRow) -> PartInfo:
    return PartInfo(id=row.id, title=row.title, position=row.position, synopsis=row.synopsis)


def chapter_info(row: ChapterRow) -> ChapterInfo:
    return ChapterInfo(
        id=row.id,
        part_id=row.part_id,
        title=row.title,
        position=row.position,
        synopsis=row.synopsis,
    )


def scene_info(row: SceneRow) -> SceneInfo:
    return SceneInfo(
        id=row.id,
        chapter_id=row.chapter_id,
        title=row.title,
        position=row.position,
        status=SceneStatus(row.status),
        word_count=row.word_count,
        synopsis=row.synopsis,
        pov_id=row.pov_id,
        location_id=row.location_id,
        story_time=story_time_or_none(
            row.story_text, row.story_start, row.story_end, row.story_precision
        ),
        word_target=row.word_target,
        labels=tuple(json.loads(row.labels_json)),
    )


def alias(row: AliasRow) -> Alias:
    return Alias(
        id=row.id,
        character_id=row.character_id,
        name=row.name,
        kind=AliasKind(row.kind),
        used_where=row.used_where,
        used_with=row.used_with,
        valid_from=story_time_or_none(
            row.from_text, row.from_start, row.from_end, row.from_precision
        ),
        valid_until=story_time_or_none(
            row.until_text, row.until_start, row.until_end, row.until_precision
        ),
        notes=row.notes,
    )


def character(row: CharacterRow, aliases: list[AliasRow]) -> Character:
    return Character(
        id=row.id,
        display_name=row.display_name,
        given_name=row.given_name,
        patronymic=row.patronymic,
        family_name=row.family_name,
        role=row.role,
        allegiance=row.allegiance,
        description=row.description,
        backstory=row.backstory,
        goal=row.goal,
        notes=row.notes,
        portrait=row.portrait,
        colour=row.colour,
        aliases=tuple(alias(a) for a in sorted(aliases, key=lambda a: a.position)),
    )


def location(row: LocationRow) -> Location:
    return Location(id=row.id, name=row.name, description=row.description, notes=row.notes)


def thread(row: ThreadRow) -> PlotThread:
    return PlotThread(
        id=row.id,
        name=row.name,
        kind=ThreadKind(row.kind),
        colour=row.colour,
        status=ThreadStatus(row.status),
        description=row.description,
    )


def event_kind(value: str) -> EventKind:
    return EventKind(value)
