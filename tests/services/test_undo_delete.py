"""Deleting can be taken back: restore(delete(x)) gives back the very same database, for every
kind the binder deletes, on the sample project and on a generated benchmark book."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from studio.importers.bundle import import_bundle
from studio.services.continuity import ContinuityService
from studio.services.project import Project, open_project
from studio.services.removal import Removed, RestoreError
from studio.services.timeline_data import ItemRef
from tests.benchmarks.generator import generate, write_bundle

SAMPLE = Path(__file__).resolve().parents[2] / "projects" / "the-lisbon-drop"
KINDS = ("part", "chapter", "scene", "character", "location", "thread")

Dump = dict[str, list[tuple[Any, ...]]]


def dump(path: Path) -> Dump:
    """Every row of every table, as stored (raw values), in a stable order."""
    connection = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"'), key=repr) for name in names
        }
    finally:
        connection.close()


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with what it lacks for a full test: a part, anchors and a dismissed warning."""
    path = tmp_path_factory.mktemp("sample") / "sample.safehouse"
    with import_bundle(SAMPLE, path) as project:
        m = project.manuscript
        chapters = list(m.binder().chapters())
        part = m.add_part("Book One")
        for chapter in chapters[:2]:
            m.move_chapter(chapter.chapter.id, part.id, None)
        scenes = [ItemRef("scene", s.id) for s in m.binder().scenes()]
        event = ItemRef("event", project.events.events()[0].id)
        timeline = project.timeline
        timeline.set_anchor(scenes[1], scenes[2], "a day later")
        timeline.set_anchor(event, scenes[2], "an hour later")
        timeline.set_anchor(scenes[5], event, "a week later")
        ContinuityService(project.database).dismiss(f"pov-absent:{scenes[2].id}")
    return path


@pytest.fixture(scope="module")
def book_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("book")
    write_bundle(generate("20k"), folder / "bundle")
    import_bundle(folder / "bundle", folder / "book.safehouse").close()
    return folder / "book.safehouse"


@pytest.fixture
def copy_of(tmp_path: Path) -> Iterator[Callable[[Path], Project]]:
    opened: list[Project] = []

    def open_copy(template: Path) -> Project:
        path = tmp_path / template.name
        shutil.copyfile(template, path)
        opened.append(open_project(path))
        return opened[-1]

    yield open_copy
    for project in opened:
        project.close()


