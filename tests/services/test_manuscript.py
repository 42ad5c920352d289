"""Parts, chapters and scenes: order kept through every add, move and delete; scene fields kept."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from studio.core.domain import Binder, SceneStatus
from studio.core.errors import NotFoundError, StoryTimeError, ValidationError
from studio.services.project import Project, create_project, open_project

Outline = list[tuple[str | None, list[tuple[str, list[str]]]]]


def outline(project: Project) -> Outline:
    """The binder as titles, checking on the way that every position is 0..n-1."""
    binder = project.manuscript.binder()
    assert_contiguous(binder)
    return [
        (
            group.part.title if group.part else None,
            [(c.chapter.title, [s.title for s in c.scenes]) for c in group.chapters],
        )
        for group in binder.parts
    ]


def assert_contiguous(binder: Binder) -> None:
    parts = [g.part for g in binder.parts if g.part is not None]
    assert [p.position for p in parts] == list(range(len(parts)))
    for group in binder.parts:
        assert [c.chapter.position for c in group.chapters] == list(range(len(group.chapters)))
        for chapter in group.chapters:
            assert {c.chapter.part_id for c in group.chapters} <= {
                group.part.id if group.part else None
            }
            assert [s.position for s in chapter.scenes] == list(range(len(chapter.scenes)))
            assert {s.chapter_id for s in chapter.scenes} <= {chapter.chapter.id}


BookFile = tuple[Path, dict[str, int]]


@pytest.fixture(scope="module")
def book_file(tmp_path_factory: pytest.TempPathFactory) -> BookFile:
    """Two loose chapters, then two parts of two chapters, each chapter with scenes.

    Made once (every edit is a durable commit, which takes time) and copied for each test.
    """
    path = tmp_path_factory.mktemp("book") / "book.safehouse"
    ids: dict[str, int] = {}
    with create_project(path, title="The Quiet Courier", author="M. Okafor") as project:
        m = project.manuscript
        one = m.add_part("Part One: Lisbon")
        two = m.add_part("Part Two: Vienna")
        ids["part1"], ids["part2"] = one.id, two.id
        ids["prologue"] = m.add_chapter("Prologue").id
        ids["c1"] = m.add_chapter("Basil", part_id=one.id).id
        ids["c2"] = m.add_chapter("Trams", part_id=one.id).id
        ids["c3"] = m.add_chapter("Snow", part_id=two.id).id
        ids["c4"] = m.add_chapter("The Wheel", part_id=two.id).id
        ids["interlude"] = m.add_chapter("Interlude").id
        for chapter, titles in [
            ("prologue", ["P1"]),
            ("c1", ["A", "B", "C"]),
            ("c2", ["D", "E"]),
            ("c3", ["F"]),
            ("c4", ["G", "H"]),
        ]:
            for title in titles:
                ids[title] = m.add_scene(ids[chapter], title, body=f"Scene {title} text.").id
    return path, ids


@pytest.fixture
def book(book_file: BookFile, project_path: Path, project: Project) -> dict[str, int]:
    """The ids of the book's parts, chapters and scenes, in the project under test."""
    return book_file[1]


@pytest.fixture
def project_path(tmp_path: Path, book_file: BookFile) -> Path:
    """The book, copied for this test (overrides the empty project of conftest)."""
    path = tmp_path / "novel.safehouse"
    shutil.copyfile(book_file[0], path)
    return path


def test_book_order_is_loose_chapters_then_parts(project: Project, book: dict[str, int]) -> None:
    assert outline(project) == [
        (None, [("Prologue", ["P1"]), ("Interlude", [])]),
        ("Part One: Lisbon", [("Basil", ["A", "B", "C"]), ("Trams", ["D", "E"])]),
        ("Part Two: Vienna", [("Snow", ["F"]), ("The Wheel", ["G", "H"])]),
    ]
    binder = project.manuscript.binder()
    assert [s.title for s in binder.scenes()] == ["P1", "A", "B", "C", "D", "E", "F", "G", "H"]


