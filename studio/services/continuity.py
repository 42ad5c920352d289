"""Continuity warnings: the five checks of the timeline, each warning one line with its scenes.

The checks, and what counts (decided here so that each planted conflict gives one warning):

- TWO_PLACES: a character present (or the POV) in two scenes set in different locations at
  overlapping story times. Only times pinned to at least a day take part: "June 2019" in Lisbon
  and "14 June 2019" in Berlin is travel, not a conflict. One warning per pair of scenes, naming
  every character caught in both.
- POV_ABSENT: a scene's POV character is not among its characters present.
- BEFORE_FIRST_APPEARANCE / AFTER_EXIT: a character in a scene set wholly before their
  "first appearance" event, or wholly after a "departure" or "death" event (the earliest one
  broken). One warning per character and scene.
- THREAD_UNTOUCHED: an open plot thread not advanced for more than N chapters (default 5, the
  project setting "continuity.untouched_chapters"), between two scenes that advance it or from
  the last one to the end of the book. Chapters without scenes do not count; a thread is not
  "untouched" before it first appears.
- ALIAS_OUT_OF_TIME: an alias "is used" in a scene when its name appears in the scene's body
  as a whole word, same case (names are proper nouns); it warns when the scene is set wholly
  before the alias's "from" or wholly after its "until".

Keys are stable (they name the check and the ids involved), so a dismissed warning stays
dismissed until the conflict itself changes.
"""

from __future__ import annotations

import bisect
import enum
import functools
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, or_, select
from sqlalchemy.orm import Session

from studio.core.errors import ValidationError
from studio.core.story_time import StoryTime
from studio.services import continuity_checks as checks
from studio.services.timeline_data import (
    Snapshot,
    Window,
    load_snapshot,
    moment,
    read_names,
    rows,
    sql_text,
)
from studio.storage.database import ProjectDatabase
from studio.storage.models import AliasRow, DismissedWarningRow, ProjectRow, SceneRow

if TYPE_CHECKING:
    from studio.services.project import Project

UNTOUCHED_SETTING = "continuity.untouched_chapters"
DEFAULT_UNTOUCHED_CHAPTERS = 5


class Check(enum.StrEnum):
    TWO_PLACES = "two-places"
    POV_ABSENT = "pov-absent"
    BEFORE_FIRST_APPEARANCE = "before-first-appearance"
    AFTER_EXIT = "after-exit"
    THREAD_UNTOUCHED = "thread-untouched"
    ALIAS_OUT_OF_TIME = "alias-out-of-time"


@dataclass(frozen=True)
class ContinuityWarning:
    key: str
    check: Check
    message: str
    scene_ids: tuple[int, ...]
    dismissed: bool = False


class ContinuityService:
    def __init__(self, database: ProjectDatabase) -> None:
        self._db = database

    def warnings(self, *, include_dismissed: bool = False) -> list[ContinuityWarning]:
        """Every warning, in book order of its first scene; dismissed ones only if asked."""
        with self._db.engine.connect() as connection:
            found_rows = rows(connection, _HEADER)
            settings_json, dismissed_json, latest_from, earliest_until = (
                found_rows[0] if found_rows else (None, "[]", None, None)
            )
            window: Window = (
                None if latest_from is None else moment(latest_from),
                None if earliest_until is None else moment(earliest_until),
            )
            # Names appear only in the messages: read when there is one (a clean book, none).
            snapshot = load_snapshot(connection, names=False, bodies_outside=window)
            snapshot.names_later = functools.partial(read_names, connection)
            limit = _limit(settings_json)
            uses = _alias_uses(connection, snapshot, window)
            dismissed = set(json.loads(dismissed_json))
            found = [
                *checks.two_places(snapshot),
                *checks.pov_absent(snapshot),
                *checks.appearances(snapshot),
                *checks.untouched_threads(snapshot, limit),
                *checks.aliases_out_of_time(snapshot, uses),
            ]
        place = {s.id: s.book_index for s in snapshot.scenes}
        warnings = [
            ContinuityWarning(w.key, Check(w.check), w.message, w.scene_ids, w.key in dismissed)
            for w in found
        ]
        warnings.sort(key=lambda w: (min(place.get(s, 0) for s in w.scene_ids), w.key))
        return [w for w in warnings if include_dismissed or not w.dismissed]

    def dismiss(self, key: str) -> None:
        with self._db.write() as session:
            if session.get(DismissedWarningRow, key) is None:
                session.add(DismissedWarningRow(key=key, dismissed_at=_now()))

    def restore(self, key: str) -> None:
        """Show a dismissed warning again."""
        with self._db.write() as session:
            session.execute(delete(DismissedWarningRow).where(DismissedWarningRow.key == key))

    def dismissed_keys(self) -> list[str]:
        with self._db.read() as session:
            return list(session.scalars(select(DismissedWarningRow.key).order_by("key")))

    def dismissals(self) -> dict[str, datetime]:
        """Each dismissed warning's key and when it was dismissed, by key (for the bundle)."""
        with self._db.read() as session:
            query = select(DismissedWarningRow.key, DismissedWarningRow.dismissed_at)
            return {key: when for key, when in sorted(session.execute(query))}

    def untouched_chapters(self) -> int:
        with self._db.engine.connect() as connection:
            return _untouched_chapters(connection)

    def set_untouched_chapters(self, chapters: int) -> None:
        """How many chapters a thread may go untouched before it is reported."""
        if chapters < 1:
            raise ValidationError("A thread must be allowed at least 1 untouched chapter.")
        from studio.services.manuscript import ManuscriptService

        ManuscriptService(self._db).set_setting(UNTOUCHED_SETTING, chapters)


