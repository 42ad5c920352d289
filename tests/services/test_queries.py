"""How many SQL statements a user-visible operation costs, counted on the project's engine, so
that a change that makes one ask SQLite again per row (or read the whole book) shows here.

The answers are checked too, against the project file read with plain sqlite3 and the binder.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from studio.core.errors import NotFoundError
from studio.importers.bundle import import_bundle
from studio.services.project import Project, open_project
from tests.benchmarks.generator import generate, write_bundle


@pytest.fixture(scope="module")
def book_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated 20k book, with its outline shuffled so that book order is not id order:
    a chapter outside any part, a second part put first, a scene moved to another chapter."""
    folder = tmp_path_factory.mktemp("book")
    write_bundle(generate("20k"), folder / "bundle")
    with import_bundle(folder / "bundle", folder / "book.safehouse") as project:
        m = project.manuscript
        chapters = m.binder().chapters()
        second = m.add_part("Part Zero", position=0)
        m.move_chapter(chapters[-1].chapter.id, second.id, 0)
        m.move_chapter(chapters[1].chapter.id, None, None)
        moved = chapters[0].scenes[0]
        m.move_scene(moved.id, chapters[-1].chapter.id, 0)
        m.set_scene_threads(moved.id, [])
    return folder / "book.safehouse"


@pytest.fixture
def project(book_file: Path, tmp_path: Path) -> Iterator[Project]:
    path = tmp_path / book_file.name
    shutil.copyfile(book_file, path)
    opened = open_project(path)
    yield opened
    opened.close()


@contextmanager
def counted(project: Project) -> Iterator[list[str]]:
    """The SQL statements run on the project's engine inside the block."""
    statements: list[str] = []

    def seen(*args: Any) -> None:
        statements.append(args[2])  # (connection, cursor, statement, parameters, ...)

    engine = project.database.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def _links(path: Path, table: str, column: str) -> dict[int, tuple[int, ...]]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(f"SELECT scene_id, {column} FROM {table}").fetchall()
    finally:
        connection.close()
    links: dict[int, list[int]] = {}
    for scene_id, other in rows:
        links.setdefault(scene_id, []).append(other)
    return {scene_id: tuple(sorted(ids)) for scene_id, ids in links.items()}


def test_opening_a_scene_is_one_query_with_everything_the_editor_shows(project: Project) -> None:
    present = _links(project.path, "scene_character", "character_id")
    threads = _links(project.path, "scene_thread", "thread_id")
    scenes = project.manuscript.binder().scenes()
    assert any(present.get(s.id) for s in scenes) and any(threads.get(s.id) for s in scenes)
    connection = sqlite3.connect(project.path)
    try:
        stored = dict(
            (row[0], row[1:]) for row in connection.execute("SELECT id, body, notes FROM scene")
        )
    finally:
        connection.close()
    for info in scenes:
        with counted(project) as statements:
            scene = project.manuscript.scene(info.id)
        assert len(statements) == 1, statements
        assert {f: getattr(scene, f) for f in info.__dataclass_fields__} == vars(info)
        assert (scene.body, scene.notes) == stored[info.id]
        assert scene.character_ids == present.get(info.id, ())
        assert scene.thread_ids == threads.get(info.id, ())


def test_a_scene_that_is_gone_is_named(project: Project) -> None:
    with pytest.raises(NotFoundError, match=r"That scene no longer exists \(id 99999\)"):
        project.manuscript.scene(99_999)


def test_a_characters_scenes_are_asked_of_sqlite_not_read_from_the_whole_outline(
    project: Project,
) -> None:
    present = _links(project.path, "scene_character", "character_id")
    outline = project.manuscript.binder().scenes()
    characters = project.bible.characters()
    seen_in_some = 0
    for character in characters:
        expected = [
            s for s in outline if s.pov_id == character.id or character.id in present.get(s.id, ())
        ]
        with counted(project) as statements:
            scenes = project.bible.scenes_with(character.id)
        # One to say the character exists, one for its scenes.
        assert len(statements) == 2, statements
        assert scenes == expected
        seen_in_some += bool(scenes)
    assert seen_in_some > len(characters) // 2
