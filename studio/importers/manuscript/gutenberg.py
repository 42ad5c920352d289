"""Project Gutenberg editions: the header (title, author), the licence footer, the credits."""

from __future__ import annotations

import re
from dataclasses import dataclass

_START = re.compile(r"\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)
_END = re.compile(r"\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)
_FIELD = re.compile(r"(Title|Author):\s*(\S.*?)\s*$")
_CREDIT = re.compile(r"(?:Produced by|E-?text prepared by|Transcribed (?:from|by))\b", re.I)
_END_LINE = re.compile(r"End of (?:the )?Project Gutenberg", re.IGNORECASE)
# The same lines found in the whole text: white space only within the line.
_START_IN_TEXT = re.compile(r"\*{3}[^\S\n]*START OF (?:THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)
_END_IN_TEXT = re.compile(r"\*{3}[^\S\n]*END OF (?:THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)
_TEXT_PER_LONE_STAR = 4096  # characters of text per lone "*" looked at before searching "***"


@dataclass(frozen=True)
class GutenbergFrame:
    """Where the book's own text is: lines [start, end), minus the lines in skipped."""

    title: str | None
    author: str | None
    start: int
    end: int
    skipped: frozenset[int]


def find_frame(lines: list[str], text: str | None = None) -> GutenbergFrame:
    """The body's line range; the whole text when it is not a Gutenberg edition.

    text, when given, is "\\n".join(lines): the START and END lines are then found by one
    search of it rather than a look at every line.
    """
    if text is not None:
        start, end = _frame_in_text(text, len(lines))
    else:
        start = _find(lines, _START, 0, len(lines))
        end = None if start is None else _find(lines, _END, start + 1, len(lines))
    if start is None:
        return GutenbergFrame(None, None, 0, len(lines), frozenset())
    body_end = len(lines) if end is None else end
    fields = _header_fields(lines[:start])
    skipped = _credit_lines(lines, start + 1, body_end) | _end_line(lines, start + 1, body_end)
    return GutenbergFrame(
        fields.get("Title"), fields.get("Author"), start + 1, body_end, frozenset(skipped)
    )


def _find(lines: list[str], pattern: re.Pattern[str], start: int, end: int) -> int | None:
    for index in range(start, end):
        line = lines[index]
        if line.startswith("*") and pattern.match(line):
            return index
    return None


def _frame_in_text(text: str, line_count: int) -> tuple[int | None, int | None]:
    """The indexes of the START line and of the first END line after it, as _find gives them."""
    start = _find_in_text(text, _START_IN_TEXT, 0)
    if start is None:
        return None, None
    start_line = text.count("\n", 0, start)
    after = text.find("\n", start) + 1  # the line after START's
    end = _find_in_text(text, _END_IN_TEXT, after) if after else None
    if end is None:
        return start_line, None
    # Counted back from the end of the text: the licence after END is short, the book is not.
    return start_line, line_count - 1 - text.count("\n", end)


def _find_in_text(text: str, pattern: re.Pattern[str], offset: int) -> int | None:
    """Where the first line from offset on that starts with pattern starts.

    The search goes from one "***" to the next (a fast scan), not line by line.
    """
    position = _find_stars(text, offset)
    while position >= 0:
        if (position == 0 or text[position - 1] == "\n") and pattern.match(text, position):
            return position
        position = _find_stars(text, position + 1)
    return None


def _find_stars(text: str, offset: int) -> int:
    """text.find("***", offset), fast where "*" is rare, as in most books.

    A search for one character is a memchr (~0 ms through 3 MB of text); one for three is a
    scan (~2 ms from a Gutenberg START line to its END line), about as long per 4 KiB of text as
    a look at one lone "*". Past as many lone "*" as the text has 4 KiB (a Markdown book's
    emphasis), the three-character search is the faster.
    """
    position = text.find("*", offset)
    for _ in range(len(text) // _TEXT_PER_LONE_STAR):
        if position < 0 or text.startswith("***", position):
            return position
        position = text.find("*", position + 1)
    return text.find("***", position)


def _header_fields(header: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in header:
        match = _FIELD.match(line)
        if match and match.group(1) not in fields:
            fields[match.group(1)] = match.group(2)
    return fields


def _paragraph_at(lines: list[str], index: int, end: int) -> list[int]:
    block: list[int] = []
    while index < end and lines[index].strip():
        block.append(index)
        index += 1
    return block


def _credit_lines(lines: list[str], start: int, end: int) -> set[int]:
    """The "Produced by …" paragraph right after the START line."""
    index = start
    while index < end and not lines[index].strip():
        index += 1
    if index < end and _CREDIT.match(lines[index].strip()):
        return set(_paragraph_at(lines, index, end))
    return set()


def _end_line(lines: list[str], start: int, end: int) -> set[int]:
    """The "End of the Project Gutenberg EBook of …" paragraph right before the END line."""
    index = end - 1
    while index >= start and not lines[index].strip():
        index -= 1
    if index < start:
        return set()
    first = index
    while first - 1 >= start and lines[first - 1].strip():
        first -= 1
    if _END_LINE.match(lines[first].strip()):
        return set(range(first, index + 1))
    return set()
