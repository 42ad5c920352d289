"""Writing a manuscript read by studio.importers.manuscript into a new project file.

Nothing is written until the whole manuscript has been read; the project is built under a
temporary name by create_project, filled in the transaction that adds the project row, so a
failed import leaves nothing behind. Text before the first heading (title page, dedication,
preface) is kept as the project's front matter, which the plain-text export prints after the
title block.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select, update
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from studio.core.domain import SceneStatus
from studio.core.text import word_counts
from studio.importers.manuscript.outline import ManuscriptOutline
from studio.importers.manuscript.parse import read_manuscript
from studio.services.project import Project, create_project
from studio.storage.models import Base, ChapterRow, CharacterRow, PartRow, ProjectRow, SceneRow

Progress = Callable[[float], None]
FRONT_MATTER_SETTING = "front_matter"
AUTO_CAST_LIMIT = 25
AUTO_CAST_MINIMUM = 5


@dataclass(frozen=True)
class ImportReport:
    project_path: Path
    title: str
    parts: int
    chapters: int
    scenes: int
    words: int
    characters: tuple[str, ...]
    notices: tuple[str, ...]

    def lines(self) -> list[str]:
        lines = [
            f"Imported {self.title} into {self.project_path}: {_counted(self.parts, 'part')}, "
            f"{_counted(self.chapters, 'chapter')}, {_counted(self.scenes, 'scene')}, "
            f"{_counted(self.words, 'word')}."
        ]
        if self.characters:
            lines.append(f"Characters added to the bible: {', '.join(self.characters)}.")
        lines.extend(self.notices)
        return lines


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def auto_characters(outline: ManuscriptOutline) -> list[str]:
    """The candidates a writer would most likely tick: the most frequent recurring names."""
    frequent = [
        c for c in outline.candidates if c.count >= AUTO_CAST_MINIMUM and c.kind == "person"
    ]
    return [c.name for c in frequent[:AUTO_CAST_LIMIT]]


def write_outline(
    outline: ManuscriptOutline,
    target: Path,
    *,
    characters: Iterable[str] = (),
    progress: Progress | None = None,
) -> Project:
    """A new project at target holding the outline, with the named characters in the bible."""
    project, _rows_written = _write(outline, Path(target), list(characters), progress)
    return project


def _write(
    outline: ManuscriptOutline, target: Path, characters: list[str], progress: Progress | None
) -> tuple[Project, _Rows]:
    """The new project, its rows written with the project row (no file if anything fails)."""
    rows = _rows(outline, progress)
    cast_rows = _cast_rows(characters)

    def fill(connection: Connection) -> None:
        _insert(connection, rows, cast_rows)

    project = create_project(target, title=outline.title, author=outline.author, fill=fill)
    if progress is not None:
        progress(1.0)
    return project, rows


@dataclass(frozen=True)
class _Rows:
    """The rows of an outline, ready to insert, and the front matter."""

    parts: list[dict[str, Any]]
    chapters: list[dict[str, Any]]
    scenes: list[dict[str, Any]]
    front: str

    @property
    def words(self) -> int:
        return sum(scene["word_count"] for scene in self.scenes)


def _rows(outline: ManuscriptOutline, progress: Progress | None) -> _Rows:
    """Every row but the characters', each scene with its words counted."""
    parts: list[dict[str, Any]] = []
    chapters: list[dict[str, Any]] = []
    scenes: list[dict[str, Any]] = []
    chapter_id = scene_id = 0
    total = max(1, len(outline.chapters))
    for part_number, part in enumerate(p for p in outline.parts if p.title is not None):
        parts.append({"id": part_number + 1, "title": part.title, "position": part_number})
    part_ids = iter(range(1, len(parts) + 1))
    loose_position = 0
    for part in outline.parts:
        part_id = None if part.title is None else next(part_ids)
        for position, chapter in enumerate(part.chapters):
            chapter_id += 1
            if part_id is None:
                position, loose_position = loose_position, loose_position + 1
            chapters.append(
                {"id": chapter_id, "part_id": part_id, "title": chapter.title, "position": position}
            )
            for scene_position, scene in enumerate(chapter.scenes):
                scene_id += 1
                scenes.append(
                    _scene_row(scene_id, chapter_id, scene_position, scene.title, scene.body)
                )
            if progress is not None:
                progress(0.8 * chapter_id / total)
    # All scenes' words counted at once (count_words' numbers, in a few passes over the book).
    for row, words in zip(scenes, word_counts([row["body"] for row in scenes]), strict=True):
        row["word_count"] = words
    if progress is not None:
        progress(0.9)
    front = "\n\n".join(s.body for s in outline.front_matter if s.body.strip())
    return _Rows(parts, chapters, scenes, front)


