"""Reading a portable bundle (see studio.export.bundle) into a new project file."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studio.core.domain import (
    AliasKind,
    EventKind,
    SceneStatus,
    ThreadKind,
    ThreadStatus,
)
from studio.core.errors import BundleError, SafehouseError
from studio.core.text import count_words
from studio.export.bundle import BUNDLE_FORMAT, BUNDLE_VERSION, MANIFEST
from studio.services.convert import story_columns
from studio.services.project import Project, create_project
from studio.storage import models as m


def read_manifest(folder: Path) -> dict[str, Any]:
    folder = Path(folder)
    manifest_path = folder / MANIFEST
    if not folder.is_dir():
        raise BundleError(f"{folder} is not a folder; a bundle is a folder with a {MANIFEST}.")
    if not manifest_path.is_file():
        raise BundleError(f"{folder} has no {MANIFEST}; it is not a Safehouse bundle.")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BundleError(
            f"{manifest_path} cannot be read ({error}); fix or restore it."
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
        raise BundleError(f"{manifest_path} is not a Safehouse bundle manifest.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > BUNDLE_VERSION:
        raise BundleError(
            f"{folder} was written by a newer version of Safehouse (bundle format {version}); "
            "update Safehouse to import it."
        )
    return manifest


def import_bundle(folder: Path, project_path: Path) -> Project:
    """A new project at project_path holding exactly what the bundle at folder holds."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    bodies = _read_bodies(folder, manifest)
    info = manifest.get("project", {})
    project = create_project(
        project_path,
        title=str(info.get("title") or folder.name),
        author=str(info.get("author", "")),
        language=str(info.get("language", "en_US")),
    )
    try:
        with project.database.write() as session:
            created_at = _created_at(session, info)
            _load(session, manifest, bodies)
        settings = info.get("settings", {})
        for key, value in (settings if isinstance(settings, dict) else {}).items():
            project.manuscript.set_setting(str(key), value)
        # The bundle lists the words only; they are dated with the project, so that a project
        # made from a bundle and one made from its export are the same, field for field.
        project.dictionary.add_all(manifest.get("dictionary", []), added_at=created_at)
        # The manifest's story_time of an anchored item is its resolved time as text; resolving
        # again gives back the exact span ("the same evening" is 18:00-22:00, not the day).
        project.timeline.resolve_all()
    except IntegrityError as error:
        project.close()
        Path(project_path).unlink(missing_ok=True)
        raise BundleError(
            f"{folder / MANIFEST} refers to a row it does not hold, or holds one twice "
            f"({error.orig}); nothing was imported."
        ) from error
    except (KeyError, TypeError, ValueError, SafehouseError) as error:
        project.close()
        Path(project_path).unlink(missing_ok=True)
        raise BundleError(
            f"{folder / MANIFEST} is inconsistent ({error!r}); nothing was imported."
        ) from error
    except BaseException:
        project.close()
        Path(project_path).unlink(missing_ok=True)
        raise
    return project


def _created_at(session: Session, info: dict[str, Any]) -> datetime:
    """The project's creation time as the bundle records it (a bundle without one: now)."""
    row = session.scalars(select(m.ProjectRow)).one()
    if info.get("created_at") is not None:
        row.created_at = datetime.fromisoformat(str(info["created_at"]))
    return row.created_at


