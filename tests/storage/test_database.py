"""A new project file: durable settings, schema made by the migrations, models that match it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from studio.core.errors import ProjectExistsError, ProjectFileError, ReadOnlyProjectError
from studio.services.project import Project, create_project, open_project
from studio.storage import schema
from studio.storage.models import Base
from tests.storage.helpers import query, side_files


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    created = create_project(tmp_path / "novel.safehouse", title="The Quiet Courier")
    yield created
    created.close()


def _pragma(project: Project, name: str) -> object:
    with project.database.engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_connections_are_durable_and_keep_references_whole(project: Project) -> None:
    assert _pragma(project, "foreign_keys") == 1
    assert _pragma(project, "journal_mode") == "wal"
    assert _pragma(project, "synchronous") == 2  # FULL: a returned commit survives power loss


def test_head_revision_is_the_migrations_head() -> None:
    assert schema.known_revisions()[-1] == schema.HEAD_REVISION
    assert schema.known_revisions()[0] == "0001"


def test_a_new_file_is_at_the_head_revision(project: Project) -> None:
    path = project.path
    project.close()
    assert query(path, "SELECT version_num FROM alembic_version") == [(schema.HEAD_REVISION,)]
    assert query(path, "SELECT title FROM project") == [("The Quiet Courier",)]


def test_the_models_and_the_migrated_schema_agree(project: Project) -> None:
    with project.database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_create_leaves_only_the_project_file_once_closed(project: Project) -> None:
    path = project.path
    project.close()
    assert sorted(p.name for p in path.parent.iterdir()) == ["novel.safehouse"]
    assert side_files(path) == []


def test_create_refuses_to_overwrite_a_file(project: Project) -> None:
    project.close()
    before = project.path.read_bytes()
    with pytest.raises(ProjectExistsError, match="already exists"):
        create_project(project.path, title="Another")
    assert project.path.read_bytes() == before


def test_create_in_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="does not exist"):
        create_project(tmp_path / "nowhere" / "novel.safehouse", title="Lost")
    assert not (tmp_path / "nowhere").exists()


def test_a_committed_edit_is_in_the_file_when_the_call_returns(project: Project) -> None:
    chapter = project.manuscript.add_chapter("Arrivals")
    scene = project.manuscript.add_scene(chapter.id, "Platform")
    project.manuscript.set_scene_body(scene.id, "The train was late.")
    # Another connection (as after a crash of this process) sees it without any close.
    with open_project(project.path, read_only=True) as reader:
        assert reader.manuscript.scene(scene.id).body == "The train was late."


def test_writes_in_a_read_only_project_are_refused(project: Project) -> None:
    chapter = project.manuscript.add_chapter("Arrivals")
    scene = project.manuscript.add_scene(chapter.id, "Platform", body="Kept.")
    path = project.path
    project.close()
    with open_project(path, read_only=True) as reader:
        assert reader.read_only
        attempts: list[Callable[[], object]] = [
            lambda: reader.manuscript.add_chapter("More"),
            lambda: reader.manuscript.set_scene_body(scene.id, "Lost?"),
            lambda: reader.manuscript.update_scene(scene.id, synopsis="x"),
            lambda: reader.bible.add_character("Katya"),
            lambda: reader.events.add_event("The drop"),
            lambda: reader.dictionary.add("Shatrov"),
        ]
        for attempt in attempts:
            with pytest.raises(ReadOnlyProjectError, match="read-only"):
                attempt()
        assert reader.manuscript.scene(scene.id).body == "Kept."


def test_a_read_only_project_refuses_even_raw_writes(project: Project) -> None:
    chapter = project.manuscript.add_chapter("Arrivals")
    path = project.path
    project.close()
    with open_project(path, read_only=True) as reader:
        refused = pytest.raises(OperationalError, match="readonly")
        with refused, reader.database.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM chapter")
        assert [c.chapter.id for c in reader.manuscript.binder().chapters()] == [chapter.id]


def test_reading_leaves_no_files_beside_the_project(project: Project) -> None:
    path = project.path
    project.close()
    with open_project(path, read_only=True) as reader:
        reader.stats()
    assert side_files(path) == []
    # A reader and a writer at once, the writer closing first.
    reader = open_project(path, read_only=True)
    with open_project(path) as writer:
        writer.manuscript.add_chapter("Arrivals")
    assert reader.stats().chapters == 1
    reader.close()
    assert side_files(path) == []


ADD_PART = "INSERT INTO part (title, synopsis, position) VALUES ('One', '', 0)"


def test_a_project_filled_as_it_is_created_is_whole_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "imported.safehouse"

    def fill(connection: Connection) -> None:
        connection.exec_driver_sql(ADD_PART)

    create_project(path, title="Imported", fill=fill).close()
    assert side_files(path) == []
    with closing(sqlite3.connect(path)) as connection:  # no pragma set: what the file says
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT title FROM project").fetchall() == [("Imported",)]
        assert connection.execute("SELECT title, position FROM part").fetchall() == [("One", 0)]
    with open_project(path) as project:
        assert [p.part.title for p in project.manuscript.binder().parts if p.part] == ["One"]


def test_a_fill_that_fails_leaves_no_file(tmp_path: Path) -> None:
    def fill(connection: Connection) -> None:
        connection.exec_driver_sql(ADD_PART)
        raise RuntimeError("the import failed half way")

    with pytest.raises(RuntimeError):
        create_project(tmp_path / "imported.safehouse", title="Imported", fill=fill)
    assert list(tmp_path.iterdir()) == []
