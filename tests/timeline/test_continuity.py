"""Continuity warnings: a clean book gives none; each planted conflict gives exactly one."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from studio.core.errors import ValidationError
from studio.services.continuity import (
    UNTOUCHED_SETTING,
    Check,
    ContinuityService,
    ContinuityWarning,
    check_continuity,
    format_warnings,
)
from studio.services.project import Project, create_project, open_project


@dataclass
class Book:
    project: Project
    anna: int
    marc: int
    lisbon: int
    berlin: int
    operation: int
    scenes: list[int]


def _write_book(project: Project) -> Book:
    """Four chapters of one scene each, all consistent: Anna and Marc in Lisbon, June 2019."""
    bible, manuscript = project.bible, project.manuscript
    anna = bible.add_character("Anna").id
    marc = bible.add_character("Marc").id
    lisbon = bible.add_location("Lisbon").id
    berlin = bible.add_location("Berlin").id
    operation = bible.add_thread("The drop", "espionage").id
    bible.add_alias(anna, "Clara", valid_from="2018", valid_until="2020")
    project.events.add_event(
        "Marc comes to Lisbon", "first appearance", story_time="1 June 2019", character_ids=[marc]
    )
    scenes = []
    times = ["2019-06-14 21:30", "15 June 2019", "16 June 2019", "17 June 2019"]
    for number, time in enumerate(times):
        chapter = manuscript.add_chapter(f"Chapter {number + 1}").id
        scene = manuscript.add_scene(chapter, f"Scene {number + 1}", body="Clara waits.").id
        manuscript.update_scene(scene, story_time=time, pov_id=anna, location_id=lisbon)
        manuscript.set_scene_characters(scene, [anna, marc])
        manuscript.set_scene_threads(scene, [operation])
        scenes.append(scene)
    return Book(project, anna, marc, lisbon, berlin, operation, scenes)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Book]:
    """The book is written once (each write is a durable commit) and copied for each test."""
    path = tmp_path_factory.mktemp("continuity") / "template.safehouse"
    with create_project(path, title="Template") as project:
        book = _write_book(project)
    return path, book


@pytest.fixture
def book(template: tuple[Path, Book], tmp_path: Path) -> Iterator[Book]:
    path, written = template
    copy = tmp_path / "book.safehouse"
    shutil.copyfile(path, copy)
    with open_project(copy) as project:
        yield replace(written, project=project)


def _only(project: Project) -> ContinuityWarning:
    warnings = check_continuity(project)
    assert len(warnings) == 1, [w.message for w in warnings]
    return warnings[0]


def test_a_consistent_book_has_no_warnings(book: Book) -> None:
    assert check_continuity(book.project) == []
    assert format_warnings([], "book") == "book: no continuity warnings"


def test_two_places_at_once(book: Book) -> None:
    manuscript = book.project.manuscript
    berlin_scene = manuscript.add_scene(
        manuscript.binder().chapters()[0].chapter.id, "Berlin call", position=0
    )
    manuscript.update_scene(
        berlin_scene.id, story_time="14 June 2019", pov_id=book.anna, location_id=book.berlin
    )
    manuscript.set_scene_characters(berlin_scene.id, [book.anna])
    manuscript.set_scene_threads(berlin_scene.id, [book.operation])
    warning = _only(book.project)
    assert warning.check is Check.TWO_PLACES
    assert set(warning.scene_ids) == {berlin_scene.id, book.scenes[0]}
    assert warning.message == (
        "Anna is in two places at once: 'Berlin call' (Berlin, 14 June 2019) and "
        "'Scene 1' (Lisbon, 2019-06-14 21:30)."
    )


def test_vague_times_are_not_two_places(book: Book) -> None:
    book.project.manuscript.update_scene(
        book.scenes[1], story_time="June 2019", location_id=book.berlin
    )
    assert check_continuity(book.project) == []


def test_pov_not_present(book: Book) -> None:
    book.project.manuscript.set_scene_characters(book.scenes[2], [book.marc])
    warning = _only(book.project)
    assert (warning.check, warning.scene_ids) == (Check.POV_ABSENT, (book.scenes[2],))
    assert "Anna" in warning.message and "'Scene 3'" in warning.message


def test_before_first_appearance(book: Book) -> None:
    book.project.manuscript.update_scene(book.scenes[1], story_time="May 2019")
    warning = _only(book.project)
    assert (warning.check, warning.scene_ids) == (Check.BEFORE_FIRST_APPEARANCE, (book.scenes[1],))
    assert warning.message.startswith("Marc is in 'Scene 2' (May 2019) before first appearing")


def test_after_death(book: Book) -> None:
    book.project.events.add_event(
        "Marc is shot", "death", story_time="16 June 2019 ", character_ids=[book.marc]
    )
    warning = _only(book.project)
    assert (warning.check, warning.scene_ids) == (Check.AFTER_EXIT, (book.scenes[3],))
    assert "after their death ('Marc is shot', 16 June 2019)" in warning.message


def test_thread_untouched_for_more_than_n_chapters(book: Book) -> None:
    project = book.project
    service = ContinuityService(project.database)
    assert service.untouched_chapters() == 5
    service.set_untouched_chapters(1)
    assert project.manuscript.settings()[UNTOUCHED_SETTING] == 1
    project.manuscript.set_scene_threads(book.scenes[1], [])
    # One untouched chapter is allowed; two are not.
    assert check_continuity(project) == []
    project.manuscript.set_scene_threads(book.scenes[2], [])
    warning = _only(project)
    assert warning.check is Check.THREAD_UNTOUCHED
    assert warning.scene_ids == (book.scenes[0], book.scenes[3])
    assert warning.message == (
        "'The drop' is untouched for 2 chapters, between 'Scene 1' (chapter 1) and "
        "'Scene 4' (chapter 4)."
    )
    with pytest.raises(ValidationError):
        service.set_untouched_chapters(0)


def test_a_thread_no_scene_advances_yet_is_not_untouched(book: Book) -> None:
    """A new open thread is not "untouched" before it first appears (and does not break the
    check: it once raised a ValueError)."""
    book.project.bible.add_thread("The wedding", "romance")
    assert check_continuity(book.project) == []


def test_alias_used_outside_its_time(book: Book) -> None:
    manuscript = book.project.manuscript
    manuscript.update_scene(book.scenes[3], story_time="2021-03-01")
    manuscript.set_scene_body(book.scenes[2], "Nobody called her Clarabelle.")
    # Scene 4 now is in 2021, after the alias was given up; Marc's first appearance is fine.
    warning = _only(book.project)
    assert (warning.check, warning.scene_ids) == (Check.ALIAS_OUT_OF_TIME, (book.scenes[3],))
    assert warning.message == (
        "Anna's alias 'Clara' appears in 'Scene 4' (2021-03-01), after it was given up "
        "(until 2020)."
    )


def test_dismissed_warnings_stay_dismissed(book: Book) -> None:
    project = book.project
    project.manuscript.set_scene_characters(book.scenes[2], [book.marc])
    warning = _only(project)
    ContinuityService(project.database).dismiss(warning.key)
    assert check_continuity(project) == []
    path = project.path
    project.close()
    with open_project(path) as again:
        assert check_continuity(again) == []
        everything = check_continuity(again, include_dismissed=True)
        assert [(w.key, w.dismissed) for w in everything] == [(warning.key, True)]
        report = format_warnings(everything, "book")
        assert report.splitlines()[0] == "book: 1 continuity warning"
        assert report.splitlines()[1].startswith("  [pov-absent] 'Scene 3' is told from")
        assert report.endswith(f"(scenes {book.scenes[2]}) (dismissed)")
        ContinuityService(again.database).restore(warning.key)
        assert len(check_continuity(again)) == 1
