"""Story order against book order: the items on the time axis, and the book's flashbacks.

Book-order marks, as a writer reads them:

- The main line is the longest run of scenes, in book order, whose story times never go back
  (the longest non-decreasing subsequence of their best guesses). Most of the book is on it.
- A scene off the main line that is set before the main-line scene preceding it is a
  FLASHBACK ("a scene set earlier than the scene before it"). A flashback chapter of several
  scenes in a row is marked scene by scene, even though inside it time runs forward.
- The scene after a flashback that returns to the main line is on the main line, so it is not
  a flash-forward although it is later than the scene before it.
- A scene off the main line that is set after the main-line scene following it is a
  FLASH-FORWARD (the prologue that opens on the climax, then goes back to chapter 1).
- Times that overlap are in order: "June 2019" after "14 June 2019" is no flashback.
- Scenes without a story time are marked NO_TIME and take no part in the above.
"""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass
from datetime import datetime

from studio.core.domain import EventKind
from studio.core.story_time import StoryTime
from studio.services.timeline_data import ItemRef, SceneRecord, Snapshot


class StoryMark(enum.StrEnum):
    IN_ORDER = ""
    FLASHBACK = "flashback"
    FLASH_FORWARD = "flash-forward"
    NO_TIME = "no story time"


@dataclass(frozen=True)
class TimelineItem:
    """A scene or event as the timeline draws it."""

    ref: ItemRef
    title: str
    story_time: StoryTime | None
    anchor: ItemRef | None = None
    anchor_offset: str | None = None
    chapter_id: int | None = None
    chapter_title: str = ""
    book_index: int | None = None  # scenes only: 0-based place in book order
    pov_id: int | None = None
    character_ids: tuple[int, ...] = ()
    thread_ids: tuple[int, ...] = ()
    location_ids: tuple[int, ...] = ()
    word_count: int = 0
    event_kind: EventKind | None = None

    @property
    def fuzzy(self) -> bool:
        """Approximate times are drawn as spans at their best guess."""
        return self.story_time is not None and not self.story_time.exact

    @property
    def best_guess(self) -> datetime | None:
        return None if self.story_time is None else self.story_time.best_guess


@dataclass(frozen=True)
class BookOrderEntry:
    scene_id: int
    title: str
    chapter_id: int
    chapter_title: str
    book_index: int
    story_time: StoryTime | None
    mark: StoryMark
    anchored: bool = False


def _scene_item(scene: SceneRecord, chapter_titles: dict[int, str]) -> TimelineItem:
    present = set(scene.character_ids)
    if scene.pov_id is not None:
        present.add(scene.pov_id)
    return TimelineItem(
        ref=scene.ref,
        title=scene.title,
        story_time=scene.story_time,
        anchor=scene.anchor,
        anchor_offset=scene.anchor_offset,
        chapter_id=scene.chapter_id,
        chapter_title=chapter_titles.get(scene.chapter_id, ""),
        book_index=scene.book_index,
        pov_id=scene.pov_id,
        character_ids=tuple(sorted(present)),
        thread_ids=tuple(sorted(scene.thread_notes)),
        location_ids=() if scene.location_id is None else (scene.location_id,),
        word_count=scene.word_count,
    )


def story_order(snapshot: Snapshot) -> list[TimelineItem]:
    """Scenes and events in story order (by start, then end; ties in book order, events after
    scenes); items without a story time last, scenes in book order then events."""
    chapter_titles = {c.id: c.title for c in snapshot.chapters}
    items = [_scene_item(s, chapter_titles) for s in snapshot.scenes]
    items.extend(
        TimelineItem(
            ref=e.ref,
            title=e.title,
            story_time=e.story_time,
            anchor=e.anchor,
            anchor_offset=e.anchor_offset,
            character_ids=tuple(sorted(e.character_ids)),
            location_ids=tuple(sorted(e.location_ids)),
            event_kind=e.kind,
        )
        for e in snapshot.events
    )

    def key(item: TimelineItem) -> tuple[object, ...]:
        place = item.book_index if item.book_index is not None else item.ref.id
        kind = 0 if item.ref.kind == "scene" else 1
        if item.story_time is None:
            return (1, datetime.min, datetime.min, kind, place)
        return (0, item.story_time.start, item.story_time.end, kind, place)

    return sorted(items, key=key)


def _main_line(times: list[StoryTime]) -> set[int]:
    """Indexes (into times) of a longest run whose best guesses never decrease.

    Among runs of the same length it keeps the one that starts earliest in the book, so that
    in "June 2019, 2014, June 2019" the 2014 scene is the flashback, not the opening scene a
    flash-forward. (Patience sorting run backwards over the negated times does exactly that.)
    """
    tails: list[float] = []  # per run length, the best (largest-time) head found so far, negated
    tail_index: list[int] = []
    following: list[int] = [-1] * len(times)
    for index in range(len(times) - 1, -1, -1):
        key = -(times[index].best_guess - datetime.min).total_seconds()
        length = bisect.bisect_right(tails, key)
        if length == len(tails):
            tails.append(key)
            tail_index.append(index)
        else:
            tails[length] = key
            tail_index[length] = index
        following[index] = tail_index[length - 1] if length > 0 else -1
    on_line: set[int] = set()
    current = tail_index[-1] if tail_index else -1
    while current != -1:
        on_line.add(current)
        current = following[current]
    return on_line


def _mark(time: StoryTime, before: StoryTime | None, after: StoryTime | None) -> StoryMark:
    if before is not None and time.end < before.start:
        return StoryMark.FLASHBACK
    if after is not None and time.start > after.end:
        return StoryMark.FLASH_FORWARD
    return StoryMark.IN_ORDER


def book_order(snapshot: Snapshot) -> list[BookOrderEntry]:
    """Every scene in book order with its story time and its flashback / flash-forward mark."""
    timed = [s for s in snapshot.scenes if s.story_time is not None]
    times = [s.story_time for s in timed if s.story_time is not None]
    line = _main_line(times)
    line_positions = sorted(line)
    marks: dict[int, StoryMark] = {}
    for index, scene in enumerate(timed):
        if index in line:
            marks[scene.id] = StoryMark.IN_ORDER
            continue
        at = bisect.bisect_left(line_positions, index)
        before = times[line_positions[at - 1]] if at > 0 else None
        after = times[line_positions[at]] if at < len(line_positions) else None
        marks[scene.id] = _mark(times[index], before, after)
    chapter_titles = {c.id: c.title for c in snapshot.chapters}
    return [
        BookOrderEntry(
            scene_id=s.id,
            title=s.title,
            chapter_id=s.chapter_id,
            chapter_title=chapter_titles.get(s.chapter_id, ""),
            book_index=s.book_index,
            story_time=s.story_time,
            mark=marks.get(s.id, StoryMark.NO_TIME),
            anchored=s.anchor is not None,
        )
        for s in snapshot.scenes
    ]
