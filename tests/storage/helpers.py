"""Helpers for tests that look at project files from the outside."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

from studio.services.project import create_project
from studio.storage.models import ChapterRow, SceneRow

SIDE_FILES = ("-wal", "-shm", ".lock", "-journal")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path) -> list[Path]:
    """The journal, shared-memory and lock files beside a project that exist now."""
    return [p for s in SIDE_FILES if (p := path.with_name(path.name + s)).exists()]


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of one query on a closed file, read without Safehouse.

    A plain connection, not a read-only one: read-only connections leave -wal and -shm files
    behind, which the tests look for.
    """
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def execute(path: Path, *statements: str) -> None:
    """Change the file behind Safehouse's back, as another program (or a bug) would."""
    connection = sqlite3.connect(path)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


BODY = " ".join(["The courier waited by the fountain and counted the pigeons twice."] * 20)


def make_damaged_project(path: Path, scenes: int = 300) -> None:
    """A real project of a few hundred scenes with garbage written over pages in its middle."""
    with create_project(path, title="Damaged") as project, project.database.write() as session:
        chapters = [ChapterRow(title=f"Chapter {n}", position=n) for n in range(10)]
        session.add_all(chapters)
        session.flush()
        session.add_all(
            SceneRow(
                chapter_id=chapters[n % 10].id,
                title=f"Scene {n}",
                position=n // 10,
                body=BODY,
                word_count=220,
                labels_json="[]",
            )
            for n in range(scenes)
        )
    size = path.stat().st_size
    assert size > 100 * 4096, "the project should span many pages"
    middle = size // 2 - (size // 2) % 4096
    with open(path, "r+b") as handle:
        handle.seek(middle)
        handle.write(random.Random(2019).randbytes(4 * 4096))


def make_foreign_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO recipes (name) VALUES ('Pastéis de nata')")
    connection.commit()
    connection.close()