_SETTINGS = sql_text(select(ProjectRow.settings_json).limit(1))
# What a check needs besides the snapshot, in one row: the settings, the dismissed warnings'
# keys (a JSON array) and the alias window, (latest "from", earliest "until") of the dated
# aliases: only a scene set wholly before the one or wholly after the other can use an alias
# out of its time. Stored times are SQLAlchemy's fixed-width DATETIME text, which sorts as the
# times do, so max and min of the text are the latest and earliest.
_NAMED_ALIAS = func.length(AliasRow.name) > 0
_HEADER = sql_text(
    select(
        ProjectRow.settings_json,
        select(func.json_group_array(DismissedWarningRow.key)).scalar_subquery(),
        select(func.max(AliasRow.from_start)).where(_NAMED_ALIAS).scalar_subquery(),
        select(func.min(AliasRow.until_end)).where(_NAMED_ALIAS).scalar_subquery(),
    ).limit(1)
)
_DATED_ALIASES = sql_text(
    select(
        AliasRow.id,
        AliasRow.character_id,
        AliasRow.name,
        AliasRow.from_start,
        AliasRow.from_text,
        AliasRow.until_end,
        AliasRow.until_text,
    )
    .where(or_(AliasRow.from_start.is_not(None), AliasRow.until_end.is_not(None)))
    .where(func.length(AliasRow.name) > 0)
    .order_by(AliasRow.id)
)
_BODY_BATCH = 500  # ids per "IN (...)": well under SQLite's limit on bound parameters


def _untouched_chapters(source: Session | Connection) -> int:
    found = rows(source, _SETTINGS)
    return _limit(found[0][0] if found else None)


def _limit(settings_json: str | None) -> int:
    """The untouched-chapters setting from the project's settings (JSON text)."""
    settings = json.loads(settings_json or "{}")
    value = settings.get(UNTOUCHED_SETTING) if isinstance(settings, dict) else None
    return value if isinstance(value, int) and value > 0 else DEFAULT_UNTOUCHED_CHAPTERS


@dataclass(frozen=True)
class _DatedAliases:
    """The aliases with a from or an until, sorted by each: (from, alias row), (until, row)."""

    by_from: list[tuple[datetime, tuple[Any, ...]]]
    by_until: list[tuple[datetime, tuple[Any, ...]]]

    @classmethod
    def read(cls, source: Session | Connection) -> _DatedAliases:
        found = rows(source, _DATED_ALIASES)
        return cls(
            sorted(((moment(a[3]), a) for a in found if a[3] is not None), key=_first),
            sorted(((moment(a[5]), a) for a in found if a[5] is not None), key=_first),
        )


