"""Plain values the services hand out: what the UI, the CLI and the exporters see.

They are snapshots, not live database rows; ids are the database's and stay stable for the life
of the project (the portable bundle keeps them too).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from studio.core.story_time import StoryTime


class SceneStatus(enum.StrEnum):
    IDEA = "idea"
    DRAFT = "draft"
    REVISED = "revised"
    FINAL = "final"


class CharacterRole(enum.StrEnum):
    PROTAGONIST = "protagonist"
    LOVE_INTEREST = "love interest"
    HANDLER = "handler"
    ASSET = "asset"
    ANTAGONIST = "antagonist"
    ALLY = "ally"
    SUPPORTING = "supporting"
    OTHER = "other"


class AliasKind(enum.StrEnum):
    COVER_IDENTITY = "cover identity"
    CODENAME = "codename"
    NICKNAME = "nickname"
    MAIDEN_NAME = "maiden name"


class ThreadKind(enum.StrEnum):
    ESPIONAGE = "espionage"
    ROMANCE = "romance"
    SUBPLOT = "subplot"


class ThreadStatus(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class EventKind(enum.StrEnum):
    """What an event means for continuity checks: most are plain events."""

    EVENT = "event"
    FIRST_APPEARANCE = "first appearance"
    DEPARTURE = "departure"
    DEATH = "death"


@dataclass(frozen=True)
class ProjectInfo:
    title: str
    author: str
    language: str
    created_at: datetime | None = None


@dataclass(frozen=True)
class PartInfo:
    id: int
    title: str
    position: int
    synopsis: str = ""


@dataclass(frozen=True)
class ChapterInfo:
    id: int
    part_id: int | None
    title: str
    position: int
    synopsis: str = ""


@dataclass(frozen=True)
class SceneInfo:
    """A scene without its body: what the binder, timeline and grid need."""

    id: int
    chapter_id: int
    title: str
    position: int
    status: SceneStatus
    word_count: int
    synopsis: str = ""
    pov_id: int | None = None
    location_id: int | None = None
    story_time: StoryTime | None = None
    word_target: int | None = None
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scene(SceneInfo):
    """A scene with everything: body, notes, who is present, which threads it advances."""

    body: str = ""
    notes: str = ""
    character_ids: tuple[int, ...] = ()
    thread_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class BinderChapter:
    chapter: ChapterInfo
    scenes: tuple[SceneInfo, ...]

    @property
    def word_count(self) -> int:
        return sum(s.word_count for s in self.scenes)


@dataclass(frozen=True)
class BinderPart:
    """A part and its chapters; part is None for the chapters that belong to no part."""

    part: PartInfo | None
    chapters: tuple[BinderChapter, ...]

    @property
    def word_count(self) -> int:
        return sum(c.word_count for c in self.chapters)


@dataclass(frozen=True)
class Binder:
    """The manuscript's outline in book order: loose chapters first, then each part."""

    parts: tuple[BinderPart, ...]

    def chapters(self) -> list[BinderChapter]:
        return [c for p in self.parts for c in p.chapters]

    def scenes(self) -> list[SceneInfo]:
        return [s for c in self.chapters() for s in c.scenes]

    @property
    def word_count(self) -> int:
        return sum(p.word_count for p in self.parts)


@dataclass(frozen=True)
class Alias:
    id: int
    character_id: int
    name: str
    kind: AliasKind
    used_where: str = ""
    used_with: str = ""
    valid_from: StoryTime | None = None
    valid_until: StoryTime | None = None
    notes: str = ""


@dataclass(frozen=True)
class Character:
    id: int
    display_name: str
    given_name: str = ""
    patronymic: str = ""
    family_name: str = ""
    role: str = ""
    allegiance: str = ""
    description: str = ""
    backstory: str = ""
    goal: str = ""
    notes: str = ""
    portrait: str = ""
    colour: str = ""
    aliases: tuple[Alias, ...] = ()

    @property
    def full_name(self) -> str:
        parts = (self.given_name, self.patronymic, self.family_name)
        return " ".join(p for p in parts if p) or self.display_name


@dataclass(frozen=True)
class Location:
    id: int
    name: str
    description: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PlotThread:
    id: int
    name: str
    kind: ThreadKind
    colour: str = ""
    status: ThreadStatus = ThreadStatus.OPEN
    description: str = ""


@dataclass(frozen=True)
class TimelineEvent:
    id: int
    title: str
    kind: EventKind = EventKind.EVENT
    description: str = ""
    story_time: StoryTime | None = None
    scene_ids: tuple[int, ...] = ()
    character_ids: tuple[int, ...] = ()
    location_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Stats:
    title: str
    author: str
    parts: int
    chapters: int
    scenes: int
    words: int
    characters: int
    locations: int
    threads: int
    events: int
    words_by_status: dict[str, int] = field(default_factory=dict)
