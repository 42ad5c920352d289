"""Plain text and Markdown: lines → roles (body, heading, contents…) and the block stream."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from studio.importers.manuscript.blocks import Block, BlockKind
from studio.importers.manuscript.gutenberg import GutenbergFrame, find_frame
from studio.importers.manuscript.headings import (
    CONTENTS,
    SCENE_BREAK,
    heading_title,
    is_title_like,
    label,
)
from studio.importers.manuscript.paragraphs import paragraphs
from studio.importers.manuscript.rules import HeadingRules, detect_rules

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
    lines: list[str]
    roles: list[LineRole]
    blocks: list[Block]
    rules: HeadingRules
    frame: GutenbergFrame


def scan_text(
    text: str, *, markdown: bool, heading_pattern: str | None, part_pattern: str | None
) -> TextScan:
    """Classify every line of a decoded text and read its blocks."""
    lines = text.split("\n")
    frame = find_frame(lines)
    roles = _initial_roles(lines, frame)
    spans = _spans(lines, roles)
    rules = detect_rules([lines[a] for a, _ in spans], markdown, heading_pattern, part_pattern)
    kept = _drop_contents(lines, spans, roles, rules)
    if len(kept) < len(spans):  # the contents' headings do not count towards the patterns
        spans = kept
        rules = detect_rules([lines[a] for a, _ in spans], markdown, heading_pattern, part_pattern)
    reader = _BlockReader(lines, spans, roles, rules)
    return TextScan(lines, roles, reader.read(), rules, frame)


def _initial_roles(lines: list[str], frame: GutenbergFrame) -> list[LineRole]:
    roles = [LineRole.BOILERPLATE] * len(lines)
    for index in range(frame.start, frame.end):
        roles[index] = LineRole.BODY if lines[index].strip() else LineRole.BLANK
    for index in frame.skipped:
        roles[index] = LineRole.BOILERPLATE
    return roles


def _spans(lines: list[str], roles: list[LineRole]) -> list[Span]:
    """Runs of body lines; a Markdown heading line is always a run of its own."""
    spans: list[Span] = []
    start = -1
    for index, role in enumerate(roles):
        if role is not LineRole.BODY:
            if start >= 0:
                spans.append((start, index))
                start = -1
            continue
        if lines[index].startswith("#") and _MARKDOWN_LINE.match(lines[index]):
            if start >= 0:
                spans.append((start, index))
            spans.append((index, index + 1))
            start = -1
        elif start < 0:
            start = index
    if start >= 0:
        spans.append((start, len(lines)))
    return spans


def _drop_contents(
    lines: list[str], spans: list[Span], roles: list[LineRole], rules: HeadingRules
) -> list[Span]:
    """Mark a table of contents (a "Contents" line and the entries after it) and drop it."""
    for k, (first, _) in enumerate(spans):
        if len(lines[first]) < 40 and CONTENTS.match(lines[first]):
            end = k + 1
            while end < len(spans) and _is_contents_entry(lines, spans, end, rules):
                end += 1
            for a, b in spans[k:end]:
                roles[a:b] = [LineRole.CONTENTS] * (b - a)
            return spans[:k] + spans[end:]
    return spans


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
    """Walks the spans once, emitting headings, breaks and paragraphs."""

    def __init__(
        self, lines: list[str], spans: list[Span], roles: list[LineRole], rules: HeadingRules
    ) -> None:
        self.lines = lines
        self.spans = spans
        self.roles = roles
        self.rules = rules
        self.blocks: list[Block] = []
        self.kinds = [rules.heading_kind(lines[first]) for first, _ in spans]  # once per span
        self.titles_follow = self._titles_follow()

    def read(self) -> list[Block]:
        k = 0
        while k < len(self.spans):
            k = self._read_span(k)
        return self.blocks

    def _read_span(self, k: int) -> int:
        first, end = self.spans[k]
        line = self.lines[first]
        heading = self.kinds[k]
        if heading is None:
            if SCENE_BREAK.match(line):
                self.roles[first] = LineRole.BREAK
                self.blocks.append(Block(BlockKind.BREAK, ""))
                self._text(first + 1, end)
            else:
                self._text(first, end)
            return k + 1
        kind, match = heading
        self.roles[first] = LineRole.HEADING
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
            self.roles[first + 1] = LineRole.HEADING
            return self.lines[first + 1].strip(), first + 1, k + 1
        index = self.spans[k + 1][0]
        self.roles[index] = LineRole.HEADING
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
        return end - first == 1 and is_title_like(self.lines[first]) and self.kinds[k] is None

    def _titles_follow(self) -> bool:
        """Do most untitled chapter headings have a title line after them?"""
        untitled = titled_after = 0
        for k, heading in enumerate(self.kinds):
            if heading is None or heading[0] is not BlockKind.CHAPTER:
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
