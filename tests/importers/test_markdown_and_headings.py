"""Heading styles, contents, scene breaks and Markdown, on small manuscripts made here."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.importers.manuscript import ManuscriptOutline, read_manuscript
from studio.importers.manuscript.headings import SCENE_BREAK, SCENE_BREAK_FIRST
from studio.importers.manuscript.rules import BUILT_IN_FIRST, heading_like, may_be_heading

MARKDOWN = """\
# The Safehouse Papers

## Part One: Macau

### The Letter

It was *late* when the _letter_ came,
wrapped at forty columns.

* * *

Second scene with __bold__ and **more bold**.

#

Third scene.

### The Café

She ordered a café crème—“two sugars”—and waited.

## Part Two

### Moscow

---

Snow.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def shape(outline: ManuscriptOutline) -> list[tuple[str | None, list[tuple[str, int]]]]:
    return [
        (part.title, [(chapter.title, len(chapter.scenes)) for chapter in part.chapters])
        for part in outline.parts
    ]


def test_markdown_title_parts_chapters_scenes_and_italics(tmp_path: Path) -> None:
    outline = read_manuscript(write(tmp_path, "papers.md", MARKDOWN))
    assert outline.title == "The Safehouse Papers"
    assert shape(outline) == [
        ("Part One: Macau", [("The Letter", 3), ("The Café", 1)]),
        ("Part Two", [("Moscow", 1)]),
    ]
    letter = outline.chapters[0].scenes
    assert letter[0].body == "It was *late* when the *letter* came, wrapped at forty columns."
    assert letter[1].body == "Second scene with **bold** and **more bold**."
    assert letter[2].body == "Third scene."
    assert outline.chapters[1].scenes[0].body == (
        "She ordered a café crème—“two sugars”—and waited."
    )
    assert outline.front_matter == ()


def test_markdown_with_one_heading_level_gives_chapters(tmp_path: Path) -> None:
    text = "# One\n\nFirst.\n\n~\n\nSecond.\n\n# Two\n\nThird.\n"
    outline = read_manuscript(write(tmp_path, "short.md", text))
    assert shape(outline) == [(None, [("One", 2), ("Two", 1)])]


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("CHAPTER I.", "Chapter I"),
        ("Chapter XLVI.", "Chapter XLVI"),
        ("Chapter 7", "Chapter 7"),
        ("CHAPTER TWENTY-ONE", "Chapter Twenty-One"),
        ("Chapter 3: The Letter", "The Letter"),
    ],
)
def test_chapter_heading_styles(tmp_path: Path, heading: str, title: str) -> None:
    text = f"{heading}\n\nIt began.\n\n{heading}\n\n“Go,” she said.\n"
    outline = read_manuscript(write(tmp_path, "book.txt", text))
    assert [c.title for c in outline.chapters] == [title, title]
    assert [c.scenes[0].body for c in outline.chapters] == ["It began.", "“Go,” she said."]


def test_roman_numeral_and_title_headings(tmp_path: Path) -> None:
    text = "I. The Letter\n\nIt came.\n\nII. The Reply\n\nI. said nothing.\n"
    outline = read_manuscript(write(tmp_path, "book.txt", text))
    assert [c.title for c in outline.chapters] == ["The Letter", "The Reply"]
    assert outline.chapters[1].scenes[0].body == "I. said nothing."


def test_title_on_the_line_after_the_heading(tmp_path: Path) -> None:
    text = (
        "CHAPTER ONE\n\nThe Man Who Died\n\nI returned from the City.\n\n"
        "CHAPTER TWO\nThe Milkman Sets Out\n\nHe set out.\n"
    )
    outline = read_manuscript(write(tmp_path, "book.txt", text))
    assert [c.title for c in outline.chapters] == ["The Man Who Died", "The Milkman Sets Out"]
    assert [c.scenes[0].body for c in outline.chapters] == [
        "I returned from the City.",
        "He set out.",
    ]