def test_a_book_without_parts_has_one_group(tmp_path: Path, empty_project_file: Path) -> None:
    shutil.copyfile(empty_project_file, tmp_path / "empty.safehouse")
    with open_project(tmp_path / "empty.safehouse") as project:
        assert outline(project) == [(None, [])]
        chapter = project.manuscript.add_chapter("One")
        project.manuscript.add_scene(chapter.id, "Only")
        assert outline(project) == [(None, [("One", ["Only"])])]


def test_add_at_a_position_inserts_there(project: Project, book: dict[str, int]) -> None:
    m = project.manuscript
    m.add_scene(book["c1"], "first", position=0)
    m.add_scene(book["c1"], "middle", position=2)
    m.add_scene(book["c1"], "far beyond the end", position=99)
    m.add_scene(book["c1"], "before the start", position=-5)
    m.add_chapter("Opening", part_id=book["part2"], position=0)
    m.add_part("Part Zero", position=0)
    assert outline(project) == [
        (None, [("Prologue", ["P1"]), ("Interlude", [])]),
        ("Part Zero", []),
        (
            "Part One: Lisbon",
            [
                (
                    "Basil",
                    ["before the start", "first", "A", "middle", "B", "C", "far beyond the end"],
                ),
                ("Trams", ["D", "E"]),
            ],
        ),
        ("Part Two: Vienna", [("Opening", []), ("Snow", ["F"]), ("The Wheel", ["G", "H"])]),
    ]


def test_move_a_scene_within_its_chapter(project: Project, book: dict[str, int]) -> None:
    project.manuscript.move_scene(book["C"], book["c1"], 0)
    assert outline(project)[1][1][0] == ("Basil", ["C", "A", "B"])
    project.manuscript.move_scene(book["C"], book["c1"], None)
    assert outline(project)[1][1][0] == ("Basil", ["A", "B", "C"])
    project.manuscript.move_scene(book["A"], book["c1"], 1)
    assert outline(project)[1][1][0] == ("Basil", ["B", "A", "C"])


def test_move_a_scene_to_a_chapter_in_another_part(project: Project, book: dict[str, int]) -> None:
    project.manuscript.move_scene(book["B"], book["c4"], 1)
    assert outline(project) == [
        (None, [("Prologue", ["P1"]), ("Interlude", [])]),
        ("Part One: Lisbon", [("Basil", ["A", "C"]), ("Trams", ["D", "E"])]),
        ("Part Two: Vienna", [("Snow", ["F"]), ("The Wheel", ["G", "B", "H"])]),
    ]
    # The scene keeps its text and fields; only its place changed.
    scene = project.manuscript.scene(book["B"])
    assert (scene.chapter_id, scene.body) == (book["c4"], "Scene B text.")
    # Into an empty chapter, and out of a chapter that it leaves empty.
    project.manuscript.move_scene(book["P1"], book["interlude"], None)
    assert outline(project)[0] == (None, [("Prologue", []), ("Interlude", ["P1"])])


def test_move_chapters_between_parts_and_out_of_parts(
    project: Project, book: dict[str, int]
) -> None:
    m = project.manuscript
    m.move_chapter(book["c1"], book["part2"], 1)
    assert outline(project)[1:] == [
        ("Part One: Lisbon", [("Trams", ["D", "E"])]),
        (
            "Part Two: Vienna",
            [("Snow", ["F"]), ("Basil", ["A", "B", "C"]), ("The Wheel", ["G", "H"])],
        ),
    ]
    m.move_chapter(book["c4"], None, 0)
    assert outline(project) == [
        (None, [("The Wheel", ["G", "H"]), ("Prologue", ["P1"]), ("Interlude", [])]),
        ("Part One: Lisbon", [("Trams", ["D", "E"])]),
        ("Part Two: Vienna", [("Snow", ["F"]), ("Basil", ["A", "B", "C"])]),
    ]
    m.move_chapter(book["prologue"], book["part1"], None)
    m.move_chapter(book["interlude"], None, 0)
    assert outline(project) == [
        (None, [("Interlude", []), ("The Wheel", ["G", "H"])]),
        ("Part One: Lisbon", [("Trams", ["D", "E"]), ("Prologue", ["P1"])]),
        ("Part Two: Vienna", [("Snow", ["F"]), ("Basil", ["A", "B", "C"])]),
    ]
    # Book order follows: loose chapters, then the parts.
    binder = m.binder()
    assert [s.title for s in binder.scenes()] == ["G", "H", "D", "E", "P1", "F", "A", "B", "C"]


