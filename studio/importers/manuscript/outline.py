"""The in-memory outline a manuscript is read into, before anything is written to a project."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

CastKind = Literal["person", "place", "other"]


@dataclass(frozen=True)
class OutlineScene:
    """A scene. body is in our light markup: paragraphs apart by "\\n\\n", *italic*, **bold**."""

    title: str
    body: str


@dataclass(frozen=True)
class OutlineChapter:
    title: str
    scenes: tuple[OutlineScene, ...]


@dataclass(frozen=True)
class OutlinePart:
    """A part (book, epilogue…); title None holds the chapters that are outside any part."""

    title: str | None
    chapters: tuple[OutlineChapter, ...]


@dataclass(frozen=True)
class CastCandidate:
    """A name that recurs mid-sentence, with how often it (or a short form of it) occurs.

    kind is a guess from the words around it: "place" for a name mostly after "in", "to",
    "from"… or ending in "Street", "Lodge"…; "other" for one mostly after "the" or "a" (the
    Guards, the Admiralty); "person" otherwise.
    """

    name: str
    count: int
    kind: CastKind = "person"


@dataclass(frozen=True)
class ManuscriptOutline:
    """What read_manuscript found.

    front_matter holds the text before the first heading (title page, dedication, preface) so
    that no word is lost; it is empty when the manuscript has no headings (then all text is in
    the one chapter). heading_pattern / part_pattern are the regular expressions used for chapter
    and part headings (detected, or as given), so a preview can show them for editing.
    """

    title: str
    author: str
    parts: tuple[OutlinePart, ...]
    candidates: tuple[CastCandidate, ...]
    encoding: str
    notices: tuple[str, ...]
    heading_pattern: str = ""
    part_pattern: str = ""
    front_matter: tuple[OutlineScene, ...] = ()

    @property
    def chapters(self) -> tuple[OutlineChapter, ...]:
        """Every chapter in order, across parts."""
        return tuple(chapter for part in self.parts for chapter in part.chapters)

    def scenes(self) -> Iterator[OutlineScene]:
        """Every scene in reading order, front matter first."""
        yield from self.front_matter
        for chapter in self.chapters:
            yield from chapter.scenes