def test_a_first_short_paragraph_is_not_taken_for_a_title(tmp_path: Path) -> None:
    text = "Chapter 1\n\nIt rained.\n\nChapter 2\n\nWet streets, a long\nwalk home.\n"
    outline = read_manuscript(write(tmp_path, "book.txt", text))
    assert [c.title for c in outline.chapters] == ["Chapter 1", "Chapter 2"]


def test_parts_and_epilogues(tmp_path: Path) -> None:
    text = (
        "PART ONE\n\nCHAPTER I\n\nA.\n\nCHAPTER II\n\nB.\n\n"
        "PART TWO\n\nCHAPTER I\n\nC.\n\n"
        "FIRST EPILOGUE: 1813 - 20\n\nCHAPTER I\n\nD.\n\n"
        "SECOND EPILOGUE\n\nCHAPTER I\n\nE.\n"
    )
    outline = read_manuscript(write(tmp_path, "book.txt", text))
    assert shape(outline) == [
        ("Part One", [("Chapter I", 1), ("Chapter II", 1)]),
        ("Part Two", [("Chapter I", 1)]),
        ("First Epilogue: 1813 - 20", [("Chapter I", 1)]),
        ("Second Epilogue", [("Chapter I", 1)]),
    ]


def test_epilogue_without_parts_is_a_chapter(tmp_path: Path) -> None:
    text = "Chapter 1\n\nA.\n\nChapter 2\n\nB.\n\nEpilogue\n\nC.\n"
    outline = read_manuscript(write(tmp_path, "book.txt", text))
    assert shape(outline) == [(None, [("Chapter 1", 1), ("Chapter 2", 1), ("Epilogue", 1)])]


@pytest.mark.parametrize("mark", ["* * *", "***", "#", "~", "⁂", "          *       *       *"])
def test_scene_breaks(tmp_path: Path, mark: str) -> None:
    text = f"Chapter 1\n\nFirst scene.\n\n{mark}\n\nSecond scene.\n"
    outline = read_manuscript(write(tmp_path, "book.txt", text))
    assert [s.body for s in outline.chapters[0].scenes] == ["First scene.", "Second scene."]
    assert [s.title for s in outline.chapters[0].scenes] == ["Scene 1", "Scene 2"]


def test_unindented_contents_is_not_read_as_chapters(tmp_path: Path) -> None:
    text = (
        "MY BOOK\n\nContents\n\nChapter 1\nChapter 2\n\nChapter 3\n\n\n"
        "Chapter 1\n\nOne.\n\nChapter 2\n\nTwo.\n\nChapter 3\n\nThree.\n"
    )
    outline = read_manuscript(write(tmp_path, "book.txt", text))
    assert [c.scenes[0].body for c in outline.chapters] == ["One.", "Two.", "Three."]
    assert [s.body for s in outline.front_matter] == ["MY BOOK"]


def test_no_headings_is_one_chapter_with_one_scene(tmp_path: Path) -> None:
    text = "A first paragraph\nwrapped.\n\nA _second_ one.\n"
    outline = read_manuscript(write(tmp_path, "story.txt", text))
    assert shape(outline) == [(None, [("story", 1)])]
    assert outline.chapters[0].scenes[0].body == "A first paragraph wrapped.\n\nA *second* one."
    assert outline.heading_pattern == ""


def test_edited_heading_pattern_overrides_detection(tmp_path: Path) -> None:
    text = "~ Day One ~\n\nMorning.\n\n~ Day Two ~\n\nNight.\n\nChapter 9\n\nStill day two.\n"
    path = write(tmp_path, "diary.txt", text)
    detected = read_manuscript(path)
    assert [c.title for c in detected.chapters] == ["Chapter 9"]
    assert detected.heading_pattern  # shown for editing
    edited = read_manuscript(path, heading_pattern=r"~ (?P<title>.+) ~$")
    assert [c.title for c in edited.chapters] == ["Day One", "Day Two"]
    assert edited.chapters[1].scenes[0].body == "Night.\n\nChapter 9\n\nStill day two."
    assert edited.heading_pattern == r"~ (?P<title>.+) ~$"


