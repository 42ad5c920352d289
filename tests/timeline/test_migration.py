"""Migration 0003: anchors and dismissed warnings added without losing a link row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event

from studio.services.project import open_project
from studio.storage import schema
from studio.storage.models import Base


def _engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")

    def foreign_keys_on(connection: sqlite3.Connection, _record: object) -> None:
        connection.execute("PRAGMA foreign_keys=ON")

    event.listen(engine, "connect", foreign_keys_on)
    return engine


_ROWS = """
INSERT INTO project VALUES (1, 'Old', '', 'en_US', '{}', '2024-01-01 00:00:00');
INSERT INTO chapter VALUES (1, NULL, 'One', 0, '');
INSERT INTO character (id, position, display_name, given_name, patronymic, family_name, role,
    allegiance, description, backstory, goal, notes, portrait, colour)
    VALUES (1, 0, 'Anna', '', '', '', '', '', '', '', '', '', '', '');
INSERT INTO location VALUES (1, 0, 'Lisbon', '', '');
INSERT INTO plot_thread VALUES (1, 0, 'The drop', 'espionage', '', 'open', '');
INSERT INTO scene (id, chapter_id, title, position, body, word_count, synopsis, notes, status,
    labels_json, story_text, story_start, story_end, story_precision)
    VALUES (1, 1, 'Arrival', 0, 'She came.', 2, '', '', 'draft', '[]', 'June 2019',
    '2019-06-01 00:00:00.000000', '2019-06-30 23:59:59.000000', 'month');
INSERT INTO timeline_event (id, title, kind, description) VALUES (1, 'Macau', 'event', '');
INSERT INTO scene_character VALUES (1, 1);
INSERT INTO scene_thread VALUES (1, 1, 'the drop is set');
INSERT INTO event_scene VALUES (1, 1);
INSERT INTO event_character VALUES (1, 1);
INSERT INTO event_location VALUES (1, 1);
"""
_LINKS = ("scene_character", "scene_thread", "event_scene", "event_character", "event_location")


def _old_project(path: Path) -> None:
    engine = _engine(path)
    with engine.begin() as connection:
        schema.upgrade(connection, "0002")
    engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.executescript(_ROWS)
    connection.close()


def test_head_revision_is_the_newest_migration() -> None:
    assert schema.HEAD_REVISION == "0003" == schema.known_revisions()[-1]


def test_upgrade_keeps_every_link_row_and_matches_the_models(tmp_path: Path) -> None:
    path = tmp_path / "old.safehouse"
    _old_project(path)
    with sqlite3.connect(path) as connection:
        before = {t: connection.execute(f"SELECT * FROM {t}").fetchall() for t in _LINKS}
    connection.close()
    with open_project(path) as project:
        assert project.backup_made is not None
        assert project.manuscript.scene(1).character_ids == (1,)
        assert project.timeline.grid().note(1, 1) == "the drop is set"
        with project.database.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    with sqlite3.connect(path) as connection:
        after = {t: connection.execute(f"SELECT * FROM {t}").fetchall() for t in _LINKS}
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("SELECT count(*) FROM dismissed_warning").fetchone() == (0,)
    connection.close()
    assert after == before
    assert all(before.values())
