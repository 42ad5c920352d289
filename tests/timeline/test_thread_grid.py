"""The thread grid: cells toggle and keep their notes; the chapter strip in words."""

from __future__ import annotations

from studio.core.domain import ThreadKind
from studio.services.project import Project, open_project


def _book(project: Project) -> tuple[list[int], int, int, int]:
    manuscript = project.manuscript
    scenes = []
    for chapter_title, bodies in (("One", [70, 30]), ("Two", [50])):
        chapter = manuscript.add_chapter(chapter_title)
        for number, words in enumerate(bodies, start=1):
            scene = manuscript.add_scene(chapter.id, f"{chapter_title}.{number}")
            manuscript.set_scene_body(scene.id, "word " * words)
            scenes.append(scene.id)
    operation = project.bible.add_thread("The drop", "espionage").id
    romance = project.bible.add_thread("Anna and Marc", "romance").id
    mole = project.bible.add_thread("The mole", "subplot").id
    return scenes, operation, romance, mole


def test_toggles_and_notes_persist(project: Project) -> None:
    scenes, operation, romance, _ = _book(project)
    timeline = project.timeline
    timeline.set_cell(scenes[0], operation, True)
    timeline.set_cell(scenes[1], operation, True)
    timeline.set_cell(scenes[1], operation, False)
    timeline.set_cell_note(scenes[2], romance, "First kiss,\n on the tram")
    timeline.set_cell_note(scenes[0], operation, "The drop is set")
    path = project.path
    project.close()
    with open_project(path) as again:
        grid = again.timeline.grid()
        assert grid.advances(operation, scenes[0]) and not grid.advances(operation, scenes[1])
        assert grid.note(operation, scenes[0]) == "The drop is set"
        # A note on an empty cell marks it; notes stay on one line.
        assert grid.advances(romance, scenes[2])
        assert grid.note(romance, scenes[2]) == "First kiss, on the tram"
        assert again.manuscript.scene(scenes[0]).thread_ids == (operation,)


def test_columns_in_book_order_and_kind_filter(project: Project) -> None:
    scenes, operation, romance, mole = _book(project)
    grid = project.timeline.grid()
    assert [c.scene_id for c in grid.columns] == scenes
    assert [c.scene_ids for c in grid.chapters] == [tuple(scenes[:2]), (scenes[2],)]
    assert [t.id for t in grid.threads] == [operation, romance, mole]
    only = project.timeline.grid(frozenset({ThreadKind.ROMANCE.value}))
    assert [t.id for t in only.threads] == [romance]


def test_the_chapter_strip_says_the_split_in_words(project: Project) -> None:
    scenes, operation, romance, mole = _book(project)
    timeline = project.timeline
    timeline.set_cell(scenes[0], operation, True)
    timeline.set_cell(scenes[1], romance, True)
    timeline.set_cell(scenes[2], mole, True)
    strips = [c.summary for c in timeline.grid().chapters]
    assert strips == [
        "Chapter 1: 70% espionage, 30% romance",
        "Chapter 2: no espionage or romance thread advanced",
    ]
    # A scene advancing both counts its words for both.
    timeline.set_cell(scenes[0], romance, True)
    chapter = timeline.grid().chapters[0]
    assert chapter.words_by_kind == {ThreadKind.ESPIONAGE: 70, ThreadKind.ROMANCE: 100}
    assert chapter.summary == "Chapter 1: 41% espionage, 59% romance"