def test_part_pattern_can_be_switched_off(tmp_path: Path) -> None:
    text = "PART ONE\n\nChapter 1\n\nA.\n"
    outline = read_manuscript(write(tmp_path, "book.txt", text), part_pattern="")
    assert [p.title for p in outline.parts] == [None]
    assert [c.title for c in outline.chapters] == ["Part One", "Chapter 1"]


def test_markdown_contents_with_links_is_left_out(tmp_path: Path) -> None:
    text = (
        "# My Book\n\n## Contents\n\n- [One](#one)\n- [Two](#two)\n\n"
        "## One\n\nFirst.\n\n## Two\n\nSecond.\n"
    )
    outline = read_manuscript(write(tmp_path, "book.md", text))
    assert outline.title == "My Book"
    assert shape(outline) == [(None, [("One", 1), ("Two", 1)])]
    assert outline.front_matter == ()


def test_a_lone_roman_numeral_does_not_make_a_chapter(tmp_path: Path) -> None:
    text = "A poem follows.\n\nI.\n\nThe rose was red.\n"
    outline = read_manuscript(write(tmp_path, "story.txt", text))
    assert shape(outline) == [(None, [("story", 1)])]


def test_front_matter_scenes_are_named_so(tmp_path: Path) -> None:
    text = "For K.\n\n* * *\n\nA foreword.\n\nChapter 1\n\nText.\n"
    outline = read_manuscript(write(tmp_path, "book.txt", text))
    assert [(s.title, s.body) for s in outline.front_matter] == [
        ("Front matter 1", "For K."),
        ("Front matter 2", "A foreword."),
    ]


def test_one_paragraph_per_line_without_blank_lines(tmp_path: Path) -> None:
    long_line = "She crossed the square without looking back, " * 4
    text = f"Chapter 1\n{long_line}\n{long_line}\nShort last.\n"
    outline = read_manuscript(write(tmp_path, "book.txt", text))
    body = outline.chapters[0].scenes[0].body
    assert body.split("\n\n") == [long_line.strip(), long_line.strip(), "Short last."]


# Every character that case-folds to an ASCII letter is below U+3000 (ſ, K, İ, ı among them).
FOLDING_RANGE = range(0x3000)
HEADING_TAILS = [
    "",
    ".",
    ". The Letter",
    "hapter 1",
    "HAPTER ONE: Title",
    "ook one",
    "OOK ONE: 1805",
    "art the first",
    "ART ONE",
    "olume 1",
    "pilogue",
    "PILOGUE",
    "rologue",
    "irst epilogue",
    "econd epilogue",
    "hird epilogue",
    "ourth epilogue",
    "ifth epilogue",
    "ixth epilogue",
    "eventh epilogue",
    "ighth epilogue",
    "inth epilogue",
    "enth epilogue",
    "inal epilogue",
    "ast epilogue",
    " Title",
    "# Title",
]


def test_lines_left_out_before_heading_patterns_cannot_start_a_heading() -> None:
    # heading_like matches only lines starting with BUILT_IN_FIRST: no built-in pattern may
    # match a line starting with any other character.
    for first in map(chr, FOLDING_RANGE):
        if first in BUILT_IN_FIRST:
            continue
        for tail in HEADING_TAILS:
            assert may_be_heading(first + tail) is None, repr(first + tail)
    lines = ["CHAPTER ONE", "ſecond Epilogue", "IV. The Reply", "# Moscow", "The end", "Part 2"]
    assert heading_like(lines) == [k for k, line in enumerate(lines) if may_be_heading(line)]
    assert heading_like(lines) == [0, 1, 2, 3, 5]


def test_lines_left_out_before_the_scene_break_pattern_cannot_be_breaks() -> None:
    for first in map(chr, FOLDING_RANGE):
        if first in SCENE_BREAK_FIRST or first.isspace():
            continue
        for tail in ("", "*", " * *", "**", "~~", "--", "__", "⁂", "#"):
            assert SCENE_BREAK.match(first + tail) is None, repr(first + tail)
