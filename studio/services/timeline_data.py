"""One read of everything the timeline, the thread grid and the continuity check look at.

A 600-scene book must load in a small multiple of one plain query, so the rows are read with a
handful of set-based SELECTs of plain columns (no ORM objects, no scene bodies, nothing per
scene) and joined in Python.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, cast

from sqlalchemy import (
    ClauseElement,
    Connection,
    bindparam,
    case,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from studio.core.domain import EventKind, ThreadKind, ThreadStatus
from studio.core.story_time import Precision, StoryTime
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
    # Scene bodies, only when asked for (load_snapshot's bodies_outside): scene id -> body.
    bodies: dict[int, str] = field(default_factory=dict)
    # Reads characters and locations when they are left empty for later (see need_names).
    names_later: Callable[[], tuple[dict[int, str], dict[int, str]]] | None = field(
        default=None, repr=False
    )

    def need_names(self) -> None:
        """Fill in the character and location names now if they were left for later: a
        reader that shows names only in messages (the continuity check) reads them only when
        it has something to say."""
        if self.names_later is not None:
            read, self.names_later = self.names_later, None
            characters, locations = read()
            self.characters.update(characters)
            self.locations.update(locations)

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


Source = Session | Connection


def connection_of(source: Source) -> Connection:
    """The connection a session reads through (a Connection is used as it is)."""
    return source.connection() if isinstance(source, Session) else source


def sql_text(statement: ClauseElement, *, literal: bool = True) -> str:
    """A Core select as the SQL text SQLite runs, made once at import (run by rows()): its
    constants written in, or (literal=False) its bound parameters as "?" in order."""
    kwargs = {"literal_binds": True} if literal else {}
    return str(statement.compile(dialect=sqlite.dialect(), compile_kwargs=kwargs))


def rows(source: Source, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
    """All rows of one SELECT, as the driver returns them.

    Straight through the DBAPI cursor: SQLAlchemy's result set-up costs some 50 µs a query,
    a third of the whole read of a 26-scene book, and these rows need no type processing.
    """
    cursor = connection_of(source).connection.cursor()
    try:
        cursor.execute(sql, parameters)
        return cast(list[Any], cursor.fetchall())
    finally:
        cursor.close()


def moment(value: datetime | str) -> datetime:
    """A stored DateTime column read as text ("2019-06-14 21:30:00.000000")."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


_PRECISIONS = {p.value: p for p in Precision}


@functools.lru_cache(maxsize=8192)
def story_time(
    text: str | None,
    start: datetime | str | None,
    end: datetime | str | None,
    precision: str | None,
) -> StoryTime | None:
    """The stored story-time columns as a StoryTime (None when any is missing).

    Remembered: a StoryTime is immutable and the timeline views and the continuity check read
    every scene's and event's time again on each refresh, where parsing the two times and
    making the object cost more than the rest of reading a scene row."""
    if text is None or start is None or end is None or precision is None:
        return None
    return StoryTime(
        text, moment(start), moment(end), _PRECISIONS.get(precision) or Precision(precision)
    )


