"""The real manuscripts: structure, titles, cast, and every body word kept in order."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from studio.importers.manuscript import ManuscriptOutline, read_manuscript
from studio.importers.manuscript.text_scan import LineRole
from studio.services.manuscript_import import auto_characters
from tests.importers.wordcheck import (
    expected_words,
    first_difference,
    outline_words,
    scan,
    set_aside,
)

THIRTY_NINE_STEPS_TITLES = [
    "The Man Who Died",
    "The Milkman Sets Out on his Travels",
    "The Adventure of the Literary Innkeeper",
    "The Adventure of the Radical Candidate",
    "The Adventure of the Spectacled Roadman",
    "The Adventure of the Bald Archaeologist",
    "The Dry-Fly Fisherman",
    "The Coming of the Black Stone",
    "The Thirty-Nine Steps",
    "Various Parties Converging on the Sea",
]
MANUSCRIPTS = [
    "novels/thirty-nine-steps.txt",
    "novels/pride-and-prejudice.txt",
    "novels/war-and-peace.txt",
    "stories/kirill-and-sophia.txt",
    "stories/harley-and-viktor.txt",
]
# Lines set aside inside the Gutenberg frame: (headings incl. title lines, contents, credits).
SET_ASIDE = {
    "novels/thirty-nine-steps.txt": (20, 11, 2),
    "novels/pride-and-prejudice.txt": (61, 0, 2),
    "novels/war-and-peace.txt": (365 + 17, None, 1),
    "stories/kirill-and-sophia.txt": (0, 0, 0),
    "stories/harley-and-viktor.txt": (0, 0, 0),
}

_cache: dict[str, ManuscriptOutline] = {}


def outline_of(manuscripts_dir: Path, name: str) -> ManuscriptOutline:
    if name not in _cache:
        _cache[name] = read_manuscript(manuscripts_dir / name)
    return _cache[name]


def test_thirty_nine_steps_has_its_ten_titled_chapters(manuscripts_dir: Path) -> None:
    outline = outline_of(manuscripts_dir, "novels/thirty-nine-steps.txt")
    assert [chapter.title for chapter in outline.chapters] == THIRTY_NINE_STEPS_TITLES
    assert [part.title for part in outline.parts] == [None]
    assert outline.title == "The Thirty-nine Steps"
    assert outline.author == "John Buchan"
    assert outline.encoding == "UTF-8"
    assert outline.notices == ()
    first = outline.chapters[0].scenes[0].body
    assert first.startswith("I returned from the City about three o'clock on that May afternoon")
    assert "\n" not in first.split("\n\n")[0]  # hard-wrapped lines joined


def test_thirty_nine_steps_front_matter_keeps_the_dedication_not_the_contents(
    manuscripts_dir: Path,
) -> None:
    outline = outline_of(manuscripts_dir, "novels/thirty-nine-steps.txt")
    front = "\n\n".join(scene.body for scene in outline.front_matter)
    assert "My Dear Tommy," in front
    assert "CONTENTS" not in front
    assert "Various Parties" not in front
    assert "Produced by" not in front


def test_pride_and_prejudice_has_61_chapters_with_italics(manuscripts_dir: Path) -> None:
    outline = outline_of(manuscripts_dir, "novels/pride-and-prejudice.txt")
    assert len(outline.chapters) == 61
    assert outline.chapters[0].title == "Chapter 1"
    assert outline.chapters[-1].title == "Chapter 61"
    assert (outline.title, outline.author) == ("Pride and Prejudice", "Jane Austen")
    bodies = "\n\n".join(scene.body for scene in outline.scenes())
    assert "_" not in bodies
    assert "*" in bodies
    assert "“My dear Mr. Bennet,” said his lady to him one day" in bodies
    assert "End of the Project Gutenberg" not in bodies


def test_pride_and_prejudice_scene_breaks_start_new_scenes(manuscripts_dir: Path) -> None:
    outline = outline_of(manuscripts_dir, "novels/pride-and-prejudice.txt")
    split = [chapter for chapter in outline.chapters if len(chapter.scenes) > 1]
    assert sum(len(c.scenes) - 1 for c in split) == 6  # six "* * * * *" lines
    assert all(scene.title == f"Scene {i}" for c in split for i, scene in enumerate(c.scenes, 1))


def test_war_and_peace_has_15_books_2_epilogues_and_365_chapters(manuscripts_dir: Path) -> None:
    outline = outline_of(manuscripts_dir, "novels/war-and-peace.txt")
    titles = [part.title for part in outline.parts]
    assert len(titles) == 17
    assert titles[0] == "Book One: 1805"
    assert titles[14] == "Book Fifteen: 1812 - 13"
    assert titles[15:] == ["First Epilogue: 1813 - 20", "Second Epilogue"]
    assert len(outline.chapters) == 365
    assert [c.title for c in outline.parts[0].chapters][:3] == [
        "Chapter I",
        "Chapter II",
        "Chapter III",
    ]
    assert len(outline.parts[0].chapters) == 28
    assert len(outline.parts[-1].chapters) == 12
    first = outline.chapters[0].scenes[0].body
    assert first.startswith("“Well, Prince, so Genoa and Lucca are now just family estates")
    assert "Anna Pávlovna Schérer" in first
    assert "Antichrist—I really believe he is Antichrist—I will" in first


def test_war_and_peace_contents_is_not_read_as_chapters(manuscripts_dir: Path) -> None:
    outline = outline_of(manuscripts_dir, "novels/war-and-peace.txt")
    front = "\n\n".join(scene.body for scene in outline.front_matter)
    assert "CHAPTER" not in front
    assert "WAR AND PEACE" in front
    assert all(chapter.scenes for chapter in outline.chapters)


@pytest.mark.parametrize(
    ("name", "people"),
    [
        ("stories/kirill-and-sophia.txt", ["Kirill Ivanovich Kalnina", "Sophia Petrova"]),
        ("stories/harley-and-viktor.txt", ["Harley Kalmurzaeva", "Viktor"]),
    ],
)
def test_each_story_is_one_scene_with_its_main_characters(
    manuscripts_dir: Path, name: str, people: list[str]
) -> None:
    outline = outline_of(manuscripts_dir, name)
    assert len(outline.parts) == 1
    assert len(outline.chapters) == 1
    assert len(outline.chapters[0].scenes) == 1
    assert outline.front_matter == ()
    names = [candidate.name for candidate in outline.candidates]
    assert names[: len(people)] == people
    counts = [candidate.count for candidate in outline.candidates]
    assert counts == sorted(counts, reverse=True)
    assert not {"The", "But", "As", "I", "Russian"} & set(names)
    assert outline.title == Path(name).stem


def test_kirill_counts_toward_his_full_name(manuscripts_dir: Path) -> None:
    outline = outline_of(manuscripts_dir, "stories/kirill-and-sophia.txt")
    kirill = outline.candidates[0]
    assert kirill.name == "Kirill Ivanovich Kalnina"
    assert kirill.count >= 6  # the full name once, and "Kirill" alone at least five times
    assert "Kirill" not in [c.name for c in outline.candidates]


def test_novels_offer_their_people(manuscripts_dir: Path) -> None:
    pride = [
        c.name for c in outline_of(manuscripts_dir, "novels/pride-and-prejudice.txt").candidates
    ]
    assert {"Darcy", "Bingley", "Wickham", "Collins"} <= set(pride[:15])
    assert not {"Mr", "Mrs", "Miss", "Monday", "I"} & set(pride)
    war = [c.name for c in outline_of(manuscripts_dir, "novels/war-and-peace.txt").candidates]
    assert {"Natásha", "Andrew", "Kutúzov", "Sónya"} <= set(war[:20])


@pytest.mark.parametrize("name", ["novels/war-and-peace.txt", "novels/pride-and-prejudice.txt"])
def test_the_auto_chosen_cast_is_people(manuscripts_dir: Path, name: str) -> None:
    outline = outline_of(manuscripts_dir, name)
    kinds = {candidate.name: candidate.kind for candidate in outline.candidates}
    chosen = auto_characters(outline)
    assert len(chosen) == 25
    assert {kinds[person] for person in chosen} == {"person"}
    assert not any("’" in person or "'" in person for person in chosen)


def test_war_and_peace_cast_has_no_contractions_families_or_peoples(
    manuscripts_dir: Path,
) -> None:
    outline = outline_of(manuscripts_dir, "novels/war-and-peace.txt")
    kinds = {candidate.name: candidate.kind for candidate in outline.candidates}
    unwanted = {"I’ll", "I’m", "I’ve", "Rostóvs", "Russians", "Frenchman", "Frenchmen"}
    assert not unwanted & set(kinds)
    assert not {"Cossack", "Cossacks", "Having", "Mamma", "Borodinó Napoleon"} & set(kinds)
    assert kinds["Moscow"] == kinds["Petersburg"] == kinds["Bald Hills"] == "place"
    assert kinds["Napoleon"] == kinds["Rostóv"] == "person"


def test_pride_and_prejudice_places_are_marked(manuscripts_dir: Path) -> None:
    outline = outline_of(manuscripts_dir, "novels/pride-and-prejudice.txt")
    kinds = {candidate.name: candidate.kind for candidate in outline.candidates}
    for place in ("Longbourn", "Netherfield", "Meryton", "Pemberley", "London", "Lucas Lodge"):
        assert kinds[place] == "place", place
    assert kinds["Lucas"] == "person"
    assert "London Lydia" not in kinds
    assert "Bennets" not in kinds


@pytest.mark.parametrize("name", MANUSCRIPTS)
def test_every_body_word_is_kept_in_order(manuscripts_dir: Path, name: str) -> None:
    path = manuscripts_dir / name
    text_scan = scan(path)
    expected = expected_words(path, text_scan)
    found = outline_words(outline_of(manuscripts_dir, name))
    assert found == expected, first_difference(expected, found)


@pytest.mark.parametrize("name", MANUSCRIPTS)
def test_only_headings_contents_and_credits_are_set_aside(manuscripts_dir: Path, name: str) -> None:
    """The lines the word check drops are exactly the ones that should be dropped."""
    headings, contents, credits = SET_ASIDE[name]
    roles = set_aside(manuscripts_dir / name, scan(manuscripts_dir / name))
    assert roles[LineRole.HEADING] == headings
    if contents is not None:
        assert roles[LineRole.CONTENTS] == contents
    assert roles[LineRole.BOILERPLATE] == credits
    assert set(roles) <= {LineRole.HEADING, LineRole.CONTENTS, LineRole.BOILERPLATE, LineRole.BREAK}


def test_war_and_peace_contents_lines_are_all_indented(manuscripts_dir: Path) -> None:
    path = manuscripts_dir / "novels/war-and-peace.txt"
    text_scan = scan(path)
    contents = [
        line
        for line, role in zip(text_scan.lines, text_scan.roles, strict=True)
        if role is LineRole.CONTENTS
    ]
    assert len(contents) > 365 + 17
    assert all(line.startswith("    ") for line in contents)


def test_war_and_peace_parses_quickly(manuscripts_dir: Path) -> None:
    path = manuscripts_dir / "novels/war-and-peace.txt"
    start = time.perf_counter()
    outline = read_manuscript(path)
    elapsed = time.perf_counter() - start
    assert len(outline.chapters) == 365
    print(f"War and Peace parsed in {elapsed:.3f} s")
    assert elapsed < 2.0


def test_progress_is_reported_from_0_to_1(manuscripts_dir: Path) -> None:
    seen: list[float] = []
    read_manuscript(manuscripts_dir / "stories/kirill-and-sophia.txt", progress=seen.append)
    assert seen[0] == 0.0
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


def test_detected_patterns_given_back_give_the_same_outline(manuscripts_dir: Path) -> None:
    """The preview shows the patterns for editing; passing them back unchanged changes nothing."""
    path = manuscripts_dir / "novels/thirty-nine-steps.txt"
    detected = outline_of(manuscripts_dir, "novels/thirty-nine-steps.txt")
    again = read_manuscript(
        path, heading_pattern=detected.heading_pattern, part_pattern=detected.part_pattern
    )
    assert again == detected
