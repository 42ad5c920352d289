"""The timeline as CSV, for writers who plan in spreadsheets.

One row per scene in story order (scenes without a story time last, in book order):
Story time (as the writer typed it, or as resolved from its anchor), Best guess (ISO, so a
spreadsheet sorts it), Approximate (yes/no), Chapter, Scene, POV, Location, Threads (joined
with "; "), Relative to (the anchor's title and the offset, when there is one).
Written as UTF-8 with a byte-order mark, which is what spreadsheet programs need to read
accented names correctly, and swapped in whole (never half a file under the real name).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from studio.core.errors import ExportError
from studio.export.files import write_atomically
from studio.services.story_order import TimelineItem, story_order
from studio.services.timeline_data import Snapshot, load_snapshot

if TYPE_CHECKING:
    from studio.services.project import Project

HEADER = (
    "Story time",
    "Best guess",
    "Approximate",
    "Chapter",
    "Scene",
    "POV",
    "Location",
    "Threads",
    "Relative to",
)


def _row(item: TimelineItem, snapshot: Snapshot, thread_names: dict[int, str]) -> list[str]:
    time = item.story_time
    anchor = ""
    if item.anchor is not None:
        anchor = f"{item.anchor_offset or ''} '{snapshot.title(item.anchor)}'".strip()
    return [
        "" if time is None else time.text,
        "" if time is None else _minute(time.best_guess),
        "" if time is None else ("yes" if item.fuzzy else "no"),
        item.chapter_title,
        item.title,
        "" if item.pov_id is None else snapshot.characters.get(item.pov_id, ""),
        "; ".join(snapshot.locations.get(i, "") for i in item.location_ids),
        "; ".join(thread_names[t] for t in item.thread_ids if t in thread_names),
        anchor,
    ]


def _minute(moment: datetime) -> str:
    rounded = (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)
    return rounded.isoformat(sep=" ", timespec="minutes")


def timeline_rows(project: Project) -> list[list[str]]:
    """The header and one row per scene, in story order."""
    with project.database.read() as session:
        snapshot = load_snapshot(session)
    thread_names = {t.id: t.name for t in snapshot.threads}
    items = [i for i in story_order(snapshot) if i.ref.kind == "scene"]
    return [list(HEADER), *(_row(i, snapshot, thread_names) for i in items)]


def export_timeline_csv(project: Project, path: Path) -> Path:
    """Write the timeline to path (a .csv file); returns the path written."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(timeline_rows(project))
    try:
        write_atomically(path, buffer.getvalue().encode("utf-8-sig"))
    except OSError as error:
        raise ExportError(f"Cannot write {path}: {error.strerror or error}.") from error
    return path
