"""Timeline events: what happened in the story, when, to whom, where, and in which scenes."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from studio.core.domain import EventKind, TimelineEvent
from studio.core.errors import ValidationError
from studio.core.story_time import StoryTime
from studio.services import convert
from studio.services.rows import get_row
from studio.storage.database import ProjectDatabase
from studio.storage.models import (
    CharacterRow,
    EventCharacterRow,
    EventLocationRow,
    EventRow,
    EventSceneRow,
    LocationRow,
    SceneRow,
)


class EventService:
    def __init__(self, database: ProjectDatabase) -> None:
        self._db = database

    def events(self) -> list[TimelineEvent]:
        """Every event, in story order (events with no story time last)."""
        with self._db.read() as session:
            rows = session.scalars(select(EventRow)).all()
            links = _links(session)
            events = [_event(row, links) for row in rows]
        return sorted(events, key=_story_order)

    def event(self, event_id: int) -> TimelineEvent:
        with self._db.read() as session:
            return _event(get_row(session, EventRow, event_id, "event"), _links(session))

    def add_event(
        self,
        title: str,
        kind: EventKind | str = EventKind.EVENT,
        *,
        description: str = "",
        story_time: StoryTime | str | None = None,
        scene_ids: Iterable[int] = (),
        character_ids: Iterable[int] = (),
        location_ids: Iterable[int] = (),
    ) -> TimelineEvent:
        with self._db.write() as session:
            row = EventRow(title=_title(title), kind=_kind(kind).value, description=description)
            row.story_text, row.story_start, row.story_end, row.story_precision = (
                convert.story_columns(story_time)
            )
            session.add(row)
            session.flush()
            _set_links(session, row.id, scene_ids, character_ids, location_ids)
            session.flush()
            return _event(row, _links(session))

    def update_event(
        self,
        event_id: int,
        *,
        title: str | None = None,
        kind: EventKind | str | None = None,
        description: str | None = None,
        story_time: StoryTime | str | None = None,
        clear_story_time: bool = False,
        scene_ids: Iterable[int] | None = None,
        character_ids: Iterable[int] | None = None,
        location_ids: Iterable[int] | None = None,
    ) -> TimelineEvent:
        with self._db.write() as session:
            row = get_row(session, EventRow, event_id, "event")
            if title is not None:
                row.title = _title(title)
            if kind is not None:
                row.kind = _kind(kind).value
            if description is not None:
                row.description = description
            if story_time is not None or clear_story_time:
                row.story_text, row.story_start, row.story_end, row.story_precision = (
                    convert.story_columns(story_time)
                )
            current = _links(session)
            _set_links(
                session,
                event_id,
                current[0].get(event_id, []) if scene_ids is None else scene_ids,
                current[1].get(event_id, []) if character_ids is None else character_ids,
                current[2].get(event_id, []) if location_ids is None else location_ids,
            )
            session.flush()
            return _event(row, _links(session))

    def delete_event(self, event_id: int) -> None:
        with self._db.write() as session:
            session.delete(get_row(session, EventRow, event_id, "event"))


Links = tuple[dict[int, list[int]], dict[int, list[int]], dict[int, list[int]]]


def _links(session: Session) -> Links:
    scenes: dict[int, list[int]] = {}
    characters: dict[int, list[int]] = {}
    locations: dict[int, list[int]] = {}
    for event_id, scene_id in session.execute(
        select(EventSceneRow.event_id, EventSceneRow.scene_id)
    ):
        scenes.setdefault(event_id, []).append(scene_id)
    for event_id, character_id in session.execute(
        select(EventCharacterRow.event_id, EventCharacterRow.character_id)
    ):
        characters.setdefault(event_id, []).append(character_id)
    for event_id, location_id in session.execute(
        select(EventLocationRow.event_id, EventLocationRow.location_id)
    ):
        locations.setdefault(event_id, []).append(location_id)
    return scenes, characters, locations


def _set_links(
    session: Session,
    event_id: int,
    scene_ids: Iterable[int],
    character_ids: Iterable[int],
    location_ids: Iterable[int],
) -> None:
    scenes, characters, locations = set(scene_ids), set(character_ids), set(location_ids)
    for scene_id in scenes:
        get_row(session, SceneRow, scene_id, "scene")
    for character_id in characters:
        get_row(session, CharacterRow, character_id, "character")
    for location_id in locations:
        get_row(session, LocationRow, location_id, "location")
    session.execute(delete(EventSceneRow).where(EventSceneRow.event_id == event_id))
    session.execute(delete(EventCharacterRow).where(EventCharacterRow.event_id == event_id))
    session.execute(delete(EventLocationRow).where(EventLocationRow.event_id == event_id))
    session.add_all(EventSceneRow(event_id=event_id, scene_id=s) for s in scenes)
    session.add_all(EventCharacterRow(event_id=event_id, character_id=c) for c in characters)
    session.add_all(EventLocationRow(event_id=event_id, location_id=loc) for loc in locations)


def _event(row: EventRow, links: Links) -> TimelineEvent:
    scenes, characters, locations = links
    return TimelineEvent(
        id=row.id,
        title=row.title,
        kind=EventKind(row.kind),
        description=row.description,
        story_time=convert.story_time_or_none(
            row.story_text, row.story_start, row.story_end, row.story_precision
        ),
        scene_ids=tuple(sorted(scenes.get(row.id, []))),
        character_ids=tuple(sorted(characters.get(row.id, []))),
        location_ids=tuple(sorted(locations.get(row.id, []))),
    )


def _story_order(event: TimelineEvent) -> tuple[int, object, int]:
    if event.story_time is None:
        return (1, (), event.id)
    return (0, event.story_time.sort_key, event.id)


def _title(title: str) -> str:
    if not title.strip():
        raise ValidationError("An event's title cannot be empty.")
    return title.strip()


def _kind(kind: EventKind | str) -> EventKind:
    try:
        return EventKind(kind)
    except ValueError:
        choices = ", ".join(k.value for k in EventKind)
        raise ValidationError(f"{kind!r} is not an event kind; use one of {choices}.") from None
