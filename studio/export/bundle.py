"""The portable bundle: a folder a writer can read, back up and diff in git.

    <folder>/project.json          the manifest: everything but the scene bodies
    <folder>/scenes/01-02-slug.md  one file per scene (chapter and scene number in book order),
                                   holding the body exactly, plus one final newline

studio.importers.bundle reads it back into an identical project (ids included). The dictionary's
words and the dismissed warnings' keys are listed as they always were; beside each list, an
object gives each word the date it was added (dictionary_added_at) and each key the date it was
dismissed (dismissed_at). A bundle written before the dates were kept imports as it did.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from studio.core.domain import Alias, Character, TimelineEvent
from studio.core.errors import ExportError
from studio.core.story_time import StoryTime
from studio.services.continuity import ContinuityService
from studio.services.manuscript_sql import ids_of, scene_links
from studio.services.timeline_data import ItemRef
from studio.storage.models import ProjectWordRow, SceneRow

if TYPE_CHECKING:
    from studio.services.project import Project

BUNDLE_FORMAT = "safehouse-bundle"
BUNDLE_VERSION = 1
MANIFEST = "project.json"
SCENES = "scenes"
Anchors = dict[ItemRef, tuple[ItemRef, str | None]]
# A scene's body, notes, characters present and threads advanced (ids joined by commas).
Contents = dict[int, tuple[str, str, str | None, str | None]]


def slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:48] or "scene"


def _time(value: StoryTime | None) -> str | None:
    return None if value is None else value.text


def build_manifest(project: Project) -> tuple[dict[str, Any], dict[str, str]]:
    """The manifest and, by file name, the scene bodies to write beside it."""
    manuscript, bible = project.manuscript, project.bible
    info = manuscript.info()
    binder = manuscript.binder()
    chapters = binder.chapters()
    width = max(
        2, len(str(len(chapters))), len(str(max((len(c.scenes) for c in chapters), default=0)))
    )
    files: dict[str, str] = {}
    scenes: list[dict[str, Any]] = []
    anchors = project.timeline.anchors()
    contents = _scene_contents(project)
    added = _dated_words(project)
    dismissed = {
        key: when.isoformat()
        for key, when in ContinuityService(project.database).dismissals().items()
    }
    for chapter_number, chapter in enumerate(chapters, start=1):
        for scene_number, scene in enumerate(chapter.scenes, start=1):
            body, notes, character_ids, thread_ids = contents[scene.id]
            number = f"{chapter_number:0{width}d}-{scene_number:0{width}d}"
            name = f"{SCENES}/{number}-{slug(scene.title)}.md"
            files[name] = body + "\n"
            scenes.append(
                {
                    "id": scene.id,
                    "chapter_id": scene.chapter_id,
                    "title": scene.title,
                    "file": name,
                    "status": scene.status.value,
                    "synopsis": scene.synopsis,
                    "notes": notes,
                    "pov_id": scene.pov_id,
                    "location_id": scene.location_id,
                    "story_time": _time(scene.story_time),
                    "word_target": scene.word_target,
                    "labels": list(scene.labels),
                    "character_ids": list(ids_of(character_ids)),
                    "thread_ids": list(ids_of(thread_ids)),
                    **_anchor(anchors, ItemRef("scene", scene.id)),
                }
            )
    manifest: dict[str, Any] = {
        "format": BUNDLE_FORMAT,
        "format_version": BUNDLE_VERSION,
        "project": {
            "title": info.title,
            "author": info.author,
            "language": info.language,
            "created_at": info.created_at.isoformat() if info.created_at else None,
            "settings": manuscript.settings(),
        },
        "parts": [
            {"id": p.part.id, "title": p.part.title, "synopsis": p.part.synopsis}
            for p in binder.parts
            if p.part is not None
        ],
        "chapters": [
            {
                "id": c.chapter.id,
                "part_id": c.chapter.part_id,
                "title": c.chapter.title,
                "synopsis": c.chapter.synopsis,
            }
            for c in chapters
        ],
        "scenes": scenes,
        "characters": [_character(c) for c in bible.characters()],
        "locations": [
            {"id": loc.id, "name": loc.name, "description": loc.description, "notes": loc.notes}
            for loc in bible.locations()
        ],
        "threads": [
            {
                "id": t.id,
                "name": t.name,
                "kind": t.kind.value,
                "colour": t.colour,
                "status": t.status.value,
                "description": t.description,
            }
            for t in bible.threads()
        ],
        "events": [_event(e, anchors) for e in sorted(project.events.events(), key=lambda e: e.id)],
        "scene_thread_notes": _thread_notes(project),
        "dictionary": list(added),
        "dictionary_added_at": added,
        "dismissed_warnings": list(dismissed),
        "dismissed_at": dismissed,
    }
    return manifest, files


def _scene_contents(project: Project) -> Contents:
    """What the binder leaves out of every scene, by id, in one query (scene() per scene was
    one query each)."""
    query = select(SceneRow.id, SceneRow.body, SceneRow.notes, *scene_links())
    with project.database.read() as session:
        return {row[0]: row[1:] for row in session.execute(query)}


def _dated_words(project: Project) -> dict[str, str]:
    """The project dictionary: each word and when the writer added it, alphabetically."""
    query = select(ProjectWordRow.word, ProjectWordRow.added_at).order_by(ProjectWordRow.word)
    with project.database.read() as session:
        return {word: added_at.isoformat() for word, added_at in session.execute(query)}


def _character(character: Character) -> dict[str, Any]:
    return {
        "id": character.id,
        "display_name": character.display_name,
        "given_name": character.given_name,
        "patronymic": character.patronymic,
        "family_name": character.family_name,
        "role": character.role,
        "allegiance": character.allegiance,
        "description": character.description,
        "backstory": character.backstory,
        "goal": character.goal,
        "notes": character.notes,
        "portrait": character.portrait,
        "colour": character.colour,
        "aliases": [_alias(a) for a in character.aliases],
    }


def _alias(alias: Alias) -> dict[str, Any]:
    return {
        "id": alias.id,
        "name": alias.name,
        "kind": alias.kind.value,
        "used_where": alias.used_where,
        "used_with": alias.used_with,
        "valid_from": _time(alias.valid_from),
        "valid_until": _time(alias.valid_until),
        "notes": alias.notes,
    }


def _anchor(anchors: Anchors, ref: ItemRef) -> dict[str, Any]:
    """Relative story time: the item this one hangs on, and the writer's offset phrase."""
    anchor, offset = anchors.get(ref, (None, None))
    return {
        "anchor_scene_id": anchor.id if anchor and anchor.kind == "scene" else None,
        "anchor_event_id": anchor.id if anchor and anchor.kind == "event" else None,
        "anchor_offset": offset if anchor else None,
    }


