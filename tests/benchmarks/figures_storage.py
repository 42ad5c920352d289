"""The project database's figures: create, open, export and autosave, each against sqlite3."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.benchmarks import plain
from tests.benchmarks.generator import project_rows
from tests.benchmarks.report import Figure, Target, timed
from tests.benchmarks.timing import Step, pair
from tests.benchmarks.workspace import Workspace

CREATE = Target(3)
OPEN = Target(5)
EXPORT = Target(3)
AUTOSAVE = Target(3)


def figures(ws: Workspace, size: str) -> list[Figure]:
    return [create(ws, size), open_binder(ws, size), export(ws, size), autosave(ws, size)]


def create(ws: Workspace, size: str) -> Figure:
    """A new project file holding the whole book: Safehouse's bundle import against the
    schema's DDL plus one executemany per table of the same rows, in one transaction."""
    from studio.importers.bundle import import_bundle

    bundle = ws.bundle(size)
    rows = project_rows(ws.book(size))
    schema = ws.schema
    paths: list[Path] = []

    def fresh() -> None:
        paths.append(ws.scratch("created.safehouse"))

    def ours() -> Any:
        return import_bundle(bundle, paths[-1])

    def reference() -> Any:
        connection = plain.connect(paths[-1])
        plain.create_and_fill(connection, schema, rows)
        return connection

    def closed(handle: Any) -> None:
        handle.close()
        paths[-1].unlink()

    value, ref = pair(Step(ours, fresh, closed), Step(reference, fresh, closed), ws.runs)
    return timed("create project", size, value, ref, CREATE, "bundle import vs DDL + executemany")


def open_binder(ws: Workspace, size: str) -> Figure:
    """Open the project until the binder is ready, against connect + one SELECT of the same
    outline metadata (scenes' fields but body and notes, with their chapters and parts)."""
    from studio.services.project import open_project

    path = ws.project(size)
    query = (
        "SELECT s.id, s.chapter_id, s.title, s.position, s.status, s.word_count, s.synopsis, "
        "s.pov_id, s.location_id, s.story_text, s.story_start, s.story_end, s.story_precision, "
        "s.word_target, s.labels_json, c.title, c.position, c.part_id, c.synopsis, p.title, "
        "p.position, p.synopsis " + plain.BOOK_ORDER
    )

    def ours() -> Any:
        project = open_project(path)
        project.manuscript.binder()
        return project

    def reference() -> Any:
        connection = plain.connect(path)
        connection.execute(query).fetchall()
        return connection

    def closed(handle: Any) -> None:
        handle.close()

    value, ref = pair(Step(ours, after=closed), Step(reference, after=closed), ws.runs)
    return timed("open until binder", size, value, ref, OPEN, "open_project + binder()")


def export(ws: Workspace, size: str) -> Figure:
    """Plain-text export against one SELECT of the bodies in book order written to a file
    (flushed to disk as export_plain_text does)."""
    from studio.export.plain_text import PlainTextOptions, export_plain_text
    from studio.services.project import open_project

    path = ws.project(size)
    target = ws.scratch("book.txt")
    reference_target = ws.scratch("reference.txt")
    query = "SELECT s.body " + plain.BOOK_ORDER
    with open_project(path, read_only=True) as project:
        connection = plain.connect(path)

        def ours() -> None:
            export_plain_text(project, target, PlainTextOptions())

        def reference() -> None:
            text = "\n\n".join(row[0] for row in connection.execute(query))
            with open(reference_target, "wb") as stream:
                stream.write(text.encode("utf-8"))
                stream.flush()
                os.fsync(stream.fileno())

        try:
            value, ref = pair(Step(ours), Step(reference), ws.runs)
        finally:
            connection.close()
    return timed("export plain text", size, value, ref, EXPORT)


def autosave(ws: Workspace, size: str) -> Figure:
    """Saving one edited scene (set_scene_body) against UPDATE + commit of the same row, both
    with WAL and synchronous=FULL."""
    from studio.core.text import count_words
    from studio.services.project import open_project

    book = ws.book(size)
    body = next(s.body for n, s in enumerate(book.scenes()) if n == 1)
    edits = [body + " And then she left.", body + " And then he left."]
    counts = [count_words(e) for e in edits]
    ours_path, reference_path = ws.copy(size), ws.copy(size)
    with open_project(ours_path) as project:
        scene_id = project.manuscript.binder().scenes()[1].id
        connection = plain.connect(reference_path)
        turn = [0, 0]

        def ours() -> None:
            turn[0] ^= 1
            project.manuscript.set_scene_body(scene_id, edits[turn[0]])

        def reference() -> None:
            turn[1] ^= 1
            connection.execute(
                "UPDATE scene SET body = ?, word_count = ? WHERE id = ?",
                (edits[turn[1]], counts[turn[1]], scene_id),
            )
            connection.commit()

        try:
            value, ref = pair(Step(ours), Step(reference), max(ws.runs, 20))
        finally:
            connection.close()
    return timed(
        "autosave one scene", size, value, ref, AUTOSAVE, "WAL + synchronous=FULL on both sides"
    )