def test_move_parts(project: Project, book: dict[str, int]) -> None:
    project.manuscript.move_part(book["part2"], 0)
    assert [g.part.title if g.part else None for g in project.manuscript.binder().parts] == [
        None,
        "Part Two: Vienna",
        "Part One: Lisbon",
    ]
    assert_contiguous(project.manuscript.binder())


def test_delete_keeps_the_rest_in_order(project: Project, book: dict[str, int]) -> None:
    m = project.manuscript
    m.delete_scene(book["B"])
    assert outline(project)[1][1][0] == ("Basil", ["A", "C"])
    m.delete_chapter(book["c3"])
    assert outline(project)[2] == ("Part Two: Vienna", [("The Wheel", ["G", "H"])])
    m.delete_part(book["part1"])
    assert outline(project) == [
        (None, [("Prologue", ["P1"]), ("Interlude", [])]),
        ("Part Two: Vienna", [("The Wheel", ["G", "H"])]),
    ]
    # A deleted part takes its chapters and scenes with it.
    for gone in ("A", "C", "D", "E"):
        with pytest.raises(NotFoundError, match="no longer exists"):
            m.scene(book[gone])
    assert project.stats().scenes == 3
    assert project.stats().chapters == 3


def test_rename(project: Project, book: dict[str, int]) -> None:
    m = project.manuscript
    m.rename_part(book["part1"], "  Part One: Alfama  ")
    m.rename_chapter(book["c1"], "Basil Pots")
    m.rename_scene(book["A"], "The Wine Buyer")
    assert outline(project)[1] == (
        "Part One: Alfama",
        [("Basil Pots", ["The Wine Buyer", "B", "C"]), ("Trams", ["D", "E"])],
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda m, ids: m.add_part("   "),
        lambda m, ids: m.add_chapter(""),
        lambda m, ids: m.add_scene(ids["c1"], " \n "),
        lambda m, ids: m.rename_part(ids["part1"], ""),
        lambda m, ids: m.rename_chapter(ids["c1"], "  "),
        lambda m, ids: m.rename_scene(ids["A"], ""),
    ],
)
def test_titles_cannot_be_empty(
    project: Project, book: dict[str, int], call: Callable[..., object]
) -> None:
    before = outline(project)
    with pytest.raises(ValidationError, match="cannot be empty"):
        call(project.manuscript, book)
    assert outline(project) == before


@pytest.mark.parametrize(
    ("call", "what"),
    [
        (lambda m, ids: m.add_chapter("X", part_id=999), "part"),
        (lambda m, ids: m.add_scene(999, "X"), "chapter"),
        (lambda m, ids: m.move_scene(ids["A"], 999, 0), "chapter"),
        (lambda m, ids: m.move_scene(999, ids["c1"], 0), "scene"),
        (lambda m, ids: m.move_chapter(ids["c1"], 999, 0), "part"),
        (lambda m, ids: m.move_part(999, 0), "part"),
        (lambda m, ids: m.delete_scene(999), "scene"),
        (lambda m, ids: m.delete_chapter(999), "chapter"),
        (lambda m, ids: m.delete_part(999), "part"),
        (lambda m, ids: m.set_scene_body(999, "Lost words"), "scene"),
        (lambda m, ids: m.scene(999), "scene"),
        (lambda m, ids: m.update_scene(ids["A"], pov_id=999), "character"),
        (lambda m, ids: m.update_scene(ids["A"], location_id=999), "location"),
        (lambda m, ids: m.set_scene_characters(ids["A"], [999]), "character"),
        (lambda m, ids: m.set_scene_threads(ids["A"], [999]), "plot thread"),
    ],
)
def test_what_is_gone_is_not_found_and_nothing_changes(
    project: Project, book: dict[str, int], call: Callable[..., object], what: str
) -> None:
    before = outline(project)
    with pytest.raises(NotFoundError, match=f"That {what} no longer exists") as caught:
        call(project.manuscript, book)
    assert "999" in str(caught.value)
    assert outline(project) == before