_CHAPTERS = sql_text(
    select(ChapterRow.id, ChapterRow.title, PartRow.title)
    .outerjoin(PartRow, ChapterRow.part_id == PartRow.id)
    .order_by(ChapterRow.part_id.is_not(None), PartRow.position, ChapterRow.position)
)
_SCENE_COLUMNS = (
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
# The characters present in a scene, "3,7,12" (NULL for none): one index lookup per scene
# instead of a query of its own.
_PRESENT = (
    select(func.group_concat(SceneCharacterRow.character_id))
    .where(SceneCharacterRow.scene_id == SceneRow.id)
    .scalar_subquery()
)
_SCENES = sql_text(select(*_SCENE_COLUMNS))
_SCENES_PRESENT = sql_text(select(*_SCENE_COLUMNS, _PRESENT))
# With the characters present and the body of each scene set wholly before "before" or wholly
# after "after" (compared as SQLite reads the stored times, a day to spare either way).
_SCENES_AND_BODIES = sql_text(
    select(
        *_SCENE_COLUMNS,
        _PRESENT,
        case(
            (
                or_(
                    func.julianday(SceneRow.story_end)
                    < func.julianday(bindparam("before")) + literal_column("1"),
                    func.julianday(SceneRow.story_start)
                    > func.julianday(bindparam("after")) - literal_column("1"),
                ),
                SceneRow.body,
            )
        ),
    ),
    literal=False,
)
# The same leading columns without the times and anchors (the book-order and grid readers).
_SCENES_UNTIMED = sql_text(select(*_SCENE_COLUMNS[:7]))
_SCENE_CHARACTERS = sql_text(select(SceneCharacterRow.scene_id, SceneCharacterRow.character_id))
_SCENE_THREADS = sql_text(
    select(SceneThreadRow.scene_id, SceneThreadRow.thread_id, SceneThreadRow.note)
)
_EVENTS = sql_text(
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
)
# Who and what each event involves, in one read: (0 scene | 1 character | 2 location, ...).
_EVENT_LINKS = sql_text(
    union_all(
        select(literal_column("0"), EventSceneRow.event_id, EventSceneRow.scene_id),
        select(literal_column("1"), EventCharacterRow.event_id, EventCharacterRow.character_id),
        select(literal_column("2"), EventLocationRow.event_id, EventLocationRow.location_id),
    )
)
_CHARACTERS = sql_text(
    select(CharacterRow.id, CharacterRow.display_name).order_by(CharacterRow.position)
)
_LOCATIONS = sql_text(select(LocationRow.id, LocationRow.name).order_by(LocationRow.position))
_THREADS = sql_text(
    select(
        ThreadRow.id, ThreadRow.name, ThreadRow.kind, ThreadRow.colour, ThreadRow.status
    ).order_by(ThreadRow.position)
)


def load_chapters(source: Source) -> list[ChapterRecord]:
    """Chapters in book order: those outside any part first, then each part's in turn."""
    return [
        ChapterRecord(cid, title, i, part)
        for i, (cid, title, part) in enumerate(rows(source, _CHAPTERS))
    ]


Window = tuple[datetime | None, datetime | None]


def load_scenes(
    source: Source,
    chapters: list[ChapterRecord],
    *,
    times: bool = True,
    bodies_outside: Window | None = None,
    bodies: dict[int, str] | None = None,
    present: bool = False,
) -> list[SceneRecord]:
    """Scenes in book order; times=False leaves their story times and anchors out; present
    reads their characters present in the same query (always so with bodies_outside).

    With bodies_outside=(before, after), the bodies of the scenes set wholly before "before"
    or wholly after "after" go into bodies, read in the same pass over the scene table. That
    is a superset as SQLite reads the stored times (a day to spare): a caller that needs a
    body the test left out (a time SQLite cannot read) must read it itself.
    """
    order = {c.id: c.index for c in chapters}
    last = len(order)
    if not times:
        found = rows(source, _SCENES_UNTIMED)
    elif bodies_outside is None:
        found = rows(source, _SCENES_PRESENT if present else _SCENES)
    else:
        before, after = (None if t is None else t.isoformat(" ") for t in bodies_outside)
        found = rows(source, _SCENES_AND_BODIES, (before, after))
        if bodies is not None:
            bodies.update((r[0], r[15]) for r in found if r[15] is not None)
    found.sort(key=lambda r: (order.get(r[2], last), r[3]))
    if not times:
        return [
            SceneRecord(sid, title, chapter_id, index, words, pov, location, None, None, None)
            for index, (sid, title, chapter_id, _position, words, pov, location) in enumerate(found)
        ]
    return [
        SceneRecord(
            sid,
            title,
            chapter_id,
            index,
            words,
            pov,
            location,
            story_time(text, start, end, precision),
            anchor_ref(anchor_scene, anchor_event),
            offset,
            _ids(extra[0]) if present else set(),
        )
        for index, (
            sid,
            title,
            chapter_id,
            _position,
            words,
            pov,
            location,
            text,
            start,
            end,
            precision,
            anchor_scene,
            anchor_event,
            offset,
            *extra,
        ) in enumerate(found)
    ]


def _ids(joined: str | None) -> set[int]:
    """A group_concat of ids ("3,7,12", or NULL for none) as a set."""
    return set(map(int, joined.split(","))) if joined else set()


_EVENT_KINDS = {k.value: k for k in EventKind}
_THREAD_KINDS = {k.value: k for k in ThreadKind}
_THREAD_STATUSES = {s.value: s for s in ThreadStatus}


def load_events(source: Source) -> list[EventRecord]:
    events = {
        eid: EventRecord(
            id=eid,
            title=title,
            kind=_EVENT_KINDS.get(kind) or EventKind(kind),
            story_time=story_time(text, start, end, precision),
            anchor=anchor_ref(anchor_scene, anchor_event),
            anchor_offset=offset,
        )
        for (
            eid,
            title,
            kind,
            text,
            start,
            end,
            precision,
            anchor_scene,
            anchor_event,
            offset,
        ) in rows(source, _EVENTS)
    }
    if events:
        for link, event_id, other_id in rows(source, _EVENT_LINKS):
            event = events.get(event_id)
            if event is not None:
                (event.scene_ids, event.character_ids, event.location_ids)[link].add(other_id)
    return list(events.values())


def read_names(source: Source) -> tuple[dict[int, str], dict[int, str]]:
    """Character names in bible order and location names, by id."""
    return dict(rows(source, _CHARACTERS)), dict(rows(source, _LOCATIONS))


def load_snapshot(
    source: Source,
    *,
    links: bool = True,
    events: bool = True,
    names: bool = True,
    characters: bool = True,
    threads: bool = True,
    times: bool = True,
    bodies_outside: Window | None = None,
) -> Snapshot:
    """Everything, in a fixed handful of queries of plain columns; each reader leaves out
    what it does not draw.

    links=False skips who-is-where (characters present and thread cells), characters=False
    only the characters present; events=False skips the timeline events; names=False leaves
    the character and location names empty, threads=False the plot threads; times=False
    leaves the scenes' story times and anchors out (the thread grid shows none);
    bodies_outside=(before, after) reads some scenes' bodies too (see load_scenes).
    """
    connection = connection_of(source)
    chapters = load_chapters(connection)
    bodies: dict[int, str] = {}
    # A timed read brings the characters present along (see load_scenes).
    present = links and characters and times
    scenes = load_scenes(
        connection,
        chapters,
        times=times,
        bodies_outside=bodies_outside,
        bodies=bodies,
        present=present,
    )
    if links:
        by_id = {s.id: s for s in scenes}
        if characters and not present:
            for scene_id, character_id in rows(connection, _SCENE_CHARACTERS):
                by_id[scene_id].character_ids.add(character_id)
        for scene_id, thread_id, note in rows(connection, _SCENE_THREADS):
            by_id[scene_id].thread_notes[thread_id] = note
    return Snapshot(
        chapters=chapters,
        scenes=scenes,
        events=load_events(connection) if events else [],
        characters=dict(rows(connection, _CHARACTERS)) if names else {},
        locations=dict(rows(connection, _LOCATIONS)) if names else {},
        threads=[
            ThreadRecord(
                tid,
                name,
                _THREAD_KINDS.get(kind) or ThreadKind(kind),
                colour,
                _THREAD_STATUSES.get(status) or ThreadStatus(status),
            )
            for tid, name, kind, colour, status in rows(connection, _THREADS)
        ]
        if threads
        else [],
        bodies=bodies,
    )
