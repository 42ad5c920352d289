"""The plain-text manuscript against reference files written by hand in tests/services/reference.

The references were typed as a manuscript should look, not copied from the exporter: read them
first when this test fails.
"""

from __future__ import annotations

import random
import re
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from studio.core.errors import ExportError, ValidationError
from studio.core.markup import MarkupStyle, render
from studio.export.plain_text import (
    PlainTextOptions,
    _emphasis,
    _joined,
    export_plain_text,
    render_plain_text,
)
from studio.services.project import Project, create_project, open_project

REFERENCE = Path(__file__).parent / "reference"


@dataclass(frozen=True)
class Book:
    path: Path
    chapters: tuple[int, ...]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    """Four chapters (the second titled only by its number, the last empty), one part."""
    path = tmp_path_factory.mktemp("export") / "courier.safehouse"
    with create_project(path, title="The Quiet Courier", author="M. Okafor") as project:
        m = project.manuscript
        arrivals = m.add_chapter("Arrivals")
        numbered = m.add_chapter("Chapter 2")
        part = m.add_part("Part Two: Vienna")
        wheel = m.add_chapter("The Wheel", part_id=part.id)
        aftermath = m.add_chapter("Aftermath", part_id=part.id)
        platform = m.add_scene(
            arrivals.id,
            "Platform",
            body="The train from Vienna was *forty minutes* late, and Katya counted every one "
            "of them.\n\n\"You're Anna Kessler,\" the man said. It wasn't a question.\n\n"
            '"I\'m **nobody**," she said.\n',
        )
        m.update_scene(
            platform.id,
            synopsis="Katya meets her contact on the platform.",
            notes="Is forty minutes too long?",
        )
        placeholder = m.add_scene(arrivals.id, "Placeholder")
        m.update_scene(
            placeholder.id, synopsis="Something happens at the hotel bar.", status="idea"
        )
        m.add_scene(
            arrivals.id,
            "Hotel",
            # A note read out line by line, with spaces the writer left at a line's end.
            body="The note under the door said:\nCome alone.   \nBring the list.\n\n"
            "She burned it in the ashtray.",
        )
        m.add_scene(numbered.id, "Bridge", body="Rain on the Danube—wait—what was that? ***Run.***")
        m.add_scene(
            wheel.id,
            "Snow",
            body="The wheel turned so slowly that she could count the bolts, and the woman in "
            "the camel coat ate her chestnuts as if nobody in the world were watching.\n\n"
            "\"'The saint who finds lost things,'\" Harriet quoted. ‘Still, I suppose he found "
            "you.’",
        )
        assert project.manuscript.binder().word_count == 98
    return Book(path, (arrivals.id, numbered.id, wheel.id, aftermath.id))


@pytest.fixture
def project(book: Book, tmp_path: Path) -> Iterator[Project]:
    copy = tmp_path / "courier.safehouse"
    shutil.copyfile(book.path, copy)
    opened = open_project(copy, read_only=True)
    yield opened
    opened.close()


def reference(name: str, line_ending: str = "\n") -> str:
    return (REFERENCE / name).read_text(encoding="utf-8").replace("\n", line_ending)


def test_default_manuscript(project: Project) -> None:
    assert render_plain_text(project, PlainTextOptions()) == reference("default.txt")


def test_scene_titles_synopses_and_notes_when_asked_for(project: Project) -> None:
    options = PlainTextOptions(scene_titles=True, synopses=True, notes=True)
    assert render_plain_text(project, options) == reference("scene-titles-synopses-notes.txt")


def test_stripped_markup_curly_quotes_wrapped_at_60(project: Project) -> None:
    options = PlainTextOptions(markup=MarkupStyle.STRIP, quotes="curly", wrap_width=60)
    text = render_plain_text(project, options)
    assert text == reference("strip-curly-wrap60.txt")
    assert max(len(line) for line in text.splitlines()) <= 60


