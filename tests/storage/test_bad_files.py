"""Files that are not (healthy) projects: a clear, typed error, and not one byte written."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from studio.core.errors import (
    DamagedProjectError,
    NotAProjectError,
    NotSQLiteError,
    ProjectFileError,
    ProjectNotFoundError,
)
from studio.services.project import open_project
from studio.storage.database import inspect_project_file
from tests.storage.helpers import make_damaged_project, make_foreign_sqlite, sha256


def make_text_file(path: Path) -> None:
    path.write_text("Chapter 1\n\nIt was a dark and stormy night.\n", encoding="utf-8")


def make_random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(8192))


def make_empty_file(path: Path) -> None:
    path.write_bytes(b"")


def make_project_table_without_version(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE project (id INTEGER PRIMARY KEY, title TEXT)")
    connection.commit()
    connection.close()


CASES: list[tuple[str, Callable[[Path], None], type[ProjectFileError], str]] = [
    ("text", make_text_file, NotSQLiteError, "not an SQLite database"),
    ("random", make_random_bytes, NotSQLiteError, "not an SQLite database"),
    ("empty", make_empty_file, NotSQLiteError, "not an SQLite database"),
    ("foreign", make_foreign_sqlite, NotAProjectError, "not a Safehouse project"),
    ("half", make_project_table_without_version, NotAProjectError, "not a Safehouse project"),
    ("damaged", make_damaged_project, DamagedProjectError, "is damaged"),
]


@pytest.mark.parametrize("read_only", [False, True], ids=["write", "read-only"])
@pytest.mark.parametrize(("name", "make", "error", "says"), CASES, ids=[c[0] for c in CASES])
def test_a_bad_file_is_refused_and_left_exactly_as_it_was(
    tmp_path: Path,
    name: str,
    make: Callable[[Path], None],
    error: type[ProjectFileError],
    says: str,
    read_only: bool,
) -> None:
    path = tmp_path / f"{name}.safehouse"
    make(path)
    before = sha256(path)

    with pytest.raises(error) as caught:
        open_project(path, read_only=read_only)

    message = str(caught.value)
    assert says in message
    assert str(path) in message, "the message names the file"
    assert "\n" not in message
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name], "no -wal, -shm or lock"


def test_a_damaged_project_message_says_nothing_was_written(tmp_path: Path) -> None:
    path = tmp_path / "damaged.safehouse"
    make_damaged_project(path)
    with pytest.raises(DamagedProjectError) as caught:
        inspect_project_file(path)
    assert "nothing was written" in str(caught.value)
    assert "backup" in str(caught.value)


@pytest.mark.parametrize("read_only", [False, True], ids=["write", "read-only"])
def test_a_missing_path_is_not_found_and_nothing_is_created(
    tmp_path: Path, read_only: bool
) -> None:
    path = tmp_path / "missing.safehouse"
    with pytest.raises(ProjectNotFoundError, match="No project at") as caught:
        open_project(path, read_only=read_only)
    assert str(path) in str(caught.value)
    assert "studio new" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_project(tmp_path: Path) -> None:
    folder = tmp_path / "novel.safehouse"
    folder.mkdir()
    with pytest.raises(NotAProjectError, match="is a folder"):
        open_project(folder)
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["novel.safehouse"]