def _read_bodies(folder: Path, manifest: dict[str, Any]) -> dict[int, str]:
    bodies: dict[int, str] = {}
    for scene in manifest.get("scenes", []):
        path = folder / scene["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BundleError(f"{path} is missing from the bundle; restore it.") from None
        except UnicodeDecodeError:
            raise BundleError(f"{path} is not UTF-8 text; re-save it as UTF-8.") from None
        bodies[int(scene["id"])] = text.removesuffix("\n")
    return bodies


def _positions(items: list[dict[str, Any]], key: str) -> dict[int, int]:
    """Each item's position among the items sharing its key value, in the manifest's order."""
    counters: dict[object, int] = {}
    positions: dict[int, int] = {}
    for item in items:
        group = item.get(key)
        positions[int(item["id"])] = counters.get(group, 0)
        counters[group] = counters.get(group, 0) + 1
    return positions


def _load(session: Session, manifest: dict[str, Any], bodies: dict[int, str]) -> None:
    loaders: list[Callable[[Session, dict[str, Any], dict[int, str]], None]] = [
        _load_bible,
        _load_outline,
        _load_events,
        _load_anchors,
    ]
    for load in loaders:
        load(session, manifest, bodies)
        session.flush()


def _load_bible(session: Session, manifest: dict[str, Any], _bodies: dict[int, str]) -> None:
    characters = manifest.get("characters", [])
    for position, c in enumerate(characters):
        fields = {col.name: c.get(col.name, "") for col in m.CharacterRow.__table__.columns}
        fields.update(id=c["id"], position=position)
        session.add(m.CharacterRow(**fields))
    # Rows have no ORM relationships, so the unit of work does not order inserts by foreign
    # key: each table is flushed before the rows that refer to it are added.
    session.flush()
    for c in characters:
        for alias_position, a in enumerate(c.get("aliases", [])):
            row = m.AliasRow(
                id=a["id"],
                character_id=c["id"],
                position=alias_position,
                name=a["name"],
                kind=AliasKind(a.get("kind", "cover identity")).value,
                used_where=a.get("used_where", ""),
                used_with=a.get("used_with", ""),
                notes=a.get("notes", ""),
            )
            row.from_text, row.from_start, row.from_end, row.from_precision = story_columns(
                a.get("valid_from")
            )
            row.until_text, row.until_start, row.until_end, row.until_precision = story_columns(
                a.get("valid_until")
            )
            session.add(row)
    for position, loc in enumerate(manifest.get("locations", [])):
        session.add(
            m.LocationRow(
                id=loc["id"],
                position=position,
                name=loc["name"],
                description=loc.get("description", ""),
                notes=loc.get("notes", ""),
            )
        )
    for position, t in enumerate(manifest.get("threads", [])):
        session.add(
            m.ThreadRow(
                id=t["id"],
                position=position,
                name=t["name"],
                kind=ThreadKind(t.get("kind", "subplot")).value,
                colour=t.get("colour", ""),
                status=ThreadStatus(t.get("status", "open")).value,
                description=t.get("description", ""),
            )
        )


def _load_outline(session: Session, manifest: dict[str, Any], bodies: dict[int, str]) -> None:
    for position, p in enumerate(manifest.get("parts", [])):
        session.add(
            m.PartRow(
                id=p["id"], title=p["title"], position=position, synopsis=p.get("synopsis", "")
            )
        )
    session.flush()
    chapters = manifest.get("chapters", [])
    chapter_positions = _positions(chapters, "part_id")
    for c in chapters:
        session.add(
            m.ChapterRow(
                id=c["id"],
                part_id=c.get("part_id"),
                title=c["title"],
                position=chapter_positions[int(c["id"])],
                synopsis=c.get("synopsis", ""),
            )
        )
    session.flush()
    scenes = manifest.get("scenes", [])
    scene_positions = _positions(scenes, "chapter_id")
    notes = {
        (n["scene_id"], n["thread_id"]): n["note"] for n in manifest.get("scene_thread_notes", [])
    }
    for s in scenes:
        body = bodies[int(s["id"])]
        row = m.SceneRow(
            id=s["id"],
            chapter_id=s["chapter_id"],
            title=s["title"],
            position=scene_positions[int(s["id"])],
            body=body,
            word_count=count_words(body),
            synopsis=s.get("synopsis", ""),
            notes=s.get("notes", ""),
            status=SceneStatus(s.get("status", "draft")).value,
            pov_id=s.get("pov_id"),
            location_id=s.get("location_id"),
            word_target=s.get("word_target"),
            labels_json=json.dumps(list(s.get("labels", []))),
        )
        row.story_text, row.story_start, row.story_end, row.story_precision = story_columns(
            s.get("story_time")
        )
        session.add(row)
    session.flush()
    for s in scenes:
        session.add_all(
            m.SceneCharacterRow(scene_id=s["id"], character_id=c)
            for c in dict.fromkeys(s.get("character_ids", []))
        )
        session.add_all(
            m.SceneThreadRow(scene_id=s["id"], thread_id=t, note=notes.get((s["id"], t), ""))
            for t in dict.fromkeys(s.get("thread_ids", []))
        )


def _load_events(session: Session, manifest: dict[str, Any], _bodies: dict[int, str]) -> None:
    events = manifest.get("events", [])
    for e in events:
        row = m.EventRow(
            id=e["id"],
            title=e["title"],
            kind=EventKind(e.get("kind", "event")).value,
            description=e.get("description", ""),
        )
        row.story_text, row.story_start, row.story_end, row.story_precision = story_columns(
            e.get("story_time")
        )
        session.add(row)
    session.flush()
    for e in events:
        session.add_all(
            m.EventSceneRow(event_id=e["id"], scene_id=s) for s in e.get("scene_ids", [])
        )
        session.add_all(
            m.EventCharacterRow(event_id=e["id"], character_id=c)
            for c in e.get("character_ids", [])
        )
        session.add_all(
            m.EventLocationRow(event_id=e["id"], location_id=loc)
            for loc in e.get("location_ids", [])
        )


def _load_anchors(session: Session, manifest: dict[str, Any], _bodies: dict[int, str]) -> None:
    """Anchors last: a scene may hang on an event, which is loaded after the scenes."""
    for scene in manifest.get("scenes", []):
        _set_anchor(session.get_one(m.SceneRow, scene["id"]), scene)
    for event in manifest.get("events", []):
        _set_anchor(session.get_one(m.EventRow, event["id"]), event)
    session.add_all(
        m.DismissedWarningRow(key=str(key), dismissed_at=datetime.now().replace(microsecond=0))
        for key in dict.fromkeys(manifest.get("dismissed_warnings", []))
    )


def _set_anchor(row: m.SceneRow | m.EventRow, item: dict[str, Any]) -> None:
    if item.get("anchor_scene_id") is not None or item.get("anchor_event_id") is not None:
        row.anchor_scene_id = item.get("anchor_scene_id")
        row.anchor_event_id = item.get("anchor_event_id")
        row.anchor_offset = item.get("anchor_offset")
