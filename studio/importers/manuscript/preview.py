"""What an import preview lists: the outline's parts, chapters and scenes with word counts.

Plain data, built where the manuscript was read (the window does this in a worker thread, so
counting 566,000 words never holds up painting).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from studio.core.text import word_counts
from studio.importers.manuscript.outline import ManuscriptOutline, OutlineChapter

RowKind = Literal["front", "part", "chapter", "scene"]
FRONT_MATTER_LABEL = "Front matter (before the first heading)"


@dataclass(frozen=True)
class PreviewRow:
    """One line of the preview: depth 0 is a part, or a chapter outside any part, and so on."""

    kind: RowKind
    title: str
    depth: int
    words: int
    children: int = 0  # a part's chapters, a chapter's scenes


@dataclass(frozen=True)
class Preview:
    outline: ManuscriptOutline
    rows: tuple[PreviewRow, ...]
    parts: int
    chapters: int
    scenes: int
    words: int  # front matter included

    def summary(self) -> str:
        """ "17 parts · 365 chapters · 380 scenes · 566,310 words" (no parts: none said)."""
        pieces = [_count(self.parts, "part")] if self.parts else []
        pieces += [
            _count(self.chapters, "chapter"),
            _count(self.scenes, "scene"),
            _count(self.words, "word"),
        ]
        return "  ·  ".join(pieces)


def build_preview(outline: ManuscriptOutline) -> Preview:
    """The preview rows in reading order, each with its words."""
    rows: list[PreviewRow] = []
    # Every scene's words counted at once, in reading order (front matter first), as read below.
    counts = iter(word_counts([scene.body for scene in outline.scenes()]))
    total = sum(next(counts) for _ in outline.front_matter)
    if outline.front_matter:
        rows.append(PreviewRow("front", FRONT_MATTER_LABEL, 0, total))
    scenes = 0
    for part in outline.parts:
        depth = 0 if part.title is None else 1
        chapter_rows = [row for c in part.chapters for row in _chapter_rows(c, depth, counts)]
        words = sum(row.words for row in chapter_rows if row.kind == "chapter")
        if part.title is not None:
            rows.append(PreviewRow("part", part.title, 0, words, len(part.chapters)))
        rows.extend(chapter_rows)
        total += words
        scenes += sum(1 for row in chapter_rows if row.kind == "scene")
    parts = sum(1 for part in outline.parts if part.title is not None)
    return Preview(outline, tuple(rows), parts, len(outline.chapters), scenes, total)


def _chapter_rows(chapter: OutlineChapter, depth: int, counts: Iterator[int]) -> list[PreviewRow]:
    scenes = [PreviewRow("scene", s.title, depth + 1, next(counts)) for s in chapter.scenes]
    words = sum(row.words for row in scenes)
    return [PreviewRow("chapter", chapter.title, depth, words, len(scenes)), *scenes]


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")
