"""Plain text and Markdown: lines → roles (body, heading, contents…) and the block stream.

A book is some 60,000 lines and 12,000 paragraphs, of which a few hundred are headings, breaks or
contents. So the lines are classified by C-level passes (map, compress, one regex over many
lines), only the paragraphs that start with something special are read one by one, and the
ordinary paragraphs between two special ones are made in one comprehension, each by joining its
stripped lines (the credits the frame leaves out are a first or last paragraph, never between).
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, pairwise, repeat

from studio.importers.manuscript.blocks import Block, BlockKind
from studio.importers.manuscript.gutenberg import GutenbergFrame, find_frame
from studio.importers.manuscript.headings import (
    CONTENTS,
    SCENE_BREAK,
    SCENE_BREAK_FIRST,
    heading_title,
    is_title_like,
    label,
)
from studio.importers.manuscript.paragraphs import (
    WRAPPED_WIDTH,
    paragraphs,
    underscores_to_markup,
)
from studio.importers.manuscript.rules import (
    FIRST_CHARACTER,
    HeadingRules,
    detect_rules,
    heading_like,
)

_MARKDOWN_LINE = re.compile(r"#{1,6}\s")
# A contents entry at the margin: "1. The Letter", "IV The Reply", "- [Moscow](#moscow)", "… 12".
_TOC_ENTRY = re.compile(r"\s*(?:(?:\d+|[IVXLCDM]+)\.?\s|[-*+]\s)|.*\s\d+\s*$")

Span = tuple[int, int]  # [first, end) line indexes of consecutive non-blank lines


class LineRole(enum.Enum):
    BODY = "body"
    BLANK = "blank"
    BOILERPLATE = "boilerplate"  # Gutenberg header, footer, credits
    CONTENTS = "contents"  # a table of contents
    HEADING = "heading"  # part, chapter or scene heading, or a chapter title line under one
    BREAK = "break"  # a scene-break line


@dataclass(frozen=True)
class TextScan:
    """The scan of a text: its lines, blocks, rules and frame; roles (one per line) on demand."""

    lines: list[str]
    blocks: list[Block]
    rules: HeadingRules
    frame: GutenbergFrame
    marks: dict[int, LineRole] = field(default_factory=dict)  # headings, breaks, contents

    @cached_property
    def roles(self) -> list[LineRole]:
        lines, frame = self.lines, self.frame
        roles = [LineRole.BOILERPLATE] * len(lines)
        for index in range(frame.start, frame.end):
            roles[index] = LineRole.BODY if lines[index].strip() else LineRole.BLANK
        for index in frame.skipped:
            roles[index] = LineRole.BOILERPLATE
        for index, role in self.marks.items():
            roles[index] = role
        return roles


def scan_text(
    text: str, *, markdown: bool, heading_pattern: str | None, part_pattern: str | None
) -> TextScan:
    """Classify every line of a decoded text and read its blocks."""
    lines = text.split("\n")
    frame = find_frame(lines, text)
    spans = _spans(text, lines, frame)
    firsts = [lines[a] for a, _ in spans]
    maybe = heading_like(firsts)
    rules = detect_rules([firsts[k] for k in maybe], markdown, heading_pattern, part_pattern)
    marks: dict[int, LineRole] = {}
    glued: set[int] = {k for k in range(1, len(spans)) if spans[k][0] == spans[k - 1][1]}
    dropped = _drop_contents(lines, spans, firsts, marks, rules)
    if dropped is not None:  # the contents' headings do not count towards the patterns
        k, end = dropped
        spans = spans[:k] + spans[end:]
        firsts = firsts[:k] + firsts[end:]
        shift = end - k
        glued = {j for j in glued if j < k} | {j - shift for j in glued if j >= end} | {k}
        maybe = [j for j in maybe if j < k] + [j - shift for j in maybe if j >= end]
        rules = detect_rules([firsts[j] for j in maybe], markdown, heading_pattern, part_pattern)
    # Only the spans a built-in pattern may match can be headings under built-in rules.
    candidates = maybe if rules.built_in else range(len(firsts))
    reader = _BlockReader(lines, spans, firsts, candidates, marks, rules, glued)
    return TextScan(lines, reader.read(), rules, frame, marks)


def _spans(text: str, lines: list[str], frame: GutenbergFrame) -> list[Span]:
    """Runs of body lines; a Markdown heading line is always a run of its own."""
    start, end = frame.start, frame.end
    # The blank lines (the credits count as blank here) part the spans.
    blank = [i for i, line in enumerate(lines[start:end], start) if not line.strip()]
    separators = [start - 1, *blank, end]
    if frame.skipped:
        separators = sorted({*separators, *frame.skipped})
    spans = [(a + 1, b) for a, b in pairwise(separators) if b > a + 1]
    heads = [
        index
        for index in _lines_starting_hash(text)
        if start <= index < end
        and index not in frame.skipped
        and _MARKDOWN_LINE.match(lines[index])
    ]
    return _split_at(spans, heads) if heads else spans


def _lines_starting_hash(text: str) -> list[int]:
    """The indexes of the lines that start with "#"."""
    # A search for "#" alone, each then checked for a line break before it: "#" is rare in a
    # book, and a search for the two characters "\n#" stops at every line break (~3 ms).
    found: list[int] = []
    line, offset = 0, 0
    position = text.find("#")
    while position >= 0:
        if position == 0 or text[position - 1] == "\n":
            line += text.count("\n", offset, position)
            offset = position
            found.append(line)
        position = text.find("#", position + 1)
    return found


def _split_at(spans: list[Span], heads: list[int]) -> list[Span]:
    """The spans with each line of heads (inside some span) made a span of its own."""
    split: list[Span] = []
    firsts = [a for a, _ in spans]
    at = {bisect_right(firsts, index) - 1 for index in heads}
    wanted = set(heads)
    for k, (first, end) in enumerate(spans):
        if k not in at:
            split.append((first, end))
            continue
        begin = first
        for index in range(first, end):
            if index in wanted:
                if begin < index:
                    split.append((begin, index))
                split.append((index, index + 1))
                begin = index + 1
        if begin < end:
            split.append((begin, end))
    return split


def _drop_contents(
    lines: list[str],
    spans: list[Span],
    firsts: list[str],
    marks: dict[int, LineRole],
    rules: HeadingRules,
) -> tuple[int, int] | None:
    """Mark a table of contents (a "Contents" line and the entries after it); the spans it took."""
    for k in compress(range(len(firsts)), map(CONTENTS.match, firsts)):
        if len(firsts[k]) >= 40:
            continue
        end = k + 1
        while end < len(spans) and _is_contents_entry(lines, spans, end, rules):
            end += 1
        for a, b in spans[k:end]:
            marks.update(zip(range(a, b), repeat(LineRole.CONTENTS)))
        return k, end
    return None


def _is_contents_entry(lines: list[str], spans: list[Span], k: int, rules: HeadingRules) -> bool:
    first, end = spans[k]
    block = lines[first:end]
    if any(len(line.strip()) > 80 for line in block):
        return False
    if rules.heading_kind(lines[first]) is not None:
        return _repeats_kind(lines, spans, k, rules)
    return all(line[:1].isspace() or _TOC_ENTRY.match(line) for line in block)


def _repeats_kind(lines: list[str], spans: list[Span], k: int, rules: HeadingRules) -> bool:
    """Is the heading at spans[k] one of a list of headings (a contents), not a real one?

    Real headings come at most one of each kind together (a part, then a chapter) before text.
    """
    kinds: list[BlockKind] = []
    for first, _ in spans[k : k + 4]:
        heading = rules.heading_kind(lines[first])
        if heading is None:
            break
        if heading[0] in kinds:
            return True
        kinds.append(heading[0])
    return False


class _BlockReader:
    """Walks the spans once, emitting headings, breaks and paragraphs.

    Spans whose first line is a heading or a break, spans with a line too long to be hard-wrapped
    and spans not parted from the one before by blank lines alone (glued) are read one by one;
    the ordinary spans between them become one TEXT block of paragraphs apart by blank lines.
    """

    def __init__(
        self,
        lines: list[str],
        spans: list[Span],
        firsts: list[str],
        candidates: Iterable[int],
        marks: dict[int, LineRole],
        rules: HeadingRules,
        glued: set[int],
    ) -> None:
        self.lines = lines
        self.spans = spans
        self.marks = marks
        self.rules = rules
        self.blocks: list[Block] = []
        heading_kind = rules.heading_kind  # once per span, only where a heading may be
        self.kinds = {k: kind for k in candidates if (kind := heading_kind(firsts[k])) is not None}
        # Only a span starting with a break's character is matched (a regex costs more per line).
        stripped = map(FIRST_CHARACTER, map(str.lstrip, firsts))
        starting = compress(range(len(firsts)), map(SCENE_BREAK_FIRST.__contains__, stripped))
        self.breaks = {k for k in starting if k not in self.kinds and SCENE_BREAK.match(firsts[k])}
        self.single = self.breaks | set(self.kinds) | _wide_spans(lines, spans)
        self.glued = glued
        self.titles_follow = self._titles_follow()

    def read(self) -> list[Block]:
        k = 0
        for stop in sorted(self.single | self.glued | {len(self.spans)}):
            if k < stop:
                self._plain(k, stop)
                k = stop
            if k == stop and stop in self.single:
                k = self._read_span(k)  # past a title span when the heading took one
        return self.blocks

    def _plain(self, k: int, stop: int) -> None:
        """Spans k..stop-1, all ordinary and apart by blank lines only, as one TEXT block."""
        if stop - k == 1:
            self._text(*self.spans[k])
            return
        # Each span is a paragraph (no line of a span is blank): its lines stripped and joined
        # by spaces, a lone line stripped. Made span by span, each piece small enough to stay in
        # the processor's cache (one join of a chapter's lines, split and joined again, ~2x).
        lines, strip = self.lines, str.strip
        text = "\n\n".join(
            [
                " ".join(map(strip, lines[first:end])) if end - first > 1 else strip(lines[first])
                for first, end in self.spans[k:stop]
            ]
        )
        self.blocks.append(Block(BlockKind.TEXT, underscores_to_markup(text)))

    def _read_span(self, k: int) -> int:
        first, end = self.spans[k]
        line = self.lines[first]
        heading = self.kinds.get(k)
        if heading is None:
            if k in self.breaks:
                self.marks[first] = LineRole.BREAK
                self.blocks.append(Block(BlockKind.BREAK, ""))
                self._text(first + 1, end)
            else:
                self._text(first, end)
            return k + 1
        kind, match = heading
        self.marks[first] = LineRole.HEADING
        title = heading_title(match) if kind is BlockKind.CHAPTER or self.rules.markdown else None
        next_k = k + 1
        if title is None and kind is BlockKind.CHAPTER and self.titles_follow:
            title, first, next_k = self._title_after(k)
        self.blocks.append(Block(kind, title or label(line)))
        self._text(first + 1, end)
        return next_k

    def _title_after(self, k: int) -> tuple[str | None, int, int]:
        """(title, last line used, next span) for a chapter heading whose title may follow."""
        first, end = self.spans[k]
        if not self._title_may_follow(k):
            return None, first, k + 1
        if end - first == 2:
            self.marks[first + 1] = LineRole.HEADING
            return self.lines[first + 1].strip(), first + 1, k + 1
        index = self.spans[k + 1][0]
        self.marks[index] = LineRole.HEADING
        return self.lines[index].strip(), first, k + 2

    def _title_may_follow(self, k: int) -> bool:
        """Is the chapter heading at spans[k] followed by a lone title-like line?"""
        first, end = self.spans[k]
        if end - first == 2:
            return is_title_like(self.lines[first + 1])
        return end - first == 1 and self._single_title_span(k + 1)

    def _single_title_span(self, k: int) -> bool:
        if k >= len(self.spans):
            return False
        first, end = self.spans[k]
        return end - first == 1 and is_title_like(self.lines[first]) and k not in self.kinds

    def _titles_follow(self) -> bool:
        """Do most untitled chapter headings have a title line after them?"""
        untitled = titled_after = 0
        for k, heading in sorted(self.kinds.items()):
            if heading[0] is not BlockKind.CHAPTER:
                continue
            if heading_title(heading[1]) is not None or self.rules.markdown:
                continue
            untitled += 1
            titled_after += self._title_may_follow(k)
        return untitled > 0 and titled_after * 2 >= untitled

    def _text(self, first: int, end: int) -> None:
        if first < end:
            for text in paragraphs(self.lines[first:end]):
                self.blocks.append(Block(BlockKind.TEXT, text))


def _wide_spans(lines: list[str], spans: list[Span]) -> set[int]:
    """Spans with a line other than their last longer than hard-wrapped text is."""
    if not spans:
        return set()
    start, end = spans[0][0], spans[-1][1]
    if max(map(len, lines[start:end])) <= WRAPPED_WIDTH:
        return set()  # hard-wrapped throughout, as most books are (this in C, the rest not)
    long = [i for i, size in enumerate(map(len, lines[start:end]), start) if size > WRAPPED_WIDTH]
    firsts = [a for a, _ in spans]
    wide: set[int] = set()
    for index in long:
        k = bisect_right(firsts, index) - 1
        if index < spans[k][1] - 1:
            wide.add(k)
    return wide
