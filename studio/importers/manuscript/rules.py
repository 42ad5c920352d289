"""Which heading patterns a manuscript uses, and what kind of heading a line is."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter

from studio.importers.manuscript.blocks import BlockKind
from studio.importers.manuscript.headings import (
    CHAPTER_PATTERNS,
    MARKDOWN,
    PART_PATTERN,
    choose_chapter_pattern,
    compile_pattern,
    count_markdown_headings,
)

_BOOK_PART = re.compile(r"(?i:book|part|volume)\s")
_PROLOGUE_EPILOGUE = re.compile(PART_PATTERN)

HeadingMatch = tuple[BlockKind, re.Match[str]]
# A line no built-in pattern matches can be left out before counting each pattern's matches.
_BUILT_IN = (*(source for source, _ in CHAPTER_PATTERNS), MARKDOWN, PART_PATTERN)
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_ANY_BUILT_IN = re.compile(
    "|".join("(?:" + _NAMED_GROUP.sub("(?:", source) + ")" for source in _BUILT_IN)
)
_BUILT_IN_SOURCES = frozenset(_BUILT_IN)


# Does any built-in heading pattern match a line? (A match or None, called once per line.)
may_be_heading = _ANY_BUILT_IN.match
# The characters a built-in pattern's match can start with: the first letters of its (?i) words
# in every case ("ſ" is a long s), roman numerals and "#". Checked against the patterns by tests.
BUILT_IN_FIRST = frozenset("BCEFLNPSTVbceflnpstvſIXDM#")
FIRST_CHARACTER = itemgetter(slice(0, 1))  # "" for an empty line


def heading_like(lines: Sequence[str]) -> list[int]:
    """The indexes of the lines a built-in heading pattern matches."""
    # A regex match costs a microsecond even where it fails at once; two lines in three cannot
    # start a heading, and a look-up of their first character (by map, in C) leaves them out.
    firsts = map(BUILT_IN_FIRST.__contains__, map(FIRST_CHARACTER, lines))
    return [k for k in compress(range(len(lines)), firsts) if may_be_heading(lines[k])]


@dataclass(frozen=True)
class HeadingRules:
    """The chapter and part patterns used for one manuscript; Markdown levels when Markdown."""

    chapter: re.Pattern[str] | None
    part: re.Pattern[str] | None
    markdown: bool = False
    levels: dict[int, BlockKind] = field(default_factory=dict)

    @property
    def chapter_source(self) -> str:
        return self.chapter.pattern if self.chapter else ""

    @property
    def part_source(self) -> str:
        return self.part.pattern if self.part else ""

    @property
    def built_in(self) -> bool:
        """Are both patterns built-in ones, so that a line no built-in pattern matches (see
        may_be_heading) is no heading?"""
        used = [rule.pattern for rule in (self.chapter, self.part) if rule is not None]
        return all(source in _BUILT_IN_SOURCES for source in used)

    def heading_kind(self, line: str) -> HeadingMatch | None:
        """(kind, match) when line is a heading, else None."""
        if not line or len(line) > 120:
            return None
        if self.markdown and self.chapter is not None:
            match = self.chapter.match(line)
            if match is None:
                return None
            return self.levels.get(len(match.group("marks")), BlockKind.SCENE), match
        if self.part is not None and (match := self.part.match(line)):
            return BlockKind.PART, match
        if self.chapter is not None and (match := self.chapter.match(line)):
            return BlockKind.CHAPTER, match
        if self.part is None and (match := _PROLOGUE_EPILOGUE.match(line)):
            return BlockKind.CHAPTER, match
        return None


def detect_rules(
    candidates: Sequence[str],
    markdown: bool,
    heading_pattern: str | None,
    part_pattern: str | None,
) -> HeadingRules:
    """Rules from the user's patterns where given, else from the candidate heading lines."""
    candidates = list(filter(_ANY_BUILT_IN.match, candidates))  # one test a line
    part = _part_rule(candidates, part_pattern)
    if heading_pattern is not None:
        return HeadingRules(compile_pattern(heading_pattern, "chapter heading"), part)
    chosen = choose_chapter_pattern(candidates)
    chosen_count = 0 if chosen is None else _count(chosen, candidates)
    markdown_count = count_markdown_headings(candidates)
    if markdown_count and (markdown or markdown_count > chosen_count):
        return HeadingRules(re.compile(MARKDOWN), None, True, _markdown_levels(candidates))
    return HeadingRules(None if chosen is None else re.compile(chosen), part)


def _count(source: str, candidates: Sequence[str]) -> int:
    pattern = re.compile(source)
    return sum(1 for line in candidates if pattern.match(line))


def _part_rule(candidates: Sequence[str], part_pattern: str | None) -> re.Pattern[str] | None:
    """The part pattern: as given, or the built-in one when books or parts are headed so."""
    if part_pattern is not None:
        return compile_pattern(part_pattern, "part heading") if part_pattern else None
    pattern = re.compile(PART_PATTERN)
    if any(pattern.match(line) and _BOOK_PART.match(line) for line in candidates):
        return pattern
    return None


def _markdown_levels(candidates: Sequence[str]) -> dict[int, BlockKind]:
    pattern = re.compile(MARKDOWN)
    found = [len(m.group("marks")) for line in candidates if (m := pattern.match(line))]
    return heading_levels(found, first_is_title=True)


def heading_levels(found: Sequence[int], *, first_is_title: bool) -> dict[int, BlockKind]:
    """Heading levels (in order of use) → kinds: the two shallowest used are part and chapter
    when both are used (deeper ones: titled scenes); with one level used, chapters.

    With first_is_title, a shallowest level used once, by the first heading, is the book's title.
    """
    used = sorted(set(found))
    levels: dict[int, BlockKind] = {}
    if first_is_title and len(used) >= 2 and found[0] == used[0] and found.count(used[0]) == 1:
        levels[used.pop(0)] = BlockKind.TITLE
    kinds = [BlockKind.PART, BlockKind.CHAPTER] if len(used) >= 2 else [BlockKind.CHAPTER]
    for level, kind in zip(used, kinds, strict=False):
        levels[level] = kind
    for level in used[len(kinds) :]:
        levels[level] = BlockKind.SCENE
    return levels
