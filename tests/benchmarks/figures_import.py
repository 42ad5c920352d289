"""Importing a novel (issue 4): `studio import` of War and Peace into a new project, against
reading and decoding the file plus the schema's DDL and one executemany per table of the same
rows (the rows the import wrote, read back once beforehand)."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path
from typing import Any

from tests.benchmarks import plain
from tests.benchmarks.report import Figure, Target, timed, unavailable, untargeted
from tests.benchmarks.timing import Step, pair
from tests.benchmarks.workspace import Workspace

IMPORT = Target(3)
WITHOUT_CAST = "import novel, no cast"
TABLES = ("project", "part", "chapter", "scene", "character")


def _rows(path: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    connection = sqlite3.connect(path)
    try:
        rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
        for table in TABLES:
            cursor = connection.execute(f"SELECT * FROM {table}")
            rows[table] = ([d[0] for d in cursor.description], cursor.fetchall())
        return rows
    finally:
        connection.close()


def figures(ws: Workspace) -> list[Figure]:
    name, size = "import novel", ws.novel.stem
    if importlib.util.find_spec("studio.services.manuscript_import") is None:
        why = "not yet available: studio/services/manuscript_import.py (issue 4)"
        return [unavailable(name, size, "ms", IMPORT, why)]
    from studio.services.manuscript_import import import_manuscript_file

    source = ws.novel
    first = ws.scratch("novel.safehouse")
    import_manuscript_file(source, first, characters="auto")
    rows = _rows(first)
    schema = ws.schema
    paths: list[Path] = []

    def fresh() -> None:
        paths.append(ws.scratch("novel.safehouse"))

    def ours() -> None:
        import_manuscript_file(source, paths[-1], characters="auto")

    def without_cast() -> None:
        import_manuscript_file(source, paths[-1], characters="none")

    def reference() -> None:
        source.read_bytes().decode("utf-8-sig")
        connection = plain.connect(paths[-1])
        plain.create_and_fill(connection, schema, rows)
        connection.close()

    def removed(_result: object) -> None:
        paths[-1].unlink()

    value, ref = pair(Step(ours, fresh, removed), Step(reference, fresh, removed), ws.runs)
    # The same import with the cast candidates not looked for (--characters none), against the
    # same reference: how much of the ratio is the structure and how much the cast.
    bare, bare_ref = pair(
        Step(without_cast, fresh, removed), Step(reference, fresh, removed), ws.runs
    )
    scenes = len(rows["scene"][1])
    note = f"{scenes:,} scenes; read_manuscript + write_outline vs read + decode + executemany"
    return [
        timed(name, size, value, ref, IMPORT, note),
        untargeted(
            WITHOUT_CAST,
            size,
            bare * 1000,
            bare_ref * 1000,
            "ms",
            "the same with --characters none: parts, chapters, scenes, no cast candidates",
        ),
    ]
