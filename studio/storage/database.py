"""Opening a project file: checked before anything is written, locked, upgraded when older.

One project is one SQLite file. Connections have foreign keys on, the WAL journal and
synchronous=FULL, so a commit that has returned survives a crash or a power cut.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, insert
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from studio.core.errors import (
    DamagedProjectError,
    NewerVersionError,
    NotAProjectError,
    NotSQLiteError,
    OlderVersionError,
    ProjectExistsError,
    ProjectFileError,
    ProjectNotFoundError,
    ReadOnlyProjectError,
)
from studio.storage import schema
from studio.storage.lock import ProjectLock
from studio.storage.models import ProjectRow

SQLITE_MAGIC = b"SQLite format 3\x00"
PROJECT_SUFFIX = ".safehouse"


def _read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing, not even a -wal or -shm file beside the project.

    A read-only connection to a WAL database creates the -wal and -shm files when they are
    missing and, unable to checkpoint, leaves them behind, so a refused file (newer, damaged)
    would gain two files. When neither exists no process has the file open, and it is read as
    immutable for the moment of the check or copy; otherwise the existing files are used.
    """
    resolved = path.resolve()
    in_use = any(resolved.with_name(resolved.name + s).exists() for s in ("-wal", "-shm"))
    mode = "mode=ro" if in_use else "mode=ro&immutable=1"
    return sqlite3.connect(f"{resolved.as_uri()}?{mode}", uri=True)


def inspect_project_file(path: Path) -> str:
    """The schema revision of the project at path, reading only; a typed error otherwise."""
    if not path.exists():
        raise ProjectNotFoundError(
            f"No project at {path}: check the path, or create one with `studio new`."
        )
    if not path.is_file():
        raise NotAProjectError(f"{path} is a folder, not a Safehouse project file.")
    with open(path, "rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise NotSQLiteError(
            f"{path} is not a Safehouse project: it is not an SQLite database file."
        )
    try:
        connection = _read_only_connection(path)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if not {"alembic_version", "project"} <= tables:
                raise NotAProjectError(
                    f"{path} is an SQLite database but not a Safehouse project; "
                    "open a .safehouse file."
                )
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            check = connection.execute("PRAGMA quick_check").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DamagedProjectError(
            f"{path} is damaged ({error}); nothing was written to it. "
            "Restore it from a backup or a bundle export."
        ) from error
    if check is None or check[0] != "ok":
        raise DamagedProjectError(
            f"{path} is damaged ({check[0] if check else 'no integrity report'}); nothing was "
            "written to it. Restore it from a backup or a bundle export."
        )
    if row is None:
        raise NotAProjectError(f"{path} has no schema version; it is not a Safehouse project.")
    return str(row[0])


def _configure_connection(read_only: bool, foreign_keys: bool) -> Any:
    def configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout=5000")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        else:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    return configure


def _engine(path: Path, read_only: bool, *, foreign_keys: bool = True) -> Engine:
    # A read-only project is opened with query_only rather than mode=ro: SQLite refuses every
    # write all the same, but the last connection to close can still remove the -wal and -shm
    # files, which a mode=ro connection creates and then leaves beside the project. Where the
    # file or its folder cannot be written to (read-only media), mode=ro is the only way in.
    resolved = path.resolve()
    writable = os.access(resolved, os.W_OK) and os.access(resolved.parent, os.W_OK)
    # URL objects, not strings: parsing a URL string costs more than the rest of the engine.
    if read_only and not writable:
        url = URL.create("sqlite", database=f"file:{resolved}", query={"mode": "ro", "uri": "true"})
    else:
        url = URL.create("sqlite", database=str(resolved))
    engine = create_engine(url)
    event.listen(engine, "connect", _configure_connection(read_only, foreign_keys))
    return engine


def backup_path_for(path: Path, revision: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.name}-backup-schema-{revision}-{stamp}")


def _copy_aside(path: Path, revision: str) -> Path:
    """A consistent copy of the project (WAL included) before its schema is changed."""
    target = backup_path_for(path, revision)
    source = _read_only_connection(path)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    return target


class ProjectDatabase:
    """An open project file: its engine, its lock, and sessions for the services."""

    def __init__(self, path: Path, engine: Engine, lock: ProjectLock | None) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.backup_made: Path | None = None

    @property
    def read_only(self) -> bool:
        return self._lock is None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work: committed (durably) when the block ends, rolled back on error."""
        self._check_writable()
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A Core connection in a transaction, as write() commits it, for the hot paths (the
        autosave) where an ORM session would cost more than the UPDATE and its commit."""
        self._check_writable()
        with self.engine.begin() as connection:
            yield connection

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyProjectError(
                f"{self.path.name} is open read-only; close it in the other window to edit it."
            )

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def open_database(path: Path, *, read_only: bool = False) -> ProjectDatabase:
    """Open the project at path; raise a typed error, having written nothing, when it cannot."""
    path = Path(path)
    lock = None if read_only else ProjectLock(path)
    revision = inspect_project_file(path)
    if lock is not None:
        lock.acquire()
    try:
        backup = _bring_up_to_date(path, revision, read_only)
        database = ProjectDatabase(path, _engine(path, read_only), lock)
        database.backup_made = backup
        return database
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def _bring_up_to_date(path: Path, revision: str, read_only: bool) -> Path | None:
    if revision == schema.HEAD_REVISION:
        return None
    if revision not in schema.known_revisions():
        raise NewerVersionError(
            f"{path} was saved by a newer version of Safehouse (schema {revision}); "
            "update Safehouse to open it. Nothing was changed."
        )
    if read_only:
        raise OlderVersionError(
            f"{path} was saved by an older version of Safehouse; open it for writing once "
            "so that it can be upgraded."
        )
    backup = _copy_aside(path, revision)
    _migrate(path)
    return backup