def test_scene_fields_persist_across_close_and_reopen(
    project: Project, book: dict[str, int], reopen: Callable[[Project], Project]
) -> None:
    katya = project.bible.add_character("Katya")
    tom = project.bible.add_character("Tom")
    alfama = project.bible.add_location("Alfama")
    drop = project.bible.add_thread("The drop", "espionage")
    romance = project.bible.add_thread("Katya and Tom", "romance")
    m = project.manuscript
    words = m.set_scene_body(book["A"], "“Is this seat taken?”\n\n“By a basil pot,” Katya said.")
    assert words == 10
    m.update_scene(
        book["A"],
        synopsis="Tom sits at Katya's table.",
        notes="Check the tram timetable.",
        status="revised",
        pov_id=katya.id,
        location_id=alfama.id,
        story_time="2019-06-12 19:40",
        word_target=450,
        labels=["opening", "café"],
    )
    m.set_scene_characters(book["A"], [tom.id, katya.id])
    m.set_scene_threads(book["A"], [romance.id, drop.id])
    m.set_thread_note(book["A"], romance.id, "  They meet.  ")

    project = reopen(project)
    scene = project.manuscript.scene(book["A"])
    assert scene.body == "“Is this seat taken?”\n\n“By a basil pot,” Katya said."
    assert scene.word_count == 10
    assert scene.synopsis == "Tom sits at Katya's table."
    assert scene.notes == "Check the tram timetable."
    assert scene.status is SceneStatus.REVISED
    assert (scene.pov_id, scene.location_id) == (katya.id, alfama.id)
    assert scene.story_time is not None
    assert scene.story_time.text == "2019-06-12 19:40"
    assert scene.story_time.start == datetime(2019, 6, 12, 19, 40)
    assert scene.word_target == 450
    assert scene.labels == ("opening", "café")
    assert scene.character_ids == tuple(sorted((katya.id, tom.id)))
    assert scene.thread_ids == tuple(sorted((drop.id, romance.id)))
    assert project.manuscript.thread_notes() == [
        (book["A"], drop.id, ""),
        (book["A"], romance.id, "They meet."),
    ]
    # The binder shows the same, without the body.
    info = project.manuscript.binder().scenes()[1]
    assert (info.id, info.status, info.word_count, info.pov_id) == (
        book["A"],
        SceneStatus.REVISED,
        10,
        katya.id,
    )


def test_update_scene_changes_only_what_it_is_given(project: Project, book: dict[str, int]) -> None:
    katya = project.bible.add_character("Katya")
    m = project.manuscript
    m.update_scene(book["A"], synopsis="One.", pov_id=katya.id, story_time="summer 2019")
    m.update_scene(book["A"], notes="Two.")
    scene = m.scene(book["A"])
    assert (scene.synopsis, scene.notes, scene.pov_id) == ("One.", "Two.", katya.id)
    assert scene.story_time is not None and scene.story_time.text == "summer 2019"
    # None clears a field; so does an empty story time.
    m.update_scene(book["A"], pov_id=None, story_time="")
    scene = m.scene(book["A"])
    assert (scene.pov_id, scene.story_time, scene.synopsis) == (None, None, "One.")


def test_a_threads_note_is_kept_while_the_scene_keeps_the_thread(
    project: Project, book: dict[str, int]
) -> None:
    drop = project.bible.add_thread("The drop", "espionage")
    romance = project.bible.add_thread("Katya and Tom", "romance")
    m = project.manuscript
    m.set_scene_threads(book["A"], [drop.id])
    m.set_thread_note(book["A"], drop.id, "The phrase is spoken.")
    m.set_scene_threads(book["A"], [drop.id, romance.id])
    assert (book["A"], drop.id, "The phrase is spoken.") in m.thread_notes()
    m.set_scene_threads(book["A"], [romance.id])
    assert m.thread_notes() == [(book["A"], romance.id, "")]
    with pytest.raises(ValidationError, match="does not advance that thread"):
        m.set_thread_note(book["A"], drop.id, "Not here.")