def _cast_rows(characters: list[str]) -> list[dict[str, Any]]:
    return [{"display_name": name, "position": n} for n, name in enumerate(characters)]


def _insert(connection: Connection, rows: _Rows, cast_rows: list[dict[str, Any]]) -> None:
    """The rows (and the front matter), in the caller's transaction."""
    # One executemany of plain tuples per table: SQLAlchemy's executemany of dicts builds each
    # row's parameters in Python, a third of the insert's time.
    for model, table_rows in (
        (PartRow, rows.parts),
        (ChapterRow, rows.chapters),
        (SceneRow, rows.scenes),
        (CharacterRow, cast_rows),
    ):
        if table_rows:
            _insert_rows(connection, Base.metadata.tables[model.__tablename__], table_rows)
    if rows.front:
        _set_setting(connection, FRONT_MATTER_SETTING, rows.front)


def _insert_rows(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """rows into table, each column not given taking its default as an ORM insert would."""
    given = rows[0].keys()
    columns: list[str] = []
    defaults: list[Any] = []
    for column in table.columns:
        default = column.default
        if column.name in given:
            columns.append(column.name)
            defaults.append(None)
        elif isinstance(default, ScalarElementColumnDefault):
            columns.append(column.name)
            defaults.append(default.arg)
        elif default is not None:  # a default computed per row: not known here
            raise TypeError(f"{table.name}.{column.name}: only constant defaults are filled in")
    pairs = list(zip(columns, defaults, strict=True))
    values = [tuple(row.get(name, default) for name, default in pairs) for row in rows]
    names, marks = ", ".join(columns), ", ".join("?" * len(columns))
    connection.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", values)


def _set_setting(connection: Connection, key: str, value: object) -> None:
    """ManuscriptService.set_setting, inside the caller's transaction."""
    settings = json.loads(connection.execute(select(ProjectRow.settings_json)).scalar_one())
    settings[key] = value
    settings_json = json.dumps(settings, sort_keys=True)
    connection.execute(update(ProjectRow).values(settings_json=settings_json))


def _scene_row(
    scene_id: int, chapter_id: int, position: int, title: str, body: str
) -> dict[str, Any]:
    return {
        "id": scene_id,
        "chapter_id": chapter_id,
        "title": title,
        "position": position,
        "body": body,
        "word_count": 0,  # counted with the other scenes' (see _rows)
        "status": SceneStatus.DRAFT.value,
        "labels_json": "[]",
        "synopsis": "",
        "notes": "",
    }


def import_manuscript_file(
    source: Path,
    target: Path,
    *,
    characters: str = "auto",
    heading_pattern: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Read source (.txt, .md, .docx) and write it as a new project at target."""
    auto = characters == "auto"
    outline = read_manuscript(Path(source), heading_pattern, candidates=auto)
    cast = auto_characters(outline) if auto else []  # the cast is not looked for unless wanted
    project, rows = _write(outline, Path(target), cast, progress)
    project.close()
    # The counts of what was written (as the project's stats would read them back).
    return ImportReport(
        project_path=Path(target),
        title=outline.title,
        parts=len(rows.parts),
        chapters=len(rows.chapters),
        scenes=len(rows.scenes),
        words=rows.words,
        characters=tuple(cast),
        notices=outline.notices,
    )
