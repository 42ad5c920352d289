"""Lanes of the timeline: one per character, per thread or per location (pure, no Qt).

An item appears in every lane it belongs to (a scene with three characters present is drawn in
three character lanes); items that belong to none go in a last lane ("No one", "No thread",
"No location") so nothing disappears from the timeline.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from studio.core.domain import Character, Location, PlotThread
from studio.services.story_order import TimelineItem

# Used for lanes whose character or thread has no colour of its own.
FALLBACK_COLOURS = ("#4f86c6", "#c2557a", "#4a9d6b", "#c98b2b", "#8061b5", "#2e9aa0", "#b5523b")


class LaneMode(enum.StrEnum):
    CHARACTERS = "characters"
    THREADS = "threads"
    LOCATIONS = "locations"


@dataclass
class Lane:
    key: int | None  # the character, thread or location id; None for the catch-all lane
    title: str
    colour: str
    items: list[TimelineItem] = field(default_factory=list)


def _colour(own: str, index: int) -> str:
    return own or FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)]


def build_lanes(
    items: list[TimelineItem],
    mode: LaneMode,
    characters: list[Character],
    threads: list[PlotThread],
    locations: list[Location],
) -> list[Lane]:
    """The lanes for mode, each with its items in story order; untimed items are left out."""
    if mode is LaneMode.CHARACTERS:
        lanes = [Lane(c.id, c.display_name, _colour(c.colour, i)) for i, c in enumerate(characters)]
        other = Lane(None, "No one", "#8a8378")
    elif mode is LaneMode.THREADS:
        lanes = [Lane(t.id, t.name, _colour(t.colour, i)) for i, t in enumerate(threads)]
        other = Lane(None, "No thread", "#8a8378")
    else:
        lanes = [Lane(loc.id, loc.name, _colour("", i)) for i, loc in enumerate(locations)]
        other = Lane(None, "No location", "#8a8378")
    by_key = {lane.key: lane for lane in lanes}
    for item in items:
        if item.story_time is None:
            continue
        keys = _keys(item, mode)
        placed = [by_key[k] for k in keys if k in by_key]
        for lane in placed or [other]:
            lane.items.append(item)
    return [lane for lane in [*lanes, other] if lane.items]


def _keys(item: TimelineItem, mode: LaneMode) -> tuple[int, ...]:
    if mode is LaneMode.CHARACTERS:
        return item.character_ids
    if mode is LaneMode.THREADS:
        return item.thread_ids
    return item.location_ids
