"""Story order against book order: flashback and flash-forward marks as a writer reads them."""

from __future__ import annotations

from studio.services.project import Project
from studio.services.story_order import StoryMark

from .conftest import scene_ref


def _book(project: Project, times: list[str | None]) -> list[int]:
    chapter = project.manuscript.add_chapter("One")
    ids = []
    for number, time in enumerate(times, start=1):
        scene = project.manuscript.add_scene(chapter.id, f"Scene {number}")
        if time is not None:
            project.manuscript.update_scene(scene.id, story_time=time)
        ids.append(scene.id)
    return ids


def _marks(project: Project) -> list[StoryMark]:
    return [entry.mark for entry in project.timeline.book_order()]


def test_a_flashback_and_the_return_to_the_main_line(project: Project) -> None:
    _book(project, ["2019-06-10", "2019-06-11", "spring 2014", "2014-05-02", "2019-06-12"])
    assert _marks(project) == [
        StoryMark.IN_ORDER,
        StoryMark.IN_ORDER,
        StoryMark.FLASHBACK,
        StoryMark.FLASHBACK,  # a flashback chapter is marked scene by scene
        StoryMark.IN_ORDER,  # back on the main line: no flash-forward
    ]


def test_an_early_flashback_does_not_make_the_opening_a_flash_forward(project: Project) -> None:
    _book(project, ["2019-06-10", "2014-05-02", "2019-06-12"])
    assert _marks(project) == [StoryMark.IN_ORDER, StoryMark.FLASHBACK, StoryMark.IN_ORDER]


def test_a_prologue_on_the_climax_is_a_flash_forward(project: Project) -> None:
    _book(project, ["2019-07-01 23:00", "2019-06-01", "2019-06-02", "2019-06-03"])
    assert _marks(project)[0] is StoryMark.FLASH_FORWARD
    assert set(_marks(project)[1:]) == {StoryMark.IN_ORDER}


def test_overlapping_times_and_missing_times(project: Project) -> None:
    _book(project, ["2019-06-14 21:30", "June 2019", None, "2019-06-15"])
    assert _marks(project) == [
        StoryMark.IN_ORDER,
        StoryMark.IN_ORDER,  # June 2019 overlaps the 14th: not earlier than it
        StoryMark.NO_TIME,
        StoryMark.IN_ORDER,
    ]


def test_story_order_mixes_scenes_and_events(project: Project) -> None:
    first, flashback, last = _book(project, ["2019-06-10", None, "2019-06-12"])
    project.timeline.set_anchor(scene_ref(flashback), scene_ref(first), "5 years before")
    project.events.add_event("The wedding", story_time="2019-06-11")
    project.events.add_event("Undated rumour")
    items = project.timeline.story_order()
    assert [i.title for i in items] == [
        "Scene 2",
        "Scene 1",
        "The wedding",
        "Scene 3",
        "Undated rumour",
    ]
    assert items[0].fuzzy and items[0].anchor == scene_ref(first)
    assert items[0].book_index == 1 and items[2].book_index is None
    assert items[-1].story_time is None and items[-1].best_guess is None
    assert [e.anchored for e in project.timeline.book_order()] == [False, True, False]
    assert project.timeline.book_order()[1].mark is StoryMark.FLASHBACK
    assert last == items[3].ref.id
