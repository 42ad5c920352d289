"""One read of everything the timeline, the thread grid and the continuity check look at.

A 600-scene book must load in a small multiple of one plain query, so the rows are read with a
handful of set-based SELECTs of plain columns (no ORM objects, no scene bodies, nothing per
scene) and joined in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.core.domain import EventKind, ThreadKind, ThreadStatus
from studio.core.story_time import StoryTime
from studio.services.convert import story_time_or_none
from studio.storage.models import (
    ChapterRow,
    CharacterRow,
    EventCharacterRow,
    EventLocationRow,
    EventRow,
    EventSceneRow,
    LocationRow,
    PartRow,
    SceneCharacterRow,
    SceneRow,
    SceneThreadRow,
    ThreadRow,
)

ItemKind = Literal["scene", "event"]


@dataclass(frozen=True, order=True)
class ItemRef:
    """A scene or a timeline event: the two things that have a story time."""

    kind: ItemKind
    id: int

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"


@dataclass(frozen=True)
class ChapterRecord:
    id: int
    title: str
    index: int  # 0-based place in book order
    part_title: str | None


@dataclass
class SceneRecord:
    id: int
    title: str
    chapter_id: int
    book_index: int  # 0-based place of the scene in book order
    word_count: int
    pov_id: int | None
    location_id: int | None
    story_time: StoryTime | None
    anchor: ItemRef | None
    anchor_offset: str | None
    character_ids: set[int] = field(default_factory=set)
    thread_notes: dict[int, str] = field(default_factory=dict)

    @property
    def ref(self) -> ItemRef:
        return ItemRef("scene", self.id)


@dataclass
class EventRecord:
    id: int
    title: str
    kind: EventKind
    story_time: StoryTime | None
    anchor: ItemRef | None
    anchor_offset: str | None
    scene_ids: set[int] = field(default_factory=set)
    character_ids: set[int] = field(default_factory=set)
    location_ids: set[int] = field(default_factory=set)

    @property
    def ref(self) -> ItemRef:
        return ItemRef("event", self.id)


@dataclass(frozen=True)
class ThreadRecord:
    id: int
    name: str
    kind: ThreadKind
    colour: str
    status: ThreadStatus


@dataclass
class Snapshot:
    chapters: list[ChapterRecord]
    scenes: list[SceneRecord]  # in book order
    events: list[EventRecord]
    characters: dict[int, str]  # id -> display name, in bible order
    locations: dict[int, str]
    threads: list[ThreadRecord]

    def scene_by_id(self) -> dict[int, SceneRecord]:
        return {s.id: s for s in self.scenes}

    def title(self, ref: ItemRef) -> str:
        rows = self.scenes if ref.kind == "scene" else self.events
        return next((r.title for r in rows if r.id == ref.id), str(ref))


def anchor_ref(scene_id: int | None, event_id: int | None) -> ItemRef | None:
    if scene_id is not None:
        return ItemRef("scene", scene_id)
    if event_id is not None:
        return ItemRef("event", event_id)
    return None


def load_chapters(session: Session) -> list[ChapterRecord]:
    """Chapters in book order: those outside any part first, then each part's in turn."""
    rows = session.execute(
        select(ChapterRow.id, ChapterRow.title, PartRow.title)
        .outerjoin(PartRow, ChapterRow.part_id == PartRow.id)
        .order_by(ChapterRow.part_id.is_not(None), PartRow.position, ChapterRow.position)
    ).all()
    return [ChapterRecord(cid, title, i, part) for i, (cid, title, part) in enumerate(rows)]


