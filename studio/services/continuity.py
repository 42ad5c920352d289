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

import enum
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session

from studio.core.errors import ValidationError
from studio.services import continuity_checks as checks
from studio.services.timeline_data import load_snapshot
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
        with self._db.read() as session:
            snapshot = load_snapshot(session)
            limit = _untouched_chapters(session)
            uses = _alias_uses(session)
            dismissed = set(session.scalars(select(DismissedWarningRow.key)))
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

    def untouched_chapters(self) -> int:
        with self._db.read() as session:
            return _untouched_chapters(session)

    def set_untouched_chapters(self, chapters: int) -> None:
        """How many chapters a thread may go untouched before it is reported."""
        if chapters < 1:
            raise ValidationError("A thread must be allowed at least 1 untouched chapter.")
        from studio.services.manuscript import ManuscriptService

        ManuscriptService(self._db).set_setting(UNTOUCHED_SETTING, chapters)


def _untouched_chapters(session: Session) -> int:
    settings = json.loads(session.scalars(select(ProjectRow.settings_json)).first() or "{}")
    value = settings.get(UNTOUCHED_SETTING) if isinstance(settings, dict) else None
    return value if isinstance(value, int) and value > 0 else DEFAULT_UNTOUCHED_CHAPTERS


def _alias_uses(session: Session) -> list[checks.AliasUse]:
    """(alias, scene) pairs where a dated alias's name is in the scene's body as a word.

    SQLite's instr() narrows the pairs without sending every body to Python; the word test
    then runs only on the bodies that contain the name at all.
    """
    rows = session.execute(
        select(
            AliasRow.id,
            AliasRow.character_id,
            AliasRow.name,
            AliasRow.from_start,
            AliasRow.from_text,
            AliasRow.until_end,
            AliasRow.until_text,
            SceneRow.id,
            SceneRow.body,
        )
        .join(
            SceneRow,
            and_(
                func.length(AliasRow.name) > 0,
                func.instr(SceneRow.body, AliasRow.name) > 0,
            ),
        )
        .where(or_(AliasRow.from_start.is_not(None), AliasRow.until_end.is_not(None)))
    ).all()
    uses: list[checks.AliasUse] = []
    for row in rows:
        if re.search(rf"(?<!\w){re.escape(row[2])}(?!\w)", row[8]):
            uses.append(checks.AliasUse(*row[:8]))
    return uses


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
