"""Nothing lost, through the project: import each real manuscript, export it, compare the words.

The export's scaffolding (title block, part headings, "Chapter N" lines and their titles, scene
separators, "THE END") is taken out by reading the project's own binder, never by guessing from
the text; what is left must be the source's body words, in order (front matter included: the
export prints it after the title block).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from studio.core.domain import Binder
from studio.core.markup import MarkupStyle
from studio.core.text import words
from studio.export.plain_text import PlainTextOptions, render_plain_text
from studio.services.manuscript_import import (
    FRONT_MATTER_SETTING,
    ImportReport,
    import_manuscript_file,
)
from studio.services.project import open_project
from studio.storage.models import Base
from tests.importers.wordcheck import expected_words, first_difference, scan

MANUSCRIPTS = [
    "novels/thirty-nine-steps.txt",
    "novels/pride-and-prejudice.txt",
    "novels/war-and-peace.txt",
    "stories/kirill-and-sophia.txt",
    "stories/harley-and-viktor.txt",
]
SEPARATOR = "#"


@dataclass(frozen=True)
class Imported:
    source: Path
    report: ImportReport
    binder: Binder
    title: str
    author: str
    export: str
    characters: tuple[str, ...]
    front_matter: str


Load = Callable[[str], Imported]


@pytest.fixture(scope="module")
def imported(manuscripts_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Load:
    """Each manuscript imported and exported once for the module (War and Peace: ~2 s)."""
    folder = tmp_path_factory.mktemp("imported")
    done: dict[str, Imported] = {}

    def load(name: str) -> Imported:
        if name not in done:
            done[name] = _import_and_export(manuscripts_dir / name, folder)
        return done[name]

    return load


def _import_and_export(source: Path, folder: Path) -> Imported:
    target = folder / f"{source.stem}.safehouse"
    report = import_manuscript_file(source, target)
    options = PlainTextOptions(markup=MarkupStyle.STRIP, separator=SEPARATOR)
    with open_project(target, read_only=True) as project:
        info = project.manuscript.info()
        return Imported(
            source=source,
            report=report,
            binder=project.manuscript.binder(),
            title=info.title,
            author=info.author,
            export=render_plain_text(project, options),
            characters=tuple(c.display_name for c in project.bible.characters()),
            front_matter=str(project.manuscript.settings().get(FRONT_MATTER_SETTING, "")),
        )


def export_body_words(item: Imported) -> list[str]:
    """The export's words with the scaffolding the binder says it printed taken out."""
    lines = item.export.split("\n")
    lines = _without_title_block(lines, item)
    while lines and not lines[-1].strip():
        lines.pop()
    assert lines[-1] == "THE END"
    lines.pop()
    expected = list(_scaffold(item.binder))
    separators = sum(
        max(0, sum(1 for s in c.scenes if s.word_count) - 1) for c in item.binder.chapters()
    )
    body: list[str] = []
    seen_separators = 0
    for line in lines:
        if expected and line == expected[0]:
            expected.pop(0)
        elif line == SEPARATOR:
            seen_separators += 1
        else:
            body.extend(words(_unmarked(line)))
    assert expected == [], f"headings not found in order: {expected[:3]}"
    assert seen_separators == separators
    return body


def _unmarked(line: str) -> str:
    """As the word check reads the source: asterisks and underscores are not part of words
    (a footnote mark "Proverbe:*" is kept by the import, and by the export, as it stands)."""
    return line.replace("*", "").replace("_", "")


def _without_title_block(lines: list[str], item: Imported) -> list[str]:
    head = [item.title.upper()] + ([f"by {item.author}"] if item.author else [])
    assert lines[: len(head)] == head
    assert lines[len(head)].startswith("about ") and lines[len(head)].endswith(" words")
    return lines[len(head) + 1 :]


def _scaffold(binder: Binder) -> Iterator[str]:
    """The heading lines the export prints, in order: part titles, "Chapter N" and titles."""
    number = 0
    for group in binder.parts:
        if group.part is not None and group.chapters:
            yield group.part.title.upper()
        for chapter in group.chapters:
            number += 1
            yield f"Chapter {number}"
            if chapter.chapter.title and chapter.chapter.title != f"Chapter {number}":
                yield chapter.chapter.title


@pytest.mark.parametrize("name", MANUSCRIPTS)
def test_the_export_has_every_body_word_in_order(imported: Load, name: str) -> None:
    item = imported(name)
    expected = expected_words(item.source, scan(item.source))
    found = export_body_words(item)
    assert found == expected, first_difference(expected, found)
    scene_words = len(expected) - len(words(_unmarked(item.front_matter)))
    assert item.report.words == item.binder.word_count == scene_words


def test_thirty_nine_steps_has_ten_titled_chapters(imported: Load) -> None:
    item = imported("novels/thirty-nine-steps.txt")
    chapters = item.binder.chapters()
    assert len(chapters) == 10
    assert chapters[0].chapter.title == "The Man Who Died"
    assert chapters[-1].chapter.title == "Various Parties Converging on the Sea"
    assert [group.part for group in item.binder.parts] == [None]
    assert (item.report.parts, item.report.chapters) == (0, 10)


def test_pride_and_prejudice_has_61_chapters(imported: Load) -> None:
    item = imported("novels/pride-and-prejudice.txt")
    assert len(item.binder.chapters()) == 61
    assert item.report.chapters == 61
    assert {"Darcy", "Bingley", "Wickham"} <= set(item.characters)


def test_war_and_peace_has_17_parts_and_365_chapters(imported: Load) -> None:
    item = imported("novels/war-and-peace.txt")
    parts = [group.part for group in item.binder.parts if group.part is not None]
    assert len(parts) == 17
    assert [p.title for p in parts][:1] == ["Book One: 1805"]
    assert [p.title for p in parts][15:] == ["First Epilogue: 1813 - 20", "Second Epilogue"]
    assert len(item.binder.chapters()) == 365
    assert (item.report.parts, item.report.chapters) == (17, 365)
    assert len(item.characters) == 25
    assert not {"I’ll", "Rostóvs", "Russians"} & set(item.characters)


@pytest.mark.parametrize(
    ("name", "people"),
    [
        ("stories/kirill-and-sophia.txt", {"Kirill Ivanovich Kalnina"}),
        ("stories/harley-and-viktor.txt", {"Harley Kalmurzaeva", "Viktor"}),
    ],
)
def test_each_story_is_one_scene(imported: Load, name: str, people: set[str]) -> None:
    item = imported(name)
    chapters = item.binder.chapters()
    assert len(chapters) == 1
    assert len(chapters[0].scenes) == 1
    assert item.report.scenes == 1
    assert people <= set(item.characters)


def test_rows_written_have_the_defaults_the_services_give(imported: Load) -> None:
    # The import writes plain tuples: every column left out must hold its model default, as
    # a row added through the services would, never NULL.
    item = imported("stories/kirill-and-sophia.txt")
    connection = sqlite3.connect(item.report.project_path)
    try:
        for table in ("part", "chapter", "scene", "character"):
            for column in Base.metadata.tables[table].columns:
                if column.default is None:
                    continue
                nulls = connection.execute(
                    f"SELECT count(*) FROM {table} WHERE {column.name} IS NULL"
                ).fetchone()[0]
                assert nulls == 0, f"{table}.{column.name}"
        characters = connection.execute("SELECT role, notes, colour FROM character").fetchall()
        assert characters and set(characters) == {("", "", "")}
        scenes = connection.execute("SELECT status, labels_json, synopsis FROM scene").fetchall()
        assert scenes == [("draft", "[]", "")]
    finally:
        connection.close()
