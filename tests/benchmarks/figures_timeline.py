"""Timeline figures (issue 6): story order, the thread grid and the continuity check over the
whole project, each against one plain SQL query of the same rows on an open connection. The
250k project has about 600 scenes, the size the issue names."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

from tests.benchmarks import plain
from tests.benchmarks.report import Figure, Target, timed, unavailable
from tests.benchmarks.timing import Step, pair
from tests.benchmarks.workspace import Workspace

SMALL_MULTIPLE = Target(5)

# Each reference reads the rows its figure needs, as one plain SELECT: story order draws scenes
# and events in lanes per character, thread or location, so it reads each scene's times,
# chapter, POV, location, characters present and threads, and each event's times, characters
# and locations; the grid reads each scene's title, chapter and word count with its thread
# cells; the continuity check reads each scene's times, POV, location, characters present and
# threads, and the body of every scene it must scan for aliases (those set before the latest
# alias "from" or after the earliest "until": no other scene can use an alias out of time).
# The handful of character, location, thread and alias rows the services also read (their
# names) are left out of the references.
SCENE_TIMES = (
    "SELECT * FROM (SELECT s.id, s.title, s.chapter_id, c.title, s.word_count, s.pov_id, "
    "s.location_id, s.story_text, s.story_start, s.story_end, s.story_precision, "
    "s.anchor_scene_id, s.anchor_event_id, s.anchor_offset, "
    "(SELECT group_concat(character_id) FROM scene_character WHERE scene_id = s.id), "
    "(SELECT group_concat(thread_id) FROM scene_thread WHERE scene_id = s.id) "
    + plain.BOOK_ORDER
    + ") UNION ALL SELECT e.id, e.title, NULL, NULL, NULL, NULL, NULL, e.story_text, "
    "e.story_start, e.story_end, e.story_precision, e.anchor_scene_id, e.anchor_event_id, "
    "e.anchor_offset, "
    "(SELECT group_concat(character_id) FROM event_character WHERE event_id = e.id), "
    "(SELECT group_concat(location_id) FROM event_location WHERE event_id = e.id) "
    "FROM timeline_event e"
)
GRID = (
    "SELECT s.id, s.title, s.chapter_id, c.title, s.word_count, st.thread_id, st.note "
    "FROM scene s JOIN chapter c ON s.chapter_id = c.id LEFT JOIN part p ON c.part_id = p.id "
    "LEFT JOIN scene_thread st ON st.scene_id = s.id "
    "ORDER BY coalesce(p.position, -1), c.position, s.position"
)
PRESENCE = (
    "SELECT s.id, s.title, s.chapter_id, s.pov_id, s.location_id, s.story_text, s.story_start, "
    "s.story_end, s.story_precision, "
    "(SELECT group_concat(character_id) FROM scene_character WHERE scene_id = s.id), "
    "(SELECT group_concat(thread_id) FROM scene_thread WHERE scene_id = s.id), "
    "CASE WHEN s.story_end < (SELECT max(from_start) FROM alias) "
    "OR s.story_start > (SELECT min(until_end) FROM alias) THEN s.body END "
    "FROM scene s ORDER BY s.story_start"
)


def _continuity(project: Any) -> Callable[[], Any] | None:
    """The continuity check (`studio check --continuity`), when it exists."""
    if importlib.util.find_spec("studio.services.continuity") is None:
        return None
    from studio.services.continuity import check_continuity

    return lambda: check_continuity(project)


def figures(ws: Workspace, size: str) -> list[Figure]:
    if importlib.util.find_spec("studio.services.timeline") is None:
        why = "not yet available: studio/services/timeline.py (issue 6)"
        return [
            unavailable(name, size, "ms", SMALL_MULTIPLE, why)
            for name in ("timeline story order", "thread grid", "continuity check")
        ]
    from studio.services.project import open_project
    from studio.services.timeline import TimelineService

    results: list[Figure] = []
    path = ws.project(size)
    with open_project(path, read_only=True) as project:
        connection = plain.connect(path)
        timeline = TimelineService(project.database)
        scenes = len(project.manuscript.binder().scenes())
        checks: list[tuple[str, Callable[[], Any] | None, str]] = [
            ("timeline story order", timeline.story_order, SCENE_TIMES),
            ("thread grid", timeline.grid, GRID),
            ("continuity check", _continuity(project), PRESENCE),
        ]
        try:
            for name, ours, query in checks:
                if ours is None:
                    why = "not yet available: studio/services/continuity.py (issue 6)"
                    results.append(unavailable(name, size, "ms", SMALL_MULTIPLE, why))
                    continue

                def reference(query: str = query) -> Any:
                    return connection.execute(query).fetchall()

                value, ref = pair(Step(ours), Step(reference), ws.runs)
                note = f"{scenes:,} scenes; service call vs one SELECT"
                results.append(timed(name, size, value, ref, SMALL_MULTIPLE, note))
        finally:
            connection.close()
    return results