def _migrate(path: Path) -> None:
    """Run the migrations with foreign keys off, then check them.

    SQLite changes a table by copying it and dropping the old one; with foreign keys on, that
    drop would cascade and empty every table pointing at it (the scenes' characters, threads…).
    The pragma cannot change inside a transaction, so it is set per connection.
    """
    engine = _engine(path, read_only=False, foreign_keys=False)
    try:
        with engine.begin() as connection:
            schema.upgrade(connection)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise DamagedProjectError(
                    f"Upgrading {path} left {len(broken)} broken links between rows; the "
                    "upgrade was undone. Please report this, with the file."
                )
    finally:
        engine.dispose()


@lru_cache(maxsize=1)
def _empty_project_image() -> bytes:
    """A database holding only the schema, made by the migrations: built once per process.

    The migrations run into an in-memory database and its pages are kept, so each new project
    is a copy of those bytes rather than a replay of every migration (a fifth of a second).
    """
    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        with engine.begin() as connection:
            schema.upgrade(connection)
        raw = engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            return driver.serialize()
        finally:
            raw.close()
    finally:
        engine.dispose()


def create_database(
    path: Path,
    *,
    title: str,
    author: str = "",
    language: str = "en_US",
    fill: Callable[[Connection], None] | None = None,
) -> ProjectDatabase:
    """A new project file at path, its schema made by the migrations, opened for writing.

    fill, when given, writes the first rows (an import's) in the transaction that adds the
    project row; if it raises, nothing is left on disk.
    """
    path = Path(path)
    if path.exists():
        raise ProjectExistsError(f"{path} already exists; choose another file name.")
    if not path.parent.is_dir():
        raise ProjectFileError(f"Cannot create {path}: the folder {path.parent} does not exist.")
    # The whole file is made in memory and written once: a journal would write every page twice
    # (the WAL, then the checkpoint) with a sync each time, for a file nobody else can see yet.
    image = _new_project_image(path, title=title, author=author, language=language, fill=fill)
    # Built under a temporary name and renamed, so a half-made project never has the real name.
    partial = path.with_name(f".{path.name}.creating")
    partial.unlink(missing_ok=True)
    try:
        with open(partial, "xb") as stream:
            # In WAL mode: the two format bytes written over as they are sent, so that the
            # image (a book's worth of pages) is not copied once more to change them.
            stream.write(image[: _FORMAT_VERSIONS.start])
            stream.write(_WAL_FORMAT)
            stream.write(memoryview(image)[_FORMAT_VERSIONS.stop :])
            stream.flush()
            os.fsync(stream.fileno())  # the project is whole on disk before it gets its name
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ProjectFileError(f"Cannot create {path}: {error.strerror or error}.") from error
    partial.replace(path)
    return open_database(path)


# Bytes 18 and 19 of an SQLite file: the write and read format versions, 2 for a WAL database
# (https://www.sqlite.org/fileformat2.html#file_format_version_numbers). Setting them is what
# PRAGMA journal_mode=WAL writes to the file; an in-memory database cannot be put in WAL mode.
_FORMAT_VERSIONS = slice(18, 20)
_WAL_FORMAT = b"\x02\x02"


def _new_project_image(
    path: Path,
    *,
    title: str,
    author: str,
    language: str,
    fill: Callable[[Connection], None] | None,
) -> bytes:
    """The bytes of a new project file, the schema, the project row and fill's rows; the file is
    put in WAL mode by its two format bytes (see create_database)."""
    memory = sqlite3.connect(":memory:")
    try:
        memory.deserialize(_empty_project_image())
        engine = create_engine(URL.create("sqlite"), creator=lambda: memory, poolclass=StaticPool)
        event.listen(engine, "connect", _configure_connection(False, True))
        with engine.begin() as connection:
            try:
                connection.execute(
                    insert(ProjectRow).values(
                        title=title, author=author, language=language, created_at=_now()
                    )
                )
            except OperationalError as error:
                raise ProjectFileError(f"Cannot create {path}: {error.orig}") from error
            if fill is not None:
                fill(connection)
        # Before the engine is disposed of: disposing of a StaticPool closes its connection.
        image = memory.serialize()
        engine.dispose()
    finally:
        memory.close()
    return image


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)
