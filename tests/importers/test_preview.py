"""The import preview's rows and summary, without a window."""

from __future__ import annotations

from studio.importers.manuscript.outline import (
    ManuscriptOutline,
    OutlineChapter,
    OutlinePart,
    OutlineScene,
)
from studio.importers.manuscript.preview import build_preview


def outline(
    parts: tuple[OutlinePart, ...], front: tuple[OutlineScene, ...] = ()
) -> ManuscriptOutline:
    return ManuscriptOutline("T", "A", parts, (), "UTF-8", (), front_matter=front)


def test_rows_in_reading_order_with_words() -> None:
    one = OutlineChapter("One", (OutlineScene("Scene 1", "a b c"), OutlineScene("Scene 2", "d e")))
    two = OutlineChapter("Two", (OutlineScene("Scene 1", "*f* g"),))
    preview = build_preview(
        outline((OutlinePart("Book One", (one, two)),), (OutlineScene("Front", "x y"),))
    )
    assert [(r.kind, r.title, r.depth, r.words, r.children) for r in preview.rows] == [
        ("front", "Front matter (before the first heading)", 0, 2, 0),
        ("part", "Book One", 0, 7, 2),
        ("chapter", "One", 1, 5, 2),
        ("scene", "Scene 1", 2, 3, 0),
        ("scene", "Scene 2", 2, 2, 0),
        ("chapter", "Two", 1, 2, 1),
        ("scene", "Scene 1", 2, 2, 0),
    ]
    assert (preview.parts, preview.chapters, preview.scenes, preview.words) == (1, 2, 3, 9)
    assert preview.summary() == "1 part  ·  2 chapters  ·  3 scenes  ·  9 words"


def test_chapters_outside_parts_are_at_the_top() -> None:
    story = OutlineChapter("Story", (OutlineScene("Scene 1", "word"),))
    preview = build_preview(outline((OutlinePart(None, (story,)),)))
    assert [(r.kind, r.depth) for r in preview.rows] == [("chapter", 0), ("scene", 1)]
    assert preview.summary() == "1 chapter  ·  1 scene  ·  1 word"
