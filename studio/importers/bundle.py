"""Reading a portable bundle (see studio.export.bundle) into a new project file."""

from __future__ import annotations

import json
import os
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, select, update
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
from studio.core.text import word_counts
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
        dictionary = _dated(manifest, "dictionary", "dictionary_added_at", created_at)
        for added_at, words in dictionary.items():
            project.dictionary.add_all(words, added_at=added_at)
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
    root = str(folder)
    for scene in manifest.get("scenes", []):
        # A path joined as text and the file read unbuffered, in one call, as bytes, then
        # decoded: a Path, a buffered stream or a text stream per file cost a third of the
        # time at 2,500 scenes. Line endings are translated as read_text would.
        try:
            with open(os.path.join(root, scene["file"]), "rb", buffering=0) as stream:
                text = stream.readall().decode("utf-8")
        except FileNotFoundError:
            path = folder / scene["file"]
            raise BundleError(f"{path} is missing from the bundle; restore it.") from None
        except UnicodeDecodeError:
            path = folder / scene["file"]
            raise BundleError(f"{path} is not UTF-8 text; re-save it as UTF-8.") from None
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
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
    """Every table's rows in one bulk INSERT each, in the order their foreign keys need."""
    scenes = manifest.get("scenes", [])
    events = manifest.get("events", [])
    tables: list[tuple[type[m.Base], list[dict[str, Any]]]] = [
        (m.CharacterRow, _characters(manifest)),
        (m.AliasRow, _aliases(manifest)),
        (m.LocationRow, _locations(manifest)),
        (m.ThreadRow, _threads(manifest)),
        (m.PartRow, _parts(manifest)),
        (m.ChapterRow, _chapters(manifest)),
        (m.SceneRow, _scenes(scenes, bodies)),
        *_scene_links(manifest, scenes),
        (m.EventRow, [_event(e) for e in events]),
        *_event_links(events),
    ]
    connection = session.connection()
    for model, rows in tables:
        if rows:
            _insert(connection, model, rows)
    # Anchors last: a scene may hang on an event, which is loaded after the scenes.
    for model, items in ((m.SceneRow, scenes), (m.EventRow, events)):
        anchors = [_anchor(item) for item in items if _anchored(item)]
        if anchors:
            session.execute(update(model), anchors)
    now = datetime.now().replace(microsecond=0)
    dismissed = [
        {"key": key, "dismissed_at": when}
        for when, keys in _dated(manifest, "dismissed_warnings", "dismissed_at", now).items()
        for key in keys
    ]
    if dismissed:
        connection.execute(insert(m.DismissedWarningRow), dismissed)


def _dated(
    manifest: dict[str, Any], items_key: str, dates_key: str, undated: datetime
) -> dict[datetime, list[str]]:
    """The dictionary's words or the dismissed warnings' keys, grouped by the date the
    manifest gives them. One without (every one, in a bundle written before dates were kept)
    is dated undated: a word with the project, so that a project made from a bundle and one
    made from its export are the same; a dismissal when it is imported."""
    dates = manifest.get(dates_key, {})
    if not isinstance(dates, dict):
        raise TypeError(f"{dates_key} should be an object, not {dates!r}")
    grouped: dict[datetime, list[str]] = {}
    for item in dict.fromkeys(map(str, manifest.get(items_key, []))):
        when = dates.get(item)
        day = undated if when is None else datetime.fromisoformat(str(when))
        grouped.setdefault(day, []).append(item)
    return grouped