@pytest.mark.parametrize(
    ("change", "error", "says"),
    [
        ({"status": "done"}, ValidationError, "idea, draft, revised, final"),
        ({"word_target": -1}, ValidationError, "cannot be negative"),
        ({"story_time": "the other day"}, StoryTimeError, "try 2019-06-14 21:30"),
        ({"story_time": "2019-02-30"}, StoryTimeError, "is not a date"),
    ],
)
def test_bad_scene_values_are_refused_and_nothing_is_half_saved(
    project: Project,
    book: dict[str, int],
    change: dict[str, object],
    error: type[Exception],
    says: str,
) -> None:
    m = project.manuscript
    m.update_scene(book["A"], synopsis="Before.", status="draft")
    with pytest.raises(error, match=says):
        m.update_scene(book["A"], synopsis="After.", **change)  # type: ignore[arg-type]
    scene = m.scene(book["A"])
    assert (scene.synopsis, scene.status, scene.word_target) == ("Before.", "draft", None)


def test_word_counts_per_scene_chapter_part_and_book(
    project: Project, book: dict[str, int]
) -> None:
    m = project.manuscript
    m.set_scene_body(book["A"], "It’s a well-known drop—wait—what?")  # 6
    m.set_scene_body(book["B"], "1,000 roses and 3.14 pies.\n\n* * *\n\nDone.")  # 6
    m.set_scene_body(book["F"], "")  # 0
    binder = m.binder()
    by_title = {c.chapter.title: c for c in binder.chapters()}
    scenes = {s.title: s for s in binder.scenes()}
    assert scenes["A"].word_count == 6
    assert scenes["B"].word_count == 6
    assert scenes["F"].word_count == 0
    assert by_title["Basil"].word_count == 6 + 6 + 3  # "Scene C text."
    assert by_title["Snow"].word_count == 0
    part_one, part_two = binder.parts[1], binder.parts[2]
    assert part_one.word_count == 15 + 6  # Trams: two scenes of three words
    assert part_two.word_count == 6
    assert binder.parts[0].word_count == 3
    assert binder.word_count == 3 + 21 + 6
    stats = project.stats()
    assert stats.words == binder.word_count
    assert stats.words_by_status == {"draft": 30}


def test_stats_count_everything(project: Project, book: dict[str, int]) -> None:
    m = project.manuscript
    m.update_scene(book["A"], status="final")
    katya = project.bible.add_character("Katya")
    project.bible.add_character("Tom")
    project.bible.add_alias(katya.id, "Anna Kessler")
    project.bible.add_location("Alfama")
    project.bible.add_thread("The drop", "espionage")
    project.events.add_event("The drop", story_time="2019-06-13 21:20")
    stats = project.stats()
    assert (stats.title, stats.author) == ("The Quiet Courier", "M. Okafor")
    assert (stats.parts, stats.chapters, stats.scenes) == (2, 6, 9)
    assert (stats.characters, stats.locations, stats.threads, stats.events) == (2, 1, 1, 1)
    assert stats.words == 27
    assert stats.words_by_status == {"draft": 24, "final": 3}


def test_scene_texts_in_book_order_and_for_some_chapters(
    project: Project, book: dict[str, int]
) -> None:
    m = project.manuscript
    m.move_chapter(book["c4"], None, 0)
    every = [(t.chapter.title, t.scene.title, t.body) for t in m.scene_texts()]
    assert [s for _, s, _ in every] == ["G", "H", "P1", "A", "B", "C", "D", "E", "F"]
    assert every[0] == ("The Wheel", "G", "Scene G text.")
    some = [t.scene.title for t in m.scene_texts([book["c3"], book["prologue"]])]
    assert some == ["P1", "F"]


def test_project_info_and_settings_persist(
    project: Project, reopen: Callable[[Project], Project]
) -> None:
    project.manuscript.set_info(title="  The Lisbon Drop ", author="A. Writer", language="en_GB")
    project.manuscript.set_setting("export.separator", "* * *")
    with pytest.raises(ValidationError, match="title cannot be empty"):
        project.manuscript.set_info(title=" ")
    project = reopen(project)
    info = project.manuscript.info()
    assert (info.title, info.author, info.language) == ("The Lisbon Drop", "A. Writer", "en_GB")
    assert project.manuscript.settings() == {"export.separator": "* * *"}
