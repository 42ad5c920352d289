"""Older files are upgraded after a copy is put aside; newer files are refused untouched."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from studio.core.errors import NewerVersionError, ProjectFileError
from studio.services.project import create_project, open_project
from studio.storage import schema
from studio.storage.models import Base
from tests.storage.helpers import execute, query, sha256, side_files

FIRST = "0001"


def _file_at_first_revision(path: Path) -> None:
    """A project as the first version of Safehouse left it: schema 0001, WAL, some writing."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
            schema.upgrade(connection, FIRST)
    finally:
        engine.dispose()
    created = datetime(2024, 3, 1, 9, 30).isoformat(" ")
    execute(
        path,
        "INSERT INTO project (id, title, author, language, settings_json, created_at) "
        f"VALUES (1, 'The Lisbon Drop', 'A. Writer', 'en_GB', '{{}}', '{created}')",
        "INSERT INTO chapter (id, part_id, title, position, synopsis) "
        "VALUES (1, NULL, 'The Eve of Saint Anthony', 0, 'Basil pots.')",
        "INSERT INTO scene (id, chapter_id, title, position, body, word_count, synopsis, notes, "
        "status, labels_json) VALUES (1, 1, 'The Wine Buyer', 0, "
        "'The basil pots came out on the Wednesday.', 8, 'Katya meets Tom.', "
        "'Check the tram.', 'revised', '[\"opening\"]')",
        "INSERT INTO character (id, position, display_name, given_name, patronymic, family_name, "
        "role, allegiance, description, backstory, goal, notes, portrait, colour) "
        "VALUES (1, 0, 'Katya', '', '', '', 'protagonist', '', '', '', '', '', '', '')",
        "INSERT INTO alias (id, character_id, position, name, kind, used_where, used_with, notes) "
        "VALUES (1, 1, 0, 'Anna Kessler', 'cover identity', 'Lisbon', '', '')",
        "INSERT INTO location (id, position, name, description, notes) "
        "VALUES (1, 0, 'Alfama', '', '')",
        "INSERT INTO plot_thread (id, position, name, kind, colour, status, description) "
        "VALUES (1, 0, 'The drop', 'espionage', '', 'open', '')",
        "UPDATE scene SET pov_id = 1, location_id = 1 WHERE id = 1",
        "INSERT INTO scene_character (scene_id, character_id) VALUES (1, 1)",
        "INSERT INTO scene_thread (scene_id, thread_id, note) VALUES (1, 1, 'The phrase.')",
        "INSERT INTO timeline_event (id, title, kind, description) "
        "VALUES (1, 'Recognition', 'event', '')",
        "INSERT INTO event_scene (event_id, scene_id) VALUES (1, 1)",
        "INSERT INTO event_character (event_id, character_id) VALUES (1, 1)",
        "INSERT INTO event_location (event_id, location_id) VALUES (1, 1)",
    )


def test_a_file_at_the_first_revision_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.safehouse"
    _file_at_first_revision(path)
    assert query(path, "SELECT version_num FROM alembic_version") == [(FIRST,)]
    original = sha256(path)

    with open_project(path) as project:
        backup = project.backup_made
        assert backup is not None
        assert backup.parent == path.parent
        assert FIRST in backup.name
        info = project.manuscript.info()
        assert (info.title, info.author, info.language) == ("The Lisbon Drop", "A. Writer", "en_GB")
        [chapter] = project.manuscript.binder().chapters()
        assert (chapter.chapter.title, chapter.chapter.synopsis) == (
            "The Eve of Saint Anthony",
            "Basil pots.",
        )
        scene = project.manuscript.scene(chapter.scenes[0].id)
        assert scene.title == "The Wine Buyer"
        assert scene.body == "The basil pots came out on the Wednesday."
        assert (scene.synopsis, scene.notes, scene.status.value) == (
            "Katya meets Tom.",
            "Check the tram.",
            "revised",
        )
        assert scene.labels == ("opening",)
        # The links between rows survive the tables being rebuilt.
        assert (scene.pov_id, scene.location_id) == (1, 1)
        assert (scene.character_ids, scene.thread_ids) == ((1,), (1,))
        assert project.manuscript.thread_notes() == [(1, 1, "The phrase.")]
        [katya] = project.bible.characters()
        assert [a.name for a in katya.aliases] == ["Anna Kessler"]
        [event] = project.events.events()
        assert (event.scene_ids, event.character_ids, event.location_ids) == ((1,), (1,), (1,))
        # What later revisions added works on the upgraded file.
        project.dictionary.add("Shatrov")
        assert project.dictionary.words() == ["Shatrov"]
        with project.database.engine.connect() as connection:
            context = MigrationContext.configure(connection)
            assert compare_metadata(context, Base.metadata) == []

    assert query(path, "SELECT version_num FROM alembic_version") == [(schema.HEAD_REVISION,)]
    # The copy put aside is the original, still at its own revision and with its text.
    assert query(backup, "SELECT version_num FROM alembic_version") == [(FIRST,)]
    assert query(backup, "SELECT body FROM scene") == [
        ("The basil pots came out on the Wednesday.",)
    ]
    assert sha256(path) != original
    assert side_files(path) == []


def test_an_older_file_opened_read_only_asks_to_be_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "old.safehouse"
    _file_at_first_revision(path)
    before = sha256(path)
    with pytest.raises(ProjectFileError, match="older version") as caught:
        open_project(path, read_only=True)
    assert "open it for writing" in str(caught.value)
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.safehouse"]


@pytest.mark.parametrize("read_only", [False, True])
def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path: Path, read_only: bool) -> None:
    path = tmp_path / "future.safehouse"
    create_project(path, title="From the future").close()
    execute(path, "UPDATE alembic_version SET version_num = '9999'")
    before = sha256(path)

    with pytest.raises(NewerVersionError) as caught:
        open_project(path, read_only=read_only)

    message = str(caught.value)
    assert "newer version of Safehouse" in message
    assert "9999" in message
    assert str(path) in message
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.safehouse"]