def test_a_subset_of_chapters_numbers_only_straight_quotes_crlf(
    project: Project, book: Book
) -> None:
    options = PlainTextOptions(
        chapter_ids=(book.chapters[0], book.chapters[2]),
        chapter_titles=False,
        separator=" * * * ",
        quotes="straight",
        line_ending="crlf",
    )
    text = render_plain_text(project, options)
    assert text == reference("subset-straight-crlf.txt", "\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_no_notes_or_synopses_unless_asked(project: Project) -> None:
    text = render_plain_text(project, PlainTextOptions(scene_titles=True))
    assert "Synopsis" not in text
    assert "contact on the platform" not in text
    assert "Notes" not in text
    assert "too long" not in text


@pytest.mark.parametrize(
    "options",
    [
        PlainTextOptions(),
        PlainTextOptions(scene_titles=True, synopses=True, notes=True, wrap_width=40),
        PlainTextOptions(markup=MarkupStyle.KEEP, quotes="curly", line_ending="crlf"),
    ],
)
def test_deterministic_and_tidy(project: Project, options: PlainTextOptions) -> None:
    first = render_plain_text(project, options)
    assert render_plain_text(project, options) == first
    lines = first.split("\r\n" if options.line_ending == "crlf" else "\n")
    assert all(line == line.rstrip() for line in lines), "no trailing spaces"
    assert lines[-1] == "" and lines[-2] == "THE END", "ends with THE END and one line break"
    assert "\n\n\n\n" not in first.replace("\r\n", "\n"), "never more than two blank lines"


def test_export_writes_exactly_the_rendered_bytes(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "out" / "courier.txt"
    target.parent.mkdir()
    target.write_text("an older export", encoding="utf-8")
    export_plain_text(project, target, PlainTextOptions())
    assert target.read_bytes() == reference("default.txt").encode("utf-8")
    export_plain_text(project, target, PlainTextOptions())
    assert target.read_bytes() == reference("default.txt").encode("utf-8")
    assert [p.name for p in target.parent.iterdir()] == ["courier.txt"], "no temporary files"


def test_an_export_can_be_shared_like_any_file_the_user_makes(
    project: Project, tmp_path: Path
) -> None:
    plain = tmp_path / "made-by-hand.txt"
    plain.write_text("x", encoding="utf-8")  # the user's umask decides, as for any program
    target = tmp_path / "courier.txt"
    export_plain_text(project, target, PlainTextOptions())
    assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)
    target.chmod(0o640)  # the user narrowed it: a new export of the same file keeps that
    export_plain_text(project, target, PlainTextOptions())
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_export_to_a_missing_folder_says_so(project: Project, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="Could not write"):
        export_plain_text(project, tmp_path / "nowhere" / "out.txt", PlainTextOptions())


def test_progress_is_reported_scene_by_scene(project: Project) -> None:
    seen: list[tuple[int, int]] = []
    render_plain_text(project, PlainTextOptions(), lambda done, total: seen.append((done, total)))
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (PlainTextOptions(quotes="fancy"), "Quotes must be one of"),
        (PlainTextOptions(line_ending="cr"), "lf or crlf"),
        (PlainTextOptions(wrap_width=10), "unreadable"),
    ],
)
def test_bad_options_are_refused(project: Project, options: PlainTextOptions, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        render_plain_text(project, options)


def test_front_matter_follows_the_title_block(book: Book, tmp_path: Path) -> None:
    copy = tmp_path / "courier.safehouse"
    shutil.copyfile(book.path, copy)
    with open_project(copy) as project:
        project.manuscript.set_setting("front_matter", "For *Inês*, who feeds everyone.\n")
        text = render_plain_text(project, PlainTextOptions())
        assert text.startswith(
            "THE QUIET COURIER\nby M. Okafor\nabout 100 words\n\n\n"
            "For _Inês_, who feeds everyone.\n\n\nChapter 1\nArrivals\n"
        )
        subset = render_plain_text(project, PlainTextOptions(chapter_ids=(book.chapters[2],)))
        assert "Inês" not in subset


def test_untidy_scenes_print_tidy_with_emphasis_paragraph_by_paragraph(tmp_path: Path) -> None:
    """Spaces before line breaks go, blank lines are cut to two (also where a scene's own
    blank lines meet the ones around it), and emphasis is read in each paragraph alone."""
    with create_project(tmp_path / "untidy.safehouse", title="Loose Ends") as project:
        m = project.manuscript
        first = m.add_chapter("One")
        m.add_scene(
            first.id,
            "Ragged",
            body="A *plain* start.\t\n\n\n\n\nNo stars here, *none\n\nthat* close. \n"
            "Line **two** *\n\n\n  \t\nend *here*.  ",
        )
        m.add_scene(first.id, "Blank", body=" \n \t ")
        m.add_scene(first.id, "Last", body="\n\n  \n**Done.**")
        text = render_plain_text(project, PlainTextOptions())
    assert text == (
        "LOOSE ENDS\nabout 100 words\n\n\nChapter 1\nOne\n\n\n"
        "A _plain_ start.\n\n\n"
        "No stars here, *none\n\nthat* close.\n"
        "Line _two_ *\n\n\n"
        "end _here_.\n\n#\n\n\n#\n\n\n_Done._\n\n\nTHE END\n"
    )


@pytest.mark.parametrize("style", list(MarkupStyle))
def test_emphasis_in_a_scene_reads_as_markup_render_reads_it(style: MarkupStyle) -> None:
    """The exporter's quick ways to emphasis (the paragraphs with an asterisk only; italics
    alone without regexes over the whole scene) print what render prints for the whole text:
    runs that would cross a blank line, lone and space-side asterisks, non-breaking spaces,
    bold, and thousands of random mixes of them."""
    samples = [
        "*one* and *two*",
        "a *run\n\nacross* a blank line, *then\none* line break",
        "lone * star, *space *, * space*, *\u00a0nbsp*, *x*y*, end *",
        "**bold** and *italic* and ***both***",
        "*a * b* and *a *b c*",
        "\n\n\n*lead*\n\n\n\n*trail*\n\n\n",
    ]
    rng = random.Random(20_240_607)
    pieces = ["*", "*", "*", " ", "\n", "\n\n", "a", "b", "\t", "\u00a0", "x y", "**"]
    samples += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 20))) for _ in range(5000)]
    for text in samples:
        assert _emphasis(text, style) == render(text, style), repr(text)


def test_blocks_are_tidied_as_the_whole_text_would_be() -> None:
    """The manuscript's blocks joined and tidied one by one (spaces and tabs before a line
    break dropped, runs of line breaks cut to three, also across the joins) give what the
    plain rule over the whole joined text gives, for thousands of random untidy blocks."""
    rng = random.Random(20_240_608)
    pieces = ["a", "b c", " ", "\t", "\n", "\n", "\n\n", "\n\n\n", "\r", "\u00a0", "*"]
    for _ in range(3000):
        blocks = [
            "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
            for _ in range(rng.randint(0, 5))
        ]
        whole = "\n\n".join(b for b in blocks if b) + "\n"
        whole = re.sub(r"\n\n\n\n+", "\n\n\n", re.sub(r"[ \t]+\n", "\n", whole))
        assert _joined(blocks) == whole, repr(blocks)