def load_scenes(session: Session, chapters: list[ChapterRecord]) -> list[SceneRecord]:
    order = {c.id: c.index for c in chapters}
    rows = session.execute(
        select(
            SceneRow.id,
            SceneRow.title,
            SceneRow.chapter_id,
            SceneRow.position,
            SceneRow.word_count,
            SceneRow.pov_id,
            SceneRow.location_id,
            SceneRow.story_text,
            SceneRow.story_start,
            SceneRow.story_end,
            SceneRow.story_precision,
            SceneRow.anchor_scene_id,
            SceneRow.anchor_event_id,
            SceneRow.anchor_offset,
        )
    ).all()
    ordered = sorted(rows, key=lambda r: (order.get(r.chapter_id, len(order)), r.position))
    return [
        SceneRecord(
            id=r.id,
            title=r.title,
            chapter_id=r.chapter_id,
            book_index=index,
            word_count=r.word_count,
            pov_id=r.pov_id,
            location_id=r.location_id,
            story_time=story_time_or_none(
                r.story_text, r.story_start, r.story_end, r.story_precision
            ),
            anchor=anchor_ref(r.anchor_scene_id, r.anchor_event_id),
            anchor_offset=r.anchor_offset,
        )
        for index, r in enumerate(ordered)
    ]


def load_events(session: Session) -> list[EventRecord]:
    rows = session.execute(
        select(
            EventRow.id,
            EventRow.title,
            EventRow.kind,
            EventRow.story_text,
            EventRow.story_start,
            EventRow.story_end,
            EventRow.story_precision,
            EventRow.anchor_scene_id,
            EventRow.anchor_event_id,
            EventRow.anchor_offset,
        ).order_by(EventRow.id)
    ).all()
    events = {
        r.id: EventRecord(
            id=r.id,
            title=r.title,
            kind=EventKind(r.kind),
            story_time=story_time_or_none(
                r.story_text, r.story_start, r.story_end, r.story_precision
            ),
            anchor=anchor_ref(r.anchor_scene_id, r.anchor_event_id),
            anchor_offset=r.anchor_offset,
        )
        for r in rows
    }
    links = (
        (EventSceneRow.event_id, EventSceneRow.scene_id, "scene_ids"),
        (EventCharacterRow.event_id, EventCharacterRow.character_id, "character_ids"),
        (EventLocationRow.event_id, EventLocationRow.location_id, "location_ids"),
    )
    for event_column, other_column, attribute in links:
        for event_id, other_id in session.execute(select(event_column, other_column)):
            if event_id in events:
                getattr(events[event_id], attribute).add(other_id)
    return list(events.values())


def load_snapshot(session: Session, *, links: bool = True, events: bool = True) -> Snapshot:
    """Everything, in a fixed handful of queries; links=False skips who-is-where."""
    chapters = load_chapters(session)
    scenes = load_scenes(session, chapters)
    if links:
        by_id = {s.id: s for s in scenes}
        characters: defaultdict[int, set[int]] = defaultdict(set)
        for scene_id, character_id in session.execute(
            select(SceneCharacterRow.scene_id, SceneCharacterRow.character_id)
        ):
            characters[scene_id].add(character_id)
        for scene_id, thread_id, note in session.execute(
            select(SceneThreadRow.scene_id, SceneThreadRow.thread_id, SceneThreadRow.note)
        ):
            by_id[scene_id].thread_notes[thread_id] = note
        for scene_id, present in characters.items():
            by_id[scene_id].character_ids = present
    return Snapshot(
        chapters=chapters,
        scenes=scenes,
        events=load_events(session) if events else [],
        # A Result has keys(), so dict(result) would take it for a mapping: build the dicts.
        characters={
            cid: name
            for cid, name in session.execute(
                select(CharacterRow.id, CharacterRow.display_name).order_by(CharacterRow.position)
            )
        },
        locations={
            lid: name
            for lid, name in session.execute(
                select(LocationRow.id, LocationRow.name).order_by(LocationRow.position)
            )
        },
        threads=[
            ThreadRecord(r.id, r.name, ThreadKind(r.kind), r.colour, ThreadStatus(r.status))
            for r in session.execute(
                select(
                    ThreadRow.id, ThreadRow.name, ThreadRow.kind, ThreadRow.colour, ThreadRow.status
                ).order_by(ThreadRow.position)
            )
        ],
    )