def _insert(connection: Connection, model: type[m.Base], rows: list[dict[str, Any]]) -> None:
    """rows into model's table as Core's insert(model) would write them, by one executemany
    of the driver's own SQL: Core builds and converts a parameter set per row, which cost as
    much as SQLite's inserts at a million words. The values are converted by the same bind
    processors Core uses (story times as its DATETIME text), so the file is the same."""
    table = cast(Table, model.__table__)
    names = list(rows[0])
    if any(
        c.name not in rows[0] and (c.default is not None or c.server_default is not None)
        for c in table.columns
    ):
        connection.execute(insert(model), rows)  # Core fills in the defaults
        return
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(n) for n in names)}) VALUES ({', '.join('?' * len(names))})"
    )
    values = (
        list(map(itemgetter(*names), rows)) if len(names) > 1 else [(r[names[0]],) for r in rows]
    )
    processors = [
        (i, processor)
        for i, column in enumerate(table.c[n] for n in names)
        if (processor := column.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    if processors:
        converted = []
        for row in values:
            row = list(row)
            for i, processor in processors:
                row[i] = processor(row[i])
            converted.append(tuple(row))
        values = converted
    connection.exec_driver_sql(sql, values)


def _characters(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    columns = [col.name for col in m.CharacterRow.__table__.columns]
    rows = []
    for position, c in enumerate(manifest.get("characters", [])):
        fields = {name: c.get(name, "") for name in columns}
        fields.update(id=c["id"], position=position)
        rows.append(fields)
    return rows


def _aliases(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for c in manifest.get("characters", []):
        for position, a in enumerate(c.get("aliases", [])):
            row = {
                "id": a["id"],
                "character_id": c["id"],
                "position": position,
                "name": a["name"],
                "kind": AliasKind(a.get("kind", "cover identity")).value,
                "used_where": a.get("used_where", ""),
                "used_with": a.get("used_with", ""),
                "notes": a.get("notes", ""),
            }
            row.update(_story(story_columns(a.get("valid_from")), "from"))
            row.update(_story(story_columns(a.get("valid_until")), "until"))
            rows.append(row)
    return rows


def _story(columns: tuple[Any, ...], prefix: str) -> dict[str, Any]:
    return dict(
        zip([f"{prefix}_{n}" for n in ("text", "start", "end", "precision")], columns, strict=True)
    )


def _locations(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": loc["id"],
            "position": position,
            "name": loc["name"],
            "description": loc.get("description", ""),
            "notes": loc.get("notes", ""),
        }
        for position, loc in enumerate(manifest.get("locations", []))
    ]


def _threads(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": t["id"],
            "position": position,
            "name": t["name"],
            "kind": ThreadKind(t.get("kind", "subplot")).value,
            "colour": t.get("colour", ""),
            "status": ThreadStatus(t.get("status", "open")).value,
            "description": t.get("description", ""),
        }
        for position, t in enumerate(manifest.get("threads", []))
    ]


def _parts(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": p["id"],
            "title": p["title"],
            "position": position,
            "synopsis": p.get("synopsis", ""),
        }
        for position, p in enumerate(manifest.get("parts", []))
    ]


def _chapters(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    chapters = manifest.get("chapters", [])
    positions = _positions(chapters, "part_id")
    return [
        {
            "id": c["id"],
            "part_id": c.get("part_id"),
            "title": c["title"],
            "position": positions[int(c["id"])],
            "synopsis": c.get("synopsis", ""),
        }
        for c in chapters
    ]


_SCENE_STATUSES = frozenset(status.value for status in SceneStatus)


def _scene_status(value: Any) -> str:
    """A scene's status as stored (SceneStatus refuses anything else)."""
    if isinstance(value, str) and value in _SCENE_STATUSES:
        return value
    return SceneStatus(value).value


def _scenes(scenes: list[dict[str, Any]], bodies: dict[int, str]) -> list[dict[str, Any]]:
    positions = _positions(scenes, "chapter_id")
    texts = [bodies[int(s["id"])] for s in scenes]
    rows = []
    # All scenes' words counted at once: count_words' numbers, a few passes over the book
    # instead of some ten over each scene (a 1M-word bundle: ~50 ms -> ~15 ms).
    for s, body, words in zip(scenes, texts, word_counts(texts), strict=True):
        labels = s.get("labels", [])
        row = {
            "id": s["id"],
            "chapter_id": s["chapter_id"],
            "title": s["title"],
            "position": positions[int(s["id"])],
            "body": body,
            "word_count": words,
            "synopsis": s.get("synopsis", ""),
            "notes": s.get("notes", ""),
            "status": _scene_status(s.get("status", "draft")),
            "pov_id": s.get("pov_id"),
            "location_id": s.get("location_id"),
            "word_target": s.get("word_target"),
            "labels_json": "[]" if labels == [] else json.dumps(list(labels)),
        }
        row.update(_story(story_columns(s.get("story_time")), "story"))
        rows.append(row)
    return rows


def _scene_links(
    manifest: dict[str, Any], scenes: list[dict[str, Any]]
) -> list[tuple[type[m.Base], list[dict[str, Any]]]]:
    notes = {
        (n["scene_id"], n["thread_id"]): n["note"] for n in manifest.get("scene_thread_notes", [])
    }
    characters = [
        {"scene_id": s["id"], "character_id": c}
        for s in scenes
        for c in dict.fromkeys(s.get("character_ids", []))
    ]
    threads = [
        {"scene_id": s["id"], "thread_id": t, "note": notes.get((s["id"], t), "")}
        for s in scenes
        for t in dict.fromkeys(s.get("thread_ids", []))
    ]
    return [(m.SceneCharacterRow, characters), (m.SceneThreadRow, threads)]


def _event(e: dict[str, Any]) -> dict[str, Any]:
    row = {
        "id": e["id"],
        "title": e["title"],
        "kind": EventKind(e.get("kind", "event")).value,
        "description": e.get("description", ""),
    }
    row.update(_story(story_columns(e.get("story_time")), "story"))
    return row


def _event_links(events: list[dict[str, Any]]) -> list[tuple[type[m.Base], list[dict[str, Any]]]]:
    links: list[tuple[type[m.Base], str, str]] = [
        (m.EventSceneRow, "scene_ids", "scene_id"),
        (m.EventCharacterRow, "character_ids", "character_id"),
        (m.EventLocationRow, "location_ids", "location_id"),
    ]
    return [
        (model, [{"event_id": e["id"], column: v} for e in events for v in e.get(key, [])])
        for model, key, column in links
    ]


def _anchored(item: dict[str, Any]) -> bool:
    return item.get("anchor_scene_id") is not None or item.get("anchor_event_id") is not None


def _anchor(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": item["id"],
        "anchor_scene_id": item.get("anchor_scene_id"),
        "anchor_event_id": item.get("anchor_event_id"),
        "anchor_offset": item.get("anchor_offset"),
    }