def _pick(project: Project, kind: str) -> int:
    """An item with siblings on both sides and as many links as the project has."""
    m, b = project.manuscript, project.bible
    binder = m.binder()
    if kind == "part":
        parts = [g.part for g in binder.parts if g.part is not None]
        return parts[len(parts) // 2].id
    if kind == "chapter":
        return list(binder.chapters())[1].chapter.id
    if kind == "scene":
        return list(binder.scenes())[2].id  # the anchor of a scene and an event, in an event
    if kind == "character":
        return max(b.characters(), key=lambda c: len(c.aliases)).id
    if kind == "location":
        return b.locations()[1].id
    return b.threads()[1].id


def _delete(project: Project, kind: str, item_id: int) -> Removed:
    m, b = project.manuscript, project.bible
    deleters: dict[str, Callable[[int], Removed]] = {
        "part": m.delete_part,
        "chapter": m.delete_chapter,
        "scene": m.delete_scene,
        "character": b.delete_character,
        "location": b.delete_location,
        "thread": b.delete_thread,
    }
    return deleters[kind](item_id)


def _restore(project: Project, removed: Removed) -> int:
    service = project.manuscript if removed.kind in ("part", "chapter", "scene") else project.bible
    return service.restore(removed).id


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("which", ["sample", "book"])
def test_restore_gives_back_the_same_database(
    kind: str, which: str, request: pytest.FixtureRequest, copy_of: Callable[[Path], Project]
) -> None:
    project = copy_of(request.getfixturevalue(f"{which}_file"))
    item_id = _pick(project, kind)
    before = dump(project.path)
    removed = _delete(project, kind, item_id)
    after_delete = dump(project.path)
    assert after_delete != before
    assert removed.kind == kind and removed.id == item_id and removed.title
    assert _restore(project, removed) == item_id
    assert dump(project.path) == before


def test_the_snapshot_holds_the_links_and_says_what_it_was(
    sample_file: Path, copy_of: Callable[[Path], Project]
) -> None:
    project = copy_of(sample_file)
    chapter = list(project.manuscript.binder().chapters())[1]
    removed = project.manuscript.delete_chapter(chapter.chapter.id)
    assert removed.scene_count == len(chapter.scenes)
    assert removed.word_count == sum(s.word_count for s in chapter.scenes)
    assert removed.label == f"chapter “{chapter.chapter.title}” ({len(chapter.scenes)} scenes)"
    assert {s[0] for s in removed.rows_of("scene")} == {s.id for s in chapter.scenes}
    assert removed.rows_of("scene_character")  # who was present goes with the scenes
    scene = project.manuscript.delete_scene(next(iter(project.manuscript.binder().scenes())).id)
    assert scene.label.startswith("scene “") and "(" not in scene.label


def test_several_deletes_undone_in_reverse_order(
    book_file: Path, copy_of: Callable[[Path], Project]
) -> None:
    project = copy_of(book_file)
    before = dump(project.path)
    m, b = project.manuscript, project.bible
    scenes = list(m.binder().scenes())
    steps = [
        m.delete_scene(scenes[7].id),
        b.delete_character(b.characters()[0].id),
        m.delete_chapter(scenes[7].chapter_id),  # the chapter the deleted scene was in
        b.delete_location(b.locations()[0].id),
        m.delete_part(next(g.part for g in m.binder().parts if g.part is not None).id),
    ]
    for removed in reversed(steps):
        _restore(project, removed)
    assert dump(project.path) == before


def test_a_scene_whose_chapter_is_gone_says_so_and_changes_nothing(
    sample_file: Path, copy_of: Callable[[Path], Project]
) -> None:
    project = copy_of(sample_file)
    m = project.manuscript
    scene = next(iter(m.binder().scenes()))
    removed = m.delete_scene(scene.id)
    m.delete_chapter(scene.chapter_id)
    before = dump(project.path)
    with pytest.raises(RestoreError, match="its chapter has been deleted"):
        m.restore(removed)
    assert dump(project.path) == before


def test_a_chapter_whose_part_is_gone_comes_back_outside_any_part(
    sample_file: Path, copy_of: Callable[[Path], Project]
) -> None:
    project = copy_of(sample_file)
    m = project.manuscript
    group = next(g for g in m.binder().parts if g.part is not None)
    chapter = group.chapters[0]
    removed = m.delete_chapter(chapter.chapter.id)
    assert group.part is not None
    m.delete_part(group.part.id)
    m.restore(removed)
    loose = next(g for g in m.binder().parts if g.part is None)
    assert loose.chapters[-1].chapter.id == chapter.chapter.id
    assert [s.id for s in loose.chapters[-1].scenes] == [s.id for s in chapter.scenes]
    positions = [c.chapter.position for c in loose.chapters]
    assert positions == list(range(len(positions)))


def test_links_to_things_deleted_since_are_left_out(
    sample_file: Path, copy_of: Callable[[Path], Project]
) -> None:
    project = copy_of(sample_file)
    m, b = project.manuscript, project.bible
    scene = next(s for s in m.binder().scenes() if s.pov_id is not None)
    full = m.scene(scene.id)
    removed = m.delete_scene(scene.id)
    assert scene.pov_id is not None
    b.delete_character(scene.pov_id)
    m.restore(removed)
    back = m.scene(scene.id)
    assert back.body == full.body and back.pov_id is None
    assert set(back.character_ids) == set(full.character_ids) - {scene.pov_id}


def test_an_id_taken_since_gives_the_item_a_new_one(
    sample_file: Path, copy_of: Callable[[Path], Project]
) -> None:
    project = copy_of(sample_file)
    m = project.manuscript
    last = max(m.binder().chapters(), key=lambda c: c.chapter.id)
    bodies = [m.scene(s.id).body for s in last.scenes]
    removed = m.delete_chapter(last.chapter.id)
    newcomer = m.add_chapter("Written since", last.chapter.part_id)
    assert newcomer.id == last.chapter.id  # SQLite gives the freed id to the next chapter
    new_id = m.restore(removed).id
    assert new_id != last.chapter.id
    chapters = {c.chapter.id: c for c in m.binder().chapters()}
    assert chapters[newcomer.id].chapter.title == "Written since"
    back = chapters[new_id]
    assert back.chapter.title == last.chapter.title
    assert [s.title for s in back.scenes] == [s.title for s in last.scenes]
    assert [m.scene(s.id).body for s in back.scenes] == bodies and any(bodies)


def test_an_order_changed_since_is_kept_and_the_item_follows_its_old_neighbour(
    sample_file: Path, copy_of: Callable[[Path], Project]
) -> None:
    project = copy_of(sample_file)
    m = project.manuscript
    group = next(g for g in m.binder().parts if g.part is not None)
    assert group.part is not None
    first, second = (c.chapter for c in group.chapters[:2])
    removed = m.delete_chapter(second.id)
    m.add_chapter("Written since", group.part.id, 0)
    m.restore(removed)
    part = next(g for g in m.binder().parts if g.part is not None)
    titles = [c.chapter.title for c in part.chapters]
    assert titles == ["Written since", first.title, second.title]
    assert [c.chapter.position for c in part.chapters] == [0, 1, 2]