def _event(event: TimelineEvent, anchors: Anchors) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "kind": event.kind.value,
        "description": event.description,
        "story_time": _time(event.story_time),
        "scene_ids": list(event.scene_ids),
        "character_ids": list(event.character_ids),
        "location_ids": list(event.location_ids),
        **_anchor(anchors, ItemRef("event", event.id)),
    }


def _thread_notes(project: Project) -> list[dict[str, Any]]:
    return [
        {"scene_id": scene_id, "thread_id": thread_id, "note": note}
        for scene_id, thread_id, note in project.manuscript.thread_notes()
        if note
    ]


def export_bundle(project: Project, folder: Path) -> None:
    """Write the project as a bundle at folder. An older bundle there is replaced: its
    project.json and scenes/ only, so what else the folder holds (a .git, the writer's notes)
    stays as it is."""
    folder = Path(folder)
    manifest, files = build_manifest(project)
    if folder.exists() and not (folder / MANIFEST).is_file() and any(folder.iterdir()):
        raise ExportError(
            f"{folder} exists and is not a Safehouse bundle; choose an empty or new folder."
        )
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        (staging / SCENES).mkdir()
        text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        (staging / MANIFEST).write_text(text, encoding="utf-8", newline="\n")
        for name, body in files.items():
            (staging / name).write_text(body, encoding="utf-8", newline="\n")
        if folder.exists():
            _replace_bundle(staging, folder)
        else:
            staging.rename(folder)
    except OSError as error:
        raise ExportError(f"Could not write the bundle {folder}: {error}.") from error


def _replace_bundle(staging: Path, folder: Path) -> None:
    """The bundle written at staging put in place of the one at folder, nothing else touched.

    Each step is a rename on one disk: the old scenes/ aside, the new one in, then the new
    manifest over the old (os.replace: a reader sees one manifest or the other, never none).
    A failed step puts the old scenes back; staging is removed either way."""
    scenes, retired = folder / SCENES, staging / f"{SCENES}.old"
    try:
        if scenes.exists():
            scenes.rename(retired)
        try:
            (staging / SCENES).rename(scenes)
        except OSError:
            if retired.exists():
                retired.rename(scenes)
            raise
        (staging / MANIFEST).replace(folder / MANIFEST)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
