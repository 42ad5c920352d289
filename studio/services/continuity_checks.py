"""The five continuity checks as pure functions over a snapshot (rules: services/continuity)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from studio.core.domain import EventKind, ThreadStatus
from studio.core.story_time import Precision, StoryTime
from studio.core.story_time_text import PRECISION_RANK
from studio.services.timeline_data import EventRecord, SceneRecord, Snapshot


@dataclass(frozen=True)
class Found:
    key: str
    check: str
    message: str
    scene_ids: tuple[int, ...]


@dataclass(frozen=True)
class AliasUse:
    alias_id: int
    character_id: int
    name: str
    from_start: datetime | None
    from_text: str | None
    until_end: datetime | None
    until_text: str | None
    scene_id: int


def _character(snapshot: Snapshot, character_id: int) -> str:
    snapshot.need_names()
    return snapshot.characters.get(character_id, f"character {character_id}")


def _names(snapshot: Snapshot, ids: list[int]) -> str:
    names = [_character(snapshot, i) for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _when(scene: SceneRecord) -> str:
    return scene.story_time.text if scene.story_time is not None else "no story time"


def _present(scene: SceneRecord) -> set[int]:
    return scene.character_ids | ({scene.pov_id} if scene.pov_id is not None else set())


# A timed scene: (start, end, location, book index, id, characters present).
_Timed = tuple[datetime, datetime, int, int, int, set[int]]


def _start(item: _Timed) -> datetime:
    return item[0]


def two_places(snapshot: Snapshot) -> Iterator[Found]:
    # One sweep over the timed scenes sorted by start (ties in book order): the scenes still
    # running when one starts overlap it, and a pair set in different places clashes for the
    # characters present in both. That is each character's own sweep, done once for all.
    day = PRECISION_RANK[Precision.DAY]
    timed: list[_Timed] = []
    for scene in snapshot.scenes:
        time = scene.story_time
        if time is None or scene.location_id is None or PRECISION_RANK[time.precision] > day:
            continue
        timed.append(
            (time.start, time.end, scene.location_id, scene.book_index, scene.id, _present(scene))
        )
    timed.sort(key=_start)
    clashes: defaultdict[tuple[int, int], set[int]] = defaultdict(set)
    active: list[_Timed] = []
    for item in timed:
        start, _, location, index, scene_id, present = item
        active = [a for a in active if a[1] >= start]
        for _, _, other_location, other_index, other_id, other_present in active:
            if other_location != location and (both := present & other_present):
                pair = (other_id, scene_id) if other_index < index else (scene_id, other_id)
                clashes[pair] |= both
        active.append(item)
    scenes_by_id = snapshot.scene_by_id()
    for (first_id, second_id), characters in sorted(clashes.items()):
        first, second = scenes_by_id[first_id], scenes_by_id[second_id]
        snapshot.need_names()
        who = _names(snapshot, sorted(characters, key=list(snapshot.characters).index))
        verb = "is" if len(characters) == 1 else "are"
        yield Found(
            f"two-places:{first_id}:{second_id}",
            "two-places",
            f"{who} {verb} in two places at once: '{first.title}' ({_place(snapshot, first)}, "
            f"{_when(first)}) and '{second.title}' ({_place(snapshot, second)}, "
            f"{_when(second)}).",
            (first_id, second_id),
        )


def _place(snapshot: Snapshot, scene: SceneRecord) -> str:
    if scene.location_id is None:
        return "no location"
    snapshot.need_names()
    return snapshot.locations.get(scene.location_id, f"location {scene.location_id}")


def pov_absent(snapshot: Snapshot) -> Iterator[Found]:
    for scene in snapshot.scenes:
        if scene.pov_id is not None and scene.pov_id not in scene.character_ids:
            name = _character(snapshot, scene.pov_id)
            yield Found(
                f"pov-absent:{scene.id}:{scene.pov_id}",
                "pov-absent",
                f"'{scene.title}' is told from {name}'s point of view, but {name} is not among "
                "its characters present.",
                (scene.id,),
            )


def _timed_events(snapshot: Snapshot, kinds: set[EventKind]) -> dict[int, list[EventRecord]]:
    by_character: defaultdict[int, list[EventRecord]] = defaultdict(list)
    for event in snapshot.events:
        if event.kind in kinds and event.story_time is not None:
            for character in event.character_ids:
                by_character[character].append(event)
    for events in by_character.values():
        events.sort(key=lambda e: e.story_time.sort_key if e.story_time else (datetime.min,) * 2)
    return by_character


def _event_label(event: EventRecord) -> str:
    when = event.story_time.text if event.story_time else "no story time"
    return f"'{event.title}', {when}"


def appearances(snapshot: Snapshot) -> Iterator[Found]:
    firsts = _timed_events(snapshot, {EventKind.FIRST_APPEARANCE})
    exits = _timed_events(snapshot, {EventKind.DEPARTURE, EventKind.DEATH})
    # Only the characters with such an event can warn: the others are not looked at.
    watched = firsts.keys() | exits.keys()
    if not watched:
        return
    for scene in snapshot.scenes:
        time = scene.story_time
        if time is None:
            continue
        present = scene.character_ids & watched
        if scene.pov_id in watched:
            present.add(scene.pov_id)
        for character in sorted(present):
            first = firsts.get(character)
            if first and first[0].story_time and time.end < first[0].story_time.start:
                name = _character(snapshot, character)
                yield Found(
                    f"before-first-appearance:{character}:{scene.id}",
                    "before-first-appearance",
                    f"{name} is in '{scene.title}' ({_when(scene)}) before first appearing on "
                    f"the timeline ({_event_label(first[0])}).",
                    (scene.id,),
                )
                continue
            broken = next((e for e in exits.get(character, ()) if _after(time, e)), None)
            if broken is not None:
                name = _character(snapshot, character)
                what = "death" if broken.kind is EventKind.DEATH else "departure"
                yield Found(
                    f"after-exit:{character}:{scene.id}",
                    "after-exit",
                    f"{name} is in '{scene.title}' ({_when(scene)}) after their {what} "
                    f"({_event_label(broken)}).",
                    (scene.id,),
                )


def _after(time: StoryTime, event: EventRecord) -> bool:
    return event.story_time is not None and time.start > event.story_time.end


def untouched_threads(snapshot: Snapshot, limit: int) -> Iterator[Found]:
    # Only chapters that hold scenes count: an empty placeholder chapter is not a gap.
    chapters = [c.id for c in snapshot.chapters]
    with_scenes = {s.chapter_id for s in snapshot.scenes}
    number = {cid: n for n, cid in enumerate(c for c in chapters if c in with_scenes)}
    total = len(number)
    # The scenes that advance each open thread, in book order, in one pass over the scenes.
    touching: dict[int, list[SceneRecord]] = {
        t.id: [] for t in snapshot.threads if t.status is ThreadStatus.OPEN
    }
    if not touching:
        return
    for scene in snapshot.scenes:
        for thread_id in scene.thread_notes:
            if thread_id in touching:
                touching[thread_id].append(scene)
    for thread in snapshot.threads:
        touches = touching.get(thread.id)
        if not touches:  # not open, or never advanced yet (not "untouched" before it appears)
            continue
        for before, after in zip(touches, [*touches[1:], None], strict=True):
            start = number[before.chapter_id]
            end = number[after.chapter_id] if after is not None else total
            gap = end - start - 1
            if gap <= limit:
                continue
            if after is None:
                message = (
                    f"'{thread.name}' is untouched for the last {gap} chapters, since "
                    f"'{before.title}' (chapter {start + 1})."
                )
            else:
                message = (
                    f"'{thread.name}' is untouched for {gap} chapters, between "
                    f"'{before.title}' (chapter {start + 1}) and '{after.title}' "
                    f"(chapter {end + 1})."
                )
            yield Found(
                f"thread-untouched:{thread.id}:{before.id}:{after.id if after else 'end'}",
                "thread-untouched",
                message,
                (before.id,) if after is None else (before.id, after.id),
            )


def aliases_out_of_time(snapshot: Snapshot, uses: list[AliasUse]) -> Iterator[Found]:
    scenes = snapshot.scene_by_id()
    for use in sorted(uses, key=lambda u: (scenes[u.scene_id].book_index, u.alias_id)):
        scene = scenes[use.scene_id]
        time = scene.story_time
        if time is None:
            continue
        if use.from_start is not None and time.end < use.from_start:
            side = f"before it was in use (from {use.from_text})"
        elif use.until_end is not None and time.start > use.until_end:
            side = f"after it was given up (until {use.until_text})"
        else:
            continue
        owner = _character(snapshot, use.character_id)
        yield Found(
            f"alias-out-of-time:{use.alias_id}:{scene.id}",
            "alias-out-of-time",
            f"{owner}'s alias '{use.name}' appears in '{scene.title}' ({_when(scene)}), {side}.",
            (scene.id,),
        )