def _alias_uses(
    source: Session | Connection, snapshot: Snapshot, window: Window
) -> list[checks.AliasUse]:
    """(alias, scene) pairs where a dated alias's name is in the scene's body as a word, for
    the scenes set wholly outside that alias's from/until: only those pairs can warn.

    So the story-time test comes first (per scene, one comparison with the latest "from" and
    the earliest "until" rules out most scenes, and the aliases are read only if some scene is
    left; two bisections find the aliases out of time in each), and only those scenes' bodies
    are looked at (the snapshot read them with the scene rows; any it left out are read here),
    each searched only for those aliases' names: one search for any name first, the word test
    only where a name is there at all.
    """
    latest_from, earliest_until = window
    outside: list[tuple[int, bool, bool, StoryTime]] = []
    for scene in snapshot.scenes:
        time = scene.story_time
        if time is None:
            continue
        # Wholly before an alias's from (end < from), or wholly after its until (start > until).
        before = latest_from is not None and time.end < latest_from
        after = earliest_until is not None and time.start > earliest_until
        if before or after:
            outside.append((scene.id, before, after, time))
    if not outside:
        return []
    aliases = _DatedAliases.read(source)
    froms = [when for when, _ in aliases.by_from]
    untils = [when for when, _ in aliases.by_until]
    bodies = snapshot.bodies
    missing = [scene_id for scene_id, *_ in outside if scene_id not in bodies]
    if missing:
        bodies = {**bodies, **_bodies(source, missing)}
    # Most bodies name no alias at all: one search for the first word of any name rules such a
    # body out at once, before the aliases out of its time are even listed (first words, since
    # cover names share them, "Kestrel Petrova", "Kestrel Vasquez": fewer alternatives to try).
    first_words = {alias[2].split(" ", 1)[0] for _, alias in aliases.by_from + aliases.by_until}
    named = _any_name(tuple(sorted(first_words)))
    uses: list[checks.AliasUse] = []
    for scene_id, before, after, time in outside:
        body = bodies.get(scene_id, "")
        if named.search(body) is None:
            continue
        candidates: dict[int, tuple[Any, ...]] = {}
        if before:
            for _, alias in aliases.by_from[bisect.bisect_right(froms, time.end) :]:
                candidates[alias[0]] = alias
        if after:
            for _, alias in aliases.by_until[: bisect.bisect_left(untils, time.start)]:
                candidates[alias[0]] = alias
        for alias_id, character_id, name, start, from_text, end, until_text in candidates.values():
            if name in body and _word(name).search(body):
                uses.append(
                    checks.AliasUse(
                        alias_id,
                        character_id,
                        name,
                        None if start is None else moment(start),
                        from_text,
                        None if end is None else moment(end),
                        until_text,
                        scene_id,
                    )
                )
    return uses


def _bodies(source: Session | Connection, scene_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for first in range(0, len(scene_ids), _BODY_BATCH):
        batch = scene_ids[first : first + _BODY_BATCH]
        marks = ", ".join("?" * len(batch))
        found.update(rows(source, f"{_BODIES} WHERE scene.id IN ({marks})", batch))
    return found


def _first(pair: tuple[datetime, Any]) -> datetime:
    return pair[0]


@functools.lru_cache(maxsize=16)
def _any_name(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of names, anywhere (a text that does not match holds none of them)."""
    return re.compile("|".join(map(re.escape, names)))


@functools.lru_cache(maxsize=1024)
def _word(name: str) -> re.Pattern[str]:
    """name as a whole word, same case."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


_BODIES = sql_text(select(SceneRow.id, SceneRow.body))


def check_continuity(
    project: Project, *, include_dismissed: bool = False
) -> list[ContinuityWarning]:
    """The warnings for `studio check PROJECT --continuity` and the window's panel."""
    return ContinuityService(project.database).warnings(include_dismissed=include_dismissed)


def format_warnings(warnings: list[ContinuityWarning], name: str) -> str:
    """The CLI's report: a count line, then one line per warning (scene ids at the end)."""
    if not warnings:
        return f"{name}: no continuity warnings"
    noun = "warning" if len(warnings) == 1 else "warnings"
    lines = [f"{name}: {len(warnings)} continuity {noun}"]
    for w in warnings:
        scenes = ", ".join(str(s) for s in w.scene_ids)
        dismissed = " (dismissed)" if w.dismissed else ""
        lines.append(f"  [{w.check.value}] {w.message} (scenes {scenes}){dismissed}")
    return "\n".join(lines)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


__all__ = [
    "DEFAULT_UNTOUCHED_CHAPTERS",
    "UNTOUCHED_SETTING",
    "Check",
    "ContinuityService",
    "ContinuityWarning",
    "check_continuity",
    "format_warnings",
]
