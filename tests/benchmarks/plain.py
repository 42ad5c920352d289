"""The plain sqlite3 side of the references: the same file settings as Safehouse's own."""

from __future__ import annotations

import sqlite3
from pathlib import Path

BOOK_ORDER = (
    "FROM scene s JOIN chapter c ON s.chapter_id = c.id LEFT JOIN part p ON c.part_id = p.id "
    "ORDER BY coalesce(p.position, -1), c.position, s.position"
)


def connect(path: Path) -> sqlite3.Connection:
    """A connection set up as studio.storage.database sets up its own: foreign keys on, the WAL
    journal and synchronous=FULL (so a commit is as durable, and costs the same fsyncs)."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    return connection


def create_and_fill(
    connection: sqlite3.Connection,
    schema: list[str],
    rows: dict[str, tuple[list[str], list[tuple[object, ...]]]],
) -> None:
    """The reference's own work: the same DDL, then one executemany per table, one commit."""
    for statement in schema:
        connection.execute(statement)
    for table, (columns, values) in rows.items():
        marks = ", ".join("?" * len(columns))
        connection.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values
        )
    connection.commit()
